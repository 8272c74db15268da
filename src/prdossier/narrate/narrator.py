"""Deterministic narration: every sentence is a template filled with computed facts."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime

from prdossier import __version__
from prdossier.analysis.models import (
    BodyEdit,
    ChangeFacts,
    Excerpt,
    FileFacts,
    Finding,
    Idiom,
    ImportChange,
    Note,
    RelatedLink,
    ReviewFacts,
    Risk,
    SymbolChange,
)
from prdossier.analysis.pysymbols import is_stdlib_module
from prdossier.narrate.phrases import PHRASES, Phrases
from prdossier.narrate.related import empty_related, related_entries
from prdossier.narrate.report import (
    FileEntry,
    IdiomEntry,
    Impact,
    Language,
    PullRequestRef,
    RepoRef,
    Report,
    ReportMeta,
    ReviewSection,
    Snippet,
    Summary,
)
from prdossier.narrate.review import review_empty, review_highlights, review_overview
from prdossier.sources.titles import split_tags

NARRATOR = "templates"
MAX_FILE_STEPS = 8
# Idioms whose context and former context are the statements an import sits under.
_GUARD_IDIOMS = ("import-moved-to-type-checking", "import-platform-guarded", "import-version-guarded")
_KIND_TAGS = frozenset({
    "bugfix", "bug fix", "bug", "fix", "hotfix", "feature", "feat", "enhancement", "misc",
    "refactor", "refactoring", "cleanup", "chore", "style", "lint", "perf", "performance",
    "doc", "docs", "documentation", "ci", "test", "tests", "ut", "e2e", "build", "release",
    "revert", "wip", "main", "cherry-pick", "cherrypick", "nightly"})
_SERIES_TAG = re.compile(r"^\d+\s*/\s*(\d+|n)$", re.IGNORECASE)
MAX_IDIOMS_PER_STEP = 3
_RULE_TAGS = {"unguarded-optional-import": "platform-import", "import-failure-cascade": "import-cascade",
              "possibly-undefined-attribute": "attribute-error", "import-time-patch": "upstream-patch"}
_IDIOM_TAGS = {"import-moved-to-type-checking": "import-guard-change",
               "import-platform-guarded": "import-guard-change", "import-made-lazy": "import-guard-change",
               "import-feature-probe": "import-guard-change", "decorator-removed": "decorator-dropped",
               "dependency-pin-changed": "dependency-pin", "module-split": "module-split"}
_SEVERITY_ORDER = ("critical", "high", "medium", "low")
MAX_NAMES = 4
# The import clauses told after a file's code changes; the others are counted.
MAX_IMPORT_CLAUSES = 2
MAX_DEFAULTS_SHOWN = 3
MAX_EDITS_SHOWN = 3  # of one symbol
QUICK_LINES = 60
LARGE_LINES = 600
LARGE_FILES = 15
_PRODUCT = ("source", "benchmark")
_GROUPED = ("test", "config", "infra", "docs")
_SEVERITY_LEVEL = {"critical": "high", "high": "high", "medium": "medium", "low": "low"}
_LEVEL_ORDER = ("low", "medium", "high")


def narrate(facts: ChangeFacts, repo: RepoRef, language: Language,
            related: list[RelatedLink], indexed_prs: int, review: ReviewFacts | None = None) -> Report:
    """The report of one change; `related` are its best links among `indexed_prs` stored PRs;
    `review` is what GitHub's review threads say, when they were fetched or imported."""
    words = PHRASES[language]
    meta = facts.meta
    url = f"{repo.url}/pull/{meta.number}" if repo.url and meta.number is not None else None
    if review is not None and review.url:
        url = review.url
    risk_level = _risk_level(facts)
    return Report(
        repo=repo,
        pr=PullRequestRef(number=meta.number, id=meta.id, title=meta.title, tags=meta.tags,
                          author=meta.author, merged_at=meta.merged_at, url=url,
                          base=meta.base, head=meta.sha,
                          labels=review.labels if review is not None else []),
        summary=Summary(one_liner=_one_liner(facts, words),
                        recommendation=_recommendation(facts, risk_level, words)),
        motivation=_motivation(facts, words, review),
        implementation=_implementation(facts, words),
        files=[_file_entry(f, words) for f in _by_weight(facts)],
        key_symbols=facts.key_symbols,
        snippets=[_snippet(excerpt, words) for excerpt in facts.excerpts],
        idioms=[_idiom_entry(i, words) for i in facts.idioms],
        review=_review(review, words),
        risks=[_risk_entry(r, words)
               for r in sorted(facts.risks, key=lambda r: _SEVERITY_ORDER.index(r.severity))],
        risk_level=risk_level,
        impact=_impact(facts, words),
        risk_tags=_risk_tags(facts, review),
        related=related_entries(related, words),
        meta=ReportMeta(
            generator="prdossier", version=__version__,
            generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
            language=language, narrator=NARRATOR,
            warnings=[note_text(note, words) for note in facts.warnings],
            empty_sections=_empty_sections(facts, words, related, indexed_prs, review),
        ),
    )


