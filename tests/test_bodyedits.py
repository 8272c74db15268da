"""What a changed function does differently: each kind of edit, and its near misses."""

from __future__ import annotations

import textwrap

import pytest

from prdossier.analysis.bodyedits import MAX_CODE, body_edits
from prdossier.analysis.pysymbols import parse_cached
from prdossier.analysis.symdiff import ParsedSides
from prdossier.narrate.narrator import narrate
from tests.test_narrate import REPO
from tests.test_symbols import _diff, _facts

HEAD = "import torch\nfrom pkg.moe import FusedMoE\n\n\n"


def _edits(old_body: str, new_body: str, method: bool = False,
           head: str = "") -> list[tuple[str, ...]]:
    """(kind, subject, was, *items) of each edit of `f` (or `A.f`) between the two bodies, in a
    module that starts with `HEAD` and `head`."""
    def module(body: str) -> str:
        code = "def f(self, x, out):\n" + textwrap.indent(textwrap.dedent(body), "    ")
        return HEAD + head + ("class A:\n" + textwrap.indent(code, "    ") if method else code)

    diff = _diff("pkg/a.py", module(old_body), module(new_body))
    sides = ParsedSides(diff=diff, old=parse_cached(diff.old_text), new=parse_cached(diff.new_text))
    found = body_edits(sides)
    return [(e.kind, e.subject, e.was or "", *e.items)
            for e in found.get("A.f" if method else "f", [])]


def test_a_keyword_given_to_a_call_it_kept_is_named_with_its_value() -> None:
    assert _edits("return FusedMoE(x, top_k=2)\n",
                  "return FusedMoE(x, top_k=2, limit=self.limit)\n") == [
        ("keywords-added", "FusedMoE", "", "limit=self.limit")]
    assert _edits("return FusedMoE(x, top_k=2, limit=1)\n", "return FusedMoE(x, top_k=2)\n") == [
        ("keywords-removed", "FusedMoE", "", "limit=1")]
    # near miss: the same keywords, laid out otherwise
    assert _edits("return FusedMoE(x, top_k=2)\n", "return FusedMoE(\n    x,\n    top_k=2,\n)\n") == []


def test_keywords_passing_what_was_passed_by_position_come_after_the_others() -> None:
    assert _edits("return FusedMoE(x.size, x.depth, 4)\n",
                  "return FusedMoE(size=x.size, depth=x.depth, workers=8)\n") == [
        ("keywords-added", "FusedMoE", "", "workers=8", "size=x.size", "depth=x.depth")]
    # near miss: every value is new, and the keywords keep the order of the call
    assert _edits("return FusedMoE(x.size)\n", "return FusedMoE(x.size, depth=x.depth, workers=2)\n") == [
        ("keywords-added", "FusedMoE", "", "depth=x.depth", "workers=2")]


def test_a_keyword_given_another_value_is_changed_only_where_one_touched_call_gives_it() -> None:
    assert _edits("FusedMoE(x, top_k=2)\nFusedMoE(x, top_k=3)\n",
                  "FusedMoE(x, top_k=4)\nFusedMoE(x, top_k=3)\n") == [
        ("keywords-changed", "FusedMoE", "top_k=2", "top_k=4")]
    # near miss: two calls in the statement that changed, so which one changed what is not plain
    assert _edits("y = FusedMoE(x, top_k=2) + FusedMoE(x, top_k=3)\n",
                  "y = FusedMoE(x, top_k=4) + FusedMoE(x, top_k=3)\n") == []


