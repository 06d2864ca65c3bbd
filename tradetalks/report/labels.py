"""Readable labels for codes, from the dictionaries and the codebook vocabulary.

A new country in ``countries.csv`` (with its ``short`` label) shows by name in every chart
and table with no code change.
"""

from __future__ import annotations

from functools import lru_cache

from tradetalks.knowledge.dictionaries import load_dictionaries
from tradetalks.vocabulary import vocabulary


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    everywhere = vocabulary().all_destinations
    names = {everywhere["code"]: everywhere["label"]}
    short = {everywhere["code"]: everywhere["short"]}
    for country in load_dictionaries().countries:
        names[country.iso3] = country.name
        short[country.iso3] = country.short
    return names, short


def country_label(codes: str) -> str:
    """'CHN;JPN' -> 'China–Japan' (short names, for chart axes and pairs)."""
    short = _countries()[1]
    return "–".join(short.get(c, c) for c in str(codes).split(";") if c)


def readable(code: str) -> str:
    """'senior_official' -> 'senior official'; 'WLD' -> 'all destinations'; ISO3 -> name."""
    names = _countries()[0]
    parts = [p for p in str(code).split(";") if p]
    return ", ".join(names.get(p, p.replace("_", " ")) for p in parts)
