"""Altair charts for the book. Each has a title, labelled axes, tooltips, a
colour-blind-safe palette (Okabe-Ito) and a ``description`` for screen readers.

Single views take the page's width (``width="container"``); time axes are split into
panels where events cluster (one panel per burst of activity, each scaled to its own
days), so that a week of summits is not squeezed into a few pixels of a seven-year axis.
"""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from tradetalks.report.labels import country_label
from tradetalks.vocabulary import vocabulary

# Okabe & Ito (2008), safe for the common colour-vision deficiencies.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
             "#000000"]
# Width of the book's text column, for charts split into panels (Vega-Lite cannot fit
# panels to their container); single views use the container's width.
PAGE_WIDTH = 620
# Days without events that start a new panel of a time axis.
GAP_DAYS = 180


def _palette(n: int) -> list[str]:
    return [OKABE_ITO[i % len(OKABE_ITO)] for i in range(n)]


def integer_legend(values) -> alt.Legend:
    """A legend showing only the whole numbers that occur (no '1.2 meetings')."""
    ticks = sorted({int(v) for v in values})
    return alt.Legend(values=ticks, format="d")


def time_panels(days: pd.Series) -> pd.Series:
    """A panel label per ISO day: consecutive days less than GAP_DAYS apart share a panel,
    labelled by its month span ("Nov 2023", "Jul–Dec 2019")."""
    parsed = pd.to_datetime(days)
    order = sorted(set(parsed.dropna()))
    panel_of, panels, current = {}, [], []
    for day in order:
        if current and (day - current[-1]).days > GAP_DAYS:
            panels.append(current)
            current = []
        current.append(day)
    if current:
        panels.append(current)
    for members in panels:
        first, last = members[0], members[-1]
        if (first.year, first.month) == (last.year, last.month):
            label = first.strftime("%b %Y")
        elif first.year == last.year:
            label = f"{first.strftime('%b')}–{last.strftime('%b %Y')}"
        else:
            label = f"{first.strftime('%b %Y')}–{last.strftime('%b %Y')}"
        for day in members:
            panel_of[day] = f"{first.strftime('%Y-%m-%d')} {label}"
    return parsed.map(panel_of)


def _panel_header() -> alt.Header:
    # panel keys start with their first day so they sort in time; the header shows the label
    return alt.Header(title=None, labelExpr="slice(datum.value, 11)", labelFontWeight="bold")


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
        y=alt.Y("article:N", title="Article (outlet, publication date)", sort=order,
                axis=alt.Axis(labelLimit=260)),
        x=alt.X("lines:Q", title="Lines removed", axis=alt.Axis(format="d", tickMinStep=1)),
        color=alt.Color("rule:N", title="Cleaning rule",
                        scale=alt.Scale(domain=rules, range=_palette(len(rules))),
                        legend=alt.Legend(orient="bottom", columns=3)),
        tooltip=[alt.Tooltip("article:N", title="Article"),
                 alt.Tooltip("outlet:N", title="Outlet"),
                 alt.Tooltip("rule:N", title="Rule"),
                 alt.Tooltip("lines:Q", title="Lines")],
    ).properties(width="container", height=max(120, 28 * articles["article_id"].nunique()),
                 description=description)


LEVEL_ORDER = list(vocabulary().levels)
# statuses of a measure that was once in force (drawn with an in-force span)
IN_FORCE_ONCE = {"in_force"} | vocabulary().liberalising
STATUS_SHAPES = vocabulary().status_shapes


def with_evidence(events: pd.DataFrame, mentions: pd.DataFrame, articles: pd.DataFrame,
                  id_column: str) -> pd.DataFrame:
    """Add to each event the sentence that best shows it, with its article's outlet and
    date: a mention in the latest article (the one whose report sets the status), and in
    it the first sentence that found the event rather than one that only refers back."""
    dated = mentions[["event_id", "article_id", "start", "rule", "sentence"]].merge(
        articles[["article_id", "outlet", "published"]], on="article_id", how="left")
    dated["refers_back"] = dated["rule"].astype(str).str.contains("back-reference")
    dated["start"] = pd.to_numeric(dated["start"])
    first = (dated.sort_values(["event_id", "published", "refers_back", "article_id", "start"],
                               ascending=[True, False, True, True, True])
             .drop_duplicates("event_id")
             .rename(columns={"event_id": id_column, "sentence": "evidence"}))
    first["source"] = first["outlet"] + ", " + first["published"]
    return events.merge(first[[id_column, "evidence", "source"]], on=id_column, how="left")


