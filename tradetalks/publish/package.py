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
                     s("matched_text"), s("why", required=True)],
        "measures": [s("measure_id", required=True), s("imposer", pattern=r"^[A-Z]{3}$"),
                     s("targets", pattern=LIST_ISO3), s("measure_type", enum="measure_type"),
                     s("direction", enum="direction"), s("products"), s("announced"),
                     s("in_force"), s("lifted"), s("date_precision"), s("date_text"),
                     s("status", enum="status_measure"), s("demands"),
                     s("mentions", required=True), s("articles"), s("rule"),
                     s("matched_text"), s("why", required=True)],
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
