"""Load a corpus folder (text files plus ``manifest.csv``) into typed, validated articles.

Policy (also in the README): problems an author must fix (a manifest that does not match
the files, a date that is not ISO or lies in the future, an empty or binary text) stop
the run with one message naming the file and line. Problems that have one safe repair
(a byte-order mark, UTF-16, Windows-1252 bytes, CR line ends, a saved HTML page, an
extra manifest column) are repaired and recorded as warnings in the run log.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import dataclasses
import datetime as dt
import io
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from tradetalks.errors import InputError
from tradetalks.ingest.names import FolderNames

MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = (
    "article_id", "file", "outlet", "url", "title", "published", "date_basis", "language",
)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Article ids go into file names, ;-joined list columns, mention ids and citation keys:
# ASCII letters and digits first, then those or '_', '-', '.' (no look-alike letters).
ARTICLE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
MAX_FIELD_LENGTH = 131_072  # characters in one manifest field (the csv module's default)
MAX_ID_LENGTH = 200  # with its extension, a file name must fit the usual 255-byte limit
# Control characters (C0, DEL, C1) and the bidirectional controls that reorder text on
# screen; none belongs in a manifest field.
_FIELD_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                            "\u2066-\u2069]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")  # overrides and isolates
LANGUAGE_SAMPLE = 100_000  # characters read to guess the language
_ASCII = re.compile(r"[\x00-\x7f]+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in a is that for on with as by at from was were said has have it".split()
)


@dataclass(frozen=True)
class ManifestRow:
    """The fields of one validated manifest row, shared by an entry and its article."""

    article_id: str
    file: str
    outlet: str
    url: str
    title: str
    published: dt.date
    date_basis: str
    language: str


@dataclass(frozen=True)
class Article(ManifestRow):
    """One article: its manifest row and its decoded, newline-normalised text."""

    text: str
    path: Path
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Corpus:
    folder: Path
    articles: tuple[Article, ...]
    warnings: tuple[str, ...]


def _first_bad_utf8_line(lines: Iterable[bytes]) -> int:
    """The first line that is not UTF-8 (0 if none), read one line at a time: no byte of
    a multi-byte character is a newline, so each line decodes on its own."""
    for number, raw in enumerate(lines, start=1):
        try:
            (raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw).decode("utf-8")
        except UnicodeDecodeError:
            return number
    return 0


class _TextFromHTML(HTMLParser):
    """Keeps the visible text of a saved web page, one block element per line."""

    _BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
               "article", "header", "footer", "blockquote"}
    _SKIP = {"script", "style", "noscript", "template", "head", "svg"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return (
        head.startswith(("<!doctype html", "<html"))
        or (head.startswith("<?xml") and "<html" in head)
        or ("<body" in head and "</" in text)
    )


def html_to_text(text: str) -> str:
    """Visible text of a saved page. The parser decodes character references once
    (``convert_charrefs``): a page showing the literal text "&lt;" keeps "&lt;"."""
    parser = _TextFromHTML()
    parser.feed(text)
    parser.close()
    return parser.text()


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark: Latin text then has a NUL in every
    other byte. Returns the text, or None when the bytes do not look like that."""
    if len(data) < 4 or len(data) % 2:
        return None
    half = len(data) // 2
    even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
    if odd_nuls >= 0.3 * half and even_nuls <= 0.02 * half:
        encoding = "utf-16-le"
    elif even_nuls >= 0.3 * half and odd_nuls <= 0.02 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _cp1252_byte(exc: UnicodeDecodeError) -> tuple[str, int]:
    """Codec error handler: the first offending byte read as Windows-1252."""
    return exc.object[exc.start:exc.start + 1].decode("cp1252", errors="replace"), exc.start + 1


codecs.register_error("tradetalks-cp1252-byte", _cp1252_byte)


def _utf8_with_cp1252_bytes(data: bytes) -> str:
    """UTF-8, with each byte that is not part of valid UTF-8 read as Windows-1252: a
    mostly-UTF-8 file with one stray byte keeps its other characters (no mojibake).
    One pass, linear in the length."""
    return data.decode("utf-8", errors="tradetalks-cp1252-byte")


