"""Write the tables as CSV plus a Frictionless data package, validated before they land.

Files are written to a new folder beside the output, validated against the package's
Table Schemas, and only then swapped in by one atomic rename (``publish.output``), so a
failed, interrupted or killed run leaves the previous outputs as they were. CSV bytes are
deterministic: fixed column order, sorted rows, LF line ends, no timestamps or absolute
paths; text cells a spreadsheet would run as a formula are neutralised (``publish.cells``).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from pathlib import Path

import pandas as pd

from tradetalks import __version__
from tradetalks.errors import InputError
from tradetalks.publish.cells import neutralise_frame
from tradetalks.publish.keys import key_problems, without_keys
from tradetalks.publish.output import SwapState, publish_folder
from tradetalks.publish.rowfiles import CsvSink
from tradetalks.publish.tables import TableRows, Tables
from tradetalks.vocabulary import vocabulary
from tradetalks.workers import worker_pool


def _vocabularies() -> dict[str, list[str]]:
    """Enum constraints of the Table Schemas, from the codebook's vocabulary."""
    v = vocabulary()
    return {"status_meeting": list(v.meeting_statuses), "level": list(v.levels),
            "format": list(v.formats), "precision": list(v.date_precisions),
            "outcome": list(v.outcomes), "measure_type": list(v.measure_types),
            "direction": list(v.directions), "status_measure": list(v.measure_statuses),
            "event_kind": list(v.event_kinds), "sector": list(v.sectors)}


ISO3 = r"^[A-Z]{3}$"
CAMEO = r"^$|^\d{3,4}$"
QID_OR_NONE = r"^(Q[1-9]\d*|none)$"
DESCRIPTIONS = {
    "articles": "One row per article: manifest fields and word counts before and after cleaning.",
    "removals": "Every line removed by the cleaning stage, with the rule that removed it.",
    "mentions": "Sentences that report a meeting or measure; sentence == cleaned_text[start:end].",
    "meetings": "Meetings between governments, merged across articles (codebook MEETINGS).",
    "measures": "Trade measures, merged across articles (codebook TRADE MEASURES).",
    "actors": "People named in the articles who are in the actor dictionary (codebook ACTORS).",
    "participants": "One row per meeting and participant: the join of meetings to actors.",
    "quotes": "Direct quotations with their speakers (codebook QUOTES).",
    "unknown_actors": "People named with a title but absent from the actor dictionary.",
    "topics": "Per article, how many sentences touch each topic of the codebook's vocabulary.",
}
CODING_LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
                  "path": "https://creativecommons.org/licenses/by/4.0/"}
EXCERPT_LICENCE = {
    "name": "publisher-excerpts",
    "title": "Quoted excerpts of the publishers' articles: the publishers keep their rights; "
             "reproduced as short quotations, as evidence for each row (see LICENSE-CONTENT.md)",
    "path": "https://github.com/talking-trade/talking-trade/blob/main/LICENSE-CONTENT.md"}
EXCERPT_RIGHTS = ("Verbatim text of the publisher's article, quoted as evidence; the "
                  "publisher's rights apply, not CC BY 4.0")
# Columns that hold publishers' verbatim text (per table): everything else is the
# project's own coding.
EXCERPTS = {"removals": {"text"}, "mentions": {"sentence", "matched_text"},
            "meetings": {"matched_text"}, "measures": {"matched_text"}, "quotes": {"text"},
            "unknown_actors": {"sentence"}, "topics": {"example"}}
PRIMARY_KEYS = {"articles": ["article_id"], "mentions": ["mention_id", "event_id"],
                "meetings": ["meeting_id"], "measures": ["measure_id"],
                "actors": ["actor_id"], "participants": ["meeting_id", "actor_id"],
                "quotes": ["quote_id"]}


