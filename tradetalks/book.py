"""What the notebooks call: the pipeline over ``seeds/``, run once per kernel, and glue.

Notebooks stay thin: they import this module, show what it returns and tell the story.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .config import SEEDS_DIR
from .pipeline import ProcessedArticle, articles_table, process_corpus, removals_table


@lru_cache(maxsize=1)
def corpus_stage() -> tuple[Any, list[ProcessedArticle]]:
    return process_corpus(SEEDS_DIR)


def corpus_tables():
    _, processed = corpus_stage()
    return articles_table(processed), removals_table(processed)


def glue_value(name: str, value: Any) -> None:
    """Glue a number or short text for the prose; text is stored as plain text only."""
    from myst_nb import glue

    glue(name, value, display=False)
