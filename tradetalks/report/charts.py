"""Altair charts for the book. Each has a title, labelled axes, tooltips, a
colour-blind-safe palette (Okabe-Ito) and a ``description`` for screen readers."""

from __future__ import annotations

import altair as alt
import pandas as pd

from tradetalks.report.labels import country_label
from tradetalks.vocabulary import vocabulary

# Okabe & Ito (2008), safe for the common colour-vision deficiencies.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
             "#000000"]


def _palette(n: int) -> list[str]:
    return [OKABE_ITO[i % len(OKABE_ITO)] for i in range(n)]


def removals_chart(removals: pd.DataFrame, articles: pd.DataFrame) -> alt.Chart:
    """Lines removed from each article, by the rule that removed them."""
    counts = (removals.groupby(["article_id", "rule"]).size().rename("lines").reset_index())
    counts = counts.merge(articles[["article_id", "outlet", "published"]], on="article_id",
                          how="left")
    counts["article"] = counts["outlet"] + ", " + counts["published"]
    counts["rule"] = counts["rule"].str.replace("_", " ")
    order = list(articles["outlet"] + ", " + articles["published"])
    rules = sorted(counts["rule"].unique()) if len(counts) else []
    total = int(counts["lines"].sum()) if len(counts) else 0
    description = (
        f"Bar chart of the {total} lines removed as web debris from "
        f"{articles['article_id'].nunique()} articles, one bar per article, split by the rule "
        "that removed each line."
    )
    return alt.Chart(counts, title="Lines of web debris removed, by article and rule").mark_bar(
    ).encode(
        y=alt.Y("article:N", title="Article (outlet, publication date)", sort=order),
        x=alt.X("lines:Q", title="Lines removed"),
        color=alt.Color("rule:N", title="Cleaning rule",
                        scale=alt.Scale(domain=rules, range=_palette(len(rules))),
                        legend=alt.Legend(orient="bottom", columns=3)),
        tooltip=[alt.Tooltip("article:N", title="Article"),
                 alt.Tooltip("outlet:N", title="Outlet"),
                 alt.Tooltip("rule:N", title="Rule"),
                 alt.Tooltip("lines:Q", title="Lines")],
    ).properties(width=380, height=max(120, 28 * articles["article_id"].nunique()),
                 description=description)


LEVEL_ORDER = list(vocabulary().levels)
# statuses of a measure that was once in force (drawn with an in-force span)
IN_FORCE_ONCE = {"in_force"} | vocabulary().liberalising
STATUS_SHAPES = vocabulary().status_shapes


def with_evidence(events: pd.DataFrame, mentions: pd.DataFrame, articles: pd.DataFrame,
                  id_column: str) -> pd.DataFrame:
    """Add the first mention's sentence and its article's outlet and date to each event."""
    first = (mentions.sort_values(["article_id", "start"])
             .drop_duplicates("event_id")[["event_id", "article_id", "sentence"]]
             .rename(columns={"event_id": id_column, "sentence": "evidence"}))
    first = first.merge(articles[["article_id", "outlet", "published"]], on="article_id",
                        how="left")
    first["source"] = first["outlet"] + ", " + first["published"]
    return events.merge(first[[id_column, "evidence", "source"]], on=id_column, how="left")


