"""English head words of events where agreements are signed."""

from __future__ import annotations

FORUM_HEADS: tuple[str, ...] = (
    "forum", "summit", "conference", "congress", "committee", "symposium", "convention", "meeting",
    "assembly", "dialogue", "expo",
)

FORUM_INTRO: tuple[str, ...] = ("summit", "conference", "forum", "meeting")

VENUE_WORDS: tuple[str, ...] = (
    "hotel", "hall", "centre", "center", "building", "stadium", "palace", "house", "office", "park",
    "auditorium", "chambers", "residence", "headquarters",
)
