"""Rules run on the small fixture dictionaries, so they test the rule, not actors.csv."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tradetalks.ingest.corpus import Article
from tradetalks.knowledge.annotate import Annotator
from tradetalks.knowledge.dictionaries import load_dictionaries
from tradetalks.pipeline import extract_article

FIXTURES = Path(__file__).parent / "fixtures" / "dictionaries"
PUBLISHED = dt.date(2024, 5, 3)


def _annotator() -> Annotator:
    return Annotator(load_dictionaries(FIXTURES))


def _extract(text: str):
    article = Article(article_id="fx", file="fx.txt", outlet="Fixture", url="", title="t",
                      published=PUBLISHED, date_basis="fixture", language="en", text=text,
                      path=Path("fx.txt"))
    return extract_article(article, _annotator())


def test_fixture_dictionaries_load_with_only_their_own_people():
    d = load_dictionaries(FIXTURES)
    assert [a.name for a in d.actors] == ["Amy Example", "Bo Sample"]


def test_a_held_meeting_between_two_fixture_ministers_is_found():
    e = _extract("Japanese trade minister Amy Example met Chinese commerce minister Bo Sample "
                 "in Tokyo on Thursday and agreed to keep talking about export controls.")
    assert len(e.meetings) == 1
    m = e.meetings[0]
    assert m.countries == {"CHN", "JPN"}
    assert m.participants == {"Amy Example", "Bo Sample"}
    assert m.status == "held" and m.level == "minister"
    assert m.window.start == dt.date(2024, 5, 2)


def test_a_gallium_export_control_is_found_with_its_imposer():
    e = _extract("China said on Friday it would impose export controls on gallium from "
                 "August 1, citing national security.")
    assert [(x.imposer, x.measure_type, x.products) for x in e.measures] == [
        ("CHN", "export_control", {"gallium"})]
