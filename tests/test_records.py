"""The record helpers the extraction stages share."""

from __future__ import annotations

import datetime as dt

from tradetalks.knowledge.records import MeasureRecord, Mention, copied


def test_a_copied_record_shares_no_container_with_its_original():
    original = MeasureRecord(
        article_ids=["a"], published=dt.date(2025, 1, 1), imposer="CHN", targets={"JPN"},
        measure_type="import_ban", direction="restrictive", products={"seafood"}, dates={},
        status="in_force", demands=[], mentions=[Mention("a", 0, 0, 5, "text.", "r", "ban")],
        why={"status": "clause:in_force"})
    copy = copied(original, status="eased")
    copy.targets.add("KOR")
    copy.mentions.append(copy.mentions[0])
    copy.why["status"] = "changed"
    assert (original.targets, len(original.mentions), original.why["status"],
            copy.status, original.status) == ({"JPN"}, 1, "clause:in_force", "eased", "in_force")
    assert copy.mention_keys == (set(), 0)
