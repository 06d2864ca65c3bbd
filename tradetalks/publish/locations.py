"""Structured locations and participants: the display strings of a meeting resolved to
the identifiers of the dictionaries (place id, ISO3 country, coordinates; actor ids).

The rules write a location as "City, Country" or "Country" (the annotator's label);
here it is looked up again in ``places.csv`` and ``countries.csv`` so that a user can
join on ``place_id`` or map the coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tradetalks.knowledge.dictionaries import Occasion, Place, load_dictionaries
from tradetalks.knowledge.records import MeetingRecord


@dataclass(frozen=True)
class Location:
    place_id: str
    country: str
    latitude: float | None
    longitude: float | None


@lru_cache(maxsize=1)
def _lookups() -> tuple[dict[str, str], dict[tuple[str, str], Place], dict[str, Occasion],
                        dict[str, str]]:
    d = load_dictionaries()
    iso3_of = {c.name: c.iso3 for c in d.countries}
    places = {(p.place, p.country): p for p in d.places}
    occasions = {o.short: o for o in d.occasions}
    actor_ids = {a.name: a.actor_id for a in d.actors}
    return iso3_of, places, occasions, actor_ids


def locate(label: str) -> Location | None:
    """'San Francisco, United States' -> the place row; 'South Africa' -> the country only."""
    if not label:
        return None
    iso3_of, places, _, _ = _lookups()
    name, _, country_name = label.rpartition(", ")
    country = iso3_of.get(country_name, "")
    place = places.get((name, country)) if name else None
    if place is None:
        return Location("", country, None, None)
    return Location(place.place_id, place.country, place.latitude, place.longitude)


def occasion_of(m: MeetingRecord) -> Occasion | None:
    """The occasion row behind the meeting's 'APEC 2023, San Francisco' label."""
    if not m.occasion:
        return None
    return _lookups()[2].get(m.occasion.split(", ")[0])


def place_relation(m: MeetingRecord) -> str:
    """'party' when held in the country of one of the governments that met, 'third' when
    in another country, '' when the text gives no place. Without a location, a meeting
    on the sidelines of an in-person occasion is taken to be held in its host country."""
    location = locate(m.location)
    country = location.country if location else ""
    if not country:
        occasion = occasion_of(m)
        country = occasion.country if occasion and occasion.city else ""
    if not country:
        return ""
    return "party" if country in m.countries else "third"


def multilateral_occasion(m: MeetingRecord) -> bool:
    """Held at (or on the sidelines of) a forum of more than two governments."""
    occasion = occasion_of(m)
    return m.format == "multilateral" or bool(occasion and occasion.multilateral)


def actor_ids(names) -> list[str]:
    """Actor ids of participant names (the dictionary's ``name`` strings), sorted."""
    ids = _lookups()[3]
    return sorted({ids[n] for n in names if n in ids})