def _shape_legend(hollow: list[str]) -> alt.Legend:
    """A shape legend drawn in grey whatever the colour encodes, with the symbols of the
    ``hollow`` values drawn hollow, as their marks are (a legend's symbols otherwise all
    take one fill)."""
    fill = (f"indexof({json.dumps(sorted(hollow))}, datum.value) >= 0 ? 'transparent' "
            ": '#bbbbbb'")
    return alt.Legend(symbolStrokeColor="#333333", symbolStrokeWidth=1.5, symbolOpacity=1,
                      symbolFillColor=alt.ExprRef(fill))


# a colour legend's swatches at full strength, whatever opacity the marks are drawn with
_COLOUR_LEGEND = alt.Legend(symbolOpacity=1)


def _in_panels(layer: alt.LayerChart, width: int, height: int, title: str, description: str,
               spacing: int) -> alt.FacetChart:
    """One panel per period of activity (column ``panel``), each with its own time scale,
    so events bunched in a few days are not squeezed against years of empty axis."""
    return layer.properties(width=width, height=height).facet(
        column=alt.Column("panel:N", header=_panel_header(), sort="ascending"),
        title=title, spacing=spacing,
    ).resolve_scale(x="independent").properties(description=description).configure_legend(
        orient="bottom", direction="vertical", labelLimit=0)  # under the panels: the
    # legends' labels are never cut, and the chart keeps to the text column's width