def _churn(files: list[FileFacts]) -> int:
    return sum(f.additions + f.deletions for f in files)


def _product(facts: ChangeFacts) -> list[FileFacts]:
    """The product files whose code changed: one only laid out anew changed no behaviour."""
    return [f for f in facts.files if f.category in _PRODUCT and not f.layout_only]


def _dominant(files: list[FileFacts]) -> str:
    """The change type with the most changed lines; comments rewritten in product code
    (`docs`) dominate only a change that does nothing else."""
    weights: Counter[str] = Counter()
    for f in files:
        weights[f.change_type] += f.additions + f.deletions + 1
    if len(weights) > 1:
        weights.pop("docs", None)
    return weights.most_common(1)[0][0]


def _leading(facts: ChangeFacts) -> list[FileFacts]:
    """The product files a reader should take first: source code, or else the benchmarks
    (a new kernel's benchmark is often longer than the kernel)."""
    product = _product(facts)
    return [f for f in product if f.category == "source"] or product


def _one_liner(facts: ChangeFacts, words: Phrases) -> str:
    meta = facts.meta
    files = _leading(facts) or [f for f in facts.files if not f.layout_only] or facts.files
    tags = "".join(f"[{t}]" for t in meta.tags)
    title = meta.title
    if tags and (found := split_tags(title))[0] == meta.tags:
        title = found[1]  # the tags are said once, in front: `[NPU, A3] x` reads `[NPU][A3] x`
    tags = f"{tags} " if tags else ""
    if not files:
        return f"{tags}{title}"
    modules = Counter()
    for f in files:
        modules[f.module] += f.additions + f.deletions + 1
    text = words.one_liner.format(tags=tags, title=title,
                                  dominant=words.change_types[_dominant(files)],
                                  module=modules.most_common(1)[0][0])
    return text + words.one_liner_files.format(
        count=len(facts.files), s=_plural(len(facts.files)),
        additions=sum(f.additions for f in facts.files),
        deletions=sum(f.deletions for f in facts.files))


def _recommendation(facts: ChangeFacts, risk_level: str, words: Phrases) -> str:
    product = _product(facts)
    churn = _churn(product)
    if risk_level == "high":
        urgency = words.urgency_high
    elif not product:
        urgency = words.urgency_skim
    elif churn > LARGE_LINES or len(facts.files) > LARGE_FILES:
        urgency = words.urgency_large
    elif churn <= QUICK_LINES:
        urgency = words.urgency_quick
    else:
        urgency = words.urgency_normal
    target, why = _first_look(facts, words)
    if target:
        return urgency + words.start_with.format(target=target, why=why)
    return urgency + words.sentence_end


