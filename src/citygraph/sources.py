"""Read articles from text, HTML, JSON Lines and CSV files, or stdin.

:func:`read_articles` is the one entry point: it turns paths into cleaned
:class:`~citygraph.model.Article` records. Bad input does not stop a batch: a
file (or one line of a JSON Lines or CSV file) that cannot be read is yielded
as a :class:`~citygraph.errors.SourceError` naming it, and reading goes on,
so the caller reports it and imports the rest.

Nothing here knows about RDF or extraction; the only transformation of the
text is :func:`citygraph.clean.clean_text`.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from citygraph.clean import clean_text
from citygraph.defaults import MAX_ARTICLE_CHARS
from citygraph.errors import SourceError
from citygraph.model import Article

log = logging.getLogger(__name__)

#: File suffixes read when walking a folder, by reader.
SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".csv")
#: File names a folder walk passes over: gold annotations sit beside the
#: articles they describe (``../shared/corpus/README.md``) but are not articles.
#: Named explicitly, such a file is still read.
SKIPPED_NAMES = frozenset({"gold.jsonl"})
#: The path that means standard input.
STDIN = "-"
#: Values of the ``lang`` argument.
LANGS = ("id", "en", "auto")

_REQUIRED = ("id", "text")
# Enough bytes for MAX_ARTICLE_CHARS characters of UTF-8 (at most 4 bytes each),
# so a huge text file is never read whole.
_MAX_TEXT_BYTES = MAX_ARTICLE_CHARS * 4
# Pages carry scripts and markup besides the text; past this much a page is cut.
_MAX_HTML_BYTES = 32 * 1024 * 1024
_BINARY = "binary file"
_STDIN_LOCATION = "<stdin>"
_STDIN_ID = "stdin"
_LANG_ALIASES = {"id": "id", "in": "id", "ind": "id", "en": "en", "eng": "en"}

Result = Article | SourceError


def read_articles(paths: Iterable[str | Path], *, lang: str | None = None,
                  stdin: IO[bytes] | None = None) -> Iterator[Result]:
    """Yield each article found under ``paths``, or a SourceError for bad input.

    A path is a file, a folder (walked recursively in sorted order, taking
    ``.txt .html .htm .jsonl .csv``, skipping hidden files and folders and
    ``gold.jsonl`` annotation files), or
    ``"-"`` for standard input: JSON Lines if its first non-blank character
    is ``{``, else one plain-text article with id ``stdin``. ``stdin`` replaces
    ``sys.stdin.buffer`` (for tests and embedding).

    ``lang`` "id" or "en" forces the language of every article; "auto" or
    None keeps a record's own ``lang`` (JSON Lines, CSV, ``<html lang>``) and
    otherwise leaves it None for the extractor to guess.

    Errors are yielded, not raised, so one bad line skips only itself; the
    message is ``location: reason``, e.g. ``a.jsonl:3: missing "text"``.

    Raises:
        ValueError: ``lang`` is not one of "id", "en", "auto" or None (a
            programming error, checked before anything is read).
    """
    if lang is not None and lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)} or None, not {lang!r}")
    forced = None if lang in (None, "auto") else lang
    return _read_all(paths, forced, stdin)


def count_inputs(paths: Iterable[str | Path]) -> int | None:
    """A cheap estimate of how many results :func:`read_articles` will yield.

    One per text or HTML file, one per non-blank line of a JSON Lines file and
    one per line after the header of a CSV file (a quoted field spanning lines
    makes this an overestimate). None when stdin is among the paths, since it
    cannot be counted without being consumed. Meant for sizing a progress bar.
    """
    total = 0
    for item in _expand(paths):
        if isinstance(item, SourceError):
            total += 1
        elif item == STDIN:
            return None
        else:
            suffix = item.suffix.lower()
            if suffix in (".jsonl", ".csv"):
                total += _count_lines(item, skip_header=suffix == ".csv")
            else:
                total += 1
    return total


def parse_published(value: object) -> dt.date | None:
    """An ISO date or datetime (``2016-06-09``, ``2016-06-09T10:00:00+07:00``) as a date.

    Empty values are None. Raises ValueError for anything else, with the value
    in the message.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"bad \"published\" date: {value!r} is not a string")
    text = value.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text.replace(" ", "T", 1)).date()
    except ValueError:
        raise ValueError(f"bad \"published\" date: {value!r} (expected ISO 8601, e.g. 2016-06-09)") from None