# What each column holds (the Table Schemas' field descriptions; the book's data
# dictionary prints them). The codebook (docs/codebook.md) defines the coding rules.
FIELD_DESCRIPTIONS = {
    "articles": {
        "article_id": "Article identifier: the text file's name without '.txt'.",
        "file": "Name of the article's text file in the corpus folder.",
        "outlet": "Publication that carried the article, from the manifest.",
        "url": "Address of the article, from the manifest.",
        "title": "Title; in square brackets when supplied by the authors.",
        "published": "Publication date (ISO), from the manifest.",
        "date_basis": "How the publication date is known.",
        "language": "Language code from the manifest.",
        "words_raw": "Words in the file before cleaning.",
        "words_clean": "Words left after cleaning.",
        "lines_removed": "Lines removed as web debris.",
        "sentences": "Sentences in the cleaned text."},
    "removals": {
        "article_id": "Article the line was removed from.",
        "line": "Line number in the original file.",
        "rule": "Cleaning rule that removed the line (data/rules/debris.yaml).",
        "text": "The removed line."},
    "mentions": {
        "mention_id": "Mention identifier: article id and sentence index.",
        "article_id": "Article the sentence comes from.",
        "sentence": "The sentence as it stands in the cleaned text.",
        "start": "Offset of the sentence's first character in the cleaned text.",
        "end": "Offset just after the sentence's last character.",
        "event_kind": "Kind of event the sentence reports: meeting or measure.",
        "event_id": "Meeting or measure the sentence reports.",
        "rule": "Rule that found the mention.",
        "matched_text": "Words the rule matched."},
    "meetings": {
        "meeting_id": "Stable meeting id: mtg- and a hash of the first mention.",
        "date_start": "First day of the meeting's date window (ISO).",
        "date_end": "Last day of the date window (ISO).",
        "date_precision": "Precision of the date: day, week, month, year or window.",
        "date_text": "The words that date the meeting.",
        "status": "Status as of the latest article: held, planned, proposed, undecided, "
                  "cancelled.",
        "level": "Highest rank present: leader, minister, senior official, working level.",
        "format": "Bilateral, trilateral, multilateral, written or phone.",
        "countries": "Governments taking part, ISO 3166 alpha-3 codes joined by ';'.",
        "participants": "Named participants, joined by ';'.",
        "location": "Place of the meeting as 'city, country' or country.",
        "occasion": "Summit or event the meeting took place at.",
        "topics": "Topics discussed, codebook vocabulary, joined by ';'.",
        "outcome": "Most specific outcome the text supports.",
        "cameo": "CAMEO event code.",
        "plover": "PLOVER event type (data/codes/cameo_plover.csv).",
        "mentions": "Mentions that report the meeting, joined by ';'.",
        "articles": "Articles that report the meeting, joined by ';'.",
        "rule": "Rules that found each mention, in mention order.",
        "matched_text": "Words each rule matched, in mention order."},
    "measures": {
        "measure_id": "Stable measure id: msr- and a hash of the first mention.",
        "imposer": "Government imposing the measure (ISO alpha-3).",
        "targets": "Governments targeted, joined by ';'; WLD for all destinations.",
        "measure_type": "Type of measure, codebook vocabulary.",
        "direction": "Restrictive, or liberalising once lifted, eased or withdrawn.",
        "products": "Products concerned, joined by ';'.",
        "announced": "Date announced (ISO day, month or window).",
        "in_force": "Date of entry into force (ISO day, month or window).",
        "lifted": "Date lifted, eased or withdrawn (ISO day, month or window).",
        "date_precision": "Precision of each date given, as field:precision.",
        "date_text": "The words that date the measure, as field=words.",
        "status": "Status as of the latest article reporting the measure.",
        "demands": "Demands to lift the measure: who, and when.",
        "mentions": "Mentions that report the measure, joined by ';'.",
        "articles": "Articles that report the measure, joined by ';'.",
        "rule": "Rules that found each mention, in mention order.",
        "matched_text": "Words each rule matched, in mention order."},
    "actors": {
        "actor_id": "Actor identifier from the actor dictionary.",
        "name": "Name as the English-language press writes it.",
        "country": "Government the person serves (ISO alpha-3).",
        "role": "Office held, as of the latest article naming the person.",
        "organisation": "Ministry or body of that office.",
        "aliases": "Name variants from the actor dictionary, joined by ';'.",
        "level": "Rank of the office: leader, minister, senior official, working level.",
        "articles": "Articles naming the person, joined by ';'.",
        "in_dictionary": "Whether the person is in the actor dictionary."},
    "quotes": {
        "quote_id": "Quotation identifier: article id and quotation index.",
        "article_id": "Article the quotation comes from.",
        "speaker": "Speaker's actor id, where the dictionary knows the speaker.",
        "text": "The quoted words.",
        "start": "Offset of the quotation in the cleaned text.",
        "end": "Offset just after the quotation.",
        "speaker_name": "Speaker's name as attributed by the text.",
        "rule": "Rule that attributed the speaker."},
    "unknown_actors": {
        "name": "Name of the person, as written.",
        "article_id": "Article naming the person.",
        "sentence_index": "Index of the sentence in the cleaned article (0-based).",
        "sentence": "The sentence naming the person."},
    "topics": {
        "article_id": "Article.",
        "topic": "Topic of the codebook's vocabulary.",
        "sentences": "Sentences of the article that touch the topic.",
        "example": "The first such sentence."},
}


