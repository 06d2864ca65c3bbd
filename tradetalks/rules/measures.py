"""Trade measures: a measure trigger (export controls, import ban, tariffs, end-user list,
white list, WTO complaint ...) with the government that acts, its targets, products,
status, dates and any demand to lift it.

Status, dates and the acting government are read from the trigger's own clause, not the
whole sentence. Lifting or easing updates the measure it ends rather than adding a row;
a sentence that names a measure without a product ("the stringent export control
measures") is attached to the article's matching measure, never counted as a new one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from tradetalks.ingest.sentences import Sentence, blanked, only
from tradetalks.knowledge.annotate import Found, SentenceAnnotations
from tradetalks.knowledge.dates import DateMention, find_dates
from tradetalks.knowledge.dictionaries import Dispute, KnownMeasure
from tradetalks.knowledge.records import MeasureRecord, Mention, Window, copied, measure_family
from tradetalks.prefilter import compile as guarded
from tradetalks.resolve import merge_measure, same_measure
from tradetalks.rules.roles import parse_imposer
from tradetalks.vocabulary import vocabulary

DESCRIPTION = re.compile(r"\b((used|needed|required|essential)\s+)?(in|for|to)\s+(make|making|"
                         r"manufactur\w*|produc\w*|build\w*)\s+(\w+\s+)?$|\b(key to|found in)"
                         r"\s+(\w+\s+)?$", re.I)
# a mention right after one of these is an object ("a letter addressed to President Lee",
# "talks with Washington"), not the government that acts; so is the object of an
# infinitive ("Japan's decision to return South Korea to its list")
OBJECT_OF = re.compile(r"\b(to|with|from|by|against|for|of|toward|towards|at|between)\s+"
                       r"((the|his|her|its|their|President|Prime Minister|Premier|Minister|"
                       r"Secretary|Chancellor|counterpart|Trade|Commerce|Foreign|U\.S\.)\s+)*$"
                       r"|\bto\s+(?!be\b)[a-z]+\s+$")
CLAUSE_BREAKS = ("; ", ", and ", ", but ", ", while ", ", whereas ", " and shipments ",
                 ", after ", ", before ")
# a pronoun and its verb right before the trigger ("it filed a complaint", "after it
# tightened controls", "they have imposed new curbs")
PRONOUN_SUBJECT = re.compile(r"\b(it|they)\s+((has|have|had|also)\s+)?[a-z]+ed\s+"
                             r"((a|an|the|its|their|new|fresh|tighter)\s+)?$")
VOCABULARY = vocabulary()
CHEMICALS = VOCABULARY.members_of_family("semiconductor_materials")
DEFAULT_PRODUCTS = VOCABULARY.default_products
LIBERALISING = VOCABULARY.liberalising
# statuses that soften a measure without ending it, in the vocabulary's order
SOFTENING = [s for s in VOCABULARY.measure_statuses if s in LIBERALISING and s != "lifted"]
WORLD = VOCABULARY.all_destinations["code"]
GOODS_NOUN = re.compile(r"^\s*(?:(?!also\b|has\b|have\b|had\b|will\b|would\b|is\b|are\b|was\b|"
                        r"were\b|[a-z-]+ed\b)[a-z-]+\s+)?(seafood|aquatic|fishery|goods|products|"
                        r"entities|companies|firms|imports|exports|beef|wine|barley|steel|"
                        r"aluminium|aluminum|cars|automobiles|vehicles|electric|chips|"
                        r"semiconductors|military|end users?|institutes)\b", re.I)
IN_FORCE_CUE = re.compile(r"\b(since|from|starting|start(ed|ing|s)?|began|begin|took effect|"
                          r"take effect|takes effect|effective|with effect|in force|in place|"
                          r"impos\w+|introduc\w+|placed|tighten\w*|intensified|when|"
                          r"will (rise|apply|require)|due to take effect|rais\w+|hit back|"
                          r"bann\w+|suspend\w*|halt\w*|barr\w+|block\w*|requir\w+)\b",
                          re.I)
ANNOUNCE_CUE = re.compile(r"\b(announc\w*|unveil\w*|decided|said|cleared the way|"
                          r"approved|confirmed|filing|filed|file)\b", re.I)
LIFT_CUE = re.compile(r"\b(lift\w*|remov\w+|eas\w+|withdr\w+|scrap\w*|ended|paus\w+|"
                      r"suspend\w*|resum\w+|restor\w+|dropp\w+|relax\w*)\b", re.I)
HEDGE = re.compile(r"\b(expected to|expectations? of|plans? to|planning to|considering|"
                   r"could|(?-i:may)|might|threaten(ed|s|ing)? to|poised to|likely to)\b", re.I)


class MeasureRules:
    def __init__(self, triggers: dict, disputes: tuple[Dispute, ...] = (),
                 known: tuple[KnownMeasure, ...] = ()):
        spec = triggers["measure"]
        self.disputes = disputes  # WTO disputes the dictionaries know (disputes.csv)
        self.known = known  # measures known by their goods (known_measures.csv)
        self.triggers = [(guarded(t["pattern"], re.I), t["type"]) for t in spec["triggers"]]
        # each trigger's rule id, by its compiled pattern (a match's ``.re``)
        self.ids = {p: t["id"] for (p, _), t in zip(self.triggers, spec["triggers"], strict=True)}
        # a trigger that the words before it make a demand, not a measure ("requested the
        # early resumption of imports"): by the trigger's compiled pattern
        self.unless_before = {p: re.compile(t["unless_before"], re.I)
                              for (p, _), t in zip(self.triggers, spec["triggers"], strict=True)
                              if t.get("unless_before")}
        self.exclude = [guarded(p, re.I) for p in spec["exclude"]]
        self.status = {k: guarded(v, re.I) for k, v in spec["status"].items()}
        self.demand = guarded(spec["demand"], re.I)
        self.impose_verbs = guarded(spec["impose_verbs"], re.I)
        self.target_words = guarded(spec["target_words"], re.I)
        instruments = spec["instruments"]
        self.instrument_rule = instruments["id"]
        self.instruments = dict(instruments["names"])
        self.instrument_re = re.compile("|".join(
            rf"\b{re.escape(n)}\b" for n in sorted(self.instruments, key=len, reverse=True)))
        suit = spec["followed_suit"]
        self.followed_suit_rule = suit["id"]
        self.followed_suit = guarded(suit["pattern"], re.I)
        self.followed_suit_unless = guarded(suit["unless_before"], re.I)
        self.reporting_rule = spec["reporting_subject"]["id"]
        self.reporting = guarded(spec["reporting_subject"]["pattern"], re.I)
        self.reporting_clause = guarded(spec["reporting_subject"]["clause"], re.I)
        self.reporting_unless = guarded(spec["reporting_subject"]["unless_before"], re.I)
        self.opening_rule = spec["opening_reference"]["id"]
        self.opening_reference = guarded(spec["opening_reference"]["pattern"])
        self.agency_rule = spec["announcing_agency"]["id"]
        self.announcing_agency = guarded(spec["announcing_agency"]["pattern"], re.I)
        self.again_rule, self.again = spec["again"]["id"], guarded(spec["again"]["pattern"],
                                                                   re.I)
        goods = spec["goods_followed"]
        self.goods_rule = goods["id"]
        self.goods_first = guarded(goods["goods_first"], re.I)
        self.goods_after = guarded(goods["goods_after"], re.I)
        self.split_rule = spec["split_by_date"]["id"]
        self.split_reach = int(spec["split_by_date"]["reach"])
        self.owner_rule = spec["coordinated_owner"]["id"]
        self.owned = guarded(spec["coordinated_owner"]["owned"], re.I)
        # every trigger match of a sentence, found once: the parse gate and the rules read them
        self.matches = lru_cache(maxsize=1024)(self._find)

    def _find(self, text: str) -> tuple[tuple[re.Match, str, int], ...]:
        """Every trigger match of ``text`` with its measure type and rule order."""
        return tuple((m, t, i) for i, (p, t) in enumerate(self.triggers)
                     for m in p.finditer(text)
                     if p not in self.unless_before
                     or not self.unless_before[p].search(text, 0, m.start()))


WTO_CHALLENGED = re.compile(r"\b(over|against)\b", re.I)


def _country_mentions(ann: SentenceAnnotations, people: bool = False
                      ) -> list[tuple[int, int, str, str]]:
    """Government mentions; with ``people``, named officials stand for their government
    too ("the Trump administration imposed ...")."""
    found = [(f.start, f.end, f.value.rstrip("?"), f.text) for f in ann.countries]
    if people:
        found += [(f.start, f.end, actor.country, f.text) for f, actor in ann.persons]
    return sorted(found)


def _is_target_modifier(text: str, end: int) -> bool:
    """'Chinese goods', 'Japanese seafood': a demonym naming the goods' origin."""
    return bool(GOODS_NOUN.match(text[end:end + 40]))


