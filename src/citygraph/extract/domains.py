"""Cooperation domains named in a sentence, from each language's cue words.

Longer cues win over the shorter ones inside them ("ekonomi kreatif" is
creative economy, not economy). Spans that are names (of forums, offices,
organisations) are masked first: "Indonesia Smart City Forum" says nothing
about the scope of an agreement, nor does "Minister of Environment". A long
word that misses a cue by one typo ("keshatan") still counts, since scraped
news is full of them.
"""

from __future__ import annotations

import re

from citygraph.extract.lang import Language

_MIN_FUZZY = 8
_WORD = re.compile(rf"[a-zA-Z]{{{_MIN_FUZZY},}}")


def find_domains(sentence: str, langs: list[Language], masked: list[tuple[int, int]] = ()) -> list[str]:
    """Domain codes named in ``sentence``, in order of first mention."""
    text = _mask(sentence, masked)
    hits: list[tuple[int, int, str]] = []
    for lang in langs:
        for code, pattern in lang.domains:
            for m in pattern.finditer(text):
                hits.append((m.start(), m.end(), code))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    chosen: list[tuple[int, int, str]] = []
    # the characters of the cues chosen so far (a cue is chosen when it overlaps none): comparing each cue
    # with every cue chosen was quadratic in a long sentence of cues
    taken = bytearray(len(text) + 1)
    for hit in sorted(hits, key=lambda h: -(h[1] - h[0])):
        if taken.find(1, hit[0], hit[1]) < 0:
            chosen.append(hit)
            taken[hit[0]:hit[1]] = b"\x01" * (hit[1] - hit[0])
    chosen += _fuzzy(text, langs, taken)
    ordered: list[str] = []
    for _a, _b, code in sorted(chosen):
        if code not in ordered:
            ordered.append(code)
    return ordered


def _mask(sentence: str, spans) -> str:
    chars = list(sentence)
    for a, b in spans:
        for i in range(max(0, a), min(len(chars), b)):
            chars[i] = " "
    return "".join(chars)


def _fuzzy(text: str, langs: list[Language], taken: bytearray) -> list[tuple[int, int, str]]:
    """Single long words within one edit of a single-word cue (``taken`` marks the characters of cues found)."""
    cues = _single_word_cues(tuple(langs))
    extra = []
    for m in _WORD.finditer(text):
        if taken.find(1, m.start(), m.end()) >= 0:
            continue
        word = m.group().lower()
        for cue, code in cues:
            if abs(len(cue) - len(word)) <= 1 and word != cue and _one_edit(word, cue):
                extra.append((m.start(), m.end(), code))
                break
    return extra


_CUE_CACHE: dict[tuple[str, ...], list[tuple[str, str]]] = {}


def _single_word_cues(langs: tuple[Language, ...]) -> list[tuple[str, str]]:
    key = tuple(lang.code for lang in langs)
    if key not in _CUE_CACHE:
        out = []
        for lang in langs:
            for code, words in lang.module.domains.DOMAIN_CUES.items():
                for w in words:
                    if re.fullmatch(rf"[a-z]{{{_MIN_FUZZY},}}", w):
                        out.append((w, code))
        _CUE_CACHE[key] = out
    return _CUE_CACHE[key]


def _one_edit(a: str, b: str) -> bool:
    """True when one insertion, deletion, substitution or swap turns ``a`` into ``b``."""
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    for i in range(len(long_)):
        if long_[:i] + long_[i + 1:] == short:
            return True
    return False
