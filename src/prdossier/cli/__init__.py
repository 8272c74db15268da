"""The `prdossier` command."""

from __future__ import annotations

import gc
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from prdossier.errors import UserError

if TYPE_CHECKING:
    from rich.console import Console

    from prdossier.analysis.models import RelatedLink
    from prdossier.analysis.project import Cascade, Project
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

DEFAULT_GITHUB_DAYS = 30
RepoOption = Annotated[Path, typer.Option("--repo", help="The git repository (default: here).")]
CloneOption = Annotated[Path | None, typer.Option(
    "--repo", help="The git repository (default: here, unless --github is given).")]
GithubOption = Annotated[str | None, typer.Option(
    "--github", metavar="OWNER/NAME", help="A repository read from GitHub's API without a clone "
    "(as stored by `sync --github` without --repo).")]
DbOption = Annotated[str | None, typer.Option(
    "--db", help="SQLite store: a path or sqlite:///PATH (default: in your user data folder).")]
BranchOption = Annotated[str | None, typer.Option(
    "--branch", help="Branch whose first-parent history is read (default: HEAD).")]
ConfigOption = Annotated[Path | None, typer.Option(
    "--config", help="A TOML file with a \\[tool.prdossier] table, instead of the repository's "
                     "pyproject.toml.")]


def _err(message: str) -> None:
    typer.echo(f"prdossier: {message}", err=True)


@app.command()
def sync(
    repo: CloneOption = None,
    db: DbOption = None,
    branch: BranchOption = None,
    config: ConfigOption = None,
    jobs: Annotated[int, typer.Option(help="Worker processes.", min=1)] = os.cpu_count() or 1,
    github: Annotated[str | None, typer.Option(
        metavar="OWNER/NAME", help="Fetch the PRs merged since --github-since from this GitHub "
        "repository: their review threads and, without --repo, their changes too.")] = None,
    github_since: Annotated[str | None, typer.Option(
        help="With --github: PRs merged on or after this date (YYYY-MM-DD; default: "
             "the last 30 days).")] = None,
    token_file: Annotated[Path | None, typer.Option(
        help="File holding a GitHub token (default: the GITHUB_TOKEN variable).")] = None,
    api_url: Annotated[str | None, typer.Option(
        envvar="GITHUB_API_URL", help="GitHub API root (default: https://api.github.com); for "
        "GitHub Enterprise https://HOST/api/v3.")] = None,
    max_wait: Annotated[float, typer.Option(
        help="Longest wait, in seconds, for a GitHub rate limit to reset before stopping.",
        min=0)] = 900.0,
) -> None:
    """Analyse every change on the first-parent history into the store.

    A re-run analyses only new commits. Ctrl-C keeps completed work; run again to resume.

    With --github, the review threads of the PRs are fetched too, again only when updated.

    With --github and no --repo, the changes themselves come from GitHub's API.
    """
    token = web_url = None
    if github is not None:
        from prdossier.cli.github_sync import checked_name, read_token
        from prdossier.sources.github import web_url_for

        github = checked_name(github)
        token = read_token(token_file)
        web_url = web_url_for(api_url, github)
    since = _since_datetime(github_since) if github is not None else None
    with _open(repo, github, db, branch, config, web_url) as session:
        if session.repo is not None:
            result = _sync_with_progress(session, jobs)
            _summarise(result, session.store.path)
            if result.interrupted:
                raise typer.Exit(130)
        if github is not None and since is not None:
            _sync_github(session, github, since, token, api_url, max_wait)


def _open(repo: Path | None, github: str | None, db: str | None, branch: str | None,
          config: Path | None, web_url: str | None = None) -> Session:
    """The clone at --repo (default: here), or, with --github and no --repo, the repository as
    GitHub's API gives it; `web_url` is its page when a sync knows it (a report keeps the one
    the sync stored)."""
    from prdossier.cli.session import open_github_session, open_session

    if github is not None and repo is None:
        from prdossier.cli.github_sync import checked_name

        return open_github_session(checked_name(github), db, config, web_url)
    return open_session(repo or Path("."), db, branch, config)


def _since_datetime(value: str | None) -> datetime:
    if value is None:
        return datetime.now(UTC) - timedelta(days=DEFAULT_GITHUB_DAYS)
    _check_date(value, "--github-since")
    return datetime.combine(date.fromisoformat(value), datetime.min.time(), tzinfo=UTC)


def _sync_github(session: Session, repo: str, since: datetime, token: str | None,
                 api_url: str | None, max_wait: float) -> None:
    from rich.console import Console

    from prdossier.cli.github_sync import fetch_threads, open_client

    console = Console(stderr=True)
    if token is None:
        _err("no GitHub token (GITHUB_TOKEN or --token-file): 60 requests an hour, and no "
             "resolved/outdated state of review threads")
    with _github_progress(console) as (on_progress, wait):
        client = open_client(session, repo, token, api_url, wait, max_wait)
        try:
            result = fetch_threads(session, client, since, on_progress)
        finally:
            client.close()
    line = (f"GitHub {repo}: {result.listed} merged PRs since {since.date()}, "
            f"{result.fetched} fetched, {result.unchanged} unchanged, "
            f"{result.requests} requests in {result.seconds:.1f}s")
    if result.failed:
        line += f"; {len(result.failed)} failed (first: {result.failed[0]})"
    typer.echo(line, err=True)
    if result.stopped:
        _err(f"stopped: {result.stopped}")
    if result.stopped or result.failed:
        raise typer.Exit(1)


