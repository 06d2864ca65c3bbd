"""Generate a deterministic synthetic corpus for benchmarking ``tradetalks extract``.

The articles are built from this module's own sentence templates about trade diplomacy
(meetings, phone calls, letters, planned talks, export controls, seafood bans, tariffs,
quotes) plus some web debris (comment widgets, market tickers). Every choice is drawn from
one ``random.Random(seed)``, so the same ``--articles`` and ``--seed`` give byte-identical
files. The text is meant to exercise the pipeline at realistic sizes, not to be true.

    python benchmarks/synthetic_corpus.py OUT_DIR [--articles 10000] [--seed 20190701]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import shutil
import statistics
from dataclasses import dataclass
from pathlib import Path

DEFAULT_ARTICLES = 10_000
DEFAULT_SEED = 20190701
FIRST_DAY = dt.date(2019, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)
MIN_WORDS, MAX_WORDS = 150, 500
MIN_SENTENCES, MAX_SENTENCES = 5, 15
MIN_PARAGRAPHS, MAX_PARAGRAPHS = 2, 6
MANIFEST_HEADER = ("article_id", "file", "outlet", "url", "title", "published", "date_basis",
                   "language")


@dataclass(frozen=True)
class Country:
    """A country (or the EU) as the templates need it."""

    name: str
    adjective: str
    capital: str
    cities: tuple[str, ...]


@dataclass(frozen=True)
class Person:
    """An office-holder: the full name, the surname used on second mention, the title."""

    name: str
    surname: str
    title: str
    country: Country


JAPAN = Country("Japan", "Japanese", "Tokyo", ("Tokyo", "Osaka", "Hiroshima", "Nagoya"))
CHINA = Country("China", "Chinese", "Beijing", ("Beijing", "Shanghai", "Tianjin", "Xiamen"))
KOREA = Country("South Korea", "South Korean", "Seoul", ("Seoul", "Busan", "Gyeongju"))
USA = Country("the United States", "U.S.", "Washington", ("Washington", "San Francisco"))
EU = Country("the European Union", "EU", "Brussels", ("Brussels", "Strasbourg"))
COUNTRIES = (JAPAN, CHINA, KOREA, USA, EU)

PEOPLE = (
    Person("Fumio Kishida", "Kishida", "Prime Minister", JAPAN),
    Person("Shigeru Ishiba", "Ishiba", "Prime Minister", JAPAN),
    Person("Yasutoshi Nishimura", "Nishimura", "Trade Minister", JAPAN),
    Person("Yoko Kamikawa", "Kamikawa", "Foreign Minister", JAPAN),
    Person("Takeshi Iwaya", "Iwaya", "Foreign Minister", JAPAN),
    Person("Ken Saito", "Saito", "Trade Minister", JAPAN),
    Person("Xi Jinping", "Xi", "President", CHINA),
    Person("Li Qiang", "Li", "Premier", CHINA),
    Person("Wang Yi", "Wang", "Foreign Minister", CHINA),
    Person("Wang Wentao", "Wang", "Commerce Minister", CHINA),
    Person("Yoon Suk Yeol", "Yoon", "President", KOREA),
    Person("Park Jin", "Park", "Foreign Minister", KOREA),
    Person("Ahn Duk-geun", "Ahn", "Trade Minister", KOREA),
    Person("Cho Tae-yul", "Cho", "Foreign Minister", KOREA),
    Person("Joe Biden", "Biden", "President", USA),
    Person("Antony Blinken", "Blinken", "Secretary of State", USA),
    Person("Gina Raimondo", "Raimondo", "Commerce Secretary", USA),
    Person("Katherine Tai", "Tai", "Trade Representative", USA),
    Person("Ursula von der Leyen", "von der Leyen", "Commission President", EU),
    Person("Valdis Dombrovskis", "Dombrovskis", "Trade Commissioner", EU),
    Person("Maros Sefcovic", "Sefcovic", "Trade Commissioner", EU),
)

PRODUCTS = ("gallium", "graphite", "rare earths", "germanium", "antimony",
            "gallium and germanium", "rare-earth magnets", "photoresist",
            "hydrogen fluoride", "advanced chips", "chipmaking equipment")
SEAFOOD = ("seafood", "fish and shellfish", "scallops", "aquatic products")
OCCASIONS = ("the APEC summit", "the G20 summit", "an ASEAN meeting", "the G7 summit",
             "a trilateral summit", "a regional trade forum")
TOPICS = ("export controls", "supply chains for critical minerals", "the seafood ban",
          "semiconductor materials", "tariffs on electric vehicles", "economic security",
          "the release of treated water from Fukushima", "a free trade agreement")
VERBS_MET = ("met", "held talks with", "sat down with", "held a meeting with")
SAY = ("said", "told reporters", "said in a statement", "told a news conference")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
TICKERS = ("NIKKEI", "KOSPI", "HANG SENG", "SSE", "DOW", "TOPIX", "KSE100")
OUTLETS = ("The Asia Ledger", "Pacific Wire", "Harbour Times", "Northeast Daily",
           "Trade Monitor", "The Strait Post", "Capital Herald")
DEBRIS = ("Leave a Reply", "Advertisement", "Share this article",
          "Featured image credit: file photo", "Subscribe to our newsletter",
          "Your email address will not be published.", "12 Comments")

SENTENCE_TEMPLATES = (
    "{title_a} {a} {verb_met} {title_b} {b} in {city} on {weekday}, and the two sides "
    "discussed {topic} as well as ways to keep channels of communication open.",
    "{a_sur} and {b_sur} met on the sidelines of {occasion} in {city} on {weekday} "
    "afternoon, their first face-to-face meeting since {month}.",
    "The two ministers agreed during the {weekday} meeting to hold a dialogue on {topic} "
    "at the working level and to meet again before the end of the year.",
    "{title_a} {a} held a phone call with {title_b} {b} on {weekday}, according to a "
    "statement released by the {adj_a} government later that evening.",
    "In a letter sent to {b_sur} in {month}, {a_sur} called for the swift resumption of "
    "talks on {topic} and asked for a written reply within weeks.",
    "Officials said {a_sur} and {b_sur} are expected to hold talks in {city} next "
    "{weekday}, although the exact agenda has not yet been finalised.",
    "{country_a} plans to host a meeting of trade ministers from {country_a}, "
    "{country_b} and {country_c} in {month}, the foreign ministry said on {weekday}.",
    "{country_c} announced export controls on {product} in {month}, requiring exporters to "
    "obtain licences before shipping the materials to {country_a} and other markets.",
    "The restrictions on exports of {product}, which are used in chipmaking and electric "
    "vehicle batteries, took effect on {weekday} and were criticised by {country_a}.",
    "{country_b} lifted its curbs on {product} shipments to {country_a} in {month}, "
    "a move that analysts described as a gesture of goodwill ahead of the talks.",
    "{country_c} imposed a blanket ban on imports of {seafood} from {country_a} in "
    "{month}, citing concerns over food safety and the release of treated water.",
    "{country_b} will raise tariffs on {product} imported from {country_c} to 25 percent "
    "from {month}, the commerce ministry said in a notice published on {weekday}.",
    "\u201cWe will have serious talks with our counterparts to build a stable and "
    "constructive relationship between {country_a} and {country_b},\u201d {a_sur} {say}.",
    "\u201cThe export controls on {product} are not aimed at any specific country and "
    "comply with international rules,\u201d {b_sur} {say} on {weekday}.",
    "\"Our goal is to keep talking and to resolve differences over {topic} through "
    "dialogue,\" {a_sur} said.",
    "{a_sur} urged {country_c} to withdraw the ban on {seafood} immediately and to base "
    "its decisions on scientific evidence rather than on politics.",
    "Trade between {country_a} and {country_c} has slowed since {month} of last year, "
    "according to customs figures released on {weekday} by the finance ministry.",
    "Analysts in {capital} said the outcome of the talks would depend on whether "
    "{country_b} is willing to ease its restrictions on {product} in the coming months.",
    "The leaders also discussed {topic}, regional security and cooperation on climate "
    "change, but did not issue a joint statement after the {weekday} meeting.",
    "{a_sur} is scheduled to visit {city} in {month} for talks with {b_sur}, the first "
    "such visit by a {adj_a} {role_a} in more than three years.",
    "Both governments said they would set up a new framework for consultations on {topic}, "
    "with the first round to be held in {city} in {month}.",
    "The {adj_b} side expressed serious concern over the {adj_a} decision to tighten "
    "controls on {product} and said it reserved the right to respond.",
    "Speaking to reporters in {capital} on {weekday}, {title_a} {a} said that {country_a} "
    "had asked {country_b} to explain how the new licensing rules for {product} would be "
    "applied, and that officials from both sides would keep in close contact over the "
    "coming weeks.",
    "The meeting between {a_sur} and {b_sur}, which lasted about 90 minutes, came after "
    "months of friction over {topic}, and both sides described the atmosphere as candid "
    "and constructive, according to officials briefed on the discussions in {city}.",
    "\u201cWe have agreed to continue close communication at all levels, including on "
    "{topic}, and I hope that we can meet again in {month},\u201d {a_sur} {say} after the "
    "talks with {b_sur}, adding that many issues remained unresolved.",
)


def _ticker(rng: random.Random) -> str:
    """A market-ticker line such as ``NIKKEI 38,120.55 Increased By ▲ 210.3 (0.55%)``."""
    level = rng.uniform(1000, 40000)
    change = level * rng.uniform(0.001, 0.02)
    if rng.random() < 0.5:
        return f"{rng.choice(TICKERS)} {level:,.2f} Increased By \u25b2 {change:.1f} " \
               f"({change / level * 100:.2f}%)"
    return f"{rng.choice(TICKERS)} {level:,.2f} Decreased By \u25bc {change:.1f} " \
           f"({change / level * 100:.2f}%)"


def _fill(template: str, rng: random.Random) -> str:
    """Fill one sentence template with people, countries, places and dates from ``rng``."""
    a = rng.choice(PEOPLE)
    b = rng.choice([p for p in PEOPLE if p.country != a.country])
    country_c = rng.choice([c for c in COUNTRIES if c not in (a.country, b.country)])
    text = template.format(
        a=a.name, b=b.name, a_sur=a.surname, b_sur=b.surname, title_a=a.title,
        title_b=b.title, role_a=a.title.lower(), adj_a=a.country.adjective,
        adj_b=b.country.adjective, country_a=a.country.name, country_b=b.country.name,
        country_c=country_c.name, capital=a.country.capital, city=rng.choice(b.country.cities),
        weekday=rng.choice(WEEKDAYS), month=rng.choice(MONTHS), product=rng.choice(PRODUCTS),
        seafood=rng.choice(SEAFOOD), occasion=rng.choice(OCCASIONS),
        topic=rng.choice(TOPICS), verb_met=rng.choice(VERBS_MET), say=rng.choice(SAY),
    )
    return text[0].upper() + text[1:]


def _target_words(rng: random.Random) -> int:
    """An article length in words: right-skewed like news (median about 290), 150 to 500."""
    while True:
        words = round(rng.lognormvariate(5.67, 0.33))
        if MIN_WORDS <= words <= MAX_WORDS:
            return words


def _split_paragraphs(sentences: list[str], rng: random.Random) -> list[list[str]]:
    """Split sentences into 2 to 6 consecutive, non-empty paragraphs."""
    count = rng.randint(MIN_PARAGRAPHS, min(MAX_PARAGRAPHS, len(sentences)))
    cuts = sorted(rng.sample(range(1, len(sentences)), count - 1))
    bounds = [0, *cuts, len(sentences)]
    return [sentences[start:end] for start, end in zip(bounds, bounds[1:], strict=False)]


def make_article(rng: random.Random) -> tuple[str, int, int]:
    """One article's text, its word count (sentences only) and its number of sentences."""
    target = _target_words(rng)
    sentences: list[str] = []
    words = 0
    while len(sentences) < MAX_SENTENCES:
        sentence = _fill(rng.choice(SENTENCE_TEMPLATES), rng)
        size = len(sentence.split())
        if len(sentences) >= MIN_SENTENCES and (words >= target or words + size > MAX_WORDS):
            break
        sentences.append(sentence)
        words += size
    paragraphs = [" ".join(p) for p in _split_paragraphs(sentences, rng)]
    if rng.random() < 0.3:
        paragraphs.insert(0, _ticker(rng))
    if rng.random() < 0.5:
        paragraphs.append(rng.choice(DEBRIS))
    if rng.random() < 0.2:
        paragraphs.insert(rng.randint(1, len(paragraphs) - 1), rng.choice(DEBRIS))
    return "\n\n".join(paragraphs) + "\n", words, len(sentences)


