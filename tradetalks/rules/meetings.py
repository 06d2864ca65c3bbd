"""Meetings: a trigger (met, talks, summit, phone call, letter ...) plus at least two
governments, with status, level, format, date, place, occasion, topics and outcome.

A sentence that only refers back ("during the meeting", "the two leaders") adds a mention,
topics and outcome to the article's latest meeting instead of creating a new one.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from tradetalks.ingest.sentences import Sentence, blanked, only
from tradetalks.knowledge.annotate import Annotator, SentenceAnnotations
from tradetalks.knowledge.dates import NUMBER_WORDS, RANGE_RULES, find_dates
from tradetalks.knowledge.dictionaries import load_dictionaries
from tradetalks.knowledge.records import MeetingRecord, Mention, Window, copied
from tradetalks.prefilter import compile as guarded
from tradetalks.resolve import merge_meeting, same_meeting
from tradetalks.rules.roles import back_references, role_rules, summons_parties, tree_distance
from tradetalks.vocabulary import vocabulary

VOCABULARY = vocabulary()
LEVEL_RANK = VOCABULARY.level_rank
OUTCOME_ORDER = VOCABULARY.outcomes
PROSPECTIVE = VOCABULARY.prospective
# the word in an occasion's id that marks its part for a level ("apec-2023-mrt" is not)
OCCASION_LEVEL_WORDS = load_dictionaries().triggers["meeting"]["occasion_level_words"]

WITH = re.compile(r"\bwith\b", re.I)
PAIR_WORDS = re.compile(r"\b(two|both) (countries|sides|nations|governments|neighbou?rs)\b|"
                        r"\bthe two\b|\bbilateral\b|\bcounterparts?\b|\beach other\b", re.I)
# "the two" as the subject of a contact: the pair of the meeting just reported (not "the
# two countries", which the pair words cover)
THE_TWO = re.compile(r"\bthe two\b(?!\s+(countries|governments|nations|neighbou?rs|sides|"
                     r"economies)\b)", re.I)
RELATIVE_DAY_RULE = RANGE_RULES["relative_day"]
RELATIVE_DAY = re.compile(r"\b(" + "|".join(
    re.escape(p) for p in sorted(RELATIVE_DAY_RULE["offsets"], key=len, reverse=True))
    + r")\b|" + RELATIVE_DAY_RULE["counted"], re.I)
SIDELINES = re.compile(r"\b(on the sidelines of|during|at|on the margins of|ahead of|before)\b",
                       re.I)


def _rule(spec: dict, key: str, field: str, flags: int = 0) -> tuple[str, re.Pattern]:
    """A yaml rule's id and its compiled pattern (``field``)."""
    return spec[key]["id"], guarded(spec[key][field], flags)


class MeetingRules:
    def __init__(self, triggers: dict):
        spec = triggers["meeting"]
        self.triggers = [(guarded(t["pattern"], re.I), t.get("format"), t.get("outcome"))
                         for t in spec["triggers"]]
        # each trigger's rule id, by its compiled pattern (a match's ``.re``)
        self.ids = {p: t["id"] for (p, _, _), t in zip(self.triggers, spec["triggers"],
                                                      strict=True)}
        self.visit = [guarded(t["pattern"], re.I) for t in spec["triggers"] if t.get("visit")]
        # diplomatic acts that are contacts of their own (a summons, a protest lodged with
        # an embassy): within one article, two different acts are two meetings
        self.acts = {t["id"]: t["act"] for t in spec["triggers"] if t.get("act")}
        # phrasings that report a meeting only when people of two governments are named
        self.needs_two = [guarded(t["pattern"], re.I) for t in spec["triggers"]
                          if t.get("needs_two")]
        self.exclude = [guarded(p, re.I) for p in spec["exclude"]]
        self.exclude_soft = [guarded(p, re.I) for p in spec.get("exclude_soft", [])]
        self.anaphora = guarded(spec["anaphora"], re.I)
        self.status = [(k, guarded(v, re.I)) for k, v in spec["status"].items()]
        neighbours = spec["three_neighbours"]
        self.neighbours = frozenset(neighbours["members"])
        self.neighbours_rule = neighbours["id"]
        self.neighbours_trilateral = guarded(neighbours["pattern"], re.I)
        negated = spec["negated"]
        self.negated_before = guarded(negated["before"])
        self.negated_inside = guarded(negated["inside"], re.I)
        self.negated_unless_after = guarded(negated["unless_after"], re.I)
        self.accepted = guarded(spec["accepted"], re.I)
        self.visit_elsewhere_rule, self.visit_elsewhere = _rule(spec, "visit_elsewhere",
                                                                "after_host")
        self.collective_rule, self.collective = _rule(spec, "collective_parties", "pattern",
                                                      re.I)
        self.pronoun_rule, self.pronoun_subject = _rule(spec, "pronoun_subject", "subject")
        self.speaker_pronoun_rule, self.speaker_pronoun = _rule(spec, "speaker_pronoun",
                                                                "subject")
        self.first_person_rule, self.first_person = _rule(spec, "first_person", "subject")
        self.separate_rule, self.separate_cue = _rule(spec, "separate_talks", "cue", re.I)
        self.question_rule, self.question = _rule(spec, "question", "pattern")
        self.rounds_rule, self.rounds = _rule(spec, "counted_rounds", "pattern", re.I)
        self.host_rule, self.host_cue = _rule(spec, "trilateral_host", "cue")
        self.relative_rule, self.relative_clause = _rule(spec, "relative_clause", "pattern")
        self.counterpart_rule, self.subjectless = _rule(spec, "other_counterpart", "subjectless")
        self.the_two_rule, self.pair_outcome = _rule(spec, "pair_outcome", "pattern", re.I)
        agreed = spec["held_then_agreed"]
        self.held_then_agreed_rule, self.past_contact, self.past_before, self.agreed_after = (
            agreed["id"], *(guarded(agreed[k], re.I) for k in ("past", "past_before", "agreed")))
        self.host_noun = guarded(spec["trilateral_host"]["noun"])
        choice = spec["date_choice"]
        self.date_rule = choice["id"]
        self.interval_start = guarded(choice["interval_start"], re.I)
        self.interval_clause = guarded(choice["interval_clause"], re.I)
        ahead = spec["future_date"]
        self.future_days = dt.timedelta(days=int(ahead["days"]))
        self.future_rule = ahead["id"]
        self.appositive_rule, self.appositive = _rule(spec, "appositive", "before", re.I)
        self.past_date_rule = spec["past_date"]["id"]
        self.future_past = guarded(ahead["past"], re.I)
        self.outcome = {k: guarded(v, re.I) for k, v in spec["outcome"].items()}
        self.level_words = {k: guarded(v, re.I) for k, v in spec["level_words"].items()}
        # every trigger match of a sentence, found once: the parse gate and the rules read them
        self.matches = lru_cache(maxsize=1024)(self._find)

    def _find(self, text: str) -> tuple[tuple[re.Match, str | None, str | None], ...]:
        """Every trigger match of ``text`` in rule order, with its format and outcome
        hint."""
        return tuple((m, fmt, out) for p, fmt, out in self.triggers for m in p.finditer(text))


def classify_status(text: str, rules: MeetingRules) -> str:
    for status, pattern in rules.status:
        if pattern.search(text):
            return status
    return "held"


