"""Roles decided by the parse rules of data/rules/roles.yaml, through the whole extractor."""

from __future__ import annotations

from test_extract_rules import one_measure, run


def test_imposer_is_the_by_agent_not_the_speaker_or_region():
    m = one_measure(run(
        "The European Commission expressed concern over the export restrictions on "
        "lithography machines imposed by the Netherlands, which took effect on Sept. 1."
    ), "export_control")
    assert m.imposer == "NLD" and m.why["imposer"] == "measure.imposer-by-agent"


def test_imposer_is_the_relative_clause_subject_not_the_goods_origin():
    m = one_measure(run(
        "The minister requested the early resumption of imports of Japanese seafood, "
        "which China has suspended since August 2023."
    ), "import_ban")
    assert m.imposer == "CHN" and m.why["imposer"] == "measure.imposer-relative-subject"


def test_every_measure_row_says_why_its_imposer_was_chosen():
    m = one_measure(run("China announced export controls on graphite on Friday."),
                    "export_control")
    assert m.why["imposer"] and m.why["status"].startswith("clause:")
