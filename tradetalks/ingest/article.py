"""One article made ready for the rules: cleaned text and sentences with offsets."""

from __future__ import annotations

from dataclasses import dataclass

from tradetalks.ingest.clean import CleanedArticle, clean_text
from tradetalks.ingest.corpus import Article
from tradetalks.ingest.sentences import Sentence, split_sentences


@dataclass(frozen=True)
class ProcessedArticle:
    article: Article
    cleaned: CleanedArticle
    sentences: tuple[Sentence, ...]


def process_article(article: Article) -> ProcessedArticle:
    cleaned = clean_text(article.text)
    return ProcessedArticle(article, cleaned, tuple(split_sentences(cleaned.text,
                                                                    cleaned.paragraphs)))
