"""English head words of events where agreements are signed."""

from __future__ import annotations

#: Trade expos and exhibitions are not forums in the annotation guidelines; a "Convention" is mostly a venue.
FORUM_HEADS: tuple[str, ...] = (
    "forum", "summit", "conference", "congress", "committee", "symposium", "meeting", "dialogue",
)

FORUM_INTRO: tuple[str, ...] = ("summit", "conference", "forum", "meeting")

VENUE_WORDS: tuple[str, ...] = (
    "hotel", "hall", "centre", "center", "building", "stadium", "palace", "house", "office", "park",
    "auditorium", "chambers", "residence", "headquarters",
)