# --- walking the paths ------------------------------------------------------


def _read_all(paths: Iterable[str | Path], lang: str | None, stdin: IO[bytes] | None) -> Iterator[Result]:
    for item in _expand(paths):
        if isinstance(item, SourceError):
            yield item
        elif item == STDIN:
            yield from _read_stdin(stdin if stdin is not None else _stdin_bytes(), lang)
        else:
            yield from _read_file(item, lang)


def _expand(paths: Iterable[str | Path]) -> Iterator[Path | str | SourceError]:
    """Each input file (or ``"-"``) in order; folders walked; missing paths as errors."""
    for raw in paths:
        if str(raw) == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            if path.suffix.lower() in SUFFIXES:
                yield path
            else:
                yield SourceError(str(path), f"unsupported file type (expected one of {' '.join(SUFFIXES)})")
        elif path.exists():
            yield SourceError(str(path), "not a regular file")
        else:
            yield SourceError(str(path), "no such file or directory")


def _walk(folder: Path) -> Iterator[Path | SourceError]:
    found: list[tuple[Path, SourceError | None]] = []

    def on_error(error: OSError) -> None:
        where = Path(error.filename or folder)
        found.append((where, SourceError(str(where), f"cannot read folder ({error.strerror})")))

    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            (Path(root, name), None) for name in files
            if not name.startswith(".") and name not in SKIPPED_NAMES
            and Path(name).suffix.lower() in SUFFIXES
        )
    for path, error in sorted(found, key=lambda item: item[0].parts):
        yield error or path


def _count_lines(path: Path, *, skip_header: bool) -> int:
    lines = 0
    try:
        with path.open("rb") as f:
            last = b"\n"
            for chunk in iter(lambda: f.read(1 << 20), b""):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
            lines += last != b"\n"
    except OSError:
        return 1
    return max(lines - skip_header, 0)


def _read_file(path: Path, lang: str | None) -> Iterator[Result]:
    location = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            with path.open("rb") as f:
                yield from _read_jsonl(f, location, lang)
        elif suffix == ".csv":
            with path.open("rb") as f:
                yield from _read_csv(f, location, lang)
        elif suffix in (".html", ".htm"):
            with path.open("rb") as f:
                data = f.read(_MAX_HTML_BYTES + 1)
            if len(data) > _MAX_HTML_BYTES:
                log.warning("%s: page is over %d bytes; only the start is read", location, _MAX_HTML_BYTES)
            yield _read_html(data[:_MAX_HTML_BYTES], location, path.stem, lang,
                             cut=len(data) > _MAX_HTML_BYTES)
        else:
            with path.open("rb") as f:
                yield _read_text(f, location, path.stem, lang)
    except OSError as e:
        yield SourceError(location, f"cannot read ({e.strerror or e})")


def _stdin_bytes() -> IO[bytes]:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer
    # A text-only replacement (some test runners): re-encode it.
    return io.BytesIO(sys.stdin.read().encode("utf-8", "surrogatepass"))


def _read_stdin(stream: IO[bytes], lang: str | None) -> Iterator[Result]:
    head: list[bytes] = []
    while line := stream.readline():
        head.append(line)
        if line.strip():
            break
    first = b"".join(head).lstrip()
    if first.startswith(b"\xef\xbb\xbf"):
        first = first[3:].lstrip()
    if first.startswith(b"{"):
        yield from _read_jsonl(itertools.chain(head, stream), _STDIN_LOCATION, lang)
    else:
        yield _read_text(_Prepend(b"".join(head), stream), _STDIN_LOCATION, _STDIN_ID, lang)


