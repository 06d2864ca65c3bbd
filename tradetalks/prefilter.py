"""Regular expressions with a literal pre-filter: skip the regex when a word it needs is absent.

Most of the rules' patterns (triggers, dates, products, topics, statuses) match nothing in
most sentences, and Python's ``re`` finds that out by trying the pattern at every position,
which costs far more than a substring test. :func:`compile` reads the pattern's syntax tree
and derives a set of *required literals*: every match of the pattern contains at least
one of them (``\\b(met|meets|meeting)\\b`` needs ``met`` or ``meet``). When a text
contains none of them the pattern cannot match, so ``search``/``finditer``/``findall``/
``match``/``fullmatch`` answer at once; otherwise the compiled pattern runs as before.
Results are therefore identical to the plain pattern's; the filter only ever says
"cannot match".

Case-insensitive patterns are tested against the lower-cased text. ``re`` folds a few
non-ASCII letters onto ASCII ones (the Kelvin sign onto ``k``, the long s onto ``s``) in
ways ``str.lower`` does not, so a text holding any cased non-ASCII letter always runs
the regex (curly quotes and dashes are not cased). A pattern
whose requirements cannot be derived (back-references, locale flags, a scoped case flag,
or a branch that may match without any literal) gets no filter and is returned as is.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

try:  # the syntax tree of the running Python's ``re``
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

# Sizes beyond which a literal set stops paying: more strings to test than the regex saves.
MAX_SET = 64
MAX_CLASS = 8

Info = tuple[bool, frozenset[str]] | None  # (exact, strings) or nothing known


@lru_cache(maxsize=256)
def folded(text: str) -> str | None:
    """``text`` lower-cased for the case-insensitive tests, or None when it holds a cased
    non-ASCII letter (where ``re``'s case folding and ``str.lower`` may disagree).
    Cached: every pattern of a sentence asks for the same text."""
    if not text.isascii() and any(c.lower() != c or c.upper() != c
                                  for c in set(text) if not c.isascii()):
        return None
    return text.lower()


def _product(left: frozenset[str], right: frozenset[str]) -> frozenset[str] | None:
    if len(left) * len(right) > MAX_SET:
        return None
    return frozenset(a + b for a in left for b in right)


def _minimal(strings: frozenset[str]) -> frozenset[str]:
    """Drop every string that contains a shorter one of the set: containing the shorter
    one is already required."""
    return frozenset(s for s in strings
                     if not any(t != s and t in s for t in strings))


def _useful(strings: frozenset[str]) -> bool:
    return bool(strings) and "" not in strings and len(strings) <= MAX_SET


def _score(strings: frozenset[str]) -> tuple[int, int, int]:
    shortest = min(len(s) for s in strings)
    return (min(shortest, 4), -len(strings), shortest)


def _char(code: int, fold: bool) -> str | None:
    ch = chr(code)
    if not fold:
        return ch
    if ch.isascii():
        return ch.lower()
    return None if ch.lower() != ch.upper() else ch  # a cased non-ASCII letter: unsure


def _in(items: list, fold: bool) -> Info:
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            codes = [av]
        elif op is _c.RANGE and av[1] - av[0] < MAX_CLASS:
            codes = list(range(av[0], av[1] + 1))
        else:
            return None  # a negated class, a category or a wide range
        for code in codes:
            ch = _char(code, fold)
            if ch is None:
                return None
            chars.add(ch)
    if not chars or len(chars) > MAX_CLASS:
        return None
    return True, frozenset(chars)


def _branch(alternatives: list, fold: bool) -> Info:
    infos = [_sequence(a, fold) for a in alternatives]
    if any(i is None for i in infos):
        return None
    strings = frozenset().union(*(s for _, s in infos))
    exact = all(e for e, _ in infos)
    if not exact and not _useful(strings):
        return None
    return exact, strings


def _repeat(av: tuple, fold: bool) -> Info:
    low, high, item = av
    if high == 0:
        return True, frozenset({""})
    if low == 0:
        return None
    info = _sequence(item, fold)
    if info is None:
        return None
    exact, strings = info
    if exact and low == high:
        out: frozenset[str] | None = frozenset({""})
        for _ in range(low):
            out = _product(out, strings) if out is not None else None
        if out is not None:
            return True, out
    return (False, strings) if _useful(strings) else None


def _element(op: Any, av: Any, fold: bool) -> Info:
    """What one node of the tree requires of the text it matches."""
    if op is _c.LITERAL:
        ch = _char(av, fold)
        return None if ch is None else (True, frozenset({ch}))
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return True, frozenset({""})  # zero-width: consumes nothing
    if op is _c.IN:
        return _in(av, fold)
    if op is _c.BRANCH:
        return _branch(av[1], fold)
    if op is _c.SUBPATTERN:
        _, add, remove, content = av
        if (add | remove) & (re.IGNORECASE | re.LOCALE):
            return None  # a scoped case flag: the folding differs inside
        return _sequence(content, fold)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        return _repeat(av, fold)
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(av, fold)
    return None  # any character, a negated literal, a back-reference, a condition


def _sequence(nodes: Any, fold: bool) -> Info:
    """Concatenate exact pieces while the product stays small; otherwise keep the most
    selective piece found as the requirement."""
    current: frozenset[str] = frozenset({""})
    candidates: list[frozenset[str]] = []
    exact = True
    for op, av in nodes:
        info = _element(op, av, fold)
        if info is not None and info[0]:
            joined = _product(current, info[1])
            if joined is not None:
                current = joined
                continue
            candidates.append(current)
            current = info[1]
            exact = False
            continue
        exact = False
        candidates.append(current)
        current = frozenset({""})
        if info is not None:
            candidates.append(info[1])
    if exact:
        return True, current
    candidates.append(current)
    useful = [_minimal(c) for c in candidates if _useful(c)]
    if not useful:
        return None
    return False, max(useful, key=_score)


def required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains (lower-cased when the
    pattern ignores case), or None when none can be derived."""
    compiled = re.compile(pattern, flags)
    if compiled.flags & re.LOCALE:
        return None
    try:
        tree = _p.parse(pattern, compiled.flags)
    except Exception:  # noqa: BLE001 - an unknown tree: no filter, never a wrong one
        return None
    info = _sequence(tree, bool(compiled.flags & re.IGNORECASE))
    if info is None or not _useful(info[1]):
        return None
    return _minimal(info[1])


class Guarded:
    """A compiled pattern behind its required-literal test. It hashes and compares as
    the compiled pattern, so a match's ``.re`` finds it in a dict keyed by it."""

    __slots__ = ("regex", "literals", "fold")

    def __init__(self, regex: re.Pattern[str], literals: frozenset[str]):
        self.regex = regex
        self.literals = tuple(sorted(literals, key=lambda s: (-len(s), s)))
        self.fold = bool(regex.flags & re.IGNORECASE)

    def possible(self, text: str) -> bool:
        """False only when no match can exist."""
        if self.fold:
            lowered = folded(text)
            if lowered is None:
                return True
            text = lowered
        for literal in self.literals:
            if literal in text:
                return True
        return False

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        return self.regex.search(text, *args) if self.possible(text) else None

    def match(self, text: str, *args: int) -> re.Match[str] | None:
        return self.regex.match(text, *args) if self.possible(text) else None

    def fullmatch(self, text: str, *args: int) -> re.Match[str] | None:
        return self.regex.fullmatch(text, *args) if self.possible(text) else None

    def finditer(self, text: str, *args: int):
        # ``possible`` written out: this is the rules' most frequent call
        lowered = folded(text) if self.fold else text
        if lowered is not None:
            for literal in self.literals:
                if literal in lowered:
                    break
            else:
                return iter(())
        return self.regex.finditer(text, *args)

    def findall(self, text: str, *args: int) -> list:
        return self.regex.findall(text, *args) if self.possible(text) else []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.regex, name)

    def __hash__(self) -> int:
        return hash(self.regex)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Guarded):
            other = other.regex
        return self.regex == other

    def __reduce__(self):
        return compile, (self.regex.pattern, self.regex.flags)

    def __repr__(self) -> str:
        return f"Guarded({self.regex!r}, {sorted(self.literals)!r})"


def compile(pattern: str, flags: int = 0) -> Guarded | re.Pattern[str]:  # noqa: A001
    """``re.compile`` with the literal pre-filter when one can be derived."""
    regex = re.compile(pattern, flags)
    literals = required_literals(pattern, flags)
    return regex if literals is None else Guarded(regex, literals)
