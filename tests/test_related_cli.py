"""`prdossier related` and the related section, on a real history synced in steps."""

from __future__ import annotations

import json
from pathlib import Path

from tests.gitrepo import GitRepoBuilder
from tests.test_cli import run

KERNEL = "def run(x):\n    return x * 2\n\n\ndef warm():\n    return None\n"


def _history(tmp_path: Path) -> GitRepoBuilder:
    repo = GitRepoBuilder(tmp_path / "repo")
    repo.commit("Initial import", {"pkg/__init__.py": "", "README.md": "# r\n"},
                when="2026-03-01T10:00:00+00:00")
    repo.commit("[Kernel] Add the router kernel (#1)", {"pkg/kernel.py": KERNEL},
                when="2026-03-02T10:00:00+00:00")
    repo.commit("Call the router kernel from the model (#2)\n\nDepends on #1.",
                {"pkg/model.py": "from pkg.kernel import run\n\n\ndef forward(x):\n    return run(x)\n"},
                when="2026-03-03T10:00:00+00:00")
    return repo


def _related(repo: GitRepoBuilder, db: Path, number: int) -> list[dict[str, object]]:
    done = run("related", str(number), "--repo", str(repo.root), "--db", str(db), "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_links_are_listed_with_reasons_and_kept_up_to_date(tmp_path: Path) -> None:
    repo, db = _history(tmp_path), tmp_path / "store.sqlite3"
    assert run("sync", "--repo", str(repo.root), "--db", str(db)).returncode == 0
    [prerequisite] = _related(repo, db, 2)
    assert (prerequisite["number"], prerequisite["type"]) == (1, "prerequisite")
    assert any("#1" in reason for reason in prerequisite["reasons"])
    before = run("report", "1", "--repo", str(repo.root), "--db", str(db), "--format", "json")
    assert [p["number"] for p in json.loads(before.stdout)["related"]] == [2]

    repo.commit("Fix the router kernel for odd sizes (#3)",
                {"pkg/kernel.py": KERNEL.replace("x * 2", "x * 2 + x % 2")},
                when="2026-03-05T10:00:00+00:00")
    second = run("sync", "--repo", str(repo.root), "--db", str(db))
    assert "linked 1 new PR" in second.stderr
    follow_ups = {p["number"]: p for p in _related(repo, db, 1)}
    assert follow_ups[3]["type"] == "follow-up"
    assert any("run" in reason for reason in follow_ups[3]["reasons"])
    after = run("report", "1", "--repo", str(repo.root), "--db", str(db), "--format", "json")
    assert {p["number"] for p in json.loads(after.stdout)["related"]} == {2, 3}


def test_text_listing_and_the_empty_case(tmp_path: Path) -> None:
    repo, db = _history(tmp_path), tmp_path / "store.sqlite3"
    text = run("related", "#2", "--repo", str(repo.root), "--db", str(db), "--lang", "zh")
    assert text.returncode == 0
    assert "the store holds only this PR" in text.stderr and text.stdout == ""
    run("sync", "--repo", str(repo.root), "--db", str(db))
    listing = run("related", "#2", "--repo", str(repo.root), "--db", str(db), "--lang", "zh")
    assert listing.stdout.startswith("#1  ") and "前置" in listing.stdout
    alone = run("related", "HEAD~2", "--repo", str(repo.root), "--db", str(db))
    assert alone.returncode == 0 and "no related PR" in alone.stderr
