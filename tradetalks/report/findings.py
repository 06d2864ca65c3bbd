"""The figures the chapters quote, computed from the tables (glued into the prose).

Every number a reader sees in the text comes from here, so adding an article changes
the prose figures with no edit to the prose.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from tradetalks.publish.tables import Tables
from tradetalks.report.labels import country_label, readable
from tradetalks.vocabulary import vocabulary


def _split(values: pd.Series) -> list[str]:
    return [v for value in values.astype(str) for v in value.split(";") if v]


def corpus_figures(t: Tables) -> dict:
    a = t.articles
    return {
        "n_articles": len(a),
        "n_outlets": a["outlet"].nunique(),
        "first_published": str(a["published"].min()) if len(a) else "",
        "last_published": str(a["published"].max()) if len(a) else "",
        "first_year": str(a["published"].min())[:4] if len(a) else "",
        "last_year": str(a["published"].max())[:4] if len(a) else "",
        "n_sentences": int(a["sentences"].sum()),
        "n_lines_removed": len(t.removals),
        "n_mentions": t.mentions["mention_id"].nunique(),
    }


def meeting_figures(t: Tables) -> dict:
    m = t.meetings
    pairs = Counter(country_label(c) for c in m["countries"])
    top_pair_n = max(pairs.values()) if pairs else 0
    tied = sorted(p for p, n in pairs.items() if n == top_pair_n)
    top_pair = " and ".join(tied) if tied else "none"
    outcomes = Counter(m["outcome"])
    v = vocabulary()
    return {
        "n_meetings": len(m),
        "n_meetings_held": int((m["status"] == "held").sum()),
        "n_meetings_prospective": int(m["status"].isin(v.prospective).sum()),
        "n_meetings_cancelled": int((m["status"] == "cancelled").sum()),
        "n_meetings_leader": int((m["level"] == "leader").sum()),
        "n_meetings_minister": int((m["level"] == "minister").sum()),
        "n_meetings_officials": int(m["level"].isin(v.levels_below("minister")).sum()),
        "n_meetings_written_phone": int(m["format"].isin(v.remote_formats).sum()),
        "n_meetings_undated": int((m["date_start"].astype(str) == "").sum()),
        "n_country_groups": len(pairs),
        "top_pair": top_pair,
        "top_pair_meetings": top_pair_n,
        "n_outcome_agreement": outcomes.get("agreement", 0),
        "n_outcome_mechanism": outcomes.get("mechanism_established", 0),
        "n_outcome_concerns": outcomes.get("concerns_raised", 0),
        "n_outcome_none": outcomes.get("no_substantive_result", 0),
        "n_outcome_not_reported": outcomes.get("not_reported", 0),
        "n_meeting_articles": len(set(_split(m["articles"]))),
    }


def measure_figures(t: Tables) -> dict:
    x = t.measures
    imposers = Counter(x["imposer"])
    top_imposer_n = max(imposers.values()) if imposers else 0
    top_imposer = " and ".join(sorted(i for i, n in imposers.items() if n == top_imposer_n)) \
        or "none"
    types = Counter(x["measure_type"])
    v = vocabulary()
    return {
        "n_measures": len(x),
        "n_imposers": len(imposers),
        "top_imposer": " and ".join(country_label(c) for c in top_imposer.split(" and ")),
        "top_imposer_measures": top_imposer_n,
        "n_measures_restrictive": int((x["direction"] == "restrictive").sum()),
        "n_measures_liberalising": int((x["direction"] == "liberalising").sum()),
        "n_measures_in_force": int((x["status"] == "in_force").sum()),
        "n_measures_expected": int(x["status"].isin(v.pending).sum()),
        "n_measures_lifted": int(x["status"].isin(v.liberalising).sum()),
        "n_measures_demanded": int((x["demands"].astype(str) != "").sum()),
        "n_export_measures": int(x["measure_type"].isin(v.types_of_family("export")).sum()),
        "n_import_bans": types.get("import_ban", 0),
        "n_tariffs": types.get("tariff", 0),
        "n_list_measures": int(x["measure_type"].isin(v.list_types).sum()),
        "n_wto_steps": types.get("wto_dispute", 0),
        "n_products": len(set(_split(x["products"]))),
        "n_multi_article_measures": int((x["articles"].astype(str).str.count(";") > 0).sum()),
        "restricting_governments": _listed(country_label(c) for c in
                                           x.loc[x["direction"] == "restrictive", "imposer"]),
    }


def _listed(names) -> str:
    """'A', 'A and B', 'A, B and C' (sorted, each once), or 'none'."""
    names = sorted(set(names))
    if not names:
        return "none"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def actor_figures(t: Tables) -> dict:
    q = t.quotes
    speakers = Counter(q.loc[q["speaker_name"].astype(str) != "", "speaker_name"])
    top_speaker_n = max(speakers.values()) if speakers else 0
    tied = sorted(name for name, n in speakers.items() if n == top_speaker_n)
    top_speaker = (", ".join(tied[:-1]) + " and " + tied[-1]) if len(tied) > 1 else (
        tied[0] if tied else "nobody")
    return {
        "n_actors": len(t.actors),
        "n_actor_countries": t.actors["country"].nunique(),
        "n_unknown_actors": t.unknown_actors["name"].nunique(),
        "n_quotes": len(q),
        "n_quotes_attributed": int((q["speaker_name"].astype(str) != "").sum()),
        "n_speakers": len(speakers),
        "top_speaker": top_speaker,
        "top_speaker_quotes": top_speaker_n,
        "n_participants": len(set(_split(t.meetings["participants"]))),
    }


def all_figures(t: Tables) -> dict:
    return {**corpus_figures(t), **meeting_figures(t), **measure_figures(t), **actor_figures(t)}


def date_window(value: str) -> str:
    """One date style for the tables: ISO days or months, a window as 'first to last'."""
    first, _, last = str(value).partition("/")
    return f"{first} to {last}" if last and last != first else first


def meetings_for_reading(t: Tables) -> pd.DataFrame:
    m = t.meetings.copy()
    m["governments"] = m["countries"].map(country_label)
    m["date"] = [date_window(f"{s}/{e}") for s, e in zip(m["date_start"], m["date_end"],
                                                         strict=True)]
    for column in ("level", "format", "status", "outcome"):
        m[column] = m[column].map(readable)
    m["participants"] = m["participants"].str.replace(";", "; ")
    m["id"] = m["meeting_id"]  # the id a reader cites, as in the CSV and the tooltips
    return m[["id", "date", "governments", "level", "format", "status", "participants",
              "location", "outcome"]].sort_values(["date", "governments", "id"]
                                                  ).reset_index(drop=True)


def _dates(row: dict) -> str:
    """A measure's dated steps in one cell: 'announced 2019-07-01; in force 2019-07-04'."""
    steps = [f"{field.replace('_', ' ')} {date_window(row[field])}"
             for field in vocabulary().date_fields if str(row.get(field) or "")]
    return "; ".join(steps)