def classify_outcome(text: str, rules: MeetingRules, hint: str | None = None) -> str:
    best = hint or "not_reported"
    for outcome, pattern in rules.outcome.items():
        if pattern.search(text) and OUTCOME_ORDER.index(outcome) > OUTCOME_ORDER.index(best):
            best = outcome
    return best


def level_of(text: str, ann: SentenceAnnotations, rules: MeetingRules) -> str:
    levels = [actor.level for _, actor in ann.persons]
    for level, pattern in rules.level_words.items():
        if pattern.search(text):
            levels.append(level)
    if not levels:
        return "working_level"
    return max(levels, key=lambda lv: LEVEL_RANK[lv])


def party_countries(ann: SentenceAnnotations) -> set[str]:
    """Governments taking part: the named officials' countries when they name two or more
    (other countries in the sentence are then context), else every party mention."""
    parties = {actor.country for _, actor in ann.persons}
    if len(parties) >= 2:
        return parties
    parties |= {f.value for f in ann.countries if not f.value.endswith("?")}
    return parties


CLAUSE_CUT = re.compile(r", and |; ")
COARSE_PRECISIONS = ("month", "week", "window")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
DEFINITE = re.compile(r"\b(the|next|this|that)\s+([\w-]+\s+)?(dialogue|round|meeting|talks|"
                      r"session)\b", re.I)
REPORTED_BY = re.compile(r"^\W{0,3}(report(s|ed)?|said|says|announced|stated)\b", re.I)
# a reporting verb with no "that" between it and the date: the date is the report's
REPORTING = re.compile(r"\b(said|announced|reported|told|stated|posted|according to)\b"
                       r"(?:(?!\bthat\b)[^.]){0,45}$", re.I)


def top_countries(counts: Counter) -> list[str]:
    return [c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:2]]


def _location(text: str, ann: SentenceAnnotations, annotator: Annotator) -> str:
    for found in ann.places:
        before = text[: found.start]
        if re.search(r"\b(in|at)\s+(the\s+)?$", before, re.I):
            return found.value
    for found in ann.country_places:
        if re.search(r"\bin\s+(the\s+)?$", text[: found.start], re.I):
            return annotator.country_names.get(found.value, found.value)
    return ""


def _occasion_window(ann: SentenceAnnotations, level: str, published: dt.date, held: bool,
                     annotator: Annotator, named: Window | None = None):
    """The occasion's date window; where the gazetteer has a ministerial or leaders' part
    of the same occasion (the same series: "apec-2022" and "apec-2022-amm", never another
    forum that overlaps it, as APEC in Bangkok overlapped the G20 in Bali), the one
    matching the meeting's level."""
    if not ann.occasions:
        return None, ""
    found, occasion = ann.occasions[0]
    if named is not None and named.precision in COARSE_PRECISIONS and not (
            named.start <= occasion.start and occasion.end <= named.end):
        # "on the sidelines of the APEC summit in San Francisco last November"
        occasion = annotator.occasion_within(found.text, named.start, named.end) or occasion
    wanted = OCCASION_LEVEL_WORDS.get(level)
    if wanted:
        near = [o for o in annotator.d.occasions
                if o.start <= occasion.end and occasion.start <= o.end
                and wanted in o.name.lower() and _series(o) == _series(occasion)]
        if near:
            occasion = min(near, key=lambda o: ((o.end - o.start).days, o.occasion_id))
    label = f"{occasion.short}, {occasion.city}" if occasion.city else occasion.short
    start, end = occasion.start, occasion.end
    if held and end > published:
        end = published
    if start > end:
        return None, label
    return Window(start, end, "window", found.text), label


def _series(occasion) -> str:
    """The series an occasion belongs to: "apec" for "apec-2022" and "apec-2022-amm"."""
    return occasion.occasion_id.split("-")[0]


@dataclass
class _Article:
    """What one article's extraction carries from sentence to sentence."""

    article_id: str
    published: dt.date
    annotator: Annotator
    rules: MeetingRules
    country_counts: Counter
    docs: dict
    meetings: list[MeetingRecord] = field(default_factory=list)
    history: list[SentenceAnnotations] = field(default_factory=list)
    outcomes: list[tuple[Sentence, set[str]]] = field(default_factory=list)
    last_occasion: tuple | None = None
    speaker: str | None = None  # the government of the article's "I" (see speaker_country)
    governments: dict[str, str] = field(default_factory=dict)  # person named -> country


def speaker_country(title: SentenceAnnotations, opening: list[SentenceAnnotations]
                    ) -> str | None:
    """The government of the person an article speaks as: the first person its title
    names ("Press Conference by Prime Minister Kishida"), else its first sentences."""
    for ann in (title, *opening):
        if ann.persons:
            return min(ann.persons, key=lambda p: p[0].start)[1].country
    return None


def extract_meetings(article_id: str, published: dt.date, sentences: list[Sentence],
                     annotations: list[SentenceAnnotations], annotator: Annotator,
                     rules: MeetingRules, country_counts: Counter,
                     docs: dict | None = None, speaker: str | None = None
                     ) -> list[MeetingRecord]:
    """Meetings of one article; ``docs`` holds the parses of its trigger sentences and
    ``speaker`` the government of its first-person speaker."""
    state = _Article(article_id, published, annotator, rules, country_counts, docs or {},
                     speaker=speaker)
    for sentence, ann in zip(sentences, annotations, strict=True):
        recent = state.history[-2:]
        state.history.append(ann)
        state.governments.update((actor.name, actor.country) for _, actor in ann.persons)
        _sentence_meetings(state, sentence, _with_occasion(state, sentence.text, ann), recent)
    for sentence, parties in state.outcomes:
        target = next((m for m in state.meetings
                       if m.countries == parties and m.status == "held"), None)
        if target is not None:
            target.outcome = "mechanism_established"
            _attach(target, sentence, article_id, SentenceAnnotations(text=sentence.text),
                    rules, "meeting.mechanism-outcome", "mechanism")
    return state.meetings


def _with_occasion(state: _Article, text: str, ann: SentenceAnnotations
                   ) -> SentenceAnnotations:
    """"met Biden at the summit": the occasion the article has already named."""
    if ann.occasions:
        state.last_occasion = ann.occasions[0]
    elif state.last_occasion is not None and re.search(
            r"\b(at|on the sidelines of|during|on the margins of) the (summit|meeting|forum|"
            r"gathering|event|conference)\b", text, re.I):
        return replace(ann, occasions=[state.last_occasion])
    return ann


