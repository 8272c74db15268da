from __future__ import annotations

import ast
import gc
import textwrap
from dataclasses import replace

import griffe
import pytest

from prdossier.analysis.analyze import analyze
from prdossier.analysis.config import AnalysisConfig
from prdossier.analysis.models import ChangeFacts
from prdossier.analysis.pysymbols import copy_tree, parse_cached, parse_module
from prdossier.narrate.narrator import narrate
from prdossier.narrate.report import RepoRef
from prdossier.sources.models import ChangeDiff, ChangeMeta, FileDiff, Hunk

META = ChangeMeta(sha="a" * 40, short="a" * 10, number=1, title="t", tags=[], author=None,
                  merged_at="2026-01-01T00:00:00+00:00", base="b" * 40, body="", kind="squash")


def _diff(path: str, old: str | None, new: str | None, status: str = "modified") -> FileDiff:
    """A FileDiff with hunks computed by difflib-free line comparison of the two texts."""
    import pygit2

    patch = pygit2.Patch.create_from(old.encode() if old is not None else None,
                                     new.encode() if new is not None else None)
    hunks = []
    for hunk in patch.hunks:
        added = [line.new_lineno for line in hunk.lines if line.origin == "+"]
        removed = [line.old_lineno for line in hunk.lines if line.origin == "-"]
        hunks.append(Hunk(old_start=hunk.old_start, old_lines=hunk.old_lines,
                          new_start=hunk.new_start, new_lines=hunk.new_lines,
                          added=added, removed=removed))
    _, adds, dels = patch.line_stats
    return FileDiff(path=path, old_path=None, status=status, additions=adds, deletions=dels,
                    hunks=hunks, old_text=old, new_text=new)


def _facts(*files: FileDiff):
    return analyze(ChangeDiff(meta=META, files=list(files)), AnalysisConfig())


def test_method_change_is_reported_with_its_class() -> None:
    old = "class A:\n    def f(self):\n        return 1\n\n    def g(self):\n        return 2\n"
    new = "class A:\n    def f(self):\n        return 10\n\n    def g(self):\n        return 2\n"
    facts = _facts(_diff("pkg/a.py", old, new))
    symbols = {s.qualname: s.status for s in facts.files[0].symbols}
    assert symbols == {"A.f": "changed"}
    assert facts.key_symbols == ["A.f"]
    assert facts.files[0].change_type == "core-logic"


def test_added_removed_and_signature_changed() -> None:
    old = "def keep(a):\n    return a\n\n\ndef gone():\n    pass\n"
    new = "def keep(a, b=1):\n    return a\n\n\nLIMIT = 3\n\n\ndef fresh():\n    pass\n"
    facts = _facts(_diff("pkg/a.py", old, new))
    by_name = {s.qualname: s for s in facts.files[0].symbols}
    assert by_name["keep"].status == "changed" and by_name["keep"].signature_changed
    assert by_name["gone"].status == "removed"
    assert by_name["fresh"].status == "added"
    assert by_name["LIMIT"].kind == "constant"
    assert facts.files[0].change_type == "data-contract"


@pytest.mark.parametrize(("new_body", "changed"), [
    ("        x = 1\n        return x\n", []),  # a blank line taken out
    ("        x = 1\n\n\n        return x\n", []),  # one more
    ("        x = 1\n        # then x\n        return x\n", ["A.f"]),  # a comment in its place
    ("        x = 2\n\n        return x\n", ["A.f"]),
])
def test_a_symbol_whose_changed_lines_are_all_blank_did_not_change(new_body: str,
                                                                   changed: list[str]) -> None:
    old = ("class A:\n    def f(self):\n        x = 1\n\n        return x\n\n"
           "    def g(self):\n        return 2\n")
    new = old.replace("        x = 1\n\n        return x\n", new_body)
    facts = _facts(_diff("pkg/a.py", old, new))
    assert [s.qualname for s in facts.files[0].symbols] == changed
    assert facts.key_symbols == changed


@pytest.mark.parametrize(("old", "new", "symbols"), [
    ("__version__ = '0.1.10'\n", "__version__ = '0.1.11'\n", ["__version__"]),
    ("import pytest\n", "import pytest\n\npytestmark = pytest.mark.slow\n", ["pytestmark"]),
    ("limit = 1\n", "limit = 2\n", []),
    ("__all__ = ['a']\n", "__all__ = ['a', 'b']\n", []),
    ("__version__ = '1'\n_private__ = 1\n", "__version__ = '1'\n_private__ = 2\n", []),
    ("import re\n_call = re.compile(r'call:(\\w+)')\n", "import re\n_call = re.compile(r'call:([\\w-]+)')\n",
     ["_call"]),
    ("import re\n_call = re.escape('a')\n", "import re\n_call = re.escape('b')\n", []),
])
def test_module_names_read_by_convention_are_constants(old: str, new: str,
                                                       symbols: list[str]) -> None:
    facts = _facts(_diff("pkg/a.py", old, new))
    assert [s.qualname for s in facts.files[0].symbols] == symbols
    assert facts.key_symbols == symbols


_SPLIT_ME = "def {name}(x):\n    y = x * 2\n    return y + 1\n"
_STAYS = "\n\ndef stays():\n    return 0\n"


def _split(name: str, new_a: str) -> ChangeFacts:
    body = _SPLIT_ME.format(name=name)
    old_a = "import os\n\n\n" + body + _STAYS
    return _facts(_diff("pkg/a.py", old_a, new_a + _STAYS), _diff("pkg/b.py", None, body, "added"))


def test_symbol_moved_between_files_is_one_move() -> None:
    moved = [s for f in _split("split_me", "import os\n").files for s in f.symbols]
    assert [(s.qualname, s.status, s.path, s.old_path) for s in moved] == [
        ("split_me", "moved", "pkg/b.py", "pkg/a.py")]


@pytest.mark.parametrize(("name", "new_a", "expected"), [
    ("split_me", "import os\n", "data-contract"),
    # near misses: the definition imported back where it was, and one private to the module
    ("split_me", "import os\n\nfrom pkg.b import split_me\n", "dependency-wiring"),
    ("_split_me", "import os\n", "core-logic"),
], ids=["moved-away", "imported-back", "private"])
def test_a_module_a_public_definition_moved_out_of_gives_it_up(name: str, new_a: str, expected: str) -> None:
    assert _split(name, new_a).files[0].change_type == expected


_RUNNER = ('class {name}(Base):\n    """{doc} model runner."""\n\n    def prepare(self, batch):\n'
           "        ids = batch.ids\n        mask = ids > 0\n        return ids[mask]\n\n"
           "    def execute(self, batch):\n        ids = self.prepare(batch)\n"
           "        return self.{step}(ids)\n")


def test_a_class_renamed_with_its_methods_moved_is_one_move_of_each() -> None:
    old = _RUNNER.format(name="DiffusionRunner", doc="Diffusion", step="_run_diffusion")
    new = _RUNNER.format(name="GenerationRunner", doc="Generation", step="_run_generation")
    renamed = replace(_diff("pkg/b.py", old, new, "renamed"), old_path="pkg/a.py")
    facts = _facts(renamed)
    assert sorted((s.qualname, s.status, s.old_qualname) for s in facts.files[0].symbols) == [
        ("GenerationRunner", "moved", "DiffusionRunner"),
        ("GenerationRunner.execute", "moved", "DiffusionRunner.execute"),
        ("GenerationRunner.prepare", "moved", "DiffusionRunner.prepare")]
    assert facts.files[0].change_type == "data-contract"
    assert facts.key_symbols == ["GenerationRunner"]  # its members are told by it
    # near miss: no method came along unchanged, so nothing says the new class is the old one
    other = new.replace("mask = ids > 0", "mask = ids >= 0")
    facts = _facts(replace(_diff("pkg/b.py", old, other, "renamed"), old_path="pkg/a.py"))
    assert sorted((s.qualname, s.status) for s in facts.files[0].symbols) == [
        ("DiffusionRunner", "removed"), ("DiffusionRunner.execute", "removed"),
        ("DiffusionRunner.prepare", "removed"), ("GenerationRunner", "added"),
        ("GenerationRunner.execute", "added"), ("GenerationRunner.prepare", "added")]


@pytest.mark.parametrize(("new_path", "idioms", "told"), [
    ("pkg/runner.py", [], "renames `DiffusionRunner` → `GenerationRunner`"),
    # near miss: renamed while moving to another module, which its importers must follow
    ("pkg/generation.py", ["symbol-moved"] * 3, "receives `GenerationRunner`"),
], ids=["in-its-own-file", "to-another-module"])
def test_a_class_renamed_in_its_own_file_is_told_as_a_rename_not_a_move(new_path: str, idioms: list[str],
                                                                        told: str) -> None:
    old = _RUNNER.format(name="DiffusionRunner", doc="A", step="_run")
    diff = replace(_diff(new_path, old, old.replace("DiffusionRunner", "GenerationRunner"),
                         "modified" if new_path == "pkg/runner.py" else "renamed"), old_path="pkg/runner.py")
    facts = _facts(diff)
    assert sorted((s.qualname, s.status, s.old_qualname) for s in facts.files[0].symbols) == [
        ("GenerationRunner", "moved", "DiffusionRunner"),
        ("GenerationRunner.execute", "moved", "DiffusionRunner.execute"),
        ("GenerationRunner.prepare", "moved", "DiffusionRunner.prepare")]
    assert [i.idiom for i in facts.idioms] == idioms
    assert told in narrate(facts, RepoRef(name="r", path=None, url=None), "en", [], 1).implementation[0]


_ROUTER = ("def {name}(logits, k):\n    scores = logits.softmax(-1)\n    top = scores.topk(k)\n"
           "    weights = top.values / top.values.sum(-1, keepdim=True)\n"
           "    ids = top.indices.int()\n    return weights, ids\n")


def test_symbol_renamed_while_moving_is_one_move_and_a_short_one_is_not() -> None:
    old_a = "import torch\n\n\n" + _ROUTER.format(name="route") + "\n\ndef stays():\n    return 0\n"
    new_a = "import torch\n\n\ndef stays():\n    return 0\n"
    facts = _facts(_diff("pkg/a.py", old_a, new_a),
                   _diff("pkg/routing.py", None, _ROUTER.format(name="select_experts"), "added"))
    assert [(s.qualname, s.status, s.old_path, s.old_qualname)
            for f in facts.files for s in f.symbols] == [
        ("select_experts", "moved", "pkg/a.py", "route")]
    short = "def {name}(self):\n    return self._x\n"
    facts = _facts(_diff("pkg/a.py", "import os\n\n\n" + short.format(name="get"), "import os\n"),
                   _diff("pkg/b.py", None, short.format(name="value"), "added"))
    assert sorted(s.status for f in facts.files for s in f.symbols) == ["added", "removed"]


def test_import_moved_under_guard_is_dependency_wiring() -> None:
    from tests.conftest import MODEL_V1, MODEL_V2

    facts = _facts(_diff("python/pkg/models/layer.py", MODEL_V1, MODEL_V2))
    file = facts.files[0]
    assert file.change_type == "dependency-wiring"
    assert [(i.statement, i.status, i.old_context, i.context) for i in file.imports] == [
        ("from sgl_kernel import dsv3_router_gemm", "moved", "module", "if _is_cuda")]
    assert facts.key_symbols == ["dsv3_router_gemm"]


def test_a_line_moved_is_changed_even_when_only_its_comment_differs_too() -> None:
    old = "import os\n\nimport torch  # noqa: E402\nfrom pkg import f\n\nf(os, torch)\n"
    moved = "import os\nimport torch  # noqa\n\nfrom pkg import f\n\nf(os, torch)\n"
    assert _facts(_diff("pkg/a.py", old, moved)).files[0].change_type == "dependency-wiring"
    # near miss: in its place, only the comment changed
    assert _facts(_diff("pkg/a.py", old, old.replace("E402", "E402, F401"))).files[0].change_type == "docs"


def test_the_names_a_module_exports_are_dependency_wiring() -> None:
    old = "from .lora import LoraConfig\nfrom .ia3 import IA3Config\n\nMAX = 4\n"
    exported = old + '\n__all__ = [\n    "IA3Config",\n    "LoraConfig",\n]\n'
    appended = exported + '__all__ += ["MAX"]\n'
    assert [_facts(_diff("pkg/__init__.py", before, after)).files[0].change_type
            for before, after in ((old, exported), (exported, appended))] == ["dependency-wiring"] * 2
    # near miss: a setting beside the imports
    setting = _facts(_diff("pkg/__init__.py", old, old.replace("4", "8")))
    assert setting.files[0].change_type == "configuration"


def test_type_checking_move_is_dependency_wiring() -> None:
    old = ("from typing import Literal\n\nfrom tvm_ffi.module import Module\n\n\n"
           "def load() -> Module:\n    return make()\n")
    new = ("from typing import TYPE_CHECKING, Literal\n\nif TYPE_CHECKING:\n"
           "    from tvm_ffi.module import Module\n\n\ndef load() -> Module:\n    return make()\n")
    facts = _facts(_diff("jit/compress.py", old, new))
    assert facts.files[0].change_type == "dependency-wiring"
    moved = [i for i in facts.files[0].imports if i.status == "moved"]
    assert moved[0].context == "if TYPE_CHECKING"
    assert facts.key_symbols == ["Module"]


def test_a_guarded_import_beside_a_changed_function_is_a_key_symbol_too() -> None:
    from tests.conftest import MODEL_V1, MODEL_V2

    facts = _facts(_diff("pkg/ops.py", "def f():\n    return 1\n", "def f():\n    return 2\n"),
                   _diff("pkg/layer.py", MODEL_V1, MODEL_V2),
                   _diff("pkg/io.py", "import os\n", "import os\nimport json\n"))
    assert facts.key_symbols == ["f", "dsv3_router_gemm"]



@pytest.mark.parametrize(("title", "first"), [
    ("Delete deprecated QDQLayout and related code", "QDQLayout"),
    # near miss: a title naming no symbol as code spells it leaves the ranking by weight
    ("Delete the deprecated layout and related code", "QDQTensorImpl"),
], ids=["named-by-the-title", "named-in-words"])
def test_a_symbol_the_title_names_leads_the_key_symbols(title: str, first: str) -> None:
    impl = "".join(f"    def op_{n}(self, x):\n        y = x + {n}\n        return y * {n}\n\n"
                   for n in range(12))
    old = f"class QDQLayout(Layout):\n    pass\n\n\nclass QDQTensorImpl(TensorImpl):\n{impl}"
    deleted = _diff("pkg/dtypes/q_dq.py", old, None, "deleted")
    change = ChangeDiff(meta=replace(META, title=title), files=[deleted])
    assert analyze(change, AnalysisConfig()).key_symbols[0] == first


@pytest.mark.parametrize(("moved", "key_symbols"), [
    (True, ["FLOAT8_DTYPE", "ensure_mxfp8"]),
    (False, ["Runner.alloc"]),
], ids=["import-moved-beside-a-reworded-comment", "only-a-comment-reworded"])
def test_names_imported_from_elsewhere_outrank_a_comment_reworded(moved: bool,
                                                                   key_symbols: list[str]) -> None:
    """Where no symbol's code changed, the names a module now imports from elsewhere tell the
    change; a function whose comment alone was reworded is named only where nothing else is."""
    runner = "class Runner:\n    def alloc(self):\n        # no transfer{end}\n        return 1\n"
    user = ("from pkg.{where}.compat import FLOAT8_DTYPE, ensure_mxfp8\n\n\n"
            "def f():\n    return FLOAT8_DTYPE\n")
    files = [_diff("pkg/runner.py", runner.format(end="."), runner.format(end=""))]
    if moved:
        files.append(_diff("pkg/ops.py", user.format(where="quantization"), user.format(where="device")))
    assert _facts(*files).key_symbols == key_symbols

_RECIPE = ("def export(model):\n    def lower(programs):\n        from backend import Partitioner\n\n"
           "        return [Partitioner(p) for p in programs]\n\n    return lower(model.export())\n")
_LIFTED = ("def lower(programs, windows=False):\n    from backend import Partitioner\n\n"
           "    return [Partitioner(p, windows) for p in programs]\n\n\n"
           "def export(model):\n    return lower(model.export())\n")
_TAKEN_IN = ("def lower(programs):\n    return programs\n\n\n"
             "def export(model):\n    from backend import Partitioner\n\n"
             "    return [Partitioner(p) for p in lower(model.export())]\n")


@pytest.mark.parametrize(("old", "new", "key_symbols"), [
    (_RECIPE, _LIFTED, ["export", "lower"]),
    # near miss: the import moved into a function that was there
    (_TAKEN_IN.replace("    from backend import Partitioner\n\n", "").replace(
        "def lower(programs):\n", "from backend import Partitioner\n\n\ndef lower(programs):\n"),
     _TAKEN_IN, ["export", "Partitioner"]),
    ("from backend import Partitioner\n\n\ndef export(model):\n    return Partitioner(model)\n",
     "def _load_partitioner():\n    from backend import Partitioner\n\n    return Partitioner\n\n\n"
     "def export(model):\n    return _load_partitioner()(model)\n",
     ["_load_partitioner", "export", "Partitioner"]),
], ids=["import-lifted-with-its-function", "import-moved-into-a-function",
        "import-moved-into-a-loader-added"])
def test_an_import_moved_with_the_function_that_uses_it_is_not_a_key_symbol(old: str, new: str,
                                                                            key_symbols: list[str]) -> None:
    assert _facts(_diff("pkg/recipes/cuda.py", old, new)).key_symbols == key_symbols