def _targets(codes: str) -> str:
    """Targets as a narrow column shows them: 'all' for every destination (as the charts)."""
    everywhere = vocabulary().all_destinations
    return readable(";".join(everywhere["short"] if c == everywhere["code"] else c
                             for c in str(codes).split(";")))


def measures_for_reading(t: Tables) -> pd.DataFrame:
    x = t.measures.copy()
    out = pd.DataFrame({
        "id": x["measure_id"], "by": x["imposer"].map(readable),
        "on": x["targets"].map(_targets),
        "type": x["measure_type"].map(readable), "products": x["products"].map(readable),
        "dates": [_dates(row) for row in x.to_dict("records")],
        "status": x["status"].map(readable), "demands to lift": x["demands"]})
    return out.reset_index(drop=True)


def score(scores: pd.DataFrame, set_name: str, system: str, table: str,
          column: str = "f1") -> str:
    """One figure of the evaluation table, formatted for the prose ('n/a' if absent)."""
    row = scores[(scores["set"] == set_name) & (scores["system"] == system)
                 & (scores["table"] == table)]
    return f"{float(row[column].iloc[0]):.2f}" if len(row) else "n/a"


def _exact(scores: pd.DataFrame, set_name: str, table: str) -> str:
    """The rules' F1 with three decimals and the counts it comes from."""
    row = scores[(scores["set"] == set_name) & (scores["system"] == "rules")
                 & (scores["table"] == table)]
    if not len(row):
        return "n/a"
    r = row.iloc[0]
    return (f"{float(r['f1']):.3f} ({int(r['matched'])} matched of {int(r['predicted'])} "
            f"found and {int(r['gold'])} in the gold)")


