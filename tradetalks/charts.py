"""Altair charts for the book. Each has a title, labelled axes, tooltips, a
colour-blind-safe palette (Okabe-Ito) and a ``description`` for screen readers."""

from __future__ import annotations

import altair as alt
import pandas as pd

# Okabe & Ito (2008), safe for the common colour-vision deficiencies.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
             "#000000"]


def _palette(n: int) -> list[str]:
    return [OKABE_ITO[i % len(OKABE_ITO)] for i in range(n)]


def removals_chart(removals: pd.DataFrame, articles: pd.DataFrame) -> alt.Chart:
    """Lines removed from each article, by the rule that removed them."""
    counts = (removals.groupby(["article_id", "rule"]).size().rename("lines").reset_index())
    counts = counts.merge(articles[["article_id", "outlet"]], on="article_id", how="left")
    rules = sorted(counts["rule"].unique()) if len(counts) else []
    total = int(counts["lines"].sum()) if len(counts) else 0
    description = (
        f"Bar chart of the {total} lines removed as web debris from "
        f"{articles['article_id'].nunique()} articles, one bar per article, split by the rule "
        "that removed each line."
    )
    return alt.Chart(counts, title="Lines of web debris removed, by article and rule").mark_bar(
    ).encode(
        y=alt.Y("article_id:N", title="Article", sort=list(articles["article_id"])),
        x=alt.X("lines:Q", title="Lines removed"),
        color=alt.Color("rule:N", title="Cleaning rule",
                        scale=alt.Scale(domain=rules, range=_palette(len(rules)))),
        tooltip=[alt.Tooltip("article_id:N", title="Article"),
                 alt.Tooltip("outlet:N", title="Outlet"),
                 alt.Tooltip("rule:N", title="Rule"),
                 alt.Tooltip("lines:Q", title="Lines")],
    ).properties(width=520, height=max(120, 28 * articles["article_id"].nunique()),
                 description=description)