def _first_look(facts: ChangeFacts, words: Phrases) -> tuple[str | None, str]:
    high = [r for r in facts.risks if r.severity in ("critical", "high")]
    if high:
        return f"{high[0].path}:{high[0].line}", high[0].rule
    for f in facts.files:
        # a standard-library import is there on every platform: moving it guards nothing
        moved = [i for i in f.imports if i.status == "moved" and not is_stdlib_module(i.module)]
        if moved and f.category in _PRODUCT:
            return f.path, _moved_clauses(moved[:1], words)[0]
    # Product code first: a test of the change shows what it is for, the product code what it does.
    leading = _leading(facts)
    in_leading = {f.path for f in leading}
    symbols = [s for name in facts.key_symbols if (s := _find_symbol(facts, name))]
    fallback = symbols[0] if symbols and not leading else None
    symbol = next((s for s in symbols if s.path in in_leading), fallback)
    if symbol:
        # a coroutine made or unmade first: what every caller of it has to follow
        edit = words.async_changes[symbol.async_change] if symbol.async_change \
            else _edit_phrase(symbol.edits[0], words) if symbol.edits else None
        label = words.statuses["renamed" if symbol.renamed_in_place else symbol.status]
        return f"{symbol.path}:{symbol.qualname}", \
            words.edited_note.format(label=label, edits=edit) if edit else label
    if facts.files:
        biggest = max(leading or facts.files, key=lambda f: (not f.layout_only, f.additions + f.deletions))
        return biggest.path, _unread(biggest, words) or words.lines_only.format(
            additions=biggest.additions, deletions=biggest.deletions)
    return None, ""


def _find_symbol(facts: ChangeFacts, qualname: str) -> SymbolChange | None:
    return next((s for f in facts.files for s in f.symbols if s.qualname == qualname), None)


def _motivation(facts: ChangeFacts, words: Phrases, review: ReviewFacts | None) -> str:
    description = facts.description
    parts = []
    if description.motivation:
        parts.append(words.motivation_body.format(text=description.motivation))
    elif description.commit_messages:
        parts.append(words.motivation_commits.format(
            messages=words.list_sep.join(f"“{m}”" for m in description.commit_messages)))
    else:
        parts.append(words.motivation_none.format(title=facts.meta.title))
    if description.references:
        refs = words.list_sep.join(
            words.reference.format(ref=f"{r.repo or ''}#{r.number}",
                                   relation=words.relations[r.relation])
            for r in description.references)
        parts.append(words.motivation_refs.format(refs=refs))
    if review is not None and review.closes:
        parts.append(words.motivation_closes.format(issues=words.list_sep.join(review.closes)))
    return "\n\n".join(parts)


def _names(names: list[str], words: Phrases, quoted: bool = False) -> str:
    shown = [n if quoted else f"`{n}`" for n in names[:MAX_NAMES]]
    more = len(names) - MAX_NAMES
    return words.list_sep.join(shown) + (f" (+{more})" if more > 0 else "")


def _context(context: str, words: Phrases) -> str:
    return words.module_level if context == "module" else words.code_context.format(context=context)


def _snippet(excerpt: Excerpt, words: Phrases) -> Snippet:
    note = _excerpt_note(excerpt, words)
    if excerpt.cut_at is not None:
        note += words.snippet_cut.format(lines=excerpt.cut_at)
    return Snippet(path=excerpt.path, start_line=excerpt.start_line, end_line=excerpt.end_line,
                   code=excerpt.code, note=note)


def _excerpt_note(excerpt: Excerpt, words: Phrases) -> str:
    symbol = excerpt.symbol
    if symbol is not None and symbol.renamed_in_place:
        return words.renames.format(names=_renaming(symbol))
    if symbol is not None and symbol.status == "moved":
        return words.moved_in.format(origin=symbol.old_path, names=f"`{symbol.qualname}`")
    if symbol is not None:
        label = _symbol_verbs(words)[symbol.status].format(names=_symbol_label(symbol, words))
        return words.edited_note.format(label=label, edits=_edits_text(symbol, words)) \
            if symbol.edits else label
    moved = [i for i in excerpt.imports if i.status == "moved"]
    if moved:
        return words.list_sep.join(_moved_clauses(moved, words))
    if excerpt.imports:
        return words.list_sep.join(_import_clauses(excerpt.imports, words))
    return words.lines_only.format(additions=excerpt.hunk_added, deletions=excerpt.hunk_removed)


