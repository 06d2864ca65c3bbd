"""Trade measures: a measure trigger (export controls, import ban, tariffs, end-user list,
white list, WTO complaint ...) with the government that acts, its targets, products,
status, dates and any demand to lift it.

Lifting or easing updates the measure it ends rather than adding a row; a sentence that
names a measure without a product ("the stringent export control measures") is attached
to the article's matching measure, never counted as a new one.
"""

from __future__ import annotations

import datetime as dt
import re

from .annotate import SentenceAnnotations
from .dates import find_dates
from .events import (
    STATUS_ORDER_MEASURE,
    MeasureRecord,
    Mention,
    Window,
    measure_family,
    product_families,
)
from .sentences import Sentence

DEFAULT_PRODUCTS = {"entity_list": "dual_use_items", "preferential_status_removal":
                    "dual_use_items", "tariff": "all_goods"}
FIELD_CUES = {
    "in_force": re.compile(r"\b(since|from|starting|start(ed|ing)?|began|begin|took effect|"
                           r"take effect|takes effect|effective|in force|imposed|introduced|"
                           r"placed|tightened|intensified|when)\b", re.I),
    "announced": re.compile(r"\b(announc\w*|unveil\w*|decided|said it would)\b", re.I),
}


class MeasureRules:
    def __init__(self, triggers: dict):
        spec = triggers["measure"]
        self.triggers = [(re.compile(t["pattern"], re.I), t["type"]) for t in spec["triggers"]]
        self.exclude = [re.compile(p, re.I) for p in spec["exclude"]]
        self.status = [(k, re.compile(v, re.I)) for k, v in spec["status"].items()]
        self.demand = re.compile(spec["demand"], re.I)
        self.impose_verbs = re.compile(spec["impose_verbs"], re.I)


def _country_mentions(ann: SentenceAnnotations) -> list[tuple[int, int, str, str]]:
    return sorted((f.start, f.end, f.value.rstrip("?"), f.text) for f in ann.countries)


def find_imposer(text: str, start: int, ann: SentenceAnnotations, demanded: bool,
                 rules: MeasureRules) -> str | None:
    countries = _country_mentions(ann)
    if demanded:
        # "urged China to lift ...": the one urged is the one that imposes
        m = re.search(r"\b(urg\w*|call\w* on|press\w*|ask\w*|demand\w*)\s+(?:that\s+)?"
                      r"(?P<who>[A-Z][\w.'’ -]{1,40}?)\s+(to|should|would|promptly|lift|remove)",
                      text)
        if m:
            for cs, _ce, iso3, _ in countries:
                if m.start("who") <= cs < m.end("who"):
                    return iso3
    before = [c for c in countries if c[1] <= start]
    # a possessive, adjective or subject right before the trigger: "China's implementation
    # of export controls", "Japanese controls", "for Japan to wind down screening"
    for _cs, ce, iso3, _word in reversed(before):
        gap = text[ce:start]
        if len(gap) > 45 or re.search(r"[;:“”\"]", gap):
            break
        if re.match(r"['’]s?(?!\w)", gap):
            return iso3
        if re.fullmatch(r"[\w\s,-]*", gap) and not re.search(
                r"\b(on|against|from|of|for|with|by|over|than)\b|\bto\b(?!\s+\w+\s)",
                gap.replace("to wind", "towind"), re.I):
            return iso3
        break
    # the subject of an imposing verb
    for cs, ce, iso3, _ in reversed(before):
        if rules.impose_verbs.search(text[ce:start]) and not re.search(
                r"\b(to|against|on|from)\s+$", text[:cs], re.I):
            return iso3
    for _, actor in ann.persons:
        if actor and ann.persons[0][0].start < start:
            return ann.persons[0][1].country
    if before:
        return before[0][2]
    return None


