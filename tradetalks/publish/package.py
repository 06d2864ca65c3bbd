"""Write the tables as CSV plus a Frictionless data package, validated before they land.

Files are written to a temporary folder beside the output, validated against the
package's Table Schemas, and only then moved into place, so a failed or interrupted run
leaves the previous outputs as they were. CSV bytes are deterministic: fixed column
order, sorted rows, LF line ends, no timestamps or absolute paths.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from tradetalks.errors import InputError
from tradetalks.publish.tables import Tables
from tradetalks.vocabulary import vocabulary


def _vocabularies() -> dict[str, list[str]]:
    """Enum constraints of the Table Schemas, from the codebook's vocabulary."""
    v = vocabulary()
    return {"status_meeting": list(v.meeting_statuses), "level": list(v.levels),
            "format": list(v.formats), "precision": list(v.date_precisions),
            "outcome": list(v.outcomes), "measure_type": list(v.measure_types),
            "direction": list(v.directions), "status_measure": list(v.measure_statuses),
            "event_kind": list(v.event_kinds)}


LIST_ISO3 = r"^$|^[A-Z]{3}(;[A-Z]{3})*$"
DESCRIPTIONS = {
    "articles": "One row per article: manifest fields and word counts before and after cleaning.",
    "removals": "Every line removed by the cleaning stage, with the rule that removed it.",
    "mentions": "Sentences that report a meeting or measure; sentence == cleaned_text[start:end].",
    "meetings": "Meetings between governments, merged across articles (codebook MEETINGS).",
    "measures": "Trade measures, merged across articles (codebook TRADE MEASURES).",
    "actors": "People named in the articles who are in the actor dictionary (codebook ACTORS).",
    "quotes": "Direct quotations with their speakers (codebook QUOTES).",
    "unknown_actors": "People named with a title but absent from the actor dictionary.",
    "topics": "Per article, how many sentences touch each topic of the codebook's vocabulary.",
}


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
        "rule": "Cleaning rule that removed the line (data/debris.yaml).",
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
        "meeting_id": "Meeting identifier: start date, governments and level.",
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
        "plover": "PLOVER event type and mode.",
        "mentions": "Mentions that report the meeting, joined by ';'.",
        "articles": "Articles that report the meeting, joined by ';'.",
        "rule": "Rules that found each mention, in mention order.",
        "matched_text": "Words each rule matched, in mention order."},
    "measures": {
        "measure_id": "Measure identifier: imposer, type and products.",
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


def _field(name: str, kind: str = "string", enum: str | None = None, pattern: str | None = None,
           required: bool = False) -> dict:
    field: dict = {"name": name, "type": kind}
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


def schemas() -> dict[str, dict]:
    """Every table's fields, each with its description (FIELD_DESCRIPTIONS)."""
    tables = _schema_fields()
    for table, fields in tables.items():
        for field in fields:
            field["description"] = FIELD_DESCRIPTIONS[table][field["name"]]
    return tables


def _schema_fields() -> dict[str, list[dict]]:
    s = _field
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
                     s("rule"), s("matched_text")],
        "meetings": [s("meeting_id", required=True), s("date_start", "date"),
                     s("date_end", "date"), s("date_precision", enum="precision"),
                     s("date_text"), s("status", enum="status_meeting", required=True),
                     s("level", enum="level"), s("format", enum="format"),
                     s("countries", pattern=LIST_ISO3), s("participants"), s("location"),
                     s("occasion"), s("topics"), s("outcome", enum="outcome"), s("cameo"),
                     s("plover"), s("mentions", required=True), s("articles"), s("rule"),
                     s("matched_text")],
        "measures": [s("measure_id", required=True), s("imposer", pattern=r"^[A-Z]{3}$"),
                     s("targets", pattern=LIST_ISO3), s("measure_type", enum="measure_type"),
                     s("direction", enum="direction"), s("products"), s("announced"),
                     s("in_force"), s("lifted"), s("date_precision"), s("date_text"),
                     s("status", enum="status_measure"), s("demands"),
                     s("mentions", required=True), s("articles"), s("rule"),
                     s("matched_text")],
        "actors": [s("actor_id", required=True), s("name"), s("country", pattern=r"^[A-Z]{3}$"),
                   s("role"), s("organisation"), s("aliases"), s("level", enum="level"),
                   s("articles"), s("in_dictionary", "boolean")],
        "quotes": [s("quote_id", required=True), s("article_id"), s("speaker"), s("text"),
                   s("start", "integer"), s("end", "integer"), s("speaker_name"), s("rule")],
        "unknown_actors": [s("name"), s("article_id"), s("sentence_index", "integer"),
                           s("sentence")],
        "topics": [s("article_id", required=True), s("topic", required=True),
                   s("sentences", "integer"), s("example")],
    }


def descriptor(tables: Tables) -> dict:
    resources = []
    all_schemas = schemas()
    for name, frame in tables.items():
        fields = all_schemas[name]
        if [f["name"] for f in fields] != list(frame.columns):
            raise AssertionError(f"schema of {name} does not match its columns")
        primary = {"mentions": ["mention_id", "event_id"], "meetings": ["meeting_id"],
                   "measures": ["measure_id"], "actors": ["actor_id"], "quotes": ["quote_id"],
                   "articles": ["article_id"]}.get(name)
        schema: dict = {"fields": fields, "missingValues": [""]}
        if primary:
            schema["primaryKey"] = primary
        resources.append({
            "name": name, "path": f"{name}.csv", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "description": DESCRIPTIONS[name], "schema": schema,
        })
    return {"name": "talking-trade", "title": "Talking Trade: meetings and trade measures",
            "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0"}],
            "resources": resources}


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def validate_package(folder: Path) -> None:
    from frictionless import Package, system

    with system.use_context(trusted=True):
        report = Package(str(folder / "datapackage.json")).validate()
    if not report.valid:
        problems = [f"{task.name}: {err.message}" for task in report.tasks
                    for err in task.errors][:10]
        problems += [err.message for err in report.errors][:5]
        raise InputError("output failed its schema: " + "; ".join(problems), folder)


def write_package(tables: Tables, out: Path) -> list[Path]:
    """Write every file to a staging folder beside ``out``, validate, then swap the
    folders (two renames), so ``out`` holds either the old set or the new one, whole.
    If ``out`` holds files this program did not write, they are kept: the new files are
    then moved in one by one (each move atomic) instead."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    try:
        files = {f"{name}.csv": csv_bytes(frame) for name, frame in tables.items()}
        files["datapackage.json"] = (json.dumps(descriptor(tables), indent=2, sort_keys=True,
                                                ensure_ascii=False) + "\n").encode("utf-8")
        files["run_log.txt"] = tables.run_log().encode("utf-8")
        for name, data in files.items():
            (staging / name).write_bytes(data)
        validate_package(staging)
        foreign = [p for p in out.iterdir() if p.name not in files] if out.exists() else []
        if foreign:
            for name in sorted(files):
                os.replace(staging / name, out / name)
        else:
            retired = out.parent / f".{out.name}.old-{staging.name.rsplit('-', 1)[-1]}"
            if out.exists():
                os.replace(out, retired)
            os.replace(staging, out)
            shutil.rmtree(retired, ignore_errors=True)
        return [out / name for name in sorted(files)]
    finally:
        shutil.rmtree(staging, ignore_errors=True)
