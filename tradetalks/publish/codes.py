"""CAMEO and PLOVER codes for meetings, measures and demands, read from ``data/codes/``.

Two data tables decide every code, so that the codes can be checked against their
sources and changed without touching the program:

- ``cameo_plover.csv`` transcribes, per CAMEO code, the PLOVER event type, mode and
  context (CAMEO2PLOVER-2021), the quad class and the Goldstein score;
- ``event_codes.csv`` holds first-match rules from the codebook's fields (status,
  format, outcome, where the meeting was held, the rules' evidence of a protest or a
  signing, measure type) to a CAMEO code.

``evidence.csv`` names the meeting triggers (by the outcome they carry in
``data/rules/triggers.yaml``) whose match is evidence of a protest or of a signing.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tradetalks.errors import InputError
from tradetalks.knowledge.dictionaries import load_dictionaries
from tradetalks.knowledge.records import MeasureRecord, MeetingRecord
from tradetalks.paths import CODES_DIR
from tradetalks.vocabulary import vocabulary

EVENT_KINDS = ("meeting", "measure", "demand")
PLACES = ("party", "third")
CONDITIONS = ("status", "format", "outcome", "place", "evidence", "measure_type")


@dataclass(frozen=True)
class EventCode:
    cameo: str
    cameo_name: str
    plover: str
    plover_mode: str
    plover_context: str
    quad_class: int
    goldstein: float


@dataclass(frozen=True)
class CodingRule:
    line: int
    event_kind: str
    conditions: dict[str, frozenset[str]]
    cameo: str

    def applies(self, facts: dict[str, str | frozenset[str]]) -> bool:
        for name, allowed in self.conditions.items():
            value = facts.get(name, "")
            found = value if isinstance(value, frozenset) else frozenset({value})
            if not found & allowed:
                return False
        return True


@dataclass(frozen=True)
class CodeBook:
    codes: dict[str, EventCode]
    rules: tuple[CodingRule, ...]
    evidence: dict[str, str]  # trigger outcome -> evidence name

    def code(self, event_kind: str, facts: dict[str, str | frozenset[str]]) -> EventCode:
        for rule in self.rules:
            if rule.event_kind == event_kind and rule.applies(facts):
                return self.codes[rule.cameo]
        raise InputError(f"no rule codes this {event_kind}: {facts}",
                          CODES_DIR / "event_codes.csv")


def _read(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read the code table ({exc.strerror})", path) from None
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"missing column(s): {', '.join(missing)}", path, 1)
    return [(reader.line_num, {k: (v or "").strip() for k, v in row.items()})
            for row in reader]


def load_mapping(path: Path) -> dict[str, EventCode]:
    cols = ("cameo", "cameo_name", "plover_type", "plover_mode", "plover_context",
            "quad_class", "goldstein", "source")
    codes: dict[str, EventCode] = {}
    for line, row in _read(path, cols):
        if not re.fullmatch(r"\d{3,4}", row["cameo"]) or row["cameo"] in codes:
            raise InputError(f"CAMEO code {row['cameo']!r} is not 3-4 digits or is repeated",
                             path, line)
        if row["quad_class"] not in {"1", "2", "3", "4"} or not row["source"]:
            raise InputError("quad_class must be 1-4 and source must be given", path, line)
        try:
            goldstein = float(row["goldstein"])
        except ValueError:
            raise InputError(f"Goldstein score {row['goldstein']!r} is not a number",
                             path, line) from None
        if not -10 <= goldstein <= 10:
            raise InputError("Goldstein score outside -10..10", path, line)
        codes[row["cameo"]] = EventCode(row["cameo"], row["cameo_name"], row["plover_type"],
                                        row["plover_mode"], row["plover_context"],
                                        int(row["quad_class"]), goldstein)
    return codes


def _allowed_values(evidence: dict[str, str]) -> dict[str, set[str]]:
    v = vocabulary()
    return {"status": set(v.meeting_statuses) | set(v.measure_statuses),
            "format": set(v.formats), "outcome": set(v.outcomes), "place": set(PLACES),
            "evidence": set(evidence.values()), "measure_type": set(v.measure_types)}


def load_rules(path: Path, codes: dict[str, EventCode],
               evidence: dict[str, str]) -> tuple[CodingRule, ...]:
    allowed = _allowed_values(evidence)
    rules = []
    for line, row in _read(path, ("event_kind", *CONDITIONS, "cameo")):
        if row["event_kind"] not in EVENT_KINDS:
            raise InputError(f"event_kind {row['event_kind']!r} not one of {EVENT_KINDS}",
                             path, line)
        if row["cameo"] not in codes:
            raise InputError(f"CAMEO code {row['cameo']!r} is not in cameo_plover.csv",
                             path, line)
        conditions = {}
        for name in CONDITIONS:
            values = frozenset(v for v in row[name].split(";") if v)
            unknown = values - allowed[name]
            if unknown:
                raise InputError(f"{name} value(s) {sorted(unknown)} not in the vocabulary",
                                 path, line)
            if values:
                conditions[name] = values
        rules.append(CodingRule(line, row["event_kind"], conditions, row["cameo"]))
    return tuple(rules)


def load_evidence(path: Path) -> dict[str, str]:
    outcomes = vocabulary().outcomes
    evidence = {}
    for line, row in _read(path, ("evidence", "trigger_outcome")):
        if row["trigger_outcome"] not in outcomes:
            raise InputError(f"trigger_outcome {row['trigger_outcome']!r} is not an outcome",
                             path, line)
        evidence[row["trigger_outcome"]] = row["evidence"]
    return evidence


@lru_cache(maxsize=2)
def load_codebook(folder: Path = CODES_DIR) -> CodeBook:
    codes = load_mapping(folder / "cameo_plover.csv")
    evidence = load_evidence(folder / "evidence.csv")
    return CodeBook(codes, load_rules(folder / "event_codes.csv", codes, evidence), evidence)


@lru_cache(maxsize=1)
def _evidence_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The meeting triggers whose outcome marks evidence, with the evidence's name."""
    evidence = load_codebook().evidence
    triggers = load_dictionaries().triggers["meeting"]["triggers"]
    return tuple((evidence[t["outcome"]], re.compile(t["pattern"], re.I)) for t in triggers
                 if t.get("outcome") in evidence)


def meeting_evidence(m: MeetingRecord) -> frozenset[str]:
    """Evidence the rules found: a mention whose matched words are those of a protest or
    a signing trigger."""
    return frozenset(name for name, pattern in _evidence_patterns()
                     for x in m.mentions if pattern.fullmatch(x.matched_text.strip()))


def meeting_code(m: MeetingRecord, place: str) -> EventCode:
    """``place`` is 'party' (held in a party's country), 'third' or '' (unknown)."""
    return load_codebook().code("meeting", {
        "status": m.status, "format": m.format, "outcome": m.outcome, "place": place,
        "evidence": meeting_evidence(m)})


def measure_code(m: MeasureRecord) -> EventCode:
    return load_codebook().code("measure", {"status": m.status,
                                            "measure_type": m.measure_type})


def demand_code() -> EventCode:
    return load_codebook().code("demand", {})
