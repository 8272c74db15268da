"""`prdossier check` and `prdossier impact`: the rules and the import graph over a whole tree."""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

from prdossier.analysis.config import AnalysisConfig, config_from_file, config_from_pyproject
from prdossier.analysis.models import Note, Risk, risk_order
from prdossier.analysis.project import ModuleSummary, Project, summarise
from prdossier.analysis.pysymbols import parse_module
from prdossier.analysis.rules import RULES, RuleContext, run_rules
from prdossier.cli.collector import PacedCollector, paced_map
from prdossier.errors import UserError
from prdossier.sources.git import GitRepo, is_git_directory
from prdossier.sources.tree import DiskTree, SourceTree, TreeFile, decode_noted

POOL_THRESHOLD = 200
CHUNK_SIZE = 16

Examined = tuple[TreeFile, ModuleSummary | None, list[Risk], list[Note]]


def open_tree(path: Path, rev: str | None) -> SourceTree:
    """The tree at `rev` of the repository at `path`, or the folder as it is on disk; a git
    directory (a bare repository, a mirror), whose files are git's own, at its HEAD."""
    if rev is None and not is_git_directory(path):
        return DiskTree(path)
    return GitRepo(path).tree_at(rev or "HEAD")


def tree_config(tree: SourceTree, config_file: Path | None) -> AnalysisConfig:
    if config_file is not None:
        return config_from_file(config_file)
    pyproject = next(iter(tree.files(lambda p: p == "pyproject.toml")), None)
    data = tree.read(pyproject) if pyproject else None
    return config_from_pyproject(data, f"pyproject.toml of {tree.label}")


def selected_rules(select: list[str], ignore: list[str]) -> frozenset[str]:
    known = {rule.NAME: rule for rule in RULES} | {rule.CODE: rule for rule in RULES}
    for name in [*select, *ignore]:
        if name not in known:
            raise UserError(f"unknown rule {name!r}; rules are: "
                            + ", ".join(f"{r.CODE} {r.NAME}" for r in RULES))
    chosen = {known[n] for n in select} if select else set(RULES)
    chosen -= {known[n] for n in ignore}
    return frozenset(name for rule in chosen for name in (rule.NAME, rule.CODE))


def run_check(project: Project, selected: frozenset[str], jobs: int,
              on_progress: Callable[[int, int], None] | None = None) -> tuple[list[Risk], list[Note]]:
    """Every rule that reads files or the project, over the whole tree: each file is parsed once,
    by a worker that summarises it and runs the file rules on it."""
    _ = project.dependencies  # read the manifests once, before the workers fork
    files = list(project.python_files.values())
    risks: list[Risk] = []
    warnings: list[Note] = []
    for done, (file, summary, found, failures) in enumerate(_examine_all(project, files, selected, jobs), 1):
        if summary is not None:
            project.adopt(file, summary)
        risks += found
        warnings += failures
        if on_progress:
            on_progress(done, len(files))
    project_risks, failures = run_rules(RuleContext(project=project), ("project",), selected)
    return sorted(risks + project_risks, key=risk_order), warnings + failures


_worker: dict[str, object] = {}


def _examine_all(project: Project, files: list[TreeFile], selected: frozenset[str],
                 jobs: int) -> Iterator[Examined]:
    _worker.update(project=project, selected=selected)
    if jobs <= 1 or len(files) < POOL_THRESHOLD:
        yield from paced_map(_examine, files)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_reopen) as pool:
        yield from pool.imap_unordered(_examine, files, chunksize=CHUNK_SIZE)


def _reopen() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    project = _worker["project"]
    assert isinstance(project, Project)
    project.tree = project.tree.reopened()
    _worker["collector"] = PacedCollector()  # the worker process ends with the pool


def _examine(file: TreeFile) -> Examined:
    project = _worker["project"]
    selected = _worker["selected"]
    assert isinstance(project, Project) and isinstance(selected, frozenset)
    if isinstance(collector := _worker.get("collector"), PacedCollector):
        collector.tick()
    data = project.tree.read(file)
    if data is None:
        return file, None, [], []
    text, undecodable = decode_noted(data, file.path)
    table = parse_module(text)
    summary = summarise(file.path, project.name_of(file.path), table)
    context = RuleContext(parsed={file.path: table}, project=project)
    found, failures = run_rules(context, ("file",), selected)
    unparsed = Note("partly-checked", file.path, {"error": table.error}) if table.error else None
    return file, summary, found, [note for note in (undecodable, unparsed) if note is not None] + failures
