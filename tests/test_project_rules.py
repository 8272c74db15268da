from __future__ import annotations

import json
from pathlib import Path

from prdossier.analysis.config import AnalysisConfig
from prdossier.analysis.models import Risk
from prdossier.analysis.project import Missing, Project
from prdossier.cli.checking import run_check, selected_rules
from prdossier.sources.tree import DiskTree
from tests.gitrepo import GitRepoBuilder
from tests.projects import FILES, MM_WITH_OUT_DTYPE, MM_WITHOUT, fake_torch, write_project
from tests.test_cli import run


def check(root: Path, *rules: str) -> list[Risk]:
    project = Project(DiskTree(root), AnalysisConfig())
    risks, warnings = run_check(project, selected_rules(list(rules), []), jobs=1)
    assert warnings == []
    return risks


def test_unguarded_platform_import_is_high_when_the_package_import_runs_it(tmp_path: Path) -> None:
    risks = check(write_project(tmp_path), "PRD101")
    assert [(r.path, r.line, r.severity) for r in risks] == [
        ("pkg/launcher.py", 1, "medium"), ("pkg/models/layer.py", 2, "high")]
    assert "`sgl_kernel` is platform-specific" in risks[1].message
    assert risks[1].affected[:3] == ["pkg", "pkg.serving.engine", "pkg.models.guarded"]


def test_an_import_whose_failure_is_suppressed_is_guarded(tmp_path: Path) -> None:
    suppressed = ("import contextlib\n\nwith contextlib.suppress(ImportError):\n"
                  "    from sgl_kernel import gemm\n")
    files = {**FILES, "pkg/models/layer.py": suppressed}
    assert [r.path for r in check(write_project(tmp_path / "suppressed", files), "PRD101")] \
        == ["pkg/launcher.py"]
    # near miss: another context manager does not catch the import's failure
    opened = "with open('x') as handle:\n    from sgl_kernel import gemm\n"
    files = {**FILES, "pkg/models/layer.py": opened}
    assert [r.path for r in check(write_project(tmp_path / "opened", files), "PRD101")] \
        == ["pkg/launcher.py", "pkg/models/layer.py"]


def test_cascade_lists_failing_modules_and_the_registry(tmp_path: Path) -> None:
    files = {**FILES, "pkg/__init__.py": ""}
    [risk] = check(write_project(tmp_path, files), "PRD103")
    assert (risk.path, risk.severity) == ("pkg/models/layer.py", "high")
    assert risk.affected == ["registry pkg.registry: loads pkg.models.layer dynamically",
                             "pkg.serving.engine", "pkg.serving.api", "pkg.serving.cli"]


def test_annotation_only_import_is_flagged_and_runtime_use_is_not(tmp_path: Path) -> None:
    risks = check(write_project(tmp_path), "PRD102")
    assert [(r.path, r.line, r.severity) for r in risks] == [("pkg/launcher.py", 1, "medium")]
    assert risks[0].message.startswith("`tvm_ffi` only appears in annotations")


def test_attribute_set_on_one_branch_only(tmp_path: Path) -> None:
    [risk] = check(write_project(tmp_path), "PRD104")
    assert (risk.path, risk.line) == ("pkg/models/layer.py", 15)
    assert "self.fmt" in risk.message and "self.scale" not in risk.message


def test_cascade_of_a_missing_symbol_and_of_a_package(tmp_path: Path) -> None:
    project = Project(DiskTree(write_project(tmp_path)), AnalysisConfig())
    cascade = project.cascade(Missing.parse("pkg.models.layer:Layer"))
    assert cascade.direct == ["pkg.serving.engine"]
    assert cascade.modules == ["pkg.serving.engine", "pkg.serving.api", "pkg.serving.cli"]
    assert project.cascade(Missing.parse("aiter")).modules == []


def test_check_command_formats_and_exit_status(tmp_path: Path) -> None:
    root = write_project(tmp_path / "tree")
    text = run("check", str(root), "--jobs", "1")
    assert text.returncode == 1
    assert "pkg/models/layer.py:2: PRD101 unguarded-optional-import [high]" in text.stdout
    sarif = json.loads(run("check", str(root), "--format", "sarif").stdout)
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert {r["ruleId"] for r in results} == {"PRD101", "PRD102", "PRD103", "PRD104"}
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    assert results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
    only = json.loads(run("check", str(root), "--select", "PRD102", "--format", "json").stdout)
    assert [r["code"] for r in only] == ["PRD102"]
    clean = run("check", str(root), "--ignore", "PRD101,PRD102,PRD103,PRD104")
    assert clean.returncode == 0 and clean.stdout == ""
    unknown = run("check", str(root), "--select", "PRD999")
    assert unknown.returncode == 2 and unknown.stderr.startswith("prdossier: unknown rule 'PRD999'")