def find_imposer(text: str, start: int, end: int, ann: SentenceAnnotations, demanded: bool,
                 rules: MeasureRules) -> str | None:
    """The acting government, or None; with its reason in :func:`imposer_and_reason`."""
    return imposer_and_reason(text, start, end, ann, demanded, rules)[0]


def imposer_and_reason(text: str, start: int, end: int, ann: SentenceAnnotations,
                       demanded: bool, rules: MeasureRules) -> tuple[str | None, str]:
    """The acting government from the clause's words, and the reason, or (None, "")."""
    countries = _country_mentions(ann)
    if demanded:
        urged = _urged(text, countries)
        if urged is not None:
            return urged, "urged-object"
    # "South Korea avoided the steel tariff": a government the words make the target
    before = [c for c in _country_mentions(ann, people=True) if c[1] <= start
              and not rules.target_words.search(text[c[1]:start])]
    # a possessive, adjective or subject right before the trigger: "China's implementation
    # of export controls", "Japanese controls", "for Japan to wind down screening"
    before = [c for c in before if not OBJECT_OF.search(text[:c[0]])
              or re.match(r"['’]s?(?!\w)|\s+to\s+(?!(its|the|their|his|her|a|an)\b)\w+",
                          text[c[1]:])]
    found = _right_before(text, start, before)
    if found is not None:
        return found
    # the subject of an imposing verb
    for cs, ce, iso3, _ in reversed(before):
        if _is_target_modifier(text, ce):
            continue
        if rules.impose_verbs.search(text[ce:start]) and not re.search(
                r"\b(to|against|on|from|of|by)\s+(the\s+)?$", text[:cs], re.I):
            return iso3, "subject-of-imposing-verb"
    return _after_trigger(text, end, countries, rules)


def _urged(text: str, countries: list) -> str | None:
    """"urged China to lift ...": the one urged is the one that imposes."""
    m = re.search(r"\b(urg\w*|call\w* on|press\w*|ask\w*|demand\w*)\s+(?:that\s+)?"
                  r"(?P<who>[A-Z][\w.'’ -]{1,40}?)\s+(to|should|would|promptly|lift|remove)",
                  text)
    if m:
        for cs, _ce, iso3, _ in countries:
            if m.start("who") <= cs < m.end("who"):
                return iso3
    return None


def _right_before(text: str, start: int, before: list) -> tuple[str, str] | None:
    """A possessive, adjective or subject just before the trigger (dates and an
    infinitive's 'to' in between do not count)."""
    for _cs, ce, iso3, _word in reversed(before):
        gap = re.sub(r"\bto\s*$", "", text[ce:start])  # "plans to remove": an infinitive
        for d in find_dates(gap, dt.date(2000, 1, 1)):  # "on Friday published rules"
            gap = gap.replace(d.text, " ")
        if len(gap) > 60 or re.search(r"[;:]", gap):
            break
        if re.match(r"['’]s?(?!\w)", gap):
            return iso3, "possessive"
        if _is_target_modifier(text, ce):
            continue
        if re.fullmatch(r"[\w\s,%.“”\"'’-]*", gap) and not re.search(
                r"\b(on|against|from|of|for|with|by|over|than|and|or|about|regarding|into|off|"
                r"toward|towards)\b|\bto\b(?!\s+\w+(\s+(down|up|back|off|out))?\s*$)",
                gap, re.I):
            return iso3, "adjective-or-subject-before"
        break
    return None


def _after_trigger(text: str, end: int, countries: list, rules: MeasureRules
                   ) -> tuple[str | None, str]:
    """A relative clause or by-agent after the trigger names the government."""
    # "a duty on all imports that Washington will begin collecting"
    for cs, ce, iso3, _ in countries:
        if end <= cs <= end + 80 and re.search(r"\b(that|which)\s+(the\s+)?$", text[:cs], re.I) \
                and rules.impose_verbs.search(text[ce:ce + 40]) or (
                end <= cs <= end + 80 and re.match(r"\s+(will|would|has|had|is|was)?\s*"
                                                   r"(begin|start)\w*\s+(collect|impos|levy|"
                                                   r"apply|enforc)", text[ce:], re.I)):
            return iso3, "relative-clause-subject"
    # "tariffs imposed by Washington"
    by = re.match(r"[\w\s,-]{0,40}?\bby\s+(the\s+)?", text[end:])
    if by:
        for cs, _ce, iso3, _ in countries:
            if cs == end + by.end():
                return iso3, "by-agent"
    return None, ""


