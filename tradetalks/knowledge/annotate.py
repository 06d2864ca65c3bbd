"""Find actors, governments, places, occasions, products and topics in a sentence.

Every finding keeps its character span, so rows can show the words that produced them
(as PETRARCH's ``write_actor_text`` does). Names come only from the dictionaries; a
person introduced by a title ("Trade Minister Jane Doe") who is not in the dictionary is
returned as unknown, never dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from tradetalks.knowledge.dictionaries import ActorEntry, Dictionaries, Occasion, load_dictionaries

# A name that several occasions share names one of them only within half a year of it: an
# annual series always has one that near; an irregular one (the trilateral summits of 2019
# and 2024) is not named by "a trilateral summit" in an article of 2021.
RECURRING_OCCASION_DAYS = 183
POSSESSIVE = re.compile(r"^(?:'s|’s|’|')")
ROLE_AFTER_POSSESSIVE = re.compile(
    r"^(?:'s|’s)\s+(?:[\w-]+\s+){0,4}?(?:minister|ministers|president|premier|leader|leaders|"
    r"officials?|counterparts?|ambassador|government|delegation|director|secretary|ministry|"
    r"representatives?|envoy|negotiators?|prime|chief|top|foreign|trade|commerce|economy)\b",
    re.I)
TITLE_WORDS = (r"(?:President|Prime Minister|Premier|Vice Premier|Chancellor|Minister|"
               r"Secretary|Director[- ]General|director[- ]general|Ambassador|Commissioner|"
               r"Spokesperson|spokesperson|Spokesman|spokesman|Spokeswoman|spokeswoman|"
               r"Representative|Governor|Chief Cabinet Secretary|Deputy Minister|Vice Minister|"
               r"Foreign Minister|Trade Minister|Commerce Minister|Finance Minister|"
               r"Industry Minister|official|Senator|Chairman|Chairwoman|negotiator)")
NAME = r"(?:[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?)(?:\s+[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?){1,2}"
UNKNOWN_PERSON = [
    re.compile(rf"\b{TITLE_WORDS}\s*,?\s+(?P<name>{NAME})"),
    re.compile(rf"(?P<name>{NAME}),\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){{0,3}}"
               rf"(?:{TITLE_WORDS}|director|expert|analyst|professor|economist|researcher)\b"),
    re.compile(rf"\bsaid\s+(?P<name>{NAME})\b"),
]
NOT_NAMES = {"The", "This", "That", "Chinese", "Japanese", "Korean", "South", "North", "United",
             "Ministry", "Minister", "Foreign", "Trade", "Commerce", "European", "Prime",
             "President", "He", "She", "They", "It", "On", "In", "At", "But", "And"}


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    text: str
    value: str


@dataclass
class SentenceAnnotations:
    persons: list[tuple[Found, ActorEntry]] = field(default_factory=list)
    unknown_persons: list[Found] = field(default_factory=list)
    countries: list[Found] = field(default_factory=list)  # value = ISO3; parties only
    country_places: list[Found] = field(default_factory=list)  # ISO3 used as a place
    places: list[Found] = field(default_factory=list)  # value = "City, Country"
    occasions: list[tuple[Found, Occasion]] = field(default_factory=list)
    products: list[Found] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    text: str = ""


def _alternation(words: list[str], ignore_case: bool = False) -> str:
    """The words as one regex alternation, longest first, grouped by first character
    ("a(?:pec|sean)|g(?:20|7)"): ``re`` then tries only the group whose first character
    matches instead of every word, several times faster on a dictionary of hundreds of
    words. At any position only one group can match (distinct first characters; with
    ``ignore_case`` they are ASCII and grouped lower-cased), and within it the words keep
    the longest-first order, so the match is the one the flat alternation finds."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    if ignore_case and not all(w[:1].isascii() for w in unique):
        return "|".join(re.escape(w) for w in unique)
    groups: dict[str, list[str]] = {}
    for word in unique:
        if word:
            groups.setdefault(word[0].lower() if ignore_case else word[0], []).append(word[1:])
    parts = [re.escape(first) + "(?:" + "|".join(re.escape(rest) for rest in tails) + ")"
             for first, tails in groups.items()]
    return "|".join(parts + ([""] if "" in unique else []))


def capitalised_surname_forms(name: str) -> list[str]:
    """How Japanese government releases print a name: family name in capitals, first
    ("KISHIDA Fumio" for Fumio Kishida, "WANG Yi" for Wang Yi, whose family name comes
    first already)."""
    words = name.split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return []
    return [" ".join([words[-1].upper(), *words[:-1]]),
            " ".join([words[0].upper(), *words[1:]])]