def evaluation_figures(scores: pd.DataFrame) -> dict:
    out = {}
    keys = scores[["set", "key"]].drop_duplicates().itertuples(index=False)
    for set_name, key in keys:
        for table in ("meetings", "measures"):
            out[f"f1_{key}_{table}"] = score(scores, set_name, "rules", table)
            out[f"base_{key}_{table}"] = score(scores, set_name, "keyword baseline", table)
            out[f"dates_{key}_{table}"] = score(scores, set_name, "rules", table,
                                                "dates_exact")
            # a score near a target, unrounded: "0.80" can stand for 0.797
            out[f"f1_exact_{key}_{table}"] = _exact(scores, set_name, table)
        sizes = scores.loc[scores["set"] == set_name, "articles"]
        out[f"n_{key}_articles"] = int(sizes.iloc[0]) if len(sizes) else 0
    return out


def evaluation_for_reading(scores: pd.DataFrame) -> pd.DataFrame:
    """The evaluation table as the book prints it: the set with its size, and every score
    with two decimals."""
    out = pd.DataFrame({
        "set (articles)": [f"{s} ({n})" for s, n in zip(scores["set"], scores["articles"],
                                                        strict=True)],
        "system": scores["system"], "table": scores["table"], "gold": scores["gold"],
        "predicted": scores["predicted"], "matched": scores["matched"]})
    for column, title in (("precision", "precision"), ("recall", "recall"), ("f1", "F1"),
                          ("dates_exact", "dates exact")):
        out[title] = [two_decimals(v) for v in scores[column]]
    return out.reset_index(drop=True)


def two_decimals(value) -> str:
    """A score as printed everywhere in the book: two decimals, or '' if there is none."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value or "")
    return "" if number != number else f"{number:.2f}"


def unseen_score_range(log: pd.DataFrame, sets) -> dict:
    """The lowest and highest first score among the held-out (test) sets: what to expect
    of articles the rules have never met, as a range rather than one lucky set."""
    out = {}
    held_out = {s.label for s in sets if s.role == "test"}
    first = log[log["set"].isin(held_out)].groupby(["set", "table"], sort=False).head(1)
    for table in ("meetings", "measures"):
        f1 = pd.to_numeric(first.loc[first["table"] == table, "f1"], errors="coerce").dropna()
        out[f"unseen_{table}_low"] = two_decimals(f1.min()) if len(f1) else "n/a"
        out[f"unseen_{table}_high"] = two_decimals(f1.max()) if len(f1) else "n/a"
    out["unseen_sets"] = int(first["set"].nunique())
    return out


def first_score_figures(log: pd.DataFrame, sets) -> dict:
    """F1 of each set the first time it was scored, before anyone looked at its errors,
    and the share of matched rows with exact dates then (where the log has it); the same
    for the latest score the log keeps (``last_...``), taken after the rules last changed;
    and, so that a round's account keeps its own figures when later rounds re-score the
    set, the latest score of each kind of stage: a fresh set scored once at the end of
    its round (``end_...``) and a development set after the rules developed on it
    (``developed_...``). ``<prefix>_exact_...`` is the log's unrounded F1 where it keeps
    one (``f1_exact``), else the rounded one."""
    out = {}
    for article_set in sets:
        set_name, key = article_set.label, article_set.name
        for table in ("meetings", "measures"):
            row = log[(log["set"] == set_name) & (log["table"] == table)] if len(log) else log
            stage = row.get("stage", pd.Series("", index=row.index, dtype=str)).fillna("")
            picks = (("first", row), ("last", row),
                     ("end", row[stage.str.startswith("scored once at the end")]),
                     ("developed", row[stage.str.startswith("after this round's rules")]))
            for prefix, rows in picks:
                at = 0 if prefix == "first" else -1
                out[f"{prefix}_{key}_{table}"] = rows["f1"].iloc[at] if len(rows) else "n/a"
                # the unrounded F1 the log keeps for a score near a target ("0.80" can
                # stand for 0.797): the score of that day, not of today's rules
                exact = str(rows["f1_exact"].iloc[at]) if len(rows) and "f1_exact" in rows \
                    else ""
                out[f"{prefix}_exact_{key}_{table}"] = (
                    exact if exact not in ("", "nan") else out[f"{prefix}_{key}_{table}"])
                dates = str(rows["dates_exact"].iloc[at]) if len(rows) else ""
                out[f"{prefix}_dates_{key}_{table}"] = two_decimals(dates) or "n/a"
    return out
