"""Frictionless descriptors for the curated data: the dictionaries (``data/dictionaries``),
the code tables (``data/codes``) and each article set's gold annotations
(``corpora/<set>/gold``).

They are generated from the schemas below and committed beside the files they describe
(``python -m tradetalks describe``); a test checks that the committed ones are current
and valid. Hashes are left out on purpose: a dictionary edit should not need a
descriptor edit, and the tables' package (``publish.package``) carries the hashes of
what is published.
"""

from __future__ import annotations

import json
from pathlib import Path

from tradetalks import __version__
from tradetalks.paths import CODES_DIR, DICTIONARY_DIR, PROJECT_ROOT
from tradetalks.publish.package import (
    CODING_LICENCE,
    EXCERPT_LICENCE,
    EXCERPT_RIGHTS,
    field_schema,
    validate_package,
)

s = field_schema
ISO3 = r"^[A-Z]{3}$"
PARTIAL_DATE = r"^$|^\d{4}(-\d{2}(-\d{2})?)?$"


def _fk(field: str, resource: str, target: str) -> dict:
    return {"fields": [field], "reference": {"resource": resource, "fields": [target]}}


def _resource(name: str, description: str, fields: list[dict], primary: list[str] | None = None,
              foreign: list[dict] | None = None, excerpts: tuple[str, ...] = ()) -> dict:
    fields = [{**f, "rights": EXCERPT_RIGHTS} if f["name"] in excerpts else f for f in fields]
    schema: dict = {"fields": fields, "missingValues": [""]}
    if primary:
        schema["primaryKey"] = primary
    if foreign:
        schema["foreignKeys"] = foreign
    return {"name": name, "path": f"{name}.csv", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "description": description,
            "licenses": [CODING_LICENCE, EXCERPT_LICENCE] if excerpts else [CODING_LICENCE],
            "schema": schema}


def _package(name: str, title: str, description: str, resources: list[dict]) -> dict:
    return {"$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
            "name": name, "title": title, "version": __version__, "description": description,
            "licenses": [CODING_LICENCE],
            "contributors": [{"title": "Talking Trade project team", "roles": ["creator"]}],
            "resources": resources}


def dictionaries_descriptor() -> dict:
    return _package(
        "talking-trade-dictionaries", "Talking Trade reference dictionaries",
        "Curated actors, governments, places, occasions, products, topics, WTO disputes and "
        "known measures (data/dictionaries/README.md).", [
            _resource("actors", "One row per person and office tenure.", [
                s("actor_id", required=True), s("name", required=True), s("aliases", "list"),
                s("country", pattern=ISO3), s("role"), s("organisation"),
                s("level", enum="level"), s("sector", enum="sector"),
                s("wikidata", required=True, pattern=r"^(Q[1-9]\d*|none)$"),
                s("wikidata_note"), s("valid_from", pattern=PARTIAL_DATE),
                s("valid_to", pattern=PARTIAL_DATE), s("note")],
                primary=["actor_id", "role", "valid_from"],
                foreign=[_fk("country", "countries", "iso3")]),
            _resource("countries", "Governments and customs territories.", [
                s("iso3", required=True, pattern=ISO3), s("name"), s("short"),
                s("aliases", "list"), s("demonyms", "list"), s("capital")], primary=["iso3"]),
            _resource("places", "Cities and venues, with GeoNames ids and coordinates.", [
                s("place_id", required=True), s("place", required=True),
                s("country", pattern=ISO3), s("aliases", "list"),
                s("geonames_id", required=True, pattern=r"^(\d+|none)$"),
                s("latitude", "number", required=True), s("longitude", "number", required=True),
                s("coordinates_source", required=True)], primary=["place_id"],
                foreign=[_fk("country", "countries", "iso3")]),
            _resource("occasions", "Summits and forums with their date windows.", [
                s("occasion_id", required=True), s("name"), s("short"), s("aliases", "list"),
                s("city"), s("country", pattern=ISO3), s("start", pattern=PARTIAL_DATE),
                s("end", pattern=PARTIAL_DATE), s("multilateral", pattern=r"^(yes|no)$"),
                s("note")],
                primary=["occasion_id"], foreign=[_fk("country", "countries", "iso3")]),
            _resource("products", "Product codes and the patterns that find them.",
                      [s("product", required=True), s("pattern"), s("note")],
                      primary=["product"]),
            _resource("topics", "Topic codes and the patterns that find them.",
                      [s("topic", required=True), s("pattern")], primary=["topic"]),
            _resource("disputes", "WTO disputes: complainant, respondent, the challenged measure's "
                      "kind and goods, and when the dispute was filed and closed.", [
                          s("dispute_id", required=True, pattern=r"^DS[1-9]\d*$"),
                          s("complainant", required=True, pattern=ISO3),
                          s("respondent", required=True, pattern=ISO3),
                          s("measure_type", required=True, enum="measure_type"),
                          s("products", "list", required=True),
                          s("filed", required=True, pattern=PARTIAL_DATE),
                          s("closed", pattern=PARTIAL_DATE), s("title"), s("note")],
                      primary=["dispute_id"],
                      foreign=[_fk("complainant", "countries", "iso3"),
                               _fk("respondent", "countries", "iso3")]),
            _resource("known_measures", "Measures so identified with their goods that a "
                      "sentence naming only the goods means them: the goods, who imposed the "
                      "measure, its kind, and the date it was announced.", [
                          s("product", required=True), s("imposer", required=True, pattern=ISO3),
                          s("measure_type", required=True, enum="measure_type"),
                          s("since", required=True, pattern=PARTIAL_DATE), s("note")],
                      primary=["product", "imposer", "measure_type"],
                      foreign=[_fk("product", "products", "product"),
                               _fk("imposer", "countries", "iso3")]),
        ])