def _moved_clauses(moved: list[ImportChange], words: Phrases) -> list[str]:
    """A clause for each place imports moved from and to, naming the statements moved alike."""
    by_places: dict[tuple[str | None, str], list[str]] = {}
    for imp in moved:
        by_places.setdefault((imp.old_context, imp.context), []).append(imp.statement)
    return [words.import_moved.format(statements=_names(list(dict.fromkeys(statements)), words),
                                      old=_context(old, words), new=_context(new, words)).strip()
            for (old, new), statements in by_places.items()]


def _file_clauses(f: FileFacts, words: Phrases) -> list[str]:
    if f.status == "deleted":
        if (unread := _unread(f, words)) is not None:
            return [words.deleted_unread.format(why=unread)]
        return [words.deleted_file.format(lines=f.deletions, s=_plural(f.deletions))]
    clauses: list[str] = []
    if f.status == "renamed" and f.old_path:
        clauses.append(words.renamed_from.format(old=f.old_path))
    imports = _moved_clauses([i for i in f.imports if i.status == "moved"], words) \
        + _import_clauses(f.imports, words)
    code = _code_clauses(f, words)
    if code and f.change_type != "dependency-wiring":
        # what the code does comes first; its imports follow, the first few of them
        more = len(imports) - MAX_IMPORT_CLAUSES
        clauses += code + imports[:MAX_IMPORT_CLAUSES] \
            + ([words.imports_more.format(count=more)] if more > 0 else [])
    else:
        clauses += imports + code
    if (unread := _unread(f, words)) is not None:
        clauses.append(words.not_analysed.format(why=unread))
    if f.layout_only:
        clauses.append(words.layout_only.format(additions=f.additions, deletions=f.deletions))
    if f.status == "added" and not clauses:
        clauses.append(words.new_file.format(lines=f.additions, s=_plural(f.additions)))
    if not clauses:
        clauses.append(words.lines_only.format(additions=f.additions, deletions=f.deletions))
    return clauses


def _code_clauses(f: FileFacts, words: Phrases) -> list[str]:
    """The symbols the file added, changed, removed, took in from elsewhere and renamed."""
    clauses: list[str] = []
    by_status: dict[str, list[SymbolChange]] = {}
    for s in f.symbols:
        by_status.setdefault(s.status, []).append(s)
    for status, template in _symbol_verbs(words).items():
        if status in by_status:
            clauses.append(template.format(names=_names(
                [_symbol_label(s, words) for s in by_status[status]], words, quoted=True)))
    origins: dict[str, list[str]] = {}
    renamed = [s for s in by_status.get("moved", []) if s.renamed_in_place]
    for s in by_status.get("moved", []):
        if not s.renamed_in_place:
            origins.setdefault(s.old_path or "", []).append(s.qualname)
    clauses += [words.moved_in.format(origin=o, names=_names(n, words)) for o, n in origins.items()]
    if renamed:
        # the members that went with their class under its new name are told by the class
        classes = tuple(f"{s.qualname}{separator}" for s in renamed for separator in ("::", "."))
        clauses.append(words.renames.format(names=_names(
            [_renaming(s) for s in renamed if not s.qualname.startswith(classes)], words, quoted=True)))
    return clauses


def _unread(f: FileFacts, words: Phrases) -> str | None:
    """Why no line of the file was read (a binary file, a blob the clone lacks), if none was."""
    if f.notes and not (f.additions or f.deletions):
        return note_text(f.notes[0], words, with_path=False)
    return None


def _import_clauses(imports: list[ImportChange], words: Phrases) -> list[str]:
    """What the import statements added and removed (not moved) bring: the names a statement
    rewritten in place gained or lost, then the statements added and removed otherwise."""
    clauses: list[str] = []
    rewritten = _rewritten_imports(imports)
    for added, removed in rewritten:
        for names, template in (([n for n in added.names if n not in removed.names], words.names_imported),
                                ([n for n in removed.names if n not in added.names],
                                 words.names_no_longer_imported)):
            if names:
                clauses.append(template.format(module=added.module, names=_names(names, words)))
    paired = {id(change) for pair in rewritten for change in pair}
    for status, template in (("added", words.imports_added), ("removed", words.imports_removed)):
        # One statement written in several places (each function importing it) is named once.
        statements = list(dict.fromkeys(i.statement for i in imports
                                        if i.status == status and id(i) not in paired))
        if statements:
            clauses.append(template.format(names=_names(statements, words)))
    return clauses


