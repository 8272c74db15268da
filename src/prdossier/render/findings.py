"""Rule findings of `prdossier check` as text, JSON, or SARIF 2.1.0 for code scanning."""

from __future__ import annotations

import inspect
import json
from types import ModuleType

import msgspec

from prdossier import __version__
from prdossier.analysis.models import Risk

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note"}


def findings_text(risks: list[Risk]) -> str:
    lines = []
    for risk in risks:
        lines.append(f"{risk.path}:{risk.line}: {risk.code} {risk.rule} [{risk.severity}] {risk.message}")
        lines += [f"    | {line}" for line in risk.evidence.splitlines()]
        if risk.affected:
            shown = ", ".join(risk.affected[:8])
            more = f" and {len(risk.affected) - 8} more" if len(risk.affected) > 8 else ""
            lines.append(f"    affected: {shown}{more}")
    return "\n".join(lines) + "\n" if lines else ""


def findings_json(risks: list[Risk]) -> str:
    return json.dumps(msgspec.to_builtins(risks), ensure_ascii=False, indent=2) + "\n"


def findings_sarif(risks: list[Risk], rules: tuple[ModuleType, ...]) -> str:
    index = {rule.CODE: position for position, rule in enumerate(rules)}
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "prdossier",
                "version": __version__,
                "rules": [_sarif_rule(rule) for rule in rules],
            }},
            "columnKind": "utf16CodeUnits",
            "results": [_sarif_result(risk, index[risk.code]) for risk in risks],
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _sarif_rule(rule: ModuleType) -> dict[str, object]:
    doc = inspect.cleandoc(rule.__doc__ or "")
    title = doc.splitlines()[0] if doc else rule.NAME
    body = doc.split("\n", 1)[1].strip() if "\n" in doc else title
    first_paragraph = body.split("\n\n", 1)[0].replace("\n", " ")
    return {
        "id": rule.CODE,
        "name": rule.NAME,
        "shortDescription": {"text": title},
        "fullDescription": {"text": first_paragraph},
        "help": {"text": body, "markdown": body},
        "properties": {"tags": ["prdossier", rule.KIND]},
    }


def _sarif_result(risk: Risk, rule_index: int) -> dict[str, object]:
    message = risk.message + (f" Affected: {', '.join(risk.affected[:20])}." if risk.affected else "")
    return {
        "ruleId": risk.code,
        "ruleIndex": rule_index,
        "level": _SARIF_LEVEL[risk.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": risk.path, "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": max(risk.line, 1)},
        }}],
        "properties": {"severity": risk.severity, "rule": risk.rule},
    }
