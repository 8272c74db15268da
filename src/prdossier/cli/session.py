"""What every command opens: the repository, its configuration and the store."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from prdossier import __version__
from prdossier.analysis import ANALYZER_VERSION
from prdossier.analysis.config import AnalysisConfig, config_from_file, config_from_pyproject
from prdossier.sources.git import GitRepo
from prdossier.store.sqlite import Store, db_path_from


@dataclass
class Session:
    """`repo` is the local clone; None for a repository read from GitHub's API alone."""

    repo: GitRepo | None
    store: Store
    repo_id: int
    config: AnalysisConfig
    tip: str
    branch: str | None
    name: str
    url: str | None
    path: str | None

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.store.close()

    @property
    def analysis_key(self) -> str:
        return f"{ANALYZER_VERSION}:{self.config.digest}"

    @property
    def report_key(self) -> str:
        return f"{self.analysis_key}:{__version__}:{_presentation_digest()}"

    @cached_property
    def history(self) -> list[str]:
        """The first-parent history ending at the tip, oldest first, walked once per session."""
        return self.repo.first_parent_shas(self.tip) if self.repo is not None else []


@cache
def _presentation_digest() -> str:
    """Stored reports are rendered again when a phrase or template changes, not only on release."""
    package = Path(__file__).parent.parent
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted([*package.glob("narrate/*.py"), *package.glob("render/**/*.*")]):
        if path.suffix != ".pyc":
            digest.update(path.read_bytes())
    return digest.hexdigest()


def open_session(repo_path: Path, db: str | None, branch: str | None,
                 config_file: Path | None) -> Session:
    repo = GitRepo(repo_path)
    tip = repo.tip(branch)
    if config_file is not None:
        config = config_from_file(config_file)
    else:
        config = config_from_pyproject(repo.read_blob_at(tip, "pyproject.toml"),
                                       f"pyproject.toml at {tip[:10]}")
    store = Store(db_path_from(db))
    repo_id = store.repo_id(repo.identity, repo.display_name(), repo.web_url())
    return Session(repo=repo, store=store, repo_id=repo_id, config=config, tip=tip,
                   branch=branch, name=repo.display_name(), url=repo.web_url(),
                   path=str(repo.root))


def open_github_session(name: str, db: str | None, config_file: Path | None,
                        web_url: str | None) -> Session:
    """A repository known only through GitHub's API: its changes are stored as they are read.
    Without `web_url`, the page stored by the last sync stays."""
    config = config_from_file(config_file) if config_file is not None else AnalysisConfig()
    store = Store(db_path_from(db))
    identity = f"github:{name}"
    web_url = web_url or store.url_of(identity)
    repo_id = store.repo_id(identity, name, web_url)
    return Session(repo=None, store=store, repo_id=repo_id, config=config, tip="", branch=None,
                   name=name, url=web_url, path=None)