def _rewritten_imports(imports: list[ImportChange]) -> list[tuple[ImportChange, ImportChange]]:
    """Each import statement the change rewrote in place, as (added, removed): the same module
    imported where it was, with names added or dropped (`from fla.utils import IS_INTEL, ...`)."""
    removed = [i for i in imports if i.status == "removed"]
    pairs: list[tuple[ImportChange, ImportChange]] = []
    for added in (i for i in imports if i.status == "added"):
        match = next((r for r in removed if r.module == added.module and r.context == added.context), None)
        if match is not None:
            removed.remove(match)
            pairs.append((added, match))
    return pairs


def note_text(note: Note, words: Phrases, with_path: bool = True) -> str:
    """A note in the report's language, after the file it is about."""
    args = {**note.args, **({"side": words.sides[note.args["side"]]} if "side" in note.args else {})}
    text = words.notes[note.kind].format(**args)
    return f"{note.path}: {text}" if note.path and with_path else text


def _renaming(symbol: SymbolChange) -> str:
    return f"`{symbol.old_qualname}` → `{symbol.qualname}`"


def _symbol_verbs(words: Phrases) -> dict[str, str]:
    """The phrase for symbols of each status but `moved`, in the order a file's role lists them."""
    return {"added": words.adds, "changed": words.changes, "removed": words.removes}


def _symbol_label(symbol: SymbolChange, words: Phrases) -> str:
    extras = []
    # Defaults that changed, or `async`, say what a signature change was, unless parameters
    # changed too.
    if symbol.signature_changed \
            and (symbol.parameters_changed or not (symbol.defaults_changed or symbol.async_change)):
        extras.append(words.signature)
    if symbol.async_change is not None:
        extras.append(words.async_changes[symbol.async_change])
    if symbol.defaults_changed:
        extras.append(words.defaults_changed.format(changes=words.list_sep.join(
            f"{d.parameter} {d.old} → {d.new}" for d in symbol.defaults_changed[:MAX_DEFAULTS_SHOWN])))
    extras += [words.decorator_added.format(name=d) for d in symbol.decorators_added]
    extras += [words.decorator_removed.format(name=d) for d in symbol.decorators_removed]
    suffix = words.symbol_extras.format(extras=words.list_sep.join(extras)) if extras else ""
    return f"`{symbol.qualname}`{suffix}"


def _by_weight(facts: ChangeFacts) -> list[FileFacts]:
    """The files in the order a reader should take them: the product files whose code changed,
    most changed lines first, then those only laid out anew, then tests, configuration,
    infrastructure and documentation, each group most changed first."""
    ordered = sorted(_product(facts), key=_lines_changed)
    ordered += [f for f in facts.files if f.category in _PRODUCT and f.layout_only]
    for group in _GROUPED:
        ordered += sorted((f for f in facts.files if f.category == group), key=_lines_changed)
    return ordered


def _lines_changed(f: FileFacts) -> int:
    """A sort key: the most changed first."""
    return -(f.additions + f.deletions)


def _implementation(facts: ChangeFacts, words: Phrases) -> list[str]:
    ordered = _by_weight(facts)
    product = [f for f in ordered if f.category in _PRODUCT]
    steps = [
        words.step_file.format(path=f.path, change_type=words.change_types[f.change_type],
                               clauses=words.list_sep.join(_file_clauses(f, words)))
        + "".join(_edit_sentences(f, words))
        for f in product[:MAX_FILE_STEPS]
    ]
    rest = product[MAX_FILE_STEPS:]
    if rest:
        steps.append(words.step_more.format(count=len(rest), s=_plural(len(rest)),
                                            files=_names([f.path for f in rest], words)))
    steps += _idiom_steps(facts, words)
    for group in _GROUPED:
        members = [f for f in ordered if f.category == group]
        if members:
            listed = [f"{f.path} ({_unread(f, words) or f'+{f.additions}/-{f.deletions}'})" for f in members]
            steps.append(words.step_group.format(label=words.categories[group],
                                                 files=_names(listed, words)))
    return steps


