from __future__ import annotations

from pathlib import Path

import pygit2
import pytest
from pygit2.enums import DeltaStatus, DiffFind

from prdossier.analysis.config import AnalysisConfig
from prdossier.cli.sync import analyse_change
from prdossier.errors import UserError
from prdossier.sources import git as git_source
from prdossier.sources.git import GitRepo
from prdossier.sources.models import Note
from tests.gitrepo import GitRepoBuilder, shallow_clone_of_two_commits


def test_first_parent_history_and_pr_metadata(sample_repo: GitRepoBuilder) -> None:
    repo = GitRepo(sample_repo.root)
    metas = [repo.meta(sha) for sha in repo.first_parent_shas(repo.tip(None))]
    assert [m.number for m in metas] == [None, 12, None, 15]
    squash, merge = metas[1], metas[3]
    assert squash.tags == ["NPU"] and squash.kind == "squash"
    assert squash.merged_at == "2026-05-01T10:00:00+08:00"
    assert merge.title == "[AMD][Kernel] Add a scale helper"
    assert merge.tags == ["AMD", "Kernel"] and merge.kind == "merge"
    assert merge.base == metas[2].sha


@pytest.mark.parametrize(("body", "title"), [
    ("PiperOrigin-RevId: 767251351", "Add scaling"),
    ("", "Add scaling"),
    # near miss: a body that names the PR keeps its first line as the title
    ("Scale helper\n\nPiperOrigin-RevId: 767251351", "Scale helper"),
], ids=["trailer-only-body", "empty-body", "body-with-a-title"])
def test_a_merge_whose_body_names_no_title_takes_its_head_commits_subject(
        sample_repo: GitRepoBuilder, body: str, title: str) -> None:
    sample_repo.git("checkout", "-q", "-b", "second")
    sample_repo.commit("Add scaling", {"python/pkg/models/scaling.py": "FACTOR = 2\n"})
    sample_repo.git("checkout", "-q", "main")
    message = "Merge pull request #16 from ada/second" + (f"\n\n{body}" if body else "")
    sample_repo.git("merge", "-q", "--no-ff", "second", "-m", message)
    repo = GitRepo(sample_repo.root)
    meta = repo.meta(repo.tip(None))
    assert (meta.number, meta.title) == (16, title)


def test_merge_commit_diff_is_against_first_parent(sample_repo: GitRepoBuilder) -> None:
    repo = GitRepo(sample_repo.root)
    change = repo.read_change(repo.meta(repo.tip(None)))
    assert sorted(f.path for f in change.files) == ["python/pkg/models/utils.py",
                                                    "tests/test_utils.py"]


def test_a_released_repository_reads_again_when_asked(sample_repo: GitRepoBuilder) -> None:
    repo = GitRepo(sample_repo.root)
    tip = repo.tip(None)
    before = repo.read_change(repo.meta(tip))
    repo.release()
    assert repo.first_parent_shas(tip)[-1] == tip
    assert repo.read_change(repo.meta(tip)) == before


def test_rename_binary_non_utf8_mode_and_empty(tmp_path: Path) -> None:
    builder = GitRepoBuilder(tmp_path / "r")
    builder.commit("base", {"a/old_name.py": "def f():\n    return 1\n" * 20,
                            "run.sh": "echo hi\n"})
    builder.git("mv", "a/old_name.py", "a/new_name.py")
    builder.write("logo.png", b"\x89PNG\r\n\x1a\n\x00\x00binary")
    builder.write("latin.txt", "caf\xe9\n".encode("latin-1"))
    (builder.root / "run.sh").chmod(0o755)
    sha = builder.commit("mixed (#3)")
    empty = builder.commit("nothing (#4)")
    repo = GitRepo(builder.root)
    files = {f.path: f for f in repo.read_change(repo.meta(sha)).files}
    assert files["a/new_name.py"].status == "renamed"
    assert files["a/new_name.py"].old_path == "a/old_name.py"
    assert files["logo.png"].notes == [Note("binary", "logo.png")]
    assert files["latin.txt"].notes == [Note("not-utf8", "latin.txt")]
    assert files["run.sh"].notes == [Note("mode-changed", "run.sh", {"modes": "100644 -> 100755"})]
    assert repo.read_change(repo.meta(empty)).notes == [Note("empty-change")]


