"""`LineSpans`: line numbers kept as runs, read as a set."""

from prdossier.analysis.pysymbols import LineSpans, parse_module


def _spans(*runs: range) -> LineSpans:
    spans = LineSpans()
    for run in runs:
        spans.update(run)
    return spans


def test_runs_given_out_of_order_and_overlapping_read_as_their_union() -> None:
    spans = _spans(range(10, 13), range(2, 5), range(4, 7), range(20, 20), range(7, 8))
    assert list(spans) == [2, 3, 4, 5, 6, 7, 10, 11, 12]
    assert len(spans) == 9
    assert 7 in spans and 10 in spans and 8 not in spans and 1 not in spans and 13 not in spans
    assert "7" not in spans


def test_set_operations_with_a_set_give_a_set() -> None:
    spans = _spans(range(2, 5), range(10, 13))
    changed = {1, 3, 11, 40}
    assert changed - spans == {1, 40}
    assert changed & spans == {3, 11}
    assert {3, 4} <= spans and not changed <= spans
    assert {1} | spans == {1, 2, 3, 4, 10, 11, 12}
    remaining = set(changed)
    remaining -= spans
    assert remaining == {1, 40}


def test_lines_between_two_lines() -> None:
    spans = _spans(range(2, 5), range(10, 13), range(30, 31))
    assert list(spans.between(3, 11)) == [3, 4, 10, 11]
    assert list(spans.between(5, 9)) == []
    assert list(spans.between(1, 100)) == list(spans)


def test_a_modules_docstrings_are_its_docstring_lines() -> None:
    table = parse_module('"""Module."""\n\n\ndef f():\n    """Two\n    lines."""\n    return 1\n')
    assert list(table.docstring_lines) == [1, 5, 6]