class _Prepend:
    """A byte stream with bytes already read put back in front."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = head
        self._rest = rest

    def read(self, size: int = -1) -> bytes:
        head, self._head = self._head, b""
        if size < 0:
            return head + self._rest.read()
        if len(head) >= size:
            self._head = head[size:]
            return head[:size]
        return head + self._rest.read(size - len(head))


# --- decoding ---------------------------------------------------------------


def _decode(data: bytes, *, final: bool = True) -> str:
    """UTF-8 (a BOM is dropped); raises ValueError with a reason for the user.

    With ``final=False`` an incomplete character at the end (a cut read) is dropped.
    """
    if b"\x00" in data:
        raise ValueError(_BINARY)
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return codecs.getincrementaldecoder("utf-8")().decode(data[skip:], final=final)
    except UnicodeDecodeError as e:
        offset = skip + e.start
        raise ValueError(f"not UTF-8 text (invalid byte 0x{data[offset]:02x} at offset {offset})") from None


def _cut(text: str, location: str, *, longer: bool = False) -> str:
    if len(text) <= MAX_ARTICLE_CHARS and not longer:
        return text
    log.warning("%s: article is over %d characters; cut to that length", location, MAX_ARTICLE_CHARS)
    return text[:MAX_ARTICLE_CHARS]


def _normalise_lang(value: object) -> str | None:
    """``id``/``en`` from a language tag (``id-ID``, ``EN``, ``in``); None otherwise."""
    if not isinstance(value, str):
        return None
    primary = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    return _LANG_ALIASES.get(primary)


def _article(location: str, article_id: str, body: str, *, lang: str | None,
             title: str | None = None, url: str | None = None,
             published: dt.date | None = None, record_lang: object = None) -> Result:
    text = clean_text(_cut(body, location), lang)
    if not text:
        return SourceError(location, "empty article")
    return Article(
        id=article_id,
        text=text,
        title=_optional(title),
        url=_optional(url),
        published=published,
        lang=lang or _normalise_lang(record_lang),
        source=location,
    )


def _optional(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


# --- plain text -------------------------------------------------------------


def _read_text(stream: Any, location: str, article_id: str, lang: str | None) -> Result:
    """The whole body as one article; at most enough bytes for the size limit are read."""
    data = stream.read(_MAX_TEXT_BYTES + 1)
    longer = len(data) > _MAX_TEXT_BYTES
    if longer:
        data = data[:_MAX_TEXT_BYTES]
    try:
        body = _decode(data, final=not longer)
    except ValueError as e:
        return SourceError(location, str(e))
    return _article(location, article_id, _cut(body, location, longer=longer), lang=lang)


# --- JSON Lines -------------------------------------------------------------


def _read_jsonl(lines: Iterable[bytes], location: str, lang: str | None) -> Iterator[Result]:
    """One article per line, streamed; a bad line yields an error and is skipped."""
    for number, raw in enumerate(lines, 1):
        where = f"{location}:{number}"
        if not raw.strip():
            continue
        try:
            line = _decode(raw)
        except ValueError as e:
            yield SourceError(where, "binary data" if str(e) == _BINARY else str(e))
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield SourceError(where, f"malformed JSON ({e.msg}: column {e.colno})")
            continue
        except RecursionError:
            yield SourceError(where, "malformed JSON (nested too deeply)")
            continue
        if not isinstance(record, dict):
            yield SourceError(where, f"expected a JSON object, got {_json_type(record)}")
            continue
        yield _from_record(record, where, lang)


def _from_record(record: Mapping[str, Any], where: str, lang: str | None) -> Result:
    """An article from a JSON object or a CSV row (whose values are all strings)."""
    for name in _REQUIRED:
        value = record.get(name)
        if isinstance(value, int) and not isinstance(value, bool) and name == "id":
            value = str(value)
        if value is None or (isinstance(value, str) and not value.strip()):
            return SourceError(where, f'missing "{name}"')
        if not isinstance(value, str):
            return SourceError(where, f'"{name}" must be a string, not {_json_type(value)}')
    for name in ("title", "url"):
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return SourceError(where, f'"{name}" must be a string, not {_json_type(value)}')
    try:
        published = parse_published(record.get("published"))
    except ValueError as e:
        return SourceError(where, str(e))
    article_id = str(record["id"]).strip()
    return _article(
        where, article_id, record["text"], lang=lang,
        title=record.get("title"), url=record.get("url"),
        published=published, record_lang=record.get("lang"),
    )


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


# --- CSV --------------------------------------------------------------------


def _read_csv(stream: IO[bytes], location: str, lang: str | None) -> Iterator[Result]:
    """One article per row after a header naming the columns; streamed.

    Lines are decoded one by one so an undecodable line spoils only the row
    that holds it, not the rest of the file.
    """
    _allow_large_fields()
    bad_lines: dict[int, str] = {}

    def decoded() -> Iterator[str]:
        for number, raw in enumerate(stream, 1):
            try:
                yield _decode(raw if number > 1 else raw.removeprefix(codecs.BOM_UTF8))
            except ValueError as e:
                bad_lines[number] = "binary data" if str(e) == _BINARY else str(e)
                yield raw.replace(b"\x00", b"").decode("utf-8", "replace")

    reader = csv.reader(decoded())
    try:
        header = next(reader, None)
    except csv.Error as e:
        yield SourceError(f"{location}:1", f"malformed CSV ({e})")
        return
    if header is None:
        yield SourceError(location, "empty file")
        return
    if 1 in bad_lines:
        yield SourceError(f"{location}:1", bad_lines[1])
        return
    columns = [name.strip().lower() for name in header]
    for name in _REQUIRED:
        if name not in columns:
            yield SourceError(f"{location}:1", f'missing column "{name}"')
            return
    end = reader.line_num
    while True:
        start = end + 1
        try:
            row = next(reader, None)
        except csv.Error as e:
            end = reader.line_num
            yield SourceError(f"{location}:{start}", f"malformed CSV ({e})")
            continue
        if row is None:
            return
        end = reader.line_num
        where = f"{location}:{start}"
        spoiled = [bad_lines.pop(n) for n in range(start, end + 1) if n in bad_lines]
        if spoiled:
            yield SourceError(where, spoiled[0])
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(columns):
            yield SourceError(where, f"{len(row)} fields but the header names {len(columns)}")
            continue
        record = dict(zip(columns, row, strict=False))
        missing = [name for name in _REQUIRED if name not in record]
        if missing:
            yield SourceError(where, f'missing column "{missing[0]}"')
            continue
        yield _from_record(record, where, lang)


def _allow_large_fields() -> None:
    """Raise the csv module's field limit (131072 by default) above our article cap."""
    wanted = min(sys.maxsize, 2**31 - 1)
    if csv.field_size_limit() < wanted:
        csv.field_size_limit(wanted)


