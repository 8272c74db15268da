"""The most telling excerpts of the new code, with new-file line numbers."""

from __future__ import annotations

from prdossier.analysis.models import Excerpt, FileFacts, ImportChange, SymbolChange
from prdossier.sources.models import FileDiff

MAX_SNIPPETS = 4
MAX_LINES = 30
CONTEXT = 2


def pick_snippets(files: list[tuple[FileFacts, FileDiff]], key_symbols: list[str]) -> list[Excerpt]:
    """One excerpt per key symbol first (in rank order), then the densest hunk of other files."""
    snippets: list[Excerpt] = []
    covered: set[str] = set()
    ranked = sorted(
        ((facts, diff, symbol) for facts, diff in files for symbol in facts.symbols
         if symbol.qualname in key_symbols and symbol.status != "removed"),
        key=lambda item: key_symbols.index(item[2].qualname),
    )
    for facts, diff, symbol in ranked:
        if len(snippets) >= MAX_SNIPPETS:
            return snippets
        if snippet := _symbol_snippet(diff, symbol):
            snippets.append(snippet)
            covered.add(facts.path)
    for facts, diff in files:
        if len(snippets) >= MAX_SNIPPETS:
            break
        if facts.path in covered or facts.category != "source" or not diff.new_text:
            continue
        if snippet := _import_snippet(diff, facts.imports) or _hunk_snippet(diff):
            snippets.append(snippet)
    return snippets


def _symbol_snippet(diff: FileDiff, symbol: SymbolChange) -> Excerpt | None:
    lines = (diff.new_text or "").splitlines()
    if not lines:
        return None
    if symbol.status in ("added", "moved"):
        start, end = symbol.start_line, symbol.end_line
    else:
        added = [n for n in diff.added_lines if symbol.start_line <= n <= symbol.end_line]
        if not added:
            return None
        start = max(symbol.start_line, min(added) - CONTEXT)
        end = min(symbol.end_line, max(added) + CONTEXT)
    return _excerpt(diff.path, lines, start, end, symbol=symbol)


def _import_snippet(diff: FileDiff, imports: list[ImportChange]) -> Excerpt | None:
    """The new side's imports that the change added or moved; the excerpt keeps those it
    removed too, so that a statement rewritten in place is told by the names it lost."""
    shown = [i for i in imports if i.status != "removed"]
    if not shown:
        return None
    moved = [i for i in shown if i.status == "moved"]
    lines = (diff.new_text or "").splitlines()
    first, last = min(i.line for i in shown), max(i.line for i in shown)
    return _excerpt(diff.path, lines, first - CONTEXT, last + CONTEXT, imports=moved or imports)


def _hunk_snippet(diff: FileDiff) -> Excerpt | None:
    hunks = [h for h in diff.hunks if h.added]
    if not hunks:
        return None
    best = max(hunks, key=lambda h: len(h.added))
    lines = (diff.new_text or "").splitlines()
    return _excerpt(diff.path, lines, min(best.added) - CONTEXT, max(best.added) + CONTEXT,
                    hunk_added=len(best.added), hunk_removed=len(best.removed))


def _excerpt(path: str, lines: list[str], start: int, end: int, *,
             symbol: SymbolChange | None = None, imports: list[ImportChange] | None = None,
             hunk_added: int = 0, hunk_removed: int = 0) -> Excerpt:
    start = max(1, start)
    end = min(len(lines), end)
    cut_at = None
    if end - start + 1 > MAX_LINES:
        end = start + MAX_LINES - 1
        cut_at = MAX_LINES
    return Excerpt(path=path, start_line=start, end_line=end, code="\n".join(lines[start - 1:end]),
                   symbol=symbol, imports=imports or [], hunk_added=hunk_added,
                   hunk_removed=hunk_removed, cut_at=cut_at)