def decode_text(data: bytes, path: Path) -> tuple[str, list[str]]:
    """Bytes to text by the documented policy; returns the text and the repair warnings."""
    notes: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"starts with a UTF-16 byte-order mark but is not valid UTF-16 "
                f"({exc.reason} at byte {exc.start}); is the file cut short?", path
            ) from None
        notes.append("decoded as UTF-16 (byte-order mark found)")
    elif b"\x00" in data:
        text16 = _utf16_without_bom(data)
        if text16 is None:
            raise InputError("binary data (NUL bytes), not a text article", path)
        text = text16
        notes.append("decoded as UTF-16 without a byte-order mark (NUL in every other byte)")
    elif data.startswith(b"\xef\xbb\xbf"):
        text = _utf8_with_cp1252_bytes(data[3:])
        notes.append("UTF-8 byte-order mark removed")
    else:
        bad_line = _first_bad_utf8_line(io.BytesIO(data))
        if bad_line:
            text = _utf8_with_cp1252_bytes(data)
            notes.append(f"not valid UTF-8 (first bad byte on line {bad_line}); bytes that "
                         "are not UTF-8 decoded as Windows-1252")
        else:
            text = data.decode("utf-8")
    controls = len(_CONTROL.findall(text))
    if controls and controls > max(3, len(text) // 100):
        raise InputError(f"binary data ({controls} control characters), not a text article", path)
    text = _CONTROL.sub(" ", text)
    bidi = len(_BIDI.findall(text))
    if bidi:
        text = _BIDI.sub("", text)
        notes.append(f"{bidi} bidirectional control character(s) removed (they reorder text "
                     "on screen)")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        notes.append("CR or CRLF line ends converted to LF")
    if looks_like_html(text):
        text = html_to_text(text)
        notes.append("saved HTML page: markup stripped, visible text kept")
    return text, notes


def looks_english(text: str) -> bool:
    """A rough guess: mostly Latin letters, and English function words among the words."""
    text = text[:LANGUAGE_SAMPLE]
    # letters counted without a Python loop over the ASCII text (an ASCII letter is one
    # of A-Z, a-z): only the non-ASCII characters are looked at one by one
    other = [c for c in _ASCII.sub("", text) if c.isalpha()]
    letters = len(_ASCII_LETTER.findall(text)) + len(other)
    if letters:
        latin = letters - sum(1 for c in other if c >= "\u0250")  # Latin to Extended-B
        if latin / letters < 0.5:
            return False
    words = re.findall(r"[A-Za-z]+", text.lower())
    if len(words) < 20:
        return True
    hits = sum(1 for w in words if w in _ENGLISH_FUNCTION_WORDS)
    return hits / len(words) >= 0.05


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder, not a text file"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a regular file"
    return "not a regular file"


def read_regular(path: Path, root: Path, follow_symlinks: bool = False) -> bytes:
    """The bytes of a regular file of the corpus (:func:`open_regular`)."""
    with open_regular(path, root, follow_symlinks) as handle:
        return handle.read()


def open_regular(path: Path, root: Path, follow_symlinks: bool = False) -> BinaryIO:
    """A regular file of the corpus, open for reading. A symbolic link is refused unless
    ``follow_symlinks``, and even then when it points outside the corpus folder ``root``;
    folders, devices, pipes and sockets are refused. The file is opened without following
    a link and checked again once open, so it cannot be swapped for a link in between."""
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        if not follow_symlinks:
            raise InputError("a symbolic link, not read (pass --follow-symlinks to read links "
                             "that stay inside the corpus folder)", path)
        target = path.resolve()
        if root not in target.parents:
            raise InputError(f"a symbolic link to {target}, outside the corpus folder; "
                             "not read", path)
        path, info = target, os.lstat(target)
    if not stat.S_ISREG(info.st_mode):
        raise InputError(_kind(info.st_mode), path)
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    handle = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
        handle.close()
        raise InputError("not a regular file", path)
    return handle


def _check_fields(values: list[str], header: list[str], path: Path, line: int) -> None:
    for name, value in zip(header, values, strict=True):
        bad = _FIELD_CONTROL.search(value)
        if bad:
            raise InputError(f"field {name!r} holds a control character (U+{ord(bad.group()):04X});"
                             " remove it", path, line)


def manifest_rows(folder: Path, root: Path | None = None, follow_symlinks: bool = False,
                  ) -> tuple[list[str], Iterator[tuple[dict[str, str], int]]]:
    """The header's warnings, and the rows of ``manifest.csv`` with the line each starts
    on, decoded and checked one at a time as they are read (a manifest of a million rows
    is never held as rows); raises on any error, naming the line."""
    path = folder / MANIFEST_NAME
    if not os.path.lexists(path):
        raise InputError(f"no {MANIFEST_NAME} in the corpus folder", folder)
    handle = open_regular(path, root or folder.resolve(), follow_symlinks)
    try:
        bad_line = _first_bad_utf8_line(handle)
        if bad_line:
            raise InputError("the manifest is not valid UTF-8; save it as UTF-8", path,
                             bad_line)
        handle.seek(0)
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
        reader = csv.reader(text)
        with _csv_errors(reader, path):
            header, warnings = _manifest_header(reader, path)
    except BaseException:
        handle.close()
        raise
    return warnings, _closing(text, _manifest_body(reader, header, path))


def _closing(handle, rows: Iterator[tuple[dict[str, str], int]]
             ) -> Iterator[tuple[dict[str, str], int]]:
    """The rows, the manifest closed once they are read (or abandoned)."""
    try:
        yield from rows
    finally:
        handle.close()


@contextlib.contextmanager
def _csv_errors(reader, path: Path) -> Iterator[None]:
    """A CSV error as one clear message naming the manifest's line."""
    limit = csv.field_size_limit(MAX_FIELD_LENGTH)  # the same limit whoever changed it
    try:
        yield
    except csv.Error as exc:
        if "field limit" in str(exc):
            raise InputError(f"a field is longer than {MAX_FIELD_LENGTH:,} characters",
                             path, reader.line_num) from None
        raise InputError(f"cannot be read as CSV ({exc})", path, max(reader.line_num, 1)) from None
    finally:
        csv.field_size_limit(limit)


def _manifest_header(reader, path: Path) -> tuple[list[str], list[str]]:
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("the manifest is empty; it needs a header row", path, 1) from None
    header = [unicodedata.normalize("NFC", h.strip()) for h in header]
    _check_fields(header, header, path, 1)
    missing = [c for c in MANIFEST_COLUMNS if c not in header]
    if missing:
        raise InputError(f"missing column(s): {', '.join(missing)}", path, 1)
    warnings = []
    extra = [c for c in header if c not in MANIFEST_COLUMNS]
    if extra:
        warnings.append(f"{path}, line 1: extra column(s) ignored: {', '.join(extra)}")
    return header, warnings


def _manifest_body(reader, header: list[str], path: Path
                   ) -> Iterator[tuple[dict[str, str], int]]:
    ended = reader.line_num
    with _csv_errors(reader, path):
        for values in reader:
            line, ended = ended + 1, reader.line_num  # the line the row starts on
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                raise InputError(
                    f"{len(values)} fields where the header has {len(header)}", path, line
                )
            values = [unicodedata.normalize("NFC", v.strip()) for v in values]
            _check_fields(values, header, path, line)
            yield dict(zip(header, values, strict=True)), line


def check_article_id(article_id: str, path: Path, line: int) -> None:
    if not article_id:
        raise InputError("empty article_id", path, line)
    if len(article_id) > MAX_ID_LENGTH:
        raise InputError(f"article_id is {len(article_id)} characters long; at most "
                         f"{MAX_ID_LENGTH} are allowed", path, line)
    if not ARTICLE_ID.match(article_id):
        raise InputError(f"article_id {article_id!r} may hold only ASCII letters, digits, '_', "
                         "'-' and '.', and must start with a letter or digit", path, line)


def validate_published(value: str, path: Path, line: int, today: dt.date) -> dt.date:
    if not ISO_DATE.match(value):
        raise InputError(
            f"published date {value!r} is not an ISO date (YYYY-MM-DD)", path, line
        )
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"published date {value!r} is not a real date", path, line) from None
    if day > today:
        raise InputError(f"published date {value} lies in the future", path, line)
    return day


