"""What the narrator makes of facts: the summary and the impact."""

from __future__ import annotations

from dataclasses import replace
from typing import get_args

from prdossier.narrate.narrator import narrate
from prdossier.narrate.phrases import PHRASES
from prdossier.narrate.report import RepoRef
from prdossier.sources.models import FileDiff, Note, NoteKind
from tests.test_symbols import _diff, _facts

REPO = RepoRef(name="r", path=None, url=None)
CODE = "def f():\n    return 1\n"


def _report(tags: list[str], *diffs):
    facts = _facts(*diffs)
    facts.meta = replace(facts.meta, tags=tags)
    return narrate(facts, REPO, "en", [], 1)


def test_kind_tags_are_not_the_users_a_change_serves() -> None:
    changed = _diff("pkg/ops.py", CODE, CODE.replace("1", "2"))
    assert "NPU" in _report(["BugFix", "NPU"], changed).impact.users
    assert "BugFix" not in _report(["BugFix", "NPU"], changed).impact.users
    assert "pkg" in _report(["CI", "2/N"], changed).impact.users


def test_rewritten_comments_do_not_dominate_a_code_change() -> None:
    code = _diff("pkg/ops.py", CODE, CODE.replace("1", "2"))
    notes = _diff("pkg/notes.py", "# a\n" + CODE, "# a\n" + "# more\n" * 20 + CODE)
    one_liner = _report([], code, notes).summary.one_liner
    assert "core logic" in one_liner.lower()


def test_code_only_laid_out_anew_is_said_so_and_does_not_lead_the_summary() -> None:
    old = "def f(a, b):\n    return g(a, b)\n"
    relaid = _diff("pkg/ops.py", old, "def f(a, b):\n    return g(\n        a,\n        b,\n    )\n")
    ci = _diff(".github/workflows/ci.yml", "on: push\n", "on: [push, pull_request]\n")
    report = _report([], relaid, ci)
    assert "layout only (+4/-1 lines): the syntax tree is unchanged" in report.files[0].role
    assert "mostly ci and build" in report.summary.one_liner.lower()
    assert report.summary.recommendation.startswith("No product code changed")
    # near miss: a call changed while laid out anew is code that changed
    changed = _diff("pkg/ops.py", old, "def f(a, b):\n    return g(\n        b,\n        a,\n    )\n")
    assert "core logic" in _report([], changed, ci).summary.one_liner.lower()


def test_analysis_notes_are_phrased_in_the_report_language() -> None:
    broken = _diff("pkg/a.py", CODE, "def f(:\n    return 1\n")
    facts = _facts(broken)
    zh = narrate(facts, REPO, "zh", [], 1).meta.warnings
    en = narrate(facts, REPO, "en", [], 1).meta.warnings
    assert len(zh) == len(en) == 1
    assert zh[0].startswith("pkg/a.py: 新版本无法解析（SyntaxError at line 1")
    assert en[0].startswith("pkg/a.py: new version does not parse (SyntaxError at line 1")


def test_every_kind_of_note_has_a_sentence_in_every_language() -> None:
    kinds = set(get_args(NoteKind))
    assert all(set(words.notes) == kinds for words in PHRASES.values())


def test_zh_one_liner_keeps_latin_words_apart_from_chinese() -> None:
    ci = _diff(".github/workflows/ci.yml", "on: push\n", "on: [push, pull_request]\n")
    one_liner = narrate(_facts(ci), REPO, "zh", [], 1).summary.one_liner
    assert "以构建与 CI 脚本为主" in one_liner


def test_english_counts_of_one_are_singular() -> None:
    one = _report([], _diff("pkg/one.py", None, "x = 1\n", "added"))
    assert ", 1 file (+1/-0)." in one.summary.one_liner
    assert any("new file, 1 line" in f.role and "lines" not in f.role for f in one.files)
    two = _report([], _diff("pkg/two.py", None, "x = 1\ny = 2\n", "added"),
                  _diff("pkg/ops.py", CODE, CODE.replace("1", "2")))
    assert ", 2 files (" in two.summary.one_liner
    assert any("new file, 2 lines" in f.role for f in two.files)


