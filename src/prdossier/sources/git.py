"""Local git history through pygit2: the first-parent walk and each change's diff."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pygit2
from pygit2.enums import DeltaStatus, DiffFind, DiffOption, SortMode

from prdossier.errors import UserError
from prdossier.sources.models import ChangeDiff, ChangeMeta, FileDiff, FileStatus, Hunk, Note
from prdossier.sources.titles import parse_subject
from prdossier.sources.tree import SYMLINK_MODE, GitTree, decode_noted, decode_source

MAX_TEXT_BYTES = 1_500_000
MAX_OTHER_TEXT_BYTES = 64_000
# The sources the analysis reads into symbols (Python, C, C++, CUDA, Rust), or line by line
# (Cython), are read up to `MAX_TEXT_BYTES`: a 70 kB `flash_api.cpp` or a 100 kB `_crs.pyx` is
# ordinary. Other text is read up to the smaller cap.
_CODE_SUFFIXES = (".py", ".pyi", ".c", ".h", ".cc", ".cpp", ".hpp", ".cu", ".cuh", ".rs", ".cxx", ".hh",
                  ".hxx", ".inl", ".ipp", ".tpp", ".tcc", ".pyx", ".pxd", ".pxi")
MAX_DIFF_LINES = 20_000
# A change of more lines than this (a vendored library added or dropped: 234,000 lines in 1,681
# files) is read in full only for its files with the fewest changed lines, up to this many in all;
# the others are counted, not read, so that one such commit does not cost minutes and hundreds
# of megabytes where a PR costs milliseconds.
MAX_CHANGE_LINES = 100_000
_SUBMODULE_MODE = 0o160000
_STATUS: dict[DeltaStatus, FileStatus] = {
    DeltaStatus.ADDED: "added",
    DeltaStatus.DELETED: "deleted",
    DeltaStatus.RENAMED: "renamed",
    DeltaStatus.COPIED: "added",
}
_GITHUB_REMOTE = re.compile(r"github\.com[:/](?P<name>[^/\s]+/[^/\s]+?)(?:\.git)?/?$")


def is_git_directory(path: Path) -> bool:
    """The path is a repository's git directory itself, not a work tree: a bare repository or
    a mirror, whose files are git's own."""
    found = pygit2.discover_repository(str(path)) if path.exists() else None
    return found is not None and Path(found).resolve() == path.resolve()