def find_targets(text: str, start: int, end: int, imposer: str, ann: SentenceAnnotations,
                 products: set[str], measure_type: str) -> set[str]:
    if "all_goods" in products:
        return {"WLD"}
    targets = set()
    for cs, ce, iso3, word in _country_mentions(ann):
        if iso3 == imposer:
            continue
        before = text[max(0, cs - 40):cs]
        near_trigger = start - 80 <= cs <= end + 120
        if not near_trigger:
            continue
        if re.search(r"\b(to|against|on|from|for|toward|towards|targeting|removed|remove|"
                     r"including|of)\s+(the\s+)?(relevant\s+|certain\s+|some\s+)?$", before,
                     re.I):
            targets.add(iso3)
        elif cs > start and ann and re.match(r"\s*(?:[\w-]+\s+){0,2}(seafood|aquatic|fishery|"
                                             r"goods|products|entities|companies|firms|"
                                             r"imports|exports|beef|wine|barley|steel|cars|"
                                             r"automobiles|vehicles|chips|semiconductors)",
                                             text[ce:], re.I):
            targets.add(iso3)
        elif cs < start and word[0].isupper() and re.search(r"\bimport", text[ce:end], re.I):
            targets.add(iso3)
    for c in ann.country_places:
        if c.value != imposer and start <= c.start <= end + 80:
            targets.add(c.value)
    return targets or {"WLD"}


DATE_CUE = re.compile(r"\b(since|from|starting|start(ed|ing)?|began|begin|took effect|"
                      r"take effect|takes effect|effective|in force|impos\w+|introduc\w+|"
                      r"placed|tighten\w*|intensified|when|announc\w+|unveil\w+|decided|"
                      r"lift\w*|remov\w+|eas\w+|withdr\w+|scrap\w*|end(ed)?|expire\w*)\b",
                      re.I)


def _cued(text: str, start: int, end: int) -> bool:
    """A date belongs to a measure only when a verb of imposing, announcing or lifting
    stands within a few words of it; otherwise it dates something else (a meeting)."""
    return bool(DATE_CUE.search(text[max(0, start - 45):end + 45]))


def classify_measure_status(text: str, demanded: bool, rules: MeasureRules) -> str:
    if demanded:
        return "in_force"
    for status, pattern in rules.status:
        if pattern.search(text):
            return status
    return "in_force"


def _near_products(ann: SentenceAnnotations, start: int, end: int) -> set[str]:
    after = {f.value for f in ann.products if end <= f.start <= end + 120}
    inside = {f.value for f in ann.products if start <= f.start < end}
    before = {f.value for f in ann.products if start - 80 <= f.start < start}
    found = inside | after or before
    if not found:
        found = {f.value for f in ann.products}
    if "semiconductor_materials" in found and found & {"gallium", "germanium"}:
        found.discard("semiconductor_materials")  # "metals used in chipmaking like gallium"
    return found


