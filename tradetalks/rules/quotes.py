"""Direct quotations and who said them.

A quotation is the text between matching quotation marks (curly or straight) inside one
paragraph, of at least a few words (shorter ones are scare quotes or names). The speaker
is found after the quote ("...," Kajiyama said / said Aoyama / he said) or before it
(Kishida said, "..."); a pronoun takes the last person named before the quote.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tradetalks.knowledge.annotate import Annotator

WINDOW = 2000  # characters searched for a speaker: keeps huge paragraphs linear
QUOTE_PAIRS = re.compile(r"“(?P<a>[^“”]+)”|\"(?P<b>[^\"]+)\"")


@dataclass(frozen=True)
class Quote:
    article_id: str
    start: int
    end: int
    text: str
    speaker_id: str
    speaker_name: str
    rule: str


def _speaker_in(window: str, annotator: Annotator, published: dt.date):
    ann = annotator.people(window, published)
    people = [(f.start, actor.actor_id, actor.name) for f, actor in ann.persons]
    people += [(f.start, "", f.value) for f in ann.unknown_persons]
    return sorted(people)


def extract_quotes(article_id: str, text: str, paragraphs: tuple[tuple[int, int], ...],
                   published: dt.date, annotator: Annotator, verbs: str, min_words: int
                   ) -> list[Quote]:
    after_re = re.compile(
        rf"^[\s,.]*(?:(?P<pron>he|she|they)\s+{verbs}\b|(?P<name>[A-Z][\w.’'-]*(?:\s+[A-Z][\w’'-]*)"
        rf"{{0,3}})\s+{verbs}\b|{verbs}\s+(?P<name2>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){{0,3}}))")
    before_re = re.compile(rf"(?P<who>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){{0,3}}|[Hh]e|[Ss]he)\s+"
                           rf"(?:also\s+)?{verbs}\b[^“\"]{{0,80}}[,:]\s*$")
    quotes: list[Quote] = []
    last_person: tuple[str, str] = ("", "")
    seen_unknown: list[str] = []
    for p_start, p_end in paragraphs:
        paragraph = text[p_start:p_end]
        cursor = 0
        for m in QUOTE_PAIRS.finditer(paragraph):
            inner = m.group("a") if m.group("a") is not None else m.group("b")
            group = "a" if m.group("a") is not None else "b"
            prior = _speaker_in(paragraph[max(cursor, m.start() - WINDOW):m.start()], annotator,
                                published)
            if prior:
                last_person = prior[-1][1:]
            cursor = m.end()
            if len(inner.split()) < min_words:
                continue
            q_start, q_end = p_start + m.start(group), p_start + m.end(group)
            speaker, rule = _attribute(paragraph, m, (after_re, before_re), annotator,
                                       published, last_person, quotes, p_start, prior,
                                       seen_unknown)
            if speaker[1]:
                last_person = speaker
            quotes.append(Quote(article_id, q_start, q_end, text[q_start:q_end], speaker[0],
                                speaker[1], rule))
        # the people named after the last quote (or in a paragraph without quotes) are the
        # ones a later "he said" refers to
        rest = _speaker_in(paragraph[max(cursor, len(paragraph) - WINDOW):], annotator,
                           published)
        if rest:
            last_person = rest[-1][1:]
        seen_unknown += [name for _, actor_id, name in
                         _speaker_in(paragraph[:WINDOW], annotator, published) if not actor_id]
    return _same_sentence_speakers(quotes, text)


def _attribute(paragraph: str, m: re.Match, patterns: tuple[re.Pattern, re.Pattern],
               annotator: Annotator, published: dt.date, last_person: tuple[str, str],
               quotes: list[Quote], p_start: int, prior: list, seen_unknown: list[str]
               ) -> tuple[tuple[str, str], str]:
    """The speaker of the quote ``m`` (actor id, name) and the rule that found it."""
    after_re, before_re = patterns
    speaker, rule = ("", ""), "unattributed"
    after = after_re.match(paragraph[m.end():m.end() + 80])
    before = before_re.search(paragraph[max(0, m.start() - 120):m.start()])
    if after and after.group("pron"):
        speaker, rule = last_person, "pronoun_after"
    elif after:
        name = after.group("name") or after.group("name2")
        people = _speaker_in(name, annotator, published)
        speaker = people[0][1:] if people else ("", name)
        rule = "name_after"
    elif before:
        who = before.group("who")
        if who.lower() in ("he", "she"):
            speaker, rule = last_person, "pronoun_before"
        else:
            people = _speaker_in(who, annotator, published)
            speaker = people[-1][1:] if people else ("", who)
            rule = "name_before"
    elif quotes and quotes[-1].speaker_name and quotes[-1].end >= p_start and all(
            name == quotes[-1].speaker_name for _, _, name in prior):
        # a further quote in the same paragraph with nobody else named in between
        speaker, rule = (quotes[-1].speaker_id, quotes[-1].speaker_name), "continued"
    if speaker[1] and not speaker[0]:
        # "said Aoyama": the full name introduced earlier ("Rumi Aoyama")
        full = next((n for n in reversed(seen_unknown)
                     if n.split()[-1] == speaker[1].split()[-1]), None)
        speaker = ("", full) if full else speaker
    return speaker, rule


def _same_sentence_speakers(quotes: list[Quote], text: str) -> list[Quote]:
    """Partial quotes in one sentence share the speaker its last quote is attributed to
    ("should “focus on common interests” and “give it new meaning,” Xi told Kishida")."""
    out = list(quotes)
    for i in range(len(out) - 2, -1, -1):
        q, nxt = out[i], out[i + 1]
        between = text[q.end:nxt.start]
        if not q.speaker_name and nxt.speaker_name and not re.search(r"[.!?][”\"]?\s", between) \
                and "\n" not in between:
            out[i] = Quote(q.article_id, q.start, q.end, q.text, nxt.speaker_id,
                           nxt.speaker_name, "same_sentence")
    return out