@contextmanager
def _github_progress(console: Console) -> Iterator[tuple[Callable[[int, int], None] | None,
                                                         Callable[[float, str], None]]]:
    """A progress bar and a visible countdown on a terminal; one line per wait otherwise."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress

    if not console.is_terminal:
        def announce(seconds: float, reason: str) -> None:
            _err(f"{reason}: waiting {seconds:.0f}s")
            time.sleep(seconds)

        yield None, announce
        return
    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  console=console, transient=True) as progress:
        task = progress.add_task("fetching review threads", total=None)

        def countdown(seconds: float, reason: str) -> None:
            end = time.monotonic() + seconds
            while (left := end - time.monotonic()) > 0:
                progress.update(task, description=f"{reason}: {left:.0f}s left")
                time.sleep(min(1.0, left))
            progress.update(task, description="fetching review threads")

        yield (lambda done, total: progress.update(task, completed=done, total=total)), countdown


@app.command("import")
def import_threads(
    files: Annotated[list[Path], typer.Argument(
        metavar="FILE.json", help="PR thread bundles (docs/import-format.md).")],
    repo: RepoOption = Path("."),
    db: DbOption = None,
    branch: BranchOption = None,
) -> None:
    """Load exported GitHub PR threads, so reports get their review section offline."""
    from prdossier.cli.github_sync import import_bundle
    from prdossier.cli.session import open_session

    with open_session(repo, db, branch, None) as session:
        for file in files:
            number, comments = import_bundle(session, file)
            typer.echo(f"imported the thread of PR #{number} ({comments} review comments) "
                       f"from {file}", err=True)


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
    repo: CloneOption = None,
    github: GithubOption = None,
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

    if since is not None:
        _check_date(since)
    if change_id is None and not (all_changes or since):
        raise UserError("give a PR number or sha, or --all / --since DATE")
    if change_id is not None and (all_changes or since):
        raise UserError("give either an ID or --all / --since, not both")
    with _open(repo, github, db, branch, config) as session:
        if change_id is not None:
            content = render_report(session, resolve_id(session, change_id), lang, fmt)
            _write(content, output)
            return
        if session.repo is not None:
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
    repo: CloneOption = None,
    github: GithubOption = None,
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

    with _open(repo, github, db, branch, config) as session:
        sha = resolve_id(session, change_id)
        facts_for(session, sha)
        links = linked_json(session, sha)
        if not links and fmt == "text":
            count = session.store.pr_count(session.repo_id)
            _err("no related PR: the store holds only this PR (run `prdossier sync` to index the history)"
                 if count <= 1 else f"no related PR among the {count} PRs in the store")
            return
        _write(_related_listing(session.store.decode_links(links), lang, fmt), None)


def _related_listing(links: list[RelatedLink], lang: Literal["zh", "en"], fmt: str) -> str:
    import msgspec

    from prdossier.narrate.phrases import PHRASES
    from prdossier.narrate.related import related_entries

    entries = related_entries(links, PHRASES[lang])
    if fmt == "json":
        return json.dumps(msgspec.to_builtins(entries), ensure_ascii=False, indent=2) + "\n"
    lines = []
    for entry in entries:
        lines.append(f"#{entry.number}  {entry.score:.2f}  {entry.type_label}  {entry.title}")
        lines.extend(f"    - {reason}" for reason in entry.reasons)
    return "\n".join(lines) + "\n"


@app.command()
def check(
    path: Annotated[Path, typer.Argument(help="The tree to check (default: here).")] = Path("."),
    rev: Annotated[str | None, typer.Option(
        "--rev", help="Check this git revision of the repository at PATH, not the files on disk.")] = None,
    fmt: Annotated[Literal["text", "json", "sarif"], typer.Option(
        "--format", help="text, json, or SARIF 2.1.0 for GitHub code scanning.")] = "text",
    select: Annotated[list[str] | None, typer.Option(
        "--select", help="Run only these rules (name or code; repeat or separate with commas).")] = None,
    ignore: Annotated[list[str] | None, typer.Option(
        "--ignore", help="Skip these rules (name or code; repeat or separate with commas).")] = None,
    config: ConfigOption = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write.")] = None,
    jobs: Annotated[int, typer.Option(help="Worker processes.", min=1)] = os.cpu_count() or 1,
) -> None:
    """Run the rules over a whole tree, like a linter. Exit status 1 when there are findings.

    Rules that judge a change (untested-logic-change) do not apply to a tree and are skipped.
    """
    from prdossier.analysis.project import Project
    from prdossier.analysis.rules import RULES
    from prdossier.cli.checking import open_tree, run_check, selected_rules, tree_config
    from prdossier.narrate.narrator import note_text
    from prdossier.narrate.phrases import PHRASES
    from prdossier.render.findings import findings_json, findings_sarif, findings_text

    chosen = selected_rules(_split(select), _split(ignore))
    tree = open_tree(path, rev)
    project = Project(tree, tree_config(tree, config))
    risks, warnings = run_check(project, chosen, jobs)
    for warning in warnings:
        _err(f"warning: {note_text(warning, PHRASES['en'])}")
    tree_rules = tuple(rule for rule in RULES if rule.KIND != "change" and rule.CODE in chosen)
    if fmt == "sarif":
        content = findings_sarif(risks, tree_rules)
    else:
        content = findings_json(risks) if fmt == "json" else findings_text(risks)
    _write(content, output)
    modules = len(project.python_files)
    _err(f"{len(risks)} finding{'s' if len(risks) != 1 else ''} in {modules} Python "
         f"file{'s' if modules != 1 else ''} of {tree.label} "
         f"({', '.join(r.CODE for r in tree_rules)})")
    if risks:
        raise typer.Exit(1)


def _split(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


@app.command()
def impact(
    missing: Annotated[str, typer.Option(
        "--missing", metavar="PACKAGE[.module][:symbol]",
        help="What is gone: a package, a module, or one name of a module.")],
    repo: RepoOption = Path("."),
    rev: Annotated[str | None, typer.Option(
        "--rev", help="Read this git revision instead of the files on disk.")] = None,
    config: ConfigOption = None,
    fmt: Annotated[Literal["text", "json"], typer.Option("--format", help="Output format.")] = "text",
) -> None:
    """The blast radius of a missing package, module or symbol.

    Lists the modules that stop importing, transitively, and the registries that lose entries.
    """
    from prdossier.analysis.project import Missing, Project
    from prdossier.cli.checking import open_tree, tree_config

    what = Missing.parse(missing)
    if not what.module or not all(part.isidentifier() for part in what.module.split(".")) or (
            what.symbol is not None and not what.symbol.isidentifier()):
        raise UserError(f"--missing takes PACKAGE[.module][:symbol], not {missing!r}")
    tree = open_tree(repo, rev)
    project = Project(tree, tree_config(tree, config))
    cascade = project.cascade(what)
    _write(_impact_listing(project, cascade, fmt), None)


def _impact_listing(project: Project, cascade: Cascade, fmt: str) -> str:
    rows = []
    for name in cascade.modules:
        edge = cascade.failing[name]
        module = project.modules[name]
        rows.append({"module": name, "path": module.path,
                     "direct": name in cascade.direct,
                     "line": edge.statement.line or None,
                     "because": edge.statement.statement})
    if fmt == "json":
        return json.dumps({"missing": str(cascade.missing), "modules": rows,
                           "registries": cascade.registries}, indent=2) + "\n"
    lines = [f"{len(rows)} modules stop importing without {cascade.missing} "
             f"({len(cascade.direct)} import it directly)"]
    for row in rows:
        where = f"{row['path']}:{row['line']}" if row["line"] else row["path"]
        lines.append(f"  {'*' if row['direct'] else ' '} {row['module']}  ({where}: {row['because']})")
    for name, why in sorted(cascade.registries.items()):
        lines.append(f"registry {name} {why}")
    return "\n".join(lines) + "\n"


@app.command()
def rules() -> None:
    """Print the documentation of every rule and change idiom, as Markdown (docs/rules.md)."""
    from prdossier.render.rules_doc import rules_markdown

    _write(rules_markdown(), None)


def _check_date(value: str, option: str = "--since") -> None:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise UserError(f"{option} takes a date as YYYY-MM-DD, not {value!r}") from None


def _write(content: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(content)
        return
    try:
        output.write_text(content, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot write {output}: {exc.strerror}") from None


def _usage_error(exc: typer.TyperException) -> str:
    """The parser's complaint about a command line, with where its usage is explained."""
    message = exc.format_message()
    context = getattr(exc, "ctx", None)
    if context is None:
        return message
    stop = "" if message.endswith((".", "?", "!")) else "."
    return f"{message}{stop} See '{context.command_path} --help'."


def main() -> None:
    try:
        # Without arguments typer prints the help; otherwise a mistyped command line comes back
        # here as an exception, to be told in one line like every other bad input.
        sys.exit(app(standalone_mode=not sys.argv[1:]))
    except typer.TyperException as exc:
        _err(_usage_error(exc))
        sys.exit(exc.exit_code)
    except UserError as exc:
        _err(str(exc))
        sys.exit(2)
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)
    finally:
        # Every store is closed by now. Exempting the objects alive at exit from the collector's
        # last pass spares a one-report run a quarter of its wall time.
        gc.freeze()