class GitRepo:
    """A local clone, read-only. Every method is static analysis of git objects."""

    def __init__(self, path: Path) -> None:
        found = pygit2.discover_repository(str(path)) if path.exists() else None
        if found is None:
            raise UserError(f"not a git repository: {path}")
        self.repo = pygit2.Repository(found)
        if self.repo.head_is_unborn:
            raise UserError(f"empty repository (no commits): {path}")
        self.git_dir = Path(self.repo.path).resolve()
        self._grafted = self._shallow_boundary()

    def _shallow_boundary(self) -> set[str]:
        """Commits whose parents a shallow clone cut off (git lists them in `shallow`)."""
        if not self.repo.is_shallow:
            return set()
        return set((self.git_dir / "shallow").read_text().split())

    @property
    def is_shallow(self) -> bool:
        return self.repo.is_shallow

    @property
    def identity(self) -> str:
        return str(self.git_dir)

    @property
    def root(self) -> Path:
        """The work tree, or the git directory of a bare repository."""
        return Path(self.repo.workdir).resolve() if self.repo.workdir else self.git_dir

    def remote_name(self) -> str | None:
        """`owner/name` when the origin remote is on GitHub."""
        for remote in self.repo.remotes:
            if remote.name == "origin" and remote.url and (m := _GITHUB_REMOTE.search(remote.url)):
                return m["name"]
        return None

    def web_url(self) -> str | None:
        name = self.remote_name()
        return f"https://github.com/{name}" if name else None

    def display_name(self) -> str:
        if name := self.remote_name():
            return name
        return self.root.name

    def tip(self, branch: str | None) -> str:
        """The commit a branch (default: HEAD) points at."""
        if branch is None:
            return str(self.repo.head.target)
        for name in (branch, f"refs/heads/{branch}", f"refs/remotes/origin/{branch}"):
            try:
                return str(self.repo.revparse_single(name).peel(pygit2.Commit).id)
            except (KeyError, ValueError, pygit2.GitError):
                continue
        raise UserError(f"no such branch: {branch}")

    def first_parent_shas(self, tip: str) -> list[str]:
        """The first-parent history ending at `tip`, oldest first."""
        walker = self.repo.walk(tip, SortMode.TOPOLOGICAL | SortMode.REVERSE)
        walker.simplify_first_parent()
        return [str(commit.id) for commit in walker]

    def release(self) -> None:
        """Close the object database's files and free its caches (tens of MB once a long
        history was walked); the next read opens them again."""
        self.repo.free()

    def resolve(self, rev: str) -> str:
        try:
            return str(self.repo.revparse_single(rev).peel(pygit2.Commit).id)
        except (KeyError, ValueError, pygit2.GitError, pygit2.InvalidSpecError):
            raise UserError(f"unknown commit: {rev}") from None

    def tree_at(self, rev: str) -> GitTree:
        return GitTree(self.repo, rev)

    def read_blob_at(self, rev: str, path: str) -> bytes | None:
        try:
            entry = self.repo.revparse_single(rev).peel(pygit2.Commit).tree[path]
            blob = self.repo[entry.id]
        except (KeyError, ValueError, pygit2.GitError):
            return None
        return blob.data if isinstance(blob, pygit2.Blob) else None

    def meta(self, sha: str) -> ChangeMeta:
        commit = self.repo[sha]
        assert isinstance(commit, pygit2.Commit)
        subject, _, body = commit.message.partition("\n")
        body = body.strip()
        is_merge = len(commit.parent_ids) > 1
        head = self.repo[commit.parent_ids[1]] if is_merge and self._has(commit.parent_ids[1]) else None
        assert head is None or isinstance(head, pygit2.Commit)
        parsed = parse_subject(subject.strip(), _merge_title_source(commit, body, head) if is_merge else body,
                               is_merge)
        author = commit.author.name
        if head is not None and parsed.number is not None:
            author = head.author.name
            body = "\n".join(body.splitlines()[1:]).strip()
        zone = timezone(timedelta(minutes=commit.commit_time_offset))
        kind = "merge" if is_merge and parsed.number else "squash" if parsed.number else "commit"
        return ChangeMeta(
            sha=sha,
            short=sha[:10],
            number=parsed.number,
            title=parsed.title,
            tags=parsed.tags,
            author=author or None,
            merged_at=datetime.fromtimestamp(commit.commit_time, zone).isoformat(),
            base=str(commit.parent_ids[0]) if commit.parent_ids else None,
            body=body,
            kind=kind,
        )

    def base_available(self, meta: ChangeMeta) -> bool:
        if meta.sha in self._grafted:
            return False
        return meta.base is None or self._has(pygit2.Oid(hex=meta.base))

    def read_change(self, meta: ChangeMeta) -> ChangeDiff:
        """The diff of a change against its first parent, with both sides' text."""
        if not self.base_available(meta):
            raise UserError(
                f"shallow clone: the base commit of {meta.id} is not in the clone "
                "(deepen it with `git fetch --deepen`)"
            )
        head = self.repo[meta.sha].peel(pygit2.Tree)
        notes: list[Note] = []
        diff = self._diff(meta.base, head)
        try:
            diff.find_similar(flags=DiffFind.FIND_RENAMES)
        except pygit2.GitError:
            diff = self._diff(meta.base, head)
            notes.append(Note("renames-undetected"))
        files = [file for delta in diff.deltas
                 for file in self._renamed_files(delta) or [self._file_diff(delta)]]
        if not files:
            notes.append(Note("empty-change"))
        notes.extend(_texts_capped(files))
        return ChangeDiff(meta=meta, files=files, notes=notes)

    def _diff(self, base: str | None, head: pygit2.Tree) -> pygit2.Diff:
        flags = DiffOption.SKIP_BINARY_CHECK
        if base is None:
            return head.diff_to_tree(flags=flags, swap=True)
        return self.repo.diff(self.repo[base].peel(pygit2.Tree), head, flags=flags)

    def _link_target(self, side: pygit2.DiffFile) -> str:
        """Where a symbolic link points (its blob holds the path), `?` if the clone lacks it, or
        the file's mode where the side is no link (a file that became one)."""
        if side.mode != SYMLINK_MODE:
            return f"{side.mode:o}"
        if not self._has(side.id):
            return "?"
        return decode_source(self.repo[side.id].data)

    def _has(self, oid: pygit2.Oid) -> bool:
        return self.repo.odb.exists(oid)

    def _renamed_files(self, delta: pygit2.DiffDelta) -> list[FileDiff] | None:
        """A file libgit2 paired with another as renamed and changed: the rename, or one file
        removed and one added where git pairs neither, as git reports them. So for two binaries
        whose contents differ (two compiled kernels sharing a header are 60% alike to libgit2),
        and for two texts that share less than half of the longer one's lines (a module split
        out of another, which libgit2 may still find 53% alike). None for any other delta, and
        for a rename whose sides are not both in the clone."""
        sides = (delta.old_file, delta.new_file)
        if delta.status != DeltaStatus.RENAMED or delta.similarity == 100 \
                or not all(self._has(side.id) for side in sides):
            return None
        old, new = (self.repo[side.id] for side in sides)
        if old.is_binary or new.is_binary:
            return [FileDiff(path=side.path, old_path=None, status=status, notes=[Note("binary", side.path)])
                    for side, status in ((delta.old_file, "deleted"), (delta.new_file, "added"))]
        renamed = self._file_diff(delta)
        if _mostly_shared(old, new, renamed.deletions):
            return [renamed]
        return [self._sides_diff("deleted", delta.old_file, None),
                self._sides_diff("added", None, delta.new_file)]

    def _file_diff(self, delta: pygit2.DiffDelta) -> FileDiff:
        status = _STATUS.get(delta.status, "modified")
        return self._sides_diff(status, delta.old_file if status != "added" else None,
                                delta.new_file if status != "deleted" else None)

    def _sides_diff(self, status: FileStatus, old_file: pygit2.DiffFile | None,
                    new_file: pygit2.DiffFile | None) -> FileDiff:
        """The diff of one path between the sides it has (none before an added file, none
        after a deleted one)."""
        named = new_file if new_file is not None else old_file
        assert named is not None, "a diff has a side"
        path = named.path
        old_path = old_file.path if status == "renamed" and old_file is not None else None
        result = FileDiff(path=path, old_path=old_path, status=status)
        sides = [side for side in (old_file, new_file) if side is not None]
        if any(side.mode == _SUBMODULE_MODE for side in sides):
            ids = " -> ".join(str(side.id)[:10] for side in sides)
            result.notes.append(Note("submodule", path, {"ids": ids}))
            return result
        if any(side.mode == SYMLINK_MODE for side in sides):
            result.notes.append(Note("symlink", path, {"targets": " -> ".join(
                self._link_target(side) for side in sides)}))
            return result
        if old_file is not None and new_file is not None and old_file.mode != new_file.mode:
            result.notes.append(Note("mode-changed", path, {
                "modes": f"{old_file.mode:o} -> {new_file.mode:o}"}))
        if any(not self._has(side.id) for side in sides):
            result.notes.append(Note("content-missing", path))
            return result
        old_blob = self.repo[old_file.id] if old_file is not None else None
        new_blob = self.repo[new_file.id] if new_file is not None else None
        blobs = [blob for blob in (old_blob, new_blob) if blob is not None]
        if any(blob.is_binary for blob in blobs):
            result.notes.append(Note("binary", path))
            return result
        if old_file is not None and new_file is not None and old_file.id == new_file.id:
            return result
        patch = pygit2.Patch.create_from(old_blob, new_blob)
        _, result.additions, result.deletions = patch.line_stats
        limit = MAX_TEXT_BYTES if path.endswith(_CODE_SUFFIXES) else MAX_OTHER_TEXT_BYTES
        if any(blob.size > limit for blob in blobs):
            result.notes.append(Note("too-large", path, {"limit": str(limit)}))
            return result
        result.old_text = _decode(old_blob, path, result.notes)
        result.new_text = _decode(new_blob, path, result.notes)
        if result.additions + result.deletions > MAX_DIFF_LINES:
            result.notes.append(Note("diff-capped", path, {
                "lines": str(result.additions + result.deletions), "limit": str(MAX_DIFF_LINES)}))
        else:
            result.hunks = [_hunk(hunk) for hunk in patch.hunks]
        return result