def meetings_timeline(meetings: pd.DataFrame, mentions: pd.DataFrame,
                      articles: pd.DataFrame) -> alt.Chart:
    """Dated meetings over time, one row per pair of governments; colour = level,
    shape = status."""
    frame = with_evidence(meetings, mentions, articles, "meeting_id")
    dated = frame[frame["date_start"].astype(str) != ""].copy()
    dated["pair"] = dated["countries"].map(country_label)
    dated["when"] = dated["date_start"]
    dated["level"] = dated["level"].str.replace("_", " ")
    dated["window"] = [s if s == e else f"{s} to {e}" for s, e in
                       zip(dated["date_start"], dated["date_end"], strict=True)]
    undated = len(frame) - len(dated)
    levels = [lv.replace("_", " ") for lv in LEVEL_ORDER
              if lv.replace("_", " ") in set(dated["level"])] or LEVEL_ORDER
    statuses = [s for s in STATUS_SHAPES if s in set(dated["status"])] or ["held"]
    description = (
        f"Timeline of {len(dated)} dated meetings between governments from "
        f"{dated['date_start'].min() if len(dated) else 'n/a'} to "
        f"{dated['date_end'].max() if len(dated) else 'n/a'}, one row per group of countries; "
        f"colour shows the highest level present and shape whether the meeting was held, "
        f"planned, proposed, undecided or cancelled. {undated} undated meetings are listed "
        "in the table instead."
    )
    title = "Meetings between governments, by countries and level"
    return alt.Chart(dated, title=title).mark_point(filled=True, size=160, opacity=0.85).encode(
        x=alt.X("when:T", title="Date (start of the date window)",
                scale=alt.Scale(padding=24)),
        y=alt.Y("pair:N", title=None, sort="ascending"),
        yOffset=alt.YOffset("status:N"),
        color=alt.Color("level:N", title="Level", scale=alt.Scale(domain=levels,
                                                                  range=_palette(len(levels)))),
        shape=alt.Shape("status:N", title="Status", scale=alt.Scale(
            domain=statuses, range=[STATUS_SHAPES[s] for s in statuses])),
        tooltip=[alt.Tooltip("meeting_id:N", title="Meeting"),
                 alt.Tooltip("window:N", title="Date window"),
                 alt.Tooltip("date_text:N", title="Date as written"),
                 alt.Tooltip("participants:N", title="Participants"),
                 alt.Tooltip("format:N", title="Format"),
                 alt.Tooltip("outcome:N", title="Outcome"),
                 alt.Tooltip("evidence:N", title="Evidence"),
                 alt.Tooltip("source:N", title="Source")],
    ).properties(width=340, height=max(160, 48 * max(1, dated["pair"].nunique())),
                 description=description)


def _measure_phases(measures: pd.DataFrame, end_of_record: str) -> pd.DataFrame:
    from tradetalks.knowledge.dates import iso_window

    rows = []
    for row in measures.to_dict("records"):
        everywhere = vocabulary().all_destinations
        targets = ", ".join(everywhere["short"] if t == everywhere["code"] else t
                            for t in row["targets"].split(";"))
        label = (f"{row['imposer']} → {targets}: "
                 f"{row['products'].replace(';', ', ').replace('_', ' ')}"
                 f" ({row['measure_type'].replace('_', ' ').replace('wto', 'WTO')})")
        points = {}
        for field_name in vocabulary().date_fields:
            window = iso_window(str(row.get(field_name) or ""))
            if window:
                points[field_name] = window[0].isoformat()
        for field_name, day in points.items():
            rows.append({**row, "label": label, "phase": field_name.replace("_", " "),
                         "day": day, "end": day})
        start = points.get("in_force") if row.get("status") in IN_FORCE_ONCE else None
        if start:
            stop = points.get("lifted") or str(row.get("last_reported") or end_of_record)
            if stop >= start:
                rows.append({**row, "label": label, "phase": "in force (span)", "day": start,
                             "end": stop})
    return pd.DataFrame(rows)