def test_changed_defaults_are_named_with_their_old_and_new_values() -> None:
    code = "def load(path, fast=False, *, retries: int = 3):\n    return path\n"
    changed = _diff("pkg/io.py", code, code.replace("fast=False", "fast=True").replace("= 3", "= 5"))
    steps = _report([], changed).implementation
    assert "`load` (default fast False → True, retries 3 → 5)" in steps[0]
    renamed = _diff("pkg/io.py", code, code.replace("fast=False", "quick=True"))
    assert "`load` (signature changed)" in _report([], renamed).implementation[0]


def test_an_import_written_in_several_functions_is_named_once() -> None:
    old = "import torch\n\n\ndef f():\n    return 1\n\n\ndef g():\n    return 2\n"
    new = old.replace("    return", "    from torch.onnx import utils\n    return")
    steps = _report([], _diff("pkg/ops.py", old, new)).implementation
    assert steps[0].count("`from torch.onnx import utils`") == 1


def test_an_import_rewritten_in_place_names_the_names_it_gained_and_lost() -> None:
    old = "from pkg.utils import IS_HOPPER, autotune\n\nWARPS = [2, 4] if IS_HOPPER else [2]\n"
    new = old.replace("IS_HOPPER, autotune", "IS_HOPPER, IS_INTEL") \
        .replace("else [2]", "else [8] if IS_INTEL else [2]")
    steps = _report([], _diff("pkg/ops.py", old, new)).implementation
    assert "also imports `IS_INTEL` from `pkg.utils`" in steps[0]
    assert "no longer imports `autotune` from `pkg.utils`" in steps[0] and "drops the import" not in steps[0]
    moved = new.replace("from pkg.utils import", "from pkg.flags import")
    other_module = _report([], _diff("pkg/ops.py", old, moved)).implementation
    assert "imports `from pkg.flags import IS_HOPPER, IS_INTEL`" in other_module[0]


def test_a_function_made_a_coroutine_is_said_so_and_read_first() -> None:
    old = "def resolve(urls):\n    return [fetch(u) for u in urls]\n"
    made = _report([], _diff("pkg/vision.py", old, "async " + old.replace("[fetch", "[await fetch")))
    assert "`resolve` (made a coroutine, async def: callers must await it)" in made.implementation[0]
    assert "made a coroutine" in made.summary.recommendation
    unmade = _report([], _diff("pkg/vision.py", "async " + old, old))
    assert "`resolve` (no longer a coroutine: callers cannot await it)" in unmade.implementation[0]
    # near miss: a coroutine whose parameters changed is not said to have become one
    taking_more = "async " + old.replace("(urls)", "(urls, session)")
    reshaped = _report([], _diff("pkg/vision.py", "async " + old, taking_more))
    assert "`resolve` (signature changed)" in reshaped.implementation[0]
    assert "coroutine" not in reshaped.implementation[0]


def test_key_files_put_the_most_changed_product_code_first_and_docs_last() -> None:
    docs = _diff("docs/a.md", "old\n", "new\n")
    test = _diff("tests/test_ops.py", CODE, CODE + "def test_g():\n    assert 1\n")
    small = _diff("pkg/a.py", CODE, CODE.replace("1", "2"))
    large = _diff("pkg/ops.py", CODE, "def f():\n    x = 2\n    return x + 1\n")
    report = _report([], docs, test, small, large)
    assert [f.path for f in report.files] == ["pkg/ops.py", "pkg/a.py", "tests/test_ops.py", "docs/a.md"]
    assert report.implementation[0].startswith("`pkg/ops.py`")


