from __future__ import annotations

import sqlite3
from pathlib import Path

from prdossier.store.migrations import MIGRATIONS
from prdossier.store.sqlite import APPLICATION_ID, SCHEMA_VERSION, Store


def test_a_store_of_an_older_schema_is_migrated_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(f"{MIGRATIONS[0]}PRAGMA user_version=1;PRAGMA application_id={APPLICATION_ID};")
    db.execute("INSERT INTO repos(identity) VALUES ('x')")
    db.commit()
    db.close()
    store = Store(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION > 1
    assert store.repo_id("x", None, None) == 1
    assert store.pr_count(1) == 0 and not store.has_unlinked(1)
    store.close()