def test_check_of_a_git_directory_reads_its_head(tmp_path: Path) -> None:
    repo = GitRepoBuilder(tmp_path / "work")
    repo.commit("Initial import", FILES)
    bare = tmp_path / "mirror.git"
    repo.git("clone", "-q", "--bare", str(repo.root), str(bare))
    for git_dir in (bare, repo.root / ".git"):
        done = run("check", str(git_dir), "--select", "PRD101")
        assert done.returncode == 1
        assert "pkg/models/layer.py:2: PRD101 unguarded-optional-import [high]" in done.stdout
        assert "of HEAD" in done.stderr
    # a folder of files, a work tree's own, is still read from disk
    assert "of HEAD" not in run("check", str(repo.root), "--select", "PRD101").stderr


def test_check_says_which_files_it_could_not_read_whole(tmp_path: Path) -> None:
    root = write_project(tmp_path / "tree")
    (root / "pkg" / "broken.py").write_text("def broken(:\n    pass\n", encoding="utf-8")
    (root / "pkg" / "latin.py").write_bytes("NAME = 'caf\u00e9'\n".encode("latin-1"))
    done = run("check", str(root), "--jobs", "1")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "pkg/models/layer.py:2: PRD101 unguarded-optional-import [high]" in done.stdout
    assert "warning: pkg/broken.py: does not parse (SyntaxError at line 1" in done.stderr
    assert "warning: pkg/latin.py: not valid UTF-8; undecodable bytes replaced" in done.stderr
    assert "warning:" not in run("check", str(write_project(tmp_path / "clean"))).stderr


def test_impact_command(tmp_path: Path) -> None:
    root = write_project(tmp_path / "tree", {**FILES, "pkg/__init__.py": ""})
    done = run("impact", "--missing", "sgl_kernel", "--repo", str(root), "--format", "json")
    listing = json.loads(done.stdout)
    direct = [m["module"] for m in listing["modules"] if m["direct"]]
    assert direct == ["pkg.models.layer", "test_layer"]
    assert "pkg.registry" in listing["registries"]
    bad = run("impact", "--missing", "not a package", "--repo", str(root))
    assert bad.returncode == 2 and "PACKAGE[.module][:symbol]" in bad.stderr


def test_report_finds_the_rename_that_breaks_importers(tmp_path: Path) -> None:
    repo = GitRepoBuilder(tmp_path / "repo")
    files = dict(FILES)
    files["pkg/models/layer.py"] = "import torch\n\n\nclass Layer:\n    pass\n"
    repo.commit("Initial import", files)
    repo.commit("Rename Layer to Block (#5)", {
        "pkg/models/layer.py": "import torch\n\n\nclass Block:\n    pass\n"})
    done = run("report", "5", "--repo", str(repo.root), "--db", str(tmp_path / "db"),
               "--format", "json")
    risks = [r for r in json.loads(done.stdout)["risks"] if r["code"] == "PRD103"]
    assert [(r["path"], r["line"]) for r in risks] == [("pkg/serving/engine.py", 1)]
    assert risks[0]["message"] == "`pkg.models.layer` 不再定义 `Layer`；另有 2 个模块随之无法导入"
    assert risks[0]["affected"][:2] == ["pkg.serving.api", "pkg.serving.cli"]


def test_sibling_family_missing_the_cache_decorator(tmp_path: Path) -> None:
    family = {
        "pkg/__init__.py": "",
        "pkg/configs/__init__.py": "",
        "pkg/configs/llama.py": "import functools\n\n\n@functools.lru_cache\ndef get_llama_config():\n"
                                "    return 1\n",
        "pkg/configs/qwen.py": "import functools\n\n\n@functools.lru_cache\ndef get_qwen_config():\n"
                               "    return 2\n",
        "pkg/configs/mistral.py": "def get_mistral_config():\n    return 3\n",
        "pkg/configs/other.py": "def get_mistral_weights():\n    return 4\n",
    }
    [risk] = check(write_project(tmp_path, family), "PRD105")
    assert (risk.path, risk.line, risk.severity) == ("pkg/configs/mistral.py", 1, "medium")
    assert "`@lru_cache`" in risk.message and "2 of the 3" in risk.message


