"""The network page in a real browser: Debian's chromium driven by Playwright, the page opened from disk.

Every request the page makes is recorded and any that is not the page file
itself is aborted, so "works offline" is tested, not assumed. Skipped with
a reason where chromium or Playwright is missing; failing instead under
CITYGRAPH_REQUIRE_BROWSER=1 (CI sets it).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from citygraph.rdf import mint_place_iri
from citygraph.store import open_store
from citygraph.viz import PageOptions, write_page
from fixtures_backend import BANDUNG, BOGOR, KYOTO, MIHARA, SEOUL, all_extractions, fixture_store
from test_viz import EVIL_NAME, evil_extraction

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CITYGRAPH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
B, S, BD, K, M = (str(mint_place_iri(p)) for p in (BOGOR, SEOUL, BANDUNG, KYOTO, MIHARA))


def _missing(reason: str) -> None:
    if os.environ.get("CITYGRAPH_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (CITYGRAPH_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[dev]')")
    if not Path(CHROMIUM).exists():
        _missing(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("viz")
    with fixture_store(folder / "store", [*all_extractions(), evil_extraction()]):
        pass
    with open_store(str(folder / "store"), read_only=True) as store:
        write_page(store, folder / "network.html", options=PageOptions(size="degree"))
    return folder / "network.html"


@pytest.fixture
def page(browser, page_file: Path):  # noqa: ANN001, ANN201
    """The page loaded from file://, every request recorded, anything but the file itself aborted."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    requests: list[str] = []
    dialogs: list[str] = []
    errors: list[str] = []
    url = page_file.as_uri()

    def route(route) -> None:  # noqa: ANN001
        if route.request.url == url:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_function("window.citygraph && window.citygraph.ready", timeout=30_000)
    page.requests, page.dialogs, page.errors = requests, dialogs, errors
    yield page
    context.close()


def visible_edges(page) -> set[frozenset[str]]:  # noqa: ANN001
    edges = page.evaluate("""() => citygraph.edges.get({filter: e => !e.hidden}).map(e => [e.from, e.to])""")
    return {frozenset(e) for e in edges}


def test_loads_from_disk_and_nothing_leaves_the_page(page, page_file: Path) -> None:  # noqa: ANN001
    assert page.requests == [page_file.as_uri()]
    assert page.errors == [] and page.dialogs == []
    assert page.evaluate("citygraph.nodes.length") == 6
    assert page.locator("#legend").inner_text().count("Legend") == 1


def test_article_text_shows_as_text(page) -> None:  # noqa: ANN001
    evil = page.evaluate(f"citygraph.nodes.get({{filter: n => n.cg.name === {EVIL_NAME!r}}})[0].id")
    page.evaluate(f"citygraph.highlight({evil!r})")
    details = page.locator("#details")
    assert EVIL_NAME in details.inner_text()
    assert details.locator("script, img").count() == 0
    assert details.locator("a").count() == 0  # javascript: URL stays text
    assert page.dialogs == []


def test_search_box_finds_a_node(page) -> None:  # noqa: ANN001
    page.fill("#search", "bandung")
    page.press("#search", "Enter")
    assert page.evaluate("citygraph.selectedNodes()") == [BD]
    assert page.locator("#search-status").inner_text() == "1 found"
    assert "Bandung" in page.locator("#details").inner_text()
    page.fill("#search", "atlantis")
    page.press("#search", "Enter")
    assert page.locator("#search-status").inner_text() == "not found"


def test_domain_filter_hides_edges(page) -> None:  # noqa: ANN001
    everything = visible_edges(page)
    assert len(everything) == 4
    page.select_option("#domain-filter", "smart_city")
    assert visible_edges(page) == {frozenset((B, S))}
    hidden = set(page.evaluate("citygraph.nodes.get({filter: n => n.hidden}).map(n => n.id)"))
    assert K in hidden and B not in hidden
    page.select_option("#domain-filter", "")
    assert visible_edges(page) == everything


def test_country_filter_keeps_partners(page) -> None:  # noqa: ANN001
    page.select_option("#country-filter", "KR")
    assert visible_edges(page) == {frozenset((B, S))}


def test_year_slider_shows_the_network_as_it_stood(page) -> None:  # noqa: ANN001
    page.uncheck("#include-undated")
    assert len(visible_edges(page)) == 4  # the undated Bandung-Kyoto plan shares its edge with a 2015 one
    page.focus("#year-slider")
    page.keyboard.press("Home")  # 2015
    assert page.locator("#year-value").inner_text() == "2015"
    assert visible_edges(page) == {frozenset((BD, K))}
    page.keyboard.press("ArrowRight")  # 2016
    assert visible_edges(page) == {frozenset((BD, K)), frozenset((B, S))}
    page.keyboard.press("End")
    assert len(visible_edges(page)) == 4


def test_clicking_a_node_highlights_its_neighbourhood(page) -> None:  # noqa: ANN001
    x, y = page.evaluate(f"""() => {{
        const p = citygraph.network.canvasToDOM(citygraph.network.getPositions([{BD!r}])[{BD!r}]);
        const box = document.getElementById('mynetwork').getBoundingClientRect();
        return [box.left + p.x, box.top + p.y];
    }}""")
    page.mouse.click(x, y)
    state = page.evaluate("citygraph.state.highlighted")
    assert state["node"] == BD
    assert set(state["neighbours"]) == {K, M, page.evaluate("citygraph.nodes.getIds().find(i => i.includes('jahat'))")}
    colours = page.evaluate("Object.fromEntries(citygraph.nodes.get().map(n => [n.id, n.color]))")
    assert colours[B] == colours[S] == "rgba(200,200,200,0.35)"
    assert colours[K] != "rgba(200,200,200,0.35)"
    page.mouse.click(5, 5 + page.evaluate("document.getElementById('mynetwork').getBoundingClientRect().top"))
    assert page.evaluate("citygraph.state.highlighted") is None
