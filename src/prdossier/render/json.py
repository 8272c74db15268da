"""The report as the JSON contract: one object, English keys."""

from __future__ import annotations

import msgspec

from prdossier.narrate.report import Report


def render_json(report: Report) -> str:
    return msgspec.json.format(msgspec.json.encode(report), indent=2).decode() + "\n"