def meetings_timeline(meetings: pd.DataFrame, mentions: pd.DataFrame,
                      articles: pd.DataFrame) -> alt.FacetChart:
    """Dated meetings over time, one row per group of governments; colour = level, shape =
    status (prospective statuses hollow), a line for a window of several days. Meetings
    of one group that start on the same day are stacked, never drawn on top of each other."""
    frame = with_evidence(meetings, mentions, articles, "meeting_id")
    dated = frame[frame["date_start"].astype(str) != ""].copy()
    dated["pair"] = dated["countries"].map(country_label)
    dated["level"] = dated["level"].str.replace("_", " ")
    dated["window"] = [s if s == e else f"{s} to {e}" for s, e in
                       zip(dated["date_start"], dated["date_end"], strict=True)]
    dated["panel"] = time_panels(dated["date_start"])
    dated = dated.sort_values(["pair", "date_start", "meeting_id"])
    dated["slot"] = dated.groupby(["pair", "date_start"]).cumcount().astype(str)
    dated["same_day"] = dated.groupby(["pair", "date_start"])["meeting_id"].transform("size")
    dated["held"] = dated["status"] == "held"
    undated = len(frame) - len(dated)
    levels = [lv.replace("_", " ") for lv in LEVEL_ORDER
              if lv.replace("_", " ") in set(dated["level"])] or LEVEL_ORDER
    statuses = [s for s in STATUS_SHAPES if s in set(dated["status"])] or ["held"]
    panels = sorted(set(dated["panel"].dropna()))
    description = (
        f"Timeline of {len(dated)} dated meetings between governments from "
        f"{dated['date_start'].min() if len(dated) else 'n/a'} to "
        f"{dated['date_end'].max() if len(dated) else 'n/a'}, in {len(panels)} panels, one "
        "per period of activity, each with its own time scale; one row per group of "
        "countries. Colour shows the highest level present, shape the status (hollow for a "
        "meeting not yet held) and a line the days of a date window. Every meeting has its "
        f"own mark. {undated} undated meetings are listed in the table instead."
    )
    level_scale = alt.Scale(domain=levels, range=_palette(len(levels)))
    x = alt.X("date_start:T", title=None, scale=alt.Scale(padding=14),
              axis=alt.Axis(format="%d %b", labelAngle=-40, tickCount=4, grid=True))
    y = alt.Y("pair:N", title=None, sort="ascending", axis=alt.Axis(labelLimit=200))
    tooltip = [alt.Tooltip("meeting_id:N", title="Meeting"),
               alt.Tooltip("window:N", title="Date window"),
               alt.Tooltip("date_text:N", title="Date as written"),
               alt.Tooltip("status:N", title="Status"),
               alt.Tooltip("participants:N", title="Participants"),
               alt.Tooltip("format:N", title="Format"),
               alt.Tooltip("outcome:N", title="Outcome"),
               alt.Tooltip("same_day:Q", title="Meetings of this group that day"),
               alt.Tooltip("evidence:N", title="Evidence"),
               alt.Tooltip("source:N", title="Source")]
    base = alt.Chart().encode(y=y, yOffset=alt.YOffset("slot:N"))
    spans = base.mark_rule(strokeWidth=3, opacity=0.45).encode(
        x=x, x2="date_end:T", color=alt.Color("level:N", title="Level", scale=level_scale,
                                          legend=_COLOUR_LEGEND))
    points = base.mark_point(size=150, strokeWidth=2, opacity=0.95).encode(
        x=x,
        color=alt.Color("level:N", title="Level", scale=level_scale, legend=_COLOUR_LEGEND),
        fill=alt.Fill("level:N", title="Level", scale=level_scale),
        fillOpacity=alt.condition("datum.held", alt.value(1), alt.value(0)),
        shape=alt.Shape("status:N", title="Status", scale=alt.Scale(
            domain=statuses, range=[STATUS_SHAPES[s] for s in statuses]),
            legend=_shape_legend([s for s in statuses if s != "held"])),
        tooltip=tooltip)
    width = max(90, (PAGE_WIDTH - 170) // max(1, len(panels)) - 10)
    rows = max(1, dated["pair"].nunique())
    return _in_panels(alt.layer(spans, points, data=dated), width, max(120, 44 * rows),
                      "Meetings between governments, by countries and level", description, 8)


MEASURE_PHASES = vocabulary().phase_marks  # phase -> (shape, filled)


def _measure_label(row: dict) -> str:
    everywhere = vocabulary().all_destinations
    targets = ", ".join(everywhere["short"] if t == everywhere["code"] else t
                        for t in row["targets"].split(";"))
    products = row["products"].replace(";", ", ").replace("_", " ")
    kind = row["measure_type"].replace("_", " ").replace("wto", "WTO")
    return f"{row['imposer']} → {targets}: {products} ({kind})"


def _measure_phases(measures: pd.DataFrame, published: dict[str, str]) -> pd.DataFrame:
    """One mark per dated step of each measure, and one per article reporting a measure
    whose steps carry no date; a span from entry into force to lifting or the latest
    report for measures once in force."""
    from tradetalks.knowledge.dates import iso_window

    prospective = vocabulary().pending
    rows = []
    records = measures.to_dict("records")
    labels = [_measure_label(row) for row in records]
    # two measures that read alike (one ban reported years apart) keep a row each
    labels = [f"{label} [{row['measure_id'][-6:]}]" if labels.count(label) > 1 else label
              for label, row in zip(labels, records, strict=True)]
    for row, label in zip(records, labels, strict=True):
        points = {}
        for field_name in vocabulary().date_fields:
            window = iso_window(str(row.get(field_name) or ""))
            if window:
                points[field_name] = window[0].isoformat()
        reports = sorted({published[a] for a in str(row["articles"]).split(";")
                          if a in published})
        for field_name, day in points.items():
            phase = field_name.replace("_", " ")
            if field_name == "in_force":
                phase = ("expected from (hollow)" if row["status"] in prospective
                         else "in force from")
            rows.append({**row, "label": label, "phase": phase, "day": day, "end": day})
        if not points:
            rows += [{**row, "label": label, "phase": "reported, no date given (hollow)",
                      "day": day, "end": day} for day in reports]
        start = points.get("in_force") if row.get("status") in IN_FORCE_ONCE else None
        stop = points.get("lifted") or (reports[-1] if reports else None)
        if start and stop and stop >= start:
            rows.append({**row, "label": label, "phase": "span", "day": start, "end": stop})
    columns = ["measure_id", "label", "phase", "day", "end", "imposer", "status",
               "date_text", "demands", "evidence", "source"]
    frame = pd.DataFrame(rows)
    return frame[columns] if len(frame) else pd.DataFrame(columns=columns)


def measures_chart(measures: pd.DataFrame, mentions: pd.DataFrame,
                   articles: pd.DataFrame) -> alt.FacetChart:
    """Every measure on a row, with its lifecycle: announced, in force (hollow while only
    expected), lifted; a bar while in force; measures whose steps carry no date are marked
    on the days of the articles that report them."""
    frame = with_evidence(measures, mentions, articles, "measure_id")
    published = dict(zip(articles["article_id"], articles["published"], strict=True))
    phases = _measure_phases(frame, published)
    phases["panel"] = time_panels(phases["day"]) if len(phases) else []
    drawn = phases["measure_id"].nunique() if len(phases) else 0
    undated = int((phases["phase"] == "reported, no date given (hollow)").groupby(
        phases["measure_id"]).any().sum()) if len(phases) else 0
    panels = sorted(set(phases["panel"].dropna())) if len(phases) else []
    description = (
        f"Chart of all {drawn} trade measures, one row per measure (imposer, targets, "
        "products and type), in panels for each period of activity. Marks show the dates "
        "a measure was announced, took effect (hollow while only expected) and was lifted; "
        "a bar runs from entry into force to lifting or to the latest article reporting it. "
        f"{undated} measures whose articles give no date are marked, hollow squares, on the "
        "publication days of the articles that report them."
    )
    tooltip = [alt.Tooltip("measure_id:N", title="Measure"),
               alt.Tooltip("phase:N", title="Mark"),
               alt.Tooltip("day:T", title="Day", format="%d %b %Y"),
               alt.Tooltip("status:N", title="Status (latest report)"),
               alt.Tooltip("date_text:N", title="Dates as written"),
               alt.Tooltip("demands:N", title="Demands"),
               alt.Tooltip("evidence:N", title="Evidence"),
               alt.Tooltip("source:N", title="Source")]
    imposers = sorted(set(phases["imposer"])) if len(phases) else []
    colour = alt.Scale(domain=imposers, range=_palette(len(imposers)))
    x = alt.X("day:T", title=None, scale=alt.Scale(padding=14),
              axis=alt.Axis(format="%d %b", labelAngle=-40, tickCount=3, grid=True))
    y = alt.Y("label:N", title=None, sort="ascending", axis=alt.Axis(labelLimit=320))
    spans = alt.Chart().transform_filter(alt.datum.phase == "span").mark_rule(
        strokeWidth=5, opacity=0.35
    ).encode(x=x, x2="end:T", y=y, color=alt.Color("imposer:N", title="Imposer", scale=colour,
                                            legend=_COLOUR_LEGEND),
             tooltip=tooltip)
    shown = [p for p in MEASURE_PHASES if p in set(phases["phase"])] if len(phases) else []
    hollow = [p for p in shown if not MEASURE_PHASES[p][1]]
    marks = alt.Chart().transform_filter(alt.datum.phase != "span").mark_point(
        size=110, strokeWidth=2
    ).encode(
        x=x, y=y,
        shape=alt.Shape("phase:N", title="Mark", scale=alt.Scale(
            domain=shown, range=[MEASURE_PHASES[p][0] for p in shown]),
            legend=_shape_legend(hollow)),
        color=alt.Color("imposer:N", title="Imposer", scale=colour, legend=_COLOUR_LEGEND),
        fill=alt.Fill("imposer:N", title="Imposer", scale=colour),
        fillOpacity=alt.condition(alt.FieldOneOfPredicate(field="phase", oneOf=hollow or ["-"]),
                                  alt.value(0), alt.value(1)),
        tooltip=tooltip,
    )
    rows = max(1, phases["label"].nunique() if len(phases) else 1)
    width = max(70, (PAGE_WIDTH - 300) // max(1, len(panels)) - 8)
    return _in_panels(alt.layer(spans, marks, data=phases), width, max(140, 26 * rows),
                      "Trade measures: announced, in force, lifted", description, 6)


def _tie_kind(row: dict) -> str | None:
    """How a meeting is drawn in the network: held in person or by phone, one-way (a
    letter), or still prospective; cancelled meetings are not drawn."""
    if row["status"] == "cancelled":
        return None
    if row["status"] in vocabulary().prospective:
        return "planned, not yet held"
    if row["format"] == "written":
        return "letter (one-way)"
    return "held"


TIE_DASHES = {"held": [1, 0], "planned, not yet held": [6, 4], "letter (one-way)": [2, 3]}


def actor_network(meetings: pd.DataFrame, actors: pd.DataFrame) -> alt.LayerChart:
    """People linked when they took part in the same meeting, placed on a circle grouped
    by country (a fixed layout, so the chart is the same in every build). Solid ties are
    meetings held; planned meetings and letters are drawn dashed and dotted."""
    import math

    drawn = meetings[[(_tie_kind(r) is not None) for r in meetings.to_dict("records")]]
    people = sorted({p for ps in drawn["participants"] for p in str(ps).split(";") if p})
    info = actors.drop_duplicates("name").set_index("name") if len(actors) else pd.DataFrame()

    def country_of(name: str) -> str:
        return str(info.loc[name, "country"]) if name in info.index else ""
    people.sort(key=lambda n: (country_of(n), n))
    n = max(1, len(people))
    position = {name: (math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n))
                for i, name in enumerate(people)}
    held = drawn[[_tie_kind(r) == "held" for r in drawn.to_dict("records")]]
    nodes = pd.DataFrame([{
        "name": name, "x": position[name][0], "y": position[name][1],
        "lx": 1.13 * position[name][0], "ly": 1.13 * position[name][1],
        "align": "left" if position[name][0] > 0.05 else (
            "right" if position[name][0] < -0.05 else "center"),
        "country": country_of(name),
        "role": str(info.loc[name, "role"]) if name in info.index else "",
        "meetings": int(sum(name in str(ps).split(";") for ps in held["participants"])),
    } for name in people], columns=["name", "x", "y", "lx", "ly", "align", "country", "role",
                                    "meetings"])
    edges = []
    for row in drawn.to_dict("records"):
        names = sorted(p for p in str(row["participants"]).split(";") if p)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                edges.append({"meeting_id": row["meeting_id"], "a": a, "b": b,
                              "kind": _tie_kind(row),
                              "x": position[a][0], "y": position[a][1],
                              "x2": position[b][0], "y2": position[b][1]})
    edge_frame = pd.DataFrame(edges, columns=["meeting_id", "a", "b", "kind", "x", "y", "x2",
                                              "y2"])
    edge_frame = (edge_frame.groupby(["a", "b", "kind", "x", "y", "x2", "y2"], as_index=False)
                  .agg(meetings=("meeting_id", "size"),
                       meeting_id=("meeting_id", lambda ids: "; ".join(sorted(ids)))))
    countries = sorted(set(nodes["country"]))
    kinds = [k for k in TIE_DASHES if k in set(edge_frame["kind"])] or ["held"]
    counts = edge_frame.groupby("kind").size().to_dict()
    description = (
        f"Network of {len(nodes)} people named as participants in meetings. Solid ties "
        f"({counts.get('held', 0)}) join people who attended a meeting that was held "
        "(thicker for more meetings); dashed ties "
        f"({counts.get('planned, not yet held', 0)}) a meeting still planned; dotted ties "
        f"({counts.get('letter (one-way)', 0)}) an exchange of letters. Colour shows each "
        "person's country, size the number of held meetings attended."
    )
    axis = alt.Axis(labels=False, ticks=False, grid=False, domain=False, title=None)
    scale = alt.Scale(domain=[-1.9, 1.9])
    yscale = alt.Scale(domain=[-1.35, 1.35])
    lines = alt.Chart(edge_frame).mark_rule(color="#777777", opacity=0.7).encode(
        x=alt.X("x:Q", axis=axis, scale=scale), y=alt.Y("y:Q", axis=axis, scale=yscale),
        x2="x2:Q", y2="y2:Q",
        strokeDash=alt.StrokeDash("kind:N", title="Tie", scale=alt.Scale(
            domain=kinds, range=[TIE_DASHES[k] for k in kinds])),
        strokeWidth=alt.StrokeWidth("meetings:Q", title="Meetings together",
                                    scale=alt.Scale(range=[1.5, 5]),
                                    legend=integer_legend(edge_frame["meetings"])),
        tooltip=[alt.Tooltip("meeting_id:N", title="Meetings"), alt.Tooltip("a:N", title="From"),
                 alt.Tooltip("b:N", title="To"), alt.Tooltip("kind:N", title="Tie"),
                 alt.Tooltip("meetings:Q", title="Meetings")])
    points = alt.Chart(nodes).mark_circle(opacity=0.9).encode(
        x=alt.X("x:Q", axis=axis, scale=scale), y=alt.Y("y:Q", axis=axis, scale=yscale),
        color=alt.Color("country:N", title="Country",
                        scale=alt.Scale(domain=countries, range=_palette(len(countries)))),
        size=alt.Size("meetings:Q", title="Held meetings attended",
                      scale=alt.Scale(range=[80, 420], zero=False),
                      legend=integer_legend(nodes["meetings"])),
        tooltip=[alt.Tooltip("name:N", title="Person"), alt.Tooltip("role:N", title="Role"),
                 alt.Tooltip("country:N", title="Country"),
                 alt.Tooltip("meetings:Q", title="Held meetings")])
    labels = [alt.Chart(nodes[nodes["align"] == side]).mark_text(fontSize=11, align=side,
                                                                 baseline="middle").encode(
        x=alt.X("lx:Q", axis=axis, scale=scale), y=alt.Y("ly:Q", axis=axis, scale=yscale),
        text="name:N") for side in ("left", "right", "center")]
    return alt.layer(lines, points, *labels, title="Who met whom: people linked by meetings"
                     ).properties(width="container", height=380, description=description)


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
    ).properties(width="container", height=380, description=description)