def generate_corpus(folder: Path | str, articles: int = DEFAULT_ARTICLES,
                    seed: int = DEFAULT_SEED) -> dict[str, float | int]:
    """Write ``articles`` text files and ``manifest.csv`` into ``folder`` (replaced).

    Returns summary statistics (articles, total and mean words, mean sentences).
    """
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    rng = random.Random(seed)
    span = (LAST_DAY - FIRST_DAY).days
    word_counts: list[int] = []
    sentence_counts: list[int] = []
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(MANIFEST_HEADER)
        for index in range(articles):
            article_id = f"syn_{index:06d}"
            text, words, sentences = make_article(rng)
            published = FIRST_DAY + dt.timedelta(days=rng.randint(0, span))
            (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")
            writer.writerow((
                article_id, f"{article_id}.txt", rng.choice(OUTLETS),
                f"https://example.invalid/news/{article_id}", f"[Synthetic article {index}]",
                published.isoformat(), "synthetic: drawn uniformly from 2019-2025", "en",
            ))
            word_counts.append(words)
            sentence_counts.append(sentences)
    return {
        "articles": articles,
        "seed": seed,
        "words_total": sum(word_counts),
        "words_mean": round(statistics.fmean(word_counts), 1) if word_counts else 0.0,
        "words_median": statistics.median(word_counts) if word_counts else 0,
        "sentences_mean": round(statistics.fmean(sentence_counts), 2) if word_counts else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: generate a corpus folder and print its statistics."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="output folder (replaced if it exists)")
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    stats = generate_corpus(args.folder, args.articles, args.seed)
    print(", ".join(f"{key} {value}" for key, value in stats.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
