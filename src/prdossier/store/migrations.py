"""Schema migrations. Entry N brings a database from schema version N to N + 1."""

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE repos (
        id INTEGER PRIMARY KEY,
        identity TEXT NOT NULL UNIQUE,
        name TEXT,
        url TEXT
    );
    CREATE TABLE changes (
        repo_id INTEGER NOT NULL REFERENCES repos(id),
        sha TEXT NOT NULL,
        position INTEGER NOT NULL,
        number INTEGER,
        title TEXT NOT NULL,
        tags TEXT NOT NULL,
        author TEXT,
        merged_at TEXT NOT NULL,
        analysis_key TEXT NOT NULL,
        facts BLOB NOT NULL,
        PRIMARY KEY (repo_id, sha)
    );
    CREATE INDEX changes_by_number ON changes(repo_id, number);
    CREATE TABLE files (
        repo_id INTEGER NOT NULL,
        sha TEXT NOT NULL,
        path TEXT NOT NULL,
        old_path TEXT,
        status TEXT NOT NULL,
        category TEXT NOT NULL,
        change_type TEXT NOT NULL,
        module TEXT NOT NULL,
        additions INTEGER NOT NULL,
        deletions INTEGER NOT NULL
    );
    CREATE INDEX files_by_change ON files(repo_id, sha);
    CREATE INDEX files_by_path ON files(repo_id, path);
    CREATE TABLE symbols (
        repo_id INTEGER NOT NULL,
        sha TEXT NOT NULL,
        path TEXT NOT NULL,
        qualname TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL
    );
    CREATE INDEX symbols_by_change ON symbols(repo_id, sha);
    CREATE INDEX symbols_by_name ON symbols(repo_id, qualname);
    CREATE TABLE skipped (
        repo_id INTEGER NOT NULL,
        sha TEXT NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (repo_id, sha)
    );
    CREATE TABLE reports (
        repo_id INTEGER NOT NULL,
        sha TEXT NOT NULL,
        language TEXT NOT NULL,
        format TEXT NOT NULL,
        report_key TEXT NOT NULL,
        content TEXT NOT NULL,
        PRIMARY KEY (repo_id, sha, language, format)
    );
    """,
    """
    ALTER TABLE changes ADD COLUMN reverts_commit TEXT;
    ALTER TABLE changes ADD COLUMN linked INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX changes_unlinked ON changes(repo_id, linked);
    CREATE TABLE tags (
        repo_id INTEGER NOT NULL,
        sha TEXT NOT NULL,
        tag TEXT NOT NULL
    );
    CREATE INDEX tags_by_change ON tags(repo_id, sha);
    CREATE INDEX tags_by_tag ON tags(repo_id, tag);
    CREATE TABLE refs (
        repo_id INTEGER NOT NULL,
        sha TEXT NOT NULL,
        number INTEGER NOT NULL,
        relation TEXT NOT NULL
    );
    CREATE INDEX refs_by_change ON refs(repo_id, sha);
    CREATE INDEX refs_by_number ON refs(repo_id, number);
    CREATE TABLE links (
        repo_id INTEGER NOT NULL,
        sha TEXT NOT NULL,
        other_sha TEXT NOT NULL,
        score REAL NOT NULL,
        link TEXT NOT NULL,
        PRIMARY KEY (repo_id, sha, other_sha)
    );
    CREATE INDEX links_by_other ON links(repo_id, other_sha);
    """,
    """
    CREATE TABLE http_cache (
        url TEXT PRIMARY KEY,
        etag TEXT NOT NULL,
        body BLOB NOT NULL,
        next_url TEXT
    );
    CREATE TABLE pull_threads (
        repo_id INTEGER NOT NULL,
        number INTEGER NOT NULL,
        updated_at TEXT,
        digest TEXT NOT NULL,
        bundle BLOB NOT NULL,
        PRIMARY KEY (repo_id, number)
    );
    """,
)
