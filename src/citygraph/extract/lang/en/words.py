"""Frequent English function words, used to tell the article's language."""

from __future__ import annotations

STOP_WORDS: frozenset[str] = frozenset("""
    a an and are as at be been but by for from had has have he in is it its of on or said
    she that the their they this to was were which who will with would
    """.split())