def test_native_sources_are_read_at_the_size_python_is_and_other_text_is_capped(tmp_path: Path) -> None:
    builder = GitRepoBuilder(tmp_path / "r")
    kernel = "".join(f"__global__ void k{n}(float* x) {{ x[{n}] = 0; }}\n" for n in range(2000))
    table = "".join(f'"key{n}": {n},\n' for n in range(8000))
    cython = "".join(f"cdef int f{n}(int x):\n    return x + {n}\n\n" for n in range(3000))
    builder.commit("base", {"csrc/kernels.cu": kernel, "data/table.json": table, "pkg/_crs.pyx": cython})
    sha = builder.commit("grow (#2)", {"csrc/kernels.cu": kernel + "void tail() {}\n",
                                       "data/table.json": table + '"tail": 1,\n',
                                       "pkg/_crs.pyx": cython + "# tail\n"})
    repo = GitRepo(builder.root)
    files = {f.path: f for f in repo.read_change(repo.meta(sha)).files}
    assert len(kernel) > 64_000 and len(table) > 64_000 and len(cython) > 64_000
    assert files["csrc/kernels.cu"].new_text is not None and not files["csrc/kernels.cu"].notes
    assert files["pkg/_crs.pyx"].new_text is not None and not files["pkg/_crs.pyx"].notes
    assert files["data/table.json"].new_text is None
    assert files["data/table.json"].notes == [Note("too-large", "data/table.json", {"limit": "64000"})]