def _triggers(text: str, ann: SentenceAnnotations, rules: MeetingRules
              ) -> tuple[list, bool]:
    """The sentence's triggers outside quotation marks, and whether it is excluded."""
    quoted = [q.span() for q in QUOTED.finditer(text)]
    # a negated trigger takes the triggers inside it along ("held no talks": "talks")
    negated = [m.span() for m, _, _ in rules.matches(text) if _negated(text, m, rules)]
    found = [(m, fmt, out) for m, fmt, out in rules.matches(text)
             if not any(a <= m.start() < b for a, b in quoted)
             and not any(a < m.end() and m.start() < b for a, b in negated)]
    excluded = any(p.search(text) for p in rules.exclude)
    soft = [m.span() for p in rules.exclude_soft for m in p.finditer(text)]
    if excluded or not soft:
        return found, excluded
    # a series, a press conference or background: still a meeting when a trigger
    # outside those words reports a contact between two governments ("told a press
    # conference that the team had wrapped up talks with USTR"), or people of two
    # governments are named in a held contact
    named = {a.country for f, a in ann.persons if not is_speaker(text, f)}
    strong = any(fmt in VOCABULARY.remote_formats or re.match(
        r"(met|held|hold|had|received|hosted|spoke|talked)\b", m.group(), re.I)
        for m, fmt, _ in found)
    outside = [t for t in found
               if not any(t[0].start() < b and a < t[0].end() for a, b in soft)
               and (re.match(r"(met|meet|held|hold|had|received|hosted|spoke|talked|"
                             r"sat|signed|wrapped)\b", t[0].group(), re.I)
                    or re.match(r"\s+(with|between)\b", text[t[0].end():]))]
    excluded = not ((strong and len(named) >= 2)
                    or (outside and len(party_countries(ann)) >= 2))
    return (outside if not excluded and outside else found), excluded


def _negated(text: str, match: re.Match, rules: MeetingRules) -> bool:
    """"have not met", "held no talks", "no minister held a meeting": the trigger's own
    words say the contact did not happen."""
    before = text[max(0, match.start() - 60):match.start()]
    return bool(rules.negated_before.search(before)
                or rules.negated_inside.search(match.group())) \
        and not rules.negated_unless_after.search(text[match.end():])


def _sentence_meetings(state: _Article, sentence: Sentence, ann: SentenceAnnotations,
                       recent: list[SentenceAnnotations]) -> None:
    """The meeting one sentence reports, or the earlier meeting it refers back to."""
    text, rules, meetings = sentence.text, state.rules, state.meetings
    found, excluded = _triggers(text, ann, rules)
    if found and rules.question.search(text):
        # a question asks about a meeting: it never reports one
        if meetings and not excluded:
            _attach(_antecedent(meetings, text, rules), sentence, state.article_id, ann,
                    rules, rules.question_rule, found[0][0].group())
        return
    doc = state.docs.get(sentence.index)
    refs = back_references(doc, ann)
    if refs and found and all(_inside_reference(t[0], refs) for t in found):
        # every trigger is a back-reference: attach, never create
        if meetings and not excluded:
            _attach(_antecedent(meetings, text, rules), sentence, state.article_id, ann,
                    rules, refs[0][0], text[refs[0][1]:refs[0][2]])
            _date_occasions(meetings, text, state.published)
        return
    definite = [("definite", *m.span()) for m in _tight_definite().finditer(text)]
    if any(not _inside_reference(t[0], refs + definite) for t in found):
        # "On the Sunday the summit ended, the minister summoned ...": a definite meeting
        # noun refers to a known event; another trigger reports this sentence's event
        found = [t for t in found if not _inside_reference(t[0], refs + definite)]
    anaphoric = rules.anaphora.search(text)
    if not excluded and _relative_meetings(state, sentence, ann, recent, found, anaphoric):
        return
    split = _event_clauses(text, found, ann, state.published, rules) \
        if not excluded else None
    if split is not None:
        _clause_meetings(state, sentence, ann, recent, found, anaphoric, split)
        return
    trigger = _choose_trigger(found, ann)
    if trigger is None or excluded:
        if anaphoric and meetings and not excluded:
            _attach(_antecedent(meetings, text, rules), sentence, state.article_id, ann,
                    rules, "meeting.back-reference", anaphoric.group())
        elif excluded and rules.outcome["mechanism_established"].search(text):
            # "the ministers decided to create a system for talking": not a meeting
            # itself, but the result of one between the same governments
            parties = party_countries(ann)
            if len(parties) >= 2:
                state.outcomes.append((sentence, parties))
        return
    _trigger_meeting(state, sentence, ann, recent, trigger, anaphoric)


def _clause_meetings(state: _Article, sentence: Sentence, ann: SentenceAnnotations,
                     recent: list[SentenceAnnotations], found: list, anaphoric,
                     split: int) -> None:
    """One meeting per clause of a sentence that reports two (see _event_clauses)."""
    text, rules = sentence.text, state.rules
    # "A held a summit with B on May 1, and on May 3 she met C in Paris": one meeting
    # per clause, each read from its own words (the rest of the sentence blanked)
    for lo, hi in ((0, split), (split, len(text))):
        clause_ann = _within(ann, lo, hi)
        clause_found = [t for t in found if lo <= t[0].start() < hi]
        lead = CLAUSE_CUT.sub("", text[lo:clause_found[0][0].start()], count=1)
        subjectless = bool(lo and rules.subjectless.fullmatch(lead))
        if lo and (re.search(r"\b(she|he)\b", lead) or subjectless):
            # "..., and on May 3 she met C", "..., and held a meeting with C": the
            # first clause's first person
            first = sorted(ann.persons, key=lambda p: p[0].start)[:1]
            clause_ann = replace(clause_ann, persons=[*first, *clause_ann.persons])
        # a clause without a subject or a date of its own shares the first one's date
        own_date = RELATIVE_DAY.search(text, lo, hi) or any(
            d.is_date for d in find_dates(text[lo:hi], state.published, False))
        _trigger_meeting(state, sentence, clause_ann, recent,
                         _choose_trigger(clause_found, clause_ann), anaphoric,
                         only(text, 0 if subjectless and not own_date else lo, hi))


def _relative_meetings(state: _Article, sentence: Sentence, ann: SentenceAnnotations,
                       recent: list[SentenceAnnotations], found: list,
                       anaphoric: re.Match | None) -> bool:
    """"Kerry, who held talks with Chung in Seoul on Saturday, said Japan had ...": a
    meeting reported inside a who-clause is between the person the clause hangs on and
    the clause's own people; the main clause, read without it, reports its own meeting
    or none. False when the sentence has no such clause with a trigger of its own."""
    text = sentence.text
    clause = state.rules.relative_clause.search(text)
    if clause is None:
        return False
    lo, hi = clause.span()
    # "Ishiba, who is visiting Lima to attend the APEC meeting, held talks with Yoon":
    # a visit in a who-clause is the setting of the main clause's meeting, not one itself
    inner = [t for t in found if lo <= t[0].start() < hi and t[0].re not in state.rules.visit]
    if not inner or not any(p[0].end <= lo for p in ann.persons) and not any(
            c.end <= lo for c in ann.countries):
        return False
    head = _within(ann, 0, hi)  # the words the clause hangs on, and the clause
    _trigger_meeting(state, sentence, head, recent, _choose_trigger(inner, head),
                     anaphoric, only(text, 0, hi), state.rules.relative_rule)
    outer = [t for t in found if not lo <= t[0].start() < hi]
    if outer:
        rest = _outside(ann, lo, hi)
        _trigger_meeting(state, sentence, rest, recent, _choose_trigger(outer, rest),
                         anaphoric, blanked(text, (lo, hi)),
                         state.rules.relative_rule)
    return True


