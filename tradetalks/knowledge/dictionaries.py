"""Load and validate the curated dictionaries in ``data/`` (see data/DICTIONARIES.md).

Knowledge lives in data files, not in code: actors with their tenures, governments and
the words that stand for them, places, occasions with their date windows, products,
topics and trigger vocabularies. Each loader checks the columns and values and names the
file and line of any error.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from tradetalks.errors import InputError
from tradetalks.paths import DICTIONARY_DIR, RULES_DIR
from tradetalks.prefilter import compile as guarded
from tradetalks.vocabulary import vocabulary

ISO3 = re.compile(r"^[A-Z]{3}$")
QID = re.compile(r"^Q[1-9]\d*$")


@dataclass(frozen=True)
class ActorEntry:
    actor_id: str
    name: str
    aliases: tuple[str, ...]
    country: str
    role: str
    organisation: str
    level: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    sector: str = ""
    wikidata: str = "none"

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to)

    def distance(self, day: dt.date) -> int:
        if self.valid_on(day):
            return 0
        if self.valid_from and day < self.valid_from:
            return (self.valid_from - day).days
        return (day - self.valid_to).days if self.valid_to else 0


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    short: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str


@dataclass(frozen=True)
class Place:
    place: str
    country: str
    aliases: tuple[str, ...]
    place_id: str = ""
    geonames_id: str = "none"
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Occasion:
    occasion_id: str
    name: str
    short: str
    aliases: tuple[str, ...]
    city: str
    country: str
    start: dt.date
    end: dt.date
    multilateral: bool = False


@dataclass(frozen=True)
class Dictionaries:
    actors: tuple[ActorEntry, ...]
    countries: tuple[Country, ...]
    places: tuple[Place, ...]
    occasions: tuple[Occasion, ...]
    products: tuple[tuple[str, re.Pattern[str]], ...]
    topics: tuple[tuple[str, re.Pattern[str]], ...]
    triggers: dict
    disputes: tuple[Dispute, ...] = ()
    known_measures: tuple[KnownMeasure, ...] = ()


@dataclass(frozen=True)
class KnownMeasure:
    """A measure so identified with its goods that a sentence naming only the goods
    ("the export controls on gallium") means it: who imposed it, and from when."""

    product: str
    imposer: str
    measure_type: str
    since: dt.date


@dataclass(frozen=True)
class Dispute:
    """A WTO dispute: who complained about whose measure on which goods, and when."""

    dispute_id: str
    complainant: str
    respondent: str
    measure_type: str
    products: tuple[str, ...]
    filed: dt.date
    closed: dt.date | None


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(";") if v.strip())


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("dictionary file missing", path) from None
    except UnicodeDecodeError:
        raise InputError("dictionary is not valid UTF-8", path) from None
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"missing column(s): {', '.join(missing)}", path, 1)
    rows = []
    for row in reader:
        if None in row or any(v is None for v in row.values()):
            raise InputError(f"row has {'more' if None in row else 'fewer'} fields than the "
                             "header (quote a field that contains a comma)", path,
                             reader.line_num)
        rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()}))
    return rows


def _date(value: str, path: Path, line: int, last: bool = False) -> dt.date | None:
    """An ISO date, or a year or year-month where the tenure is known only that well
    (taken as its first day, or its last day when ``last``)."""
    if not value:
        return None
    try:
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 12, 31) if last else dt.date(int(value), 1, 1)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            year, month = map(int, value.split("-"))
            if last:
                return dt.date(year, month, calendar.monthrange(year, month)[1])
            return dt.date(year, month, 1)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)",
                         path, line) from None


def _iso3(value: str, path: Path, line: int) -> str:
    if not ISO3.match(value):
        raise InputError(f"{value!r} is not an ISO 3166 alpha-3 code", path, line)
    return value


SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _check_actor_rows(rows: list[tuple[int, dict[str, str]]], path: Path) -> None:
    """The invariants README.md promises: ids are slugs, one id is one name, tenures run
    forward, and no name or alias points to two people whose tenures overlap."""
    names: dict[str, str] = {}
    spans: dict[str, list[tuple[str, dt.date, dt.date, int]]] = {}
    for line, row in rows:
        actor_id = row["actor_id"]
        if not SLUG.match(actor_id):
            raise InputError(f"actor_id {actor_id!r} is not a lowercase ASCII slug", path, line)
        if names.setdefault(actor_id, row["name"]) != row["name"]:
            raise InputError(f"actor_id {actor_id!r} has two names: {names[actor_id]!r} and "
                             f"{row['name']!r}", path, line)
        start = _date(row["valid_from"], path, line) or dt.date.min
        end = _date(row["valid_to"], path, line, last=True) or dt.date.max
        if end < start:
            raise InputError("valid_to is before valid_from", path, line)
        for alias in {row["name"], *_split(row["aliases"])}:
            for other, o_start, o_end, o_line in spans.setdefault(alias, []):
                if other != actor_id and start <= o_end and o_start <= end:
                    raise InputError(f"alias {alias!r} names {other!r} (line {o_line}) and "
                                     f"{actor_id!r} in overlapping tenures", path, line)
            spans[alias].append((actor_id, start, end, line))


def _wikidata(row: dict[str, str], path: Path, line: int) -> str:
    """A Wikidata QID, or an explicit ``none`` that says why in ``wikidata_note``."""
    value = row["wikidata"]
    if value == "none":
        if not row["wikidata_note"]:
            raise InputError("wikidata is 'none' but wikidata_note gives no reason", path, line)
        return value
    if not QID.match(value):
        raise InputError(f"wikidata {value!r} is neither a QID (Q123) nor 'none'", path, line)
    return value


def load_actors(path: Path) -> tuple[ActorEntry, ...]:
    cols = ("actor_id", "name", "aliases", "country", "role", "organisation", "level",
            "sector", "wikidata", "wikidata_note", "valid_from", "valid_to")
    out = []
    rows = _rows(path, cols)
    _check_actor_rows(rows, path)
    for line, row in rows:
        levels, sectors = vocabulary().levels, vocabulary().sectors
        if row["level"] not in levels:
            raise InputError(f"level {row['level']!r} not one of {levels}", path, line)
        if row["sector"] not in sectors:
            raise InputError(f"sector {row['sector']!r} not one of {sectors}", path, line)
        out.append(ActorEntry(row["actor_id"], row["name"], _split(row["aliases"]),
                              _iso3(row["country"], path, line), row["role"],
                              row["organisation"], row["level"],
                              _date(row["valid_from"], path, line),
                              _date(row["valid_to"], path, line, last=True),
                              row["sector"], _wikidata(row, path, line)))
    return tuple(out)


def load_countries(path: Path) -> tuple[Country, ...]:
    out = []
    seen: dict[str, int] = {}
    for line, row in _rows(path, ("iso3", "name", "short", "aliases", "demonyms", "capital")):
        if row["iso3"] in seen:
            raise InputError(f"{row['iso3']} is listed twice (first on line {seen[row['iso3']]})",
                             path, line)
        seen[row["iso3"]] = line
        out.append(Country(_iso3(row["iso3"], path, line), row["name"],
                           row["short"] or row["name"], _split(row["aliases"]),
                           _split(row["demonyms"]), row["capital"]))
    return tuple(out)


def _coordinate(value: str, limit: float, path: Path, line: int) -> float:
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not -limit <= number <= limit:
        raise InputError(f"coordinate {value!r} is not a number within +-{limit:g}", path, line)
    return number


def load_places(path: Path) -> tuple[Place, ...]:
    cols = ("place_id", "place", "country", "aliases", "geonames_id", "latitude", "longitude")
    out = []
    for line, row in _rows(path, cols):
        if not (row["geonames_id"] == "none" or row["geonames_id"].isdigit()):
            raise InputError(f"geonames_id {row['geonames_id']!r} is neither digits nor "
                             "'none'", path, line)
        out.append(Place(row["place"], _iso3(row["country"], path, line),
                         _split(row["aliases"]), row["place_id"], row["geonames_id"],
                         _coordinate(row["latitude"], 90, path, line),
                         _coordinate(row["longitude"], 180, path, line)))
    return tuple(out)


def load_occasions(path: Path) -> tuple[Occasion, ...]:
    cols = ("occasion_id", "name", "short", "aliases", "city", "country", "start", "end",
            "multilateral")
    out = []
    for line, row in _rows(path, cols):
        start, end = _date(row["start"], path, line), _date(row["end"], path, line)
        if start is None or end is None or end < start:
            raise InputError("occasion needs start <= end", path, line)
        if row["multilateral"] not in ("yes", "no"):
            raise InputError("multilateral must be 'yes' or 'no'", path, line)
        out.append(Occasion(row["occasion_id"], row["name"], row["short"], _split(row["aliases"]),
                            row["city"], row["country"], start, end,
                            row["multilateral"] == "yes"))
    return tuple(out)


DISPUTE_ID = re.compile(r"^DS[1-9]\d*$")


def load_disputes(path: Path, products: tuple[str, ...]) -> tuple[Dispute, ...]:
    cols = ("dispute_id", "complainant", "respondent", "measure_type", "products", "filed",
            "closed", "title")
    out = []
    for line, row in _rows(path, cols):
        if row["measure_type"] not in vocabulary().measure_types:
            raise InputError(f"measure_type {row['measure_type']!r} is not in the codebook",
                             path, line)
        if not DISPUTE_ID.match(row["dispute_id"]):
            raise InputError(f"dispute_id {row['dispute_id']!r} is not a WTO number (DS590)",
                             path, line)
        goods = _split(row["products"])
        unknown = [g for g in goods if g not in products]
        if not goods or unknown:
            raise InputError(f"products must be product codes of products.csv: {unknown or '-'}",
                             path, line)
        filed = _date(row["filed"], path, line)
        closed = _date(row["closed"], path, line, last=True)
        if filed is None or (closed is not None and closed < filed):
            raise InputError("a dispute needs a filing date, before its closing date",
                             path, line)
        out.append(Dispute(row["dispute_id"], _iso3(row["complainant"], path, line),
                           _iso3(row["respondent"], path, line), row["measure_type"], goods,
                           filed, closed))
    return tuple(out)


def load_known_measures(path: Path, products: tuple[str, ...]) -> tuple[KnownMeasure, ...]:
    out = []
    for line, row in _rows(path, ("product", "imposer", "measure_type", "since")):
        if row["measure_type"] not in vocabulary().measure_types:
            raise InputError(f"measure_type {row['measure_type']!r} is not in the codebook",
                             path, line)
        if row["product"] not in products:
            raise InputError(f"product {row['product']!r} is not a product of products.csv",
                             path, line)
        since = _date(row["since"], path, line)
        if since is None:
            raise InputError("a known measure needs the date it was announced (since)",
                             path, line)
        out.append(KnownMeasure(row["product"], _iso3(row["imposer"], path, line),
                                row["measure_type"], since))
    return tuple(out)


def _patterns(path: Path, key: str, columns: tuple[str, str]) -> tuple:
    out = []
    for line, row in _rows(path, columns):
        try:
            out.append((row[columns[0]], guarded(row[columns[1]], re.I)))
        except re.error as exc:
            raise InputError(f"bad pattern for {row[columns[0]]!r}: {exc}", path, line) from None
    return tuple(out)


@lru_cache(maxsize=2)
def load_dictionaries(folder: Path = DICTIONARY_DIR, rules: Path = RULES_DIR) -> Dictionaries:
    triggers_path = rules / "triggers.yaml"
    try:
        triggers = yaml.safe_load(triggers_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", triggers_path) from None
    products = _patterns(folder / "products.csv", "product", ("product", "pattern"))
    return Dictionaries(
        actors=load_actors(folder / "actors.csv"),
        countries=load_countries(folder / "countries.csv"),
        places=load_places(folder / "places.csv"),
        occasions=load_occasions(folder / "occasions.csv"),
        products=products,
        topics=_patterns(folder / "topics.csv", "topic", ("topic", "pattern")),
        triggers=triggers,
        disputes=load_disputes(folder / "disputes.csv", tuple(p for p, _ in products)),
        known_measures=load_known_measures(folder / "known_measures.csv",
                                           tuple(p for p, _ in products)),
    )