def test_findings_on_one_line_come_in_one_order(tmp_path: Path) -> None:
    carried = "import torch\n\n\n@torch.compile\n@torch.no_grad()\ndef {name}():\n    return 1\n"
    family = {
        "pkg/__init__.py": "",
        "pkg/ops/__init__.py": "",
        "pkg/ops/a.py": carried.format(name="fused_add_kernel"),
        "pkg/ops/b.py": carried.format(name="fused_mul_kernel"),
        "pkg/ops/c.py": "def fused_sub_kernel():\n    return 3\n",
    }
    risks = check(write_project(tmp_path, family), "PRD105")
    assert [(r.path, r.line) for r in risks] == [("pkg/ops/c.py", 1)] * 2
    assert [r.message for r in risks] == sorted(r.message for r in risks)


def test_duplicate_bodies_in_two_modules(tmp_path: Path) -> None:
    body = "".join(f"    total += {n}\n" for n in range(6))
    copy = f"def pad(x):\n    total = x\n{body}    return total\n"
    files = {"pkg/__init__.py": "", "pkg/cuda.py": copy, "pkg/npu.py": "\n\n" + copy,
             "pkg/other.py": copy.replace("+= 5", "+= 50"), "tests/test_pad.py": copy}
    risks = check(write_project(tmp_path, files), "PRD106")
    assert [(r.path, r.line) for r in risks] == [("pkg/cuda.py", 1), ("pkg/npu.py", 3)]
    assert risks[0].affected == ["pkg/npu.py:pad"]


def test_a_name_imported_from_an_old_and_a_new_location(tmp_path: Path) -> None:
    files = {"pkg/__init__.py": "",
             "pkg/a.py": "from vllm.utils.math_utils import cdiv\n",
             "pkg/b.py": "from vllm.utils.math_utils import cdiv\n",
             "pkg/c.py": "from vllm.utils import cdiv\nfrom typing import Optional\n",
             "pkg/d.py": "from typing_extensions import Optional\n",
             "pkg/ops.py": "def run():\n    return 1\n",
             "pkg/npu_ops.py": "def run():\n    return 2\n",
             "pkg/e.py": "from pkg.ops import run\n",
             "pkg/f.py": "from pkg.npu_ops import run\n",
             "pkg/g.py": "try:\n    from vllm.utils.fresh import cdiv\nexcept ImportError:\n"
                         "    from vllm.utils.stale import cdiv\n",
             "pkg/h.py": "import vllm.utils\n\nif hasattr(vllm.utils, 'probe'):\n"
                         "    from vllm.utils.probe import cdiv\nelse:\n"
                         "    from vllm.utils.older import cdiv\n"}
    [risk] = check(write_project(tmp_path, files), "PRD107")
    assert (risk.path, risk.line) == ("pkg/c.py", 1)
    assert "from `vllm.utils.math_utils` in 2 other places" in risk.message
    assert risk.affected == ["pkg/a.py:1", "pkg/b.py:1"]


def keyword_findings(tmp_path: Path, pin: str, site: Path) -> list[Risk]:
    code = ("import torch\n\n\ndef f(a, b):\n    c = torch.mm(a, b, out_dtype=torch.float32)\n"
            "    return torch.add(c, a, alpha=2, beta=3)\n")
    root = write_project(tmp_path / "project", {
        "pyproject.toml": f'[project]\nname = "pkg"\ndependencies = ["torch{pin}"]\n\n'
                          f'[tool.prdossier]\nsignature-paths = ["{site}"]\n',
        "pkg/__init__.py": "", "pkg/ops.py": code})
    tree = DiskTree(root)
    from prdossier.cli.checking import tree_config

    project = Project(tree, tree_config(tree, None))
    risks, _ = run_check(project, selected_rules(["PRD109"], []), jobs=1)
    return risks