@lru_cache(maxsize=1)
def _tight_definite() -> re.Pattern:
    """"the summit", "their latest talks": a determiner, at most one modifier, a meeting
    noun (the parse-free test used to prefer another trigger of the sentence)."""
    nouns = "|".join(role_rules()["meeting_nouns"])
    return re.compile(rf"\b(the|that|this|these|those|their|its)\s+"
                      rf"((?!(a|an|in|of|with|at|on|to|for|and|by)\b)[\w'-]+\s+)?({nouns})\b",
                      re.I)


def _event_clauses(text: str, found: list, ann: SentenceAnnotations, published: dt.date,
                   rules: MeetingRules) -> int | None:
    """Where a sentence reports two meetings in two clauses (", and" or ";"), each with
    its own trigger, and either each with its own date (the second naming a party of
    its own) or each with its own named people: the offset that divides them."""
    dates = [d.start for d in find_dates(text, published, False) if d.is_date]
    for cut in CLAUSE_CUT.finditer(text):
        a, b = cut.start(), cut.end()
        if not (any(t[0].end() <= a for t in found) and any(t[0].start() >= b for t in found)):
            continue
        left = {actor.actor_id for f, actor in ann.persons if f.start < a}
        right = {actor.actor_id for f, actor in ann.persons if f.start >= b}
        dated = any(d < a for d in dates) and any(d >= b for d in dates) and (
            right or any(f.start >= b for f in ann.countries))
        # "..., and that Xi would make a reciprocal visit": a subject of its own, named
        # before the clause's trigger (", and held talks with Xi" shares the first's)
        first = min(t[0].start() for t in found if t[0].start() >= b)
        subject = {actor.actor_id for f, actor in ann.persons if b <= f.start < first}
        if dated or (left and subject and not left & right):
            return a
        # "paid a courtesy call on Premier Li, and held a meeting with Wang Yi": the
        # first clause's subject meets another person of the same government
        sides = {actor.country for f, actor in ann.persons if f.start < a}
        others = {actor.country for f, actor in ann.persons if f.start >= b}
        if left and right and not left & right and sides & others \
                and rules.subjectless.fullmatch(text[b:first]):
            return a
    return None


def _within(ann: SentenceAnnotations, lo: int, hi: int,
            outside: bool = False) -> SentenceAnnotations:
    """The annotations of the words between ``lo`` and ``hi`` only (with ``outside``,
    of every other word)."""
    def inside(found: list, pairs: bool = False) -> list:
        return [x for x in found
                if (lo <= (x[0] if pairs else x).start < hi) != outside]

    return replace(ann, persons=inside(ann.persons, True),
                   unknown_persons=inside(ann.unknown_persons),
                   countries=inside(ann.countries), country_places=inside(ann.country_places),
                   places=inside(ann.places), occasions=inside(ann.occasions, True),
                   products=inside(ann.products))


def _outside(ann: SentenceAnnotations, lo: int, hi: int) -> SentenceAnnotations:
    return _within(ann, lo, hi, outside=True)


def _meeting_status(text: str, match: re.Match, rules: MeetingRules,
                    published: dt.date) -> tuple[str, str]:
    """Status from the trigger's own clause, so a past suspension or a planned follow-up
    elsewhere in the sentence does not recode this meeting; and how it was decided."""
    clause = _status_clause(text, match.start(), match.end())
    status = classify_status(clause, rules)
    why = f"clause:{status}"
    apposed = rules.appositive.search(text, 0, match.start())
    if status == "held" and apposed is not None:
        # the phrase names the event the clause before it reports: that clause's status
        before = _status_clause(text, apposed.start() - 1, apposed.start())
        earlier = classify_status(before, rules)
        if earlier != "held":
            status, why = earlier, f"{rules.appositive_rule}:{earlier}"
    if status == "held" and _dated_ahead(clause, rules, published):
        status, why = "planned", f"{rules.future_rule}:planned"
    if status == "planned" and (rules.past_contact.search(match.group())
                                or rules.past_before.search(text, 0, match.start())) \
            and rules.agreed_after.search(text[match.end():]):
        status, why = "held", f"{rules.held_then_agreed_rule}:held"
    if status == "proposed" and rules.accepted.search(text, match.end()):
        status, why = "planned", "proposal-accepted:planned"
    statuses = dict(rules.status)
    if statuses["undecided"].search(text):
        return "undecided", "sentence-cue:undecided"  # "no decision has been made about"
    if status in VOCABULARY.cancellable and statuses["cancelled"].search(
            text[max(0, match.start() - 90):match.end() + 90]):
        return "cancelled", "near-cue:cancelled"
    return status, why


def _dated_ahead(clause: str, rules: MeetingRules, published: dt.date) -> bool:
    """A clause without past tense whose calendar day (no year given) falls in the weeks
    after publication: a meeting to come."""
    if rules.future_past.search(clause):
        return False
    return any(d.rule in ("explicit_day", "day_range") and d.date_start is not None
               and not re.search(r"\b(19|20)\d\d\b", d.text)
               and published < d.date_start <= published + rules.future_days
               for d in find_dates(clause, published, True))


def _trigger_meeting(state: _Article, sentence: Sentence, ann: SentenceAnnotations,
                     recent: list[SentenceAnnotations], trigger: tuple,
                     anaphoric: re.Match | None, clause: str | None = None,
                     clause_rule: str | None = None) -> None:
    """The meeting a chosen trigger reports: status, parties, level, format, date, place
    (read from ``clause``, the sentence with other clauses blanked, when given, and
    named in ``why`` by ``clause_rule``)."""
    if trigger is None:
        return
    text, rules = clause if clause is not None else sentence.text, state.rules
    match, fmt, outcome_hint = trigger
    status, why_status = _meeting_status(text, match, rules, state.published)
    why = {"status": why_status}
    ann = _without_speakers(ann, text)
    scoped = ann
    if rules.acts.get(rules.ids[match.re]) == "summons":
        scoped = summons_parties(state.docs.get(sentence.index), match.start(), ann)
    ann, summons_roles = scoped, scoped is not ann
    if any(p.fullmatch(match.group()) or p.search(match.group()) for p in rules.needs_two) \
            and len({a.country for _, a in ann.persons}) < 2:
        return  # "signed a framework", "speak with": a meeting only between named people
    parties, persons, how, visited = _parties(state, text, match, ann, recent, outcome_hint)
    if summons_roles:
        how.insert(0, "summoner+summoned")
    if clause_rule:
        how.append(clause_rule)
    parties = _three_neighbours(text, match, ann, parties, how, rules)
    parties = _the_two(text, match, ann, parties, how, rules)
    if len(parties) < 2:
        if anaphoric and state.meetings:
            _attach(_antecedent(state.meetings, text, rules), sentence, state.article_id, ann,
                    rules, "meeting.back-reference", anaphoric.group())
        return
    level = level_of(text, ann, rules)
    for _, actor in persons:
        if actor.country in parties and LEVEL_RANK[actor.level] > LEVEL_RANK[level]:
            level = actor.level
    parties, fmt = _format(text, parties, persons, fmt, rules)
    window, location, occasion = _when_and_where(state, text, ann, match, status, level,
                                                 visited, why, sentence.index)
    record = MeetingRecord(
        article_ids=[state.article_id], published=state.published, countries=parties,
        participants={actor.name for _, actor in persons if actor.country in parties},
        level=level, format=fmt,
        status=status, window=window, location=location, occasion=occasion,
        topics=set(ann.topics), outcome=classify_outcome(text, rules, outcome_hint),
        why={**why, "parties": "+".join(how)},
        acts={rules.acts[rules.ids[match.re]]} if rules.ids[match.re] in rules.acts else set(),
    )
    record.mentions.append(Mention(state.article_id, sentence.index, sentence.start,
                                   sentence.end, sentence.text, rules.ids[match.re],
                                   match.group()))
    for rec in [record] + _counted_rounds(state, text, record):
        _add_meetings(state, sentence, text, match, ann, rec)


