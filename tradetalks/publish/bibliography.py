"""One BibTeX entry per article, made from the manifest, so the bibliography follows the corpus."""

from __future__ import annotations

import re

from tradetalks.ingest.corpus import Corpus

_BIBTEX_SPECIAL = re.compile(r"([{}\\#%&$_^~])")


def _bibtex_text(value: str) -> str:
    from tradetalks.publish.latex import pdflatex_safe

    return _BIBTEX_SPECIAL.sub(lambda m: "\\" + m.group(1) if m.group(1) not in "{}\\^~"
                               else " ", pdflatex_safe(value))


def _title(value: str) -> str:
    """Keep the title's capitals: an inner brace group stops BibTeX styles lowering it."""
    return "{" + _bibtex_text(value[1:-1]) + "}"


def citation_key(article_id: str) -> str:
    """The article id itself (made safe for BibTeX), so `{cite}` keys match the tables."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", article_id)


def bibtex(corpus: Corpus) -> str:
    entries = []
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
        entries.append(f"@misc{{{citation_key(a.article_id)},\n{body}\n}}\n")
    return "% Generated from the corpus manifest by `python -m tradetalks bib`; do not edit.\n\n" \
        + "\n".join(entries)
