"""The network page as a file: offline (nothing loads from elsewhere), escaped, and the data each view draws.

What the page does in a browser is tested in test_viz_browser.py.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citygraph.cli import app
from citygraph.model import Agreement, Article, Evidence, Extraction, PartialDate, Place, PlaceKind
from citygraph.network import Filters, NetworkError
from citygraph.rdf import mint_place_iri
from citygraph.viz import GEO_SCALE, MAX_SIZE, MIN_SIZE, PageOptions, write_page
from fixtures_backend import BANDUNG, fixture_store

EVIL_NAME = '<script>alert(1)</script> "Kota" Jahat'
EVIL_EVIDENCE = 'Bandung and <img src=x onerror=alert(2)> signed "an MoU" </script><script>alert(3)</script>.'
EVIL_URL = "javascript:alert(4)"
#: Elements that would load something: a src or href on script, link, img, iframe, source, audio, video, embed.
LOADING = re.compile(r"<(script|link|img|iframe|source|audio|video|embed|object)\b[^>]*\b(src|href|data)\s*=",
                     re.IGNORECASE)
URL_ATTRIBUTE = re.compile(r"\b(?:src|href|action|srcset|poster)\s*=\s*[\"']?\s*(?:https?:)?//", re.IGNORECASE)


class Tags(HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer sees them (script bodies are raw text)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def evil_extraction() -> Extraction:
    evil = Place(key="X-ID-jahat", name=EVIL_NAME, kind=PlaceKind.CITY, country="ID", linked=False)
    agreement = Agreement(parties=[BANDUNG, evil], domains=["tourism"], date=PartialDate(2021),
                          evidence=[Evidence(EVIL_EVIDENCE, 0, len(EVIL_EVIDENCE))])
    article = Article(id="evil-1", text=EVIL_EVIDENCE, title='</title><script>alert(5)</script>', url=EVIL_URL,
                      lang="en")
    return Extraction(article, "en", places=[BANDUNG, evil], agreements=[agreement])


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    from fixtures_backend import all_extractions

    with fixture_store(tmp_path / "store", [*all_extractions(), evil_extraction()]):
        pass
    return tmp_path / "store"


def page(store_dir: Path, tmp_path: Path, options: PageOptions | None = None, filters: Filters | None = None,
         name: str = "page.html") -> tuple[str, dict]:
    from citygraph.store import open_store

    with open_store(str(store_dir), read_only=True) as store:
        write_page(store, tmp_path / name, filters, options)
    html = (tmp_path / name).read_text("utf-8")
    block = re.search(r'<script id="citygraph-data" type="application/json">(.*?)</script>', html, re.DOTALL)
    assert block is not None
    return html, json.loads(block.group(1))


def test_nothing_on_the_page_loads_from_elsewhere(store_dir: Path, tmp_path: Path) -> None:
    html, _ = page(store_dir, tmp_path)
    tags = Tags(html).tags
    assert [t for t, _ in tags if t == "script"] == ["script"] * 3  # vis-network, the data, network.js
    assert all("src" not in attrs and "href" not in attrs for tag, attrs in tags), tags
    assert not any(tag in ("link", "img", "iframe", "object", "embed", "base") for tag, _ in tags)
    assert not LOADING.search(html) and not URL_ATTRIBUTE.search(html)
    assert "@import" not in html and "url(http" not in html.replace(" ", "")
    assert "default-src 'none'" in html  # and the page may not fetch anything even if it tried


def test_article_text_is_escaped(store_dir: Path, tmp_path: Path) -> None:
    html, data = page(store_dir, tmp_path)
    for raw in (EVIL_NAME, "<script>alert(1)</script>", "<img src=x", "</script><script>alert(3)", "alert(5)</"):
        assert raw not in html
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in html
    assert [t for t, _ in Tags(html).tags if t == "script"] == ["script"] * 3  # none injected, none closed early
    # The data keep the text exactly; the page shows it with textContent.
    names = {n["cg"]["name"] for n in data["nodes"]}
    assert EVIL_NAME in names
    sources = [s for a in data["agreements"].values() for s in a["sources"]]
    assert any(s["evidence"] == EVIL_EVIDENCE and s["url"] == EVIL_URL for s in sources)


def test_a_hostile_title_is_escaped(store_dir: Path, tmp_path: Path) -> None:
    html, _ = page(store_dir, tmp_path, PageOptions(title='<b onmouseover="x">"Peta"</b>'))
    assert "<b onmouseover" not in html
    assert "&lt;b onmouseover=&#34;x&#34;&gt;&#34;Peta&#34;&lt;/b&gt;" in html


def test_nodes_sized_coloured_shaped_and_edges_by_domain(store_dir: Path, tmp_path: Path) -> None:
    _, data = page(store_dir, tmp_path, PageOptions(size="degree"))
    nodes = {n["cg"]["name"]: n for n in data["nodes"]}
    assert nodes["Bandung"]["size"] == MAX_SIZE  # degree 3, the most
    assert nodes["Seoul"]["size"] == MIN_SIZE
    assert nodes["Kyoto"]["shape"] == "triangle" and nodes["Bogor"]["shape"] == "dot"
    assert nodes["Bogor"]["color"] == nodes["Seoul"]["color"] != nodes["Bandung"]["color"]
    assert nodes["Bandung"]["cg"]["measures"]["degree"] == 3
    assert nodes["Bandung"]["cg"]["top_domains"][0] == ["tourism", 1] or nodes["Bandung"]["cg"]["top_domains"]
    edges = {frozenset((e["from"], e["to"])): e for e in data["edges"]}
    bogor_seoul = edges[frozenset(n["id"] for n in data["nodes"] if n["cg"]["name"] in ("Bogor", "Seoul"))]
    assert bogor_seoul["cg"]["dominant"] == "smart_city" and bogor_seoul["value"] == 1
    colours = {d["code"]: d["color"] for d in data["meta"]["domains"]}
    assert bogor_seoul["color"]["color"] == colours["smart_city"]
    assert data["meta"]["years"] == [2015, 2021]
    assert data["meta"]["countries"] == ["ID", "JP", "KR"]
    assert [c["number"] for c in data["meta"]["communities"]] == sorted(c["number"] for c in
                                                                        data["meta"]["communities"])


def test_neighbourhood_view(store_dir: Path, tmp_path: Path) -> None:
    _, data = page(store_dir, tmp_path, PageOptions(place="Bandung", depth=1))
    assert {n["cg"]["name"] for n in data["nodes"]} == {"Bandung", "Kyoto", "Mihara", EVIL_NAME}
    assert data["meta"]["centre"] == str(mint_place_iri(BANDUNG))
    with pytest.raises(NetworkError, match="no place named"):
        page(store_dir, tmp_path, PageOptions(place="Atlantis"))


def test_bipartite_view(store_dir: Path, tmp_path: Path) -> None:
    _, data = page(store_dir, tmp_path, PageOptions(view="bipartite"))
    domains = [n for n in data["nodes"] if n["cg"]["kind"] == "domain"]
    assert {n["label"] for n in domains} >= {"smart city, e-government, ICT"} or domains
    assert all(n["shape"] == "hexagon" for n in domains)
    assert all(e["cg"]["agreements"] for e in data["edges"])  # each place-domain edge knows its agreements


def test_geo_layout_puts_places_at_their_coordinates_with_physics_off(store_dir: Path, tmp_path: Path) -> None:
    _, data = page(store_dir, tmp_path, PageOptions(layout="geo"))
    assert data["options"]["physics"]["enabled"] is False
    bogor = next(n for n in data["nodes"] if n["cg"]["name"] == "Bogor")
    assert (bogor["x"], bogor["y"]) == (round(106.78917 * GEO_SCALE, 2), round(6.59444 * GEO_SCALE, 2))
    assert all(n["fixed"] and "x" in n for n in data["nodes"])  # places without coordinates go in a row below
    kyoto = next(n for n in data["nodes"] if n["cg"]["name"] == "Kyoto")
    assert kyoto["y"] > bogor["y"]


def test_filters_reach_the_page(store_dir: Path, tmp_path: Path) -> None:
    _, data = page(store_dir, tmp_path, filters=Filters(domains=("smart_city",)))
    assert {n["cg"]["name"] for n in data["nodes"]} == {"Bogor", "Seoul"}
    assert data["meta"]["filters"]["domains"] == ["smart_city"]


def test_bad_options_are_refused() -> None:
    with pytest.raises(NetworkError, match="size"):
        PageOptions(size="shoe").check()
    with pytest.raises(NetworkError, match="layout"):
        PageOptions(layout="circle").check()


def test_cli_viz(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "network.html"
    result = CliRunner().invoke(app, ["viz", "--store", str(store_dir), "-o", str(out), "--place", "Bandung",
                                      "--depth", "2", "--size", "betweenness", "--layout", "geo"])
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert "wrote" in result.stderr
    missing = CliRunner().invoke(app, ["viz", "--store", str(store_dir), "-o", str(out), "--place", "Atlantis"])
    assert missing.exit_code == 1 and "no place named" in missing.stderr