def _counted_rounds(state: _Article, text: str, record: MeetingRecord) -> list[MeetingRecord]:
    """"two rounds of consultations, on Oct. 11 and Nov. 19": the record takes the first
    day and each further day is a meeting of its own, when the sentence counts as many
    rounds as it names calendar days (else nothing changes)."""
    counted = state.rules.rounds.search(text)
    if counted is None or record.status != "held":
        return []
    days = [d for d in find_dates(text, state.published, False)
            if d.is_date and d.precision == "day" and d.start > counted.end()]
    if len(days) != COUNTS[counted.group(1).lower()]:
        return []
    record.window = Window.from_mention(days[0])
    record.why = {**record.why, "date": f'{state.rules.rounds_rule}:"{days[0].text}"'}
    return [copied(record, window=Window.from_mention(d),
                   why={**record.why, "date": f'{state.rules.rounds_rule}:"{d.text}"'})
            for d in days[1:]]


def _format(text: str, parties: set[str], persons: list, fmt: str | None,
            rules: MeetingRules) -> tuple[set[str], str]:
    """The meeting's format (a trigger's own, else from how many governments meet), and
    the pair that meets when a sentence names a three-way meeting it is held at."""
    host = rules.host_noun.search(text)
    if fmt is None and host is not None and len(parties) > 2:
        # the pair that meets at a three-way meeting (see _host_summit): the two named
        # governments, or the two named before the three-way meeting is
        named = {a.country for _, a in persons if a.country in parties}
        before = {a.country for found, a in persons
                  if a.country in parties and found.start < host.start()}
        parties = next((p for p in (named, before) if len(p) == 2), parties)
    if fmt is None:
        fmt = ("trilateral" if len(parties) == 3 or (
            re.search(r"\btrilateral\b", text, re.I) and len(parties) != 2)
               else "multilateral" if len(parties) > 3 else "bilateral")
    return parties, fmt


def _add_meetings(state: _Article, sentence: Sentence, text: str, match: re.Match,
                  ann: SentenceAnnotations, record: MeetingRecord) -> None:
    """Add the record (or the separate bilaterals it splits into, and the three-way
    meeting it is held at) to the article, merged into a meeting already reported."""
    separate = _separate_talks(state, text, match, ann, record)
    for rec in (separate or [record]) + _host_summit(state, sentence, ann, record):
        # a separate bilateral is never the trilateral its sides also attend
        alike = [m for m in reversed(state.meetings) if same_meeting(m, rec, True)
                 and not (separate and m.countries != rec.countries)]
        same = next((m for m in alike
                     if not _other_counterparts(m, rec, state.governments)), None)
        if same is not None:
            merge_meeting(same, rec)
        else:
            if alike:  # kept apart from a meeting it would otherwise have joined
                rec.why["parties"] = f'{rec.why.get("parties", "")}+{state.rules.counterpart_rule}'
            state.meetings.append(rec)


def _other_counterparts(a: MeetingRecord, b: MeetingRecord, governments: dict[str, str]
                        ) -> bool:
    """"held talks with Qin Gang ... On the same day, Hayashi paid a courtesy call on Li
    Qiang": two meetings of one day between the same governments are two when one
    government is represented by different people in each."""
    for country in a.countries:
        ours = {p for p in a.participants if governments.get(p) == country}
        theirs = {p for p in b.participants if governments.get(p) == country}
        if ours and theirs and not ours & theirs:
            return True
    return False


def _parties(state: _Article, text: str, match: re.Match, ann: SentenceAnnotations,
             recent: list[SentenceAnnotations], outcome_hint: str | None
             ) -> tuple[set[str], list, list[str], str]:
    """The governments that meet, the people named for them, how they were found and the
    place a visit goes to."""
    joined = _pair_joins(state, text, match, ann)
    if joined is not None:
        return joined, list(ann.persons), ["the-two+previous-meeting"], ""
    parties = party_countries(ann)
    how = ["named-officials" if len({a.country for _, a in ann.persons}) >= 2
           else "government-mentions"]
    persons = list(ann.persons)
    if outcome_hint == "concerns_raised" and len(parties) < 2:
        # "X summoned the Japanese ambassador" in Seoul: the host government is a party
        parties |= {f.value for f in ann.country_places}
        how.append("host-capital")
    if outcome_hint == "concerns_raised" and len(parties) == 1:
        # "Vice-Foreign Minister Sun Weidong summoned Japanese Ambassador Kanasugi": an
        # envoy is summoned by the government he is posted to, the story's other one
        others = [c for c in top_countries(state.country_counts) if c not in parties]
        if others:
            parties.add(others[0])
            how.append("summoned-envoy+story-government")
    referent = _pronoun_referent(state, text, match)
    if referent is not None and referent[1].country not in parties:
        parties.add(referent[1].country)
        persons.append(referent)
        how.append(state.rules.pronoun_rule)
    speaker = _speaker_referent(state, text, match) if referent is None else None
    if speaker is not None and speaker[1].country not in parties:
        parties.add(speaker[1].country)
        persons.append(speaker)
        how.append(state.rules.speaker_pronoun_rule)
    if state.speaker and state.speaker not in parties and _first_person(text, match,
                                                                        state.rules):
        parties.add(state.speaker)
        how.append(state.rules.first_person_rule)
    visited = _visit_host(state.annotator, state.rules, match, ann, parties, how)
    if len(parties) < 2 and (re.search(r"\b(his|her|their) counterpart|\bthe (appeal|"
                                       r"letter|message|call|request|invitation)\b",
                                       text, re.I) or not parties):
        persons += _borrowed_people(recent, parties, how)
    if len(parties) == 1 and re.search(r"\bwith\b", text[match.start():match.end() + 40]):
        # "a teleconference with USTR officials": the other side is the story's subject
        others = [c for c in top_countries(state.country_counts) if c not in parties]
        if others:
            parties.add(others[0])
            how.append("with+story-government")
    if len(parties) < 2 and state.meetings:
        counted = _collective_parties(state, text, parties)
        if counted:
            parties |= counted
            how.append(state.rules.collective_rule)
    if len(parties) < 2 and (PAIR_WORDS.search(text) or DEFINITE.search(text)):
        parties |= set(top_countries(state.country_counts))
        how.append("pair-words+story-governments")
    return parties, persons, how, visited


COUNTS = {"two": 2, "three": 3, "all three": 3}  # number words the rules count with


