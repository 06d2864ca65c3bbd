"""Remove web debris from an article by general rules and log every removed line.

The rules live in ``data/debris.yaml`` (page furniture: tickers, comment widgets, link
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

from .config import DATA_DIR
from .errors import InputError

PARAGRAPH_SEPARATOR = "\n\n"
TERMINAL = tuple('.!?"”’\':;)]…')
_BULLET = re.compile(r"^\s*([-–—•*·▪►]|\d+[.)])\s+")
_LEADING_ELLIPSIS = re.compile(r"^(…|\.{2,})")
HEADLINE_MAX_WORDS = 14
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
def load_rules(path: Path = DATA_DIR / "debris.yaml") -> tuple[Rule, ...]:
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


def _unwrap(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Join hard-wrapped lines: a line without final punctuation followed directly by a
    line starting in lower case continues the same paragraph."""
    out: list[tuple[int, str]] = []
    for number, line in lines:
        if (
            out and line and out[-1][1] and line[0].islower()
            and not out[-1][1].endswith(TERMINAL) and not _BULLET.match(line)
        ):
            out[-1] = (out[-1][0], out[-1][1] + " " + line)
        else:
            out.append((number, line))
    return out


def _normalise(line: str) -> str:
    return " ".join(line.split()).casefold()


def clean_text(text: str, rules: tuple[Rule, ...] | None = None) -> CleanedArticle:
    """Apply the debris rules line by line; return kept paragraphs and the removal log."""
    rules = load_rules() if rules is None else rules
    raw_lines = [(i + 1, line.strip()) for i, line in enumerate(text.split("\n"))]
    lines = _unwrap(raw_lines)
    kept: list[str] = []
    removals: list[Removal] = []
    seen: set[str] = set()
    in_block = False
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
        if rule_id is None and in_block and (_BULLET.match(line) or _is_headline_like(line)):
            rule_id = "related_links"
        elif rule_id is None:
            in_block = False
        if rule_id is None and not kept and _LEADING_ELLIPSIS.match(line):
            rule_id = "headline_fragment"
        if rule_id is None and _is_headline_like(line):
            rule_id = "headline_fragment"
        if rule_id is None:
            key = _normalise(line)
            if key in seen and len(line.split()) >= DUPLICATE_MIN_WORDS:
                rule_id = "duplicate_paragraph"
            seen.add(key)
        if rule_id is None:
            kept.append(line)
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
