"""One BibTeX entry per article, made from the manifest, so the bibliography follows the corpus.

The file keeps every character as written (the HTML book shows CJK titles as they are);
characters pdflatex cannot set are replaced only in the LaTeX output, by the book's
Sphinx extension (``build.sphinxext``), never in ``references.bib`` itself."""

from __future__ import annotations

import re

from tradetalks.errors import InputError
from tradetalks.ingest.corpus import MANIFEST_NAME, Corpus

_BIBTEX_SPECIAL = re.compile(r"([{}\\#%&$_^~])")


def _bibtex_text(value: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: "\\" + m.group(1) if m.group(1) not in "{}\\^~"
                               else " ", value)


def _title(value: str) -> str:
    """Keep the title's capitals: an inner brace group stops BibTeX styles lowering it."""
    return "{" + _bibtex_text(value[1:-1]) + "}"


def citation_key(article_id: str) -> str:
    """The article id itself (made safe for BibTeX), so `{cite}` keys match the tables."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", article_id)


def citation_keys(corpus: Corpus) -> dict[str, str]:
    """Each article's citation key; two articles whose keys are one key to BibTeX (which
    ignores case) stop the run: a citation must name one article."""
    keys: dict[str, str] = {}
    first: dict[str, str] = {}
    for a in corpus.articles:
        key = citation_key(a.article_id)
        other = first.setdefault(key.casefold(), a.article_id)
        if other != a.article_id:
            raise InputError(f"article ids {other!r} and {a.article_id!r} give the same "
                             f"bibliography key {key!r}; rename one",
                             corpus.folder / MANIFEST_NAME)
        keys[a.article_id] = key
    return keys


def bibtex(corpus: Corpus) -> str:
    entries = []
    keys = citation_keys(corpus)
    for a in corpus.articles:
        fields = {
            "title": "{" + (a.title or f"[Untitled article, {a.outlet}, "
                            f"{a.published.isoformat()}]") + "}",
            "organization": a.outlet,
            "howpublished": a.outlet,
            "year": str(a.published.year),
            "month": a.published.strftime("%B"),
            "date": a.published.isoformat(),
            "note": f"Published {a.published.isoformat()} ({a.date_basis})",
        }
        if a.url.startswith(("http://", "https://")):
            fields["url"] = a.url  # other schemes (javascript:, data:) are never linked
        body = ",\n".join(f"  {k} = {{{_bibtex_text(v) if k != 'title' else _title(v)}}}"
                           for k, v in fields.items())
        entries.append(f"@misc{{{keys[a.article_id]},\n{body}\n}}\n")
    return "% Generated from the corpus manifest by `python -m tradetalks bib`; do not edit.\n\n" \
        + "\n".join(entries)
