from __future__ import annotations

from datetime import datetime, timedelta, timezone

from prdossier.analysis.models import RelatedLink
from prdossier.analysis.related import Corpus, PrDigest, link
from prdossier.narrate.phrases import PHRASES
from prdossier.narrate.related import reason_text

START = datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=8)))
COMMON = "python/pkg/__init__.py"


def pr(number: int, title: str, day: int = 0, files: dict[str, tuple[int, int]] | None = None,
       symbols: tuple[str, ...] = (), tags: tuple[str, ...] = (),
       refs: tuple[tuple[int, str], ...] = (), reverts: str | None = None,
       tests: tuple[str, ...] = ()) -> PrDigest:
    changed = {COMMON: (1, 1), **(files or {})}
    return PrDigest(sha=f"{number:040d}", number=number, title=title, tags=tags,
                    merged_at=START + timedelta(days=day), files=changed,
                    supporting=frozenset(tests), symbols=frozenset(symbols),
                    references=refs, reverts_commit=reverts)


def history(*extra: PrDigest, filler: int = 60) -> Corpus:
    """A corpus of unrelated PRs that all touch one common file, then `extra`."""
    corpus = Corpus()
    for number in range(1, filler + 1):
        corpus.add(pr(number, f"Unrelated change {number}", day=number * 7,
                      files={f"python/pkg/area{number}.py": (3, 1)}))
    for digest in extra:
        corpus.add(digest)
    return corpus


def links_of(new: PrDigest, corpus: Corpus) -> dict[int, tuple[RelatedLink, RelatedLink]]:
    return {forward.number: (forward, backward) for forward, backward in link(new, corpus)}


def test_depends_on_makes_a_prerequisite_and_the_mirror_a_follow_up() -> None:
    base = pr(100, "Add the router kernel", day=1)
    new = pr(101, "Use the router kernel on NPU", day=3, refs=((100, "depends-on"),))
    found = links_of(new, history(base))
    forward, backward = found[100]
    assert (forward.type, backward.type) == ("prerequisite", "follow-up")
    assert forward.score >= 0.9 and backward.number == 101
    assert [r.kind for r in forward.reasons][:1] == ["references"]
    assert [r.kind for r in backward.reasons][:1] == ["referenced-by"]
    assert set(found) == {100}, "the common file alone links nothing"


def test_revert_is_found_by_commit_and_inverse_diff() -> None:
    original = pr(200, "Fuse the MoE kernel", files={"python/pkg/moe.py": (40, 5)})
    revert = pr(201, 'Revert "Fuse the MoE kernel (#200)"', day=1,
                files={"python/pkg/moe.py": (5, 40), COMMON: (1, 1)},
                reverts=original.sha)
    forward, backward = links_of(revert, history(original))[200]
    assert forward.type == backward.type == "revert"
    kinds = [r.kind for r in forward.reasons]
    assert "reverts" in kinds and "inverse-diff" in kinds
    assert "reverted-by" in [r.kind for r in backward.reasons]


def test_revert_found_by_quoted_title_when_message_names_no_commit() -> None:
    original = pr(210, "Enable the fast path", files={"python/pkg/fast.py": (9, 0)})
    revert = pr(211, 'Revert "Enable the fast path"', day=2, files={"python/pkg/fast.py": (0, 9)})
    forward, _ = links_of(revert, history(original))[210]
    assert forward.type == "revert"
    assert forward.reasons[0].detail == "title"


def test_series_members_link_but_another_series_does_not() -> None:
    first = pr(300, "[NPU] Support A3 machines [1/3]", day=1)
    other_series = pr(301, "[Docs] Rewrite the install guide (1/2)", day=2)
    second = pr(302, "[NPU] Support A3 machines [2/3]", day=5)
    found = links_of(second, history(first, other_series))
    assert found[300][0].type == "same-series"
    assert found[300][0].reasons[0].items == ["[2/3]", "[1/3]"]
    assert 301 not in found