def find_targets(text: str, start: int, end: int, imposer: str, ann: SentenceAnnotations,
                 products: set[str]) -> set[str]:
    targets = set()
    for cs, ce, iso3, _word in _country_mentions(ann):
        if iso3 == imposer or not (start - 80 <= cs <= end + 120):
            continue
        before = text[max(0, cs - 40):cs]
        if re.search(r"\b(including|such as|like|notably)\s+(the\s+)?$", before, re.I):
            continue  # an example of those affected, not the target
        if re.search(r"\b(to|against|on|from|for|toward|towards|targeting|removed|remove|"
                     r"removing|drop|dropped|dropping|strip|strips|stripped|exclude|excluded|"
                     r"of|made in|imported from|aimed at|cutting)\s+(the\s+)?"
                     r"(relevant\s+|certain\s+|some\s+|all\s+)?$", before, re.I):
            targets.add(iso3)
        elif _is_target_modifier(text, ce) and not re.search(
                r"\b(including|such as|like)\s+$", before, re.I):
            targets.add(iso3)
    for c in ann.country_places:
        if c.value != imposer and start <= c.start <= end + 80:
            targets.add(c.value)
    if "all_goods" in products and not targets:
        return {WORLD}
    return targets or {WORLD}


UNREAL = re.compile(r"\b(no|not|whether|would|could|(?-i:may)|might|first step|failed|refused|"
                    r"declined|urg\w*|call\w* for|call\w* on|demand\w*|ask\w*|hope\w*|seek\w*|"
                    r"sought|want\w*|wish\w*|pressed)\b", re.I)


def _unreal(clause: str, at: int) -> bool:
    """A lifting that is asked for, hoped for, denied or hypothetical has not happened."""
    return bool(UNREAL.search(clause[max(0, at - 60):at]))


def classify_measure_status(clause: str, measure_type: str, demanded: bool,
                            rules: MeasureRules) -> str:
    if demanded:
        return "in_force"
    lifted = rules.status["lifted"].search(clause)
    if measure_type == "preferential_status_removal":
        # removing a country from the list is the measure; restoring it is the lifting
        lifted = re.search(r"\b(restor\w*|reinstat\w*|return\w*|put back|re-?add\w*|"
                           r"readmit\w*)\b", clause, re.I)
    elif measure_type == "entity_list" and re.search(r"\badd(ed|s|ing)?\b", clause, re.I):
        lifted = None
    if lifted and not _unreal(clause, lifted.start()):
        return "lifted"
    for status in SOFTENING:
        found = rules.status[status].search(clause)
        if found and not _unreal(clause, found.start()):
            return status
    if re.search(r"\b(took effect|in place|in force|remains?|since|has required|have required|"
                 r"already)\b", clause, re.I):
        return "in_force"
    if re.search(r"\b(announced|unveiled)\b", clause, re.I):
        return "announced"  # "announced on October 9 and expected to take effect ..."
    if HEDGE.search(clause):
        return "expected"
    if rules.status["announced"].search(clause):
        return "announced"
    return "in_force"


def text_of(ann: SentenceAnnotations) -> str:
    return getattr(ann, "text", "")


def _near_products(ann: SentenceAnnotations, start: int, end: int, measure_type: str,
                   stop: int | None = None) -> set[str]:
    """The goods named nearest the trigger; none past ``stop``, where the sentence's next
    trigger starts ("banned exports of gallium ..., a day after Washington tightened its
    chip controls": the chips are the next measure's)."""
    spans = [f for f in ann.products
             if not any(o is not f and o.start <= f.start and f.end <= o.end
                        and (o.end - o.start) > (f.end - f.start) for o in ann.products)]
    if measure_type != "tariff":
        spans = [f for f in spans if f.value != "all_goods"]
    # "gallium, a metal used in making semiconductors": a description, not a product
    described = [f for f in spans if DESCRIPTION.search(text_of(ann)[max(0, f.start - 30):f.start])]
    if len(described) < len(spans):
        spans = [f for f in spans if f not in described]
    text = text_of(ann)
    hi = min([i for i in (text.find(sep, end) for sep in CLAUSE_BREAKS) if i != -1]
             + [end + 120] + ([stop - 1] if stop is not None else []))
    lo = max([text.rfind(sep, 0, start) for sep in CLAUSE_BREAKS] + [start - 80])
    after = {f.value for f in spans if end <= f.start <= hi}
    inside = {f.value for f in spans if start <= f.start < end}
    before = {f.value for f in spans if lo <= f.start < start}
    # "exports of seven rare earth elements - samarium, gadolinium, ... - require a
    # licence": with none nearer, the goods the clause named first, however long its list
    # (not for a tariff, whose goods follow it: "a 125% tariff on all U.S. goods")
    clause_start = max([text.rfind(sep, 0, start) for sep in CLAUSE_BREAKS] + [0])
    earlier = {f.value for f in spans if clause_start <= f.start < start} \
        if measure_type != "tariff" else set()
    found = inside | after or before or earlier
    if "semiconductor_materials" in found and found & {"gallium", "germanium"}:
        found.discard("semiconductor_materials")  # "metals used in chipmaking like gallium"
    if "semiconductor_materials" in found:
        # the codebook: the named chemicals too, wherever the sentence names them
        found |= {f.value for f in spans if f.value in CHEMICALS}
    return found


def _clause(text: str, start: int, end: int) -> str:
    left = max(text.rfind(";", 0, start), text.rfind(". ", 0, start), start - 90)
    right_candidates = [i for i in (text.find(";", end), end + 90) if i != -1]
    return text[max(0, left):min(right_candidates)]


def _date_fields(text: str, start: int, end: int, status: str, published: dt.date
                 ) -> dict[str, Window]:
    """Each cued date in the trigger's neighbourhood goes to the field its cue names.
    A date after a start cue in a future-tense clause resolves forward."""
    backward = find_dates(text, published, False)
    forward = find_dates(text, published, True)
    governing = text[max(0, start - 30):start]
    announce_governs = bool(re.search(r"\b(announc\w*|unveil\w*)\s+(the\s+|a\s+|an\s+)?"
                                      r"([\w-]+\s+){0,2}$", governing, re.I))
    hi = min([i for i in (text.find(sep, end) for sep in CLAUSE_BREAKS) if i != -1]
             + [end + 200])
    lo = max([text.rfind(sep, 0, start) for sep in CLAUSE_BREAKS] + [start - 120])
    fields: dict[str, Window] = {}
    for back, fwd in zip(backward, forward, strict=True):
        if not back.is_date or not (lo <= back.start <= hi):
            continue
        cued = _cued_date(text, back, fwd, end, status, announce_governs)
        if cued is None:
            continue
        field, window = cued
        if field not in fields or window.width < fields[field].width:
            fields[field] = window
    if status in LIBERALISING and "lifted" not in fields:
        unused = [d for d in backward if d.is_date]
        if len(unused) == 1:
            fields["lifted"] = Window.from_mention(unused[0])
    if "announced" in fields and "in_force" not in fields and re.search(
            r"\b(with immediate effect|immediately|effective immediately)\b", text, re.I):
        fields["in_force"] = fields["announced"]
    return fields


