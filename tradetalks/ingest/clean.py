"""Remove web debris from an article by general rules and log every removed line.

The rules live in ``data/rules/debris.yaml`` (page furniture: tickers, comment widgets, link
lists, subscription pleas, image credits, advertisements) plus two rules that compare
lines: ``headline_fragment`` and ``duplicate_paragraph``. The cleaned text is the kept
paragraphs joined by a blank line; all later offsets point into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from tradetalks.errors import InputError
from tradetalks.paths import RULES_DIR

PARAGRAPH_SEPARATOR = "\n\n"
TERMINAL = tuple('.!?"”’\':;)]…')
_BULLET = re.compile(r"^\s*([-–—•*·▪►]|\d+[.)])\s+")
_LEADING_ELLIPSIS = re.compile(r"^(…|\.{2,})")
HEADLINE_MAX_WORDS = 14
# in a list of links under a debris heading ("Related Articles"), a linked headline may be
# longer: wire headlines run to 15-20 words; running text ends with punctuation
LINK_MAX_WORDS = 25
DUPLICATE_MIN_WORDS = 5


@dataclass(frozen=True)
class Rule:
    rule_id: str
    description: str
    patterns: tuple[re.Pattern[str], ...]
    block: bool = False

    def matches(self, line: str) -> bool:
        return any(p.search(line) for p in self.patterns)


@dataclass(frozen=True)
class Removal:
    line: int
    rule: str
    text: str


@dataclass(frozen=True)
class CleanedArticle:
    text: str
    paragraphs: tuple[tuple[int, int], ...]
    removals: tuple[Removal, ...]


@lru_cache(maxsize=4)
def load_rules(path: Path = RULES_DIR / "debris.yaml") -> tuple[Rule, ...]:
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise InputError(f"invalid YAML: {exc}", path, None if line is None else line + 1) \
            from None
    rules = []
    for entry in spec["rules"]:
        try:
            flags = 0 if entry.get("case_sensitive") else re.IGNORECASE
            patterns = tuple(re.compile(p, flags) for p in entry["patterns"])
        except re.error as exc:
            raise InputError(f"rule {entry['id']}: bad pattern: {exc}", path) from None
        rules.append(Rule(entry["id"], entry["description"], patterns, bool(entry.get("block"))))
    return tuple(rules)


def _is_headline_like(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= HEADLINE_MAX_WORDS and not line.endswith(TERMINAL)


def _is_linked_headline(line: str) -> bool:
    return 0 < len(line.split()) <= LINK_MAX_WORDS and not line.endswith(TERMINAL)


# A line without final punctuation that ends with a function word ("by", "the") or with a
# capitalised title that comes before a name ("Prime Minister") cannot end a sentence or a
# headline: when the next line starts with a capital (a name), the line was hard-wrapped.
_FUNCTION_WORDS = frozenset("""
a an the of to in on at by for with from into onto over under about after before between
among against during without within through toward towards across via per than and or but
nor as that which who whom whose where when while if because although though whether is
are was were be been being has have had will would shall should can could may might must
do does did his her its their our this these those said says told including such like not
""".split())
_TITLES_BEFORE_NAMES = frozenset("""
Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. President Premier Minister Chancellor Secretary Ambassador
Governor Chairman Chairwoman Chair Senator Sen. Rep. Gen. General King Queen Prince Princess
Emperor Director Spokesman Spokeswoman Spokesperson Commissioner Envoy
""".split())
_OPEN_PUNCTUATION = (",", "—", "–", "-")
_WORD = re.compile(r"[^\W\d_]+")


def _has_lowercase_content_word(line: str) -> bool:
    """Running text has lower-case content words; Title Case headlines have none."""
    return any(w[0].islower() and len(w) >= 4 and w not in _FUNCTION_WORDS
               for w in _WORD.findall(line))


def _ends_open(line: str) -> bool:
    if line.endswith(_OPEN_PUNCTUATION):
        return True
    words = line.split()
    last = words[-1].strip("\"'“”‘’(") if words else ""
    return last.casefold() in _FUNCTION_WORDS or last in _TITLES_BEFORE_NAMES


def _matches_rule(line: str, rules: tuple[Rule, ...]) -> bool:
    return any(rule.matches(line) for rule in rules)


def _continues(previous: str, line: str, rules: tuple[Rule, ...]) -> bool:
    """Whether ``line`` continues the hard-wrapped ``previous`` line."""
    if not previous or not line or previous.endswith(TERMINAL) or _BULLET.match(line):
        return False
    if line[0].islower():
        return True
    # a capital after a hard wrap (a name): only when the line before cannot end there
    return (
        line[0].isupper() and _ends_open(previous) and _has_lowercase_content_word(previous)
        and not _BULLET.match(previous) and not _LEADING_ELLIPSIS.match(previous)
        and not _matches_rule(previous, rules) and not _matches_rule(line, rules)
    )


def _unwrap(lines: list[tuple[int, str]], rules: tuple[Rule, ...] = ()
            ) -> list[tuple[int, str]]:
    """Join hard-wrapped lines into one: a line without final punctuation followed directly
    by a line starting in lower case, or by a line starting with a capital when the first
    line ends with a word that cannot end a sentence ("by", "the", "Minister"), continues
    the same paragraph."""
    out: list[tuple[int, list[str]]] = []
    for number, line in lines:
        if out and _continues(out[-1][1][-1], line, rules):
            out[-1][1].append(line)
        else:
            out.append((number, [line]))
    return [(number, " ".join(parts)) for number, parts in out]


def _normalise(line: str) -> str:
    return " ".join(line.split()).casefold()


def _introduces_list(line: str) -> bool:
    """An article sentence that ends with a colon ("The ministry listed two demands:")."""
    return line.endswith(":") and len(line.split()) >= 4 and _has_lowercase_content_word(line)


def clean_text(text: str, rules: tuple[Rule, ...] | None = None) -> CleanedArticle:
    """Apply the debris rules line by line; return kept paragraphs and the removal log."""
    rules = load_rules() if rules is None else rules
    raw_lines = [(i + 1, line.strip()) for i, line in enumerate(text.split("\n"))]
    lines = _unwrap(raw_lines, rules)
    kept: list[str] = []
    removals: list[Removal] = []
    seen: set[str] = set()
    in_block = False  # inside a list of links after a debris heading ("READ ALSO:")
    in_list = False  # inside the article's own list after a kept line ending with ":"
    for number, line in lines:
        if not line:
            in_block = False
            continue
        rule_id = None
        for rule in rules:
            if rule.matches(line):
                rule_id = rule.rule_id
                in_block = rule.block
                break
        is_bullet = bool(_BULLET.match(line))
        if rule_id is not None or not is_bullet:
            in_list = False
        if rule_id is None and in_block and (is_bullet or _is_headline_like(line)
                                             or _is_linked_headline(line)):
            rule_id = "related_links"
        elif rule_id is None:
            in_block = False
        if rule_id is None and not kept and _LEADING_ELLIPSIS.match(line):
            rule_id = "headline_fragment"
        if rule_id is None and not in_list and _is_headline_like(line):
            rule_id = "headline_fragment"
        if rule_id is None:
            key = _normalise(line)
            if key in seen and len(line.split()) >= DUPLICATE_MIN_WORDS:
                rule_id = "duplicate_paragraph"
            seen.add(key)
        if rule_id is None:
            kept.append(line)
            if _introduces_list(line):
                in_list = True
        else:
            removals.append(Removal(number, rule_id, line))
    spans = []
    position = 0
    for paragraph in kept:
        spans.append((position, position + len(paragraph)))
        position += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return CleanedArticle(PARAGRAPH_SEPARATOR.join(kept), tuple(spans), tuple(removals))


def word_count(text: str) -> int:
    return len(text.split())