def test_each_changed_files_heaviest_symbol_is_a_key_symbol_however_light() -> None:
    body = "".join(f"    x{n} = {{v}} + {n}\n" for n in range(20))
    big = "def weights(v):\n" + body + "    return v\n\n\ndef touch(v):\n    return v + {w}\n"
    facts = _facts(_diff("pkg/attention.py", big.format(v=1, w=1), big.format(v=2, w=2)),
                   _diff("pkg/runner.py", "def pad(v):\n    return v\n", "def pad(v):\n    return v * 2\n"))
    assert facts.key_symbols == ["weights", "pad"]


def test_a_class_removed_whole_is_named_without_its_methods() -> None:
    """A method removed from a class that stays is named; the methods of one removed with its
    class, with its module here, are told by the class."""
    methods = ["".join([f"    def step{n}(self, v):\n", *(f"        v = v + {k}\n" for k in range(6)),
                        "        return v\n\n"]) for n in range(3)]
    provider = "def stream(model, base=None):\n    return call(model, base)\n"
    facts = _facts(_diff("pkg/bard.py", "class Chatbot:\n" + "".join(methods), None, status="deleted"),
                   _diff("pkg/provider.py", provider, provider.replace("base)", "base or BASE)")),
                   _diff("pkg/engine.py", "class Engine:\n" + "".join(methods),
                         "class Engine:\n" + methods[0] + methods[2]))
    assert facts.key_symbols == ["Chatbot", "Engine.step1", "stream"]


def test_a_class_added_whole_is_named_without_its_methods() -> None:
    """The methods of a class the change adds are told by the class; a method added to a class
    that was there is named."""
    methods = "".join("".join([f"    def step{n}(self, v):\n", *(f"        v = v + {k}\n" for k in range(6)),
                               "        return v\n\n"]) for n in range(3))
    engine = "class Engine:\n    def run(self):\n        return 1\n"
    facts = _facts(_diff("pkg/legacy.py", "X = 1\n", "X = 1\n\n\nclass OldEngine:\n" + methods),
                   _diff("pkg/engine.py", engine, engine + "\n    def stop(self):\n        return 0\n"))
    assert facts.key_symbols == ["OldEngine", "Engine.stop"]


def test_a_files_heaviest_symbol_keeps_its_place_when_the_list_is_cut() -> None:
    def steps(scale: int) -> str:  # each function edited otherwise: no edit repeated
        return "".join(f"def step{n}(v):\n" + "".join(f"    v = v + {n} * {scale * (n + 1)} * {k}\n"
                                                       for k in range(8)) + "    return v\n\n\n"
                       for n in range(9))
    facts = _facts(_diff("pkg/quantizer.py", steps(1), steps(2)),
                   _diff("pkg/data.py", "def samples(n):\n    return n\n",
                         "def samples(n):\n    return n * 2\n"))
    assert len(facts.key_symbols) == 8
    assert facts.key_symbols[:7] == [f"step{n}" for n in range(7)] and facts.key_symbols[7] == "samples"


def test_an_edit_repeated_in_more_symbols_than_the_list_holds_is_named_once() -> None:
    """`.item()` appended to the bounds of many glyphs, over lines that differ from glyph to
    glyph and across modules, is one edit: its first symbol stands for it, and the list keeps
    room for what else changed."""
    def glyphs(module: str, count: int, item: str) -> str:
        return "".join(f"class {module}{n}:\n    def bounds(self, df):\n"
                       f"        low = min(df[self.x{n}]){item}\n"
                       f"        high = max(df[self.y{'_' * n}]){item}\n"
                       "        return [low, high]\n\n\n" for n in range(count))
    shade = ("def shade(data, span):\n    scaled = (data - span[0]) / (span[1] - span[0])\n"
             "    return cmap(scaled)\n")
    facts = _facts(_diff("pkg/glyphs/area.py", glyphs("Area", 6, ""), glyphs("Area", 6, ".item()")),
                   _diff("pkg/glyphs/line.py", glyphs("Line", 5, ""), glyphs("Line", 5, ".item()")),
                   _diff("pkg/shade.py", shade, shade.replace("cmap(scaled)", "cmap(to_numpy(scaled))")))
    assert facts.key_symbols == ["Area0.bounds", "shade"]


def test_an_example_scripts_symbols_are_key_when_nothing_else_changed() -> None:
    old = "def main(args):\n    return run(args)\n"
    facts = _facts(_diff("examples/text-generation/run.py", old, old.replace("run(args)", "run(args, 1)")),
                   _diff("README.md", "# Usage\n", "# Usage\n\nRun it.\n"))
    assert facts.key_symbols == ["main"]
    hook = _diff("docs/hooks/macros.py", "BANNER = 'v1'\n", "BANNER = 'v2'\n")
    assert _facts(hook).key_symbols == []


def test_an_example_changed_beside_comments_of_product_code_is_what_is_key() -> None:
    header = "struct whisper_full_params {\n    bool no_context;  // do not use the initial prompt\n};\n"
    example = "int main() {\n    params.no_context = use_vad;\n    return 0;\n}\n"
    facts = _facts(_diff("whisper.h", header, header.replace("the initial prompt", "past text as prompt")),
                   _diff("examples/stream/stream.cpp", example, example.replace("= use_vad", "|= use_vad")))
    assert facts.key_symbols == ["main"]
    # near miss: product code that changed otherwise is what the change is about
    changed = header.replace("bool no_context;", "bool no_context = true;")
    facts = _facts(_diff("whisper.h", header, changed),
                   _diff("examples/stream/stream.cpp", example, example.replace("= use_vad", "|= use_vad")))
    assert facts.key_symbols[0] == "whisper_full_params"


def test_a_test_changed_beside_comments_of_product_code_is_what_is_key() -> None:
    source = "int set_bandwidth(int mask) {\n  int ret = write(mask);\n  return to_status(ret);\n}\n"
    test = "void TestPciReadWrite::Run() {\n  ret = set_bandwidth(mask);\n  ASSERT_EQ(ret, INVAL);\n}\n"
    noted = source.replace("  return", "  // the file may not exist: NOT_SUPPORTED\n  return")
    facts = _facts(_diff("src/smi.cc", source, noted),
                   _diff("tests/functional/pci_read_write.cc", test, test.replace("INVAL", "NOT_SUPPORTED")))
    assert facts.key_symbols == ["TestPciReadWrite::Run"]
    # near miss: product code that changed otherwise is what the change is about
    facts = _facts(_diff("src/smi.cc", source, noted.replace("write(mask)", "write(mask, 0)")),
                   _diff("tests/functional/pci_read_write.cc", test, test.replace("INVAL", "NOT_SUPPORTED")))
    assert facts.key_symbols == ["set_bandwidth"]


def test_example_code_and_its_test_changed_together_are_both_key() -> None:
    """With no product code changed, an example's code and the test that runs it are read
    together: each file's heaviest symbol is key, the example's fix beside the test's rewrite."""
    forward = "class Attention:\n    def forward(self, x, mask):\n        return self.mha(x, mask=~mask)\n"
    fixed = forward.replace("        return self.mha(x, mask=~mask)\n",
                            "        if mask is not None:\n            mask = ~mask\n"
                            "        return self.mha(x, mask=mask)\n")
    test = "def test_compare(impl):\n    out = run(impl)\n    assert out.ok\n"
    checks = "".join(f"    assert out.check{n}()\n" for n in range(12))
    rewritten = test.replace("    assert out.ok\n", checks)
    facts = _facts(_diff("examples/llm/src/attention.py", forward, fixed),
                   _diff("examples/llm/tests/test_compare.py", test, rewritten))
    assert sorted(facts.key_symbols) == ["Attention.forward", "test_compare"]
    # near miss: beside product code, neither counts
    facts = _facts(_diff("examples/llm/src/attention.py", forward, fixed),
                   _diff("examples/llm/tests/test_compare.py", test, rewritten),
                   _diff("pkg/ops.py", "def f(x):\n    return x\n", "def f(x):\n    return x + 1\n"))
    assert facts.key_symbols == ["f"]


def test_adapter_replacing_an_import_is_a_data_contract() -> None:
    old = "from aiter.old import fused\n\n\ndef run(q):\n    return fused(q)\n"
    new = ("try:\n    from aiter.new import unified\n\n    def fused(q):\n"
           "        return unified(q=q)\nexcept ImportError:\n    from aiter.old import fused\n\n\n"
           "def run(q):\n    return fused(q)\n")
    facts = _facts(_diff("models/forward.py", old, new))
    assert facts.files[0].change_type == "data-contract"
    assert facts.key_symbols == ["fused"]


def test_decorator_removed_is_recorded() -> None:
    old = "@cache_once\ndef load(x):\n    return x\n"
    new = "def load(x):\n    return x\n"
    facts = _facts(_diff("pkg/loaders.py", old, new))
    symbol = facts.files[0].symbols[0]
    assert symbol.decorators_removed == ["cache_once"]


def test_syntax_error_degrades_to_line_summary_with_warning() -> None:
    facts = _facts(_diff("pkg/a.py", "def f():\n    return 1\n", "def f(:\n    return 1\n"))
    assert [(s.qualname, s.status) for s in facts.files[0].symbols] == [("f", "changed")]
    assert [(w.kind, w.path, w.args["side"]) for w in facts.warnings] == [
        ("does-not-parse", "pkg/a.py", "new")]


_PYTHON2 = ("import sys\n\nVERSION = '0,0,0'\n\n\ndef printWarning(message):\n"
            "    print 'Tensile::WARNING: %s' % message\n\n\n"
            "class KernelWriter:\n    def __init__(self, version):\n        print 'writing for', version\n"
            "        self.bugs = {{'ExplicitCO': {explicit}}}\n")


def test_symbols_of_python_2_code_are_recovered_where_neither_side_parses() -> None:
    old = _PYTHON2.format(explicit="True")
    facts = _facts(_diff("Tensile/KernelWriterAssembly.py", old, _PYTHON2.format(explicit="version > 17")))
    assert [(s.qualname, s.status) for s in facts.files[0].symbols] == [("KernelWriter.__init__", "changed")]
    assert facts.key_symbols == ["KernelWriter.__init__"]
    assert {(w.kind, w.args["side"]) for w in facts.warnings} == {("does-not-parse", "old"),
                                                                   ("does-not-parse", "new")}
    # near miss: what changed outside any definition is held by none
    facts = _facts(_diff("Tensile/KernelWriterAssembly.py", old, old.replace("'0,0,0'", "'1,2,0'")))
    assert facts.files[0].symbols == []


def test_a_function_moved_between_python_2_modules_is_changed_on_each_side() -> None:
    helper = "def helper(x):\n    print 'helping', x\n    return x\n\n\n"
    rest = "def main():\n    print 'main'\n"
    facts = _facts(_diff("tools/a.py", helper + rest, rest),
                   _diff("tools/b.py", rest, rest + "\n\n" + helper))
    assert not [w for w in facts.warnings if w.kind == "analysis-failed"]
    assert [(f.path, [(s.qualname, s.status) for s in f.symbols]) for f in facts.files] == [
        ("tools/a.py", [("helper", "changed")]), ("tools/b.py", [("helper", "changed")])]


def test_test_symbols_only_when_no_product_symbol() -> None:
    facts = _facts(_diff("tests/test_a.py", None, "def test_a():\n    assert 1\n", "added"),
                   _diff("pkg/a.py", "def f():\n    return 1\n", "def f():\n    return 2\n"))
    assert facts.key_symbols == ["f"]
    only_tests = _facts(_diff("tests/test_a.py", None, "def test_a():\n    assert 1\n", "added"))
    assert only_tests.key_symbols == ["test_a"]


def test_a_release_script_function_is_key_only_when_nothing_else_changed() -> None:
    script = ("def main():\n    issues = fetch()\n    comments = sorted(list(issues), key=len)\n"
              "    return comments\n")
    script_diff = _diff("tools/stale.py", script, script.replace("sorted(list(issues), key=len)",
                                                                 "sorted(issues, key=len)"))
    assert _facts(script_diff).key_symbols == ["main"]
    test_diff = _diff("tests/test_a.py", None, "def test_a():\n    assert 1\n", "added")
    assert _facts(script_diff, test_diff).key_symbols == ["test_a"]


def test_a_build_script_that_carries_most_of_the_change_names_key_symbols_too() -> None:
    build = ("def cuda_version(home):\n    out = run(home)\n    release = out.split()\n"
             "    return release[0], release[1]\n")
    parsed = build.replace("    release = out.split()\n    return release[0], release[1]\n",
                           "    version = parse(out.split(',')[0])\n    if version < MIN:\n"
                           "        raise RuntimeError(out)\n    return version\n")
    kernel = "def check(props):\n    return props.major == 8\n"
    code = _diff("pkg/fmha.py", kernel, kernel.replace("== 8", "in (8, 9)"))
    assert _facts(code, _diff("setup.py", build, parsed)).key_symbols == ["cuda_version", "check"]
    # near miss: the build script's change is the lighter one
    light = build.replace("release[0], release[1]", "release[0], release[1][0]")
    assert _facts(code, _diff("setup.py", build, light)).key_symbols == ["check"]


def test_import_moved_into_nested_function_block_is_lazy() -> None:
    old = "from deep_gemm import gemm\n\n\ndef run(x):\n    return gemm(x)\n"
    new = ("def run(x):\n    try:\n        from deep_gemm import gemm\n    except ImportError:\n"
           "        return None\n    return gemm(x)\n")
    facts = _facts(_diff("pkg/ops.py", old, new))
    assert [(i.status, i.old_context, i.context) for i in facts.files[0].imports] == [
        ("moved", "module", "def run / try")]
    assert sorted(i.idiom for i in facts.idioms) == ["import-feature-probe", "import-made-lazy"]


def test_a_released_tree_is_read_again_when_asked_for() -> None:
    table = parse_module("def f():\n    return 1\n")
    kept = table.tree
    table.release_tree()
    again = table.tree
    assert again is not kept and again is not None
    assert ast.dump(again) == ast.dump(kept)
    broken = parse_module("def f(:\n")
    assert not broken.parses and broken.tree is None


def test_the_statements_holding_some_lines_are_read_alone_once_the_tree_is_released() -> None:
    text = ("import os\n\nX = 1\n\n\n@cache(\n    1)\ndef f():\n    return os.sep\n\n\n"
            "class C:\n    def m(self):\n        return 2\n")
    table = parse_module(text)
    whole = table.tree
    assert whole is not None
    table.release_tree()
    part = table.tree_holding([6, 14])
    assert part is not None and table._tree is None
    assert [ast.dump(s, include_attributes=True) for s in part.body] == \
        [ast.dump(s, include_attributes=True) for s in whole.body[2:]]
    assert table.tree_holding([2]).body == []

    form_feed = parse_module(text.replace("\n\n\nclass", "\n\n\x0c\nclass"))
    form_feed.release_tree()
    assert len(form_feed.tree_holding([9]).body) == 4  # the parser's lines are not split's

    not_alone = parse_module("y = (2,\n3); z = (4,\n5)\n")
    not_alone.release_tree()
    assert len(not_alone.tree_holding([1]).body) == 2 and not_alone._tree is not None


def test_a_small_change_parses_each_side_of_its_files_once(monkeypatch) -> None:
    parses: list[str] = []
    real_parse = ast.parse

    def counting(source, *args, **kwargs):
        parses.append(source)
        return real_parse(source, *args, **kwargs)

    old = "import os\n\n\nclass C:\n    def f(self):\n        return os.sep\n"
    new = ("import os\n\n\nclass C:\n    def f(self):\n        return getattr(os, 'sep', '/')\n\n"
           "    def g(self):\n        return os.name\n")
    monkeypatch.setattr(ast, "parse", counting)
    facts = _facts(_diff("pkg/once.py", old, new))
    assert {s.qualname: s.status for s in facts.files[0].symbols} == {"C.f": "changed", "C.g": "added"}
    assert sorted(parses) == sorted([old, new])


def test_analysis_frees_the_trees_that_pass_the_bound(monkeypatch) -> None:
    import prdossier.analysis.pysymbols as pysymbols

    old = "import os\n\n\ndef f():\n    return os.sep\n"
    new = old + "\n\ndef g():\n    return os.name\n"
    small = _facts(_diff("pkg/small.py", "x = 1\n", "x = 2\n"))
    assert parse_cached("x = 2\n")._tree is not None  # a small change's trees stay alive
    monkeypatch.setattr(pysymbols, "LIVE_TREE_TEXT_BYTES", 0)  # no change fits
    facts = _facts(_diff("pkg/lines.py", old, new))
    assert small.files[0].change_type and [s.status for s in facts.files[0].symbols] == ["added"]
    for text in (old, new, "x = 2\n"):
        assert parse_cached(text)._tree is None and parse_cached(text)._lines is None


def test_the_parse_cache_bound_counts_the_memory_of_wide_characters(monkeypatch) -> None:
    import prdossier.analysis.pysymbols as pysymbols

    first, second = ("# " + "中" * 300 + f"\nx = {n}\n" for n in range(2))
    monkeypatch.setattr(pysymbols, "PARSE_CACHE_TEXT_BYTES", 2 * len(first) + 100)
    cache = pysymbols._ParseCache()
    table = cache(first)
    cache(second)
    assert cache(first) is not table  # two bytes a character: the first went when the second came


def test_the_trees_kept_alive_are_bounded_by_the_memory_of_their_texts(monkeypatch) -> None:
    import sys

    import prdossier.analysis.pysymbols as pysymbols

    texts = [f"x = {n}\n" + "# " + "中" * 300 + "\n" for n in range(3)]
    cache = pysymbols._ParseCache()
    tables = [cache(text) for text in texts]
    # measured after parsing, which leaves the text's UTF-8 form cached in it
    monkeypatch.setattr(pysymbols, "LIVE_TREE_TEXT_BYTES", 2 * sys.getsizeof(tables[0].text))
    for table in tables:
        cache.keep_tree(table)
    assert [table._tree is not None for table in tables] == [False, True, True]
    for table in tables:
        cache.release(table)
    assert [table._tree is not None for table in tables] == [False, True, True]
    cache.keep_tree(tables[0])  # kept again: its tree is read anew when asked for, the next goes
    assert tables[0].tree is not None and tables[1]._tree is None