def _cued_date(text: str, back: DateMention, fwd: DateMention, end: int, status: str,
               announce_governs: bool = False) -> tuple[str, Window] | None:
    """The field a date's cue words give it (and its window), or None when uncued;
    ``end`` is where the trigger (or the goods a date follows) ends."""
    lead = text[max(0, back.start - 40):back.start] + " " + back.text
    tail = text[back.end:back.end + 50]
    near = lead + " " + tail
    if IN_FORCE_CUE.search(lead[-(len(back.text) + 16):]) or re.search(
            r"\b(take|took|takes) effect\b", near, re.I):
        field = "in_force"
    elif status in LIBERALISING and LIFT_CUE.search(near):
        field = "lifted"
    elif ANNOUNCE_CUE.search(near) or announce_governs:
        field = "announced"
    elif status in LIBERALISING and abs(back.start - end) < 60:
        field = "lifted"
    elif IN_FORCE_CUE.search(near) or (status not in LIBERALISING
                                       and 0 <= back.start - end < 80):
        field = "in_force"
    else:
        return None
    mention: DateMention = back
    future = re.search(r"\b(will|would|shall|is due to|are due to|is set to|are set to|"
                       r"to take effect|takes effect)\b", lead, re.I)
    if field == "in_force" and (status in VOCABULARY.pending or future):
        mention = fwd
    return field, Window.from_mention(mention)


def _demand_text(ann: SentenceAnnotations, imposer: str, published: dt.date) -> str:
    """'JPN urged lifting, 2025-10-30': the date the sentence gives, else publication."""
    demander = next((a.country for _, a in ann.persons if a.country != imposer), None) or \
        next((c[2] for c in _country_mentions(ann) if c[2] != imposer), "")
    if not demander:
        return ""
    dates = [d for d in find_dates(text_of(ann), published, False)
             if d.is_date and d.precision == "day"]
    when = dates[0].iso() if dates else published.isoformat()
    return f"{demander} urged lifting, {when}"


@dataclass
class _Article:
    """What one article's extraction carries from sentence to sentence."""

    article_id: str
    published: dt.date
    rules: MeasureRules
    docs: dict
    measures: list[MeasureRecord] = field(default_factory=list)
    loose: list[tuple[Sentence, str, str | None, str, str, dict]] = field(default_factory=list)
    previous_subject: str | None = None
    story: tuple[str, ...] = ()  # the article's two most-named governments


def extract_measures(article_id: str, published: dt.date, sentences: list[Sentence],
                     annotations: list[SentenceAnnotations], rules: MeasureRules,
                     docs: dict | None = None, story: tuple[str, ...] = ()
                     ) -> list[MeasureRecord]:
    """Measures of one article; ``docs`` holds the parses of its trigger sentences,
    ``story`` the article's two most-named governments."""
    state = _Article(article_id, published, rules, docs or {}, story=story)
    for sentence, ann in zip(sentences, annotations, strict=True):
        subject = _country_mentions(ann, people=True)
        this_subject = subject[0][2] if subject and subject[0][0] < 40 else None
        if not any(p.search(sentence.text) for p in rules.exclude) and not _demand_only(
                state, sentence, ann):
            _sentence_measures(state, sentence, ann, this_subject)
        state.previous_subject = this_subject or state.previous_subject
    _attach_loose(state)
    return state.measures


def _demand_only(state: _Article, sentence: Sentence, ann: SentenceAnnotations) -> bool:
    """"urged Beijing to lift the ban": a demand about a measure already reported is added
    to it (True); a sentence that also names a new measure is not a demand only."""
    text, rules = sentence.text, state.rules
    if not state.measures or not rules.demand.search(text) or any(
            p.search(text) and t != "tariff" for p, t in rules.triggers):
        return False
    urged = find_imposer(text, len(text), len(text), ann, True, rules)
    target = next((m for m in reversed(state.measures) if urged in (None, m.imposer)), None)
    if target is None or urged is None:
        return False
    demand = _demand_text(ann, target.imposer, state.published)
    if demand and demand not in target.demands:
        target.demands.append(demand)
        target.demand_sentences[demand] = sentence.index
    if not any(x.sentence_index == sentence.index for x in target.mentions):
        target.mentions.append(Mention(state.article_id, sentence.index, sentence.start,
                                       sentence.end, text, "measure.demand",
                                       rules.demand.search(text).group()))
    return True


def _sentence_measures(state: _Article, sentence: Sentence, ann: SentenceAnnotations,
                       this_subject: str | None) -> None:
    """Every trigger of the sentence, widest and earliest first, becomes a measure (or a
    loose mention when it lacks a government or products)."""
    text, rules = sentence.text, state.rules
    found = sorted(rules.matches(text), key=lambda x: (x[2], x[0].start()))
    if not found:
        if not _followed_suit(state, sentence, ann):
            _goods_followed(state, sentence, ann)
        return
    accepted: list[tuple[int, int]] = []
    list_ends: list[tuple[int, str]] = []
    wto_ends: list[int] = []
    for match, measure_type, _order in found:
        span = (match.start(), match.end())
        covered = any(a <= span[0] < b or a < span[1] <= b for a, b in accepted)
        challenged = covered and measure_type != "wto_dispute" and _owned_challenge(
            text, ann, span, wto_ends)
        if covered and not challenged:
            continue  # a wider or earlier trigger already covers these words
        if measure_family(measure_type) == "export" and any(
                0 <= span[0] - end < 80 and not rules.impose_verbs.search(text, end, span[0])
                for end, kind in list_ends if kind in VOCABULARY.list_types):
            continue  # licences that follow from a list change describe that change,
            # unless a verb of their own imposes them ("... and expanded restrictions")
        # a WTO step's own words (and what follows "over ...") describe the challenged
        # measure, not a new one
        accepted.append((span[0], span[1] + (60 if measure_type == "wto_dispute" else 0)))
        if measure_type == "wto_dispute":
            wto_ends.append(span[1])
        list_ends.append((match.end(), measure_type))
        following = [m.start() for m, _, _ in found if m.start() >= match.end()]
        _trigger_measure(state, sentence, ann, match, measure_type, this_subject,
                         min(following) if following and measure_type != "wto_dispute"
                         else None, challenged,
                         [m.span() for m, kind, _ in found if kind != measure_type])


