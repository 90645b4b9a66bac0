"""Indonesian head words of events where agreements are signed."""

from __future__ import annotations

#: A capitalised name containing one of these names an event ("Forum ...", "Komite ...").
FORUM_HEADS: tuple[str, ...] = (
    "forum", "konferensi", "ktt", "kongres", "komite", "simposium", "konvensi", "pertemuan",
    "sidang", "musyawarah", "rapat", "rembug", "rembuk", "lokakarya", "summit", "conference", "committee",
    "congress",
)

#: Lower-case words that introduce an event name ("di sela-sela forum X").
FORUM_INTRO: tuple[str, ...] = ("konferensi", "forum", "ktt", "pertemuan", "sidang")

#: A capitalised name with one of these is a venue, not an event.
VENUE_WORDS: tuple[str, ...] = (
    "hotel", "gedung", "balai", "balaikota", "pendopo", "aula", "ruang", "convention center",
    "convention centre", "hall", "stadion", "kantor", "rumah dinas", "istana", "wisma", "auditorium",
    "kompleks", "gedhong", "pendapa", "graha", "center", "centre",
)
