"""The `prdossier` command."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from prdossier.errors import UserError

if TYPE_CHECKING:
    from prdossier.cli.session import Session
    from prdossier.cli.sync import SyncResult

app = typer.Typer(
    name="prdossier",
    help="Complete, checkable reports for the merged pull requests of a git repository. "
         "Works offline on a local clone; every fact comes from static analysis.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

RepoOption = Annotated[Path, typer.Option("--repo", help="The git repository (default: here).")]
DbOption = Annotated[str | None, typer.Option(
    "--db", help="SQLite store: a path or sqlite:///PATH (default: in your user data folder).")]
BranchOption = Annotated[str | None, typer.Option(
    "--branch", help="Branch whose first-parent history is read (default: HEAD).")]
ConfigOption = Annotated[Path | None, typer.Option(
    "--config", help="A TOML file with a [tool.prdossier] table, instead of the repository's "
                     "pyproject.toml.")]


def _err(message: str) -> None:
    typer.echo(f"prdossier: {message}", err=True)


@app.command()
def sync(
    repo: RepoOption = Path("."),
    db: DbOption = None,
    branch: BranchOption = None,
    config: ConfigOption = None,
    jobs: Annotated[int, typer.Option(help="Worker processes.", min=1)] = os.cpu_count() or 1,
) -> None:
    """Analyse every change on the first-parent history into the store.

    A re-run analyses only new commits. Ctrl-C keeps completed work; run again to resume.
    """
    from prdossier.cli.session import open_session

    session = open_session(repo, db, branch, config)
    result = _sync_with_progress(session, jobs)
    _summarise(result, session.store.path)
    if result.interrupted:
        raise typer.Exit(130)


def _sync_with_progress(session: Session, jobs: int) -> SyncResult:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from prdossier.cli.sync import run_sync

    console = Console(stderr=True)
    if not console.is_terminal:
        return run_sync(session, jobs)
    columns = ("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
               TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("analysing changes", total=None)
        return run_sync(session, jobs,
                        lambda done, total: progress.update(task, completed=done, total=total))


def _summarise(result: SyncResult, db_path: Path) -> None:
    rate = result.analysed / result.seconds if result.seconds else 0.0
    line = (f"synced {result.analysed} of {result.total} new changes in {result.seconds:.1f}s "
            f"({rate:.0f}/s) into {db_path}")
    if result.linked:
        line += f"; linked {result.linked} new PR{'s' if result.linked > 1 else ''}"
    if result.skipped:
        line += f"; {len(result.skipped)} skipped (first: {result.skipped[0]})"
    if result.interrupted:
        line = "interrupted: " + line + "; run sync again to resume"
    typer.echo(line, err=True)


@app.command()
def report(
    change_id: Annotated[str | None, typer.Argument(
        metavar="ID", help="PR number (N or #N) or commit sha.")] = None,
    repo: RepoOption = Path("."),
    db: DbOption = None,
    branch: BranchOption = None,
    config: ConfigOption = None,
    lang: Annotated[Literal["zh", "en"], typer.Option("--lang", help="Report language.")] = "zh",
    fmt: Annotated[Literal["md", "json"], typer.Option("--format", help="Output format.")] = "md",
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="File to write (a folder with --all/--since).")] = None,
    all_changes: Annotated[bool, typer.Option(
        "--all", help="A report for every change, one file each, into the -o folder.")] = False,
    since: Annotated[str | None, typer.Option(
        help="Like --all, for changes merged on or after this date (YYYY-MM-DD).")] = None,
) -> None:
    """Write the complete report of one merged PR (or of every PR with --all / --since)."""
    from prdossier.cli.reporting import render_report, resolve_id
    from prdossier.cli.session import open_session

    if since is not None:
        _check_date(since)
    if change_id is None and not (all_changes or since):
        raise UserError("give a PR number or sha, or --all / --since DATE")
    if change_id is not None and (all_changes or since):
        raise UserError("give either an ID or --all / --since, not both")
    session = open_session(repo, db, branch, config)
    if change_id is not None:
        content = render_report(session, resolve_id(session, change_id), lang, fmt)
        _write(content, output)
        return
    result = _sync_with_progress(session, os.cpu_count() or 1)
    if result.interrupted:
        _summarise(result, session.store.path)
        raise typer.Exit(130)
    folder = output or Path("prdossier-reports")
    folder.mkdir(parents=True, exist_ok=True)
    changes = session.store.changes(session.repo_id, since)
    for change in changes:
        name = str(change.number) if change.number is not None else change.sha[:10]
        content = render_report(session, change.sha, lang, fmt)
        (folder / f"{name}.{lang}.{fmt}").write_text(content, encoding="utf-8")
    typer.echo(f"wrote {len(changes)} reports to {folder}", err=True)


@app.command()
def related(
    change_id: Annotated[str, typer.Argument(metavar="ID", help="PR number (N or #N) or commit sha.")],
    repo: RepoOption = Path("."),
    db: DbOption = None,
    branch: BranchOption = None,
    config: ConfigOption = None,
    lang: Annotated[Literal["zh", "en"], typer.Option("--lang", help="Language of the reasons.")] = "en",
    fmt: Annotated[Literal["text", "json"], typer.Option("--format", help="Output format.")] = "text",
) -> None:
    """List every PR linked to one PR, with the link's type, score and reasons.

    Links are computed among the PRs in the store: run `prdossier sync` first to index the history.
    """
    from prdossier.cli.reporting import facts_for, linked_json, resolve_id
    from prdossier.cli.session import open_session

    session = open_session(repo, db, branch, config)
    sha = resolve_id(session, change_id)
    facts_for(session, sha)
    links = linked_json(session, sha)
    if not links and fmt == "text":
        count = session.store.pr_count(session.repo_id)
        _err("no related PR: the store holds only this PR (run `prdossier sync` to index the history)"
             if count <= 1 else f"no related PR among the {count} PRs in the store")
        return
    _write(_related_listing(links, lang, fmt), None)


def _related_listing(links: list[str], lang: Literal["zh", "en"], fmt: str) -> str:
    from prdossier.analysis.models import RelatedLink
    from prdossier.narrate.phrases import PHRASES
    from prdossier.narrate.related import related_entries

    entries = related_entries([RelatedLink.model_validate_json(link) for link in links], PHRASES[lang])
    if fmt == "json":
        return json.dumps([entry.model_dump() for entry in entries], ensure_ascii=False, indent=2) + "\n"
    lines = []
    for entry in entries:
        lines.append(f"#{entry.number}  {entry.score:.2f}  {entry.type_label}  {entry.title}")
        lines.extend(f"    - {reason}" for reason in entry.reasons)
    return "\n".join(lines) + "\n"


def _check_date(value: str) -> None:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise UserError(f"--since takes a date as YYYY-MM-DD, not {value!r}") from None


def _write(content: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(content)
        return
    try:
        output.write_text(content, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot write {output}: {exc.strerror}") from None


def main() -> None:
    try:
        app()
    except UserError as exc:
        _err(str(exc))
        sys.exit(2)
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)