def _owned_challenge(text: str, ann: SentenceAnnotations, span: tuple[int, int],
                     wto_ends: list[int]) -> bool:
    """"suspend its WTO dispute over China's anti-dumping duties on Australian wine": the
    challenged measure after a WTO step, named with the government that owns it, is a
    measure of its own (annotators code both)."""
    after = [end for end in wto_ends if 0 <= span[0] - end < 60]
    if not after:
        return False
    owners = [(cs, ce) for cs, ce, _, _ in _country_mentions(ann) if after[-1] <= cs < span[0]]
    return bool(owners) and text[owners[-1][1]:owners[-1][1] + 2] in ("'s", "’s") \
        and span[0] - owners[-1][1] < 40


def _dates_why(fields: dict) -> str:
    """How a measure's dates were read: each status's cue words."""
    return "+".join(f'{k}-cue:"{fields[k].text}"' for k in sorted(fields)) or "none"


def _followed_suit(state: _Article, sentence: Sentence, ann: SentenceAnnotations) -> bool:
    """"Russia followed suit in October": the article's last measure, imposed by the
    government named just before the phrase (none when no government is named there or
    it is the measure's own imposer)."""
    text, rules = sentence.text, state.rules
    phrase = rules.followed_suit.search(text)
    if phrase is None or not state.measures or rules.followed_suit_unless.search(
            text, 0, phrase.start()):
        return False
    before = [m for m in _country_mentions(ann, people=True) if m[1] <= phrase.start()]
    if not before:
        return False
    follower = before[-1][2]
    last = state.measures[-1]
    if follower == last.imposer:
        return False
    status = classify_measure_status(_clause(text, phrase.start(), phrase.end()),
                                     last.measure_type, False, rules)
    if status == "announced" and last.status == "in_force":
        status = "in_force"  # "followed suit" reports what was done
    fields = _date_fields(text, phrase.start(), phrase.end(), status, state.published)
    record = copied(last, article_ids=[state.article_id], imposer=follower,
                    targets=last.targets - {follower}, dates=fields, status=status,
                    direction=VOCABULARY.direction_of(status), demands=[],
                    demand_sentences={}, mentions=[],
                    why={**last.why, "imposer": rules.followed_suit_rule,
                         "products": "followed-measure", "status": f"clause:{status}",
                         "dates": _dates_why(fields)})
    record.mentions.append(Mention(state.article_id, sentence.index, sentence.start,
                                   sentence.end, text, rules.followed_suit_rule,
                                   phrase.group()))
    state.measures.append(record)
    return True


def _goods_followed(state: _Article, sentence: Sentence, ann: SentenceAnnotations) -> None:
    """"Graphite followed on December 1, 2023", "Antimony was added in September 2024":
    goods joining the measure just reported, in a sentence naming no other government,
    are a measure of its kind and government, dated from the sentence."""
    text, rules = sentence.text, state.rules
    if not state.measures:
        return
    last = state.measures[-1]
    named = {c[2] for c in _country_mentions(ann, people=True)}
    if named - {last.imposer} - last.targets or last.status in LIBERALISING:
        return  # another government's step, or goods joining an easing
    goods = _joining_goods(text, ann, 0, len(text), last.products, rules)
    if not goods:
        return
    at, chosen = goods
    status = last.status
    fields = _date_fields(text, at, at, status, state.published)
    record = copied(last, article_ids=[state.article_id], products=chosen, dates=fields,
                    status=status, direction=VOCABULARY.direction_of(status), demands=[],
                    demand_sentences={}, mentions=[],
                    why={**last.why, "products": rules.goods_rule,
                         "status": f"followed-measure:{status}", "dates": _dates_why(fields)})
    record.mentions.append(Mention(state.article_id, sentence.index, sentence.start,
                                   sentence.end, text, rules.goods_rule,
                                   text[at:at + 40].strip()))
    _add_measure(state, record)


def _joining_goods(text: str, ann: SentenceAnnotations, lo: int, hi: int, known: set[str],
                   rules: MeasureRules) -> tuple[int, set[str]] | None:
    """The goods between ``lo`` and ``hi`` that a joining verb attaches to a measure
    already reported ("graphite followed on", "was added", "came graphite", "added
    graphite"), and where the verb ends; None when there are none."""
    spans = [f for f in ann.products if lo <= f.start < hi and f.value not in known
             and f.value != "all_goods"]
    verb = rules.goods_first.search(text, lo, hi)
    if verb is not None:
        chosen = {f.value for f in spans if f.end <= verb.start()}
        if chosen:
            return verb.end(), chosen
    chosen = {f.value for f in spans
              if rules.goods_after.search(text[max(lo, f.start - 20):f.start])}
    if chosen:
        return min(f.end for f in spans if f.value in chosen), chosen
    return None


def _trigger_measure(state: _Article, sentence: Sentence, ann: SentenceAnnotations,
                     match: re.Match, measure_type: str, this_subject: str | None,
                     next_trigger: int | None = None, challenged: bool = False,
                     others: list[tuple[int, int]] | None = None) -> None:
    """One trigger: its status, products, government and targets, merged into the
    article's measures (or kept loose for a later back-reference). A measure a WTO step
    challenges (``challenged``) is in force: the clause's words are the step's. The words
    of the sentence's triggers of other kinds (``others``) are theirs, not status cues of
    this one ("It removed Japan from its white list, filed a complaint at the WTO": not
    lifted)."""
    text, rules, published = sentence.text, state.rules, state.published
    demanded = bool(rules.demand.search(text))
    status = "in_force" if challenged else classify_measure_status(
        _clause(blanked(text, *(others or [])), match.start(), match.end()), measure_type,
        demanded, rules)
    products = _near_products(ann, match.start(), match.end(), measure_type, next_trigger)
    products_why = "near-trigger" if products else ""
    imposer, imposer_why = _acting_government(state, sentence, ann, match, measure_type,
                                              demanded, products, this_subject)
    if measure_type == "wto_dispute" and imposer is not None and not products:
        products, products_why = _challenged_products(state, text, ann, match, imposer,
                                                      products_why)
    if measure_type in DEFAULT_PRODUCTS:
        # the codebook: lists (end-user, entity, preferential) are dual-use items
        products = {DEFAULT_PRODUCTS[measure_type]}
        products_why = "list-default"
    fields = _date_fields(text, match.start(), match.end(), status, published)
    if imposer is None or not products:
        state.loose.append((sentence, measure_type, imposer, match.group(), status, fields))
        return
    targets = find_targets(text, match.start(), match.end(), imposer, ann, products)
    if measure_type == "wto_dispute":
        targets = _respondent_targets(state.measures, imposer, products, targets)
    demands = [d for d in [_demand_text(ann, imposer, published)] if d] if demanded else []
    record = MeasureRecord(
        article_ids=[state.article_id], published=published, imposer=imposer,
        targets=targets, measure_type=measure_type,
        direction=VOCABULARY.direction_of(status),
        products=products, dates=fields, status=status, demands=demands,
        demand_sentences={d: sentence.index for d in demands},
        why={"imposer": imposer_why, "products": products_why,
             "status": "challenged-by-wto-step:in_force" if challenged
             else f"clause:{status}",
             "dates": _dates_why(fields)})
    record.mentions.append(Mention(state.article_id, sentence.index, sentence.start,
                                   sentence.end, text, rules.ids[match.re], match.group()))
    coordinated = _coordinated(record, text, match.end(), ann, status, published, rules,
                               sentence, next_trigger)
    # "halted imports of Japanese seafood again": a measure taken anew is its own row,
    # never the earlier one the article reported
    anew = rules.again.search(text, max(0, match.start() - 20),
                              _clause_end(text, match.end()))
    if anew:
        record.why["status"] = f'{record.why["status"]}+{rules.again_rule}'
    for rec in [part for whole in [record, *coordinated]
                for part in _split_by_dates(whole, text, ann, published, rules)]:
        if anew:
            state.measures.append(rec)
        else:
            _add_measure(state, rec, lambda m, r=rec: _same_clause_twin(m, r, sentence, match))