def measures_chart(measures: pd.DataFrame, mentions: pd.DataFrame,
                   articles: pd.DataFrame) -> alt.Chart:
    """Each measure as a line from entry into force to lifting (or to the last article),
    with its announced, in-force and lifted dates as marks."""
    frame = with_evidence(measures, mentions, articles, "measure_id")
    end_of_record = str(articles["published"].max()) if len(articles) else "2026-01-01"
    published = dict(zip(articles["article_id"], articles["published"], strict=True))
    frame["last_reported"] = [max(published.get(a, end_of_record)
                                  for a in str(ids).split(";") if a) if ids else end_of_record
                              for ids in frame["articles"]]
    phases = _measure_phases(frame, end_of_record)
    undated = len(frame) - (phases["measure_id"].nunique() if len(phases) else 0)
    description = (
        f"Chart of {len(frame) - undated} dated trade measures, one row per measure "
        "(imposer, targets, products and type); for measures in force a bar runs from entry "
        "into force to lifting or to the latest article reporting it, and marks show the "
        "announced, "
        f"in-force and lifted dates. {undated} measures without any date are listed in the "
        "table instead."
    )
    if phases.empty:
        phases = pd.DataFrame(columns=["label", "phase", "day", "end", "imposer", "status",
                                       "date_text", "demands", "evidence", "source",
                                       "measure_id"])
    tooltip = [alt.Tooltip("measure_id:N", title="Measure"),
               alt.Tooltip("status:N", title="Status"),
               alt.Tooltip("date_text:N", title="Dates as written"),
               alt.Tooltip("demands:N", title="Demands"),
               alt.Tooltip("evidence:N", title="Evidence"),
               alt.Tooltip("source:N", title="Source")]
    imposers = sorted(set(phases["imposer"])) if len(phases) else []
    base = alt.Chart(phases).encode(
        y=alt.Y("label:N", title=None, sort="ascending", axis=alt.Axis(labelLimit=280)),
    )
    spans = base.transform_filter(alt.datum.phase == "in force (span)").mark_rule(
        strokeWidth=4, opacity=0.5
    ).encode(
        x=alt.X("day:T", title="Date"), x2="end:T",
        color=alt.Color("imposer:N", title="Imposer",
                        scale=alt.Scale(domain=imposers, range=_palette(len(imposers)))),
        tooltip=tooltip,
    )
    phase_domain = [f.replace("_", " ") for f in vocabulary().date_fields]
    marks = base.transform_filter(alt.datum.phase != "in force (span)").mark_point(
        filled=True, size=120
    ).encode(
        x=alt.X("day:T", title="Date"),
        shape=alt.Shape("phase:N", title="Date of", scale=alt.Scale(
            domain=phase_domain, range=["diamond", "circle", "cross"])),
        color=alt.Color("imposer:N", title="Imposer",
                        scale=alt.Scale(domain=imposers, range=_palette(len(imposers)))),
        tooltip=tooltip,
    )
    return alt.layer(spans, marks, title="Trade measures: announced, in force, lifted").properties(
        width=260, height=max(140, 30 * max(1, phases["label"].nunique() if len(phases) else 1)),
        description=description)