def test_long_versions_of_a_value_or_a_test_are_shown_from_where_they_differ() -> None:
    long = "[" + "1, " * MAX_CODE
    assert _edits(f"FusedMoE(x, top_k={long}2])\n", f"FusedMoE(x, top_k={long}3])\n") == [
        ("keywords-changed", "FusedMoE", "top_k=…1, 1, 1, 1, 1, 1, 1, 2]", "top_k=…1, 1, 1, 1, 1, 1, 1, 3]")]
    test = "if self.quant_config is not None and self.quant_config.get_name() == {}:\n    y = 1\n"
    assert _edits(test.format('"fp8"'), test.format('"deepseek_v4_fp8"')) == [
        ("test-changed", "…quant_config.get_name() == 'deepseek_v4_fp8'",
         "…quant_config.get_name() == 'fp8'")]
    # near miss: short versions are shown whole
    assert _edits(test.format('"fp8"').replace("self.quant_config is not None and ", ""),
                  test.format('"int8"').replace("self.quant_config is not None and ", "")) == [
        ("test-changed", "self.quant_config.get_name() == 'int8'", "self.quant_config.get_name() == 'fp8'")]


def test_a_callee_on_another_receiver_under_the_same_name_replaces_it() -> None:
    assert _edits("torch.cuda.synchronize()\n", "torch.npu.synchronize()\n") == [
        ("call-replaced", "torch.npu.synchronize", "torch.cuda.synchronize")]
    # near miss: a method of one local object, then of another
    assert _edits("y = x.unsqueeze(0)\n", "y = out.unsqueeze(0)\n") == []
    # the only callee that went and the only one that came, in one hunk
    assert _edits("y = torch.relu(x)\n", "y = torch.sigmoid(x)\n") == [
        ("call-replaced", "torch.sigmoid", "torch.relu")]
    # near miss: far apart, they are two edits
    filler = "z = x\n" * 10
    assert _edits(f"y = torch.relu(x)\n{filler}return y\n", f"y = x\n{filler}return torch.sigmoid(y)\n") == [
        ("call-added", "torch.sigmoid", ""), ("call-removed", "torch.relu", "")]


def test_a_call_counts_as_added_only_when_the_function_made_it_nowhere_before() -> None:
    assert _edits("y = torch.relu(x)\nif x:\n    self.reset()\n",
                  "y = torch.relu(x)\nif x:\n    self.reset()\nself.reset()\n") == []
    assert _edits("self.reset()\nif x:\n    self.reset()\n", "if x:\n    self.reset()\n") == []
    # near miss: the one call removed was the last
    assert _edits("y = torch.relu(x)\nself.reset()\n", "y = torch.relu(x)\n") == [
        ("call-removed", "self.reset", "")]


def test_a_keyword_added_on_a_line_of_its_own_touches_the_call() -> None:
    assert _edits("return FusedMoE(\n    x,\n    top_k=2,\n)\n",
                  "return FusedMoE(\n    x,\n    top_k=2,\n    limit=3,\n)\n") == [
        ("keywords-added", "FusedMoE", "", "limit=3")]


def test_calls_added_and_removed_count_only_when_imported_defined_or_own() -> None:
    assert _edits("y = torch.relu(x)\n", "y = torch.relu(x)\nself.reset()\ntorch.npu.empty_cache()\n") == [
        ("call-added", "self.reset", ""), ("call-added", "torch.npu.empty_cache", "")]
    # near misses: a method of a local object, a local function, a built-in, logging
    assert _edits("y = torch.relu(x)\n",
                  "y = torch.relu(x)\nout.append(y)\nfn = x.hook\nfn()\nprint(len(y))\n"
                  "logger.warning('y')\n") == []


def test_a_new_exception_and_a_dropped_one() -> None:
    assert _edits("return x\n", "if x is None:\n    raise ValueError('x')\nreturn x\n") == [
        ("raise-added", "ValueError", ""), ("branch-added", "x is None", "")]
    assert _edits("if x is None:\n    raise ValueError('x')\nreturn x\n", "return x\n") == [
        ("raise-removed", "ValueError", ""), ("branch-removed", "x is None", "")]
    # near miss: the message changed, not what is raised
    assert _edits("raise ValueError('x')\n", "raise ValueError('no x')\n") == []