def _corpus_folder(folder: Path, follow_symlinks: bool) -> Path:
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        raise InputError("corpus folder not found", folder) from None
    if stat.S_ISLNK(info.st_mode):
        if not follow_symlinks:
            raise InputError("a symbolic link, not read (pass --follow-symlinks to read the "
                             "folder it points to)", folder)
        info = os.stat(folder)
    if not stat.S_ISDIR(info.st_mode):
        raise InputError("not a folder; the corpus is a folder of text files and "
                         f"{MANIFEST_NAME}", folder)
    return folder


@dataclass(frozen=True)
class Entry(ManifestRow):
    """One validated manifest row, its text not yet read (so a corpus streams)."""

    path: Path
    line: int
    root: Path
    follow_symlinks: bool = False


@dataclass(frozen=True)
class CorpusIndex:
    """A validated manifest: entries sorted by article_id and the manifest's warnings."""

    folder: Path
    entries: tuple[Entry, ...]
    warnings: tuple[tuple[int, str], ...]  # (manifest line, warning)


def _entry(row: dict[str, str], line: int, folder: Path, root: Path, names: FolderNames,
           today: dt.date, follow_symlinks: bool) -> Entry:
    manifest = folder / MANIFEST_NAME
    article_id, file = row["article_id"], row["file"]
    check_article_id(article_id, manifest, line)
    first = names.first_line(article_id, line)
    if first is not None:
        raise InputError(f"duplicate article_id {article_id!r} (first on line {first})",
                         manifest, line)
    if not file:
        raise InputError(f"row {article_id!r} names no file", manifest, line)
    if Path(file).name != file or file in (".", ".."):
        raise InputError(f"file {file!r} must be a plain file name", manifest, line)
    if Path(file).stem != article_id:
        raise InputError(
            f"article_id {article_id!r} is not the stem of its file {file!r}", manifest, line
        )
    name = names.name_of(file)
    if name is None:
        raise InputError(f"row {article_id!r} names a file that does not exist: {file}",
                         manifest, line)
    published = validate_published(row["published"], manifest, line, today)
    names.mark_listed(file)
    return Entry(article_id=article_id, file=file, outlet=row["outlet"], url=row["url"],
                 title=row["title"], published=published, date_basis=row["date_basis"],
                 language=row["language"], path=folder / name, line=line, root=root,
                 follow_symlinks=follow_symlinks)


