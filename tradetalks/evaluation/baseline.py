"""A plain keyword baseline to measure the rules against: every sentence with "met",
"talks" or "summit" is a meeting between the governments it names; every sentence with
"ban", "tariff" or "export control" is a measure by the first government it names, on
the products it names. No dates, no merging, no status or level reasoning."""

from __future__ import annotations

import re

from tradetalks.ingest.article import process_article
from tradetalks.ingest.corpus import Corpus
from tradetalks.knowledge.annotate import default_annotator

MEETING_WORDS = re.compile(r"\b(met|talks|summit)\b", re.I)
MEASURE_WORDS = [(re.compile(r"\bexport controls?\b", re.I), "export_control"),
                 (re.compile(r"\btariffs?\b", re.I), "tariff"),
                 (re.compile(r"\bban\b", re.I), "import_ban")]


def baseline_rows(corpus: Corpus) -> tuple[list[dict], list[dict]]:
    annotator = default_annotator()
    meetings, measures = [], []
    for article in corpus.articles:
        processed = process_article(article)
        for s in processed.sentences:
            if not MEETING_WORDS.search(s.text) and not any(
                    pattern.search(s.text) for pattern, _ in MEASURE_WORDS):
                continue  # no keyword: no row, so no need to annotate it
            ann = annotator.annotate(s.text, article.published)
            countries = sorted({f.value.rstrip("?") for f in ann.countries}
                               | {a.country for _, a in ann.persons})
            mention = f"{article.article_id}:{s.index}"
            if MEETING_WORDS.search(s.text):
                meetings.append({"meeting_id": f"b-{mention}", "countries": ";".join(countries),
                                 "participants": ";".join(sorted({a.name for _, a in
                                                                  ann.persons})),
                                 "date_start": "", "date_end": "", "status": "held",
                                 "level": "", "format": "bilateral", "mentions": mention})
            for pattern, kind in MEASURE_WORDS:
                if pattern.search(s.text) and countries:
                    first = min(ann.countries, key=lambda f: f.start).value.rstrip("?") \
                        if ann.countries else countries[0]
                    measures.append({"measure_id": f"b-{mention}-{kind}", "imposer": first,
                                     "measure_type": kind, "targets": "WLD",
                                     "products": ";".join(sorted({f.value for f in
                                                                  ann.products}))
                                     or "all_goods", "status": "in_force",
                                     "direction": "restrictive", "mentions": mention})
                    break
    return meetings, measures