def test_a_change_too_large_for_the_bound_holds_the_trees_of_one_file_at_a_time(monkeypatch) -> None:
    import sys

    import prdossier.analysis.analyze
    import prdossier.analysis.pysymbols as pysymbols

    made: list[pysymbols.ModuleSymbols] = []
    most_alive = 0

    class Recording(pysymbols._ParseCache):
        def __call__(self, text: str) -> pysymbols.ModuleSymbols:
            nonlocal most_alive
            made.append(super().__call__(text))
            most_alive = max(most_alive, sum(table._tree is not None for table in made))
            return made[-1]

    files = [_diff(f"pkg/m{n}.py", f"def f{n}():\n    return {n}\n",
                   f"def f{n}():\n    return {n} + 1\n") for n in range(4)]
    monkeypatch.setattr(prdossier.analysis.analyze, "parse_cached", Recording())
    monkeypatch.setattr(pysymbols, "LIVE_TREE_TEXT_BYTES",
                        sys.getsizeof(files[0].old_text) + sys.getsizeof(files[0].new_text))
    facts = _facts(*files)
    assert [f.symbols[0].qualname for f in facts.files] == ["f0", "f1", "f2", "f3"]
    assert len(made) == 8 and most_alive == 2
    assert not any(table._tree is not None for table in made)


def test_an_old_function_is_read_from_its_own_lines_without_the_whole_tree() -> None:
    table = parse_module(
        "import torch\n\n\nclass C:\n    @staticmethod\n    def m(x):\n"
        "        if hasattr(torch, 'npu'):\n            return 1\n        return x\n\n\n"
        "class D:\n    def odd(self):\n        text = '''\nflush left\n'''\n        return text\n")
    table.release_tree()
    method = table.function("C.m")
    assert isinstance(method, ast.FunctionDef) and method.name == "m"
    assert [ast.unparse(d) for d in method.decorator_list] == ["staticmethod"]
    assert table._tree is None
    odd = table.function("D.odd")  # its lines do not dedent: the whole tree is read
    assert isinstance(odd, ast.FunctionDef) and odd.name == "odd" and table._tree is not None
    assert table.function("C") is None and table.function("missing") is None


def test_a_test_whose_change_is_an_import_is_dependency_wiring_and_names_the_import() -> None:
    old = "from tests.conftest import Runner\n\n\ndef test_a():\n    assert Runner()\n"
    new = old.replace("import Runner", "import Runner, wait_free")
    facts = _facts(_diff("tests/test_basic.py", old, new))
    assert facts.files[0].change_type == "dependency-wiring"
    assert facts.key_symbols == ["wait_free"]
    logic = old.replace("assert Runner()", "assert Runner(1)")
    assert _facts(_diff("tests/test_basic.py", old, logic)).files[0].change_type == "test-coverage"


CARVED_BODY = "".join(f"        total = total + weight_{i}(x)\n" for i in range(8))
UNCARVED = ("class Compression:\n    def apply(self, x):\n        total = 0\n" + CARVED_BODY
            + "        return self.compress(x, total)\n")
CARVED = ("class Compression:\n    def parameters(self, x):\n        total = 0\n" + CARVED_BODY
          + "        return total\n\n    def apply(self, x):\n"
          "        return self.compress(x, self.parameters(x))\n")


def test_a_public_function_carved_out_of_code_that_was_there_is_a_data_contract() -> None:
    assert _facts(_diff("pkg/wc.py", UNCARVED, CARVED)).files[0].change_type == "data-contract"
    # near misses: carved out as a private helper; a public function written anew; the old
    # code kept under a new name that nothing the change touched calls
    private = CARVED.replace("parameters", "_parameters")
    written = UNCARVED + "\n    def parameters(self, x):\n" + CARVED_BODY.replace("weight", "scale") \
        + "        return x\n"
    kept = CARVED.replace("self.parameters(x)", "0")
    assert [_facts(_diff("pkg/wc.py", UNCARVED, new)).files[0].change_type
            for new in (private, written, kept)] == ["core-logic"] * 3


def test_annotations_alone_do_not_make_a_data_contract() -> None:
    old = "def get(name: str, path: str = None):\n    return name\n"
    annotated = "def get(name: str | None, path: str | None = None):\n    return name\n"
    facts = _facts(_diff("pkg/g.py", old, annotated))
    assert facts.files[0].symbols[0].signature_changed
    assert facts.files[0].change_type == "core-logic"
    extra = "def get(data, name: str, path: str = None):\n    return name\n"
    assert _facts(_diff("pkg/g.py", old, extra)).files[0].change_type == "data-contract"


def _body(name: str) -> str:
    return "\n".join(f"    {name}_{n}: int = {n}" for n in range(8))


def test_a_renamed_destination_of_a_split_module_carries_its_symbols_as_moved() -> None:
    kept = f"class Dispatch:\n{_body('d')}\n\n\nclass Combine:\n{_body('c')}\n"
    other = f"class Weights:\n{_body('w')}\n"
    renamed = replace(_diff("pkg/dataclass/dispatch.py", kept + "\n\n" + other,
                            kept + "\nX = 1\n", "renamed"), old_path="pkg/contracts.py")
    facts = _facts(renamed, _diff("pkg/dataclass/weights.py", None, other, "added"))
    moved = {(s.qualname, s.path, s.old_path) for f in facts.files for s in f.symbols
             if s.status == "moved"}
    assert moved == {("Weights", "pkg/dataclass/weights.py", "pkg/contracts.py"),
                     ("Dispatch", "pkg/dataclass/dispatch.py", "pkg/contracts.py"),
                     ("Combine", "pkg/dataclass/dispatch.py", "pkg/contracts.py")}
    plain = replace(_diff("pkg/dataclass/dispatch.py", kept, kept + "\nX = 1\n", "renamed"),
                    old_path="pkg/contracts.py")
    assert [s.status for f in _facts(plain).files for s in f.symbols] == ["added"]


def test_settings_changed_in_a_build_script_or_a_config_class_are_configuration() -> None:
    setup = ('from setuptools import setup\n\nVERSION = "0.20.0"\n\n'
             'setup(name="pkg", version=VERSION, install_requires=["torch>=2.4"])\n')
    bumped = setup.replace('"0.20.0"', '"0.20.1"')
    pinned = setup.replace('"torch>=2.4"', '"torch>=2.4,<2.10"')
    built = setup.replace('setup(name', 'print("building")\nsetup(name')
    assert [_facts(_diff("setup.py", setup, new)).files[0].change_type
            for new in (bumped, pinned, built)] == ["configuration", "configuration", "infrastructure"]
    config = "class Config:\n    blocks: int = (1,)\n\n    def size(self):\n        return self.blocks\n"
    fixed = config.replace("(1,)", "1")
    assert _facts(_diff("pkg/config.py", config, fixed)).files[0].change_type == "configuration"


PROFILING = ("from dataclasses import dataclass\n\nimport torch\n\n\n@dataclass\nclass ProfilingConfig:\n"
             "    wait: int = 1\n    \"\"\"Steps to wait.\"\"\"\n\n\ndef profile(config: ProfilingConfig):\n"
             "    return torch.profiler.schedule(wait=config.wait)\n")
EXPOSED = PROFILING.replace('    """Steps to wait."""\n',
                            '    """Steps to wait."""\n\n    repeat: int | None = None\n'
                            '    """Cycles to profile."""\n').replace(
    "    return torch.profiler.schedule(wait=config.wait)\n",
    "    extra = {\"repeat\": config.repeat} if config.repeat is not None else {}\n"
    "    return torch.profiler.schedule(\n        wait=config.wait, **extra\n    )\n")


def test_options_added_to_a_config_class_and_passed_on_are_configuration() -> None:
    assert _facts(_diff("pkg/profiling.py", PROFILING, EXPOSED)).files[0].change_type == "configuration"
    # near misses: the option decides what else runs; the old code loses a word
    decides = EXPOSED.replace("    return torch.profiler.schedule(\n",
                              "    if config.repeat:\n        torch.cuda.synchronize()\n"
                              "    return torch.profiler.schedule(\n")
    loses = EXPOSED.replace("wait=config.wait, **extra", "**extra")
    assert [_facts(_diff("pkg/profiling.py", PROFILING, new)).files[0].change_type
            for new in (decides, loses)] == ["core-logic", "core-logic"]


_DEPLOY = ("from typing import Union\n\nfrom pydantic import BaseModel, validator\n\n\n"
           "class DeployConfig(BaseModel):\n    tensor_parallel: int = 1\n{fields}\n"
           "    @validator('tensor_parallel')\n    def tp_valid(cls, value):\n"
           "        return max(value, 1)\n{check}")
_RANKS = "    deploy_rank: Union[int, List[int]] = -1\n"
_RANK_CHECK = ("\n    @validator({checked})\n    def rank_valid(cls, value, values):\n"
               "        if value == -1:\n"
               "            value = list(range(values['tensor_parallel']))\n"
               "        return value if isinstance(value, list) else [value]\n")


def test_an_option_added_with_its_validator_is_configuration() -> None:
    old = _DEPLOY.format(fields="", check="")
    new = _DEPLOY.format(fields=_RANKS, check=_RANK_CHECK.format(checked="'deploy_rank'")).replace(
        "from typing import Union", "from typing import List, Union")
    assert _facts(_diff("pkg/config.py", old, new)).files[0].change_type == "configuration"
    # near miss: the validator added checks an option that was there before
    other = new.replace("@validator('deploy_rank')", "@validator('tensor_parallel')")
    assert _facts(_diff("pkg/config.py", old, other)).files[0].change_type == "core-logic"


_ARCH = ("from dataclasses import dataclass\n\n\n@dataclass\nclass ArchConfig:\n    layers: int = 64\n\n"
         "    def __post_init__(self) -> None:\n        self.heads = self.layers // 2\n")
_ARCH_CUT = _ARCH.replace("    layers: int = 64\n",
                          "    layers: int = 64\n    cut: int | None = 50\n").replace(
    "    def __post_init__(self) -> None:\n",
    "    def __post_init__(self) -> None:\n        if self.cut is not None and self.cut < 1:\n"
    "            raise ValueError(f'cut must be positive, got {self.cut}')\n\n")


@pytest.mark.parametrize(("old", "new", "change_type"), [
    (_ARCH, _ARCH_CUT, "configuration"),
    # near misses: the check clamps the value; a data model, not a class of options, gains a field
    (_ARCH, _ARCH_CUT.replace("            raise ValueError(f'cut must be positive, got {self.cut}')\n",
                              "            self.cut = 1\n"), "core-logic"),
    (_ARCH.replace("ArchConfig", "ArchModel"), _ARCH_CUT.replace("ArchConfig", "ArchModel"), "data-contract"),
], ids=["checked-where-built", "clamped-where-built", "not-a-class-of-options"])
def test_an_option_added_with_the_check_that_refuses_bad_values_is_configuration(
        old: str, new: str, change_type: str) -> None:
    assert _facts(_diff("pkg/arch.py", old, new)).files[0].change_type == change_type


@pytest.mark.parametrize(("path", "code", "explained", "changed", "otherwise"), [
    ("pkg/patch.py", "# Why: the kernel is missing on NPU.\nimport torch\n\n\ndef f():\n    return 1\n",
     ("on NPU.", "on NPU and XPU.\n# Remove when upstream ships it."), ("import torch\n", "import torch\n\n"),
     "core-logic"),
    ("tests/test_steps.py",
     '"""Run `pytest tests/test_old.py`."""\n\n\ndef test_steps():\n    assert step() == 2\n',
     ("test_old.py", "test_steps.py"), ("== 2", "== 3"), "test-coverage"),
    ("setup.py", 'from setuptools import setup\n\nsetup(name="pkg", extras={"onnx": [\n'
     '    "onnxscript",  # for the export test\n]})\n',
     ("# for the export test", "# for autocast and the export test"),
     ('"onnxscript",  # for the export test', '"onnxscript>=0.5",  # for autocast'), "configuration"),
    ("pkg/ops.py", "def f(x):\n    return x + 1\n", ("x + 1\n", "x + 1  # one more\n"),
     ("x + 1\n", "x + 2  # one more\n"), "core-logic"),
], ids=["code", "test", "build script's trailing comment", "trailing comment added"])
def test_a_change_to_comments_or_docstrings_alone_is_docs(
        path: str, code: str, explained: tuple[str, str], changed: tuple[str, str], otherwise: str) -> None:
    assert _facts(_diff(path, code, code.replace(*explained))).files[0].change_type == "docs"
    assert _facts(_diff(path, code, code.replace(*changed))).files[0].change_type == otherwise


_TRAIN = ("import fire\n\n\ndef train(model, max_norm):\n    # clip gra d norm\n"
          "    model.clip_grad_norm_(max_norm=max_norm)\n\n\nif __name__ == \"__main__\":\n"
          "    fire.Fire(train)\n")


@pytest.mark.parametrize(("new", "change_type"), [
    (_TRAIN.replace("gra d", "grad").rstrip("\n"), "docs"),
    # near miss: the code beside the comment changed too
    (_TRAIN.replace("gra d", "grad").replace("max_norm=max_norm", "max_norm=2 * max_norm").rstrip("\n"),
     "core-logic"),
], ids=["comment-fixed-and-final-newline-dropped", "code-changed-too"])
def test_comments_reworded_beside_code_only_laid_out_anew_are_docs(new: str, change_type: str) -> None:
    """A comment's typo fixed and the file's last newline dropped (`fire.Fire(train)` the same
    but for its line ending): the code is as it was."""
    assert _facts(_diff("train.py", _TRAIN, new)).files[0].change_type == change_type


@pytest.mark.parametrize(("line", "key_symbols"), [
    ("    SCORE_COL = 'score'\n", ["SCORE_COL"]),
    # near miss: what the script computes as it runs binds no constant, however it is named
    ("    X = load_data(args.input_file)\n", []),
], ids=["literal-bound", "value-computed"])
def test_a_script_block_binds_constants_only_to_literals(line: str, key_symbols: list[str]) -> None:
    old = ("import argparse\n\n\nif __name__ == '__main__':\n"
           "    args = argparse.ArgumentParser().parse_args()\n")
    assert _facts(_diff("pkg/match.py", old, old + line)).key_symbols == key_symbols


@pytest.mark.parametrize(("code", "change_type"), [
    ('nextafter = create_math_ufunc(\n    "nextafter", 2, "cupy_nextafter",\n'
     '    """Steps towards the second value.\n\n    .. seealso:: :data:`numpy.nextafter`\n\n    """)\n',
     "docs"),
    ('import torch\n\nadd_docstr(torch.abs, r"""\nabs(input) -> Tensor\n\n'
     'See :func:`torch.absolute`.\n\n""")\n', "docs"),
    # near miss: a text of several lines without reStructuredText is what the call works on
    ('PROMPT = make_template(\n    """You answer briefly.\n\n    Say what you know.\n\n    """)\n',
     "configuration"),
], ids=["factory-given-docs", "docstring-added-to-a-function", "prompt-template"])
def test_a_restructured_text_a_module_level_call_is_given_is_a_docstring(code: str, change_type: str) -> None:
    """A note added to the text is documentation where the text is reStructuredText."""
    noted = code.replace('\n\n    """)', '\n\n    A second paragraph of several words.\n    """)', 1) \
        .replace('\n\n""")', '\n\nA second paragraph of several words.\n""")', 1)
    assert noted != code
    assert _facts(_diff("pkg/docs.py", code, noted)).files[0].change_type == change_type


REPOINTED = ("from vllm.fused_moe import FusedMoE\n\n\nclass M:\n    def mapping(self):\n"
             "        return FusedMoE.make_mapping(self, 'w1')\n",
             "from vllm.fused_moe import FusedMoE, make_mapping\n\n\nclass M:\n    def mapping(self):\n"
             "        return make_mapping(self, 'w1')\n",
             ("return make_mapping(self, 'w1')", "return make_mapping(self, 'w1')\n        self.count += 1"))
LOADER = ("from pkg.ipc import Engine\n\nREGISTRY = {}\nREGISTRY['ipc'] = lambda: Engine\n",
          "REGISTRY = {}\n\n\ndef _load_engine():\n    from pkg.ipc import Engine\n\n"
          "    return Engine\n\n\nREGISTRY['ipc'] = _load_engine\n",
          ("REGISTRY['ipc'] = _load_engine\n", "REGISTRY['ipc'] = _load_engine\nREGISTRY['size'] = 4\n"))


@pytest.mark.parametrize(("old", "new", "more"), [REPOINTED, LOADER], ids=["re-pointed uses", "loader"])
def test_code_that_only_follows_its_changed_imports_is_dependency_wiring(
        old: str, new: str, more: tuple[str, str]) -> None:
    """Uses re-pointed to a new import, or to a loader function an import moved into, are
    wiring; one more line that names none of them is not."""
    assert _facts(_diff("pkg/m.py", old, new)).files[0].change_type == "dependency-wiring"
    busier = new.replace(*more)
    assert _facts(_diff("pkg/m.py", old, busier)).files[0].change_type != "dependency-wiring"


_TRAVERSE = ("from .node import ({imported})\n\n\ndef traverse(node):\n"
             "    if type(node) not in ({checked}):\n        return None\n    return node\n")