CODE_DESCRIPTIONS = {
    "cameo": "CAMEO event code, chosen by data/codes/event_codes.csv.",
    "plover": "PLOVER event type mapped from the CAMEO code (data/codes/cameo_plover.csv).",
    "plover_mode": "PLOVER mode (phone, visit, third-party, restrict, ease...), if any.",
    "plover_context": "PLOVER context, if any.",
    "quad_class": "CAMEO quad class of the code (1 verbal cooperation ... 4 material conflict).",
    "goldstein": "Goldstein score of the CAMEO code (-10 conflict ... +10 cooperation).",
}
FIELD_DESCRIPTIONS["mentions"].update({
    "meeting_id": "The meeting the sentence reports (empty for a measure).",
    "measure_id": "The measure the sentence reports (empty for a meeting)."})
FIELD_DESCRIPTIONS["meetings"].update({
    **CODE_DESCRIPTIONS,
    "participant_ids": "Actor ids of the named participants, joined by ';' (see participants).",
    "place_id": "Place id in data/dictionaries/places.csv, where a place is named.",
    "location_country": "ISO3 code of the country the meeting took place in, if known.",
    "latitude": "Latitude of the place (GeoNames), if a place is named.",
    "longitude": "Longitude of the place (GeoNames), if a place is named.",
    "multilateral_occasion": "Whether the meeting was held at a multilateral occasion."})
FIELD_DESCRIPTIONS["measures"].update({
    **CODE_DESCRIPTIONS,
    "demand_cameo": "CAMEO code of the demands to lift the measure (1054), if any.",
    "demand_plover": "PLOVER type of those demands (DEMAND), if any.",
    "demand_plover_mode": "PLOVER mode of those demands (yield), if any."})
for _table in ("meetings", "measures"):
    FIELD_DESCRIPTIONS[_table]["why"] = ("How each field was decided, as field=reason pairs "
                                         "(e.g. status=clause:planned).")
FIELD_DESCRIPTIONS["actors"].update({
    "sector": "Branch of government of the office (codebook sectors).",
    "wikidata": "Wikidata QID of the person, or 'none' (the dictionary says why)."})
FIELD_DESCRIPTIONS["participants"] = {
    "meeting_id": "The meeting.",
    "actor_id": "A participant's actor id.",
    "name": "The participant's name, as in the actor dictionary."}


def _fk(field: str, resource: str, target: str) -> dict:
    return {"fields": [field], "reference": {"resource": resource, "fields": [target]}}


FOREIGN_KEYS = {
    "removals": [_fk("article_id", "articles", "article_id")],
    "mentions": [_fk("article_id", "articles", "article_id"),
                 _fk("meeting_id", "meetings", "meeting_id"),
                 _fk("measure_id", "measures", "measure_id")],
    "participants": [_fk("meeting_id", "meetings", "meeting_id"),
                     _fk("actor_id", "actors", "actor_id")],
    "quotes": [_fk("article_id", "articles", "article_id")],
    "unknown_actors": [_fk("article_id", "articles", "article_id")],
    "topics": [_fk("article_id", "articles", "article_id")],
}


def field_schema(name: str, kind: str = "string", enum: str | None = None,
                 pattern: str | None = None, required: bool = False) -> dict:
    """One Table Schema field; ``enum`` names a vocabulary of the codebook."""
    field: dict = {"name": name, "type": kind}
    if kind == "list":  # a ';'-joined list of strings (Frictionless v2 list type)
        field.update(delimiter=";", itemType="string")
    constraints: dict = {}
    if enum:
        constraints["enum"] = _vocabularies()[enum]
    if pattern:
        constraints["pattern"] = pattern
    if required:
        constraints["required"] = True
    if constraints:
        field["constraints"] = constraints
    return field


