"""English words that are also place names: not a place without a cue.

Same contract as ``lang/id/gazetteer_stop.py``: the mention finder skips a
*single-token* name whose normalised form is listed here unless a kind cue
stands beside it ("the city of Reading", "Mobile City"). Chosen by principle,
not from the development articles:

- :data:`COMMON_WORDS`: frequent English words that GeoNames also knows as towns
  of 15,000+ inhabitants or that the Indonesian gazetteer uses as a name (Bath,
  Mobile, Nice, Of, Orange, Reading, Split, Union, ...). Indonesian news
  quotes English phrases ("Green Sister City"), so the gazetteer applies this
  list to Indonesian text too.
- :data:`NEVER_ALONE`: month and weekday names, number words, continents
  (GeoNames has a town called Asia).
- :data:`FIRST_NAMES`: frequent given names that are also town names
  (Austin, Chester, Florence, Jackson, Lincoln, Victoria, ...), and
  :data:`FAMILY_NAMES`: frequent family names, English and East Asian, that
  GeoNames knows as towns (Graham, Hidalgo, Yamada, Chen, ...). Personal names
  cross languages, so the gazetteer applies both lists to every text.

Names of big places (countries, first-level divisions, Indonesian provinces,
cities with 500,000+ inhabitants) are exempt from :data:`COMMON_WORDS` and
:data:`FIRST_NAMES`, so "Austin" or "Victoria" still count.
"""

from __future__ import annotations

COMMON_WORDS: frozenset[str] = frozenset(
    """
    about above after again against air all also american and angel any apple are arena
    army art as at bank bar base bath battle bay beach bear bell best big bird black blue
    board border bridge brook business by cap cape capital card center central chance
    church city clay clear coal coast college commerce common concord coral corner council
    country county court cross crown day deal deep delta diamond early east eden energy
    enterprise even every fair fall farm field fine first five floor for forest fort fortune
    forum free friend friendship from garden gate gold good grace grand green grove guard
    hall harbour harbor haven head heart high hill home hope house independence industry
    is island it joy junction just key king labour lake land last law lead liberty light
    lime line lion long lower made main mall man march market may middle mill mission
    mobile model moon more most mount mountain national natural new nice noble north not
    oak ocean of office old on one orange order palm paradise park peace pearl people pine
    place plain plant pleasant point port post power progress province public queen race
    rainbow reading red regent republic rich ridge river road rock rose round royal rush
    saint salt sand school sea second service she side silver smart social south spring
    split square star state station steel stone street success summit sun sunrise sunset
    table temple the this time to tower town trade trust union unity university upper
    valley victory view village vista wall war water wave way well west white wind wood
    world young
    international global urban policy development federal regional metropolitan general
    sustainable goals union asia pacific cooperation agreement festival culture tourism
    """.split()
)

NEVER_ALONE: frozenset[str] = frozenset(
    """
    january february march april june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    two three four six seven eight nine ten hundred thousand
    africa antarctica asia europe oceania
    """.split()
)

FIRST_NAMES: frozenset[str] = frozenset(
    """
    albert alexander alice alma amelia arthur ashley aurora austin beverly camden carmen
    charlotte chester clifton clinton eugene florence franklin georgia gloria grace
    hamilton irving isabela jackson jordan kingston lawrence lincoln madison marion
    mario marshall martin milton nelson norman pierre preston regina salem sofia stanley
    tyler victor victoria vincent warren washington wilson
    """.split()
)

FAMILY_NAMES: frozenset[str] = frozenset(
    """
    adams allen anderson bailey baker bell bennett brooks brown campbell carter chen cheng
    clark collins cook cooper davis edwards evans foster garcia gonzalez graham gray green
    hall harris hernandez hidalgo hill howard huang hughes hwang ito james johnson jones
    kang kato kelly kobayashi kwon lewis lopez martinez miller mitchell moore morgan morris
    murphy nakamura nguyen parker perez pham phillips price reed richardson roberts rogers
    ross sanchez sato scott shin smith stewart suzuki takahashi tanaka taylor thomas torres
    turner walker wang ward watanabe watson white williams wood wright yamada yamamoto yang
    yoon yoshida young zhang zhao zhou
    """.split()
)

#: Personal names, applied to text in any language.
PERSONAL_NAMES: frozenset[str] = FIRST_NAMES | FAMILY_NAMES