def _edit_sentences(f: FileFacts, words: Phrases) -> list[str]:
    """What the file's most changed functions (as many as the analysis read) now do
    differently, a sentence each."""
    return [words.symbol_edits.format(symbol=s.qualname, edits=_edits_text(s, words))
            for s in f.symbols if s.edits]


def _edits_text(symbol: SymbolChange, words: Phrases) -> str:
    shown = symbol.edits[:MAX_EDITS_SHOWN]
    text = words.edit_sep.join(_edit_phrase(edit, words) for edit in shown)
    more = len(symbol.edits) - len(shown)
    return text + (words.edit_sep + words.step_more_items.format(count=more) if more > 0 else "")


def _edit_phrase(edit: BodyEdit, words: Phrases) -> str:
    return words.edits[edit.kind].format(subject=edit.subject, was=edit.was or "",
                                         items=_names(edit.items, words))


def _idiom_steps(facts: ChangeFacts, words: Phrases) -> list[str]:
    by_name: dict[str, list[Idiom]] = {}
    for idiom in facts.idioms:
        by_name.setdefault(idiom.idiom, []).append(idiom)
    steps = []
    for name, found in by_name.items():
        items = [f"`{i.path}:{i.start_line}` {_idiom_detail(i, words)}"
                 for i in found[:MAX_IDIOMS_PER_STEP]]
        if len(found) > MAX_IDIOMS_PER_STEP:
            items.append(words.step_more_items.format(count=len(found) - MAX_IDIOMS_PER_STEP))
        steps.append(words.step_idiom.format(name=words.idiom_names.get(name, name),
                                             items=words.list_sep.join(items)))
    return steps


def _risk_entry(risk: Risk, words: Phrases) -> Finding:
    return Finding(rule=risk.rule, code=risk.code, severity=risk.severity, path=risk.path,
                   line=risk.line, message=risk_message(risk, words), evidence=risk.evidence,
                   affected=risk.affected)


def risk_message(risk: Risk, words: Phrases) -> str:
    """The finding in the report's language: its parts phrased and joined; the rule's own
    English sentence where the language has no phrasing for a part."""
    if not risk.form:
        return risk.message
    parts = [words.risk_parts.get(f"{risk.code}/{part}", words.risk_parts.get(part))
             for part in risk.form.split("+")]
    if None in parts:
        return risk.message
    return "".join(part.format(**risk.args) for part in parts if part is not None)


def _idiom_entry(idiom: Idiom, words: Phrases) -> IdiomEntry:
    return IdiomEntry(idiom=idiom.idiom, path=idiom.path, start_line=idiom.start_line,
                      end_line=idiom.end_line, symbol=idiom.symbol, detail=_idiom_detail(idiom, words))


def _idiom_detail(idiom: Idiom, words: Phrases) -> str:
    context, was = idiom.context or "", idiom.was or ""
    if idiom.idiom in _GUARD_IDIOMS:
        context, was = (_context(c, words) if c else "" for c in (idiom.context, idiom.was))
    elif idiom.idiom == "dependency-pin-changed":
        context, was = context or words.any_version, was or words.any_version
    template = words.idiom_details[f"{idiom.idiom}/{idiom.form}" if idiom.form else idiom.idiom]
    return template.format(subject=idiom.subject, symbol=idiom.symbol, context=context, was=was).strip()


def _file_entry(f: FileFacts, words: Phrases) -> FileEntry:
    return FileEntry(
        path=f.path, old_path=f.old_path, status=f.status, module=f.module, category=f.category,
        change_type=f.change_type, symbols=[s.qualname for s in f.symbols],
        additions=f.additions, deletions=f.deletions,
        role=words.list_sep.join(_file_clauses(f, words)),
    )


