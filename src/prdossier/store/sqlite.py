"""SQLite access. One connection; writes are batched and committed by the caller."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
import platformdirs

from prdossier.errors import UserError
from prdossier.store.migrations import MIGRATIONS

if TYPE_CHECKING:
    from prdossier.analysis.models import ChangeFacts, RelatedLink
    from prdossier.analysis.related import PrDigest
    from prdossier.sources.github import CachedPage

APPLICATION_ID = 0x50524453  # "PRDS"
SCHEMA_VERSION = len(MIGRATIONS)


def default_db_path() -> Path:
    return platformdirs.user_data_path("prdossier") / "prdossier.sqlite3"


def db_path_from(value: str | None) -> Path:
    """`--db` takes a path or a `sqlite:///path` URL."""
    if value is None:
        return default_db_path()
    if value.startswith("sqlite:///"):
        return Path(value.removeprefix("sqlite:///")).expanduser()
    if "://" in value:
        raise UserError(f"unsupported database URL (only sqlite:///PATH): {value}")
    return Path(value).expanduser()


@dataclass(frozen=True)
class StoredChange:
    sha: str
    number: int | None
    merged_at: str


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path)
            self._prepare()
        except sqlite3.DatabaseError as exc:
            raise UserError(f"cannot use database {path}: {exc}") from None
        except OSError as exc:
            raise UserError(f"cannot open database {path}: {exc.strerror}") from None

    def _prepare(self) -> None:
        app_id = self.db.execute("PRAGMA application_id").fetchone()[0]
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        tables = self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id != APPLICATION_ID and tables:
            raise UserError(f"{self.path} is a SQLite database of another program, not prdossier's")
        if version > SCHEMA_VERSION:
            raise UserError(f"{self.path} was written by a newer prdossier "
                            f"(schema {version}, this one knows {SCHEMA_VERSION})")
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        for step in range(version, SCHEMA_VERSION):
            with self.db:
                self.db.executescript(f"BEGIN;{MIGRATIONS[step]}"
                                      f"PRAGMA user_version={step + 1};"
                                      f"PRAGMA application_id={APPLICATION_ID};COMMIT;")

    def close(self) -> None:
        self.db.close()

    def commit(self) -> None:
        self.db.commit()

    def repo_id(self, identity: str, name: str | None, url: str | None) -> int:
        self.db.execute(
            "INSERT INTO repos(identity, name, url) VALUES (?, ?, ?) "
            "ON CONFLICT(identity) DO UPDATE SET name=excluded.name, url=excluded.url",
            (identity, name, url))
        row = self.db.execute("SELECT id FROM repos WHERE identity=?", (identity,)).fetchone()
        self.db.commit()
        return int(row[0])

    def url_of(self, identity: str) -> str | None:
        row = self.db.execute("SELECT url FROM repos WHERE identity=?", (identity,)).fetchone()
        return row[0] if row else None

    def current_shas(self, repo_id: int, analysis_key: str) -> set[str]:
        rows = self.db.execute(
            "SELECT sha FROM changes WHERE repo_id=? AND analysis_key=? "
            "UNION SELECT sha FROM skipped WHERE repo_id=?", (repo_id, analysis_key, repo_id))
        return {row[0] for row in rows}

    def save_facts(self, repo_id: int, position: int, facts: ChangeFacts,
                   analysis_key: str) -> None:
        meta = facts.meta
        blob = zlib.compress(msgspec.json.encode(facts), 6)
        self._forget(repo_id, meta.sha)
        self.db.execute(
            "INSERT INTO changes(repo_id, sha, position, number, title, tags, author, merged_at,"
            " analysis_key, facts, reverts_commit) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (repo_id, meta.sha, position, meta.number, meta.title, json.dumps(meta.tags),
             meta.author, meta.merged_at, analysis_key, blob, facts.description.reverts_commit))
        self.db.executemany("INSERT INTO tags VALUES (?,?,?)",
                            [(repo_id, meta.sha, tag) for tag in meta.tags])
        self.db.executemany(
            "INSERT INTO refs VALUES (?,?,?,?)",
            [(repo_id, meta.sha, ref.number, ref.relation)
             for ref in facts.description.references if ref.repo is None])
        self.db.executemany(
            "INSERT INTO files VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(repo_id, meta.sha, f.path, f.old_path, f.status, f.category, f.change_type,
              f.module, f.additions, f.deletions) for f in facts.files])
        self.db.executemany(
            "INSERT INTO symbols VALUES (?,?,?,?,?,?)",
            [(repo_id, meta.sha, s.path, s.qualname, s.kind, s.status)
             for f in facts.files for s in f.symbols])

    def save_skipped(self, repo_id: int, sha: str, reason: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO skipped VALUES (?,?,?)", (repo_id, sha, reason))

    def skipped_reason(self, repo_id: int, sha: str) -> str | None:
        row = self.db.execute("SELECT reason FROM skipped WHERE repo_id=? AND sha=?",
                              (repo_id, sha)).fetchone()
        return row[0] if row else None

    def _forget(self, repo_id: int, sha: str) -> None:
        for table in ("changes", "files", "symbols", "reports", "skipped", "tags", "refs", "links"):
            self.db.execute(f"DELETE FROM {table} WHERE repo_id=? AND sha=?", (repo_id, sha))
        self.db.execute("DELETE FROM links WHERE repo_id=? AND other_sha=?", (repo_id, sha))

    def pr_digests(self, repo_id: int) -> tuple[list[PrDigest], list[PrDigest]]:
        """Every stored PR as linking sees it: (already linked, not yet linked), oldest first."""
        from datetime import datetime

        from prdossier.analysis.related import PRODUCT_CATEGORIES, PrDigest

        rows = self.db.execute(
            "SELECT sha, number, title, tags, merged_at, reverts_commit, linked FROM changes "
            "WHERE repo_id=? AND number IS NOT NULL ORDER BY position", (repo_id,)).fetchall()
        files: dict[str, dict[str, tuple[int, int]]] = {row[0]: {} for row in rows}
        supporting: dict[str, set[str]] = {row[0]: set() for row in rows}
        symbols: dict[str, set[str]] = {row[0]: set() for row in rows}
        refs: dict[str, list[tuple[int, str]]] = {row[0]: [] for row in rows}
        for sha, path, additions, deletions, category in self.db.execute(
                "SELECT sha, path, additions, deletions, category FROM files WHERE repo_id=?",
                (repo_id,)):
            if sha in files:
                files[sha][path] = (additions, deletions)
                if category not in PRODUCT_CATEGORIES:
                    supporting[sha].add(path)
        for sha, path, qualname in self.db.execute(
                "SELECT sha, path, qualname FROM symbols WHERE repo_id=?", (repo_id,)):
            if sha in symbols:
                symbols[sha].add(f"{path}::{qualname}")
        for sha, number, relation in self.db.execute(
                "SELECT sha, number, relation FROM refs WHERE repo_id=?", (repo_id,)):
            if sha in refs:
                refs[sha].append((number, relation))
        linked: list[PrDigest] = []
        pending: list[PrDigest] = []
        for sha, number, title, tags, merged_at, reverts_commit, is_linked in rows:
            digest = PrDigest(sha=sha, number=number, title=title, tags=tuple(json.loads(tags)),
                              merged_at=datetime.fromisoformat(merged_at), files=files[sha],
                              supporting=frozenset(supporting[sha]),
                              symbols=frozenset(symbols[sha]), references=tuple(refs[sha]),
                              reverts_commit=reverts_commit)
            (linked if is_linked else pending).append(digest)
        return linked, pending

    def has_unlinked(self, repo_id: int) -> bool:
        return self.db.execute(
            "SELECT 1 FROM changes WHERE repo_id=? AND linked=0 AND number IS NOT NULL LIMIT 1",
            (repo_id,)).fetchone() is not None

    def save_links(self, repo_id: int, sha: str,
                   pairs: list[tuple[RelatedLink, RelatedLink]]) -> None:
        """Store `sha`'s links in both directions and mark it linked."""
        rows = []
        for forward, backward in pairs:
            rows.append((repo_id, sha, forward.sha, forward.score, msgspec.json.encode(forward).decode()))
            rows.append((repo_id, forward.sha, sha, backward.score, msgspec.json.encode(backward).decode()))
        self.db.executemany("INSERT OR REPLACE INTO links VALUES (?,?,?,?,?)", rows)
        self.db.execute("UPDATE changes SET linked=1 WHERE repo_id=? AND sha=?", (repo_id, sha))

    @staticmethod
    def decode_links(documents: list[str]) -> list[RelatedLink]:
        """Links as `links_json` gives them, read back into the link model."""
        from prdossier.analysis.models import RelatedLink

        return [msgspec.json.decode(document, type=RelatedLink) for document in documents]

    def links_json(self, repo_id: int, sha: str, limit: int | None = None) -> list[str]:
        """The stored links of one change, best first, as JSON documents."""
        rows = self.db.execute(
            "SELECT link FROM links WHERE repo_id=? AND sha=? ORDER BY score DESC, other_sha "
            "LIMIT ?", (repo_id, sha, -1 if limit is None else limit))
        return [row[0] for row in rows]

    def pr_count(self, repo_id: int) -> int:
        return int(self.db.execute("SELECT count(*) FROM changes WHERE repo_id=? AND number IS NOT NULL",
                                   (repo_id,)).fetchone()[0])

    def load_facts(self, repo_id: int, sha: str, analysis_key: str) -> ChangeFacts | None:
        row = self.db.execute(
            "SELECT facts FROM changes WHERE repo_id=? AND sha=? AND analysis_key=?",
            (repo_id, sha, analysis_key)).fetchone()
        if row is None:
            return None
        from prdossier.analysis.models import ChangeFacts

        try:
            return msgspec.json.decode(zlib.decompress(row[0]), type=ChangeFacts)
        except (zlib.error, msgspec.DecodeError):  # damaged: analysed again, as if never stored
            return None

    def number_of(self, repo_id: int, sha: str) -> int | None:
        row = self.db.execute("SELECT number FROM changes WHERE repo_id=? AND sha=?",
                              (repo_id, sha)).fetchone()
        return row[0] if row else None

    def sha_of_number(self, repo_id: int, number: int) -> str | None:
        row = self.db.execute(
            "SELECT sha FROM changes WHERE repo_id=? AND number=? ORDER BY position DESC LIMIT 1",
            (repo_id, number)).fetchone()
        return row[0] if row else None

    def changes(self, repo_id: int, since: str | None = None) -> list[StoredChange]:
        rows = self.db.execute(
            "SELECT sha, number, merged_at FROM changes WHERE repo_id=? ORDER BY position",
            (repo_id,)).fetchall()
        stored = [StoredChange(*row) for row in rows]
        return [c for c in stored if since is None or c.merged_at[:10] >= since]

    def cached_report(self, repo_id: int, sha: str, language: str, fmt: str,
                      report_key: str) -> str | None:
        row = self.db.execute(
            "SELECT content FROM reports WHERE repo_id=? AND sha=? AND language=? AND format=?"
            " AND report_key=?", (repo_id, sha, language, fmt, report_key)).fetchone()
        return row[0] if row else None

    def save_report(self, repo_id: int, sha: str, language: str, fmt: str, report_key: str,
                    content: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO reports VALUES (?,?,?,?,?,?)",
                        (repo_id, sha, language, fmt, report_key, content))

    def save_pull_thread(self, repo_id: int, number: int, updated_at: str | None,
                         bundle: bytes) -> None:
        digest = hashlib.blake2b(bundle, digest_size=8).hexdigest()
        self.db.execute("INSERT OR REPLACE INTO pull_threads VALUES (?,?,?,?,?)",
                        (repo_id, number, updated_at, digest, zlib.compress(bundle, 6)))

    def pull_thread(self, repo_id: int, number: int) -> tuple[str, bytes] | None:
        """The stored bundle of PR `number` and its digest."""
        row = self.db.execute("SELECT digest, bundle FROM pull_threads WHERE repo_id=? AND number=?",
                              (repo_id, number)).fetchone()
        return (row[0], zlib.decompress(row[1])) if row else None

    def pull_thread_updated_at(self, repo_id: int, number: int) -> str | None:
        row = self.db.execute("SELECT updated_at FROM pull_threads WHERE repo_id=? AND number=?",
                              (repo_id, number)).fetchone()
        return row[0] if row else None

    def page_cache(self) -> PageCache:
        return PageCache(self.db)


class PageCache:
    """Fetched API pages by URL, for conditional requests. URLs never carry the token."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def get(self, url: str) -> CachedPage | None:
        from prdossier.sources.github import CachedPage

        row = self.db.execute("SELECT etag, body, next_url FROM http_cache WHERE url=?",
                              (url,)).fetchone()
        return CachedPage(etag=row[0], body=zlib.decompress(row[1]), next_url=row[2]) if row else None

    def put(self, url: str, page: CachedPage) -> None:
        self.db.execute("INSERT OR REPLACE INTO http_cache VALUES (?,?,?,?)",
                        (url, page.etag, zlib.compress(page.body, 6), page.next_url))