WORLD_TOPOJSON = "book/_static/world/countries-110m.json"


def place_coordinates(root=None) -> dict[str, tuple[float, float]]:
    """Latitude and longitude of each place in the gazetteer (``places.csv``, GeoNames),
    by place name, read through the dictionary loader so its checks apply."""
    from tradetalks.knowledge.dictionaries import load_places
    from tradetalks.paths import PROJECT_ROOT

    folder = (root or PROJECT_ROOT) / "data" / "dictionaries"
    return {place.place: (place.latitude, place.longitude)
            for place in load_places(folder / "places.csv")
            if place.latitude is not None and place.longitude is not None}


def meeting_places(meetings: pd.DataFrame, coordinates: dict[str, tuple[float, float]]
                   ) -> pd.DataFrame:
    """One row per place with the meetings held or planned there (a place named only by
    its country has no point and is left out, and so are calls and letters: the place of
    a remote meeting is where one side sat, not where the two met)."""
    rows = []
    remote = vocabulary().remote_formats
    for row in meetings.to_dict("records"):
        city = str(row["location"]).split(",")[0].strip()
        if city in coordinates and row["format"] not in remote:
            rows.append({"place": str(row["location"]), "latitude": coordinates[city][0],
                         "longitude": coordinates[city][1], "meeting_id": row["meeting_id"],
                         "held": row["status"] == "held"})
    frame = pd.DataFrame(rows, columns=["place", "latitude", "longitude", "meeting_id", "held"])
    if frame.empty:
        return frame.assign(meetings=[], meeting_ids=[], city=[], side=[])
    places = (frame.groupby(["place", "latitude", "longitude"], as_index=False)
              .agg(meetings=("meeting_id", "size"), held=("held", "sum"),
                   meeting_ids=("meeting_id", lambda ids: "; ".join(sorted(ids))))
              .sort_values(["longitude", "place"]).reset_index(drop=True))
    places["city"] = places["place"].str.split(",").str[0]
    places["side"] = _label_sides(places)
    return places


