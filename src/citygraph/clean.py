"""Clean a scraped article body before extraction.

News pages reach us with their furniture still attached: "Baca juga:" links,
photo captions, advert slots, reporter credits, and paragraphs the CMS printed
twice. Left in, they feed the extractor false sentences (a caption names the
mayors again, a "read also" headline names other cities) and double the
evidence. :func:`clean_text` removes them line by line.

It is deliberately conservative: a line goes only when it *is* noise as a whole
(a cue at its start followed by a colon, a marker alone on the line, a credit
in brackets) or repeats an earlier line nearly word for word. Dropping a real
sentence costs a fact; keeping a stray banner costs nothing much. Datelines
such as ``JAKARTA - ...`` or ``medcom.id, Bogor: ...`` are text and stay.

The cue words are language data in ``extract/lang/*/noise.py``; both
languages apply to every article because sites mix them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from citygraph.extract.lang.en import noise as en_noise
from citygraph.extract.lang.id import noise as id_noise

_NOISE_MODULES = (id_noise, en_noise)

#: A paragraph must have this many words before an exact repeat of it is
#: dropped: short lines ("smart city", a list item) legitimately recur.
MIN_WORDS_EXACT_REPEAT = 4
#: ... and this many before a near repeat (most of its word trigrams seen) is.
MIN_WORDS_NEAR_REPEAT = 8
#: Share of a paragraph's word trigrams already seen that makes it a near repeat.
NEAR_REPEAT_SHARE = 0.9
#: Credit lines are short; a longer line starting "Reporting by" is prose.
MAX_CREDIT_LINE_CHARS = 120


def _cues(name: str) -> list[str]:
    words: set[str] = set()
    for module in _NOISE_MODULES:
        words.update(getattr(module, name))
    # Longest first, so "keterangan foto" wins over "foto" in the alternation.
    return sorted(words, key=lambda w: (-len(w), w))


def _alternation(words: Iterable[str]) -> str:
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in words)


# Bullets or brackets some sites put before a cue: "» Baca juga:", "[Foto: ...]".
_LEAD = r"^[\s\[(»>*•·|\-–—]*"
# The cue must end there: a colon, an arrow or bar, a spaced dash, or the line's end.
_SEPARATOR = r"(?:\s*[:|»>–—]|\s+-|\s*$)"

_READ_ALSO_RE = re.compile(_LEAD + "(?:" + _alternation(_cues("READ_ALSO_PREFIXES")) + ")" + _SEPARATOR, re.I)
_CAPTION_RE = re.compile(_LEAD + "(?:" + _alternation(_cues("CAPTION_PREFIXES")) + r")\s*:", re.I)
_ADVERT_RE = re.compile(
    r"^[\W_]*(?:" + _alternation(_cues("ADVERT_MARKERS")) + r")[\W_]*$",
    re.I,
)
_ADVERT_PREFIX_RE = re.compile(_LEAD + "(?:" + _alternation(_cues("ADVERT_PREFIXES")) + r")\b", re.I)
_CREDIT_RE = re.compile(
    r"^\(?\s*(?:" + _alternation(_cues("CREDIT_PREFIXES")) + r")(?:\s*:|(?<=by)\s+\S)",
    re.I,
)
# "(ron/dwi)", "(*)", "(UWA)", "(ADV)", "(kp / ern)": an editor's initials alone on a line.
_INITIALS_RE = re.compile(r"^\(\s*(?:\*+|[^\W\d_]{1,8}(?:\s*/\s*[^\W\d_]{1,8})*)\s*\)$")
# The same with a slash, or "(*)", at the end of a paragraph after its last
# sentence: "... kata Abah Saiful. (ris/kun)". A lone "(DIY)" there may be text.
_TRAILING_INITIALS_RE = re.compile(
    r"(?<=[.!?\"”’'])\s+\(\s*(?:\*+|[^\W\d_]{1,8}(?:\s*/\s*[^\W\d_]{1,8})+)\s*\)$"
)

_NEWLINES_RE = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# Zero-width and invisible format characters, and the soft hyphen: they split
# words for the extractor without showing anywhere.
_INVISIBLE_RE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_SPACES_RE = re.compile(r"[^\S\n]+")
_WORD_RE = re.compile(r"\w+")


def clean_text(text: str, lang: str | None = None) -> str:
    """Return the article body without page furniture and repeated paragraphs.

    Steps, in order:

    1. Newlines become ``\\n``; Unicode is NFC (curly quotes stay); no-break
       and other odd spaces become a plain space; zero-width characters,
       control characters and lone surrogates go.
    2. Each line is stripped and its runs of spaces collapsed; a trailing
       credit after the last sentence ("... ujarnya. (ris/kun)") is cut.
    3. A line is dropped if it is a "read also" link, a photo caption, an
       advert marker or site plug, or a credit (initials in brackets,
       "Reporting by ...", "Editor: ...").
    4. A line is dropped if it repeats an earlier kept line: exactly (ignoring
       case and punctuation, at least four words) or nearly (at least eight
       words, nine in ten of its word trigrams already seen). The first
       occurrence is the one kept.
    5. Paragraphs keep their layout: lines of one block stay on consecutive
       lines, blocks are separated by one blank line.

    ``lang`` is accepted for symmetry with the extractor but does not select
    the cue lists: both languages' cues apply to every article, since
    Indonesian sites run English captions and the reverse. The result is
    idempotent: cleaning it again changes nothing.
    """
    del lang  # see docstring: both languages always apply
    text = _normalise(text)
    kept: list[str] = []  # "" marks a block boundary
    seen_keys: set[str] = set()
    seen_trigrams: set[tuple[str, str, str]] = set()
    for raw in text.split("\n"):
        line = _strip_trailing_initials(_SPACES_RE.sub(" ", raw).strip())
        if not line:
            if kept and kept[-1]:
                kept.append("")
            continue
        if is_noise_line(line):
            continue
        if _is_repeat(line, seen_keys, seen_trigrams):
            continue
        kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept)


def is_noise_line(line: str) -> bool:
    """Whether one stripped line is furniture as a whole (see :func:`clean_text`, step 3)."""
    return bool(
        _READ_ALSO_RE.match(line)
        or _CAPTION_RE.match(line)
        or _ADVERT_RE.match(line)
        or _ADVERT_PREFIX_RE.match(line)
        or _INITIALS_RE.match(line)
        or _is_credit(line)
    )


def _is_credit(line: str) -> bool:
    """Whether a short line is a credit: "(Reporting by ...; editing by ...)", "Editor: Rina".

    Outside brackets a credit must not end like a sentence, so "Reporting by
    the council shows ... ." stays.
    """
    if len(line) > MAX_CREDIT_LINE_CHARS or not _CREDIT_RE.match(line):
        return False
    bracketed = line.startswith("(") and line.endswith(")")
    return bracketed or not line.endswith((".", "!", "?", "\"", "”"))


def _normalise(text: str) -> str:
    text = _SURROGATE_RE.sub("\ufffd", text)
    text = _NEWLINES_RE.sub("\n", text)
    text = _INVISIBLE_RE.sub("", text)
    text = _CONTROL_RE.sub("", text.replace("\t", " "))
    return unicodedata.normalize("NFC", text)


def _strip_trailing_initials(line: str) -> str:
    while True:
        shorter = _TRAILING_INITIALS_RE.sub("", line)
        if shorter == line:
            return line
        line = shorter


def _is_repeat(line: str, seen_keys: set[str], seen_trigrams: set[tuple[str, str, str]]) -> bool:
    """Whether ``line`` repeats earlier kept lines; if not, remember it.

    Only kept lines are remembered, so the verdicts do not change when the
    cleaned text is cleaned again.
    """
    words = _WORD_RE.findall(line.casefold())
    key = " ".join(words)
    trigrams = list(zip(words, words[1:], words[2:], strict=False))
    if len(words) >= MIN_WORDS_EXACT_REPEAT and key in seen_keys:
        return True
    if len(words) >= MIN_WORDS_NEAR_REPEAT:
        seen = sum(1 for t in trigrams if t in seen_trigrams)
        if seen >= NEAR_REPEAT_SHARE * len(trigrams):
            return True
    seen_keys.add(key)
    seen_trigrams.update(trigrams)
    return False
