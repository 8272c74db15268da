from __future__ import annotations

import inspect
from pathlib import Path

from prdossier.analysis.idioms import RECOGNIZERS
from prdossier.analysis.rules import RULES
from prdossier.render.rules_doc import rules_markdown

DOCS = Path(__file__).parent.parent / "docs" / "rules.md"


def test_every_rule_is_documented_the_same_way() -> None:
    codes = [rule.CODE for rule in RULES]
    assert codes == sorted(codes) and len(set(codes)) == len(codes)
    for rule in RULES:
        doc = inspect.cleandoc(rule.__doc__ or "")
        assert doc.startswith(f"{rule.CODE} {rule.NAME}.")
        for part in ("What it finds:", "Why it matters:", "Example", "How to fix:"):
            assert part in doc, (rule.NAME, part)


def test_every_idiom_is_documented_the_same_way() -> None:
    for recognizer in RECOGNIZERS:
        doc = inspect.cleandoc(recognizer.__doc__ or "")
        assert doc.startswith(f"{recognizer.NAME}:")
        for part in ("What it recognises:", "Why it matters:", "Example"):
            assert part in doc, (recognizer.NAME, part)


def test_docs_rules_md_is_generated_from_the_docstrings() -> None:
    assert DOCS.read_text(encoding="utf-8") == rules_markdown(), \
        "docs/rules.md is stale: run `prdossier rules > docs/rules.md`"
