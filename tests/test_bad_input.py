"""Bad input through the real command: ``python -m tradetalks extract CORPUS --out OUT``.

Each case either works (exit status 0, every table written, the repair recorded as a
warning in ``run_log.txt``) or stops with exit status 2 and one message on stderr naming
the file (and the line, for manifest problems), never a traceback and never a partial
output folder. The README's "Bad input" table lists the same cases.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import time
from pathlib import Path

import pytest

from tests.corpus_helpers import manifest_bytes, row
from tradetalks.cli import main
from tradetalks.ingest.corpus import MANIFEST_COLUMNS

TABLES = ["articles.csv", "removals.csv", "mentions.csv", "meetings.csv", "measures.csv",
          "actors.csv", "quotes.csv", "datapackage.json", "run_log.txt"]
ENGLISH = (
    "Japan and South Korea held their first export-control dialogue in three years on "
    "Monday, officials said after the meeting in Tokyo.\n\n"
    "The two trade ministries will meet again in Seoul before the end of the year, the "
    "ministry said in a statement.\n"
)




class Run:
    """Build a corpus in tmp_path, run the extract command on it, keep what it said."""

    def __init__(self, tmp_path: Path, capsys):
        self.corpus = tmp_path / "corpus"
        self.out = tmp_path / "out"
        self._capsys = capsys
        self.status: int | None = None
        self.stderr = ""
        self.seconds = 0.0

    def __call__(self, texts: dict[str, str | bytes], rows: list[dict[str, str]] | None = None,
                 columns=MANIFEST_COLUMNS, manifest: bytes | None = None) -> Run:
        self.corpus.mkdir()
        for name, content in texts.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            (self.corpus / name).write_bytes(data)
        if manifest is None:
            rows = [row(Path(n).stem) for n in texts] if rows is None else rows
            manifest = manifest_bytes(rows, columns)
        (self.corpus / "manifest.csv").write_bytes(manifest)
        self._capsys.readouterr()
        started = time.monotonic()
        self.status = main(["extract", str(self.corpus), "--out", str(self.out), "--quiet"])
        self.seconds = time.monotonic() - started
        self.stderr = self._capsys.readouterr().err
        assert "Traceback" not in self.stderr
        return self

    @property
    def log(self) -> str:
        return (self.out / "run_log.txt").read_text(encoding="utf-8")

    def works(self, *warnings: str) -> Run:
        """Exit status 0, every table written, each warning text in the run log."""
        assert self.status == 0, self.stderr
        for name in TABLES:
            assert (self.out / name).is_file(), name
        for text in warnings:
            assert text in self.log, (text, self.log)
        return self

    def stops(self, *parts: str) -> str:
        """Exit status 2 and one message on stderr containing every part; no output."""
        assert self.status == 2
        lines = self.stderr.strip().splitlines()
        assert len(lines) == 1, self.stderr
        message = lines[0]
        assert message.startswith("error: ")
        for part in parts:
            assert part in message, (part, message)
        assert not (self.out / "articles.csv").exists()
        return message


@pytest.fixture
def run(tmp_path, capsys) -> Run:
    return Run(tmp_path, capsys)


def article_rows(run: Run) -> list[dict[str, str]]:
    with (run.out / "articles.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- text files ------------------------------------------------------------------------------

def test_empty_file_stops_naming_the_file(run):
    run({"a1.txt": b""}).stops("a1.txt", "empty article text")


def test_whitespace_only_file_stops_naming_the_file(run):
    run({"a1.txt": " \n\t\n\r\n   \n"}).stops("a1.txt", "empty article text")


def test_binary_bytes_stop_naming_the_file(run):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    run({"a1.txt": png}).stops("a1.txt", "binary data")


def test_binary_bytes_without_nul_stop_naming_the_file(run):
    noise = bytes(random.Random(7).choice(range(1, 32)) for _ in range(2000))
    run({"a1.txt": noise}).stops("a1.txt", "binary data")


def test_windows_1252_text_works_with_a_warning(run):
    data = ENGLISH.encode() + "Caf\u00e9 owners said \u201cwe are worried\u201d.\n".encode("cp1252")
    run({"a1.txt": data}).works("a1.txt", "not valid UTF-8", "decoded as Windows-1252")


def test_latin_1_text_works_with_a_warning(run):
    data = ENGLISH.encode() + "The minister met the Se\u00f1or in M\u00fcnchen.\n".encode("latin-1")
    run({"a1.txt": data}).works("decoded as Windows-1252")


def test_utf8_with_bom_works_with_a_warning(run):
    run({"a1.txt": b"\xef\xbb\xbf" + ENGLISH.encode()}).works("UTF-8 byte-order mark removed")


def test_utf16_with_bom_works_with_a_warning(run):
    run({"a1.txt": ENGLISH.encode("utf-16")}).works("decoded as UTF-16")
    assert int(article_rows(run)[0]["sentences"]) == 2


def test_utf16_without_bom_works_with_a_warning(run):
    run({"a1.txt": ENGLISH.encode("utf-16-le")}).works("decoded as UTF-16 without a byte-order")
    assert int(article_rows(run)[0]["sentences"]) == 2


def test_truncated_utf16_stops_naming_the_file(run):
    run({"a1.txt": ENGLISH.encode("utf-16") + b"\x00"}).stops("a1.txt", "not valid UTF-16")


def test_crlf_line_ends_work_with_a_warning(run):
    run({"a1.txt": ENGLISH.replace("\n", "\r\n")}).works("CR or CRLF line ends converted")
    assert int(article_rows(run)[0]["sentences"]) == 2


def test_lone_cr_line_ends_work_with_a_warning(run):
    run({"a1.txt": ENGLISH.replace("\n", "\r")}).works("CR or CRLF line ends converted")
    assert int(article_rows(run)[0]["sentences"]) == 2


def test_saved_html_page_works_with_a_warning(run):
    page = ("<!DOCTYPE html><html><head><title>News</title><script>var x = 1;</script>"
            "</head><body><nav><a href='/'>Home</a></nav>"
            + "".join(f"<p>{p}</p>" for p in ENGLISH.split("\n\n")) + "</body></html>")
    run({"a1.txt": page}).works("saved HTML page: markup stripped")
    assert int(article_rows(run)[0]["sentences"]) == 2


def _news_text(size: int) -> tuple[str, int]:
    """About ``size`` characters of plain news-like sentences, and how many sentences."""
    rng = random.Random(10)
    places = ["Tokyo", "Seoul", "Beijing", "Osaka", "Busan", "Shanghai"]
    topics = "markets trade exports chips rules tariffs rice steel cars ports".split()
    paragraphs, length, i = [], 0, 0
    while length < size:
        paragraph = " ".join(
            f"On day {i + k} officials in {rng.choice(places)} discussed "
            f"{rng.choice(topics)} and {rng.choice(topics)}, a spokesman said."
            for k in range(5))
        i += 5
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs), i


@pytest.mark.slow
def test_ten_megabyte_text_takes_time_in_proportion_to_its_size(tmp_path, capsys):
    # a ratio, not a wall-clock bound, so a busy machine cannot fail it: 4x the text in at
    # most 6x the time of a 2.5 MB run (a quadratic step would take about 16x)
    (tmp_path / "small").mkdir()
    (tmp_path / "big").mkdir()
    small_text, _ = _news_text(2_500_000)
    small = Run(tmp_path / "small", capsys)({"big.txt": small_text}).works()
    big_text, sentences = _news_text(10_000_000)
    big = Run(tmp_path / "big", capsys)({"big.txt": big_text}).works()
    assert big.seconds < 6 * small.seconds, f"{big.seconds:.0f} s vs {small.seconds:.0f} s"
    assert int(article_rows(big)[0]["sentences"]) == sentences


def test_one_megabyte_single_line_finishes(run):
    # one line with no newline and no sentence punctuation: cut into bounded pieces
    words = "officials in Tokyo said talks with Seoul on chip materials would resume "
    text = (words * (1_000_000 // len(words) + 1))[:1_000_000]
    run({"a1.txt": text}).works()
    assert run.seconds < 60, f"{run.seconds:.0f} s"
    assert int(article_rows(run)[0]["sentences"]) >= 1000


def test_article_with_no_date_expressions_works(run):
    text = ("Japanese and Korean officials met in Tokyo to discuss export controls on chip "
            "materials, the ministry said.\n")
    run({"a1.txt": text}).works()
    assert run.log == ""


def test_japanese_article_works_with_a_warning(run):
    text = ("日本と韓国の貿易当局は、輸出管理について定期的に協議する枠組みを設けることで"
            "合意した。\n\n次回の会合はソウルで開かれる。\n")
    run({"a1.txt": text}).works("a1.txt", "does not look like English")


def test_french_article_works_with_a_warning(run):
    text = ("Le Japon et la Chine ont convenu mercredi de tenir des discussions régulières sur "
            "le contrôle des exportations, selon le ministère du Commerce, après une rencontre "
            "entre les deux ministres pendant le sommet de San Francisco.\n")
    run({"a1.txt": text}, rows=[row("a1", language="fr")]).works("does not look like English")


# --- the manifest ------------------------------------------------------------------------------

def test_manifest_missing_column_stops_on_line_1(run):
    columns = tuple(c for c in MANIFEST_COLUMNS if c != "published")
    run({"a1.txt": ENGLISH}, columns=columns).stops(
        "manifest.csv, line 1", "missing column(s): published")


def test_manifest_extra_column_works_with_a_warning(run):
    run({"a1.txt": ENGLISH}, columns=(*MANIFEST_COLUMNS, "notes")).works(
        "manifest.csv, line 1", "extra column(s) ignored: notes")


def test_manifest_duplicate_id_stops_naming_the_line(run):
    run({"a1.txt": ENGLISH, "a2.txt": ENGLISH}, rows=[row("a1"), row("a2"), row("a1")]).stops(
        "manifest.csv, line 4", "duplicate article_id 'a1'", "first on line 2")


def test_manifest_row_for_a_missing_file_stops_naming_the_line(run):
    run({"a1.txt": ENGLISH}, rows=[row("a1"), row("ghost")]).stops(
        "manifest.csv, line 3", "ghost.txt", "does not exist")


def test_text_file_with_no_row_stops_naming_the_file(run):
    message = run({"a1.txt": ENGLISH, "stray.txt": ENGLISH}, rows=[row("a1")]).stops(
        "stray.txt", "no row in manifest.csv")
    assert message.startswith(f"error: {run.corpus / 'stray.txt'}: ")


def test_manifest_date_in_the_future_stops_naming_the_line(run):
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    run({"a1.txt": ENGLISH}, rows=[row("a1", published=future)]).stops(
        "manifest.csv, line 2", "lies in the future")


@pytest.mark.parametrize("value", ["03/04/2024", "16 December 2019", "2024-3-1", "20240301"])
def test_manifest_date_in_another_format_stops_naming_the_line(run, value):
    run({"a1.txt": ENGLISH}, rows=[row("a1", published=value)]).stops(
        "manifest.csv, line 2", "not an ISO date (YYYY-MM-DD)", repr(value))


def test_non_utf8_manifest_stops_naming_the_line(run):
    manifest = manifest_bytes([row("a1"), row("a2", outlet="Caf\u00e9 Press")], encoding="cp1252")
    run({"a1.txt": ENGLISH, "a2.txt": ENGLISH}, manifest=manifest).stops(
        "manifest.csv, line 3", "not valid UTF-8")
