"""The embedded store: a SQLite file holding changes, their facts and rendered reports."""

from prdossier.store.sqlite import Store, default_db_path

__all__ = ["Store", "default_db_path"]