def _codes(prefix: str = "") -> list[dict]:
    s = field_schema
    fields = [s(f"{prefix}cameo", pattern=CAMEO), s(f"{prefix}plover"), s(f"{prefix}plover_mode")]
    if not prefix:
        fields += [s("plover_context"), s("quad_class", "integer"), s("goldstein", "number")]
    return fields


def schemas() -> dict[str, list[dict]]:
    """Every table's fields, each with its description (FIELD_DESCRIPTIONS)."""
    tables = _schema_fields()
    for table, fields in tables.items():
        for field in fields:
            field["description"] = FIELD_DESCRIPTIONS[table][field["name"]]
    return tables


def _schema_fields() -> dict[str, list[dict]]:
    s = field_schema
    return {
        "articles": [s("article_id", required=True), s("file"), s("outlet"), s("url"),
                     s("title"), s("published", "date"), s("date_basis"), s("language"),
                     s("words_raw", "integer"), s("words_clean", "integer"),
                     s("lines_removed", "integer"), s("sentences", "integer")],
        "removals": [s("article_id", required=True), s("line", "integer"), s("rule"),
                     s("text")],
        "mentions": [s("mention_id", required=True, pattern=r"^.+:\d+$"), s("article_id"),
                     s("sentence"), s("start", "integer"), s("end", "integer"),
                     s("event_kind", enum="event_kind"), s("event_id", required=True),
                     s("meeting_id"), s("measure_id"), s("rule"), s("matched_text")],
        "meetings": [s("meeting_id", required=True), s("date_start", "date"),
                     s("date_end", "date"), s("date_precision", enum="precision"),
                     s("date_text"), s("status", enum="status_meeting", required=True),
                     s("level", enum="level"), s("format", enum="format"),
                     s("countries", "list"), s("participants", "list"),
                     s("participant_ids", "list"), s("location"), s("place_id"),
                     s("location_country", pattern=ISO3), s("latitude", "number"),
                     s("longitude", "number"), s("occasion"),
                     s("multilateral_occasion", "boolean"), s("topics", "list"),
                     s("outcome", enum="outcome"), *_codes(), s("mentions", "list",
                                                                required=True),
                     s("articles", "list"), s("rule"), s("matched_text"),
                     s("why", required=True)],
        "measures": [s("measure_id", required=True), s("imposer", pattern=ISO3),
                     s("targets", "list"), s("measure_type", enum="measure_type"),
                     s("direction", enum="direction"), s("products", "list"), s("announced"),
                     s("in_force"), s("lifted"), s("date_precision"), s("date_text"),
                     s("status", enum="status_measure"), *_codes(), s("demands"),
                     *_codes("demand_"), s("mentions", "list", required=True),
                     s("articles", "list"), s("rule"), s("matched_text"),
                     s("why", required=True)],
        "actors": [s("actor_id", required=True), s("name"), s("country", pattern=ISO3),
                   s("role"), s("organisation"), s("aliases", "list"), s("level", enum="level"),
                   s("sector", enum="sector"), s("wikidata", pattern=QID_OR_NONE),
                   s("articles", "list"), s("in_dictionary", "boolean")],
        "participants": [s("meeting_id", required=True), s("actor_id", required=True),
                         s("name")],
        "quotes": [s("quote_id", required=True), s("article_id"), s("speaker"), s("text"),
                   s("start", "integer"), s("end", "integer"), s("speaker_name"), s("rule")],
        "unknown_actors": [s("name"), s("article_id"), s("sentence_index", "integer"),
                           s("sentence")],
        "topics": [s("article_id", required=True), s("topic", required=True),
                   s("sentences", "integer"), s("example")],
    }


def _resource(name: str, columns: list[str], fields: list[dict], written: CsvSink) -> dict:
    if [f["name"] for f in fields] != list(columns):
        raise AssertionError(f"schema of {name} does not match its columns")
    excerpts = EXCERPTS.get(name, set())
    fields = [{**f, "rights": EXCERPT_RIGHTS} if f["name"] in excerpts else f
              for f in fields]
    schema: dict = {"fields": fields, "missingValues": [""]}
    if name in PRIMARY_KEYS:
        schema["primaryKey"] = PRIMARY_KEYS[name]
    if name in FOREIGN_KEYS:
        schema["foreignKeys"] = FOREIGN_KEYS[name]
    return {
        "name": name, "path": f"{name}.csv", "format": "csv", "mediatype": "text/csv",
        "encoding": "utf-8", "description": DESCRIPTIONS[name],
        "licenses": [CODING_LICENCE, EXCERPT_LICENCE] if excerpts else [CODING_LICENCE],
        "hash": "sha256:" + written.sha256, "bytes": written.size,
        "schema": schema,
    }


