"""Coreference within one article: a surname alone refers to the person named in full."""

from __future__ import annotations

import re

from tradetalks.knowledge.annotate import Found, SentenceAnnotations
from tradetalks.knowledge.dictionaries import ActorEntry


def resolve_surnames(annotations: list[SentenceAnnotations]) -> None:
    """Within one article, a bare name part ("Wang", "Li") that is not a dictionary alias
    refers to the one person of that name already introduced in full (coreference as a
    reader does it); where two introduced people share it, it stays unresolved."""
    seen: dict[str, set[str]] = {}
    actors: dict[str, ActorEntry] = {}
    for ann in annotations:
        text = ann.text
        taken = [(f.start, f.end) for f, _ in ann.persons]
        for part, ids in seen.items():
            if len(ids) != 1 or part not in text:
                continue  # ambiguous, or absent (the cheap test before the regex)
            actor = actors[next(iter(ids))]
            for m in re.finditer(rf"(?<![\w-]){re.escape(part)}(?![\w-])", text):
                if any(s <= m.start() < e for s, e in taken):
                    continue
                ann.persons.append((Found(m.start(), m.end(), m.group(), actor.actor_id), actor))
                taken.append(m.span())
        ann.persons.sort(key=lambda pair: pair[0].start)
        for _, actor in ann.persons:
            actors[actor.actor_id] = actor
            for part in actor.name.split():
                if len(part) >= 2 and part[0].isupper():
                    seen.setdefault(part, set()).add(actor.actor_id)