class ManifestScan:
    """A corpus folder's entries, validated one manifest row at a time as they are
    iterated: a million rows stream through without being held. Checks that need every
    row (a repeated article_id, a text file no row names) keep only names; the last one
    runs when the iteration ends, so consume it whole before writing anything.
    ``warnings`` fills as the rows go by: (manifest line, warning)."""

    def __init__(self, folder: Path | str, today: dt.date | None = None,
                 follow_symlinks: bool = False) -> None:
        self.folder = _corpus_folder(Path(folder), follow_symlinks)
        self.root = self.folder.resolve()
        self.today = today or dt.date.today()
        self.follow_symlinks = follow_symlinks
        self.warnings: list[tuple[int, str]] = []

    def __iter__(self) -> Iterator[Entry]:
        folder, manifest = self.folder, self.folder / MANIFEST_NAME
        header_warnings, rows = manifest_rows(folder, self.root, self.follow_symlinks)
        self.warnings = [(1, w) for w in header_warnings]
        names = FolderNames(folder)
        try:
            for row, line in rows:
                entry = _entry(row, line, folder, self.root, names, self.today,
                               self.follow_symlinks)
                if entry.url and not entry.url.startswith(("http://", "https://")):
                    self.warnings.append((line, f"{manifest}, line {line}: url {entry.url!r} "
                                                "is not an http(s) address; it is kept as "
                                                "text and never linked"))
                yield entry
            unlisted = names.unlisted_texts()
        finally:
            names.close()
        if unlisted:
            raise InputError(
                f"text file has no row in {MANIFEST_NAME}: "
                f"{', '.join(key for key, _ in unlisted)}", folder / unlisted[0][1])


def scan_corpus(folder: Path | str, today: dt.date | None = None,
                follow_symlinks: bool = False) -> CorpusIndex:
    """Validate the manifest and the file list without reading any text, so a corpus of
    any size can be checked up front and then streamed (:func:`read_article`)."""
    scan = ManifestScan(folder, today, follow_symlinks)
    entries = sorted(scan, key=lambda e: e.article_id)
    return CorpusIndex(folder=scan.folder, entries=tuple(entries),
                       warnings=tuple(scan.warnings))


def read_article(entry: Entry) -> Article:
    """Read and decode one listed article (a regular file inside the corpus only); its
    repairs are in ``Article.warnings``."""
    data = read_regular(entry.path, entry.root, entry.follow_symlinks)
    text, notes = decode_text(data, entry.path)
    if not text.strip():
        raise InputError("empty article text", entry.path)
    language = entry.language or "en"
    if not entry.language:
        notes.append("language empty in the manifest; taken as 'en'")
    if language != "en" or not looks_english(text):
        notes.append("text does not look like English; the English rules may find nothing")
    row = {f.name: getattr(entry, f.name) for f in dataclasses.fields(ManifestRow)}
    return Article(**{**row, "language": language}, text=text, path=entry.path,
                   warnings=tuple(f"{entry.path}: {n}" for n in notes))


def ordered_warnings(manifest: list[tuple[int, str]],
                     articles: list[tuple[int, tuple[str, ...]]]) -> tuple[str, ...]:
    """The run log's order: by manifest line, a row's URL warning before its text repairs."""
    keyed = [(line, 0, i, w) for i, (line, w) in enumerate(manifest)]
    keyed += [(line, 1, i, w) for line, ws in articles for i, w in enumerate(ws)]
    return tuple(w for *_, w in sorted(keyed))


def load_corpus(folder: Path | str, today: dt.date | None = None,
                follow_symlinks: bool = False) -> Corpus:
    """Read and validate a corpus folder; errors name the file and the manifest line.
    Only regular files directly in the folder are read (see :func:`read_regular`)."""
    index = scan_corpus(folder, today, follow_symlinks)
    articles = [read_article(e) for e in index.entries]
    warnings = ordered_warnings(list(index.warnings),
                                [(e.line, a.warnings)
                                 for e, a in zip(index.entries, articles, strict=True)])
    return Corpus(folder=index.folder, articles=tuple(articles), warnings=warnings)