def _collective_parties(state: _Article, text: str, parties: set[str]) -> set[str]:
    """The governments "the three governments" or "their officials" count: those of the
    latest meeting with that many parties (with "their", the latest meeting), when they
    include the ones the sentence names."""
    found = state.rules.collective.search(text)
    if found is None:
        return set()
    size = None if found.group("their") else COUNTS[found.group("count").lower()]
    for meeting in sorted(state.meetings, key=_latest_mention, reverse=True):
        if (size is None or len(meeting.countries) == size) and parties <= meeting.countries:
            return set(meeting.countries)
    return set()


def _pronoun_referent(state: _Article, text: str, match: re.Match) -> tuple | None:
    """The person a "he" or "she" before the trigger stands for: the first person the
    nearest earlier sentence with people names; None without such a subject."""
    found = state.rules.pronoun_subject.search(text, 0, match.start() + 1)
    if found is None or _inside_quotes(text[:found.end()]):
        return None
    earlier = state.history[-4:-1]  # the sentence itself is the history's last entry
    named = next((ann.persons for ann in reversed(earlier) if ann.persons), None)
    return min(named, key=lambda p: p[0].start) if named else None


def _speaker_referent(state: _Article, text: str, match: re.Match) -> tuple | None:
    """The person a "he" or "she" right after a verb of saying before the trigger stands
    for: the last person the sentence names before that verb."""
    found = next(reversed(list(state.rules.speaker_pronoun.finditer(
        text, 0, match.start() + 1))), None)
    if found is None or _inside_quotes(text[:found.end()]):
        return None
    named = [p for p in state.history[-1].persons if p[0].end <= found.start()]
    return max(named, key=lambda p: p[0].start) if named else None


def _inside_quotes(before: str) -> bool:
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _first_person(text: str, match: re.Match, rules: MeetingRules) -> bool:
    """"I" is the subject before the trigger, outside quotation marks."""
    found = rules.first_person.search(text, 0, match.end())
    if found is None:
        return False
    return not _inside_quotes(text[:found.end()])


def _three_neighbours(text: str, match: re.Match, ann: SentenceAnnotations,
                      parties: set[str], how: list[str], rules: MeetingRules) -> set[str]:
    """"the trilateral summit that Japan had planned to host", "a three-way summit with
    China in Chengdu": a trilateral of China, Japan and South Korea is between the three
    even when the sentence names one or two of them, unless it names a government outside
    them."""
    if not rules.neighbours_trilateral.search(text, max(0, match.start() - 40), match.end()):
        return parties
    named = {f.value.rstrip("?") for f in ann.countries} | {a.country for _, a in ann.persons}
    if not parties or not named <= rules.neighbours or len(parties) >= 3:
        return parties
    how.append(rules.neighbours_rule)
    return set(rules.neighbours)


def _the_two(text: str, match: re.Match, ann: SentenceAnnotations, parties: set[str],
             how: list[str], rules: MeetingRules) -> set[str]:
    """"..., and the two agreed to ...": two parties, those named nearest the trigger
    before the phrase; a party the sentence never names (a pronoun's) comes first."""
    pair = rules.pair_outcome.search(text, match.end())
    if len(parties) <= 2 or pair is None:
        return parties
    named = [(f.start, a.country) for f, a in ann.persons] + [
        (f.start, f.value) for f in ann.countries]
    unnamed = sorted(parties - {c for _, c in named})
    near = sorted((abs(at - match.start()), c) for at, c in named
                  if c in parties and at < pair.start())
    chosen = list(unnamed)
    for _, country in near:
        if country not in chosen:
            chosen.append(country)
    if len(chosen) < 2:
        return parties
    how.append(rules.the_two_rule)
    return set(chosen[:2])


def _latest_mention(meeting: MeetingRecord) -> int:
    return max(x.sentence_index for x in meeting.mentions)


def _last_reported(meetings: list[MeetingRecord]) -> MeetingRecord:
    """The meeting whose latest mention is the latest in the article so far."""
    return max(meetings, key=_latest_mention)


def _pair_joins(state: _Article, text: str, match: re.Match,
                ann: SentenceAnnotations) -> set[str] | None:
    """"The next day, the two sat down with U.S. Secretary of State Mike Pompeo for a
    three-way meeting": the pair of the meeting the article reported last meets the
    governments of the people the sentence names (other countries it names, "focused on
    North Korea", are what they discuss)."""
    pair = THE_TWO.search(text, 0, match.start()) if state.meetings else None
    if pair is None or any(found.start < pair.start() for found, _ in ann.persons):
        return None  # "He held talks with Morrison, the two leaders agreeing ...": a new pair
    last = _last_reported(state.meetings)
    joining = {a.country for _, a in ann.persons} - last.countries
    if len(last.countries) != 2 or not joining:
        return None
    return set(last.countries) | joining


def _visit_host(annotator: Annotator, rules: MeetingRules, match: re.Match,
                ann: SentenceAnnotations, parties: set[str], how: list[str]) -> str:
    """"will visit Beijing", "a state visit to the United States": the host is a party;
    returns the place visited ('' when none)."""
    if not any(p.search(match.group()) for p in rules.visit):
        return ""
    host = next((f for f in ann.country_places if 0 <= f.start - match.end() < 40), None)
    if host is None:
        return ""
    if rules.visit_elsewhere.search(match.string[host.end:]):
        how.append(rules.visit_elsewhere_rule)  # "arrived in Seoul from Tokyo, where ..."
        return ""
    parties.add(host.value)
    how.append("visit-host")
    if host.text in annotator.place_by_word:
        place, country = annotator.place_by_word[host.text]
        return annotator.place_label(place, country)
    return annotator.country_names.get(host.value, host.value)


def _borrowed_people(recent: list[SentenceAnnotations], parties: set[str],
                     how: list[str]) -> list:
    """"discussions with his counterpart", "the appeal was conveyed through a letter": the
    first two governments' people of the sentences just before are the parties."""
    for before_ann in reversed(recent):
        borrowed, countries = [], list(parties)
        for found, actor in before_ann.persons:
            if actor.country not in countries and len(countries) >= 2:
                continue
            if actor.country not in countries:
                countries.append(actor.country)
            borrowed.append((found, actor))
        if len(set(countries)) >= 2:
            parties |= set(countries)
            how.append("previous-sentences")
            return borrowed
    return []


def _when_and_where(state: _Article, text: str, ann: SentenceAnnotations, match: re.Match,
                    status: str, level: str, visited: str, why: dict, sentence_index: int
                    ) -> tuple[Window | None, str, str]:
    """The meeting's date window, place and occasion (recording how in ``why``)."""
    annotator = state.annotator
    window, why["date"] = _date_in_sentence(text, state.published, status in PROSPECTIVE,
                                            match.span(), state.rules,
                                            state.docs.get(sentence_index))
    if window is None:
        window, why["date"] = _relative_day(state, text, why["date"])
    else:
        window, why["date"] = _stay_day(window, text, why["date"])
    occasion_window, occasion = _occasion_window(ann, level, state.published,
                                                 status == "held", annotator, window)
    if occasion_window is not None and SIDELINES.search(text) and (
            window is None or window.precision == "year" or (
                window.precision in COARSE_PRECISIONS
                and window.start <= occasion_window.end
                and occasion_window.start <= window.end
                and occasion_window.end - occasion_window.start <= window.end - window.start)):
        # "at the ASEAN summit in Jakarta next month", "on the sidelines of the U.N.
        # General Assembly next week": the occasion's own days, which the month or week
        # the sentence names overlaps (an occasion no longer than it: not a six-month expo)
        window = occasion_window
        why["date"] = f'occasion-window:"{occasion}"'
    if window is not None and status in PROSPECTIVE and window.end < state.published:
        window, why["date"] = None, f'{state.rules.past_date_rule}:{why["date"]}'
    location = _location(text, ann, annotator) or visited
    why["place"] = "in/at-phrase" if location and location != visited else (
        "visited" if location else "")
    if not location and ann.occasions:
        o = ann.occasions[0][1]
        location = annotator.place_label(o.city, o.country) if o.city else ""
        why["place"] = "occasion-city" if location else ""
    elif not location and state.last_occasion is not None and window is not None:
        o = state.last_occasion[1]
        if o.city and o.start <= window.end and window.start <= o.end:
            # dated within the occasion the article is about: held there
            location = annotator.place_label(o.city, o.country)
            occasion = occasion or (f"{o.short}, {o.city}")
            why["place"] = "article-occasion-city"
    return window, location, occasion