def _add_measure(state: _Article, record: MeasureRecord,
                 also: Callable[[MeasureRecord], bool] | None = None) -> None:
    """Merge ``record`` into the article's measure it is (or that ``also`` says it is),
    else add it."""
    same = next((m for m in state.measures
                 if same_measure(m, record) or (also is not None and also(m))), None)
    if same is not None:
        merge_measure(same, record)
    else:
        state.measures.append(record)


def _same_clause_twin(measure: MeasureRecord, record: MeasureRecord, sentence: Sentence,
                      match: re.Match) -> bool:
    """A second trigger word of the same kind in one clause ("the Tariff Commission",
    "over and above any tariff") names the same measure, whatever date it is read with;
    in another clause ("..., though the licensing regime of April stays") it may not."""
    if (measure.imposer, measure.measure_type, measure.targets, measure.products) != (
            record.imposer, record.measure_type, record.targets, record.products):
        return False
    text = sentence.text
    for mention in measure.mentions:
        at = text.find(mention.matched_text) if mention.sentence_index == sentence.index else -1
        if at != -1 and at < match.start():
            between = text[at:match.start()]
            return not any(b in between for b in (*CLAUSE_BREAKS, ", though "))
    return False


def _acting_government(state: _Article, sentence: Sentence, ann: SentenceAnnotations,
                       match: re.Match, measure_type: str, demanded: bool,
                       products: set[str], this_subject: str | None
                       ) -> tuple[str | None, str]:
    """The government that imposes the measure and how it was found: the clause's words,
    then the parse, then the article (see ``_unnamed_imposer``)."""
    text, rules = sentence.text, state.rules
    anchor = match.start()
    if measure_type == "wto_dispute":
        noun = re.search(r"complaint|challeng|case|dispute|panel|lawsuit", match.group(), re.I)
        anchor = match.start() + (noun.start() if noun else 0)
    named = rules.instrument_re.search(text, max(0, anchor - 25), match.end())
    if named is not None and not demanded:
        # "the Section 232 tariffs on steel": an instrument named with the trigger is
        # its government's, whatever possessive an earlier clause holds
        return rules.instruments[named.group()], rules.instrument_rule
    imposer, why = imposer_and_reason(text, anchor, match.end(), ann, demanded, rules)
    if this_subject and not demanded and PRONOUN_SUBJECT.search(text, 0, anchor):
        # "China criticised the U.S. curbs, and in December it filed a complaint": the
        # pronoun that imposes is the sentence's subject
        return this_subject, "pronoun-subject"
    # a WTO step's complainant is never inside what it complains about ("over the duties
    # that Beijing has imposed")
    challenged = WTO_CHALLENGED.search(text, match.end()) \
        if measure_type == "wto_dispute" else None
    parsed = parse_imposer(state.docs.get(sentence.index), match.start(), match.end(),
                           ann, challenged.start() if challenged else None) \
        if not demanded else None
    if parsed is not None:
        imposer, why = parsed
    if imposer is not None:
        return imposer, why
    return _unnamed_imposer(state, text, ann, match, measure_type, products, this_subject)


def _unnamed_imposer(state: _Article, text: str, ann: SentenceAnnotations,
                     match: re.Match, measure_type: str, products: set[str],
                     this_subject: str | None) -> tuple[str | None, str]:
    """The imposer of a measure whose clause names none: a named instrument, a measure on
    the same origin, the previous sentence's subject, the announcing agency, the
    reporting subject, the goods' known measure, the story's acting government."""
    rules = state.rules
    named = rules.instrument_re.search(text, max(0, match.start() - 60), match.end() + 60)
    if named is not None:
        return rules.instruments[named.group()], rules.instrument_rule
    found = _origin_imposer(state, text, ann, match, measure_type)
    if found is not None:
        return found
    if state.previous_subject and rules.opening_reference.match(text):
        return state.previous_subject, rules.opening_rule  # coreference
    if this_subject and rules.announcing_agency.search(text, 0, match.start()):
        return this_subject, rules.agency_rule
    if this_subject and _reports_it(text, match, ann, this_subject, rules):
        return this_subject, rules.reporting_rule
    known = _known_imposer(rules.known, products, measure_type, state.published)
    if known is not None:
        # "The export controls on gallium and germanium in force since August 1, 2023":
        # goods that one government's measure is known by
        return known
    context = next((m for m in reversed(state.measures)
                    if measure_family(m.measure_type) == measure_family(measure_type)), None)
    if context is not None:
        return context.imposer, "article-context"  # the story's acting government
    if state.measures and not _country_mentions(ann, people=True):
        # "Exports of antimony have required licences since Sept. 15": a sentence that
        # names no government continues the story of the measure reported last
        return state.measures[-1].imposer, "article-latest-measure"
    return None, "none-found"