def test_keyword_check_follows_the_pinned_release(tmp_path: Path) -> None:
    new = fake_torch(tmp_path / "site-2.9", "2.9.0", MM_WITH_OUT_DTYPE)
    old = fake_torch(tmp_path / "site-2.4", "2.4.0", MM_WITHOUT)
    supported = keyword_findings(tmp_path / "a", "==2.9.0", new)
    assert [(r.line, r.message) for r in supported] == [
        (6, "`torch.add` in torch 2.9.0 (pinned `==2.9.0`) takes no keyword `beta`")]
    unsupported = keyword_findings(tmp_path / "b", "==2.4.0", old)
    assert [(r.line, r.severity) for r in unsupported] == [(5, "high"), (6, "high")]
    assert "out_dtype" in unsupported[0].message
    assert keyword_findings(tmp_path / "c", "==2.4.0", new) == [], "release differs from the pin"
    assert keyword_findings(tmp_path / "d", "", old) == [], "an unpinned dependency says nothing"


def test_a_backend_subpackage_that_fails_as_a_unit_is_not_reported(tmp_path: Path) -> None:
    backend = {"pyproject.toml": '[project]\nname = "pkg"\ndependencies = ["torch"]\n',
               "pkg/__init__.py": "", "pkg/ops/__init__.py": "", "pkg/ops/cutedsl/__init__.py": "",
               "pkg/ops/cutedsl/ops/__init__.py": "",
               "pkg/ops/cutedsl/ops/utils.py": "import cutlass\n",
               "pkg/ops/cutedsl/ops/gemm.py": "from pkg.ops.cutedsl.ops import utils\n",
               "pkg/ops/cutedsl/ops/norm.py": "from pkg.ops.cutedsl.ops.utils import cutlass\n",
               "pkg/ops/cutedsl/ops/rope.py": "from pkg.ops.cutedsl.ops import gemm\n",
               "pkg/ops/cutile/__init__.py": "", "pkg/ops/cutile/ops/__init__.py": "",
               "pkg/ops/cutile/ops/norm.py": "import cutlass\n",
               "pkg/ops/cutile/ops/rope.py": "from pkg.ops.cutile.ops import norm\n"}
    assert check(write_project(tmp_path / "a", backend), "PRD101", "PRD103") == [], \
        "another backend importing cutlass too is not this subpackage's failure escaping"
    escaped = {**backend, "pkg/serving.py": "from pkg.ops.cutedsl.ops import rope\n"}
    risks = check(write_project(tmp_path / "b", escaped), "PRD101", "PRD103")
    assert [(r.code, r.path, r.severity) for r in risks] == [
        ("PRD101", "pkg/ops/cutedsl/ops/utils.py", "medium"),
        ("PRD103", "pkg/ops/cutedsl/ops/utils.py", "medium")]
    assert "pkg.serving" in risks[0].affected


def test_src_layout_folders_are_namespace_packages_not_top_level_names(tmp_path: Path) -> None:
    files = {"pyproject.toml": '[project]\nname = "ns"\ndependencies = ["triton"]\n',
             "src/ns/triton/__init__.py": "import triton.language as tl\n",
             "src/ns/ops.py": "from ns.triton import tl\n"}
    project = Project(DiskTree(write_project(tmp_path, files)), AnalysisConfig())
    assert project.name_of("src/ns/triton/__init__.py") == "ns.triton"
    assert "triton" not in project.first_party
    assert check(tmp_path, "PRD103") == []


def test_a_src_folder_that_is_a_package_is_imported_by_its_name(tmp_path: Path) -> None:
    files = {"src/__init__.py": "", "src/server/__init__.py": "",
             "src/server/server.py": "import hivemind\n\n\nclass Server:\n    pass\n",
             "cli/run_server.py": "from src.server.server import Server\n"}
    project = Project(DiskTree(write_project(tmp_path, files)), AnalysisConfig())
    assert project.name_of("src/server/server.py") == "src.server.server"
    assert project.module_named("src.server.server") is not None


def test_a_checkout_whose_root_is_a_package_is_read(tmp_path: Path) -> None:
    files = {"__init__.py": "from .worker import Worker\n", "worker/__init__.py": "Worker = object\n"}
    project = Project(DiskTree(write_project(tmp_path, files)), AnalysisConfig())
    assert project.name_of("worker/__init__.py") == "worker"
    assert project.name_of("__init__.py") == "__init__"


def test_every_finding_is_phrased_in_chinese(tmp_path: Path) -> None:
    from prdossier.narrate.narrator import risk_message
    from prdossier.narrate.phrases import PHRASES

    files = dict(FILES)
    files["pkg/models/other.py"] = "from pkg.models.layer import Gone\n"
    risks = check(write_project(tmp_path, files))
    assert len({r.code for r in risks}) >= 3
    for risk in risks:
        assert risk_message(risk, PHRASES["en"]) == risk.message
        assert risk_message(risk, PHRASES["zh"]) != risk.message, risk.message


