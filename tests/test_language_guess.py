"""The language guess (``ingest.corpus.looks_english``) counts letters by script: Latin
letters (Basic Latin to Latin Extended-B, accents included) against all letters; curly
quotes, dashes and digits are not letters."""

from __future__ import annotations

from tradetalks.ingest.corpus import looks_english

ENGLISH = ("Japan and China held talks on export controls in Tokyo on Monday, and the "
           "ministers said that the two sides would meet again in the spring of the year.")


def test_english_with_curly_quotes_and_dashes_looks_english():
    assert looks_english(f"“{ENGLISH}” — ‘quoted’ 2024")


def test_mostly_japanese_text_does_not_look_english():
    assert not looks_english("日本と中国は東京で輸出規制について協議した。" * 3 + " Tokyo talks")


def test_accented_latin_letters_count_as_latin():
    accented = "é" * 40 + "ǿ" * 10  # Latin-1 Supplement and Latin Extended-B
    assert looks_english(accented + "日" * 49)  # 50 Latin letters of 99
    assert not looks_english(accented + "ɐ" * 51)  # IPA letters are not Latin here