def test_one_test_changed_is_paired_and_a_conditional_expression_counts() -> None:
    assert _edits("y = x if self.mtp else None\n", "y = x if self.spec and self.last else None\n") == [
        ("test-changed", "self.spec and self.last", "self.mtp")]
    # among several tests that changed, one widened or narrowed is paired; others are not
    assert _edits("if not x or self.dim is None:\n    y = 1\nif self.mtp:\n    y = 2\n",
                  "if not x:\n    y = 1\nif self.spec:\n    y = 2\nif self.last:\n    y = 3\n") == [
        ("test-changed", "not x", "not x or self.dim is None"),
        ("branch-added", "self.spec", ""), ("branch-added", "self.last", ""),
        ("branch-removed", "self.mtp", "")]
    # near miss: the same test, its body changed
    assert _edits("if self.mtp:\n    y = 1\n", "if self.mtp:\n    y = 2\n") == []


def test_long_code_is_cut_but_compared_whole() -> None:
    long = "x > " + "1" * MAX_CODE
    edits = _edits(f"if {long}1:\n    y = 1\n", f"if {long}2:\n    y = 1\n")
    assert edits and edits[0][0] == "test-changed"
    assert edits[0][1:] == ("…" + "1" * 20 + "2", "…" + "1" * 21)
    # near miss: where two long versions differ early, the end is cut
    edits = _edits(f"if y > {long}1:\n    y = 1\n", f"if z > {long}1:\n    y = 1\n")
    assert len(edits[0][1]) == MAX_CODE and edits[0][1].startswith("z > x > 1") and edits[0][1].endswith("…")


def test_an_attribute_read_instead_of_another_of_the_same_object() -> None:
    assert _edits("return FusedMoE(self.block_size, self.heads)\n",
                  "return FusedMoE(self.storage_block_size, self.heads)\n") == [
        ("read-replaced", "self.storage_block_size", "self.block_size")]
    # near miss: one more attribute read beside the old one
    assert _edits("return FusedMoE(self.block_size)\n",
                  "return FusedMoE(self.block_size, self.heads)\n") == []


def test_attributes_a_method_sets() -> None:
    assert _edits("self.a = x\n", "self.a = x\nself.b, self.c = x, x\n", method=True) == [
        ("attribute-set", "self.b", ""), ("attribute-set", "self.c", "")]
    assert _edits("self.a = x\nself.b = x\n", "self.a = x\n", method=True) == [
        ("attribute-unset", "self.b", "")]
    # near miss: a local name, not the object's
    assert _edits("self.a = x\n", "self.a = x\nb = x\n", method=True) == []


def test_a_function_read_from_its_own_lines_once_the_tree_is_released() -> None:
    old = HEAD + "def f(x):\n    return FusedMoE(x)\n"
    new = HEAD + "def f(x):\n    return FusedMoE(x, limit=3)\n"
    diff = _diff("pkg/a.py", old, new)
    sides = ParsedSides(diff=diff, old=parse_cached(old), new=parse_cached(new))
    sides.old.release_tree()
    assert [e.kind for e in body_edits(sides)["f"]] == ["keywords-added"]
    assert sides.old._tree is None


@pytest.mark.parametrize(("language", "step", "note"), [
    ("en", "`A.f` passes `limit=self.limit` to `FusedMoE`.",
     "changes `A.f`: passes `limit=self.limit` to `FusedMoE`"),
    ("zh", "`A.f` 中调用 `FusedMoE` 时新增参数 `limit=self.limit`。",
     "修改 `A.f`：调用 `FusedMoE` 时新增参数 `limit=self.limit`"),
])
def test_the_report_says_what_a_changed_method_does_differently(language: str, step: str,
                                                                 note: str) -> None:
    old = HEAD + "class A:\n    def f(self, x):\n        return FusedMoE(x, top_k=2)\n"
    facts = _facts(_diff("pkg/a.py", old, old.replace("top_k=2)", "top_k=2, limit=self.limit)")))
    assert facts.files[0].symbols[0].edits
    report = narrate(facts, REPO, language, [], 1)
    assert report.implementation[0].endswith(step)
    assert report.snippets[0].note == note
    assert note.split("`A.f`")[1].lstrip(":： ") in report.summary.recommendation