def source(outlet, title, article_id, published, url) -> dict:
    """One article the tables were coded from, as a Frictionless source."""
    found = {"title": f"{outlet}, {title or article_id}, {published}"}
    if url:
        found["path"] = url
    return found


_ARTICLE_SOURCE = ("outlet", "title", "article_id", "published", "url")


class _Sources:
    """The descriptor's ``sources`` list, kept as JSON text in a temporary file while
    the articles are written (a million articles are a million sources)."""

    def __init__(self, columns: list[str]) -> None:
        self._at = [columns.index(c) for c in _ARTICLE_SOURCE]
        self._file = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self._count = 0

    def tap(self, rows: Iterable[tuple]) -> Iterator[tuple]:
        for row in rows:
            text = json.dumps(source(*(row[i] for i in self._at)), indent=2, sort_keys=True,
                              ensure_ascii=False)
            self._file.write(("," if self._count else "") + "\n" + _indent(text, 4))
            self._count += 1
            yield row

    def write_into(self, handle, head: str, tail: str) -> None:
        """``head`` + the list + ``tail``: the text ``json.dumps`` gives for the list."""
        handle.write(head + ("[" if self._count else "[]"))
        if self._count:
            self._file.seek(0)
            shutil.copyfileobj(self._file, handle)
            handle.write("\n  ]")
        handle.write(tail)
        self._file.close()


def _indent(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line for line in text.split("\n"))


_SOURCES_MARK = '"sources": "@sources@"'
SHOWN_SOURCE_PROBLEMS = 10


def _descriptor_head() -> dict:
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "talking-trade", "title": "Talking Trade: meetings and trade measures",
        "version": __version__,
        "description": "Meetings and trade measures between governments coded from news "
                       "articles by the rules and dictionaries of Talking Trade; every row "
                       "points to the sentences it was coded from. Codebook: docs/codebook.md.",
        "homepage": "https://github.com/talking-trade/talking-trade",
        "licenses": [CODING_LICENCE],
        "contributors": [{"title": "Talking Trade project team", "roles": ["creator"]}],
        "sources": "@sources@",
    }


def _write_descriptor(path: Path, resources: list[dict], sources: _Sources) -> None:
    """A Frictionless v2 data package: version, sources, contributors, licences per
    resource, primary and foreign keys, list fields, each resource's hash and bytes.
    The bytes are those of ``json.dumps(indent=2, sort_keys=True)`` of the whole."""
    text = json.dumps({**_descriptor_head(), "resources": resources}, indent=2,
                      sort_keys=True, ensure_ascii=False) + "\n"
    head, tail = text.split(_SOURCES_MARK)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        sources.write_into(handle, head + '"sources": ', tail)


def write_order(names: Iterable[str]) -> list[str]:
    """The tables in their order, but every table a foreign key points to before the
    tables that point to it (mentions after meetings and measures): each table can then
    be validated as soon as it is written."""
    order: list[str] = []

    def visit(name: str) -> None:
        if name not in order:
            for key in FOREIGN_KEYS.get(name, []):
                visit(key["reference"]["resource"])
            order.append(name)

    for name in names:
        visit(name)
    return order


def _referred(name: str) -> list[str]:
    return list(dict.fromkeys(k["reference"]["resource"] for k in FOREIGN_KEYS.get(name, [])))


def write_files(tables: TableRows, folder: Path,
                written: Callable[[str, list[dict]], None] | None = None) -> None:
    """Every table's CSV, streamed row by row, then the descriptor and the run log.
    ``written(name, resources)`` is told of each finished table, with its resource and
    those its foreign keys point to (all already written)."""
    all_schemas = schemas()
    sources = _Sources(tables.columns["articles"])
    resources: dict[str, dict] = {}
    counts: dict[str, int] = {}
    for name in write_order(tables.rows):
        sink = CsvSink(folder / f"{name}.csv", tables.columns[name])
        try:
            rows = tables.rows[name]
            sink.write(sources.tap(rows) if name == "articles" else rows)
        finally:
            sink.close()
        counts[name] = sink.rows
        resources[name] = _resource(name, tables.columns[name], all_schemas[name], sink)
        if written is not None:
            written(name, [resources[n] for n in (*_referred(name), name)])
    tables.counts.update({name: counts[name] for name in tables.rows})
    _write_descriptor(folder / "datapackage.json", [resources[n] for n in tables.rows],
                      sources)
    (folder / "run_log.txt").write_bytes(tables.run_log().encode("utf-8"))


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """Deterministic CSV bytes; text cells a spreadsheet would run as a formula are
    neutralised (``publish.cells``)."""
    return neutralise_frame(frame).to_csv(index=False, lineterminator="\n").encode("utf-8")