def _texts_capped(files: list[FileDiff]) -> list[Note]:
    """Where the change's files change more than `MAX_CHANGE_LINES` lines, the texts of those
    that change the most, past that many lines, are let go (their line counts kept), and a note
    says how many; nothing otherwise."""
    total = sum(file.additions + file.deletions for file in files)
    if total <= MAX_CHANGE_LINES:
        return []
    kept = dropped = 0
    for file in sorted(files, key=lambda file: file.additions + file.deletions):
        if kept + file.additions + file.deletions <= MAX_CHANGE_LINES:
            kept += file.additions + file.deletions
        elif file.old_text is not None or file.new_text is not None:
            file.old_text = file.new_text = None
            file.hunks = []
            dropped += 1
    return [Note("texts-capped", args={"lines": str(total), "limit": str(MAX_CHANGE_LINES),
                                       "files": str(dropped)})]


def _mostly_shared(old: pygit2.Blob, new: pygit2.Blob, deletions: int) -> bool:
    """The two texts, whose diff removes `deletions` lines of the old one, share at least half
    of the longer one's lines: about the 50% similarity git asks of a rename by default."""
    old_lines, new_lines = old.data.count(b"\n"), new.data.count(b"\n")
    return 2 * (old_lines - deletions) >= max(old_lines, new_lines)