class Annotator:
    """Compiled matchers for one set of dictionaries."""

    def __init__(self, dictionaries: Dictionaries):
        self.d = dictionaries
        self.actor_by_alias: dict[str, list[ActorEntry]] = {}
        for actor in dictionaries.actors:
            for alias in (actor.name, *actor.aliases):
                self.actor_by_alias.setdefault(alias, []).append(actor)
            for alias in capitalised_surname_forms(actor.name):
                if actor not in self.actor_by_alias.setdefault(alias, []):
                    self.actor_by_alias[alias].append(actor)
        self.person_re = re.compile(rf"(?<![\w-])(?:{_alternation(list(self.actor_by_alias))})"
                                    rf"(?![\w-])")
        self.country_by_word: dict[str, str] = {}
        self.country_names = {c.iso3: c.name for c in dictionaries.countries}
        capitals: set[str] = set()
        for c in dictionaries.countries:
            for word in (c.name, *c.aliases, *c.demonyms):
                self.country_by_word.setdefault(word, c.iso3)
            if c.capital:
                capitals.add(c.capital)
        self.capitals = capitals
        self.country_re = re.compile(rf"(?<![\w-])(?:{_alternation(list(self.country_by_word))})"
                                     rf"(?![\w-])")
        # "Japan-U.S.-South Korea summit", "China-Japan-ROK": names joined by hyphens or
        # dashes, each a government ("Japan-based" is no chain: its second word is none)
        names = _alternation(list(self.country_by_word))
        self.country_chain_re = re.compile(
            rf"(?<![\w-])(?:{names})(?:[-\u2013](?:{names}))+(?![\w-])")
        self.chain_part_re = re.compile(rf"(?:{names})(?=[-\u2013]|$)")
        self.place_by_word: dict[str, tuple[str, str]] = {}
        for p in dictionaries.places:
            for word in (p.place, *p.aliases):
                self.place_by_word.setdefault(word, (p.place, p.country))
        self.place_re = re.compile(rf"(?<![\w-])(?:{_alternation(list(self.place_by_word))})"
                                   rf"(?![\w-])")
        self.occasions_by_word: dict[str, list[Occasion]] = {}
        for o in dictionaries.occasions:
            for word in (o.short, *o.aliases):
                if word:
                    self.occasions_by_word.setdefault(word.lower(), []).append(o)
        self.occasion_re = re.compile(
            rf"(?<![\w-])(?:{_alternation(list(self.occasions_by_word), True)})(?![\w-])",
            re.I)

    def actor_for(self, alias: str, published: dt.date) -> ActorEntry:
        return min(self.actor_by_alias[alias], key=lambda a: (a.distance(published), a.actor_id))

    def occasion_for(self, word: str, published: dt.date) -> Occasion | None:
        """The occasion a name means in an article published on ``published``: the
        nearest in time. A name several occasions share ("trilateral summit", a series)
        means one of them only when it lies within ``RECURRING_OCCASION_DAYS`` of
        publication: "hoped to host a trilateral summit this year", written eighteen
        months after the last one, names none."""
        def distance(o: Occasion) -> int:
            if o.start <= published <= o.end:
                return 0
            return min(abs((o.start - published).days), abs((o.end - published).days))

        candidates = self.occasions_by_word[word.lower()]
        nearest = min(candidates,
                      key=lambda o: (distance(o), (o.end - o.start).days, o.occasion_id))
        if len(candidates) > 1 and distance(nearest) > RECURRING_OCCASION_DAYS:
            return None
        return nearest

    def occasion_within(self, word: str, start: dt.date, end: dt.date) -> Occasion | None:
        """The occasion a name means when the sentence dates it to a month or week: the
        one of that name lying inside the window ("the APEC summit ... last November" in
        an article of the next September is the November before, not the coming one)."""
        inside = [o for o in self.occasions_by_word.get(word.lower(), [])
                  if start <= o.start and o.end <= end]
        return min(inside, key=lambda o: ((o.end - o.start).days, o.occasion_id),
                   default=None)

    def place_label(self, place: str, country: str) -> str:
        return f"{place}, {self.country_names.get(country, country)}"

    def people(self, text: str, published: dt.date) -> SentenceAnnotations:
        """Only the people, known and unknown: what the quote rules need to find a
        speaker, without the places, products and topics of the full annotation."""
        return self._people(text, published)[0]

    def _people(self, text: str, published: dt.date
                ) -> tuple[SentenceAnnotations, list[tuple[int, int]]]:
        """The people of ``text`` and the spans they take (no place or government may
        overlap them)."""
        out = SentenceAnnotations(text=text)
        taken: list[tuple[int, int]] = []
        self._persons(text, published, out, taken)
        self._unknown_persons(text, out, taken)
        return out, taken

    def annotate(self, text: str, published: dt.date) -> SentenceAnnotations:
        out, taken = self._people(text, published)
        for m in self.place_re.finditer(text):
            if _overlaps(m.span(), taken):
                continue
            place, country = self.place_by_word[m.group()]
            out.places.append(Found(m.start(), m.end(), m.group(), self.place_label(place,
                                                                                   country)))
        for chain in self.country_chain_re.finditer(text):
            if _overlaps(chain.span(), taken):
                continue
            start = chain.start()
            for part in self.chain_part_re.finditer(chain.group()):
                out.countries.append(Found(start + part.start(), start + part.end(),
                                           part.group(), self.country_by_word[part.group()]))
            taken.append(chain.span())
        for m in self.country_re.finditer(text):
            if not _overlaps(m.span(), taken):
                self._country(text, m, out)
        for m in self.occasion_re.finditer(text):
            occasion = self.occasion_for(m.group(), published)
            if occasion is None:
                continue
            out.occasions.append((Found(m.start(), m.end(), m.group(), occasion.occasion_id),
                                  occasion))
        for product, pattern in self.d.products:
            for m in pattern.finditer(text):
                out.products.append(Found(m.start(), m.end(), m.group(), product))
        out.products.sort(key=lambda f: (f.start, f.value))
        out.topics = sorted({topic for topic, pattern in self.d.topics if pattern.search(text)})
        return out

    def _persons(self, text: str, published: dt.date, out: SentenceAnnotations,
                 taken: list[tuple[int, int]]) -> None:
        for m in self.person_re.finditer(text):
            actor = self.actor_for(m.group(), published)
            out.persons.append((Found(m.start(), m.end(), m.group(), actor.actor_id), actor))
            taken.append(m.span())

    def _unknown_persons(self, text: str, out: SentenceAnnotations,
                         taken: list[tuple[int, int]]) -> None:
        """A titled name absent from the dictionary, unless it is a country or place."""
        for pattern in UNKNOWN_PERSON:
            for m in pattern.finditer(text):
                s, e = m.span("name")
                name = m.group("name")
                if _overlaps((s, e), taken) or name.split()[0] in NOT_NAMES:
                    continue
                if self.country_re.fullmatch(name) or self.place_re.fullmatch(name):
                    continue
                if any(w in self.country_by_word or w in self.place_by_word
                       for w in name.split()):
                    continue
                out.unknown_persons.append(Found(s, e, name, name))
                taken.append((s, e))

    def _country(self, text: str, m: re.Match, out: SentenceAnnotations) -> None:
        """A country word is a place ("in Tokyo", "Gyeongju, South Korea"), a modifier
        ("China's ban", marked with '?') or a government."""
        iso3 = self.country_by_word[m.group()]
        found = Found(m.start(), m.end(), m.group(), iso3)
        before = text[: m.start()]
        is_city_word = m.group() in self.capitals or m.group() in self.place_by_word
        possessive_next = POSSESSIVE.match(text[m.end():])
        after_place = re.search(r"([A-Z][\w-]+),\s*$", before)
        preposition = re.search(r"\b(?:in|at|to|from|visit\w*|via|near|inside)\s+"
                                r"(?:the\s+)?$", before, re.I)
        as_place = (preposition and (is_city_word or re.search(
            r"\b(?:in|to|visit\w*)\s+(?:the\s+)?$", before, re.I))) or (
            # "Gyeongju, South Korea": a country qualifying the place before it
            after_place and after_place.group(1) in self.place_by_word)
        if not possessive_next and as_place:
            out.country_places.append(found)
            return
        after = text[m.end():]
        if POSSESSIVE.match(after) and not ROLE_AFTER_POSSESSIVE.match(after):
            found = Found(m.start(), m.end(), m.group(), iso3 + "?")
        out.countries.append(found)


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < te and ts < span[1] for ts, te in taken)


@lru_cache(maxsize=2)
def default_annotator() -> Annotator:
    return Annotator(load_dictionaries())