def test_a_change_past_the_line_budget_reads_its_smallest_files_and_counts_the_others(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A vendored library dropped in beside a fix: the fix is read, the library counted."""
    monkeypatch.setattr(git_source, "MAX_CHANGE_LINES", 50)
    builder = GitRepoBuilder(tmp_path / "r")
    builder.commit("base", {"pkg/fix.py": "X = 1\n"})
    vendored = {f"third_party/lib/m{n}.py": "".join(f"V{k} = {k}\n" for k in range(30)) for n in range(3)}
    sha = builder.commit("vendor lib (#2)", {"pkg/fix.py": "X = 2\n", **vendored})
    repo = GitRepo(builder.root)
    change = repo.read_change(repo.meta(sha))
    files = {f.path: f for f in change.files}
    assert files["pkg/fix.py"].new_text == "X = 2\n" and files["pkg/fix.py"].hunks
    assert files["third_party/lib/m0.py"].new_text is not None
    assert [files[f"third_party/lib/m{n}.py"].new_text for n in (1, 2)] == [None, None]
    assert [f.additions for f in change.files if f.path.startswith("third_party")] == [30, 30, 30]
    assert change.notes == [Note("texts-capped", args={"lines": "92", "limit": "50", "files": "2"})]
    # near miss: within the budget, every file is read and nothing is noted
    monkeypatch.setattr(git_source, "MAX_CHANGE_LINES", 100)
    assert repo.read_change(repo.meta(sha)).notes == []


def test_submodule_change_is_noted(tmp_path: Path) -> None:
    builder = GitRepoBuilder(tmp_path / "r")
    builder.commit("base", {"x.py": "X = 1\n"})
    builder.git("update-index", "--add", "--cacheinfo",
                f"160000,{'1' * 40},third_party/lib")
    builder.git("commit", "-q", "-m", "add submodule (#2)")
    repo = GitRepo(builder.root)
    change = repo.read_change(repo.meta(repo.tip(None)))
    assert change.files[0].notes == [Note("submodule", "third_party/lib", {"ids": "1111111111"})]


def test_a_submodule_moved_to_another_commit_or_added_is_a_pin(tmp_path: Path) -> None:
    """A submodule added names the commit of a dependency the project now vendors, as one
    moved names another: both pin it (configuration), as a requirement added would."""
    builder = GitRepoBuilder(tmp_path / "r")
    builder.commit("base", {"x.py": "X = 1\n"})
    for digit, number in (("1", 2), ("2", 3)):
        builder.git("update-index", "--add", "--cacheinfo", f"160000,{digit * 40},third_party/lib")
        builder.git("commit", "-q", "-m", f"lib at {digit} (#{number})")
    repo = GitRepo(builder.root)
    shas = builder.git("rev-list", "-2", "HEAD").split()
    bumped, added = (analyse_change(repo, AnalysisConfig(), sha).files[0] for sha in shas)
    assert (added.path, added.change_type) == ("third_party/lib", "configuration")
    assert (bumped.path, bumped.change_type) == ("third_party/lib", "configuration")


def test_a_symbolic_link_repointed_is_noted_with_its_targets_and_not_parsed(tmp_path: Path) -> None:
    builder = GitRepoBuilder(tmp_path / "r")
    builder.commit("base", {"upstream/eager_op_test.py": "A = 1\n", "upstream/op_test.py": "B = 1\n"})
    (builder.root / "tests").mkdir()
    (builder.root / "tests" / "op_test.py").symlink_to("../upstream/eager_op_test.py")
    builder.commit("link op_test (#2)")
    (builder.root / "tests" / "op_test.py").unlink()
    (builder.root / "tests" / "op_test.py").symlink_to("../upstream/op_test.py")
    builder.commit("follow upstream's rename (#3)")
    repo = GitRepo(builder.root)
    facts = analyse_change(repo, AnalysisConfig(), repo.tip(None))
    [link] = facts.files
    assert (link.path, link.category, link.change_type) == ("tests/op_test.py", "test", "dependency-wiring")
    assert facts.warnings == [Note("symlink", "tests/op_test.py", {
        "targets": "../upstream/eager_op_test.py -> ../upstream/op_test.py"})]
    # the tree the project is read from holds the files, not the link's text
    assert [f.path for f in repo.tree_at(repo.tip(None)).files(lambda path: True)] == [
        "upstream/eager_op_test.py", "upstream/op_test.py"]


def test_partial_clone_missing_blob_is_noted_not_fatal(tmp_path: Path) -> None:
    origin = GitRepoBuilder(tmp_path / "origin")
    origin.commit("base", {"big.bin.txt": "x" * 5000 + "\n", "small.py": "A = 1\n"})
    origin.commit("grow (#9)", {"big.bin.txt": "y" * 6000 + "\n", "small.py": "A = 2\n"})
    origin.git("config", "uploadpack.allowFilter", "true")
    clone = tmp_path / "clone"
    origin.git("clone", "-q", "--bare", "--filter=blob:limit=1k",
               f"file://{origin.root}", str(clone))
    repo = GitRepo(clone)
    files = {f.path: f for f in repo.read_change(repo.meta(repo.tip(None))).files}
    assert files["big.bin.txt"].notes == [Note("content-missing", "big.bin.txt")]
    assert files["small.py"].new_text == "A = 2\n"


def test_shallow_clone_without_base_is_a_user_error(tmp_path: Path) -> None:
    repo = GitRepo(shallow_clone_of_two_commits(tmp_path, "base"))
    with pytest.raises(UserError, match="shallow clone"):
        repo.read_change(repo.meta(repo.tip(None)))


def test_not_a_repository_and_empty_repository(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="not a git repository"):
        GitRepo(tmp_path)
    GitRepoBuilder(tmp_path / "empty")
    with pytest.raises(UserError, match="empty repository"):
        GitRepo(tmp_path / "empty")


def test_a_python_file_with_a_byte_order_mark_is_parsed(tmp_path: Path) -> None:
    builder = GitRepoBuilder(tmp_path / "r")
    builder.write("pkg/mtp.py", b"\xef\xbb\xbfdef propose():\n    return 1\n")
    builder.commit("base")
    builder.write("pkg/mtp.py", b"\xef\xbb\xbfdef propose():\n    return 2\n")
    sha = builder.commit("tune (#2)")
    repo = GitRepo(builder.root)
    facts = analyse_change(repo, AnalysisConfig(), sha)
    assert facts.warnings == []
    assert [s.qualname for s in facts.files[0].symbols] == ["propose"]


def _renamed_by_libgit2(repo: GitRepo, sha: str) -> set[str]:
    """The new paths libgit2's own rename detection pairs in the change."""
    diff = repo.repo.diff(repo.repo.revparse_single(f"{sha}^").peel(pygit2.Tree),
                          repo.repo.revparse_single(sha).peel(pygit2.Tree))
    diff.find_similar(flags=DiffFind.FIND_RENAMES)
    return {d.new_file.path for d in diff.deltas if d.status == DeltaStatus.RENAMED}


def _statuses(repo: GitRepo, sha: str) -> dict[str, tuple[str, str | None]]:
    return {f.path: (f.status, f.old_path) for f in repo.read_change(repo.meta(sha)).files}


def _class_of(name: str, lines: int) -> str:
    return f"class {name}:\n" + "".join(f"    {name.lower()}_{i} = {i} * {i}\n" for i in range(lines))


def test_a_module_split_out_of_another_is_one_removed_and_one_added(tmp_path: Path) -> None:
    """A module that keeps less than half of another's lines is, for git, a new module beside
    one removed; libgit2 may still pair them as a rename. A module renamed with a few edits
    stays renamed."""
    builder = GitRepoBuilder(tmp_path / "r")
    kept = _class_of("ModuleQuantizerConfig", 90)
    builder.commit("base", {"pkg/config/module.py": kept + "\n\n" + _class_of("ModuleQuantConfig", 108),
                            "pkg/old_name.py": _class_of("Loader", 40)})
    builder.remove("pkg/config/module.py")
    builder.git("mv", "pkg/old_name.py", "pkg/new_name.py")
    sha = builder.commit("config split (#1)", {
        "pkg/quantizer/module.py": kept + "\n\n" + _class_of("Key", 3),
        "pkg/new_name.py": _class_of("Loader", 40).replace("loader_3 = 3", "loader_3 = 4")})
    repo = GitRepo(builder.root)
    assert _renamed_by_libgit2(repo, sha) == {"pkg/quantizer/module.py", "pkg/new_name.py"}, \
        "libgit2 pairs the split module"
    assert _statuses(repo, sha) == {"pkg/config/module.py": ("deleted", None),
                                    "pkg/quantizer/module.py": ("added", None),
                                    "pkg/new_name.py": ("renamed", "pkg/old_name.py")}
    removed = next(f for f in repo.read_change(repo.meta(sha)).files if f.status == "deleted")
    assert removed.old_text is not None and removed.deletions == 202


def test_binaries_alike_in_part_are_one_removed_and_one_added(tmp_path: Path) -> None:
    """libgit2 pairs two compiled kernels sharing most of their bytes as a rename; git does
    not, and neither does the report. A binary moved unchanged is still renamed."""
    shared = bytes(range(256)) * 24
    builder = GitRepoBuilder(tmp_path / "r")
    builder.commit("base", {"ops/gemm_gate_up.mod": b"\x00ELF" + shared + b"\x01" * 2000,
                            "ops/logo.png": b"\x89PNG\r\n\x1a\n\x00" + shared})
    builder.remove("ops/gemm_gate_up.mod")
    builder.git("mv", "ops/logo.png", "ops/icon.png")
    sha = builder.commit("new kernels (#5)", {"ops/gemv_row.mod": b"\x00ELF" + shared + b"\x02" * 2000})
    repo = GitRepo(builder.root)
    assert _renamed_by_libgit2(repo, sha) == {"ops/gemv_row.mod", "ops/icon.png"}, "libgit2 pairs the kernels"
    assert _statuses(repo, sha) == {"ops/gemm_gate_up.mod": ("deleted", None),
                                    "ops/gemv_row.mod": ("added", None),
                                    "ops/icon.png": ("renamed", "ops/logo.png")}