def test_import_edges_follow_the_modules_of_each_tree(tmp_path: Path) -> None:
    """Resolutions are kept between projects; which modules exist is judged in each."""
    files = {"pkg/__init__.py": "", "pkg/a.py": "from pkg.b import run\n"}
    before = Project(DiskTree(write_project(tmp_path / "before", files)), AnalysisConfig())
    assert [(e.target, e.first_party) for e in before.edges["pkg.a"]] == [("pkg.b", False)]
    after = Project(DiskTree(write_project(tmp_path / "after", {**files, "pkg/b.py": "run = 1\n"})),
                    AnalysisConfig())
    assert [(e.target, e.first_party) for e in after.edges["pkg.a"]] == [
        ("pkg", True), ("pkg.b", True)]


_PATCHING = {
    "pkg/__init__.py": ("from pkg.attention_patch import patch_attention_functions\n\n"
                        "patch_attention_functions()\n"),
    "pkg/attention_patch.py": (
        "from transformers.modeling_utils import ALL_ATTENTION_FUNCTIONS\n\n\n"
        "def wrap(func):\n    return func\n\n\n"
        "def patch_attention_functions():\n"
        "    for name, func in ALL_ATTENTION_FUNCTIONS.items():\n"
        "        ALL_ATTENTION_FUNCTIONS[name] = wrap(func)\n"
    ),
    "pkg/serving.py": (
        "import os\n\nimport torch\nfrom starlette.formparsers import MultiPartParser\n\n"
        "from pkg import settings\n\n"
        "os.environ['TOKENIZERS_PARALLELISM'] = 'false'\n"
        "settings.PORT = 8000\n"
        "if __name__ == '__main__':\n    torch.backends.cudnn.benchmark = True\n"
        "with torch.no_grad():\n    MultiPartParser.max_file_size = 1 << 40\n\n\n"
        "def enable_tf32():\n    torch.backends.cuda.matmul.allow_tf32 = True\n"
    ),
    "pkg/settings.py": "PORT = 80\n",
}


def test_a_third_party_package_rebound_when_a_module_is_imported(tmp_path: Path) -> None:
    """What importing the package patches in transformers (through a function of another
    module) and in starlette; not the standard library's state, the project's own, what runs
    as a script, nor a function nobody calls on import."""
    risks = check(write_project(tmp_path, _PATCHING), "PRD110")
    assert [(r.path, r.line, r.severity, r.affected) for r in risks] == [
        ("pkg/__init__.py", 3, "medium", ["ALL_ATTENTION_FUNCTIONS[name]"]),
        ("pkg/serving.py", 13, "low", ["MultiPartParser.max_file_size"])]
    assert risks[0].message == ("importing `pkg` rebinds `ALL_ATTENTION_FUNCTIONS[name]` of transformers "
                                "through `patch_attention_functions()` (pkg/attention_patch.py:10); "
                                "importing the top-level package runs it")
    assert risks[0].evidence.splitlines()[1] == \
        "pkg/attention_patch.py:10: ALL_ATTENTION_FUNCTIONS[name] = wrap(func)"


def test_a_report_names_the_patch_a_change_adds_and_where_it_patches(tmp_path: Path) -> None:
    """In a report only the statements the change added count; the function that patches is
    read in the module it is imported from, which the change also wrote."""
    repo = GitRepoBuilder(tmp_path / "repo")
    repo.commit("Initial", {"pkg/__init__.py": "", "pkg/settings.py": "PORT = 80\n"})
    repo.commit("Patch attention on import (#2)", {
        path: _PATCHING[path] for path in ("pkg/__init__.py", "pkg/attention_patch.py")})
    db = str(tmp_path / "store.sqlite3")
    assert run("sync", "--repo", str(repo.root), "--db", db).returncode == 0
    out = run("report", "2", "--repo", str(repo.root), "--db", db, "--format", "json")
    risks = [r for r in json.loads(out.stdout)["risks"] if r["code"] == "PRD110"]
    assert [(r["path"], r["line"], r["severity"]) for r in risks] == [("pkg/__init__.py", 3, "medium")]
    assert "pkg/attention_patch.py 第 10 行" in risks[0]["message"]