def _risk_level(facts: ChangeFacts) -> str:
    levels = [_SEVERITY_LEVEL[r.severity] for r in facts.risks] or ["low"]
    return max(levels, key=_LEVEL_ORDER.index)


def _review(review: ReviewFacts | None, words: Phrases) -> ReviewSection:
    if review is None:
        return ReviewSection(available=False, highlights=[])
    return ReviewSection(available=True, highlights=review_highlights(review, words),
                         overview=review_overview(review, words))


def _risk_tags(facts: ChangeFacts, review: ReviewFacts | None) -> list[str]:
    tags = list(dict.fromkeys([_RULE_TAGS[r.rule] for r in facts.risks if r.rule in _RULE_TAGS]
                              + [_IDIOM_TAGS[i.idiom] for i in facts.idioms if i.idiom in _IDIOM_TAGS]))
    if review is not None and review.unresolved_findings:
        tags.insert(0, "unresolved-review")
    if any(r.rule == "untested-logic-change" for r in facts.risks):
        tags.append("no-tests")
    product = _product(facts)
    if any(f.change_type == "dependency-wiring" for f in product):
        tags.append("import-wiring")
    if any(f.change_type == "data-contract" for f in product):
        tags.append("interface-change")
    if _churn(product) > LARGE_LINES:
        tags.append("large-change")
    if any(f.status == "deleted" for f in facts.files):
        tags.append("file-removal")
    if facts.warnings:
        tags.append("analysis-incomplete")
    return tags


def _impact(facts: ChangeFacts, words: Phrases) -> Impact:
    product = _product(facts)
    modules = sorted({f.module for f in product})
    tests = [f for f in facts.files if f.category == "test"]
    areas = [tag for tag in facts.meta.tags if not _is_kind_tag(tag)]
    if areas and product:
        users = words.impact_users_tags.format(tags=words.list_sep.join(areas))
    elif product:
        users = words.impact_users_code.format(modules=_names(modules, words))
    else:
        users = words.impact_users_none
    touched = modules or sorted({f.module for f in facts.files})
    system = (words.impact_system.format(modules=_names(touched, words)) if touched
              else words.impact_system_none)
    if any(f.change_type == "dependency-wiring" for f in product):
        system += words.impact_system_wiring
    if tests:
        team = words.impact_team_tests.format(count=len(tests), s=_plural(len(tests)))
    elif product:
        team = words.impact_team_no_tests
    else:
        team = words.impact_team_none
    return Impact(users=users, system=system, team=team)


def _is_kind_tag(tag: str) -> bool:
    """A title tag that says what kind of PR it is (`[BugFix]`, `[CI]`, `[2/N]`), not which
    platform or area it serves."""
    return tag.lower() in _KIND_TAGS or bool(_SERIES_TAG.match(tag))


def _empty_sections(facts: ChangeFacts, words: Phrases, related: list[RelatedLink],
                    indexed_prs: int, review: ReviewFacts | None) -> dict[str, str]:
    empty = {}
    if review is None:
        empty["review"] = words.no_review
    elif not review.topics:
        empty["review"] = review_empty(review, words)
    if not related:
        empty["related"] = empty_related(facts, indexed_prs, words)
    if not facts.risks:
        empty["risks"] = words.no_risks.format(rules=words.list_sep.join(facts.rules_run))
    if not facts.files:
        empty["implementation"] = empty["files"] = words.no_files
    if not facts.key_symbols:
        empty["key_symbols"] = words.no_key_symbols
    sources = [f for f in facts.files if f.category == "source"]
    if not facts.excerpts and sources and not any(f.additions for f in sources):
        empty["snippets"] = words.no_snippets_removed
    elif not facts.excerpts and not sources:
        empty["snippets"] = words.no_snippets_not_product
    return empty


def _plural(count: int) -> str:
    """The English plural ending for a count; the Chinese sentences have no `{s}` to fill."""
    return "" if count == 1 else "s"