def _separate_talks(state: _Article, text: str, match: re.Match, ann: SentenceAnnotations,
                    record: MeetingRecord) -> list[MeetingRecord]:
    """"Yoon held separate talks with Li and with Kishida", "met Suga in Tokyo on
    November 25 and Moon in Seoul the next day": one bilateral per government named
    after the trigger, each with the one government named before it, when the words say
    the talks were separate or each guest has a place of its own (then each meeting
    takes the place and date of its own words)."""
    rules = state.rules
    if len(record.countries) < 3:
        return []
    separate = rules.separate_cue.search(text, max(0, match.start() - 30))
    with_word = WITH.search(text, match.start())
    cut = with_word.start() if separate and with_word else match.end()
    named = [(f.start, f.value) for f in ann.countries if not f.value.endswith("?")]
    named += [(f.start, a.country) for f, a in ann.persons]
    subject = {c for at, c in named if at < min(cut, match.start() + 1)
               and c in record.countries}
    guests: dict[str, int] = {}
    for at, country in sorted(named):
        if at > cut and country in record.countries and country not in subject:
            guests.setdefault(country, at)
    if len(subject) != 1 or len(guests) < 2:
        return []
    bounds = [*guests.values(), len(text)]
    # each guest's own words, the rest of the sentence blanked (offsets stay the same)
    segments = [(" " * lo + text[lo:hi], _within(ann, lo, hi))
                for lo, hi in itertools.pairwise(bounds)]
    own_place = all(_location(words, words_ann, state.annotator)
                    for words, words_ann in segments)
    if not (separate or own_place):
        return []
    out: list[MeetingRecord] = []
    for guest, (words, words_ann) in zip(guests, segments, strict=True):
        pair = subject | {guest}
        split = replace(record, countries=pair, format="bilateral",
                        participants={a.name for _, a in ann.persons
                                      if a.country in pair and a.name in record.participants},
                        mentions=list(record.mentions), mention_keys=(set(), 0),
                        why={**record.why, "parties": record.why["parties"] + "+"
                             + rules.separate_rule},
                        acts=set(record.acts), topics=set(record.topics))
        if own_place and not separate:
            _own_place_and_date(state, words, words_ann, split, out[-1] if out else None)
        out.append(split)
    return out


def _own_place_and_date(state: _Article, segment: str, ann: SentenceAnnotations,
                        split: MeetingRecord, previous: MeetingRecord | None) -> None:
    """A coordinated guest's meeting: the place and date its own words give ("and Moon
    in Seoul the next day": the day after the meeting before it); ``segment`` is the
    sentence with every other word blanked, so offsets stay the sentence's."""
    split.location = _location(segment, ann, state.annotator) or split.location
    dates = [d for d in find_dates(segment, state.published, split.status in PROSPECTIVE)
             if d.is_date]
    relative = RELATIVE_DAY.search(segment)
    if dates:
        split.window = Window.from_mention(dates[0])
        split.why = {**split.why, "date": f'own-words:"{dates[0].text}"'}
    elif relative and previous is not None:
        shifted = _shifted_day(previous.window, relative)
        if shifted is not None:
            split.window = shifted
            split.why = {**split.why, "date": f'relative-day:"{relative.group()}"'}


def _host_summit(state: _Article, sentence: Sentence, ann: SentenceAnnotations,
                 record: MeetingRecord) -> list[MeetingRecord]:
    """"A and B will meet on the sidelines of a trilateral summit with C": the bilateral
    and the summit it is held at are two meetings, with the bilateral's status and date."""
    text = sentence.text
    extra = {f.value for f in ann.countries if not f.value.endswith("?")} - record.countries
    host = state.rules.host_cue.search(text)
    if not (host and record.format == "bilateral" and len(record.participants) >= 2
            and extra):
        return []
    summit = MeetingRecord(
        article_ids=[state.article_id], published=state.published,
        countries=record.countries | extra, participants=set(record.participants),
        level=record.level, format="trilateral",
        status=record.status, window=record.window,
        location=record.location, occasion=record.occasion,
        topics=set(ann.topics), outcome="not_reported",
        why={**record.why, "format": "trilateral-host-of-bilateral"})
    summit.mentions.append(Mention(state.article_id, sentence.index, sentence.start,
                                   sentence.end, text, state.rules.host_rule,
                                   host.group()))
    return [summit]


def _date_in_sentence(text: str, published: dt.date, forward: bool,
                      trigger: tuple[int, int], rules: MeetingRules, doc=None
                      ) -> tuple[Window | None, str]:
    """The meeting's date: of the sentence's date expressions, the one the parse attaches
    nearest the trigger (fewest arcs; then fewest characters), resolved forward for a
    prospective meeting, never the date of a report ("announced on Sunday that ...");
    and how it was chosen."""
    at = trigger[0]
    dates = [d for d in find_dates(text, published, forward) if d.is_date]
    if not forward:
        ahead = {d.start: d for d in find_dates(text, published, True)}
        dates = [ahead[d.start] if re.search(r"\b(set|scheduled|slated|planned|due)\s+"
                                             r"(for|on)\s+$", text[:d.start], re.I)
                 and d.start in ahead else d for d in dates]
    # a date right after a reporting verb ("announced on Sunday that ...") dates the
    # report, not the meeting
    dates = [d for d in dates if not (d.start < at and REPORTING.search(text[:d.start]))
             and not REPORTED_BY.search(text[d.end:])]
    # "their first meeting since 2019": the date an interval is counted from
    dates = [d for d in dates if not rules.interval_start.search(d.text)
             and not (d.start > trigger[1]
                      and rules.interval_clause.search(text[trigger[1]:d.start]))]
    if not dates:
        return None, "none-in-sentence"
    arcs = {d.start: tree_distance(doc, trigger, (d.start, d.end)) for d in dates} \
        if doc is not None and len(dates) > 1 else {}
    if arcs and None not in arcs.values():
        best = min(dates, key=lambda d: (arcs[d.start], abs(d.start - at)))
        return Window.from_mention(best), f'{rules.date_rule}:"{best.text}"'
    best = min(dates, key=lambda d: abs(d.start - at))
    return Window.from_mention(best), f'nearest-in-sentence:"{best.text}"'