@pytest.mark.parametrize(("imported", "checked", "expected"), [
    ("ModuleNode, OperatorNode, OptimizerNode", "ModuleNode, OperatorNode, OptimizerNode", "core-logic"),
    # near miss: the name the check named is re-pointed to another import
    ("ModuleNode, OptimizerNode", "ModuleNode, OptimizerNode", "dependency-wiring"),
], ids=["node-type-added-beside-kept", "node-type-re-pointed"])
def test_a_newly_imported_name_used_beside_the_names_kept_is_code(imported: str, checked: str,
                                                                  expected: str) -> None:
    """`OptimizerNode` joins the node types a check names: the check does more, it reaches
    nothing anew."""
    old = _TRAVERSE.format(imported="ModuleNode, OperatorNode", checked="ModuleNode, OperatorNode")
    new = _TRAVERSE.format(imported=imported, checked=checked)
    assert _facts(_diff("pkg/module_op.py", old, new)).files[0].change_type == expected


def test_a_name_imported_for_annotations_beside_a_moved_import_is_still_wiring() -> None:
    """A loader the import moved into, annotated with a name imported for type checkers alone."""
    old = "from pkg.ipc import Engine\n\nREGISTRY = {}\nREGISTRY['ipc'] = lambda: Engine\n"
    new = ("from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from pkg.base import BaseEngine\n\n"
           "REGISTRY = {}\n\n\ndef _load_engine() -> 'type[BaseEngine]':\n    from pkg.ipc import Engine\n\n"
           "    return Engine\n\n\nREGISTRY['ipc'] = _load_engine\n")
    assert _facts(_diff("pkg/patch.py", old, new)).files[0].change_type == "dependency-wiring"


_SHELVED = ("class Engine:\n    def put(self, kv):\n        kv = list(kv)\n        ''' store them '''\n"
            "        return kv\n\n"
            "    '''\n    def _slice(self, kv):\n        return kv[:1]\n    '''\n\n"
            "    def get(self, kv):\n        return kv\n")


@pytest.mark.parametrize(("new", "change_type"), [
    (_SHELVED.replace("    '''\n    def _slice(self, kv):\n        return kv[:1]\n    '''\n\n", ""), "docs"),
    (_SHELVED.replace("        ''' store them '''\n", ""), "docs"),
    # near misses: the shelved method put back in use; a string a name is bound to
    (_SHELVED.replace("    '''\n    def _slice", "    def _slice").replace("kv[:1]\n    '''\n", "kv[:1]\n"),
     "core-logic"),
    (_SHELVED.replace("        ''' store them '''\n", "        note = ''' store them '''\n"), "core-logic"),
], ids=["shelved-method-dropped", "string-in-a-method-dropped", "shelved-method-restored", "string-bound"])
def test_a_string_standing_alone_as_a_statement_is_documentation(new: str, change_type: str) -> None:
    """Code put out of use in a string, or a string between statements, does nothing: dropping
    it is a change to documentation."""
    assert _facts(_diff("pkg/engine.py", _SHELVED, new)).files[0].change_type == change_type


def test_docstrings_alone_are_docs_and_pins_built_in_a_setup_function_are_configuration() -> None:
    code = 'class Config:\n    """Fewer trainable paramters."""\n\n    r: int = 8\n'
    fixed = code.replace("paramters", "parameters")
    assert _facts(_diff("pkg/config.py", code, fixed)).files[0].change_type == "docs"
    logic = code.replace("r: int = 8", "r: int = 8\n\n    def size(self):\n        return self.r")
    assert _facts(_diff("pkg/config.py", code, logic)).files[0].change_type != "docs"
    setup = ('from setuptools import setup\n\n\ndef deps():\n    return ["torch==2.6.0", "triton"]\n\n\n'
             'setup(name="x", install_requires=deps())\n')
    pinned = setup.replace('"triton"', '"triton==3.2.0"')
    assert _facts(_diff("setup.py", setup, pinned)).files[0].change_type == "configuration"
    built = setup.replace("    return", "    print('x')\n    return")
    assert _facts(_diff("setup.py", setup, built)).files[0].change_type == "infrastructure"


def test_a_setting_added_with_its_attribute_docstring_is_configuration() -> None:
    config = 'class CompileConfig(Model):\n    offload: bool = False\n    """Offload activations."""\n'
    pinned = config + '\n    pin_memory: bool = True\n    """Pin buffers.\n    Needs memlock."""\n'
    assert _facts(_diff("pkg/config.py", config, pinned)).files[0].change_type == "configuration"
    method = pinned.replace("    pin_memory: bool = True\n", "    def pin(self):\n        return True\n")
    assert _facts(_diff("pkg/config.py", config, method)).files[0].change_type == "core-logic"


def test_classes_of_the_same_bases_are_not_paired_by_their_headers() -> None:
    mock = "class {name}(Base):\n" + "".join(
        f"    def m{n}(self):\n        return {n}{{suffix}}\n" for n in range(4))
    old_a = "import os\n\n\n" + mock.format(name="MockQuant", suffix="")
    facts = _facts(_diff("tests/a.py", old_a, "import os\n"),
                   _diff("tests/b.py", None, mock.format(name="Projection", suffix=" + 1"), "added"))
    assert sorted(s.status for f in facts.files for s in f.symbols if "." not in s.qualname) == [
        "added", "removed"]


def _reshaped_symbols(old: str, new: str) -> tuple[list[tuple[str, bool]], str]:
    """Each changed symbol with whether its parameters changed, and the file's change type."""
    facts = _facts(_diff("pkg/ops.py", old, new))
    return [(s.qualname, s.parameters_changed) for s in facts.files[0].symbols], facts.files[0].change_type


def test_functions_registered_as_underscore_are_named_by_what_they_register() -> None:
    ops = ('@register_fake("bnb::gemv")\ndef _(a, b):\n    return a\n\n\n'
           '@register_kernel("bnb::gemv.out", "cpu")\ndef _(a, b, out):\n    out.copy_(a)\n')
    reshaped = ops.replace("def _(a, b, out):", "def _(a, b, out, dtype=None):")
    assert _reshaped_symbols(ops, reshaped) == ([("_[bnb::gemv.out]", True)], "data-contract")
    private = ops.replace('@register_kernel("bnb::gemv.out", "cpu")\ndef _(', "def _gemv_out(")
    assert _reshaped_symbols(private, private.replace("b, out):", "b, out, dtype=None):")) \
        == ([("_gemv_out", True)], "core-logic")


def test_functions_registered_as_underscore_for_an_op_are_named_by_the_decorator_and_the_op() -> None:
    """`@_decorators.get_masked_value(full) def _` and `@_decorators.codegen(full) def _` both
    register for `full`: each is named by the decorator and the op, and the change to one is
    told apart from the other."""
    ops = ("@_decorators.codegen(full)\ndef _(state):\n    return state.proxy_arg(1)\n\n\n"
           "@_decorators.get_masked_value(full)\ndef _(node):\n    return node.args[1]\n")
    changed = ops.replace("    return node.args[1]\n", "    value = node.args[1]\n    return value or None\n")
    assert [s.qualname for s in _facts(_diff("pkg/creation_ops.py", ops, changed)).files[0].symbols] \
        == ["_[get_masked_value(full)]"]
    # near miss: a decorator given nothing names no op
    plain = ops.replace("codegen(full)", "codegen()").replace("get_masked_value(full)", "get_masked_value()")
    assert [s.qualname for s in _facts(_diff("pkg/creation_ops.py", plain, plain.replace(
        "    return node.args[1]\n", "    return None\n"))).files[0].symbols] == ["_"]


def test_a_registered_functions_default_values_are_its_schema() -> None:
    ops = ('@register_kernel("bnb::mm_dequant", "cpu")\ndef _(a: Tensor, dtype=torch.float16) -> Tensor:\n'
           '    return a.to(dtype)\n')
    optional = ops.replace("dtype=torch.float16)", "dtype: Optional[torch.dtype] = None)").replace(
        "a.to(dtype)", "a.to(dtype or torch.float16)")
    assert _reshaped_symbols(ops, optional) == ([("_[bnb::mm_dequant]", True)], "data-contract")
    respelled = ops.replace("(a: Tensor,", "(a: 'Tensor',")
    assert _reshaped_symbols(ops, respelled)[0] == [("_[bnb::mm_dequant]", False)]
    registered = '@register_kernel("bnb::mm_dequant", "cpu")\ndef _('
    helper, reshaped_helper = (text.replace(registered, "def mm_dequant(") for text in (ops, optional))
    assert _reshaped_symbols(helper, reshaped_helper) == ([("mm_dequant", False)], "core-logic")


def test_an_import_under_a_reworded_guard_is_not_a_key_symbol() -> None:
    old = ("from pkg.utils import is_available\n\nif is_available('fa'):\n    from fa import kernel\n\n\n"
           "def run():\n    return 1\n")
    reworded = old.replace("if is_available('fa'):", "if is_available('fa', strict=True):").replace(
        "return 1", "return 2")
    facts = _facts(_diff("pkg/ops.py", old, reworded))
    assert [i.status for i in facts.files[0].imports] == ["moved"]
    assert facts.key_symbols == ["run"]
    moved_into_run = old.replace("if is_available('fa'):\n    from fa import kernel\n", "").replace(
        "    return 1", "    from fa import kernel\n\n    return kernel()")
    assert _facts(_diff("pkg/ops.py", old, moved_into_run)).key_symbols == ["run", "kernel"]


@pytest.mark.parametrize(("renamed", "statuses"), [
    ("class TSModel(OptimizedModel):", []),
    # near miss: the import itself moves out of the method
    ("from transformers import GenerationConfig\n\n\nclass TorchScriptModel(OptimizedModel):", ["moved"]),
], ids=["scope-renamed", "import-moved-out"])
def test_an_import_in_a_method_of_a_renamed_class_has_not_moved(renamed: str, statuses: list[str]) -> None:
    old = ("class TorchScriptModel(OptimizedModel):\n    def __init__(self, config):\n"
           "        from transformers import GenerationConfig\n\n"
           "        self.generation_config = GenerationConfig.from_model_config(config)\n")
    new = old.replace("class TorchScriptModel(OptimizedModel):", renamed)
    if statuses:
        new = new.replace("        from transformers import GenerationConfig\n\n", "")
    facts = _facts(_diff("pkg/modeling.py", old, new))
    assert [i.status for i in facts.files[0].imports] == statuses


def test_comments_written_beside_a_change_do_not_weigh_in_the_ranking() -> None:
    old = "def f(x):\n    return x\n\n\ndef g(x):\n    return x\n"
    comments = "".join(f"    # why the mask stays two-dimensional, part {n}\n" for n in range(8))
    new = old.replace("def f(x):\n    return x", "def f(x):\n    return x + 1").replace(
        "def g(x):\n", "def g(x):\n" + comments + "    x = x * 2\n")
    facts = _facts(_diff("pkg/ops.py", old, new))
    assert {s.qualname: s.weight for s in facts.files[0].symbols} == {"f": 2, "g": 1}
    assert facts.key_symbols == ["f", "g"]


_MAP_HEADER = ("namespace tvm {{\nnamespace ffi {{\nclass Map {{\n public:\n  /*! \\return {said} */\n"
               "  int Get(int key) const {{ return key; }}\n}};\n}}  // namespace ffi\n"
               "{exposed}}}  // namespace tvm\n")


@pytest.mark.parametrize(("exposed", "expected"), [
    ("using ffi::Map;\n", []),
    # near miss: the comment alone changed, which is what the change is about
    ("", ["Map"]),
], ids=["beside-other-changes", "alone"])
def test_a_symbol_whose_comments_alone_changed_is_key_only_where_nothing_else_changed(
        exposed: str, expected: list[str]) -> None:
    old = _MAP_HEADER.format(said="NullOpt if not found", exposed="")
    new = _MAP_HEADER.format(said="std::nullopt if not found", exposed=exposed)
    assert _facts(_diff("include/tvm/ffi/container/map.h", old, new)).key_symbols == expected


_SERVICE = ("class Service:\n"
            "    def set_tokenizer(self){returns}:\n{doc}"
            "        self.tokenizer = load(self.path{trust})\n\n"
            "    def set_configs(self, properties):\n"
            "        self.config = Properties(**properties)\n{extra}")


@pytest.mark.parametrize(("returns", "doc", "trust", "expected"), [
    (" -> None", '        """Load the tokenizer."""\n', "", ["Service.set_configs"]),
    ("", '        """Load the tokenizer."""\n', "", ["Service.set_configs"]),
    (" -> None", "", "", ["Service.set_configs"]),
    # near misses: what the method does changed too
    (" -> None", '        """Load the tokenizer."""\n', ", trust=True",
     ["Service.set_configs", "Service.set_tokenizer"]),
    (" -> 'Tokenizer'", "", ", trust=True", ["Service.set_configs", "Service.set_tokenizer"]),
], ids=["annotated-and-documented", "documented", "annotated", "documented-and-changed",
        "annotated-and-changed"])
def test_a_function_given_only_annotations_or_a_docstring_is_not_key_beside_a_change(
        returns: str, doc: str, trust: str, expected: list[str]) -> None:
    old = _SERVICE.format(returns="", doc="", trust="", extra="")
    new = _SERVICE.format(returns=returns, doc=doc, trust=trust,
                          extra="        self.config.n_positions = min(self.config.n_positions, 4096)\n")
    assert sorted(_facts(_diff("service.py", old, new)).key_symbols) == expected


@pytest.mark.parametrize(("old_returns", "new_returns"), [
    (" -> dict", " -> list[dict]"),
    (" -> str | None", " -> Optional[str]"),
    (" -> None", ""),
    ("", ""),
], ids=["another-type", "spelled-for-older-pythons", "annotation-dropped", "parameter-annotated"])
def test_a_function_whose_annotation_was_replaced_or_dropped_stays_key(old_returns: str,
                                                                        new_returns: str) -> None:
    old = _SERVICE.format(returns=old_returns, doc="", trust="", extra="")
    new = _SERVICE.format(returns=new_returns, doc="", trust="",
                          extra="        self.config.n_positions = min(self.config.n_positions, 4096)\n")
    if not old_returns and not new_returns:
        new = new.replace("def set_tokenizer(self)", "def set_tokenizer(self: 'Service')")
    assert sorted(_facts(_diff("service.py", old, new)).key_symbols) == [
        "Service.set_configs", "Service.set_tokenizer"]


def test_functions_given_only_annotations_are_key_where_that_is_the_whole_change() -> None:
    old = _SERVICE.format(returns="", doc="", trust="", extra="")
    new = _SERVICE.format(returns=" -> None", doc="", trust="", extra="")
    assert _facts(_diff("service.py", old, new)).key_symbols == ["Service.set_tokenizer"]


_BATCHING = ("from collections.abc import Iterator\n{typevar}\n\n"
             "def batched(iterable: {iterable}, n: int){batches}:\n{body}    yield from iterable\n\n\n"
             "def chunk_text(text: str, max_tokens: int){chunks}:\n    yield text[:max_tokens]\n")


@pytest.mark.parametrize(("body", "expected"), [
    ("", ["_T", "batched", "chunk_text"]),
    # near miss: beside a function whose code changed, the annotation alone is not named
    ("    n += 1\n", ["_T", "batched"]),
], ids=["annotations-throughout", "code-changed-beside"])
def test_a_function_given_only_a_return_annotation_is_key_beside_others_only_annotated(
        body: str, expected: list[str]) -> None:
    old = _BATCHING.format(typevar="", iterable="Iterator", batches="", body="", chunks="")
    new = _BATCHING.format(typevar="from typing import Iterable, TypeVar\n_T = TypeVar('_T')",
                           iterable="Iterable[_T]", batches=" -> Iterator[tuple[_T, ...]]", body=body,
                           chunks=" -> Iterator[str]")
    assert sorted(_facts(_diff("query/llm/text_utils.py", old, new)).key_symbols) == expected


_TYPED_API_TEST = ("EXCEPTION_LIST = [\n    'build',\n{listed}]\n\n\n"
                   "def test_typed():\n    assert EXCEPTION_LIST\n")


@pytest.mark.parametrize(("returns", "expected"), [
    (" -> None", ["Service.set_tokenizer"]),
    ("", ["EXCEPTION_LIST"]),
], ids=["product-annotated", "tests-alone"])
def test_a_function_given_only_an_annotation_is_key_before_the_test_that_follows_it(
        returns: str, expected: list[str]) -> None:
    old = _SERVICE.format(returns="", doc="", trust="", extra="")
    new = _SERVICE.format(returns=returns, doc="", trust="", extra="")
    test = _diff("tests/test_typed_api.py", _TYPED_API_TEST.format(listed="    'set_tokenizer',\n"),
                 _TYPED_API_TEST.format(listed=""))
    files = [_diff("service.py", old, new), test] if returns else [test]
    assert _facts(*files).key_symbols == expected


def test_a_copied_tree_leaves_behind_the_module_griffe_linked_to_the_shared_nodes() -> None:
    # griffe links each node it visits to its parent; through the `if`, the shared `Load` too
    source = 'import os\nif os.sep == "/":\n    x = 1\n' + "y = os.path.join(a, b)\n" * 200
    griffe.visit("dependency", "dependency.py", source)
    annotation = ast.parse("x: dict[str, list[int]] = {}").body[0].annotation  # type: ignore[attr-defined]
    copy = copy_tree(annotation)
    assert ast.dump(copy) == ast.dump(annotation)
    assert copy is not annotation and copy.value is not annotation.value
    gc.collect()
    copies = [copy_tree(annotation) for _ in range(20)]
    del copies
    assert gc.collect() == 0  # freed as they went, no cycle with a copy of griffe's module


def _tests_calling(helper_call: str) -> tuple[str, str]:
    """Three tests whose first three statements change; a helper `patched` of two lines added."""
    body = "".join(f"    x{n} = run({n})\n" for n in range(12))
    changed = "".join(f"    x{n} = {helper_call}run({n})\n" for n in range(3)) + body.split("\n", 3)[3]
    old = "".join(f"def test_{n}():\n{body}    assert x0\n\n\n" for n in range(3))
    new = "def patched(shape):\n    return fixed(shape)\n\n\n" + "".join(
        f"def test_{n}():\n{changed}    assert x0\n\n\n" for n in range(3))
    return old, new


