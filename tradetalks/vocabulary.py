"""The codebook's controlled vocabularies, loaded once from ``data/codebook.yaml``.

This module is the only place in the package that knows the words: statuses, levels,
formats, outcomes, measure types and families, product families. Rules, scorer, schemas,
charts and prose take them from here, so adding a word is a data change.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from tradetalks.errors import InputError
from tradetalks.paths import CODEBOOK_VOCABULARY


@dataclass(frozen=True)
class Vocabulary:
    levels: tuple[str, ...]
    meeting_statuses: tuple[str, ...]
    prospective: frozenset[str]
    cancellable: frozenset[str]
    formats: tuple[str, ...]
    remote_formats: frozenset[str]
    outcomes: tuple[str, ...]
    status_shapes: dict[str, str]
    measure_statuses: tuple[str, ...]
    liberalising: frozenset[str]
    pending: frozenset[str]
    list_types: frozenset[str]
    directions: tuple[str, ...]
    date_fields: tuple[str, ...]
    phase_marks: dict[str, tuple[str, bool]]
    measure_families: dict[str, str]
    default_products: dict[str, str]
    product_families: dict[str, str]
    date_precisions: tuple[str, ...]
    event_kinds: tuple[str, ...]
    all_destinations: dict[str, str]
    sectors: tuple[str, ...] = ()

    @property
    def measure_types(self) -> tuple[str, ...]:
        return tuple(self.measure_families)

    @property
    def level_rank(self) -> dict[str, int]:
        """Higher is more senior (the last level ranks 0)."""
        return {name: rank for rank, name in enumerate(reversed(self.levels))}

    def types_of_family(self, family: str) -> frozenset[str]:
        return frozenset(t for t, f in self.measure_families.items() if f == family)

    def levels_below(self, level: str) -> tuple[str, ...]:
        return self.levels[self.levels.index(level) + 1:]

    def measure_family(self, measure_type: str) -> str:
        return self.measure_families.get(measure_type, measure_type)

    def product_family(self, product: str) -> str:
        return self.product_families.get(product, product)

    def product_families_of(self, products) -> set[str]:
        return {self.product_family(p) for p in products}

    def members_of_family(self, family: str) -> frozenset[str]:
        return frozenset(p for p, f in self.product_families.items() if f == family)

    def direction_of(self, status: str) -> str:
        return self.directions[1] if status in self.liberalising else self.directions[0]


def _words(raw: dict, key: str, path: Path) -> tuple[str, ...]:
    value = raw
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            raise InputError(f"missing key '{key}'", path)
        value = value[part]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise InputError(f"'{key}' must be a list of words", path)
    if len(set(value)) != len(value):
        raise InputError(f"'{key}' lists a word twice", path)
    return tuple(value)


def _subset(words, of, key: str, path: Path) -> None:
    extra = set(words) - set(of)
    if extra:
        raise InputError(f"'{key}' names words not in the vocabulary: {sorted(extra)}", path)


def _all_destinations(raw: dict, path: Path) -> dict[str, str]:
    value = raw.get("all_destinations")
    if not isinstance(value, dict) or not {"code", "label", "short"} <= set(value):
        raise InputError("'all_destinations' needs code, label and short", path)
    return {k: str(v) for k, v in value.items()}


def _phase_marks(raw: dict, path: Path) -> dict[str, tuple[str, bool]]:
    marks = raw["measure"].get("phase_marks") or []
    try:
        return {str(m["phase"]): (str(m["shape"]), bool(m["filled"])) for m in marks}
    except (TypeError, KeyError):
        raise InputError("'measure.phase_marks' needs phase, shape and filled", path) from None


def load_vocabulary(path: Path = CODEBOOK_VOCABULARY) -> Vocabulary:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read the vocabulary ({exc.strerror})", path) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"not valid YAML: {getattr(exc, 'problem', exc)}", path,
                         mark.line + 1 if mark else None) from None
    if not isinstance(raw, dict):
        raise InputError("expected a mapping at the top level", path)
    meeting_statuses = _words(raw, "meeting.statuses", path)
    prospective = _words(raw, "meeting.prospective", path)
    _subset(prospective, meeting_statuses, "meeting.prospective", path)
    cancellable = _words(raw, "meeting.cancellable", path)
    _subset(cancellable, meeting_statuses, "meeting.cancellable", path)
    measure_statuses = _words(raw, "measure.statuses", path)
    liberalising = _words(raw, "measure.liberalising", path)
    _subset(liberalising, measure_statuses, "measure.liberalising", path)
    directions = _words(raw, "measure.directions", path)
    if len(directions) != 2:
        raise InputError("'measure.directions' must hold two words: restrictive first", path)
    formats = _words(raw, "meeting.formats", path)
    remote = _words(raw, "meeting.remote_formats", path)
    _subset(remote, formats, "meeting.remote_formats", path)
    pending = _words(raw, "measure.pending", path)
    _subset(pending, measure_statuses, "measure.pending", path)
    list_types = _words(raw, "measure.list_types", path)
    shapes = raw["meeting"].get("status_shapes") or {}
    _subset(shapes, meeting_statuses, "meeting.status_shapes", path)
    types = raw["measure"].get("types")
    if not isinstance(types, dict) or not types:
        raise InputError("'measure.types' must map each type to its family", path)
    _subset(list_types, types, "measure.list_types", path)
    families = {t: str((spec or {}).get("family", t)) for t, spec in types.items()}
    defaults = {t: str(spec["default_product"]) for t, spec in types.items()
                if isinstance(spec, dict) and spec.get("default_product")}
    products = raw.get("product_families") or {}
    if not isinstance(products, dict):
        raise InputError("'product_families' must map a product to its family", path)
    return Vocabulary(
        levels=_words(raw, "levels", path), meeting_statuses=meeting_statuses,
        prospective=frozenset(prospective),
        cancellable=frozenset(cancellable), formats=formats, remote_formats=frozenset(remote),
        outcomes=_words(raw, "meeting.outcomes", path), status_shapes=dict(shapes),
        measure_statuses=measure_statuses, liberalising=frozenset(liberalising),
        pending=frozenset(pending), list_types=frozenset(list_types),
        directions=directions, date_fields=_words(raw, "measure.date_fields", path),
        phase_marks=_phase_marks(raw, path),
        measure_families=families, default_products=defaults,
        product_families={str(k): str(v) for k, v in products.items()},
        date_precisions=_words(raw, "date_precisions", path),
        event_kinds=_words(raw, "event_kinds", path),
        all_destinations=_all_destinations(raw, path),
        sectors=_words(raw, "sectors", path))


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return load_vocabulary()