# --- HTML -------------------------------------------------------------------

_DROP_TAGS = (
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside",
    "form", "button", "iframe", "svg", "canvas", "figcaption", "select", "textarea",
)
_BOILERPLATE_RE = re.compile(
    r"(?:^|[-_\s])(?:share|sharing|social|related|comments?|advert\w*|ads?|iklan|menu|"
    r"sidebar|breadcrumbs?|newsletter|subscribe|promo|popup|cookie|baca-?juga|tags?)(?:$|[-_\s])",
    re.I,
)
_BLOCK_TAGS = frozenset(
    "address article blockquote dd div dl dt fieldset figure h1 h2 h3 h4 h5 h6 hr li main "
    "ol p pre section table tbody thead tfoot tr td th ul body html".split()
)
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.I)


def _read_html(data: bytes, location: str, stem: str, lang: str | None, *, cut: bool = False) -> Result:
    """Main text of a news page, with its title, date, canonical URL and language.

    The page's own ``<meta charset>`` is honoured when it is not UTF-8. Page
    furniture (scripts, navigation, header, footer, asides, forms, and elements
    whose class or id says share, related, comment, advert, menu, sidebar,
    breadcrumb ...) is removed before the text of ``<article>`` (else
    ``<main>``, else ``<body>``) is taken, one paragraph per block element.
    """
    try:
        html = _decode_html(data, final=not cut)
    except ValueError as e:
        return SourceError(location, str(e))
    tree = LexborHTMLParser(html)
    title = _html_title(tree)
    published = _html_published(tree, location)
    url = _meta(tree, 'link[rel="canonical"]', "href") or _meta(tree, 'meta[property="og:url"]', "content")
    page_lang = tree.root.attributes.get("lang") if tree.root is not None else None
    _drop_boilerplate(tree)
    main = _main_node(tree)
    body = _block_text(main) if main is not None else ""
    if title:
        # The headline is kept as the title, not repeated as the first paragraph.
        first, _, rest = body.partition("\n\n")
        if " ".join(first.split()) == title:
            body = rest
    if not body.strip():
        return SourceError(location, "no text found")
    return _article(location, stem, body, lang=lang, title=title, url=url,
                    published=published, record_lang=page_lang)