def test_a_helper_the_change_added_and_calls_from_several_places_is_key() -> None:
    old, new = _tests_calling("patched(1) and ")
    assert _facts(_diff("tests/test_pipe.py", old, new)).key_symbols[0] == "patched"
    old, new = _tests_calling("patched and ")
    assert _facts(_diff("tests/test_pipe.py", old, new)).key_symbols[-1] == "patched"
    written_together = "def patched(shape):\n    return fixed(shape)\n\n\n" + "".join(
        f"def test_{n}():\n    x = patched({n})\n    assert x\n\n\n" for n in range(3))
    facts = _facts(_diff("tests/test_pipe.py", "X = 1\n", "X = 1\n\n\n" + written_together))
    assert facts.key_symbols[-1] == "patched"


def test_a_function_whose_comment_alone_changed_is_not_key_beside_code() -> None:
    worded = _diff("pkg/ce.py", "def forward(x):\n    # see openai/triton\n    return x\n",
                   "def forward(x):\n    # see triton-lang/triton\n    return x\n")
    check = _diff("pkg/utils.py", "def check():\n    return run(1)\n", "def check():\n    return run(2)\n")
    assert _facts(worded, check).key_symbols == ["check"]
    assert _facts(worded).key_symbols == ["forward"]


_LAID_OUT = ("import cv2\nimport os\n\n\ndef draw(image, points, colors=[(255, 0, 0), (0, 255, 0)]):\n"
             "    \"\"\"Draw.\"\"\"\n    return cv2.line(image, points[0], points[1], colors[0], 2)\n\n\n"
             "def run(pipe, height, width):\n"
             "    out = pipe.preprocess(height, width).to('cuda', dtype=pipe.dtype)\n"
             "    return out\n")


def test_code_only_laid_out_anew_is_no_change_and_leaves_the_real_one_alone() -> None:
    new = ("import os\n\n\ndef draw(\n    image,\n    points,\n    colors=[(255, 0, 0), (0, 255, 0)],\n):\n"
           "    \"\"\"Draw.\"\"\"\n    import cv2\n\n"
           "    return cv2.line(image, points[0], points[1], colors[0], 2)\n\n\n"
           "def run(pipe, height, width):\n    out = pipe.preprocess(\n        height, width\n"
           "    ).to(\"cuda\", dtype=pipe.dtype)\n    return out\n")
    facts = _facts(_diff("pkg/draw.py", _LAID_OUT, new))
    symbols = {s.qualname: s for s in facts.files[0].symbols}
    assert list(symbols) == ["draw"] and not symbols["draw"].signature_changed
    assert symbols["draw"].weight == 1
    assert facts.files[0].change_type == "dependency-wiring"


@pytest.mark.parametrize("new_run", [
    # the operands grouped otherwise
    "    out = pipe.preprocess(\n        height, width\n    ).to('cuda', dtype=pipe.dtype)[0]\n",
    # a trailing comma that makes a tuple
    "    out = pipe.preprocess(height, width).to('cuda', dtype=pipe.dtype),\n",
])
def test_a_relayout_that_changes_the_code_is_a_change(new_run: str) -> None:
    old_run = "    out = pipe.preprocess(height, width).to('cuda', dtype=pipe.dtype)\n"
    facts = _facts(_diff("pkg/draw.py", _LAID_OUT, _LAID_OUT.replace(old_run, new_run)))
    assert [s.qualname for s in facts.files[0].symbols] == ["run"]


_ENCODER = ("ARCHIVE = {}\n\n\ndef build(config):\n    model = Model(config)\n    model.train()\n"
            "    model.eval()\n    return model\n\n\nclass Model:\n    def __init__(self, config):\n"
            "        layer = Layer(\n            config.hidden,\n            batch_first=True\n        )\n"
            "        self.encoder = Encoder(\n            layer, config.layers\n        )\n")


@pytest.mark.parametrize(("new_tail", "changed"), [
    ("            batch_first=True,\n        )\n        self.encoder = Encoder(layer, config.layers)\n", []),
    # near miss: one argument changes inside the stretch laid out anew
    ("            batch_first=True,\n        )\n        self.encoder = Encoder(layer, config.depth)\n",
     ["Model.__init__"]),
], ids=["laid-out-around-a-kept-line", "argument-changed-among-the-layout"])
def test_a_stretch_laid_out_anew_around_lines_the_diff_kept_is_no_change(new_tail: str,
                                                                        changed: list[str]) -> None:
    old_tail = ("            batch_first=True\n        )\n        self.encoder = Encoder(\n"
                "            layer, config.layers\n        )\n")
    new = _ENCODER.replace(old_tail, new_tail).replace("ARCHIVE = {}", "ARCHIVE = {'base': 1}")
    facts = _facts(_diff("pkg/model.py", _ENCODER, new))
    assert [s.qualname for s in facts.files[0].symbols if s.kind != "constant"] == changed


def test_a_statement_moved_out_of_its_block_is_a_change() -> None:
    old = "def run(pipe, flag):\n    if flag:\n        pipe.start()\n        pipe.stop()\n    return pipe\n"
    facts = _facts(_diff("pkg/run.py", old, old.replace("        pipe.stop()", "    pipe.stop()")))
    assert [s.qualname for s in facts.files[0].symbols] == ["run"]


def test_a_signature_laid_out_anew_is_no_signature_change_but_a_default_is() -> None:
    old = "def f(a, b=1):\n    return a + b\n\n\ndef g():\n    return 2\n"
    # a file only laid out anew changed no symbol, and says so
    relaid = _facts(_diff("pkg/f.py", old, old.replace("def f(a, b=1):", "def f(\n    a,\n    b=1,\n):")))
    assert relaid.files[0].symbols == [] and relaid.files[0].layout_only
    changed = _facts(_diff("pkg/f.py", old, old.replace("def f(a, b=1):", "def f(\n    a,\n    b=2,\n):")))
    assert changed.files[0].symbols[0].signature_changed


_REQUOTED = ("def deploy(info, cmd):\n    value = ask(f\"{info['name']}:\")\n"
             "    cmd += ['--env', f\"{info['name']}={value}\"]\n    return cmd\n\n\n"
             "def clone(repo):\n    run(\n        [\n            'git',\n            'clone',\n"
             "            repo.url,\n        ],\n        check=True,\n    )\n")


def test_a_file_only_requoted_and_rewrapped_changed_no_symbol() -> None:
    new = _REQUOTED.replace("f\"{info['name']}:\"", "f'{info[\"name\"]}:'").replace(
        "f\"{info['name']}={value}\"", "f'{info[\"name\"]}={value}'").replace(
        "run(\n        [\n            'git',\n            'clone',\n            repo.url,\n"
        "        ],\n        check=True,\n    )", "run(['git', 'clone', repo.url], check=True)")
    facts = _facts(_diff("pkg/cloud.py", _REQUOTED, new))
    assert facts.files[0].symbols == [] and facts.files[0].layout_only
    assert facts.key_symbols == []
    # near miss: the same new layout, and one name changed inside it
    changed = _facts(_diff("pkg/cloud.py", _REQUOTED, new.replace("repo.url]", "repo.path]")))
    assert [s.qualname for s in changed.files[0].symbols] == ["clone"]
    assert not changed.files[0].layout_only


@pytest.mark.parametrize(("path", "change_type"), [
    ("tests/local_tests/h3/README.md", "docs"),
    ("benchmarks/kernels/notes.rst", "docs"),
    ("tests/data/expected.txt", "test-coverage"),
    ("benchmarks/kernels/shapes.json", "configuration"),
])
def test_a_page_about_the_tests_or_benchmarks_is_documentation(path: str, change_type: str) -> None:
    assert _facts(_diff(path, "run it\n", "run it twice\n")).files[0].change_type == change_type


@pytest.mark.parametrize(("path", "change_type"), [
    ("tests/pytest.ini", "configuration"),
    ("tests/setup.cfg", "configuration"),
    ("tests/data/expected.json", "test-coverage"),
])
def test_the_test_runners_settings_are_configuration(path: str, change_type: str) -> None:
    old, new = "[pytest]\nmarkers = slow\n", "[pytest]\nmarkers = slow\ntestpaths = inference\n"
    assert _facts(_diff(path, old, new)).files[0].change_type == change_type


_CLI = ("import argparse\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n"
        "    parser.add_argument('-v', action='version', version='0.1.0')\n    return parser\n")


@pytest.mark.parametrize(("new", "change_type"), [
    (_CLI.replace("import argparse\n", "import argparse\n\nfrom pkg.version import __version__\n").replace(
        "version='0.1.0'", "version=__version__"), "configuration"),
    # near misses: the literal gives way to a name that holds no version; other code changes too
    (_CLI.replace("import argparse\n", "import argparse\n\nfrom pkg.names import program\n").replace(
        "version='0.1.0'", "version=program"), "core-logic"),
    (_CLI.replace("import argparse\n", "import argparse\n\nfrom pkg.version import __version__\n").replace(
        "version='0.1.0'", "version=__version__").replace("return parser", "return parser.parse_args()"),
     "core-logic"),
], ids=["own-version-read", "other-name-read", "version-read-and-code-changed"])
def test_a_version_spelled_out_that_is_now_read_from_the_package_is_configuration(
        new: str, change_type: str) -> None:
    assert _facts(_diff("pkg/cli/main.py", _CLI, new)).files[0].change_type == change_type


_ROPE = ("import torch\n\n\nclass Rope:\n    def __call__(self, ids):\n        freqs = self.table[ids]\n"
         "        return torch.cat(freqs, dim=-1)\n\n"
         "    def table_for(self, n):\n        return self.table[:n]\n")


@pytest.mark.parametrize(("new", "change_type"), [
    (_ROPE.replace("        return torch.cat(freqs, dim=-1)\n",
                   "        return torch.cat(freqs.cos(), dim=-1), torch.cat(freqs.sin(), dim=-1)\n"),
     "data-contract"),
    (_ROPE.replace("def __call__(self, ids):", "def __call__(self, ids, offset=0):").replace(
        "self.table[ids]", "self.table[ids + offset]"), "data-contract"),
    # near misses: one value still, computed otherwise; a private helper hands back a pair
    (_ROPE.replace("torch.cat(freqs, dim=-1)", "torch.cat(freqs, dim=-1) * self.scale"), "core-logic"),
    (_ROPE.replace("__call__", "_lookup").replace(
        "        return torch.cat(freqs, dim=-1)\n",
        "        return torch.cat(freqs.cos(), dim=-1), torch.cat(freqs.sin(), dim=-1)\n"), "core-logic"),
], ids=["returns-a-pair-now", "special-method-takes-more", "same-count-returned", "private-returns-a-pair"])
def test_a_public_function_that_hands_back_another_count_of_values_changes_its_contract(
        new: str, change_type: str) -> None:
    old = _ROPE.replace("__call__", "_lookup") if "_lookup" in new else _ROPE
    assert _facts(_diff("pkg/rope.py", old, new)).files[0].change_type == change_type


_VERSION_READ = ("try:\n    from ._version import __version__, __version_tuple__\nexcept Exception as e:\n"
                 "    import warnings\n\n    warnings.warn(f'no version: {e}')\n\n"
                 "    __version__ = 'dev'\n    __version_tuple__ = (0, 0, __version__)\n")


@pytest.mark.parametrize(("new", "change_type"), [
    ("__version__ = '0.11.0rc1'\n__version_tuple__ = (0, 11, '0rc1')\n", "configuration"),
    # near misses: the version is worked out otherwise (its tuple dropped); another setting beside it
    ("import importlib.metadata\n\n__version__ = importlib.metadata.version('pkg')\n", "data-contract"),
    ("__version__ = '0.11.0rc1'\nDEBUG = True\n", "core-logic"),
], ids=["spelled-out", "read-from-metadata", "with-another-setting"])
def test_a_version_spelled_out_where_it_was_imported_is_configuration(new: str, change_type: str) -> None:
    assert _facts(_diff("pkg/version.py", _VERSION_READ, new)).files[0].change_type == change_type


@pytest.mark.parametrize(("joined", "listed"), [
    ('PATTERN = re.compile(\n    r"\\bbase64\\b|\\bcodecs\\b",\n)\n', ["run"]),
    # near miss: the joined string says something else
    ('PATTERN = re.compile(\n    r"\\bbase64\\b|\\bcodec\\b",\n)\n', ["PATTERN", "run"]),
], ids=["strings-joined", "string-changed"])
def test_adjacent_strings_joined_are_layout(joined: str, listed: list[str]) -> None:
    old = ('import re\n\nPATTERN = re.compile(\n    r"\\bbase64\\b"\n    r"|\\bcodecs\\b",\n)\n\n\n'
           "def run(text):\n    return PATTERN.search(text)\n")
    split = 'PATTERN = re.compile(\n    r"\\bbase64\\b"\n    r"|\\bcodecs\\b",\n)\n'
    new = old.replace(split, joined).replace("return PATTERN.search(text)", "return PATTERN.findall(text)")
    facts = _facts(_diff("pkg/scan.py", old, new))
    assert sorted(s.qualname for s in facts.files[0].symbols) == listed


def test_a_pair_unpacked_from_the_call_it_returned_is_no_new_contract() -> None:
    old = ("class Conv:\n    def step(self, x, cache):\n        if self.fast:\n"
           "            return update(x, cache)\n        y = x + cache\n        return y, cache\n")
    new = old.replace("            return update(x, cache)\n",
                      "            y, cache = update(x, cache)\n            return y, None\n")
    assert _facts(_diff("pkg/conv.py", old, new)).files[0].change_type == "core-logic"


_RANKED_GATE = ("class Gate:\n    def forward(self, x):\n        sl, bs, hs = x.size()\n"
         "        scores = self.layer(x.view(-1, hs)).softmax(dim=-1)\n        return scores\n")
_ANY_RANK = _RANKED_GATE.replace("        sl, bs, hs = x.size()\n", "").replace(
    "x.view(-1, hs)", "x.view(-1, x.shape[-1])")
_NORMED = ("    def forward(self, x):\n", "    def forward(self, inputs):\n        x = self.norm(inputs)\n")


@pytest.mark.parametrize(("old", "new", "change_type"), [
    (_RANKED_GATE, _ANY_RANK, "data-contract"),
    (_RANKED_GATE, _RANKED_GATE.replace("sl, bs, hs = x.size()", "bs, hs = x.shape"), "data-contract"),
    # near misses: the same unpacking written otherwise; the shape of a tensor the function makes;
    # the unpacking moved into a helper the function hands the tensor to
    (_RANKED_GATE, _RANKED_GATE.replace("sl, bs, hs = x.size()", "sl, bs, hs = x.shape"), "core-logic"),
    (_RANKED_GATE.replace(*_NORMED), _ANY_RANK.replace(*_NORMED), "core-logic"),
    (_RANKED_GATE, "class Gate:\n    def forward(self, x):\n        return _scores(self.layer, x)\n\n\n"
     "def _scores(layer, x):\n    sl, bs, hs = x.size()\n    return layer(x.view(-1, hs)).softmax(dim=-1)\n",
     "core-logic"),
], ids=["any-rank", "other-rank", "same-rank", "made-tensor", "moved-to-a-helper"])
def test_a_function_that_unpacks_a_given_tensor_into_other_dimensions_takes_another_shape(
        old: str, new: str, change_type: str) -> None:
    """`sl, bs, hs = x.size()` dropped for `x.view(-1, x.shape[-1])`: the layer takes inputs of
    any rank, which its callers may now hand it."""
    assert _facts(_diff("pkg/gate.py", old, new)).files[0].change_type == change_type


_PAYLOADS = ("class Kind:\n    @staticmethod\n    def test_payload(kind):\n        if kind == 'rerank':\n"
             "            return {'query': 'Hello', 'documents': ['Test']}\n"
             "        return {'encoding_format': 'float', 'text_1': 'Test', 'test_2': 'Test2'}\n\n"
             "    def to_dict(self):\n        data = {'id': self.id, 'is_adapter': self.is_adapter}\n"
             "        return data\n")


@pytest.mark.parametrize(("new", "change_type"), [
    (_PAYLOADS.replace("'test_2'", "'text_2'"), "data-contract"),
    (_PAYLOADS.replace("'id': self.id, 'is_adapter': self.is_adapter}", "'id': self.id}"), "data-contract"),
    # near misses: a key more; one more case with a dict of its own; a value changed under its key
    (_PAYLOADS.replace("'test_2': 'Test2'}", "'test_2': 'Test2', 'truncate': True}"), "core-logic"),
    (_PAYLOADS.replace("        return {'encoding_format'",
                       "        if kind == 'messages':\n"
                       "            return {'messages': [], 'max_tokens': 3}\n"
                       "        return {'encoding_format'"), "core-logic"),
    (_PAYLOADS.replace("'Test2'}", "'Test 2'}"), "core-logic"),
], ids=["key-renamed", "key-dropped", "key-added", "case-added", "value-changed"])
def test_a_function_that_returns_a_dict_without_a_key_it_had_is_a_data_contract(new: str,
                                                                                  change_type: str) -> None:
    """A payload that names a key otherwise (`test_2` became `text_2`) or no longer has one
    (`is_adapter`) breaks what reads it."""
    assert _facts(_diff("pkg/kinds.py", _PAYLOADS, new)).files[0].change_type == change_type


_GATHERED = ("import time\n\n\ndef set_start(value):\n    global START\n    START = value\n\n\n"
             "import argparse\n\n\ndef train(args):\n    return args.steps\n")
_REGROUPED = ("import argparse\nimport time\n\n\ndef train(args):\n    return args.steps\n\n\n"
              "def set_start(value):\n    global START\n    START = value\n")