def _origin_imposer(state: _Article, text: str, ann: SentenceAnnotations, match: re.Match,
                    measure_type: str) -> tuple[str, str] | None:
    """"restrictions remain on Australian rock lobster": the government already acting
    against the goods' country in this article (for a WTO step, the goods' own
    government complains), or the story's other government."""
    origin = {iso3 for cs, ce, iso3, _ in _country_mentions(ann)
              if match.end() <= cs < match.end() + 60 and _is_target_modifier(text, ce)}
    if measure_type == "wto_dispute" and len(origin) == 1:
        # "asked the WTO to settle its dispute over China's duties on Australian wine"
        return next(iter(origin)), "wto-goods-origin"
    imposer = next((m.imposer for m in reversed(state.measures) if m.targets & origin), None)
    if imposer is not None:
        return imposer, "earlier-measure-on-origin"
    if len(origin) == 1 and origin <= set(state.story):
        # "tariffs on Chinese electric vehicles will rise" in a story of Washington and
        # Beijing: the other government of the story
        other = next(iter(set(state.story) - origin), None)
        if other is not None:
            return other, "story-other-government"
    return None


def _reports_it(text: str, match: re.Match, ann: SentenceAnnotations, subject: str,
                rules: MeasureRules) -> bool:
    """"Trump said that imports from Japan would face a 25% tariff": the trigger sits in a
    clause the subject reports, which imposes or changes the measure, does not challenge
    it and does not name the subject's own government."""
    reported = rules.reporting.search(text, 0, match.start())
    if reported is None or not rules.reporting_clause.search(text, reported.start(),
                                                             match.start()):
        return False
    if rules.reporting_unless.search(text, 0, match.start()) or rules.target_words.search(
            text, reported.start(), match.start()):
        return False
    return subject not in {iso3 for cs, _, iso3, _ in _country_mentions(ann, people=True)
                           if reported.start() < cs < _clause_end(text, match.end())}


def _clause_end(text: str, at: int) -> int:
    """Where the clause running through ``at`` ends: the next comma or semicolon, at most
    60 characters on."""
    ends = [i for i in (text.find(",", at), text.find(";", at)) if i != -1]
    return min(ends + [at + 60])


def _known_imposer(known: tuple[KnownMeasure, ...], products: set[str], measure_type: str,
                   published: dt.date) -> tuple[str, str] | None:
    """The one government whose measure of this kind, announced by the publication date,
    the trigger's goods are known by (``known_measures.csv``); None if none or several."""
    family = measure_family(measure_type)
    found = {(k.imposer, k.product) for k in known if k.product in products
             and measure_family(k.measure_type) == family and k.since <= published}
    imposers = {imposer for imposer, _ in found}
    if len(imposers) != 1:
        return None
    return imposers.pop(), "known-measure:" + min(p for _, p in found)


def _challenged_products(state: _Article, text: str, ann: SentenceAnnotations,
                         match: re.Match, imposer: str, why: str) -> tuple[set[str], str]:
    """A WTO step's products: those of the challenged measure, preferring the kind the
    sentence names after the trigger, else the goods of the one dispute the dictionaries
    know between the complainant and a government of the story (an article on China's
    seafood ban that recalls "Seoul's WTO complaint against the curbs" means the chip
    materials case), else the first restriction on goods the article reports; a list
    change (whose products are the codebook's default, dual-use items) only when there is
    none of these ("South Korea's case at the WTO" is against Japan's curbs on three
    materials, not its white list)."""
    rules = state.rules
    named = {measure_family(t) for p, t in rules.triggers
             if t != "wto_dispute" and p.search(text[match.start():])}
    candidates = [m for m in reversed(state.measures) if m.imposer != imposer
                  and m.measure_type != "wto_dispute"]
    named_kind = next((m for m in candidates if measure_family(m.measure_type) in named), None)
    if named_kind is not None:
        return set(named_kind.products), "challenged-measure"
    respondents = {iso3 for _, _, iso3, _ in _country_mentions(ann, people=True)}
    known = _known_dispute(rules.disputes, imposer,
                           (respondents | {m.imposer for m in candidates}) - {imposer},
                           state.published, named)
    if known is not None:
        return set(known.products), f"known-dispute:{known.dispute_id}"
    goods = [m for m in candidates if m.measure_type not in VOCABULARY.list_types]
    if goods:
        return set(goods[-1].products), ("challenged-goods-measure"
                                          if goods[-1] is not candidates[-1]
                                          else "challenged-measure")
    if candidates:
        return set(candidates[-1].products), "challenged-measure"
    return set(), why


DISPUTE_LEAD_DAYS = 183  # "Seoul is preparing a complaint": reported before it is filed
DISPUTE_AFTERLIFE_DAYS = 365  # "Seoul withdrew its complaint last year": told after it closed


def _known_dispute(disputes: tuple[Dispute, ...], complainant: str, respondents: set[str],
                   published: dt.date, named: set[str]) -> Dispute | None:
    """The one dispute the complainant had open (or was about to file) against one of
    these governments when the article was published, of the kind of measure the sentence
    names, if it names one ("a complaint over the U.S. tariffs" is not the chip case);
    none when two or more fit (a new complaint is not any of the old ones)."""
    found = [d for d in disputes if d.complainant == complainant
             and d.respondent in respondents
             and (d.filed - published).days <= DISPUTE_LEAD_DAYS
             and (d.closed is None
                  or (published - d.closed).days <= DISPUTE_AFTERLIFE_DAYS)
             and (not named or measure_family(d.measure_type) in named)]
    return found[0] if len(found) == 1 else None


def _respondent_targets(measures: list[MeasureRecord], imposer: str, products: set[str],
                        targets: set[str]) -> set[str]:
    """A WTO complaint with no named target targets the government whose measure on the
    same products it challenges."""
    respondent = next((m for m in reversed(measures) if m.imposer != imposer
                       and m.measure_type != "wto_dispute"
                       and VOCABULARY.product_families_of(m.products)
                       & VOCABULARY.product_families_of(products)), None)
    if respondent is not None and targets == {WORLD}:
        return {respondent.imposer}
    return targets


def _attach_loose(state: _Article) -> None:
    """A trigger without a government or products ("the stringent export control
    measures") is a mention of the article's matching measure, and a lifting updates it."""
    for sentence, measure_type, imposer, matched, status, fields in state.loose:
        at = sentence.text.find(matched)
        if not re.search(r"\b(the|these|those|its|their|such|this|that|Japan's|China's)\s+"
                         r"([\w-]+\s+){0,3}$", sentence.text[:max(at, 0)], re.I) \
                and status not in LIBERALISING:
            continue  # "a system for talking about export controls": no particular measure
        family = measure_family(measure_type)
        # a back-reference points back: to a measure this or an earlier sentence reported
        target = next((m for m in reversed(state.measures)
                       if (imposer is None or m.imposer == imposer)
                       and measure_family(m.measure_type) == family
                       and min(x.sentence_index for x in m.mentions) <= sentence.index), None)
        if target and status in LIBERALISING:
            # "Beijing lifted the import ban": the lifting updates the measure it ends
            target.status, target.direction = status, VOCABULARY.direction_of(status)
            if "lifted" in fields:
                target.dates["lifted"] = fields["lifted"]
        if target and not any(x.sentence_index == sentence.index for x in target.mentions):
            target.mentions.append(Mention(state.article_id, sentence.index, sentence.start,
                                           sentence.end, sentence.text,
                                           "measure.back-reference", matched))