def _relative_day(state: _Article, text: str, why: str) -> tuple[Window | None, str]:
    """"The next day, the two sat down with ...": the day of the meeting the article
    reported last (when it is one day), moved by the phrase's offset. A counted offset
    ("Eight days later") counts from the last day the sentence before names, which need
    not be a meeting's."""
    found = RELATIVE_DAY.search(text)
    if found is None:
        return None, why
    if found.group("count") is not None and len(state.history) > 1:
        before = [d for d in find_dates(state.history[-2].text, state.published, False)
                  if d.is_date and d.precision == "day"]
        if before:
            shifted = _shifted_day(Window.from_mention(before[-1]), found)
            return shifted, f'relative-day:"{found.group()}"+sentence-before:"{before[-1].text}"'
    if not state.meetings:
        return None, why
    last = _last_reported(state.meetings)
    shifted = _shifted_day(last.window, found)
    if shifted is None:
        return None, why
    return shifted, f'relative-day:"{found.group()}"+last-meeting:"{last.window.text}"'


def _stay_day(window: Window, text: str, why: str) -> tuple[Window, str]:
    """"will fly to Tokyo on Thursday for a two-day visit, and is due to sit down with
    Kishida the same afternoon": a phrase of the same day narrows the stay to its first."""
    found = RELATIVE_DAY.search(text)
    if found is None or window.start == window.end or _offset(found) != 0:
        return window, why
    shifted = _shifted_day(window, found)  # None unless the stay is at precision `day`
    return (window, why) if shifted is None else (shifted, f'{why}+first-day:"{found.group()}"')


def _shifted_day(window: Window | None, phrase: re.Match) -> Window | None:
    """The one day of ``window`` moved by a relative-day phrase's offset ("the next
    day"); None when the window is not one day, except a stay of days at precision
    `day` that the phrase does not move ("arrived on Thursday for a two-day visit ...
    held talks the same evening": its first day)."""
    if window is None or window.start != window.end and not (
            window.precision == "day" and _offset(phrase) == 0):
        return None
    return Window(*[window.start + dt.timedelta(days=_offset(phrase))] * 2, "day",
                  phrase.group())


def _offset(phrase: re.Match) -> int:
    """Days a relative-day phrase moves: its listed offset, or its count of days or weeks
    ("eight days later": 8; "a week earlier": -7)."""
    if phrase.group("count") is None:
        return RELATIVE_DAY_RULE["offsets"][phrase.group().lower()]
    count = phrase.group("count").lower()
    days = int(count) if count.isdigit() else NUMBER_WORDS.get(count, 1)
    days *= 7 if phrase.group("unit").lower().startswith("week") else 1
    return days if phrase.group("way").lower() == "later" else -days


def _date_occasions(meetings: list[MeetingRecord], text: str, published: dt.date) -> None:
    """'the summit from Nov. 15-17': the article's own dates for an occasion replace the
    gazetteer's wider window on every meeting dated by that window."""
    for found in find_dates(text, published, False):
        if not found.is_date:
            continue
        day = Window.from_mention(found)
        for m in meetings:
            w = m.window
            if w and w.precision == "window" and w.start <= day.start and day.end <= w.end \
                    and day.width < w.width:
                m.window = day
                m.why["date"] = f'article-dates-for-occasion:"{found.text}"'


def _inside_reference(match: re.Match, refs: list[tuple[str, int, int]]) -> bool:
    """The trigger's words lie within a back-reference ('during the talks')."""
    return any(a <= match.start() and match.end() <= b for _, a, b in refs)


def _without_speakers(ann: SentenceAnnotations, text: str) -> SentenceAnnotations:
    if not any(is_speaker(text, f) for f, _ in ann.persons):
        return ann
    from dataclasses import replace

    return replace(ann, persons=[(f, a) for f, a in ann.persons if not is_speaker(text, f)])


def _choose_trigger(found: list, ann: SentenceAnnotations):
    """Several triggers ("the meeting ... could build momentum before planned talks between
    A and B"): the one nearest the named people reports their meeting; a phone or written
    trigger wins outright."""
    if not found:
        return None
    if len(found) == 1 or not ann.persons or found[0][1] is not None:
        return found[0]
    people = [f.start for f, _ in ann.persons]
    return min(found, key=lambda t: (min(abs(t[0].start() - q) for q in people),
                                     t[0].start()))


def _status_clause(text: str, start: int, end: int) -> str:
    """The words that say whether this meeting happened: the trigger's clause (between
    commas or semicolons), widened to 40 characters before it for "plans to", "no
    decision has been made about"."""
    left = max(text.rfind(",", 0, start), text.rfind(";", 0, start))
    left = min(left + 1 if left >= 0 else 0, max(0, start - 40))
    rights = [i for i in (text.find(",", end), text.find(";", end)) if i != -1]
    right = min(rights) if rights else len(text)
    right = max(right, min(len(text), end + 30))
    told = re.compile(r"\sthat\s").search(text, end, right)
    # "told Raimondo during a video call on October 14 that Japan would ...": what was
    # said does not say whether the call took place
    return text[left:told.start() if told else right]


def _antecedent(meetings: list[MeetingRecord], text: str, rules: MeetingRules
                ) -> MeetingRecord:
    """The meeting a back-reference points to: the latest one whose status the sentence
    shares (a past-tense "the dialogue took place" is not the planned next round)."""
    status = classify_status(text, rules)
    noun = re.search(r"\b(meeting|talks|summit|dialogue|call|conversation|letter|discussions?)\b",
                     text, re.I)
    if noun:
        # "the dialogue" points to the meeting first reported as a dialogue
        word = noun.group(1).lower().rstrip("s")
        named = [m for m in meetings if any(word in x.matched_text.lower() for x in m.mentions)]
        if named:
            return next((m for m in reversed(named) if m.status == status), named[-1])
    return next((m for m in reversed(meetings) if m.status == status), meetings[-1])


def _attach(meeting: MeetingRecord, sentence: Sentence, article_id: str,
            ann: SentenceAnnotations, rules: MeetingRules, rule: str, matched: str) -> None:
    if any(m.sentence_index == sentence.index and m.article_id == article_id
           for m in meeting.mentions):
        return
    meeting.mentions.append(Mention(article_id, sentence.index, sentence.start, sentence.end,
                                    sentence.text, rule, matched))
    meeting.topics |= set(ann.topics)
    meeting.outcome = classify_outcome(sentence.text, rules, meeting.outcome)
    for found, actor in ann.persons:
        if actor.country in meeting.countries and not is_speaker(sentence.text, found):
            meeting.participants.add(actor.name)


def is_speaker(text: str, found) -> bool:
    """'Kajiyama said ...', 'said Aoyama': the person reports; that alone does not make
    them a participant -- unless they report their own meeting ("Lee said that he would
    hold his first summit with Trump")."""
    reports = re.match(r"\s*(said|says|told|added|stated|declined|noted)\b",
                       text[found.end:]) or re.search(r"\bsaid\s+$", text[:found.start])
    own = re.search(r"\b(he|she|his|her)\b[^.]{0,40}\b(meet|met|hold|held|visit\w*|talk\w*|"
                    r"speak\w*|spoke\w*|call\w*|summit)\b", text[found.end:found.end + 120], re.I)
    return bool(reports) and not own