@pytest.mark.parametrize(("new", "change_type", "listed"), [
    (_REGROUPED, "dependency-wiring", []),
    # near miss: the function moved and changed on the way
    (_REGROUPED.replace("    START = value\n", "    START = value or time.time()\n"), "core-logic",
     ["set_start"]),
], ids=["moved-as-it-was", "moved-and-changed"])
def test_a_definition_moved_elsewhere_in_its_file_as_it_was_did_not_change(
        new: str, change_type: str, listed: list[str]) -> None:
    """Imports gathered at the top and a helper put after the code that was below it: the
    helper is no changed symbol, and the change is about the imports."""
    facts = _facts(_diff("pkg/training.py", _GATHERED, new))
    assert facts.files[0].change_type == change_type
    assert [s.qualname for s in facts.files[0].symbols] == listed


_LOADER_BODY = ("    def build_model(self, path):\n        config = load_config(path)\n"
                "        self.model = create(config)\n        self.model.eval()\n"
                "        return self.model\n")
_FACTORY = ("class Omni:\n    def __new__(cls, config):\n        part = config.language_part\n"
            "        base = {'qwen2': Qwen2, 'llama': Llama}[part]\n"
            "        return type('Picked', (Shared, base), {})(config)\n")


@pytest.mark.parametrize(("moved_body", "expected"), [
    (_LOADER_BODY, [("Omni", "changed", None), ("Omni.__new__", "added", None),
                    ("Shared", "added", None), ("Shared.build_model", "moved", "Omni.build_model")]),
    # near miss: the method the other class gained is not the one this class lost
    (_LOADER_BODY.replace("self.model.eval()", "self.model.train()"),
     [("Omni", "changed", None), ("Omni.__new__", "added", None), ("Omni.build_model", "removed", None),
      ("Shared", "added", None), ("Shared.build_model", "added", None)]),
], ids=["method-taken-over", "method-rewritten"])
def test_a_method_another_class_of_the_file_took_over_moved(moved_body: str, expected: list) -> None:
    old = "class Omni(InternLM2):\n" + _LOADER_BODY
    new = "class Shared:\n" + moved_body + "\n\n" + _FACTORY
    facts = _facts(_diff("pkg/omni.py", old, new))
    assert sorted((s.qualname, s.status, s.old_qualname) for s in facts.files[0].symbols) == expected
    assert facts.files[0].change_type == "core-logic"
    if moved_body == _LOADER_BODY:  # the class rewritten leads, not the one that took its method
        assert facts.key_symbols[:2] == ["Omni", "Omni.__new__"]


@pytest.mark.parametrize(("caught", "context", "idioms"), [
    ("ImportError", "def Model.encode / try", ["import-feature-probe"]),
    # near miss: the `try` is there for the call's errors, not for the import's
    ("ValueError", "def Model.encode", []),
], ids=["import-failure-caught", "call-failure-caught"])
def test_an_import_in_a_function_put_in_a_try_that_catches_its_failure_is_guarded_anew(
        caught: str, context: str, idioms: list[str]) -> None:
    old = ("class Model:\n    def encode(self, x):\n        from FlagEmbedding import BGEM3FlagModel\n"
           "        return BGEM3FlagModel(x)\n")
    new = ("class Model:\n    def encode(self, x):\n        try:\n"
           "            from FlagEmbedding import BGEM3FlagModel\n"
           f"        except {caught}:\n            return None\n        return BGEM3FlagModel(x)\n")
    facts = _facts(_diff("pkg/embedding.py", old, new))
    assert [i.context for i in facts.files[0].imports if i.status != "removed"] == (
        [context] if idioms else [])
    assert [i.idiom for i in facts.idioms] == idioms


def test_a_class_renamed_in_its_module_changes_the_interface() -> None:
    old = ("import torch.nn as nn\n\n\nclass LigerKernelSoftmax(nn.Module):\n    def __init__(self):\n"
           "        super().__init__()\n\n    def forward(self, x):\n        return softmax(x)\n")
    facts = _facts(_diff("pkg/softmax.py", old, old.replace("LigerKernelSoftmax", "LigerSoftmax")))
    assert facts.files[0].change_type == "data-contract"


def test_a_class_renamed_with_its_module_weighs_all_it_holds() -> None:
    prepare = "".join(f"        x{n} = batch[{n}] * {n}\n" for n in range(12))
    fields = "".join(f"    field_{n}: int = {n}\n" for n in range(12))
    old = ("class DiffusionRunner(ModelRunner):\n" + fields + "\n    def prepare(self, batch):\n" + prepare
           + "        return batch\n\n    def _run_diffusion(self, ids):\n        return self.model(ids)\n")
    new = old.replace("DiffusionRunner", "GenerationRunner").replace(
        "_run_diffusion(self, ids):\n        return self.model(ids)",
        "_run_generation(self, ids):\n" + "".join(f"        ids = self.step_{n}(ids)\n" for n in range(23))
        + "        return ids")
    facts = _facts(replace(_diff("pkg/generation.py", old, new, "renamed"), old_path="pkg/diffusion.py"))
    renamed = next(s for s in facts.files[0].symbols if s.qualname == "GenerationRunner")
    assert (renamed.status, renamed.old_qualname) == ("moved", "DiffusionRunner")
    # what it declares itself moved with it: the methods that moved beside it take none of it
    assert renamed.weight >= 12
    assert facts.files[0].change_type == "data-contract"


def test_an_import_carried_with_its_code_into_a_new_function_is_not_a_key_symbol() -> None:
    probe = ("    try:\n        import vllm.sampling_params as sampling\n    except ImportError:\n"
             "        return None\n    return getattr(sampling, 'GuidedDecodingParams', None)\n")
    old = ("class Model:\n    def generate(self, prompt):\n" + textwrap.indent(probe, "    ")
           .replace("return None", "pass").replace("    return getattr", "    params = getattr")
           + "        return self.engine(prompt)\n")
    new = ("def find_guided_params():\n" + probe + "\n\nclass Model:\n    def generate(self, prompt):\n"
           "        params = find_guided_params()\n        return self.engine(prompt)\n")
    facts = _facts(_diff("pkg/vllm_model.py", old, new))
    moved = [(i.status, i.context) for i in facts.files[0].imports]
    assert moved == [("moved", "def find_guided_params / try")]
    assert "sampling" not in facts.key_symbols



_ZERO_DDP = ('class ZeroDDP:\n    """Wraps a module for ZeRO.\n\n    Args:\n'
             '        module: the module.\n{doc}    """\n{attribute}\n'
             '    def __init__(self, module{parameter}):\n        self.module = module\n{kept}')


@pytest.mark.parametrize(("attribute", "symbols"), [
    ("", ["ZeroDDP.__init__"]),
    # near miss: the class's own code changed too
    ("    fp32_outputs_default = False\n", ["ZeroDDP", "ZeroDDP.__init__"]),
], ids=["class-docstring-telling-of-its-method", "class-attribute-added"])
def test_a_class_whose_docstring_tells_of_a_member_change_is_told_by_it(attribute: str,
                                                                       symbols: list[str]) -> None:
    old = _ZERO_DDP.format(doc="", attribute="", parameter="", kept="")
    new = _ZERO_DDP.format(doc="        force_outputs_fp32: cast the outputs to fp32.\n",
                           attribute=attribute, parameter=", force_outputs_fp32=False",
                           kept="        self.force_outputs_fp32 = force_outputs_fp32\n")
    facts = _facts(_diff("pkg/parallel.py", old, new))
    assert sorted(s.qualname for s in facts.files[0].symbols) == symbols


_KERNELS = ("from enum import Enum\n\n\nclass AttnType(Enum):\n    FA = 'fa'\n"
            "    TORCH = 'torch'\n{members}\n\n"
            "def select(impl_type, stage):\n    if impl_type == AttnType.FA:\n        return flash(stage)\n"
            "    elif impl_type == AttnType.TORCH:\n        return torch_attn(stage)\n{branches}"
            "    raise ValueError(impl_type)\n")
_SAGE_BRANCHES = "".join(
    f"    elif impl_type == AttnType.{kind}:\n        if stage == 'fwd-only':\n"
    + "".join(f"            step_{i} = prepare_{i}(stage)\n" for i in range(8))
    + f"            return partial(sage.run_{n}, dtype='fp32', return_lse=True)\n"
    f"        raise ValueError(stage)\n" for n, kind in enumerate(("SAGE_FP16", "SAGE_FP8")))


@pytest.mark.parametrize(("branches", "key"), [
    (_SAGE_BRANCHES, True),
    # near miss: the new members are read by nothing the change wrote
    (_SAGE_BRANCHES.replace("AttnType.SAGE_FP16", "'sage16'").replace("AttnType.SAGE_FP8", "'sage8'"), False),
], ids=["members-read-by-the-change", "members-read-by-nothing-new"])
def test_a_class_whose_new_members_the_change_reads_is_key(branches: str, key: bool) -> None:
    """An enum gains two kinds that a selector, rewritten at length, dispatches on: the enum is
    part of what the change is about, however few its own lines."""
    old = _KERNELS.format(members="", branches="")
    members = "    SAGE_FP16 = 'sage_fp16'\n    SAGE_FP8 = 'sage_fp8'\n"
    new = _KERNELS.format(members=members, branches=branches)
    facts = _facts(_diff("pkg/kernels.py", old, new))
    assert facts.key_symbols[0] == "select"
    assert ("AttnType" in facts.key_symbols) is key


_CHROMA_SETTINGS = ("class Settings(BaseSettings):\n    host: str = 'localhost'\n    port: int = 8000\n"
                    "    allow_reset: bool = False\n{fields}\n\n"
                    "def describe(settings):\n{described}    return settings.host\n")
_DESCRIBED = "".join(f"    line_{i} = render_{i}(settings)\n" for i in range(6))
_SERVICE_CLIENT = ("class {name}Client:\n    def __init__(self, system):\n"
                   "        self._host = system.settings.require('host')\n{stored}\n"
                   "    def fetch(self, request):\n"
                   + "".join(f"        self._stub.Prepare{i}(request{{given}})\n" for i in range(3))
                   + "        return self._stub.Fetch(request)\n")


@pytest.mark.parametrize(("key", "expected"), [
    ("request_timeout_seconds", True),
    # near miss: the clients ask for a setting the change did not declare
    ("legacy_timeout_seconds", False),
], ids=["new-field-asked-for", "other-setting-asked-for"])
def test_a_settings_class_whose_new_fields_the_change_asks_for_by_name_is_key(key: str,
                                                                             expected: bool) -> None:
    """Settings gain a timeout that four clients ask for by its name and pass to their calls."""
    settings = _diff("pkg/settings.py", _CHROMA_SETTINGS.format(fields="", described=""),
                     _CHROMA_SETTINGS.format(fields="    request_timeout_seconds: int = 3\n",
                                             described=_DESCRIBED))
    clients = [_diff(f"pkg/clients/{name.lower()}.py",
                     _SERVICE_CLIENT.format(name=name, stored="", given=""),
                     _SERVICE_CLIENT.format(
                         name=name, given=", timeout=self._timeout",
                         stored=f"        self._timeout = system.settings.require('{key}')\n"))
               for name in ("Log", "Query", "Sys", "Vector")]
    assert ("Settings" in _facts(settings, *clients).key_symbols) is expected


_TRAINER_TEST = ("from transformers import TrainerState\n\nfrom pkg import Trainer\n\n\n"
                 "def test_resume(tmp_path):\n"
                 "    state = TrainerState.load_from_json(tmp_path / 'state.json')\n"
                 "    assert state.global_step == 4\n")
_STATE = "class IPUTrainerState(TrainerState):\n    start_time: float = -1.0\n"


@pytest.mark.parametrize(("source", "test", "expected"), [
    (_diff("pkg/trainer.py", "X = 1\n", "X = 1\n\n\n" + _STATE), _TRAINER_TEST, "test-coverage"),
    (_diff("pkg/trainer.py", "X = 1\n", "X = 2\n"), _TRAINER_TEST, "dependency-wiring"),
    (_diff("pkg/trainer.py", "class TrainerState:\n    step = 0\n", _STATE.replace("(TrainerState)", "")),
     _TRAINER_TEST.replace("from transformers import TrainerState\n\nfrom pkg import Trainer",
                           "from pkg import Trainer, TrainerState"), "dependency-wiring"),
], ids=["adopts-what-the-change-adds", "near-miss-follows-a-name-from-elsewhere",
        "near-miss-follows-a-rename-the-change-makes"])
def test_a_test_that_adopts_what_the_change_adds_covers_it(source: FileDiff, test: str,
                                                           expected: str) -> None:
    new = _TRAINER_TEST.replace("from transformers import TrainerState\n\nfrom pkg import Trainer",
                                "from pkg import IPUTrainerState, Trainer").replace(
        "TrainerState.load", "IPUTrainerState.load")
    facts = _facts(source, _diff("tests/test_trainer.py", test, new))
    assert facts.files[1].change_type == expected


_IMAGES_TEST = ("from pathlib import Path\n\n{imports}\n\nHERE = Path(__file__).parent\n"
                "ROOT = {root}\n\n\ndef test_paga(image_comparer):\n    image_comparer(ROOT, 'paga')\n")
_HELPERS = "def {name}(base):\n    return base / '3.11'\n"


@pytest.mark.parametrize(("helper", "expected"), [
    ("image_root", "test-coverage"),
    # near miss: what the test adopts is a test the change adds, not a helper
    ("test_root", "dependency-wiring"),
], ids=["test-helper-adopted", "test-adopted"])
def test_a_test_that_adopts_a_helper_the_tests_gain_covers_what_it_picks(helper: str, expected: str) -> None:
    helpers = _diff("src/testing/pkg/_helpers/__init__.py", "X = 1\n",
                    "X = 1\n\n\n" + _HELPERS.format(name=helper))
    test = _diff("tests/test_paga.py", _IMAGES_TEST.format(imports="", root='HERE / "_images"'),
                 _IMAGES_TEST.format(imports=f"from testing.pkg._helpers import {helper}",
                                     root=f'{helper}(HERE / "_images")'))
    assert _facts(helpers, test).files[1].change_type == expected


_CHECKS = "".join(f"def check_{n}(x):\n    return x + {n}\n\n\n" for n in range(12))
_COMBINE = "def combine(a, b):\n    total = a + b\n    return total\n"


@pytest.mark.parametrize(("decorated", "expected"), [
    (12, ["check_0", "combine"]),
    # near miss: as many functions decorated alike as the list holds are each a change
    (8, ["check_0", "check_1", "check_2", "check_3", "check_4", "check_5", "check_6", "check_7"]),
], ids=["one-edit-in-twelve-functions", "one-edit-in-eight-functions"])
def test_an_edit_made_alike_in_many_symbols_is_one_key_symbol(decorated: int, expected: list[str]) -> None:
    old = "import functools\n\n\n" + _CHECKS + _COMBINE
    new = old.replace("def check_", "@functools.cache\ndef check_", decorated) \
        .replace("total = a + b", "total = a * b + 1")
    assert _facts(_diff("pkg/checks.py", old, new)).key_symbols == expected


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("import re\n\n_CALL = re.compile(r'call:(\\w+)')\n",
     "import re\n\n_CALL = re.compile(r'call:([\\w-]+)')\n", "core-logic"),
    ("import regex as re\n\n_call = re.compile(r'call:(\\w+)', re.DOTALL)\n",
     "import regex as re\n\n_STR = r'<s>.*?</s>'\n_call = re.compile(r'call:(\\w+)' + _STR, re.DOTALL)\n",
     "core-logic"),
    ("import re\n\n_CALL = 'call:'\n", "import re\n\n_CALL = 'tool_call:'\n", "configuration"),
])
def test_a_pattern_the_module_compiles_is_code_not_a_setting(old: str, new: str, expected: str) -> None:
    assert _facts(_diff("pkg/parser.py", old, new)).files[0].change_type == expected


_WORKFLOW = ("jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Build\n"
             "        run: cmake --build build\n{comments}")


@pytest.mark.parametrize(("path", "old", "new", "expected"), [
    (".github/workflows/build.yml",
     _WORKFLOW.format(comments="      # TODO: run the tests again\n      # - name: Test\n"
                               "      #   run: |\n      #     pytest tests\n"),
     _WORKFLOW.format(comments=""), "infrastructure"),
    ("configs/serve.yaml", "model: llama\n# max_tokens: 512\n", "model: llama\n", "configuration"),
    ("configs/serve.toml", "model = 'llama'\n# max_tokens = 512\n", "model = 'llama'\n", "configuration"),
    (".github/workflows/build.yml", _WORKFLOW.format(comments=""),
     _WORKFLOW.format(comments="      # The tests run in the nightly pipeline.\n"), "docs"),
    ("configs/serve.yaml", "model: llama\n", "# Note: slow on CPU\nmodel: llama\n", "docs"),
], ids=["step-put-out-of-use-removed", "yaml-option", "toml-option", "words-about-the-pipeline",
        "a-note-opening-with-a-word-and-a-colon"])
def test_settings_commented_out_are_the_files_own_not_documentation(
        path: str, old: str, new: str, expected: str) -> None:
    assert _facts(_diff(path, old, new)).files[0].change_type == expected


_LAUNCHER = ('def make_launcher(name):\n    # The C source of the launcher.\n    return f"""\n'
             '#include <Python.h>\n#include <numpy/arrayobject.h>\n\nstatic void {name}(void) {{}}\n"""\n')


