"""The pages of ``citygraph serve`` in a real browser: Debian's chromium driven by Playwright.

The server is real (uvicorn on 127.0.0.1, a free port, see test_web.py); every
request the pages make is recorded, and any to another host is aborted and
fails the test, so "loads offline, YASGUI included" is tested, not assumed.
Skipped with a reason where chromium or Playwright is missing; failing
instead under CITYGRAPH_REQUIRE_BROWSER=1 (CI sets it).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from citygraph.rdf import mint_place_iri
from citygraph.web import create_app
from fixtures_backend import BANDUNG
from test_viz import EVIL_NAME
from test_viz_browser import browser  # noqa: F401 - the shared chromium fixture
from test_web import build_store, running

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = build_store(tmp_path_factory.mktemp("web-browser") / "store")
    with running(create_app(str(path), workers=2, time_limit=20)) as url:
        yield url


@pytest.fixture
def page(browser: Any, base: str) -> Iterator[Any]:  # noqa: F811
    """A page whose requests are recorded; any leaving the server is aborted and listed in ``page.outside``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    outside: list[str] = []
    errors: list[str] = []
    dialogs: list[str] = []

    def route(route: Any) -> None:
        if route.request.url.startswith(base + "/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.requests, page.outside, page.errors, page.dialogs = requests, outside, errors, dialogs
    yield page
    context.close()


def visible_rows(page: Any) -> list[str]:
    return page.evaluate("""() => Array.from(document.querySelectorAll('#agreements tbody tr'))
        .filter(r => !r.hidden).map(r => r.dataset.parties)""")


def test_every_page_loads_from_this_server_only(page: Any, base: str) -> None:
    key = str(mint_place_iri(BANDUNG)).rsplit("/", 1)[1]
    for path in ("/", "/agreements", f"/places/{key}", "/network", "/query"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
    page.wait_for_function("window.citygraphQuery && window.citygraphQuery.ready")
    assert page.outside == [] and page.errors == [] and page.dialogs == []
    assert all(url.startswith(base + "/") for url in page.requests)
    assert any("/static/yasgui-" in url for url in page.requests)


def test_the_agreements_table_filters_and_sorts(page: Any, base: str) -> None:
    page.goto(base + "/agreements")
    page.wait_for_function("window.citygraphTable && window.citygraphTable.ready")
    everything = visible_rows(page)
    assert len(everything) >= 4
    page.fill("#filter-text", "seoul")
    assert visible_rows(page) and all("Seoul" in parties for parties in visible_rows(page))
    assert page.locator("#shown").inner_text() == f"{len(visible_rows(page))} of {len(everything)}"
    page.fill("#filter-text", "")
    page.select_option("#filter-domain", "culture")
    assert visible_rows(page) == ["Bandung, Mihara"]
    page.select_option("#filter-domain", "")
    page.select_option("#filter-country", "JP")
    assert set(visible_rows(page)) == {"Bandung, Mihara", "Bandung, Kyoto"}
    page.select_option("#filter-country", "")
    page.click("th[data-sort='date'] button")
    dates = page.evaluate("Array.from(document.querySelectorAll('#agreements tbody tr')).map(r => r.dataset.date)")
    dated = [d for d in dates if d]
    assert dates == sorted(dated) + [""] * (len(dates) - len(dated))  # undated last
    assert page.get_attribute("th[data-sort='date']", "aria-sort") == "ascending"


def test_article_text_stays_text(page: Any, base: str) -> None:
    page.goto(base + "/agreements")
    page.fill("#filter-text", "jahat")
    assert len(visible_rows(page)) == 1
    assert EVIL_NAME in page.locator("#agreements").inner_text()
    page.click("#agreements tbody tr:not([hidden]) details summary")
    assert page.locator("#agreements img, #agreements tbody script").count() == 0
    assert page.dialogs == [] and page.errors == []


def test_the_query_page_runs_a_query(page: Any, base: str) -> None:
    page.goto(base + "/query")
    page.wait_for_function("window.citygraphQuery && window.citygraphQuery.ready")
    page.select_option("#examples", "top_signatories")
    assert "top_signatories.rq" in page.evaluate("citygraphQuery.yasgui.getTab().getQuery()")
    page.evaluate("""() => { citygraphQuery.yasgui.getTab().setQuery(
        'SELECT ?name WHERE { ?p a cg:Place ; cg:name ?name FILTER (?name = "Bandung") } LIMIT 1'); }""")
    page.click(".yasqe_queryButton")
    results = page.locator(".yasr .dataTable tbody")
    results.wait_for(timeout=20_000)
    assert "Bandung" in results.inner_text()
    assert page.outside == [] and page.errors == []
    assert any(url == base + "/sparql" for url in page.requests)


def test_the_place_page_shows_the_neighbourhood(page: Any, base: str) -> None:
    key = str(mint_place_iri(BANDUNG)).rsplit("/", 1)[1]
    page.goto(f"{base}/places/{key}")
    frame = page.frame_locator("iframe.neighbourhood")
    frame.locator("#mynetwork canvas").wait_for(timeout=20_000)
    names = page.frames[1].evaluate("citygraph.nodes.get().map(n => n.cg.name)")
    assert "Bandung" in names and "Mihara" in names
    assert page.outside == [] and page.errors == []


def test_pages_need_no_file_outside_the_package(base: str) -> None:
    from citygraph.web import yasgui_assets

    static = Path(__file__).resolve().parents[1] / "src" / "citygraph" / "static"
    assets = yasgui_assets()
    for name in (assets["js"], assets["css"], assets["licence"]):
        assert (static / name).is_file()
    assert (static / assets["js"]).stat().st_size < 2_000_000