def codes_descriptor() -> dict:
    return _package(
        "talking-trade-event-codes", "Talking Trade CAMEO and PLOVER code tables",
        "CAMEO to PLOVER mapping transcribed from the standards (data/codes/README.md), the "
        "rules that choose a code for each event, and the trigger evidence they use.", [
            _resource("cameo_plover", "CAMEO code -> PLOVER type, mode, context, quad class "
                      "and Goldstein score, with the source.", [
                          s("cameo", required=True, pattern=r"^\d{3,4}$"), s("cameo_name"),
                          s("plover_type", required=True), s("plover_mode"),
                          s("plover_context"), s("quad_class", "integer"),
                          s("goldstein", "number"), s("source", required=True)],
                      primary=["cameo"]),
            _resource("event_codes", "First-match rules from the codebook's fields to a CAMEO "
                      "code (an empty condition matches anything).", [
                          s("event_kind", required=True), s("status", "list"),
                          s("format", "list"), s("outcome", "list"), s("place", "list"),
                          s("evidence", "list"), s("measure_type", "list"),
                          s("cameo", required=True), s("note")],
                      foreign=[_fk("cameo", "cameo_plover", "cameo")]),
            _resource("evidence", "Meeting triggers whose match is evidence of a protest or "
                      "a signing.", [s("evidence", required=True), s("trigger_outcome"),
                                     s("description")], primary=["evidence"]),
        ])


def gold_descriptor(set_name: str) -> dict:
    evidence = ("evidence",)
    meetings = [s("article_id", required=True), s("date_start", "date"), s("date_end", "date"),
                s("date_precision", enum="precision"), s("date_text"),
                s("status", enum="status_meeting", required=True), s("level", enum="level"),
                s("format", enum="format"), s("countries", "list"), s("participants", "list"),
                s("location"), s("occasion"), s("topics", "list"), s("outcome", enum="outcome"),
                s("evidence")]
    measures = [s("article_id", required=True), s("imposer", pattern=ISO3),
                s("targets", "list"), s("measure_type", enum="measure_type"),
                s("direction", enum="direction"), s("products", "list"), s("announced"),
                s("in_force"), s("lifted"), s("date_precision"), s("date_text"),
                s("status", enum="status_measure"), s("demands"), s("evidence")]
    return _package(
        f"talking-trade-gold-{set_name}", f"Talking Trade gold annotations: {set_name}",
        "Meetings and measures per article, written by team members reading the articles "
        "(docs/codebook.md); the evidence column quotes the article.", [
            _resource("meetings", "Gold meetings, one row per article that reports one.",
                      meetings, excerpts=evidence),
            _resource("measures", "Gold measures, one row per article that reports one.",
                      measures, excerpts=evidence)])


def descriptor_files() -> dict[Path, dict]:
    """Every curated-data descriptor and where it is committed."""
    files = {DICTIONARY_DIR / "datapackage.json": dictionaries_descriptor(),
             CODES_DIR / "datapackage.json": codes_descriptor()}
    for gold in sorted((PROJECT_ROOT / "corpora").glob("*/gold")):
        files[gold / "datapackage.json"] = gold_descriptor(gold.parent.name)
    return files


def descriptor_text(descriptor: dict) -> str:
    return json.dumps(descriptor, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_descriptors() -> list[Path]:
    written = []
    for path, descriptor in descriptor_files().items():
        path.write_text(descriptor_text(descriptor), encoding="utf-8")
        validate_package(path.parent)
        written.append(path)
    return written
