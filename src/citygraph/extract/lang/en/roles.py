"""English titles of office, honorifics and the words around them.

English puts the place before the title ("Bogor Mayor Bima Arya") as often as
after it ("the Mayor of Bogor"); both are handled by the same code.
"""

from __future__ import annotations

from citygraph.model import Role

TITLES: dict[str, Role] = {
    "mayor": Role.MAYOR,
    "lord mayor": Role.MAYOR,
    "deputy mayor": Role.DEPUTY_MAYOR,
    "vice mayor": Role.DEPUTY_MAYOR,
    "deputy lord mayor": Role.DEPUTY_MAYOR,
    "regent": Role.REGENT,
    "deputy regent": Role.DEPUTY_REGENT,
    "vice regent": Role.DEPUTY_REGENT,
    "governor": Role.GOVERNOR,
    "deputy governor": Role.DEPUTY_GOVERNOR,
    "vice governor": Role.DEPUTY_GOVERNOR,
    "lieutenant governor": Role.DEPUTY_GOVERNOR,
    "minister": Role.MINISTER,
    "secretary of state": Role.MINISTER,
    "president": Role.HEAD_OF_STATE,
    "municipal president": Role.MAYOR,
    "city manager": Role.OFFICIAL,
    "prime minister": Role.HEAD_OF_STATE,
    "ambassador": Role.AMBASSADOR,
    "consul": Role.CONSUL,
    "consul general": Role.CONSUL,
    "consul-general": Role.CONSUL,
    "secretary": Role.SECRETARY,
    "secretary general": Role.SECRETARY,
    "secretary-general": Role.SECRETARY,
    "regional secretary": Role.SECRETARY,
    "city secretary": Role.SECRETARY,
    "town clerk": Role.SECRETARY,
    "chargé d'affaires": Role.OFFICIAL,
    "charge d'affaires": Role.OFFICIAL,
    "attache": Role.OFFICIAL,
    "attaché": Role.OFFICIAL,
    "leader": Role.OFFICIAL,
    "councillor": Role.OFFICIAL,
    "councilmember": Role.OFFICIAL,
    "council member": Role.OFFICIAL,
    "alderman": Role.OFFICIAL,
    "regional director": Role.OFFICIAL,
    "state secretary": Role.SECRETARY,
    "chief executive": Role.OFFICIAL,
    "head": Role.OFFICIAL,
    "director": Role.OFFICIAL,
    "director-general": Role.OFFICIAL,
    "director general": Role.OFFICIAL,
    "chief minister": Role.MINISTER,
    "minister counsellor": Role.OFFICIAL,
    "minister-counsellor": Role.OFFICIAL,
    "gov": Role.GOVERNOR,
    "lt. gov": Role.DEPUTY_GOVERNOR,
    "lt gov": Role.DEPUTY_GOVERNOR,
    "spokesman": Role.OFFICIAL,
    "spokeswoman": Role.OFFICIAL,
    "spokesperson": Role.OFFICIAL,
    "chief representative": Role.OFFICIAL,
    "representative": Role.OFFICIAL,
    "rector": Role.OFFICIAL,
    "member": Role.OFFICIAL,
    "assemblyman": Role.OFFICIAL,
    "legislator": Role.OFFICIAL,
    "lord provost": Role.MAYOR,
    "burgomaster": Role.MAYOR,
    "chairman": Role.OFFICIAL,
    "chair": Role.OFFICIAL,
}

#: "Environment Secretary", "Foreign Secretary": a portfolio before "Secretary"
#: makes a minister in British usage.
PORTFOLIO_SECRETARY: str = "secretary"

HEAD_TITLES: frozenset[str] = frozenset({"head", "director", "director-general", "director general", "chairman",
                                         "chair", "leader", "councillor"})

ACTING_PREFIXES: tuple[str, ...] = ("acting", "interim", "caretaker")

FORMER_PREFIXES: tuple[str, ...] = ("former", "ex-", "then-", "outgoing")

#: Honorifics skipped before a name; the second line are Indonesian ones that English copy keeps
#: ("Drs H. Syamsul Rizal", "Ir. Joko").
HONORIFICS: frozenset[str] = frozenset("""
    cr cllr dr hon mr mrs ms mx prof sir dame rt the lord datuk dato datin tun h hj haji hajah
    drs dra drg drh ir kh
    lt gen col maj capt brig adm ret cdr sgt
    """.split())

DEGREES: frozenset[str] = frozenset("""
    ba bsc ma msc mba phd md jr sr obe mbe cbe msi mm mt se sh spd ssos skom
    """.split())

#: Words of a unit or portfolio that continue a title rather than start a name.
TITLE_WORDS: frozenset[str] = frozenset("""
    affairs agriculture and culture development economic economy education energy environment
    finance foreign forestry health home housing industry infrastructure interior international
    of planning relations tourism trade transport urban works to for
    """.split())

#: Abbreviations of a country in titles; none in English news.
OWN_COUNTRY: dict[str, str] = {}

#: Right before a title: the person named is represented by the signer, not a signer.
REPRESENTED: tuple[str, ...] = ("on behalf of", "representing", "in place of", "standing in for", "stood in for")

#: After these, the people named are witnesses ("witnessed by X").
WITNESS_CUES: tuple[str, ...] = ("witnessed by", "accompanied by", "in the presence of", "attended by", "witnessed")

#: Before these, the people named are witnesses ("X looked on as ...").
WITNESS_VERBS: tuple[str, ...] = ("looked on", "attended", "witnessed the", "watched")
