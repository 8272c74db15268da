"""The report as the JSON contract: one object, English keys."""

from __future__ import annotations

from prdossier.narrate.report import Report


def render_json(report: Report) -> str:
    return report.model_dump_json(indent=2) + "\n"
