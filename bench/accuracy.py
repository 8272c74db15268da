"""Accuracy of the facts against hand labels of real merged PRs.

    python bench/accuracy.py --repo vllm-project/vllm-ascend=PATH [--repo NAME=PATH ...]
                             [--labels bench/labels.toml]

Each `--repo` names a labelled repository and the local clone to read it from; labelled PRs
of repositories not given are skipped. Prints file `category` and `change_type` agreement,
recall of the must-have key symbols, precision of `key_symbols` (a listed symbol counts as
right when the label requires or allows it), moved symbols reported as moved to the labelled
file, and every disagreement.
"""

from __future__ import annotations

import argparse
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from prdossier.analysis.config import config_from_pyproject
from prdossier.analysis.models import ChangeFacts
from prdossier.cli.sync import analyse_change
from prdossier.sources.git import GitRepo


@dataclass
class Tally:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, miss: str) -> None:
        self.total += 1
        self.right += ok
        if not ok:
            self.misses.append(miss)

    def line(self, name: str, target: str) -> str:
        # One decimal: 433/482 is 89.8%, which a whole percent would round up to the target.
        share = f"{self.right / self.total:.1%}" if self.total else "n/a"
        return f"{name:<24} {self.right:>3}/{self.total:<3} {share:>6}   target {target}"


@dataclass
class Scores:
    category: Tally = field(default_factory=Tally)
    change_type: Tally = field(default_factory=Tally)
    recall: Tally = field(default_factory=Tally)
    precision: Tally = field(default_factory=Tally)
    moves: Tally = field(default_factory=Tally)

    def print(self) -> None:
        print(self.category.line("category agreement", ">= 90%"))
        print(self.change_type.line("change_type agreement", ">= 90%"))
        print(self.recall.line("key symbol recall", ">= 95%"))
        print(self.precision.line("key symbol precision", ">= 80%"))
        print(self.moves.line("moves reported as moved", "all"))

    def misses(self) -> list[str]:
        return [*self.category.misses, *self.change_type.misses, *self.recall.misses,
                *self.precision.misses, *self.moves.misses]


def score(label: dict, facts: ChangeFacts, scores: Scores) -> None:
    tag = label["what"].split(":")[0]
    by_path = {f.path: f for f in facts.files}
    for expected in label.get("files", []):
        found = by_path.get(expected["path"])
        for key in ("category", "change_type"):
            if key in expected:
                got = getattr(found, key) if found else "missing"
                getattr(scores, key).add(got == expected[key],
                                         f"{tag} {expected['path']}: {got}, labelled {expected[key]}")
    if "key_symbols" in label:
        allowed = set(label["key_symbols"]) | set(label.get("also", []))
        for name in label["key_symbols"]:
            scores.recall.add(name in facts.key_symbols, f"{tag} missing {name} in {facts.key_symbols}")
        for name in facts.key_symbols:
            scores.precision.add(name in allowed, f"{tag} listed {name}, labelled {sorted(allowed)}")
    moved = {(s.qualname, s.path) for f in facts.files for s in f.symbols if s.status == "moved"}
    for move in label.get("moved", []):
        scores.moves.add((move["symbol"], move["to"]) in moved,
                         f"{tag} {move['symbol']} not reported as moved to {move['to']}")


def analyse(path: Path, sha: str) -> ChangeFacts | None:
    """The facts of the change, or None where the clone lacks its commit (a history rewritten
    since it was labelled)."""
    repo = GitRepo(path)
    if sha not in repo.repo:
        return None
    config = config_from_pyproject(repo.read_blob_at(sha, "pyproject.toml"), f"pyproject.toml at {sha[:10]}")
    return analyse_change(repo, config, sha)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", action="append", default=[], metavar="NAME=PATH", required=True)
    parser.add_argument("--labels", type=Path, default=Path(__file__).with_name("labels.toml"))
    args = parser.parse_args()
    clones = dict(item.split("=", 1) for item in args.repo)
    labels = tomllib.loads(args.labels.read_text(encoding="utf-8"))["pr"]
    by_set: dict[str, Scores] = {}
    scored = {name: 0 for name in ("all", *(label["set"] for label in labels))}
    lacking: list[str] = []
    for label in labels:
        if label["repo"] not in clones:
            continue
        facts = analyse(Path(clones[label["repo"]]), label["sha"])
        if facts is None:
            lacking.append(f"{label['repo']} {label['sha'][:10]}")
            continue
        for name in (label["set"], "all"):
            score(label, facts, by_set.setdefault(name, Scores()))
            scored[name] += 1
    print(f"{scored['all']} of {len(labels)} labelled PRs scored (the others' repositories not given)")
    if lacking:
        print(f"{len(lacking)} not scored, their commits not in the clone given: {', '.join(lacking)}")
    for name in sorted(by_set, key=lambda name: name == "all"):
        print(f"\n{name} ({scored[name]} PRs)")
        by_set[name].print()
    print("\ndisagreements:")
    for miss in by_set["all"].misses() if "all" in by_set else []:
        print(f"  - {miss}")


if __name__ == "__main__":
    main()
