"""English cues for lines that are page furniture, not article text.

The same names as ``citygraph.extract.lang.id.noise``; ``citygraph.clean``
applies both languages to every article because Indonesian sites quote English
captions and English sites carry Indonesian credits. All cues are lower case.
"""

from __future__ import annotations

#: "Read more" links to other stories: the rest of the line is another headline.
READ_ALSO_PREFIXES: tuple[str, ...] = (
    "also read",
    "read also",
    "read more",
    "related",
    "see also",
)

#: Photo captions and their credits ("Photo: ...", "Pictured: ...").
CAPTION_PREFIXES: tuple[str, ...] = (
    "caption",
    "file photo",
    "image",
    "photo",
    "picture",
    "pictured",
)

#: A line that is only one of these is an advert slot or a site banner.
ADVERT_MARKERS: tuple[str, ...] = (
    "ad",
    "advertisement",
    "google news",
    "scroll to continue",
    "scroll to continue with content",
    "scroll to resume content",
    "sponsored",
    "sponsored content",
)

#: A line that starts with one of these is a site's plug for its other channels.
ADVERT_PREFIXES: tuple[str, ...] = (
    "follow us on",
    "sign up for our newsletter",
    "subscribe to our newsletter",
)

#: Short credit lines ("Reporting by ...; editing by ...") alone on a line.
CREDIT_PREFIXES: tuple[str, ...] = (
    "additional reporting by",
    "compiled by",
    "edited by",
    "editing by",
    "reporting by",
    "writing by",
    "written by",
)