def test_a_moved_standard_library_import_is_not_where_to_start_reading() -> None:
    logic = _diff("pkg/ops.py", CODE, "def f():\n    x = 2\n    return x + 1\n")
    old = "import os\nimport torch_npu\n\ndef g():\n    return os.sep\n"
    stdlib = _diff("pkg/a.py", old, "import torch_npu\n\ndef g():\n    import os\n    return os.sep\n")
    assert "start with `pkg/ops.py:f`" in _report([], logic, stdlib).summary.recommendation
    # near miss: the optional kernel package moved into the function is the change to read first
    kernel = _diff("pkg/a.py", old, "import os\n\ndef g():\n    import torch_npu\n    return os.sep\n")
    recommendation = _report([], logic, kernel).summary.recommendation
    assert "start with `pkg/a.py` (moves `import torch_npu`" in recommendation


def test_empty_key_symbols_and_excerpts_say_why() -> None:
    removed = _report([], _diff("pkg/ops.py", CODE + "def g():\n    return 2\n", CODE))
    assert removed.snippets == []
    assert removed.meta.empty_sections["snippets"].startswith("None: the change only removes product code")
    ci = _report([], _diff(".github/workflows/ci.yml", "on: push\n", "on: [push, pull_request]\n"))
    assert ci.meta.empty_sections["snippets"].startswith("None: no product source file changed")
    assert ci.meta.empty_sections["key_symbols"].startswith("None: no function, class or constant")
    # near miss: code added has its excerpt and its key symbol, and no reason for their absence
    added = _report([], _diff("pkg/ops.py", CODE, CODE + "def g():\n    return 2\n"))
    assert added.snippets and added.key_symbols
    assert "snippets" not in added.meta.empty_sections and "key_symbols" not in added.meta.empty_sections


def test_a_binary_file_is_said_to_be_binary_not_to_have_zero_lines() -> None:
    def image(status: str) -> FileDiff:
        return FileDiff(path="docs/img/arch.png", old_path=None, status=status,
                        notes=[Note("binary", "docs/img/arch.png")])

    removed = _report([], image("deleted"))
    assert removed.files[0].role == "file removed (binary file; content not analysed)"
    assert "docs/img/arch.png (binary file; content not analysed)" in removed.implementation[0]
    assert removed.summary.recommendation.endswith("(binary file; content not analysed).")
    assert "note: binary file; content not analysed" in _report([], image("modified")).files[0].role
    # near miss: a text file removed counts its lines
    text = _report([], _diff("docs/a.md", "old\n", None, "deleted"))
    assert text.files[0].role == "file removed (1 line)"
    assert "`docs/a.md (+0/-1)`" in text.implementation[0]


def test_the_excerpt_of_an_import_statement_that_lost_a_name_says_so() -> None:
    old = "from .uintx import (\n    CpuLayout,\n    QDQLayout,\n    SparseLayout,\n)\n"
    lost = _report([], _diff("pkg/dtypes/__init__.py", old, old.replace("    QDQLayout,\n", "")))
    assert lost.snippets[0].note == "no longer imports `QDQLayout` from `.uintx`"
    # near miss: a statement added beside the others is an import added
    added = _report([], _diff("pkg/dtypes/__init__.py", old, old + "from .nf4 import NF4Tensor\n"))
    assert added.snippets[0].note == "imports `from .nf4 import NF4Tensor`"


def test_a_files_code_changes_come_before_its_imports_the_first_few_of_them() -> None:
    old = "import os\nfrom typing import Dict\n\n\ndef f(x):\n    return x\n"
    imports = "import copy\nimport json\nimport re\nfrom typing import Any\n\n\n"
    new = imports + "def f(x):\n    return copy.copy(json.loads(re.sub('a', 'b', x)))\n\n\n" \
        "def g():\n    return 1\n"
    role = _report([], _diff("pkg/ops.py", old, new)).files[0].role
    assert role.startswith("adds `g`, changes `f`, ")
    assert role.endswith("2 more import changes")
    # near miss: where the change is about its imports, they come first
    rewired = _report([], _diff("pkg/ops.py", old,
                                old.replace("from typing import Dict", "from typing import Any")))
    assert rewired.files[0].role.startswith("also imports `Any` from `typing`")