def test_rare_shared_symbols_link_and_name_the_symbols() -> None:
    earlier = pr(400, "Tune the attention backend", day=400,
                 files={"python/pkg/attn.py": (30, 2)},
                 symbols=("python/pkg/attn.py::Attention.forward",))
    later = pr(401, "Cache attention masks", day=405,
               files={"python/pkg/attn.py": (12, 4)},
               symbols=("python/pkg/attn.py::Attention.forward",))
    forward, backward = links_of(later, history(earlier))[400]
    assert forward.type == "same-area"
    reasons = {r.kind: r for r in forward.reasons}
    assert reasons["shared-symbols"].items == ["Attention.forward"]
    assert reasons["shared-files"].items == ["python/pkg/attn.py"]
    assert reasons["merged-apart"].items == ["earlier"]
    assert {r.kind: r for r in backward.reasons}["merged-apart"].items == ["later"]


def test_a_shared_test_file_alone_is_too_weak_long_after() -> None:
    earlier = pr(450, "Refactor the rope kernel", day=10, files={"test/test_rope.py": (5, 5)},
                 symbols=("test/test_rope.py::test_correctness",), tests=("test/test_rope.py",))
    later = pr(451, "Vision rope", day=700, files={"test/test_rope.py": (9, 1)},
               symbols=("test/test_rope.py::test_correctness",), tests=("test/test_rope.py",))
    assert 450 not in links_of(later, history(earlier))


def test_same_tag_links_only_when_close_in_time() -> None:
    near = pr(500, "[NPU] Update the offloading docs", day=1000, tags=("NPU",))
    far = pr(501, "[NPU] Add a best-practice page", day=900, tags=("NPU",))
    new = pr(502, "[NPU] Guard the kernel import", day=1001, tags=("NPU",))
    found = links_of(new, history(near, far))
    assert found[500][0].type == "same-area"
    assert {r.kind for r in found[500][0].reasons} >= {"same-tag"}
    assert 501 not in found


def test_a_fix_soon_after_on_the_same_product_symbol_is_a_follow_up() -> None:
    feature = pr(600, "Add fused linear JSD", day=500, files={"python/pkg/jsd.py": (80, 0)},
                 symbols=("python/pkg/jsd.py::JSD.forward",))
    fix = pr(601, "Fix missing accum_dtype in JSD forward", day=504,
             files={"python/pkg/jsd.py": (3, 1)}, symbols=("python/pkg/jsd.py::JSD.forward",))
    forward, backward = links_of(fix, history(feature))[600]
    assert (forward.type, backward.type) == ("prerequisite", "follow-up")
    assert "fixes" in [r.kind for r in forward.reasons]
    assert "fixed-by" in [r.kind for r in backward.reasons]


def test_a_file_every_pr_touches_is_no_evidence() -> None:
    corpus = history()
    assert corpus.common(len(corpus.by_file[COMMON]) + 1)
    assert link(pr(700, "Another change", day=5), corpus) == []


def test_merges_less_than_a_day_apart_are_not_said_to_be_zero_days_apart() -> None:
    shared = {"python/pkg/router.py": (40, 5)}
    first = pr(300, "[NPU] Add the router", day=1, files=shared, tags=("NPU",))
    same_day = pr(301, "[NPU] Tune the router", day=1, files=shared, tags=("NPU",))
    later = pr(302, "[NPU] Tune the router again", day=2, files=shared, tags=("NPU",))
    texts = {}
    for new, language in ((same_day, "en"), (later, "en"), (same_day, "zh")):
        forward = links_of(new, history(first))[300][0]
        texts[new.number, language] = [reason_text(r, forward, PHRASES[language]) for r in forward.reasons]
    assert "merged less than a day later" in texts[301, "en"]
    assert "same tag NPU, merged less than a day apart" in texts[301, "en"]
    assert "merged 1 day earlier" in texts[302, "en"]
    assert "合入时间晚于本 PR 1 天内" in texts[301, "zh"]
    assert not any("0" in text for text in texts[301, "en"] + texts[301, "zh"])