def extract_measures(article_id: str, published: dt.date, sentences: list[Sentence],
                     annotations: list[SentenceAnnotations], rules: MeasureRules
                     ) -> list[MeasureRecord]:
    measures: list[MeasureRecord] = []
    loose: list[tuple[Sentence, SentenceAnnotations, str, str, str]] = []
    for sentence, ann in zip(sentences, annotations, strict=True):
        text = sentence.text
        if any(p.search(text) for p in rules.exclude):
            continue
        seen_types: set[str] = set()
        for pattern, measure_type in rules.triggers:
            for match in pattern.finditer(text):
                if measure_type in seen_types:
                    break
                demanded = bool(rules.demand.search(text))
                status = classify_measure_status(text, demanded, rules)
                products = _near_products(ann, match.start(), match.end())
                if measure_type == "tariff" and re.search(r"\b(free|exempt\w*)\b",
                                                          match.group(), re.I):
                    continue
                if not products and measure_type in DEFAULT_PRODUCTS:
                    products = {DEFAULT_PRODUCTS[measure_type]}
                imposer = find_imposer(text, match.start(), ann, demanded, rules)
                if imposer is None:
                    continue
                if not products and measure_type == "wto_dispute":
                    # the products of the challenged measure: the respondent's export measure
                    respondent = next((m for m in measures if m.imposer != imposer
                                       and measure_family(m.measure_type) == "export"), None)
                    if respondent is not None:
                        products = set(respondent.products)
                if not products:
                    loose.append((sentence, ann, measure_type, imposer, match.group()))
                    seen_types.add(measure_type)
                    continue
                forward = status == "expected"
                dates = [d for d in find_dates(text, published, forward) if d.is_date and (
                    _cued(text, d.start, d.end) or status in ("expected", "lifted", "eased",
                                                             "withdrawn"))]
                fields: dict[str, Window] = {}
                if dates:
                    best = min(dates, key=lambda d: abs(d.start - match.start()))
                    lead = text[max(0, best.start - 40):best.end + 40]
                    if status in ("lifted", "eased", "withdrawn"):
                        field = "lifted"
                    elif status == "announced" or FIELD_CUES["announced"].search(lead) and not \
                            FIELD_CUES["in_force"].search(lead):
                        field = "announced"
                    else:
                        field = "in_force"
                    fields[field] = Window.from_mention(best)
                demands = []
                if demanded:
                    demander = next((a.country for _, a in ann.persons if a.country != imposer),
                                    None) or next((c[2] for c in _country_mentions(ann)
                                                   if c[2] != imposer), "")
                    when = fields.get("in_force")
                    demands.append(f"{demander} urged lifting"
                                   + (f", {when.iso()}" if when else f", {published.isoformat()}"))
                    fields.pop("in_force", None)
                record = MeasureRecord(
                    article_ids=[article_id], published=published, imposer=imposer,
                    targets=find_targets(text, match.start(), match.end(), imposer, ann,
                                         products, measure_type),
                    measure_type=measure_type,
                    direction="liberalising" if status in ("lifted", "eased", "withdrawn")
                    else "restrictive",
                    products=products, dates=fields, status=status, demands=demands)
                record.mentions.append(Mention(article_id, sentence.index, sentence.start,
                                               sentence.end, text, f"measure:{measure_type}",
                                               match.group()))
                same = next((m for m in measures if same_measure(m, record)), None)
                if same is not None:
                    merge_measure(same, record)
                else:
                    measures.append(record)
                seen_types.add(measure_type)
                break
    for sentence, _ann, measure_type, imposer, matched in loose:
        family = measure_family(measure_type)
        target = next((m for m in measures if m.imposer == imposer
                       and measure_family(m.measure_type) == family), None)
        if target and not any(x.sentence_index == sentence.index for x in target.mentions):
            target.mentions.append(Mention(article_id, sentence.index, sentence.start,
                                           sentence.end, sentence.text, "measure:anaphora",
                                           matched))
    return measures


def same_measure(a: MeasureRecord, b: MeasureRecord) -> bool:
    """One measure: same imposer, same type family, overlapping product families."""
    if a.imposer != b.imposer or measure_family(a.measure_type) != measure_family(
            b.measure_type):
        return False
    return bool(product_families(a.products) & product_families(b.products))


def merge_measure(into: MeasureRecord, other: MeasureRecord) -> None:
    into.article_ids = sorted(set(into.article_ids) | set(other.article_ids))
    into.products |= other.products
    if "WLD" in into.targets and other.targets != {"WLD"}:
        into.targets = set(other.targets)
    elif other.targets != {"WLD"}:
        into.targets |= other.targets
    for field, window in other.dates.items():
        current = into.dates.get(field)
        if current is None or window.width < current.width:
            into.dates[field] = window
    if other.published > into.published or (
            other.published == into.published
            and STATUS_ORDER_MEASURE.index(other.status) > STATUS_ORDER_MEASURE.index(
                into.status)):
        into.status = other.status
        into.published = max(into.published, other.published)
    into.direction = "liberalising" if into.status in ("lifted", "eased", "withdrawn") \
        else "restrictive"
    into.demands += [d for d in other.demands if d not in into.demands]
    seen = {(m.article_id, m.sentence_index) for m in into.mentions}
    into.mentions += [m for m in other.mentions if (m.article_id, m.sentence_index) not in seen]
