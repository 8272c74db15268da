from prdossier.sources.titles import parse_subject, split_tags


def test_squash_subject_gives_number_title_and_tags() -> None:
    parsed = parse_subject("[NPU]Fix GLM-4.7-Flash failed on NPU (#22509)", "", False)
    assert parsed.number == 22509
    assert parsed.title == "[NPU]Fix GLM-4.7-Flash failed on NPU"
    assert parsed.tags == ["NPU"]


def test_several_tags_in_one_group_and_in_a_row() -> None:
    assert split_tags("[NPU, A3] x")[0] == ["NPU", "A3"]
    assert split_tags("[AMD][Kernel] y") == (["AMD", "Kernel"], "y")
    assert split_tags("[Intel GPU] DeepSeek V4 2/N: Fix")[0] == ["Intel GPU"]


def test_bracket_in_the_middle_is_not_a_tag() -> None:
    assert split_tags("Fix [NPU] thing")[0] == []


def test_merge_commit_takes_title_from_body() -> None:
    parsed = parse_subject("Merge pull request #15 from ada/feature", "[AMD] Add helper\n", True)
    assert (parsed.number, parsed.title, parsed.tags) == (15, "[AMD] Add helper", ["AMD"])


def test_plain_commit_has_no_number() -> None:
    parsed = parse_subject("docs: typo", "", False)
    assert parsed.number is None
    assert parsed.title == "docs: typo"