# Label placement on the map: one text layer per side, each with its own offset.
LABEL_SIDES = {"right": {"align": "left", "dx": 10, "dy": 0},
               "left": {"align": "right", "dx": -10, "dy": 0},
               "above": {"align": "center", "dx": 0, "dy": -14},
               "below": {"align": "center", "dx": 0, "dy": 16}}
_PX_PER_DEGREE = 3.3  # about right for the map's scale near East Asia
_CHAR_PX = 6.5  # an 11 px sans-serif character, on average


def _label_box(x: float, y: float, width: float, side: str) -> tuple[float, ...]:
    """The pixel box a label on ``side`` of the point (x, y) covers."""
    offset = LABEL_SIDES[side]
    anchor = x + offset["dx"]
    left = {"left": anchor, "right": anchor - width}.get(offset["align"], anchor - width / 2)
    top = y + offset["dy"] - 7
    return (left, top, left + width, top + 13)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """The area two boxes share."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return max(0.0, width) * max(0.0, height)


def _label_sides(places: pd.DataFrame) -> list[str]:
    """A side for each place's label: the first of right, left, above, below whose box
    covers no circle and no label already placed (the least-covering one otherwise), so
    the labels of neighbouring cities do not overprint each other or the circles."""
    points = [(lon * _PX_PER_DEGREE, -lat * _PX_PER_DEGREE)
              for lon, lat in zip(places["longitude"], places["latitude"], strict=True)]
    taken = [(x - 9, y - 9, x + 9, y + 9) for x, y in points]
    sides = []
    for (x, y), city in zip(points, places["city"], strict=True):
        boxes = {side: _label_box(x, y, _CHAR_PX * len(city), side) for side in LABEL_SIDES}
        covered = {side: sum(_overlap(box, t) for t in taken) for side, box in boxes.items()}
        side = min(LABEL_SIDES, key=lambda s: (covered[s] > 0, covered[s]))
        sides.append(side)
        taken.append(boxes[side])
    return sides


WORLD_DATASET = "world-countries-110m"


def world_map_data(root=None) -> dict:
    """The world-atlas TopoJSON shipped with the book, as the named dataset the places map
    draws its land from. It joins the chart's spec after Altair has built and validated
    it (``chart_output(..., datasets=...)``): Altair copies and walks inline data value by
    value, which for these 100,000 coordinates cost a kernel about a second."""
    import json

    from tradetalks.paths import PROJECT_ROOT

    path = (root or PROJECT_ROOT) / WORLD_TOPOJSON
    return {WORLD_DATASET: json.loads(path.read_text(encoding="utf-8"))}


def places_map(meetings: pd.DataFrame, root=None) -> alt.LayerChart:
    """Where the meetings took place: a circle per place on a world map, sized by the
    number of meetings (the map is the world-atlas TopoJSON shipped with the book, named
    ``WORLD_DATASET``: give ``world_map_data()`` as the output's datasets)."""
    places = meeting_places(meetings, place_coordinates(root))
    located = int(places["meetings"].sum()) if len(places) else 0
    unplaced = len(meetings) - located
    description = (
        f"World map with {len(places)} meeting places, a circle each, sized by the number "
        f"of meetings there ({located} meetings in all); {unplaced} meetings whose place "
        "the articles do not give, or give only as a country, and calls and letters, are "
        "not drawn."
    )
    land = alt.Chart(alt.NamedData(name=WORLD_DATASET,
                                   format=alt.DataFormat(type="topojson", feature="countries"))
                     ).mark_geoshape(fill="#e6e6e6", stroke="#ffffff", strokeWidth=0.5)
    dots = alt.Chart(places).mark_circle(color=OKABE_ITO[3], opacity=0.6, stroke="#000000",
                                         strokeWidth=0.5).encode(
        longitude="longitude:Q", latitude="latitude:Q",
        size=alt.Size("meetings:Q", title="Meetings", scale=alt.Scale(range=[60, 400]),
                      legend=integer_legend(places["meetings"] if len(places) else [1])),
        tooltip=[alt.Tooltip("place:N", title="Place"),
                 alt.Tooltip("meetings:Q", title="Meetings"),
                 alt.Tooltip("held:Q", title="Held"),
                 alt.Tooltip("meeting_ids:N", title="Meeting ids")])
    names = [alt.Chart(places[places["side"] == side]).mark_text(
        fontSize=11, **LABEL_SIDES[side]).encode(
        longitude="longitude:Q", latitude="latitude:Q", text="city:N")
        for side in LABEL_SIDES]
    return alt.layer(land, dots, *names, title="Where the meetings took place").project(
        type="equalEarth", rotate=[-170, 0, 0], center=[0, 32], scale=190
    ).properties(width="container", height=320, description=description)