def _problems(folder: Path) -> tuple[list[str], list[str]]:
    """Every check on the package in this process: per-row problems, then package-level
    ones (the checks :func:`_shared_problems` shares among processes)."""
    package = _descriptor_problems(folder)
    if package:
        return [], package
    resources = _resources(folder)
    found = [_resource_problems(folder, r["name"], resources) for r in resources]
    return ([p for rows, _ in found for p in rows],
            list(dict.fromkeys(p for _, problems in found for p in problems)))


def _resources(folder: Path) -> list[dict]:
    return _sources_apart(folder / "datapackage.json", lambda _: None)["resources"]


def _resource_problems(folder: Path, name: str, resources: list[dict] | None = None
                       ) -> tuple[list[str], list[str]]:
    """Frictionless's findings on the rows of one resource, then the findings of
    ``publish.keys`` on its primary and foreign keys (Frictionless would hold every key
    in memory), against the descriptor without its ``sources`` list: the sources (one per
    article) are package metadata, checked once by :func:`_descriptor_problems`.
    ``resources`` are the resource and those it refers to, before the descriptor is
    written; by default they are read from it."""
    from frictionless import Package, system

    if resources is None:
        resources = _resources(folder)
    descriptor = {**_descriptor_head(), "resources": [without_keys(r) for r in resources]}
    descriptor.pop("sources", None)
    with system.use_context(trusted=True):
        report = Package(descriptor, basepath=str(folder)).validate(name=name)
    rows = [f"{task.name}: {err.message}" for task in report.tasks for err in task.errors]
    return (rows + key_problems(folder, resources, name),
            [err.message for err in report.errors])


_SOURCES_OPEN, _SOURCES_CLOSE = '  "sources": [', ("  ]", "  ],")
_ITEM_OPEN, _ITEM_CLOSE = "    {", ("    }", "    },")


def _sources_apart(path: Path, source: Callable[[dict], None]) -> dict:
    """The descriptor with an empty ``sources`` list, each source handed to ``source``
    as it is read. A million articles are a million sources: the descriptor is read line
    by line in the layout :func:`_write_descriptor` gives it, so the list is never held
    whole; a descriptor in another layout (edited by hand) is read whole instead. A
    ``sources`` that is not a list is left for Frictionless to report."""
    head: list[str] = []
    item: list[str] | None = None
    in_sources = apart = False
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            bare = line.rstrip("\n")
            if not in_sources:
                in_sources = bare == _SOURCES_OPEN
                apart = apart or in_sources
                head.append(line if not in_sources else "")
            elif item is None and bare in _SOURCES_CLOSE:
                in_sources = False
                head[-1] = '  "sources": []' + bare[3:] + "\n"  # keeps a trailing comma
            elif item is None and bare == _ITEM_OPEN:
                item = ["{"]
            elif item is not None and bare in _ITEM_CLOSE:
                source(json.loads("".join(item) + "}"))
                item = None
            elif item is not None:
                item.append(line)
            else:
                break  # not the writer's layout
        else:
            if apart and not in_sources:
                return json.loads("".join(head))
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(descriptor.get("sources"), list):
        for found in descriptor["sources"]:
            source(found)
        descriptor["sources"] = []
    return descriptor