@pytest.mark.parametrize(("old", "new", "expected"), [
    (_LAUNCHER, _LAUNCHER.replace("#include <numpy/arrayobject.h>\n", ""), "core-logic"),
    (_LAUNCHER, _LAUNCHER.replace("    # The C source of the launcher.\n", ""), "docs"),
    ('def f():\n    """Sum.\n\n    # Example\n    f()\n    """\n    return 1\n',
     'def f():\n    """Sum.\n\n    # Examples\n    f()\n    """\n    return 1\n', "docs"),
], ids=["a-line-of-a-string", "a-comment", "a-docstring-heading"])
def test_a_line_inside_a_string_that_opens_with_a_hash_is_no_comment(
        old: str, new: str, expected: str) -> None:
    assert _facts(_diff("pkg/driver.py", old, new)).files[0].change_type == expected


_SKIP_OLD = ('class SkipSample(Exception):\n    """Raised in a map function to skip a sample."""\n')
_SKIP_ALIAS = ("from pkg.deprecation import warn_deprecated\n"
               "from pkg.errors import SkipSample as _SkipSample\n\n\n"
               "class SkipSample(_SkipSample):\n    \"\"\"Deprecated alias of pkg.SkipSample.\"\"\"\n\n"
               "    def __init__(self, *args, **kwargs):\n{body}")


@pytest.mark.parametrize(("body", "expected"), [
    ("        warn_deprecated('use pkg.SkipSample')\n        super().__init__(*args, **kwargs)\n",
     "data-contract"),
    ("        super().__init__(*args, **kwargs)\n        self.reason = 'skipped'\n", "core-logic"),
    ("        self.count = 0\n        super().__init__(*args, **kwargs)\n", "core-logic"),
], ids=["warns-and-forwards", "forwards-and-keeps-state", "sets-state-then-forwards"])
def test_a_class_kept_as_a_deprecated_alias_of_its_replacement_is_a_data_contract(
        body: str, expected: str) -> None:
    new = _SKIP_ALIAS.format(body=body)
    assert _facts(_diff("pkg/wrappers/skip.py", _SKIP_OLD, new)).files[0].change_type == expected


_DOWNLOAD = "def {name}(url):\n    path = fetch(url)\n    print('saved at', path)\n{tail}"


@pytest.mark.parametrize(("name", "old_tail", "new_tail", "expected"), [
    ("download_model", "", "    return path\n", "data-contract"),
    ("_download_model", "", "    return path\n", "core-logic"),  # no one outside reads it
    ("download_model", "    return None\n", "    return path\n", "data-contract"),
    ("download_model", "    return url\n", "    return path\n", "core-logic"),  # returned a value before
], ids=["public", "private", "returned-none", "returned-a-value"])
def test_a_function_that_starts_returning_a_value_changes_its_contract(
        name: str, old_tail: str, new_tail: str, expected: str) -> None:
    old, new = (_DOWNLOAD.format(name=name, tail=tail) for tail in (old_tail, new_tail))
    assert _facts(_diff("pkg/download.py", old, new)).files[0].change_type == expected


_IMAGE_HOOK = ("class TransformersPresetLoader(PresetLoader):\n"
               "    def load_image_converter(self, cls, **kwargs):\n"
               "{body}")


@pytest.mark.parametrize(("old_body", "expected"), [
    ("        # TODO: set image size for pali gemma checkpoints.\n        return None\n", "core-logic"),
    # near miss: a method that did its work and said `return None` now hands back what it made
    ("        self.converter.prepare(self.preset)\n        return None\n", "data-contract"),
], ids=["stub-answering-none", "work-then-none"])
def test_a_stub_that_answered_none_answering_a_value_keeps_its_contract(old_body: str, expected: str) -> None:
    new_body = ("        config = self.converter.load_image_converter_config(self.preset)\n"
                "        if config is not None:\n            return cls(**config, **kwargs)\n"
                "        return None\n")
    old, new = (_IMAGE_HOOK.format(body=body) for body in (old_body, new_body))
    assert _facts(_diff("pkg/utils/preset_loader.py", old, new)).files[0].change_type == expected


_TOKENIZER = ("class CharTokenizer(Tokenizer):\n"
              "    def __init__(self, sequence_length=None{option}, **kwargs):\n"
              "        super().__init__(**kwargs)\n        self.sequence_length = sequence_length\n{kept}\n"
              "    def get_config(self):\n        config = super().get_config()\n"
              "        config.update(\n            {{\n"
              "                \"sequence_length\": self.sequence_length,\n"
              "{recorded}            }}\n        )\n        return config\n\n"
              "    def tokenize(self, inputs):\n        tokens = tf.strings.unicode_decode(inputs, 'UTF-8')\n"
              "        tokens = tokens.to_tensor()\n        tokens = tf.squeeze(tokens, 0)\n"
              "        tokens = tf.cast(tokens, self.compute_dtype)\n{clamp}        return tokens\n{size}")
_SIZE = ("\n    def vocabulary_size(self):\n"
         "        \"\"\"The size of the vocabulary; None when not given.\"\"\"\n"
         "        return self.vocabulary_size\n")
_CLAMP = ("        if self.vocabulary_size:\n            limit = self.vocabulary_size - 1\n"
          "            tokens = tf.clip_by_value(tokens, 0, limit)\n"
          "            tokens = tf.ensure_shape(tokens, None)\n")


@pytest.mark.parametrize(("recorded", "expected"), [
    ('                "vocabulary_size": self.vocabulary_size,\n', "data-contract"),
    # near miss: the configuration the class saves holds the option it gained under another key
    ('                "vocab": self.vocabulary_size,\n', "core-logic"),
], ids=["option-recorded", "recorded-otherwise"])
def test_a_saved_configuration_recording_an_option_the_constructor_gained_is_its_interface(
        recorded: str, expected: str) -> None:
    old = _TOKENIZER.format(option="", kept="", recorded="", clamp="", size="")
    new = _TOKENIZER.format(option=", vocabulary_size=None",
                            kept="        self.vocabulary_size = vocabulary_size\n",
                            recorded=recorded, clamp=_CLAMP, size=_SIZE)
    assert _facts(_diff("pkg/tokenizers/char_tokenizer.py", old, new)).files[0].change_type == expected


_PRESETS = ("backbone_presets = {{\n    't5_small': {{\n        'config': {{\n"
            "            'hidden_dim': 512,\n            'activation': '{activation}',\n"
            "        }},\n    }},\n}}\n")


@pytest.mark.parametrize(("template", "key_symbols"), [
    (_PRESETS, ["backbone_presets"]),
    (_PRESETS.replace("'config': {{\n            'hidden_dim': 512,\n"
                      "            'activation': '{activation}',\n        }},",
                      "'config': Config(hidden_dim=512, activation='{activation}'),"),
     ["backbone_presets"]),
    # near misses: a table filled in by code, and a name bound to one made by a call
    (_PRESETS.replace("'hidden_dim': 512", "'hidden_dim': compute_dim()"), []),
    (_PRESETS.replace("'hidden_dim': 512", "'hidden_dim': compute_dim(512)"), []),
    ("backbone_presets = dict(t5_small=dict(activation='{activation}'))\n", []),
], ids=["literal-table", "table-of-records", "table-computed", "entry-computed-from-a-literal", "call-made"])
def test_a_table_written_in_literals_is_a_constant_whatever_its_name(
        template: str, key_symbols: list[str]) -> None:
    old, new = (template.format(activation=name) for name in ("gelu", "keras_nlp>gelu_approximate"))
    assert _facts(_diff("pkg/models/t5/t5_presets.py", old, new)).key_symbols == key_symbols


_CONFIG_DICT = ("import ml_collections as mlc\n\nc_z = mlc.FieldReference(128, field_type=int)\n\n"
                "config = {maker}(\n    {{\n        'data_loaders': {{\n            'batch_size': 1,\n"
                "{added}        }},\n        'c_z': c_z,\n        'ckpt': c_z is not None,\n    }}\n)\n")


@pytest.mark.parametrize(("maker", "key_symbols"), [
    ("mlc.ConfigDict", ["config"]),
    ("OmegaConf.create", ["config"]),
    # near miss: the dict handed to a function that computes with it
    ("build_model", []),
], ids=["config-dict", "omegaconf", "other-call"])
def test_settings_made_from_a_table_written_out_are_a_constant(maker: str, key_symbols: list[str]) -> None:
    """OpenFold #212 adds `"pin_memory": True` to its module's `config = mlc.ConfigDict({...})`."""
    old = _CONFIG_DICT.format(maker=maker, added="")
    new = _CONFIG_DICT.format(maker=maker, added="            'pin_memory': True,\n")
    assert _facts(_diff("openfold/config.py", old, new)).key_symbols == key_symbols


_ENVIRONMENT = ("import os\nfrom typing import Any, Callable\n\n"
                "environment_variables: dict[str, Callable[[], Any]] = {{\n"
                "    \"MACA_FUSED_MOE\": {entry},\n}}\n")


@pytest.mark.parametrize(("entry", "key_symbols"), [
    ("lambda: bool(\n        int(os.getenv(\"MACA_FUSED_MOE\", \"{default}\"))\n    )",
     ["environment_variables"]),
    # near miss: an entry made by a call, a table the code fills in
    ("flag(\"MACA_FUSED_MOE\", \"{default}\")", []),
], ids=["settings-read-when-asked", "entry-made-by-a-call"])
def test_a_table_of_settings_read_from_the_environment_is_a_constant(
        entry: str, key_symbols: list[str]) -> None:
    """vLLM MetaX turns MACA_VLLM_ENABLE_MCTLASS_FUSED_MOE off by default in its `envs.py`."""
    old, new = (_ENVIRONMENT.format(entry=entry.format(default=value)) for value in ("1", "0"))
    assert _facts(_diff("vllm_metax/envs.py", old, new)).key_symbols == key_symbols


_PATTERNS = ("CK = '[0-9]{{2}}'\nN4 = '[0-9]{{4}}'\n\n"
             "regex_per_country = {{\n    'VA': '(VA)' + CK + {va},\n{added}}}\n")


@pytest.mark.parametrize(("va", "key_symbols"), [
    ("N4", ["regex_per_country"]),
    # near miss: an entry computed by a call is a table the code fills in
    ("pattern(4)", []),
], ids=["spelled-from-constants", "entry-computed"])
def test_a_table_of_values_spelled_from_literals_and_constants_is_a_constant(
        va: str, key_symbols: list[str]) -> None:
    old = _PATTERNS.format(va=va, added="")
    new = _PATTERNS.format(va=va, added="    'EG': '(EG)' + CK + N4 + N4,\n")
    assert _facts(_diff("recognizers/iban_patterns.py", old, new)).key_symbols == key_symbols


_DETECTOR = ("import threading\n\n\nclass DeviceDetector:\n    def get_device(self):\n"
             "        return 'cpu'\n\n\n{instance}\n")
_LAZY_DETECTOR = ("def __getattr__(name):\n    if name == 'device_detector':\n"
                  "        return DeviceDetector()\n    raise AttributeError(name)\n")


@pytest.mark.parametrize(("instance", "key_symbols"), [
    ("device_detector = DeviceDetector()", ["__getattr__", "device_detector"]),
    # near miss: an object of a class imported is not the module's own
    ("device_lock = threading.Lock()", ["__getattr__"]),
], ids=["own-class", "imported-class"])
def test_the_module_s_instance_of_its_own_class_is_a_symbol_its_users_import(
        instance: str, key_symbols: list[str]) -> None:
    old, new = _DETECTOR.format(instance=instance), _DETECTOR.format(instance=_LAZY_DETECTOR)
    assert sorted(_facts(_diff("nlp_engine/device_detector.py", old, new)).key_symbols) == key_symbols


@pytest.mark.parametrize(("flags", "key_symbols"), [
    ('["-g", "-O3"]', ["extra_cflags"]),
    # near misses: a list of other strings (the requirements a script installs), and one that
    # names a value the module computes
    ('["torch", "numpy"]', []),
    ('["-g", OPT_LEVEL]', []),
], ids=["options", "other-strings", "option-computed"])
def test_a_list_of_command_line_options_is_a_constant_whatever_its_name(
        flags: str, key_symbols: list[str]) -> None:
    old = "OPT_LEVEL = '-O2'\nextra_cflags = " + flags.replace('"-g", ', "") + "\n"
    new = "OPT_LEVEL = '-O2'\nextra_cflags = " + flags + "\n"
    assert _facts(_diff("pkg/extensions/cuda/__init__.py", old, new)).key_symbols == key_symbols


_MODEL_API = ("class Model:\n    def predict(self, input_image):\n"
              "        return self._model.predict(input_image)\n\n"
              + "".join(f"    def step{n}(self, x):\n{{doc{n}}}        y = x + {n}\n        return y * 2\n\n"
                        for n in range(6)))


@pytest.mark.parametrize(("body", "expected"), [
    ('        """One step.\n\n        :param x: the input\n        :return: twice one more\n        """\n',
     "data-contract"),
    ("        x = x - 1\n        x = x * 3\n        x = abs(x)\n", "core-logic"),  # their code changed too
], ids=["docstrings-beside", "code-beside"])
def test_docstrings_written_beside_a_renamed_parameter_do_not_outweigh_it(body: str, expected: str) -> None:
    blank = {f"doc{n}": "" for n in range(6)}
    old = _MODEL_API.format(**blank)
    new = _MODEL_API.replace("predict(self, input_image):\n        return self._model.predict(input_image)",
                             "predict(self, im):\n        return self._model.predict(im)")
    new = new.format(**{key: body for key in blank})
    assert _facts(_diff("pkg/vision/model.py", old, new)).files[0].change_type == expected


_OPTIONS = ("class RuntimeOption:\n    def use_paddle_backend(self):\n"
            "        return self._option.use_paddle_backend()\n\n"
            "    def _use_lite(self, mode):\n        return self._option.use_lite(mode)\n")


@pytest.mark.parametrize(("method", "expected"), [
    ("    def use_paddle_infer_backend(self):\n        return self.use_paddle_backend()\n", "data-contract"),
    # another name for a private method is none for callers
    ("    def use_lite_backend(self, mode):\n        return self._use_lite(mode)\n", "core-logic"),
    ("    def use_infer_backend(self):\n        self.use_paddle_backend()\n        return self.ready()\n",
     "core-logic"),
], ids=["alias", "wraps-a-private-method", "does-more"])
def test_a_method_added_as_another_name_of_a_public_one_is_a_data_contract(
        method: str, expected: str) -> None:
    new = _OPTIONS + "\n" + method
    assert _facts(_diff("pkg/runtime.py", _OPTIONS, new)).files[0].change_type == expected



_GENERIC = ("def load[ConfigT: object](argv: list[str], cls: type[ConfigT]) -> ConfigT:\n"
            "    return cls({limit})\n\n\n"
            "class Box[T]:\n    def get(self) -> T:\n        return self.item\n\n\n"
            "type Pair[K, V] = dict[K, V]\n")


def test_a_module_written_with_type_parameters_is_read_by_any_supported_python() -> None:
    """PEP 695 generics (`def load[T](...)`, `type Pair = ...`) are Python 3.12 syntax; an
    older parser reads the module with them taken out, every line where it was."""
    table = parse_module(_GENERIC.format(limit=1))
    assert table.error is None
    assert {"load", "Box", "Box.get"} <= set(table.symbols)
    assert table.symbols["Box.get"].start == 6
    facts = _facts(_diff("pkg/cli.py", _GENERIC.format(limit=1), _GENERIC.format(limit=2)))
    assert facts.key_symbols == ["load"]
    assert not facts.warnings
    assert parse_module("def broken[T](:\n    pass\n").error is not None


_PY2_INDENTED = ("class MeterLogger(object):\n    def __init__(self, port=8097):\n"
                 "\tself.port = port\n        self.meters = {{}}\n\n"
                 "    def update(self, meter):\n\treturn meter{tail}\n")


def test_a_module_indented_with_tabs_and_spaces_mixed_is_read_as_python_2_read_it() -> None:
    """Python 2 took a tab to the next multiple of eight columns; Python 3 refuses a block that
    mixes them. The module is read as it was written for, every line where it is."""
    table = parse_module(_PY2_INDENTED.format(tail=""))
    assert table.error is None
    assert {"MeterLogger", "MeterLogger.__init__", "MeterLogger.update"} <= set(table.symbols)
    assert table.symbols["MeterLogger.update"].start == 6
    facts = _facts(_diff("torchnet/logger/meterlogger.py", None, _PY2_INDENTED.format(tail=""), "added"))
    assert facts.key_symbols[0] == "MeterLogger"
    assert not facts.warnings
    # near miss: a module that still does not parse once its tabs are expanded says why
    assert parse_module(_PY2_INDENTED.format(tail=" +")).error is not None


_ASYNC_NAMED = ("class IPYAsync(object):\n    def __init__(self, {name}, domain):\n"
                "        self.{name} = {name}\n        self.domain = domain\n\n"
                "    def ready(self):\n        return self.{name}.ready(){tail}\n")


def test_a_module_naming_a_variable_async_is_read_as_python_3_6_read_it() -> None:
    """`async` became a keyword in Python 3.7; code written before names parameters and
    attributes so. The module is read with the grammar it was written for."""
    table = parse_module(_ASYNC_NAMED.format(name="async", tail=""))
    assert table.error is None
    assert {"IPYAsync", "IPYAsync.__init__", "IPYAsync.ready"} <= set(table.symbols)
    facts = _facts(_diff("hyperopt/ipy.py", _ASYNC_NAMED.format(name="async", tail=""),
                         _ASYNC_NAMED.format(name="asynchronous", tail="")))
    assert not facts.warnings
    assert facts.files[0].change_type == "data-contract"
    assert "IPYAsync.__init__" in facts.key_symbols
    # near miss: a module that does not parse with the older grammar either says why
    assert parse_module(_ASYNC_NAMED.format(name="async", tail=" +")).error is not None


