"""The related section: each link's reasons phrased from their facts."""

from __future__ import annotations

from prdossier.analysis.models import SCORE_THRESHOLD, ChangeFacts, LinkReason, RelatedLink
from prdossier.narrate.phrases import Phrases
from prdossier.narrate.report import RelatedPR


def related_entries(links: list[RelatedLink], words: Phrases) -> list[RelatedPR]:
    return [RelatedPR(number=link.number, title=link.title, score=link.score,
                      type=link.type, type_label=words.link_types[link.type],
                      reasons=[reason_text(reason, link, words) for reason in link.reasons])
            for link in links]


def reason_text(reason: LinkReason, link: RelatedLink, words: Phrases) -> str:
    template = words.link_reasons[reason.kind]
    items = words.list_sep.join(f"`{item}`" if reason.kind in _CODE_ITEMS else item
                                for item in reason.items)
    fields = {"number": link.number, "detail": reason.detail, "items": items,
              "relation": words.relations.get(reason.detail, reason.detail)}
    if reason.kind in ("reverts", "reverted-by"):
        fields["basis"] = words.revert_basis[reason.detail].format(value=reason.items[0])
    elif reason.kind == "same-series":
        fields["first"], fields["second"] = reason.items
    elif reason.kind == "merged-apart":
        fields["when"] = words.merged_when[reason.items[0]]
    if reason.kind in _DAY_COUNTS:
        span = words.day_spans.get(reason.detail, words.day_spans["n"])
        fields["span"] = span.format(days=reason.detail)
    return template.format(**fields)


_CODE_ITEMS = ("shared-symbols", "shared-files", "inverse-diff")
_DAY_COUNTS = ("fixes", "fixed-by", "same-tag", "merged-apart")


def empty_related(facts: ChangeFacts, indexed_prs: int, words: Phrases) -> str:
    if facts.meta.number is None:
        return words.no_related_not_pr
    if indexed_prs <= 1:
        return words.no_related_not_indexed
    return words.no_related_none.format(count=indexed_prs, threshold=SCORE_THRESHOLD)