def test_a_kernel_launched_on_a_grid_is_a_callee_and_options_passed_whole_are_arguments() -> None:
    head = "_kernel = None\n_OPTIONS = dict(multibuffer=False)\n"
    assert _edits("_kernel[(4,)](x, BLOCK=8)\n", "_kernel[(4,)](x, BLOCK=8, **_OPTIONS)\n",
                  head=head) == [("keywords-added", "_kernel[…]", "", "**_OPTIONS")]
    assert _edits("y = torch.relu(x)\n", "y = torch.relu(x)\n_kernel[(4,)](x)\n", head=head) == [
        ("call-added", "_kernel[…]", "")]
    # near misses: a launch made elsewhere in the function already; an item of a list called
    assert _edits("_kernel[(2,)](x)\n", "_kernel[(2,)](x)\n_kernel[(4,)](x)\n", head=head) == []
    assert _edits("y = x\n", "y = x\nout[0](x)\n", head=head) == []


def test_a_function_too_deep_to_print_has_no_edits_and_does_not_stop_the_others() -> None:
    deep = "x" + " + x" * 1500
    old = HEAD + f"def f(x):\n    if {deep}:\n        return 1\n\n\ndef g(x):\n    return FusedMoE(x)\n"
    new = old.replace(f"if {deep}", f"if {deep} + 1").replace("FusedMoE(x)", "FusedMoE(x, k=1)")
    diff = _diff("pkg/a.py", old, new)
    sides = ParsedSides(diff=diff, old=parse_cached(old), new=parse_cached(new))
    assert list(body_edits(sides)) == ["g"]


def test_the_functions_read_are_those_most_changed_then_the_first() -> None:
    old = HEAD + "".join(f"def f{i}(x):\n    return FusedMoE(x)\n\n\n" for i in (3, 1, 4, 2))
    new = old.replace("def f2(x):\n    return FusedMoE(x)",
                      "def f2(x):\n    return FusedMoE(\n        x,\n        k=1,\n    )")
    new = new.replace("FusedMoE(x)\n", "FusedMoE(x, k=1)\n")
    diff = _diff("pkg/a.py", old, new)
    sides = ParsedSides(diff=diff, old=parse_cached(old), new=parse_cached(new))
    assert list(body_edits(sides)) == ["f2", "f3", "f1"]



def test_a_tests_edits_are_read_only_when_no_product_code_changed_beside_it() -> None:
    test_old = "from pkg.moe import FusedMoE\n\n\ndef test_moe():\n    assert FusedMoE(1)\n"
    test_new = test_old.replace("FusedMoE(1)", "FusedMoE(1, limit=2)")
    code_old = "def f(x):\n    return x\n"
    alone = _facts(_diff("tests/test_moe.py", test_old, test_new))
    beside = _facts(_diff("tests/test_moe.py", test_old, test_new),
                    _diff("pkg/ops.py", code_old, code_old.replace("x\n", "x + 1\n")))
    assert [e.kind for e in alone.files[0].symbols[0].edits] == ["keywords-added"]
    assert beside.files[0].symbols[0].edits == []


def test_a_test_given_another_operand_inside_a_negation_is_paired() -> None:
    assert _edits("if not (hopper or sm100):\n    y = 1\nif mtp:\n    y = 2\n",
                  "if not (hopper or sm100 or sm120):\n    y = 1\nif spec:\n    y = 2\n") == [
        ("test-changed", "not (hopper or sm100 or sm120)", "not (hopper or sm100)"),
        ("branch-added", "spec", ""), ("branch-removed", "mtp", "")]
