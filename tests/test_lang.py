"""Language data sanity (``citygraph.extract.lang``).

Every language is a package of the same small modules holding literals; the
code applies them side by side, so a name missing in one language is a bug
that only shows on that language's articles. Adding a language is adding a
package: ``available()`` must find it with no code change.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from citygraph.extract import lang as languages
from citygraph.extract.lang import available, detect, load
from citygraph.model import Instrument, Role

LANG_DIR = Path(languages.__file__).parent
README = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "README.md"

#: The 21 domain codes of ../shared/corpus/README.md: the contract with the annotators.
DOMAIN_CODES = frozenset("""
    smart_city transport economy_trade creative_economy industry tourism culture education
    human_resources health environment water_sanitation urban_planning governance
    disaster_management agriculture_food science_technology youth_sports social_welfare energy
    security
    """.split())

#: Names ``load()`` reads from each module: every language must define them.
REQUIRED = {
    "cues": {"COOPERATION", "SISTER", "SIGNING", "PLANNED", "RENEWED", "TIE", "SINCE", "NEGATION", "ANAPHORA",
             "CONTINUATION_STARTS", "LIST_INTRO", "LOCATIVE", "SENTENCE_OPENERS"},
    "roles": {"TITLES", "HEAD_TITLES", "ACTING_PREFIXES", "FORMER_PREFIXES", "HONORIFICS", "DEGREES",
              "TITLE_WORDS", "WITNESS_CUES"},
    "instruments": {"INSTRUMENT_PATTERNS"},
    "domains": {"DOMAIN_CUES"},
    "months": {"MONTHS", "WEEKDAYS", "RELATIVE_DAYS", "RELATIVE_YEARS", "RELATIVE_MONTHS", "PAST_MARKERS",
               "DEADLINE_PREFIXES"},
    "forums": {"FORUM_HEADS", "FORUM_INTRO", "VENUE_WORDS"},
    "words": {"STOP_WORDS"},
}


def _packages_on_disk() -> list[str]:
    return sorted(p.name for p in LANG_DIR.iterdir() if p.is_dir() and (p / "__init__.py").exists())


def _modules(code: str) -> set[str]:
    return {p.stem for p in (LANG_DIR / code).glob("*.py") if p.stem != "__init__"}


def _public(module) -> set[str]:
    return {n for n in vars(module) if n.isupper() and not n.startswith("_")}


def test_there_are_at_least_indonesian_and_english() -> None:
    assert {"id", "en"} <= set(available())


def test_available_lists_the_packages_on_disk() -> None:
    assert available() == _packages_on_disk()


@pytest.mark.parametrize("code", _packages_on_disk())
def test_every_language_has_the_same_modules(code: str) -> None:
    assert _modules(code) == _modules("id")


@pytest.mark.parametrize("code", _packages_on_disk())
@pytest.mark.parametrize("module", sorted(REQUIRED))
def test_every_language_defines_what_load_reads(code: str, module: str) -> None:
    mod = getattr(load(code).module, module)
    assert REQUIRED[module] <= _public(mod)


@pytest.mark.parametrize("code", _packages_on_disk())
def test_load_compiles_every_language(code: str) -> None:
    language = load(code)
    assert language.code == code
    for field in ("cooperation", "sister", "signing", "planned", "renewed", "tie", "negation", "witness"):
        assert isinstance(getattr(language, field), re.Pattern), field
    assert language.titles and all(isinstance(r, Role) for r in language.titles.values())
    assert {inst for inst, _p in language.instruments} <= set(Instrument)
    assert sorted(language.months.values())[0] == 1 and max(language.months.values()) == 12
    assert sorted(set(language.weekdays.values())) == list(range(7))
    assert load(code) is language  # compiled once


def test_load_unknown_language_says_what_is_available() -> None:
    with pytest.raises(ValueError, match="available: .*en.*id"):
        load("xx")


@pytest.mark.parametrize("code", _packages_on_disk())
def test_domain_codes_are_the_21_of_the_guidelines(code: str) -> None:
    assert set(load(code).module.domains.DOMAIN_CUES) == DOMAIN_CODES


def test_domain_codes_match_the_annotation_guidelines() -> None:
    if not README.exists():
        if os.environ.get("CITYGRAPH_REQUIRE_SHARED") == "1":
            pytest.fail(f"{README} is missing and CITYGRAPH_REQUIRE_SHARED=1")
        pytest.skip(f"annotation guidelines not found at {README} (outside the repository)")
    table = README.read_text(encoding="utf-8").split("## Cooperation domains", 1)[1]
    codes = set(re.findall(r"^\|\s*([a-z_]+)\s*\|", table, re.M)) - {"code"}
    assert codes == DOMAIN_CODES


@pytest.mark.parametrize("code", _packages_on_disk())
def test_each_domain_has_cues_and_every_cue_compiles(code: str) -> None:
    for domain, cues in load(code).module.domains.DOMAIN_CUES.items():
        assert cues, domain
        for cue in cues:
            re.compile(cue)


@pytest.mark.parametrize("code", _packages_on_disk())
def test_titles_are_lower_case_and_roles_are_roles(code: str) -> None:
    titles = load(code).module.roles.TITLES
    assert all(t == t.lower() for t in titles)
    assert set(load(code).module.roles.HEAD_TITLES) <= set(titles)


@pytest.mark.parametrize("code", _packages_on_disk())
def test_word_lists_are_lower_case(code: str) -> None:
    language = load(code)
    for name in ("stop_words", "honorifics", "degrees", "title_words", "sentence_openers", "forum_heads"):
        words = getattr(language, name)
        assert all(w == w.lower() for w in words), name


# -- detect ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (("Pemerintah Kota Bandung dan Kota Suwon telah menandatangani nota kesepahaman untuk "
         "bekerja sama di bidang pariwisata."), "id"),
        ("Wali Kota mengatakan bahwa kerja sama ini akan diperpanjang tahun depan.", "id"),
        ("The city council said that the two cities have been partners since 1995.", "en"),
        ("Brisbane and Semarang signed the agreement, which will run for five years.", "en"),
    ],
)
def test_detect_tells_indonesian_from_english(text: str, code: str) -> None:
    assert detect(text) == code


def test_detect_can_be_limited_to_candidates() -> None:
    assert detect("The mayor said that it was a good day.", candidates=["id"]) == "id"


# -- adding a language -----------------------------------------------------------


def test_a_new_language_package_is_found_and_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Copy English as a made-up language 'zz': available() and load() need no code change."""
    target = tmp_path / "zz"
    shutil.copytree(LANG_DIR / "en", target, ignore=shutil.ignore_patterns("__pycache__"))
    init = target / "__init__.py"
    source = init.read_text(encoding="utf-8").replace("lang.en import", "lang.zz import")
    init.write_text(source, encoding="utf-8")
    monkeypatch.setattr(languages, "__path__", [*languages.__path__, str(tmp_path)])
    try:
        assert "zz" in available()
        language = load("zz")
        assert language.code == "zz"
        assert language.titles == load("en").titles
    finally:
        load.cache_clear()
        for name in [n for n in sys.modules if n.startswith("citygraph.extract.lang.zz")]:
            del sys.modules[name]