def actor_network(meetings: pd.DataFrame, actors: pd.DataFrame) -> alt.LayerChart:
    """People linked when they appear in the same meeting, placed on a circle grouped
    by country (a fixed layout, so the chart is the same in every build)."""
    import math

    people = sorted({p for ps in meetings["participants"] for p in str(ps).split(";") if p})
    info = actors.set_index("name") if len(actors) else pd.DataFrame()
    def country_of(name: str) -> str:
        return str(info.loc[name, "country"]) if name in info.index else ""
    people.sort(key=lambda n: (country_of(n), n))
    n = max(1, len(people))
    position = {name: (math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n))
                for i, name in enumerate(people)}
    nodes = pd.DataFrame([{
        "name": name, "x": position[name][0], "y": position[name][1],
        "country": country_of(name),
        "role": str(info.loc[name, "role"]) if name in info.index else "",
        "meetings": int(sum(name in str(ps).split(";") for ps in meetings["participants"])),
    } for name in people], columns=["name", "x", "y", "country", "role", "meetings"])
    edges = []
    for row in meetings.to_dict("records"):
        names = sorted(p for p in str(row["participants"]).split(";") if p)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                edges.append({"meeting_id": row["meeting_id"], "a": a, "b": b,
                              "x": position[a][0], "y": position[a][1],
                              "x2": position[b][0], "y2": position[b][1],
                              "status": row["status"], "date_text": row["date_text"]})
    edge_frame = pd.DataFrame(edges, columns=["meeting_id", "a", "b", "x", "y", "x2", "y2",
                                              "status", "date_text"])
    if len(edge_frame):
        edge_frame = (edge_frame.groupby(["a", "b", "x", "y", "x2", "y2"], as_index=False)
                      .agg(meetings=("meeting_id", "size"),
                           meeting_id=("meeting_id", lambda ids: "; ".join(sorted(ids))),
                           status=("status", lambda s: "; ".join(sorted(set(s))))))
    else:
        edge_frame = edge_frame.assign(meetings=[])
    countries = sorted(set(nodes["country"]))
    description = (
        f"Network of {len(nodes)} people named as participants in meetings, linked by "
        f"{len(edge_frame)} ties, one per pair of people who attended a meeting together "
        "(thicker for more meetings); colour shows each person's country."
    )
    axis = alt.Axis(labels=False, ticks=False, grid=False, domain=False, title=None)
    scale = alt.Scale(domain=[-1.45, 1.45])
    lines = alt.Chart(edge_frame).mark_rule(color="#999999", opacity=0.6).encode(
        x=alt.X("x:Q", axis=axis, scale=scale), y=alt.Y("y:Q", axis=axis, scale=scale),
        x2="x2:Q", y2="y2:Q",
        strokeWidth=alt.StrokeWidth("meetings:Q", title="Meetings together",
                                    scale=alt.Scale(range=[1.5, 5])),
        tooltip=[alt.Tooltip("meeting_id:N", title="Meetings"), alt.Tooltip("a:N", title="From"),
                 alt.Tooltip("b:N", title="To"), alt.Tooltip("meetings:Q", title="Meetings"),
                 alt.Tooltip("status:N", title="Status")])
    points = alt.Chart(nodes).mark_circle(size=260, opacity=0.9).encode(
        x=alt.X("x:Q", axis=axis, scale=scale), y=alt.Y("y:Q", axis=axis, scale=scale),
        color=alt.Color("country:N", title="Country",
                        scale=alt.Scale(domain=countries, range=_palette(len(countries)))),
        size=alt.Size("meetings:Q", title="Meetings attended",
                      scale=alt.Scale(range=[120, 600], domainMin=1)),
        tooltip=[alt.Tooltip("name:N", title="Person"), alt.Tooltip("role:N", title="Role"),
                 alt.Tooltip("country:N", title="Country"),
                 alt.Tooltip("meetings:Q", title="Meetings")])
    labels = alt.Chart(nodes).mark_text(dy=-16, fontSize=11).encode(
        x=alt.X("x:Q", axis=axis, scale=scale), y=alt.Y("y:Q", axis=axis, scale=scale),
        text="name:N")
    return alt.layer(lines, points, labels, title="Who met whom: people linked by meetings"
                     ).properties(width=440, height=400, description=description)


def topics_matrix(topics: pd.DataFrame) -> alt.Chart:
    """Sentences per article touching each topic (the codebook's topic vocabulary)."""
    frame = topics.copy()
    frame["article"] = frame["outlet"] + ", " + frame["published"]
    frame["topic"] = frame["topic"].str.replace("_", " ")
    description = (
        f"Matrix of {frame['topic'].nunique()} topics by {frame['article_id'].nunique()} "
        "articles; the darker the cell, the more sentences of the article touch the topic."
    )
    return alt.Chart(frame, title="Topics by article").mark_rect().encode(
        x=alt.X("article:N", title="Article (outlet, publication date)",
                sort=alt.SortField("published"), axis=alt.Axis(labelAngle=-30,
                                                               labelLimit=200)),
        y=alt.Y("topic:N", title="Topic", sort="ascending"),
        color=alt.Color("sentences:Q", title="Sentences",
                        scale=alt.Scale(scheme="blues")),
        tooltip=[alt.Tooltip("article:N", title="Article"), alt.Tooltip("topic:N", title="Topic"),
                 alt.Tooltip("sentences:Q", title="Sentences"),
                 alt.Tooltip("example:N", title="Example sentence")],
    ).properties(width=max(240, min(480, 70 * frame["article_id"].nunique())), height=380,
                 description=description)
