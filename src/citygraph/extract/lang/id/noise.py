"""Indonesian cues for lines that are page furniture, not article text.

Scraped Indonesian news carries "Baca juga:" links, photo captions, advert
markers and reporter credits between the paragraphs. ``citygraph.clean`` drops
a line that starts with one of these cues (followed by a colon, a dash or the
end of the line, so a real sentence that happens to begin with the same words
survives). All cues are lower case; matching ignores case.
"""

from __future__ import annotations

#: "Read also" links to other stories: the rest of the line is another headline.
READ_ALSO_PREFIXES: tuple[str, ...] = (
    "artikel terkait",
    "baca juga",
    "baca pula",
    "berita terkait",
    "lihat juga",
    "simak juga",
)

#: Photo captions and their credits ("Foto: ...", "Foto : ...").
CAPTION_PREFIXES: tuple[str, ...] = (
    "foto",
    "ilustrasi",
    "keterangan foto",
    "sumber foto",
)

#: A line that is only one of these is an advert slot or a site banner.
ADVERT_MARKERS: tuple[str, ...] = (
    "advertorial",
    "iklan",
    "konten berbayar",
    "scroll untuk melanjutkan",
)

#: A line that starts with one of these is a site's plug for its other channels.
ADVERT_PREFIXES: tuple[str, ...] = (
    "cek berita dan artikel yang lain di",
    "dapatkan update berita pilihan",
    "ikuti berita terkini",
    "simak berita dan artikel lainnya di",
)

#: Short credit lines ("Editor: Rina", "Pewarta: Budi") alone on a line.
CREDIT_PREFIXES: tuple[str, ...] = (
    "editor",
    "pewarta",
    "penulis",
    "reporter",
)
