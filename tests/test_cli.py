"""The `prdossier` command end to end, as a user runs it: a subprocess per call."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

from tests.gitrepo import GitRepoBuilder, shallow_clone_of_two_commits

CONTRACT_KEYS = {"schema_version", "repo", "pr", "summary", "motivation", "implementation",
                 "files", "key_symbols", "snippets", "idioms", "review", "risks", "risk_level",
                 "impact", "risk_tags", "related", "meta"}
ZH_HEADINGS = ["执行摘要", "功能与动机", "实现拆解", "关键文件", "关键符号", "关键源码片段",
               "评论区精华", "风险与影响", "关联脉络"]


def run(*args: str, cwd: Path | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "prdossier", *args], cwd=cwd,
                          env={**os.environ, **(env or {})}, capture_output=True, text=True,
                          timeout=120)


def test_sync_then_json_report_follows_the_contract(sample_repo: GitRepoBuilder,
                                                    tmp_path: Path) -> None:
    db = str(tmp_path / "store.sqlite3")
    synced = run("sync", "--repo", str(sample_repo.root), "--db", db)
    assert synced.returncode == 0, synced.stderr
    assert "synced 4 of 4" in synced.stderr
    again = run("sync", "--repo", str(sample_repo.root), "--db", db)
    assert "synced 0 of 0" in again.stderr
    out = run("report", "#12", "--repo", str(sample_repo.root), "--db", db, "--format", "json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert set(report) == CONTRACT_KEYS
    assert report["pr"]["number"] == 12 and report["pr"]["tags"] == ["NPU"]
    assert report["pr"]["id"] == "12"
    layer = next(f for f in report["files"] if f["path"].endswith("layer.py"))
    assert layer["change_type"] == "dependency-wiring"
    assert layer["category"] == "source" and layer["module"] == "pkg.models"
    assert report["key_symbols"] == ["dsv3_router_gemm"]
    assert [s["note"] for s in report["snippets"]] == [
        "把 `from sgl_kernel import dsv3_router_gemm` 从模块顶层移到 `if _is_cuda`"]
    assert [(i["idiom"], i["detail"]) for i in report["idioms"]] == [
        ("import-platform-guarded", "`from sgl_kernel import dsv3_router_gemm` 改到 `if _is_cuda` 之下")]
    assert report["review"] == {"available": False, "highlights": []}
    assert {"review", "related"} <= set(report["meta"]["empty_sections"])
    assert "#7" in report["motivation"]
    assert not Path(db + "-wal").exists(), "the store is closed, its log folded in, before exit"


def test_markdown_report_in_both_languages(sample_repo: GitRepoBuilder, tmp_path: Path) -> None:
    db = str(tmp_path / "store.sqlite3")
    zh = run("report", "15", "--repo", str(sample_repo.root), "--db", db)
    assert zh.returncode == 0, zh.stderr
    assert zh.stdout.startswith("# PR #15 完整报告")
    for heading in ZH_HEADINGS:
        assert f"## {heading}" in zh.stdout
    assert "`scale`" in zh.stdout
    en = run("report", "15", "--repo", str(sample_repo.root), "--db", db, "--lang", "en")
    assert en.stdout.startswith("# PR #15 report")
    assert "## Key symbols" in en.stdout


def test_report_by_sha_and_all_into_a_folder(sample_repo: GitRepoBuilder, tmp_path: Path) -> None:
    db = str(tmp_path / "store.sqlite3")
    docs_sha = sample_repo.git("rev-parse", "HEAD~1")
    by_sha = run("report", docs_sha[:8], "--repo", str(sample_repo.root), "--db", db,
                 "--format", "json")
    assert json.loads(by_sha.stdout)["pr"]["id"] == docs_sha[:10]
    commit = run("report", docs_sha[:8], "--repo", str(sample_repo.root), "--db", db)
    assert commit.stdout.startswith(f"# 提交 {docs_sha[:10]} 完整报告")
    folder = tmp_path / "out"
    every = run("report", "--all", "-o", str(folder), "--repo", str(sample_repo.root), "--db", db)
    assert every.returncode == 0, every.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["12.zh.md", "15.zh.md", f"{docs_sha[:10]}.zh.md",
         f"{sample_repo.git('rev-list', '--max-parents=0', 'HEAD')[:10]}.zh.md"])
    since = run("report", "--since", "2030-01-01", "-o", str(tmp_path / "none"),
                "--repo", str(sample_repo.root), "--db", db)
    assert "wrote 0 reports" in since.stderr


def test_cached_report_is_invalidated_by_configuration(sample_repo: GitRepoBuilder,
                                                       tmp_path: Path) -> None:
    db = str(tmp_path / "store.sqlite3")
    first = run("report", "12", "--repo", str(sample_repo.root), "--db", db, "--format", "json")
    assert json.loads(first.stdout)["files"][0]["module"] == "pkg.models"
    config = tmp_path / "prd.toml"
    config.write_text('[tool.prdossier.modules]\n"python/pkg/models/*" = "model layer"\n')
    second = run("report", "12", "--repo", str(sample_repo.root), "--db", db, "--format", "json",
                 "--config", str(config))
    assert json.loads(second.stdout)["files"][0]["module"] == "model layer"


def test_bad_input_is_one_line_and_exit_2(sample_repo: GitRepoBuilder, tmp_path: Path) -> None:
    db = str(tmp_path / "store.sqlite3")
    foreign = tmp_path / "foreign.sqlite3"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 100)
    empty = GitRepoBuilder(tmp_path / "empty").root
    bad_config = tmp_path / "bad.toml"
    bad_config.write_text("[tool.prdossier]\nmodules = 3\n")
    cases = [
        ("report", "999", "--repo", str(sample_repo.root), "--db", db),
        ("report", "deadbeefcafe", "--repo", str(sample_repo.root), "--db", db),
        ("sync", "--repo", str(tmp_path), "--db", db),
        ("sync", "--repo", str(empty), "--db", db),
        ("sync", "--repo", str(sample_repo.root), "--db", str(foreign)),
        ("sync", "--repo", str(sample_repo.root), "--db", str(garbage)),
        ("sync", "--repo", str(sample_repo.root), "--db", db, "--config", str(bad_config)),
        ("sync", "--repo", str(sample_repo.root), "--db", db, "--branch", "nope"),
        ("report", "--since", "yesterday", "--repo", str(sample_repo.root), "--db", db),
        ("report", "1", "--lang", "fr", "--repo", str(sample_repo.root), "--db", db),
        ("sync", "--jobs", "0", "--repo", str(sample_repo.root), "--db", db),
        ("sync", "--no-such-option"),
        ("bogus",),
    ]
    for args in cases:
        done = run(*args)
        assert done.returncode == 2, (args, done.stderr)
        assert "Traceback" not in done.stderr
        assert done.stderr.startswith("prdossier: ") and done.stderr.count("\n") == 1, done.stderr


def test_a_pr_cut_off_by_a_shallow_clone_names_the_shallow_clone(tmp_path: Path) -> None:
    clone = shallow_clone_of_two_commits(tmp_path, "first (#1)")
    db = str(tmp_path / "store.sqlite3")
    assert run("sync", "--repo", str(clone), "--db", db).returncode == 0
    for number in ("1", "2"):
        done = run("report", number, "--repo", str(clone), "--db", db)
        assert done.returncode == 2
        assert done.stderr.startswith("prdossier: ") and done.stderr.count("\n") == 1
        assert "shallow clone" in done.stderr and "git fetch --deepen" in done.stderr


def test_newer_schema_is_refused(sample_repo: GitRepoBuilder, tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    assert run("sync", "--repo", str(sample_repo.root), "--db", str(db)).returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 99")
    done = run("sync", "--repo", str(sample_repo.root), "--db", str(db))
    assert done.returncode == 2 and "newer prdossier" in done.stderr


def test_damaged_stored_facts_are_analysed_again(sample_repo: GitRepoBuilder,
                                                 tmp_path: Path) -> None:
    db = str(tmp_path / "store.sqlite3")
    assert run("sync", "--repo", str(sample_repo.root), "--db", db).returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE changes SET facts=? WHERE number=12",
                     (zlib.compress(b'{"meta": "not facts"}'),))
    out = run("report", "12", "--repo", str(sample_repo.root), "--db", db, "--format", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["key_symbols"] == ["dsv3_router_gemm"]


def test_an_empty_change_says_so_where_its_files_would_be(tmp_path: Path) -> None:
    repo = GitRepoBuilder(tmp_path / "repo")
    repo.commit("Initial import", {"pkg/a.py": "x = 1\n"})
    repo.commit("Retrigger CI (#3)")
    db = str(tmp_path / "store.sqlite3")
    en = run("report", "3", "--repo", str(repo.root), "--db", db, "--lang", "en")
    assert en.returncode == 0, en.stderr
    for heading in ("Implementation", "Key files"):
        assert f"## {heading}\n\nNone: the change touches no file.\n" in en.stdout
    zh = run("report", "3", "--repo", str(repo.root), "--db", db)
    assert "## 关键文件\n\n无：这次提交没有改动任何文件。\n" in zh.stdout
