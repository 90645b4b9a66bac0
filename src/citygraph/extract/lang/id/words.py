"""Frequent Indonesian function words, used to tell the article's language."""

from __future__ import annotations

STOP_WORDS: frozenset[str] = frozenset("""
    ada adalah akan antara atau bagi bahwa banyak belum bersama dalam dan dari dengan di
    dia ini itu jadi juga kami karena ke kedua kepada kita lebih masih mereka oleh pada para
    saat sebagai sejak sudah tahun tak telah tersebut tidak untuk yang
    """.split())
