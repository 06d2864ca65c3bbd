"""Manifest validation, decoding repairs and the real seed corpus (tradetalks.corpus)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.corpus_helpers import manifest_bytes, row
from tradetalks.errors import InputError
from tradetalks.ingest.corpus import MANIFEST_COLUMNS, load_corpus
from tradetalks.paths import SEEDS_DIR

TODAY = dt.date(2025, 6, 1)
SHARED_SEEDS = Path("/work/shared/seeds")
ENGLISH = (
    "Japan and South Korea held their first export-control dialogue in three years on "
    "Monday, officials said after the meeting in Tokyo.\n"
)




@pytest.fixture
def make_corpus(tmp_path):
    """Write a manifest and text files into a fresh folder; return the folder.

    ``texts`` maps file name to str (written as UTF-8) or bytes (written as is). By default
    one row per text file is generated; pass ``rows`` to write other rows, ``manifest`` to
    write raw manifest bytes.
    """

    def make(texts: dict[str, str | bytes], rows: list[dict[str, str]] | None = None,
             columns: tuple[str, ...] = MANIFEST_COLUMNS, manifest: bytes | None = None) -> Path:
        folder = tmp_path / "corpus"
        folder.mkdir()
        for name, content in texts.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            (folder / name).write_bytes(data)
        if manifest is None:
            if rows is None:
                rows = [row(Path(name).stem) for name in texts]
            manifest = manifest_bytes(rows, columns)
        (folder / "manifest.csv").write_bytes(manifest)
        return folder

    return make


def load_error(folder: Path) -> InputError:
    with pytest.raises(InputError) as info:
        load_corpus(folder, today=TODAY)
    return info.value


def only_article(folder: Path):
    corpus = load_corpus(folder, today=TODAY)
    assert len(corpus.articles) == 1
    return corpus.articles[0]


# --- a valid corpus -------------------------------------------------------------------

def test_valid_corpus_loads_without_warnings(make_corpus):
    corpus = load_corpus(make_corpus({"a1.txt": ENGLISH, "a2.txt": ENGLISH}), today=TODAY)
    assert [a.article_id for a in corpus.articles] == ["a1", "a2"]
    assert corpus.warnings == ()
    assert corpus.articles[0].published == dt.date(2024, 3, 1)
    assert corpus.articles[0].text == ENGLISH


# --- errors that stop the run ------------------------------------------------------------

def test_text_file_without_manifest_row_is_an_error_naming_the_file(make_corpus):
    folder = make_corpus({"a1.txt": ENGLISH, "stray.txt": ENGLISH}, rows=[row("a1")])
    error = load_error(folder)
    assert "stray.txt" in str(error)
    assert "no row" in str(error)
    assert Path(error.path).name == "stray.txt"


def test_manifest_row_without_file_is_an_error_naming_manifest_line(make_corpus):
    folder = make_corpus({"a1.txt": ENGLISH}, rows=[row("a1"), row("ghost")])
    error = load_error(folder)
    assert "manifest.csv, line 3" in str(error)
    assert "ghost.txt" in str(error)
    assert "does not exist" in str(error)


def test_duplicate_article_id_is_an_error_naming_both_lines(make_corpus):
    folder = make_corpus({"a1.txt": ENGLISH, "a2.txt": ENGLISH},
                         rows=[row("a1"), row("a2"), row("a1")])
    error = load_error(folder)
    assert "manifest.csv, line 4" in str(error)
    assert "duplicate article_id 'a1'" in str(error)
    assert "first on line 2" in str(error)


@pytest.mark.parametrize("value", ["16/12/2019", "December 16, 2019"])
def test_non_iso_published_date_is_an_error_naming_manifest_line(make_corpus, value):
    folder = make_corpus({"a1.txt": ENGLISH, "a2.txt": ENGLISH},
                         rows=[row("a1"), row("a2", published=value)])
    error = load_error(folder)
    assert "manifest.csv, line 3" in str(error)
    assert "not an ISO date" in str(error)
    assert repr(value) in str(error)


def test_impossible_calendar_date_is_an_error_naming_manifest_line(make_corpus):
    folder = make_corpus({"a1.txt": ENGLISH}, rows=[row("a1", published="2019-02-30")])
    error = load_error(folder)
    assert "manifest.csv, line 2" in str(error)
    assert "'2019-02-30' is not a real date" in str(error)


def test_future_date_relative_to_today_is_an_error(make_corpus):
    folder = make_corpus({"a1.txt": ENGLISH}, rows=[row("a1", published="2025-06-02")])
    error = load_error(folder)
    assert "manifest.csv, line 2" in str(error)
    assert "lies in the future" in str(error)


def test_date_equal_to_today_is_accepted(make_corpus):
    folder = make_corpus({"a1.txt": ENGLISH}, rows=[row("a1", published=TODAY.isoformat())])
    assert only_article(folder).published == TODAY


def test_empty_text_file_is_an_error_naming_the_file(make_corpus):
    error = load_error(make_corpus({"a1.txt": ""}))
    assert "a1.txt" in str(error)
    assert "empty article text" in str(error)


def test_whitespace_only_text_file_is_an_error_naming_the_file(make_corpus):
    error = load_error(make_corpus({"a1.txt": " \n\t\n   \n"}))
    assert "a1.txt" in str(error)
    assert "empty article text" in str(error)


def test_missing_manifest_column_is_an_error_on_line_1(make_corpus):
    columns = tuple(c for c in MANIFEST_COLUMNS if c != "published")
    error = load_error(make_corpus({"a1.txt": ENGLISH}, columns=columns))
    assert "manifest.csv, line 1" in str(error)
    assert "missing column(s): published" in str(error)


def test_extra_manifest_column_is_a_warning_and_the_corpus_still_loads(make_corpus):
    folder = make_corpus({"a1.txt": ENGLISH}, columns=(*MANIFEST_COLUMNS, "notes"))
    corpus = load_corpus(folder, today=TODAY)
    assert len(corpus.articles) == 1
    assert any("manifest.csv, line 1" in w and "extra column(s) ignored: notes" in w
               for w in corpus.warnings)


def test_non_utf8_manifest_is_an_error_naming_the_bad_line(make_corpus):
    manifest = manifest_bytes([row("a1"), row("a2", outlet="Caf\u00e9 Press")],
                              encoding="cp1252")
    error = load_error(make_corpus({"a1.txt": ENGLISH, "a2.txt": ENGLISH}, manifest=manifest))
    assert "manifest.csv, line 3" in str(error)
    assert "not valid UTF-8" in str(error)


def test_article_id_that_is_not_the_file_stem_is_an_error(make_corpus):
    folder = make_corpus({"a1.txt": ENGLISH}, rows=[row("b7", file="a1.txt")])
    error = load_error(folder)
    assert "manifest.csv, line 2" in str(error)
    assert "'b7' is not the stem of its file 'a1.txt'" in str(error)


def test_binary_text_with_nul_bytes_is_an_error_naming_the_file(make_corpus):
    error = load_error(make_corpus({"a1.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00"}))
    assert "a1.txt" in str(error)
    assert "binary data" in str(error)


def test_truncated_utf16_text_is_an_input_error(make_corpus):
    data = "Talks resumed.".encode("utf-16") + b"\x00"  # odd length: one stray byte
    error = load_error(make_corpus({"a1.txt": data}))
    assert "a1.txt" in str(error)


# --- repairs that work with a warning -------------------------------------------------------

def test_utf8_bom_is_removed_with_a_warning(make_corpus):
    article = only_article(make_corpus({"a1.txt": b"\xef\xbb\xbf" + ENGLISH.encode()}))
    assert article.text == ENGLISH
    assert any("byte-order mark removed" in w and "a1.txt" in w for w in article.warnings)


def test_utf16_with_bom_is_decoded_with_a_warning(make_corpus):
    article = only_article(make_corpus({"a1.txt": ENGLISH.encode("utf-16")}))
    assert article.text == ENGLISH
    assert any("decoded as UTF-16" in w for w in article.warnings)


def test_windows_1252_bytes_are_decoded_with_a_warning(make_corpus):
    data = ENGLISH.encode() + b"caf\xe9 \x93quoted\x94\n"
    article = only_article(make_corpus({"a1.txt": data}))
    assert article.text.endswith("caf\u00e9 \u201cquoted\u201d\n")
    assert any("Windows-1252" in w and "line 2" in w for w in article.warnings)


def test_crlf_line_ends_become_lf_with_a_warning(make_corpus):
    article = only_article(make_corpus({"a1.txt": "First line.\r\n\r\nSecond line.\r\n"}))
    assert article.text == "First line.\n\nSecond line.\n"
    assert any("line ends converted to LF" in w for w in article.warnings)


def test_lone_cr_line_ends_become_lf_with_a_warning(make_corpus):
    article = only_article(make_corpus({"a1.txt": "First line.\rSecond line.\r"}))
    assert article.text == "First line.\nSecond line.\n"
    assert any("line ends converted to LF" in w for w in article.warnings)


SAVED_PAGE = """<!DOCTYPE html>
<html><head><title>Trade News</title>
<script>var tracker = "do-not-keep-this";</script>
<style>p { color: red; }</style></head>
<body>
<p>Japan and China agreed to start regular talks on export controls.</p>
<script>window.adSlot("do-not-keep-either");</script>
<p>Officials from both ministries will meet in Beijing &amp; Tokyo.</p>
</body></html>
"""


def test_saved_html_page_keeps_paragraph_text_and_drops_scripts(make_corpus):
    article = only_article(make_corpus({"a1.txt": SAVED_PAGE}))
    assert article.text.splitlines() == [
        "Japan and China agreed to start regular talks on export controls.",
        "Officials from both ministries will meet in Beijing & Tokyo.",
    ]
    assert "do-not-keep" not in article.text
    assert "color" not in article.text
    assert any("saved HTML page" in w for w in article.warnings)


def test_saved_html_page_character_references_are_decoded_once(make_corpus):
    page = "<html><body><p>The tag is written &amp;lt;b&amp;gt; in HTML.</p></body></html>"
    text = only_article(make_corpus({"a1.txt": page})).text
    assert text == "The tag is written &lt;b&gt; in HTML."


FRENCH = (
    "Le Japon et la Chine ont convenu mercredi de tenir des discussions régulières sur le "
    "contrôle des exportations, selon le ministère du Commerce, après une rencontre entre "
    "les deux ministres pendant le sommet de San Francisco.\n"
)


def test_text_not_in_english_is_loaded_with_a_warning(make_corpus):
    article = only_article(make_corpus({"a1.txt": FRENCH}))
    assert article.text == FRENCH
    assert any("does not look like English" in w and "a1.txt" in w for w in article.warnings)


def test_manifest_language_other_than_en_is_loaded_with_a_warning(make_corpus):
    folder = make_corpus({"a1.txt": ENGLISH}, rows=[row("a1", language="ja")])
    article = only_article(folder)
    assert article.language == "ja"
    assert any("does not look like English" in w for w in article.warnings)


def test_japanese_text_labelled_english_gets_a_warning(make_corpus):
    japanese = ("日本と中国の貿易相は、輸出管理について"
                "定期的に協議する枠組みを設けることで合意した。\n") * 4
    article = only_article(make_corpus({"a1.txt": japanese}))
    assert any("does not look like English" in w for w in article.warnings)


def test_chinese_text_labelled_english_gets_a_warning(make_corpus):
    article = only_article(make_corpus({"a1.txt": "中日两国贸易部长同意就出口管制定期对话。\n"}))
    assert any("does not look like English" in w for w in article.warnings)


def test_utf16_without_bom_is_decoded_with_a_warning(make_corpus):
    article = only_article(make_corpus({"a1.txt": ENGLISH.encode("utf-16-be")}))
    assert article.text == ENGLISH
    assert any("UTF-16 without a byte-order mark" in w for w in article.warnings)


def test_english_text_gets_no_language_warning(make_corpus):
    article = only_article(make_corpus({"a1.txt": ENGLISH * 3}))
    assert article.warnings == ()


# --- the real seeds ------------------------------------------------------------------------

def test_real_seeds_load_as_five_articles():
    corpus = load_corpus(SEEDS_DIR)
    assert len(corpus.articles) == 5
    assert [a.article_id for a in corpus.articles] == sorted(a.article_id for a in corpus.articles)
    assert all(a.language == "en" for a in corpus.articles)


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason=f"{SHARED_SEEDS} does not exist here")
def test_seeds_are_byte_identical_to_the_shared_seeds():
    shared = sorted(SHARED_SEEDS.glob("*.txt"))
    assert [p.name for p in shared] == sorted(p.name for p in SEEDS_DIR.glob("*.txt"))
    for path in shared:
        assert (SEEDS_DIR / path.name).read_bytes() == path.read_bytes(), path.name


def test_one_windows_1252_byte_in_utf8_text_leaves_the_rest_without_mojibake(make_corpus):
    utf8 = "Caf\u00e9 owners in T\u014dky\u014d said \u201cno\u201d to \u6771\u4eac rules.\n"
    data = ENGLISH.encode() + utf8.encode() + b"caf\xe9 closed.\n"
    article = only_article(make_corpus({"a1.txt": data}))
    assert article.text.endswith(utf8 + "caf\u00e9 closed.\n")
    assert "\u00c3" not in article.text and "\u00e2\u20ac" not in article.text