def test_imports_moved_alike_are_named_in_one_clause() -> None:
    old = "import os\nif os.environ.get('V'):\n    import torch_npu\n    import triton\n    import numpy\n"
    new = "import os\nimport torch_npu\nimport triton\nif os.environ.get('V'):\n    import numpy\n"
    role = _report([], _diff("pkg/a.py", old, new)).files[0].role
    assert role.count("moves ") == 1
    assert "moves `import torch_npu`, `import triton` from `if os.environ.get('V')` to module level" in role
    # near miss: imports moved from different places are told apart
    old = "import os\nif os.environ.get('V'):\n    import torch_npu\n\ndef f():\n    import triton\n"
    new = "import os\nimport torch_npu\nimport triton\n\ndef f():\n    pass\n"
    role = _report([], _diff("pkg/a.py", old, new)).files[0].role
    assert "moves `import torch_npu` from `if os.environ.get('V')` to module level" in role
    assert "moves `import triton` from `def f` to module level" in role


def test_the_reader_starts_at_product_code_before_a_larger_test() -> None:
    old = "from pkg.ops import f\nfrom pkg.moe import g\n"
    wiring = _diff("pkg/__init__.py", old, "from pkg.ops import f\n")
    test = _diff("tests/test_moe.py", "def test_g():\n    assert 1\n",
                 "def test_g():\n    assert 2\n\n\ndef test_h():\n    assert 3\n    assert 4\n")
    assert "start with `pkg/__init__.py`" in _report([], wiring, test).summary.recommendation
    # near miss: with no product code changed, the test is where to start
    assert "start with `tests/test_moe.py:" in _report([], test).summary.recommendation


def test_a_kernel_leads_the_summary_before_its_longer_benchmark() -> None:
    kernel = _diff("src/pkg/ops/relu.py", None, "def relu_forward(x):\n    return x\n", "added")
    bench = _diff("benchmark/scripts/bench_relu.py", None,
                  "".join(f"def bench_{n}(x):\n    y = x\n    return y\n\n\n" for n in range(6)), "added")
    report = _report([], kernel, bench)
    assert "in `pkg.ops`" in report.summary.one_liner
    assert "start with `src/pkg/ops/relu.py:relu_forward`" in report.summary.recommendation
    # near miss: a benchmark alone leads its own summary
    assert "start with `benchmark/scripts/bench_relu.py:" in _report([], bench).summary.recommendation


def test_a_decorator_step_names_the_function_it_left_or_joined() -> None:
    old = "import torch\n\n\nclass R:\n    @torch.inference_mode()\n    def warmup(self):\n        return 1\n"
    new = ("import torch\n\n\nclass R:\n    @torch.inference_mode()\n    def log(self):\n        return 2\n\n"
           "    def warmup(self):\n        self.log()\n        return 1\n")
    steps = _report([], _diff("pkg/runner.py", old, new)).implementation
    assert any("`@torch.inference_mode` removed from `R.warmup`" in step for step in steps)
    zh = narrate(_facts(_diff("pkg/runner.py", old, new)), REPO, "zh", [], 1).implementation
    assert any("`R.warmup` 去掉 `@torch.inference_mode`" in step for step in zh)


def test_the_one_liner_says_the_title_tags_once() -> None:
    changed = _diff("pkg/ops.py", CODE, CODE.replace("1", "2"))
    titles = ("[NPU, A3] Use fused kernels", "[NPU][A3] Use fused kernels", "[NPU] [A3]Use fused kernels")
    for title in titles:
        facts = _facts(changed)
        facts.meta = replace(facts.meta, title=title, tags=["NPU", "A3"])
        assert narrate(facts, REPO, "en", [], 1).summary.one_liner.startswith("[NPU][A3] Use fused kernels:")
    # near miss: tags not at the title's front stay where they are
    facts = _facts(changed)
    facts.meta = replace(facts.meta, title="Use fused kernels [NPU]", tags=["NPU"])
    assert narrate(facts, REPO, "en", [], 1).summary.one_liner.startswith("[NPU] Use fused kernels [NPU]:")
