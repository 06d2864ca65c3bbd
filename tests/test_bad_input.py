"""Bad input through the real command: ``python -m tradetalks extract CORPUS --out OUT``.

Each case either works (exit status 0, every table written, the repair recorded as a
warning in ``run_log.txt``) or stops with exit status 2 and one message on stderr naming
the file (and the line, for manifest problems), never a traceback and never a partial
output folder. docs/bad-input.md lists the same cases (the README links it).
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import os
import random
import stat
import time
from collections.abc import Callable
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
        self.seconds = 0.0  # CPU seconds of the last command

    def __call__(self, texts: dict[str, str | bytes], rows: list[dict[str, str]] | None = None,
                 columns=MANIFEST_COLUMNS, manifest: bytes | None = None,
                 setup: Callable[[Path], object] | None = None,
                 options: tuple[str, ...] = (), command: bool = True) -> Run:
        """Write the texts and the manifest (``setup`` may then add links, pipes, folders
        or an OUT), run ``extract CORPUS --out OUT --quiet OPTIONS`` and keep its stderr."""
        self.corpus.mkdir(exist_ok=True)
        for name, content in texts.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            (self.corpus / name).write_bytes(data)
        if manifest is None:
            rows = [row(Path(n).stem) for n in texts] if rows is None else rows
            manifest = manifest_bytes(rows, columns)
        (self.corpus / "manifest.csv").write_bytes(manifest)
        if setup is not None:
            setup(self.corpus)
        if not command:
            return self
        return self.command("extract", str(self.corpus), "--out", str(self.out), "--quiet",
                            *options)

    def command(self, *argv: str) -> Run:
        """Run any subcommand through ``cli.main``; stderr never holds a traceback."""
        self._capsys.readouterr()
        started = time.process_time()  # CPU time: a busy machine does not inflate it
        self.status = main(list(argv))
        self.seconds = time.process_time() - started
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


def test_bidirectional_overrides_in_the_text_are_removed_with_a_warning(run):
    text = ENGLISH.replace("export-control", "export-\u202econtrol\u202c")
    run({"a1.txt": text}).works("a1.txt", "2 bidirectional control character(s) removed")
    assert "\u202e" not in (run.out / "mentions.csv").read_text(encoding="utf-8")


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


# --- the corpus is a closed box ----------------------------------------------------------------

def _link(name: str, target: str | Path) -> Callable[[Path], None]:
    def setup(corpus: Path) -> None:
        (corpus / name).unlink(missing_ok=True)
        (corpus / name).symlink_to(target)
    return setup


def test_article_symlinked_to_a_system_file_stops_unread(run):
    run({"a1.txt": ENGLISH}, setup=_link("a1.txt", "/etc/passwd")).stops(
        "a1.txt", "a symbolic link, not read")


def test_article_symlinked_to_a_device_stops_as_a_link_not_as_missing(run):
    message = run({"a1.txt": ENGLISH}, setup=_link("a1.txt", "/dev/zero")).stops(
        "a1.txt", "a symbolic link, not read")
    assert "does not exist" not in message


def test_symlinked_manifest_stops_unread(run, tmp_path):
    elsewhere = tmp_path / "elsewhere.csv"
    elsewhere.write_bytes(manifest_bytes([row("a1")]))
    run({"a1.txt": ENGLISH}, setup=_link("manifest.csv", elsewhere)).stops(
        "manifest.csv", "a symbolic link, not read")


def test_symlinked_corpus_folder_stops_unread(run, tmp_path):
    run({"a1.txt": ENGLISH}, command=False)
    linked = tmp_path / "linked"
    linked.symlink_to(run.corpus)
    run.command("extract", str(linked), "--out", str(run.out), "--quiet")
    run.stops("linked", "a symbolic link, not read")


def test_follow_symlinks_reads_a_link_inside_the_corpus(run):
    def setup(corpus: Path) -> None:
        (corpus / "texts").mkdir()
        (corpus / "texts" / "a1-source.txt").write_text(ENGLISH, encoding="utf-8")
        _link("a1.txt", corpus / "texts" / "a1-source.txt")(corpus)

    run({"a1.txt": ENGLISH}, setup=setup, options=("--follow-symlinks",)).works()
    assert int(article_rows(run)[0]["sentences"]) == 2


def test_follow_symlinks_still_refuses_a_target_outside_the_corpus(run):
    run({"a1.txt": ENGLISH}, setup=_link("a1.txt", "/etc/passwd"),
        options=("--follow-symlinks",)).stops("a1.txt", "outside the corpus folder", "not read")


def test_follow_symlinks_reads_a_symlinked_corpus_folder(run, tmp_path):
    run({"a1.txt": ENGLISH}, command=False)
    linked = tmp_path / "linked"
    linked.symlink_to(run.corpus)
    run.command("extract", str(linked), "--out", str(run.out), "--quiet", "--follow-symlinks")
    run.works()


def test_named_pipe_named_like_an_article_stops_without_hanging(run):
    def setup(corpus: Path) -> None:
        (corpus / "a1.txt").unlink()
        os.mkfifo(corpus / "a1.txt")

    run({"a1.txt": ENGLISH}, setup=setup).stops("a1.txt", "a named pipe (FIFO)")


def test_device_named_like_an_article_stops(run):
    def setup(corpus: Path) -> None:
        (corpus / "a1.txt").unlink()
        try:
            os.mknod(corpus / "a1.txt", stat.S_IFCHR | 0o600, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("creating a device file needs privileges")

    run({"a1.txt": ENGLISH}, setup=setup).stops("a1.txt", "a device, not a regular file")


def test_folder_named_like_an_article_stops(run):
    def setup(corpus: Path) -> None:
        (corpus / "a1.txt").unlink()
        (corpus / "a1.txt").mkdir()

    run({"a1.txt": ENGLISH}, setup=setup).stops("a1.txt", "a folder, not a text file")


def test_notes_and_gold_folder_beside_the_articles_are_not_articles(run):
    def setup(corpus: Path) -> None:
        (corpus / "NOTES.md").write_text("# Notes\n", encoding="utf-8")
        (corpus / "gold").mkdir()
        (corpus / "gold" / "meetings.csv").write_text("article_id\n", encoding="utf-8")

    run({"a1.txt": ENGLISH}, setup=setup).works()


# --- OUT belongs to the tool ---------------------------------------------------------------------

def test_out_holding_gold_annotations_stops_and_keeps_them(run):
    gold = {"meetings.csv": "article_id,date_start\na1,2024-03-01\n",
            "measures.csv": "article_id,imposer\n"}
    run.out.mkdir()
    for name, text in gold.items():
        (run.out / name).write_text(text, encoding="utf-8")
    run({"a1.txt": ENGLISH}).stops(str(run.out), "holds files this tool did not write",
                                   "meetings.csv", "give --out another folder")
    assert {p.name: p.read_text() for p in run.out.iterdir()} == gold


def test_out_being_the_corpus_folder_stops_and_keeps_the_corpus(run):
    run({"a1.txt": ENGLISH}, command=False)
    before = sorted(p.name for p in run.corpus.iterdir())
    run.command("extract", str(run.corpus), "--out", str(run.corpus), "--quiet")
    run.stops("--out is the corpus folder")
    assert sorted(p.name for p in run.corpus.iterdir()) == before
    assert (run.corpus / "a1.txt").read_text(encoding="utf-8") == ENGLISH


def test_out_holding_a_folder_named_like_an_output_stops_and_keeps_it(run):
    notes = run.out / "meetings.csv" / "notes.txt"
    notes.parent.mkdir(parents=True)
    notes.write_text("my notes", encoding="utf-8")
    run({"a1.txt": ENGLISH}).stops("holds files this tool did not write")
    assert notes.read_text(encoding="utf-8") == "my notes"


def test_out_being_a_file_stops(run):
    run.out.write_text("mine", encoding="utf-8")
    run({"a1.txt": ENGLISH}).stops(str(run.out), "a file, not a folder")
    assert run.out.read_text(encoding="utf-8") == "mine"


def test_out_under_a_file_stops_naming_the_file(run, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("mine", encoding="utf-8")
    run.out = blocker / "out"
    run({"a1.txt": ENGLISH}).stops(str(blocker), "a file, not a folder")


def test_out_symlinked_elsewhere_stops(run, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    run.out.symlink_to(tmp_path / "elsewhere")
    run({"a1.txt": ENGLISH}).stops("a symbolic link to", "did not make")


def test_empty_out_folder_is_used_and_keeps_its_permissions(run):
    run.out.mkdir()
    run.out.chmod(0o751)
    run({"a1.txt": ENGLISH}).works()
    assert stat.S_IMODE(run.out.stat().st_mode) == 0o751


def test_rerun_into_its_own_out_works_and_keeps_its_permissions(run):
    run({"a1.txt": ENGLISH}).works()
    run.out.resolve().chmod(0o705)
    run.command("extract", str(run.corpus), "--out", str(run.out), "--quiet").works()
    assert stat.S_IMODE(run.out.stat().st_mode) == 0o705


# --- operating-system errors: one line naming the path ------------------------------------------

@pytest.mark.parametrize(("code", "meaning"), [
    (errno.ENOSPC, "no space left on the device"),
    (errno.EACCES, "permission denied"),
    (errno.ENAMETOOLONG, "a file name is too long"),
    (errno.ENOTDIR, "a part of the path is a file, not a folder"),
    (errno.EISDIR, "a folder where a file was expected"),
])
def test_os_error_while_writing_stops_naming_the_path(run, monkeypatch, code, meaning):
    import tradetalks.publish.rowfiles as rowfiles

    def failing(path: Path, mode: str):  # the streaming writer opens each table's CSV
        if path.name == "meetings.csv":
            raise OSError(code, os.strerror(code), str(path))
        return open(path, mode)

    monkeypatch.setattr(rowfiles, "open", failing, raising=False)
    message = run({"a1.txt": ENGLISH}).stops("meetings.csv", meaning)
    assert not run.out.exists()
    assert not [p for p in run.out.parent.iterdir() if p.name.startswith(".out.v-")], message


def test_unwritable_parent_of_out_stops_naming_it(run, monkeypatch, tmp_path):
    import tradetalks.publish.output as output

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path))

    monkeypatch.setattr(output.tempfile, "mkdtemp", denied)
    run({"a1.txt": ENGLISH}).stops(str(tmp_path), "permission denied")


def test_article_id_too_long_for_a_file_name_stops_naming_the_line(run):
    long_id = "a" * 300
    run({"a1.txt": ENGLISH}, rows=[row(long_id)]).stops(
        "manifest.csv, line 2", "article_id is 300 characters long")


def test_manifest_field_over_the_csv_limit_stops_naming_the_line(run):
    run({"a1.txt": ENGLISH}, rows=[row("a1", title="x" * 140_000)]).stops(
        "manifest.csv, line 2", "a field is longer than 131,072 characters")


@pytest.mark.parametrize("jobs", ["99999999999999999999", "1000"])
def test_absurd_jobs_is_capped_to_the_machine_with_a_warning(run, jobs):
    run({"a1.txt": ENGLISH}, options=("--jobs", jobs)).works()
    assert "is more than this machine's" in run.stderr and "CPUs; using" in run.stderr


@pytest.mark.parametrize("jobs", ["0", "-3"])
def test_non_positive_jobs_stops(run, jobs):
    run({"a1.txt": ENGLISH}, options=("--jobs", jobs)).stops(
        f"--jobs {jobs}", "at least 1")


def test_unforeseen_error_is_one_line_pointing_to_debug(run, monkeypatch):
    import tradetalks.pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("something nobody foresaw")

    monkeypatch.setattr(tradetalks.pipeline, "run_rows", broken)
    run({"a1.txt": ENGLISH})
    assert run.status == 1
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "something nobody foresaw" in lines[0] and "--debug" in lines[0]


def test_debug_shows_the_traceback_of_an_unforeseen_error(tmp_path, monkeypatch):
    import tradetalks.pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("something nobody foresaw")

    monkeypatch.setattr(tradetalks.pipeline, "run_rows", broken)
    with pytest.raises(RuntimeError, match="nobody foresaw"):
        main(["extract", str(tmp_path), "--out", str(tmp_path / "out"), "--debug"])


# --- clean text at the door -------------------------------------------------------------------

@pytest.mark.parametrize("article_id", ["a;1", "a,1", "a 1", "a/1", ".a1", "\u04301"])
def test_article_id_outside_the_safe_set_stops_naming_the_line(run, article_id):
    run({"a1.txt": ENGLISH}, rows=[row(article_id, file=f"{article_id}.txt")]).stops(
        "manifest.csv, line 2", "may hold only ASCII letters, digits")


@pytest.mark.parametrize(("char", "code"), [
    ("\x00", "U+0000"), ("\r", "U+000D"), ("\x1b", "U+001B"), ("\u202e", "U+202E"),
])
@pytest.mark.parametrize("column", ["title", "outlet"])
def test_control_character_in_a_manifest_field_stops_naming_the_line(run, char, code, column):
    rows = [row("a1", **{column: f"[Story{char}one]"})]
    run({"a1.txt": ENGLISH}, manifest=manifest_bytes(rows, quoting=csv.QUOTE_ALL)).stops(
        "manifest.csv, line 2", f"field '{column}' holds a control character ({code})")


def test_carriage_return_in_an_id_stops_naming_the_line(run):
    manifest = manifest_bytes([row("a\r1", file="a1.txt", title="", url="")],
                              quoting=csv.QUOTE_ALL)
    run({"a1.txt": ENGLISH}, manifest=manifest).stops(
        "manifest.csv, line 2", "field 'article_id' holds a control character (U+000D)")


def test_stray_file_name_with_escape_codes_is_shown_escaped(run):
    message = run({"a1.txt": ENGLISH, "x\x1b[31mred.txt": ENGLISH}, rows=[row("a1")]).stops(
        "no row in manifest.csv")
    assert "\x1b" not in run.stderr and "\\x1b[31mred.txt" in message


def test_nfc_file_name_in_the_manifest_finds_its_nfd_named_file(run):
    nfc, nfd = "a1.t\u00ebxt", "a1.te\u0308xt"
    run({nfd: ENGLISH}, rows=[row("a1", file=nfc)]).works()
    assert article_rows(run)[0]["file"] == nfc


def test_formula_like_title_is_neutralised_in_the_csv(run):
    title = '=HYPERLINK("http://example.org/x","click")'
    run({"a1.txt": ENGLISH}, rows=[row("a1", title=title)]).works()
    assert article_rows(run)[0]["title"] == "'" + title


def test_ids_giving_one_bibliography_key_stop_the_bib_command(run):
    run({"x.1.txt": ENGLISH, "x-1.txt": ENGLISH}, command=False)
    run.command("bib", str(run.corpus)).stops("manifest.csv", "same bibliography key",
                                               "'x-1'", "'x.1'")


def test_ids_differing_only_in_case_stop_the_bib_command(run):
    run({"A1.txt": ENGLISH, "a1.txt": ENGLISH}, command=False)
    run.command("bib", str(run.corpus)).stops("same bibliography key")


def test_a_neutralised_sentence_still_restores_to_its_exact_span(run):
    from tradetalks.ingest.clean import clean_text
    from tradetalks.publish.cells import restore

    text = ("- Japan and South Korea held their first export-control dialogue in three years "
            "on Monday in Tokyo.\n")
    run({"a1.txt": text}).works()
    with (run.out / "mentions.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    cleaned = clean_text(text).text
    assert rows and rows[0]["sentence"].startswith("'-")
    for r in rows:
        assert cleaned[int(r["start"]):int(r["end"])] == restore(r["sentence"])