def _coordinated(record: MeasureRecord, text: str, end: int, ann: SentenceAnnotations,
                 status: str, published: dt.date, rules: MeasureRules, sentence: Sentence,
                 next_trigger: int | None = None) -> list[MeasureRecord]:
    """"... licences for gallium from August 2023, and for antimony since Sept. 15": a
    later clause with its own products and dates but no trigger of its own is the same
    kind of measure on other products. Clauses past the sentence's next trigger are
    that trigger's."""
    out = []
    stop = len(text) if next_trigger is None else next_trigger
    breaks = sorted(i for sep in (", and ", "; ", " and ") for i in _all(text, sep)
                    if end < i < stop)
    bounds = [*breaks, stop]
    for seg_start, seg_end in zip(bounds, bounds[1:], strict=False):
        segment = text[seg_start:seg_end]
        if any(p.search(segment) for p, _ in rules.triggers):
            break
        owner = _segment_owner(text, seg_start, ann, record.imposer, rules)
        if owner is not None:
            out.append(_owned_sibling(record, owner, seg_start, seg_end, ann, status,
                                      published, rules, sentence))
            continue
        products = {f.value for f in ann.products
                    if seg_start <= f.start < seg_end} - record.products
        products.discard("all_goods")
        if not products or not (re.match(r",? (and )?((for|on|of|to)\b|[\w-]+( [\w-]+)? "
                                         r"(since|from|starting)\b)", segment.lstrip(";"))
                                or _joining_goods(text, ann, seg_start, seg_end,
                                                  record.products, rules)):
            continue
        out.append(_sibling(record, record.imposer, products, status, published, sentence,
                            seg_start, seg_end, "measure.coordinated",
                            {"products": "coordinated-clause"}))
    return out


def _split_by_dates(record: MeasureRecord, text: str, ann: SentenceAnnotations,
                    published: dt.date, rules: MeasureRules) -> list[MeasureRecord]:
    """"licences for gallium and germanium since August 2023, graphite since December
    2023 and antimony since September 2024": goods each followed by a cued date of their
    own are one measure per date, as annotators code them. Only when every good the
    record names is followed, within a few words, by a date its cue places."""
    spans = sorted((f for f in ann.products if f.value in record.products),
                   key=lambda f: f.start)
    if len(record.products) < 2 or {f.value for f in spans} != record.products:
        return [record]
    last = {f.value: f for f in spans}  # each good's last mention
    backward = find_dates(text, published, False)
    forward = find_dates(text, published, True)
    groups: dict[tuple[str, int], tuple[Window, set[str]]] = {}
    for value, good in last.items():
        pair = next(((b, f) for b, f in zip(backward, forward, strict=True)
                     if b.is_date and b.start >= good.end), None)
        if pair is None or pair[0].start - good.end > rules.split_reach:
            return [record]
        cued = _cued_date(text, pair[0], pair[1], good.end, record.status)
        if cued is None:
            return [record]
        groups.setdefault((cued[0], pair[0].start), (cued[1], set()))[1].add(value)
    if len(groups) < 2 or len({name for name, _ in groups}) > 1:
        return [record]
    parts = []
    for (name, _), (window, products) in sorted(groups.items(), key=lambda g: g[0][1]):
        dates = {**record.dates, name: window}
        parts.append(copied(
            record, products=products, dates=dates,
            why={**record.why, "products": rules.split_rule, "dates": _dates_why(dates)}))
    return parts


def _sibling(record: MeasureRecord, imposer: str, products: set[str], status: str,
             published: dt.date, sentence: Sentence, seg_start: int, seg_end: int,
             rule: str, why: dict[str, str]) -> MeasureRecord:
    """A measure of ``record``'s kind reported by the clause ``seg_start:seg_end``, dated
    from that clause's own words."""
    text = sentence.text
    sibling = MeasureRecord(
        article_ids=list(record.article_ids), published=published, imposer=imposer,
        targets=set(record.targets) - {imposer}, measure_type=record.measure_type,
        direction=record.direction, products=products,
        dates=_date_fields(only(text, seg_start, seg_end), seg_start + 1, seg_start + 1,
                           status, published),
        status=status, demands=[], why={**record.why, **why})
    sibling.mentions.append(Mention(record.article_ids[0], sentence.index, sentence.start,
                                    sentence.end, text, rule,
                                    text[seg_start:seg_end].strip(" ,;")[:60]))
    return sibling


def _segment_owner(text: str, seg_start: int, ann: SentenceAnnotations, imposer: str,
                   rules: MeasureRules) -> str | None:
    """The other government whose own rules open a later clause (", and the Dutch rules
    on ..."), else None."""
    lead = re.match(r"[,;]?\s*(and\s+)?", text[seg_start:])
    at = seg_start + lead.end()
    starts = {at, at + 4} if text[at:at + 4].lower() == "the " else {at}
    return next((iso3 for cs, ce, iso3, _ in _country_mentions(ann)
                 if cs in starts and iso3 != imposer and rules.owned.match(text[ce:])), None)


def _owned_sibling(record: MeasureRecord, owner: str, seg_start: int,
                   seg_end: int, ann: SentenceAnnotations, status: str, published: dt.date,
                   rules: MeasureRules, sentence: Sentence) -> MeasureRecord:
    """The other government's measure of the same kind: on the clause's own products, or
    on the first measure's when it names none; aimed at the governments the clause names
    ("and China's on US goods"), else at the first measure's targets."""
    products = {f.value for f in ann.products if seg_start <= f.start < seg_end}
    products.discard("all_goods")
    sibling = _sibling(record, owner, products or set(record.products), status, published,
                       sentence, seg_start, seg_end, rules.owner_rule,
                       {"imposer": rules.owner_rule, "products": "coordinated-clause"})
    aimed = {iso3 for cs, _, iso3, _ in _country_mentions(ann)
             if seg_start <= cs < seg_end and iso3 != owner}
    if aimed:
        sibling.targets = aimed
    return sibling


def _all(text: str, needle: str) -> list[int]:
    found, i = [], text.find(needle)
    while i != -1:
        found.append(i)
        i = text.find(needle, i + 1)
    return found


__all__ = ["Found", "MeasureRules", "extract_measures"]
