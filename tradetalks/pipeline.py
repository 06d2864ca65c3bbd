"""Run the stages over a corpus and collect the codebook's tables as DataFrames."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .clean import CleanedArticle, clean_text, word_count
from .corpus import Article, Corpus, load_corpus
from .sentences import Sentence, split_sentences


@dataclass(frozen=True)
class ProcessedArticle:
    article: Article
    cleaned: CleanedArticle
    sentences: tuple[Sentence, ...]


def process_article(article: Article) -> ProcessedArticle:
    cleaned = clean_text(article.text)
    return ProcessedArticle(article, cleaned, tuple(split_sentences(cleaned.text,
                                                                    cleaned.paragraphs)))


ARTICLE_COLUMNS = ["article_id", "file", "outlet", "url", "title", "published", "date_basis",
                   "language", "words_raw", "words_clean", "lines_removed", "sentences"]
REMOVAL_COLUMNS = ["article_id", "line", "rule", "text"]


def articles_table(processed: list[ProcessedArticle]) -> pd.DataFrame:
    rows = [{
        "article_id": p.article.article_id, "file": p.article.file, "outlet": p.article.outlet,
        "url": p.article.url, "title": p.article.title,
        "published": p.article.published.isoformat(), "date_basis": p.article.date_basis,
        "language": p.article.language, "words_raw": word_count(p.article.text),
        "words_clean": word_count(p.cleaned.text), "lines_removed": len(p.cleaned.removals),
        "sentences": len(p.sentences),
    } for p in processed]
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)


def removals_table(processed: list[ProcessedArticle]) -> pd.DataFrame:
    rows = [{"article_id": p.article.article_id, "line": r.line, "rule": r.rule, "text": r.text}
            for p in processed for r in p.cleaned.removals]
    return pd.DataFrame(rows, columns=REMOVAL_COLUMNS)


def process_corpus(folder: Path | str) -> tuple[Corpus, list[ProcessedArticle]]:
    corpus = load_corpus(folder)
    return corpus, [process_article(a) for a in corpus.articles]