def _descriptor_problems(folder: Path) -> list[str]:
    """Frictionless's findings on the descriptor itself (the package's metadata): each
    source is checked as it is read, against Frictionless's own profile for a source,
    and the rest of the descriptor (with its first source) by Frictionless."""
    from frictionless import Package, system
    from jsonschema import Draft7Validator

    check = Draft7Validator(Package.metadata_profile["properties"]["sources"]["items"])
    problems: list[str] = []
    first: list[dict] = []

    def source(found: dict) -> None:
        if not first:
            first.append(found)
        if len(problems) < SHOWN_SOURCE_PROBLEMS:
            problems.extend(f"sources: {e.message}" for e in check.iter_errors(found))

    descriptor = _sources_apart(folder / "datapackage.json", source)
    if descriptor.get("sources") == []:
        descriptor["sources"] = first
    with system.use_context(trusted=True):
        report = Package.validate_descriptor(descriptor)
    return [err.message for err in report.errors] + problems


def _shared_problems(folder: Path, jobs: int) -> tuple[list[str], list[str]]:
    """The descriptor, then every resource, shared among ``jobs`` processes, largest
    files first (a run on two cores would otherwise end with one core validating
    alone)."""
    names = [r["name"] for r in json.loads(
        (folder / "datapackage.json").read_text(encoding="utf-8"))["resources"]]
    largest = sorted(names, key=lambda n: -(folder / f"{n}.csv").stat().st_size)
    with worker_pool(min(jobs, len(names) + 1)) as pool:
        meta = pool.submit(_descriptor_problems, folder)
        return _collect(meta, {n: pool.submit(_resource_problems, folder, n) for n in largest},
                        names)


def _collect(meta: Future, tasks: dict[str, Future], names: list[str]
             ) -> tuple[list[str], list[str]]:
    """The findings of the descriptor's task, then of each resource's, in table order. A
    faulty descriptor is reported alone: the resources cannot be read by it."""
    package = meta.result()
    if package:
        for task in tasks.values():
            task.cancel()
        return [], package
    found = {n: tasks[n].result() for n in names}
    rows = [p for n in names for p in found[n][0]]
    return rows, list(dict.fromkeys(p for n in names for p in found[n][1]))


def _raise_problems(folder: Path, rows: list[str], package: list[str]) -> None:
    if rows or package:
        problems = rows[:10] + package[:5]
        raise InputError("output failed its schema: " + "; ".join(problems), folder)


def validate_package(folder: Path, jobs: int = 1) -> None:
    """Validate every resource against its Table Schema, keys included. With ``jobs`` > 1
    the descriptor and the resources are shared among that many processes."""
    rows, package = _problems(folder) if jobs <= 1 else _shared_problems(folder, jobs)
    _raise_problems(folder, rows, package)


def write_package(tables: Tables | TableRows, out: Path, state: SwapState | None = None,
                  jobs: int = 1, validate: bool = True) -> list[Path]:
    """Stream every file into a new versioned folder beside ``out``, validate it there,
    then make ``out`` name it by one atomic rename (``publish.output.publish_folder``),
    so ``out`` holds the old set or the new one, whole, at every instant. ``jobs``
    processes share the validation. ``validate=False`` is for the build's own cache
    (``report.book.build_store``): the same writer, checked wherever a package is
    published, so a build does not validate eight packages nobody downloads."""
    rows = tables if isinstance(tables, TableRows) else TableRows.of(tables)
    names = [f"{name}.csv" for name in rows.rows] + ["datapackage.json", "run_log.txt"]
    if validate and jobs > 1:
        return _write_validating(rows, out, names, state, jobs)
    check = (lambda folder: validate_package(folder, jobs)) if validate else (lambda _: None)
    return publish_folder(out, names, lambda folder: write_files(rows, folder), check, state)


def _write_validating(rows: TableRows, out: Path, names: list[str],
                      state: SwapState | None, jobs: int) -> list[Path]:
    """``write_package`` with ``jobs`` > 1: the validating processes start before the
    first file is written, and each table is validated as soon as it and the tables its
    foreign keys point to are on disk, while the next one is written; the descriptor is
    checked once written. The same checks as :func:`validate_package`."""
    with worker_pool(jobs) as pool:
        tasks: dict[str, Future] = {}

        def write(folder: Path) -> None:
            write_files(rows, folder, lambda name, resources: tasks.__setitem__(
                name, pool.submit(_resource_problems, folder, name, resources)))

        def check(folder: Path) -> None:
            meta = pool.submit(_descriptor_problems, folder)
            _raise_problems(folder, *_collect(meta, tasks, list(rows.rows)))

        try:
            return publish_folder(out, names, write, check, state)
        except BaseException:
            for task in tasks.values():
                task.cancel()  # a failed or interrupted run does not wait for them
            raise