def test_where_one_side_does_not_parse_the_symbols_holding_the_change_on_the_other_are_changed() -> None:
    old = ("def get_datasets(clusters):\n    res = []\n    elif all(clusters):\n        res = [1]\n"
           "    return res\n\n\ndef other():\n    return 2\n")
    new = old.replace("    elif all", "    if all")
    facts = _facts(_diff("mason.py", old, new))
    assert [(s.qualname, s.status) for s in facts.files[0].symbols] == [("get_datasets", "changed")]
    assert facts.key_symbols == ["get_datasets"]
    assert [(note.kind, note.args["side"]) for note in facts.warnings] == [("does-not-parse", "old")]
    # where neither side parses, the definitions a recovering parse finds hold the change
    neither = _diff("mason.py", old, old.replace("return 2", "return (3"))
    assert [(s.qualname, s.status) for s in _facts(neither).files[0].symbols] == [("other", "changed")]


def test_an_actor_method_called_through_ray_from_changed_code_is_key() -> None:
    manager_old = ("class Manager:\n    def __init__(self, args):\n        self.args = args\n"
                   "        self.servers = start(args)\n\n    def _router_addr(self):\n"
                   "        return self.servers.addr\n")
    manager_new = manager_old.replace("        self.servers = start(args)\n", "".join(
        f"        self.lock_{n} = Lock({n})\n" for n in range(4)) + "        self.servers = start(args)\n") \
        + "\n    def router_addr(self):\n        return self._router_addr()\n"
    big_old = "def report(args):\n    return 1\n"
    big_new = "def report(args, addr=None):\n" + "".join(f"    step_{n}(args, addr)\n" for n in range(40)) \
        + "    return 1\n"
    train_old = "def train(args):\n    manager = Manager.remote(args)\n    run(manager)\n"
    calling = "    addr = ray.get(manager.router_addr.remote())\n    report(args, addr)\n"
    train_new = train_old.replace("    run(manager)\n", calling + "    run(manager)\n")
    diffs = [_diff("pkg/manager.py", manager_old, manager_new), _diff("pkg/report.py", big_old, big_new)]
    called = _facts(*diffs, _diff("train.py", train_old, train_new),
                    _diff("train_async.py", train_old, train_new))
    assert "Manager.router_addr" in called.key_symbols
    uncalled = train_new.replace("manager.router_addr.remote()", "manager.addr")
    alone = _facts(*diffs, _diff("train.py", train_old, uncalled),
                   _diff("train_async.py", train_old, uncalled))
    assert "Manager.router_addr" not in alone.key_symbols



def test_a_call_written_in_a_comment_makes_no_caller() -> None:
    old = "def run(x):\n    return x\n\n\ndef other(x):\n    return x\n"
    body = "".join(f"    x = step_{n}(x)\n" for n in range(8))
    added = "def helper(x):\n    return x + 1\n\n\n"

    def ranked(call: str) -> list[str]:
        new = added + old.replace("    return x\n", call + body + "    return x\n", 1).replace(
            "def other(x):\n    return x\n", "def other(x):\n    y = x * 2\n    return y\n")
        return _facts(_diff("pkg/run.py", old, new)).key_symbols
    assert ranked("    x = helper(x)\n") == ["run", "helper", "other"]
    assert ranked("    # helper(x) runs first, in the caller\n") == ["run", "other", "helper"]



_SUPPORT_FACTORY = ("def support_factory(reporter, spec):\n    checks = [ProperQuantization(reporter)]\n"
            "    if not spec.support_float():\n{decomposition}        checks.append(Rounding(reporter))\n"
            "{logged}    return checks\n")
_DECOMPOSITION = ("class NeedsDecomposition:\n    def __init__(self, reporter):\n"
                  "        self.reporter = reporter\n\n"
                  "    def is_node_supported(self, node):\n        targets = {'div': None, 'softmax': None,\n"
                  "                   'var': None, 'round': None, 'addmm': None, 'glu': None,\n"
                  "                   'logit': None, 'leaky_relu': None, 'sqrt': None}\n"
                  "        if node.op != 'call_function':\n            return True\n"
                  "        if node.target == 'batch_norm' and not node.follows_convolution:\n"
                  "            self.reporter.report_reject(node, 'batch norm not after a convolution')\n"
                  "            return False\n        if node.target in targets:\n"
                  "            self.reporter.report_reject(node, 'needs decomposition')\n"
                  "            return False\n"
                  "        return True\n\n\n")
_DECOMPOSED = "        checks.append(NeedsDecomposition(reporter))\n"


@pytest.mark.parametrize(("calls_it", "expected"), [
    (True, ["NeedsDecomposition", "support_factory"]),
    # near miss: the factory never called the class; it gains a line otherwise
    (False, ["NeedsDecomposition"]),
], ids=["caller-stops-calling", "caller-edited-otherwise"])
def test_the_symbol_that_stops_calling_a_removed_class_is_a_key_symbol(calls_it: bool,
                                                                       expected: list[str]) -> None:
    old = _DECOMPOSITION + _SUPPORT_FACTORY.format(decomposition=_DECOMPOSED if calls_it else "", logged="")
    new = _SUPPORT_FACTORY.format(decomposition="", logged="" if calls_it else "    reporter.log(checks)\n")
    assert _facts(_diff("pkg/support.py", old, new)).key_symbols == expected


_PACKAGE_INIT = '__version__ = "{version}"\n\nfrom .core import run\n'
_EXAMPLE = "import torch\n\n\ndef main():\n    colors = torch.rand(4, 3)\n    return colors\n"
_EXAMPLE_NORMALISED = ("import torch\n\n\ndef normalize_color(color):\n    color -= 0.5\n"
                       "    return color.float()\n\n\n"
                       "def main():\n    colors = normalize_color(torch.rand(4, 3))\n    return colors\n")


@pytest.mark.parametrize(("example_changed", "expected"), [
    (True, ["normalize_color", "main"]),
    # near miss: nothing but the version changed
    (False, ["__version__"]),
], ids=["version-beside-an-example", "version-alone"])
def test_a_modules_own_version_bumped_is_named_only_where_nothing_else_changed(
        example_changed: bool, expected: list[str]) -> None:
    old, new = (_PACKAGE_INIT.format(version=version) for version in ("0.5.1", "0.5.2"))
    files = [_diff("pkg/__init__.py", old, new)]
    if example_changed:
        files.append(_diff("examples/indoor.py", _EXAMPLE, _EXAMPLE_NORMALISED))
    assert _facts(*files).key_symbols == expected


_TRAINER = """\
class Trainer:
    @property
    def num_devices(self) -> int:
        return len(self.device_ids)
{removed}
    @property
    def root_gpu(self) -> int:
        return self.strategy.root_device.index{root}
"""
_NUM_PROCESSES = """
    @property
    def num_processes(self) -> int:
        return self.num_devices
"""


@pytest.mark.parametrize(("root", "expected"), [
    ("", ["Trainer.num_processes"]),
    # near miss: the property below changed too
    (" or 0", ["Trainer.num_processes", "Trainer.root_gpu"]),
], ids=["property-removed-above-its-twin", "property-removed-and-next-changed"])
def test_a_symbol_the_diff_takes_a_line_from_but_reads_the_same_did_not_change(root: str,
                                                                                expected: list[str]) -> None:
    old = _TRAINER.format(removed=_NUM_PROCESSES, root="")
    facts = _facts(_diff("src/trainer.py", old, _TRAINER.format(removed="", root=root)))
    assert sorted(facts.key_symbols) == expected


@pytest.mark.parametrize(("value", "key_symbols"), [
    ('"""\nFROM continuumio/miniconda3:{tag} AS env-builder\nSHELL ["/bin/bash", "-c"]\n"""',
     ["DockerfileTemplate"]),
    # near miss: text of one line under a name not written as a constant's
    ('"continuumio/miniconda3:{tag}"', []),
], ids=["text-of-several-lines", "text-of-one-line"])
def test_text_of_several_lines_is_a_constant_whatever_its_name(value: str, key_symbols: list[str]) -> None:
    old, new = (f"DockerfileTemplate = {value.format(tag=tag)}\n" for tag in ("23.5.2-0", "24.4.0-0"))
    assert _facts(_diff("mlserver/cli/constants.py", old, new)).key_symbols == key_symbols


_TEXT = '"""\n' + "".join(f"line {n} of the template\n" for n in range(30)) + '"""'
_TABLE = "{\n" + "".join(f"    'key{n}': {n},\n" for n in range(30)) + "}"


@pytest.mark.parametrize(("value", "key_symbols"), [
    (_TEXT, ["load", "CONFIG"]),
    # near miss: a table of as many lines is code the module reads
    (_TABLE, ["CONFIG"]),
], ids=["text", "table"])
def test_text_weighs_less_than_code(value: str, key_symbols: list[str]) -> None:
    old = "def load(path):\n    return read(path)\n"
    new = f"CONFIG = {value}\n\n\ndef load(path):\n    data = read(path)\n    return parse(data, CONFIG)\n"
    assert _facts(_diff("pkg/loader.py", old, new)).key_symbols == key_symbols


def test_a_function_put_between_a_decorator_and_its_function_takes_the_decorator_away() -> None:
    old = "import torch\n\n\nclass R:\n    @torch.inference_mode()\n    def warmup(self):\n        return 1\n"
    new = ("import torch\n\n\nclass R:\n    @torch.inference_mode()\n    def log(self):\n        return 2\n\n"
           "    def warmup(self):\n        return 1\n")
    changes = {s.qualname: s for s in _facts(_diff("pkg/runner.py", old, new)).files[0].symbols}
    assert changes["R.warmup"].status == "changed"
    assert changes["R.warmup"].decorators_removed == ["torch.inference_mode"]
    assert changes["R.log"].status == "added"
    # near miss: a function added after the decorated one leaves it as it was
    after = old + "\n    def log(self):\n        return 2\n"
    assert [s.qualname for s in _facts(_diff("pkg/runner.py", old, after)).files[0].symbols] == ["R.log"]


@pytest.mark.parametrize(("line", "key_symbols"), [
    ("SamplingResultList = List[SamplingResult]\n", ["SamplingResultList"]),
    ("PathLike = str | None\n", ["PathLike"]),
    ("mmcv_minimum_version = '2.0.0rc1'\n", ["mmcv_minimum_version"]),
    ("Config = namedtuple('Config', ['enable_flash', 'enable_math'])\n", ["Config"]),
    ("KnownModelName = TypeAliasType('KnownModelName', Literal['gpt-4.1', 'gpt-4o'])\n", ["KnownModelName"]),
    # near misses: a list of the module's own values, a name bound to other text, and a record
    # the module makes with a class of its own
    ("default_results = [SamplingResult()]\n", []),
    ("default_scope = 'mmocr'\n", []),
    ("default_config = SamplingResult('Config', ['enable_flash'])\n", []),
], ids=["type-alias", "union-with-none", "version", "record-type", "type-alias-type", "values", "other-text",
        "record"])
def test_types_and_versions_a_module_names_are_constants_whatever_their_case(
        line: str, key_symbols: list[str]) -> None:
    old = "from typing import List\n\n\nclass SamplingResult:\n    pass\n\n\n"
    assert _facts(_diff("pkg/utils/typing.py", old + line, old)).key_symbols == key_symbols


@pytest.mark.parametrize(("text", "signature"), [
    ("def encode(\n    self,\n    s: str,\n) -> bytes: ...\n", "def encode( self, s: str, ) -> bytes:"),
    ("def f(x): return x\n", "def f(x):"),
    ("def g(x):\n    # the body\n    return x\n", "def g(x):"),
], ids=["body-on-the-last-header-line", "one-line", "comment-before-the-body"])
def test_a_signature_is_the_header_up_to_where_the_body_starts(text: str, signature: str) -> None:
    assert next(iter(parse_module(text).symbols.values())).signature == signature


@pytest.mark.parametrize(("source", "imports", "flags", "bound"), [
    ("from monai.utils import optional_import\n\nopenslide, has_osl = optional_import('openslide')\n",
     {1, 3}, {"has_osl"}, {"openslide"}),
    ("import importlib\n\n\ndef load():\n    return importlib.import_module('torch_npu')\n",
     {1, 5}, set(), set()),
    # near miss: a call given a module's name that imports nothing
    ("from monai.utils import describe\n\ntext, has_text = describe('openslide')\n", {1}, set(), set()),
], ids=["optional-import", "import-module-in-function", "other-call"])
def test_a_call_that_imports_a_module_it_names_is_an_import(
        source: str, imports: set[int], flags: set[str], bound: set[str]) -> None:
    table = parse_module(source)
    assert table.import_lines == imports
    assert set(table.import_flags) == flags
    assert table.imported_by_call == bound


_COMPLETER = ("import re\n\n{imports}\n\n\ndef complete(context, command):\n"
              "    obj = eval(command, context.user_ns)\n{extra}    return [a for a in dir(obj) if a]\n")


@pytest.mark.parametrize(("new_imports", "key_symbols"), [
    ("from IPython import get_ipython", ["complete"]),
    # near miss: the import is guarded anew, by a test of the platform
    ("import sys\nif sys.platform != 'win32':\n    from IPython import get_ipython",
     ["complete", "get_ipython"]),
], ids=["moved-out-of-its-try", "moved-under-a-platform-test"])
def test_an_import_that_lost_its_fallbacks_beside_code_that_changed_is_not_a_key_symbol(
        new_imports: str, key_symbols: list[str]) -> None:
    old = _COMPLETER.format(imports="try:\n    from IPython import get_ipython\n"
                                    "except ImportError:\n    from IPython.ipapi import get as get_ipython",
                            extra="    get_ipython().readline_omit__names = 1\n")
    facts = _facts(_diff("pkg/completer.py", old, _COMPLETER.format(imports=new_imports, extra="")))
    assert facts.key_symbols == key_symbols


_MODIDX = "# Autogenerated by nbdev\n\nd = {{'syms': {{'pkg.core': {{{entries}}}}}}}\n"


def test_the_index_nbdev_generates_of_the_symbols_names_no_key_symbol() -> None:
    core = "def kept(x):\n    return x\n\n\nclass Forecast:\n    pass\n"
    index = _MODIDX.format(entries="'pkg.core.kept': ('core.html#kept', 'pkg/core.py'), "
                                   "'pkg.core.Forecast': ('core.html#forecast', 'pkg/core.py')")
    kept = _MODIDX.format(entries="'pkg.core.kept': ('core.html#kept', 'pkg/core.py')")
    facts = _facts(_diff("pkg/_modidx.py", index, kept),
                   _diff("pkg/core.py", core, "def kept(x):\n    return x\n"))
    assert facts.key_symbols == ["Forecast"]
    # near miss: the same dict in a module of another name is the package's own table
    facts = _facts(_diff("pkg/_tables.py", index, _MODIDX.format(entries="")))
    assert facts.key_symbols == ["d"]



_FLASH_V3_PROBE = ("try:\n    lib = os.path.join(os.path.dirname(__file__), 'lib')\n"
                   "    with add_ld_library_path(lib):\n"
                   "        from flash_attn_interface import flash_attn_func\n"
                   "{set}except {caught}:\n    HAS_FLASH_V3 = False\n{after}")


@pytest.mark.parametrize(("caught", "flags"), [
    ("(ImportError, IOError, AttributeError)", {"HAS_FLASH_V3"}),
    ("ImportError", {"HAS_FLASH_V3"}),
    # near miss: the handler catches no import's failure
    ("(IOError, AttributeError)", set()),
], ids=["among-other-errors", "import-error-alone", "no-import-error"])
def test_a_flag_the_handler_of_a_failed_import_sets_is_an_import_flag_among_other_errors(
        caught: str, flags: set[str]) -> None:
    """TritonBench's flash attention operator probes FA3 under `add_ld_library_path`, its
    handler catching `(ImportError, IOError, AttributeError)`; the handler's `HAS_FLASH_V3 =
    False` says whether the import worked."""
    table = parse_module(_FLASH_V3_PROBE.format(set="    HAS_FLASH_V3 = True\n", caught=caught, after=""))
    assert set(table.import_flags) == flags


@pytest.mark.parametrize(("line", "after", "expected"), [
    ("    HAS_FLASH_V3 = True\n", "", "dependency-wiring"),
    # near miss: the flag set says nothing of an import
    ("", "USE_FAST_PATH = True\n", "configuration"),
], ids=["import-flag", "other-flag"])
def test_an_import_flag_set_where_the_import_worked_is_dependency_wiring(line: str, after: str,
                                                                         expected: str) -> None:
    """The FA3 probe forgot to set `HAS_FLASH_V3 = True` after its import: setting it says what
    the module could load."""
    old = _FLASH_V3_PROBE.format(set="", caught="(ImportError, IOError)", after="")
    new = _FLASH_V3_PROBE.format(set=line, caught="(ImportError, IOError)", after=after)
    assert _facts(_diff("pkg/ops/flash.py", old, new)).files[0].change_type == expected


_LORA_CONVERTER = ("class MultiLora:\n    def save_lora_converter(self, name, param, adapter_name):\n"
                   "        if adapter_name in name:\n            name = name.replace(adapter_name, '')\n"
                   "            return name, param\n        else:\n            {skipped}\n")


@pytest.mark.parametrize(("skipped", "change_type"), [
    ("return None", "data-contract"),
    # near miss: still a pair, of other values
    ("return '', None", "core-logic"),
], ids=["constant-where-a-pair-was", "another-pair"])
def test_a_function_that_returns_a_constant_where_every_return_was_a_pair_changes_its_contract(
        skipped: str, change_type: str) -> None:
    """Twinkle's LoRA save converter returns None for a parameter it skips, where it returned
    `None, None`: its callers unpack something else."""
    old = _LORA_CONVERTER.format(skipped="return None, None")
    new = _LORA_CONVERTER.format(skipped=skipped)
    assert _facts(_diff("pkg/multi_lora.py", old, new)).files[0].change_type == change_type