def _decode_html(data: bytes, *, final: bool) -> str:
    try:
        return _decode(data, final=final)
    except ValueError as utf8_error:
        if str(utf8_error) == _BINARY:
            raise
        match = _CHARSET_RE.search(data[:4096])
        if match:
            try:
                return data.decode(match.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
        raise


def _meta(tree: LexborHTMLParser, selector: str, attribute: str) -> str | None:
    node = tree.css_first(selector)
    value = node.attributes.get(attribute) if node is not None else None
    return value.strip() or None if value else None


def _html_title(tree: LexborHTMLParser) -> str | None:
    """og:title, else the first ``<h1>``, else ``<title>``: the cleanest headline first."""
    candidates = [_meta(tree, 'meta[property="og:title"]', "content")]
    for selector in ("h1", "title"):
        node = tree.css_first(selector)
        candidates.append(node.text() if node is not None else None)
    for candidate in candidates:
        title = _optional(candidate)
        if title:
            return title
    return None


def _html_published(tree: LexborHTMLParser, location: str) -> dt.date | None:
    """The first parsable of article:published_time, datePublished, ``<time datetime>``.

    Page metadata is often sloppy, so an unparsable value is logged and skipped
    rather than rejecting the article.
    """
    values = [
        _meta(tree, 'meta[property="article:published_time"]', "content"),
        _meta(tree, 'meta[itemprop="datePublished"]', "content"),
        _meta(tree, 'meta[name="pubdate"]', "content"),
        _meta(tree, "time[datetime]", "datetime"),
    ]
    for value in values:
        if value:
            try:
                return parse_published(value)
            except ValueError as e:
                log.warning("%s: %s; ignored", location, e)
    return None


def _drop_boilerplate(tree: LexborHTMLParser) -> None:
    _decompose(tree.css(", ".join(_DROP_TAGS)))
    body = tree.body
    total = len(body.text()) if body is not None else 0
    doomed = []
    for node in tree.css("[class], [id]"):
        if node.tag in ("html", "body", "main", "article"):
            continue
        names = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        # A wrapper named "has-sidebar" may hold the story itself: keep any
        # element carrying most of the page's text.
        if _BOILERPLATE_RE.search(names) and not (total and len(node.text()) > total / 2):
            doomed.append(node)
    _decompose(doomed)


def _decompose(nodes: list[LexborNode]) -> None:
    """Remove nodes, outermost only: a node inside one already removed is freed with it."""
    ids = {node.mem_id for node in nodes}
    outermost = []
    for node in nodes:  # decide everything first: a freed node has no parents to ask
        parent = node.parent
        while parent is not None and parent.mem_id not in ids:
            parent = parent.parent
        if parent is None:
            outermost.append(node)
    for node in outermost:
        node.decompose()


def _main_node(tree: LexborHTMLParser) -> LexborNode | None:
    for selector in ("article", "main", '[role="main"]'):
        nodes = tree.css(selector)
        if nodes:
            return max(nodes, key=lambda n: len(n.text()))
    return tree.body


def _block_text(root: LexborNode) -> str:
    """Text with a blank line between block elements and a newline for ``<br>``.

    Iterative, so deeply nested markup cannot exhaust the recursion limit.
    """
    parts: list[str] = []
    stack: list[LexborNode | str] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        tag = item.tag
        if tag == "-text":
            parts.append(item.text_content or "")
        elif tag == "br":
            parts.append("\n")
        elif tag and not tag.startswith("-"):
            block = tag in _BLOCK_TAGS
            if block:
                parts.append("\n\n")
                stack.append("\n\n")
            stack.extend(reversed(list(item.iter(include_text=True))))
    text = "".join(parts)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