def _merge_title_source(commit: pygit2.Commit, body: str, head: pygit2.Commit | None) -> str:
    """Where a merge commit's PR title is: the body's first line, or, where the body is empty or
    only trailers (`PiperOrigin-RevId: 767251351`, as a mirroring bot writes), the subject of
    the PR's head commit when the clone has it."""
    if (body and not _only_trailers(body, commit.message_trailers)) or head is None:
        return body
    return head.message.partition("\n")[0].strip()


def _only_trailers(body: str, trailers: dict[str, str]) -> bool:
    """Every line of the body is one of the message's trailers (git's `Key: value` lines)."""
    return bool(trailers) and all(line.partition(":")[0] in trailers
                                  for line in body.splitlines() if line.strip())


def _decode(blob: pygit2.Blob | None, path: str, notes: list[Note]) -> str | None:
    if blob is None:
        return None
    text, note = decode_noted(blob.data, path)
    if note is not None and note not in notes:
        notes.append(note)
    return text


def _hunk(hunk: pygit2.DiffHunk) -> Hunk:
    added: list[int] = []
    removed: list[int] = []
    for line in hunk.lines:
        if line.origin == "+":
            added.append(line.new_lineno)
        elif line.origin == "-":
            removed.append(line.old_lineno)
    return Hunk(old_start=hunk.old_start, old_lines=hunk.old_lines, new_start=hunk.new_start,
                new_lines=hunk.new_lines, added=added, removed=removed)
