"""Interactive pages of the cooperation network: one offline HTML file, built with pyvis.

pyvis builds the vis-network node and edge records and ships vis-network
itself; the page around them is ours (``static/network.html.j2``,
``network.js``, ``network.css``) because pyvis's template pulls bootstrap
from a CDN even with ``cdn_resources="in_line"`` and puts its heading and
(with links in tooltips) node titles into the page unescaped. So:

* **offline**: vis-network's script and stylesheet (pyvis's copy), our CSS
  and JS are written in line; no element has a ``src`` or ``href`` that loads
  anything, and a Content-Security-Policy of ``default-src 'none'`` stops any
  request the page might still try. It opens from disk as one file.
* **escaped**: the template autoescapes; the data is one JSON block written
  with ``|tojson`` (``<``, ``>``, ``&``, ``'`` as ``\\u003c``...), and
  ``network.js`` builds tooltips and details with ``textContent``, making a
  link only from an ``http(s)`` URL. Article text never becomes markup.

The page draws what :mod:`citygraph.network` projects and
:mod:`citygraph.analysis` measures: nodes sized by a chosen measure, coloured
by community, shaped by kind; edges as wide as their agreement count and
coloured by dominant domain; tooltips and a details panel with each place's
measures, top domains and agreements with dates and sources; a legend; a
search box; domain and country filters; a year slider (the network as it
stood in a year); a click highlights a place's neighbourhood.

Views: the whole network, one place's neighbourhood (``place``, ``depth``),
the place-domain bipartite graph (``view="bipartite"``), and a geographic
layout (``layout="geo"``: places at their coordinates, physics off).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any, Final

import jinja2
import networkx as nx
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

from citygraph import __version__
from citygraph.analysis import DEFAULT_SEED, AnalysisResult, analyze_graph, annotate
from citygraph.network import Filters, NetworkError, bipartite_graph, cooperation_graph, neighbourhood
from citygraph.store import Store

#: The vis-network build pyvis ships (``pyvis/templates/lib/vis-<version>``).
VIS_VERSION: Final = "9.1.2"
#: Measures a page can size nodes by.
SIZE_MEASURES: Final = ("pagerank", "betweenness", "eigenvector", "degree", "weighted_degree", "clustering",
                        "agreements")
VIEWS: Final = ("network", "bipartite")
LAYOUTS: Final = ("force", "geo")
MIN_SIZE, MAX_SIZE = 10.0, 40.0
#: vis-network shape per kind of place (and for domain nodes of the bipartite view).
SHAPES: Final = {"city": "dot", "regency": "square", "province": "triangle", "country": "diamond",
                 "organisation": "star", "domain": "hexagon", None: "dot"}
_SYMBOLS = {"dot": "\u25cf", "square": "\u25a0", "triangle": "\u25b2", "diamond": "\u25c6", "star": "\u2605",
            "hexagon": "\u2b22"}
#: Categorical colours (Tableau 20 order): communities by number, domains by sorted code.
PALETTE: Final = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                  "#9c755f", "#bab0ac", "#1f77b4", "#aec7e8", "#ff7f0e", "#ffbb78", "#2ca02c", "#98df8a",
                  "#d62728", "#ff9896", "#9467bd", "#c5b0d5", "#8c564b", "#c49c94", "#e377c2", "#f7b6d2")
NO_COLOUR: Final = "#9e9e9e"
#: Degrees of longitude/latitude to page pixels in the geo layout.
GEO_SCALE: Final = 20.0
#: Beyond this many nodes the force layout stabilises in fewer, cheaper iterations.
LARGE_PAGE: Final = 300
#: Agreements shown per node in the page's data (the rest are counted).
MAX_AGREEMENTS_PER_NODE: Final = 200


@dataclass
class PageOptions:
    """What ``citygraph viz`` draws; the defaults give the whole network, force layout, sized by PageRank."""

    size: str = "pagerank"
    view: str = "network"
    layout: str = "force"
    place: str | None = None
    depth: int = 1
    title: str | None = None
    seed: int = DEFAULT_SEED
    method: str = "louvain"
    backend: str = "auto"
    height: str = "100%"
    extra: dict[str, Any] = field(default_factory=dict)

    def check(self) -> None:
        if self.size not in SIZE_MEASURES:
            raise NetworkError(f"cannot size by {self.size!r}; use one of {', '.join(SIZE_MEASURES)}")
        if self.view not in VIEWS:
            raise NetworkError(f"unknown view {self.view!r}; use {', '.join(VIEWS)}")
        if self.layout not in LAYOUTS:
            raise NetworkError(f"unknown layout {self.layout!r}; use {', '.join(LAYOUTS)}")


# ---- Assets ----


def _pyvis_asset(name: str) -> str:
    return (resources.files("pyvis") / "templates" / "lib" / f"vis-{VIS_VERSION}" / name).read_text("utf-8")


def _static(name: str) -> str:
    return (resources.files("citygraph") / "static" / name).read_text("utf-8")


def _inline_script(code: str) -> str:
    """Script text safe inside ``<script>``: a literal ``</script`` would end the element early."""
    return code.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")


def _environment() -> jinja2.Environment:
    loader = jinja2.FunctionLoader(lambda name: _static(name))
    return jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined)


# ---- Styling ----


def colour(index: int | None) -> str:
    """The palette colour of a 1-based number (community) or 0-based index (domain); grey for None."""
    return NO_COLOUR if index is None else PALETTE[index % len(PALETTE)]


def _scale(values: Mapping[str, float]) -> dict[str, float]:
    """Node sizes from a measure: min-max to [MIN_SIZE, MAX_SIZE]; all equal -> the middle."""
    if not values:
        return {}
    low, high = min(values.values()), max(values.values())
    if high == low:
        return dict.fromkeys(values, (MIN_SIZE + MAX_SIZE) / 2)
    return {k: MIN_SIZE + (v - low) / (high - low) * (MAX_SIZE - MIN_SIZE) for k, v in values.items()}


def geo_positions(G: nx.Graph) -> dict[str, tuple[float, float]]:
    """Page coordinates from longitude and latitude (north up); places without coordinates in a row below."""
    located = {n: (float(d["lon"]), float(d["lat"])) for n, d in G.nodes(data=True)
               if d.get("lat") is not None and d.get("lon") is not None}
    positions = {n: (lon * GEO_SCALE, -lat * GEO_SCALE) for n, (lon, lat) in located.items()}
    rest = sorted(n for n in G if n not in located)
    if rest:
        xs = [x for x, _ in positions.values()] or [0.0]
        bottom = max([y for _, y in positions.values()] or [0.0]) + 6 * GEO_SCALE
        step = max((max(xs) - min(xs)) / max(len(rest), 1), 3 * GEO_SCALE)
        for i, node in enumerate(rest):
            positions[node] = (min(xs) + i * step, bottom)
    return positions


# ---- Page data ----


def _top_domains(counts: Mapping[str, int], n: int = 3) -> list[list[Any]]:
    return [[d, c] for d, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def _options(physics: bool, nodes: int) -> dict[str, Any]:
    large = nodes > LARGE_PAGE
    return {
        "autoResize": True,
        "nodes": {"font": {"size": 12}, "borderWidth": 1},
        "edges": {"smooth": False, "scaling": {"min": 1, "max": 10}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large},
        "layout": {"improvedLayout": not large, "randomSeed": 7},
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
            "stabilization": {"enabled": physics, "iterations": 150 if large else 400, "fit": True},
        },
    }


def build_page_data(G: nx.Graph, result: AnalysisResult, options: PageOptions) -> dict[str, Any]:
    """Everything the page shows, as JSON-able data: pyvis node and edge records plus meta (legend, filters).

    ``G`` is the graph to draw (whole network, neighbourhood or bipartite),
    already annotated with the measures of ``result``. Nothing here is HTML:
    the page renders it as text.
    """
    options.check()
    labels: dict[str, str] = dict(G.graph.get("domain_labels", {}))
    agreements: dict[str, dict[str, Any]] = G.graph.get("agreements", {})
    domain_codes = sorted({d for a in agreements.values() for d in a.get("domains", ())})
    domain_colour = {code: colour(i) for i, code in enumerate(domain_codes)}
    communities = result.network.communities
    places = [n for n, d in G.nodes(data=True) if d.get("type") != "domain"]
    measure = {n: float(G.nodes[n].get(options.size) or 0) for n in places}
    if options.view == "bipartite":
        for n, d in G.nodes(data=True):
            if d.get("type") == "domain":
                measure[n] = float(G.degree(n, weight="weight"))
    sizes = _scale(measure)
    positions = geo_positions(G) if options.layout == "geo" else {}
    by_node: dict[str, list[str]] = {}
    for iri, a in sorted(agreements.items(), key=lambda kv: (kv[1].get("date") or "", kv[0])):
        for party in a["parties"]:
            by_node.setdefault(party, []).append(iri)

    net = Network(height=options.height, width="100%", cdn_resources="in_line", notebook=False)
    centre = G.graph.get("centre")
    for node, data in G.nodes(data=True):
        is_domain = data.get("type") == "domain"
        kind = "domain" if is_domain else data.get("kind")
        name = str(data.get("name") or node)
        community = data.get("community")
        fill = domain_colour.get(data.get("code"), NO_COLOUR) if is_domain else colour(community)
        record: dict[str, Any] = {
            "size": round(sizes.get(node, MIN_SIZE), 2),
            "color": fill,
            "borderWidth": 4 if node == centre else 1,
            "cg": {
                "name": name, "kind": kind, "country": data.get("country"),
                "isolated": G.degree(node) == 0,
                "measures": None if is_domain else {
                    k: data[k] for k in ("degree", "weighted_degree", "betweenness", "eigenvector", "pagerank",
                                         "clustering", "component") if k in data
                } | ({"community": f"{community}. {data.get('community_name')}"} if community else {}),
                "top_domains": _top_domains(data.get("domains", {})) if not is_domain else [],
                "agreements": [] if is_domain else by_node.get(node, [])[:MAX_AGREEMENTS_PER_NODE],
            },
        }
        if node in positions:
            record["x"], record["y"] = (round(c, 2) for c in positions[node])
            record["fixed"] = True
            record["physics"] = False
        pyvis_node = Node(node, SHAPES.get(kind, "dot"), label=name, font_color=False, **record)
        net.nodes.append(pyvis_node.options)
        net.node_ids.append(node)
        net.node_map[node] = pyvis_node.options
    # pyvis's add_edge scans every edge for a duplicate (quadratic); a NetworkX graph has none,
    # so pyvis's own Edge records are appended directly. Same for add_node above.
    for number, (u, v, data) in enumerate(sorted(G.edges(data=True), key=lambda e: (e[0], e[1]))):
        dominant = data.get("domain") if options.view == "bipartite" else data.get("dominant_domain")
        colour_of = domain_colour.get(dominant, NO_COLOUR)
        ids = data.get("agreements")
        if ids is None:  # a place-domain edge: the place's agreements in that domain
            place = u if G.nodes[u].get("type") != "domain" else v
            ids = [a for a in by_node.get(place, []) if data.get("domain") in agreements[a].get("domains", ())]
        countries = sorted({str(G.nodes[n].get("country")) for n in (u, v) if G.nodes[n].get("country")})
        paint = {"color": colour_of, "highlight": colour_of, "hover": colour_of, "inherit": False}
        edge = Edge(u, v, False, id=f"e{number}", value=int(data.get("weight", 1)), color=paint, baseColor=paint,
                    title=f"{data.get('weight', 1)} agreement(s); {labels.get(dominant, dominant) or 'no domain'}",
                    cg={"agreements": list(ids), "countries": countries, "dominant": dominant,
                        "years": data.get("years", [])})
        net.edges.append(edge.options)
    physics = options.layout != "geo"
    net.options = _options(physics, len(G))
    nodes, edges, _heading, _height, _width, options_json = net.get_network_data()
    years = sorted({a["year"] for a in agreements.values() if a.get("year") is not None})
    kinds = sorted({str(d.get("kind") or "unknown") if d.get("type") != "domain" else "domain"
                    for _, d in G.nodes(data=True)})
    names = {n: str(d.get("name") or n) for n, d in G.nodes(data=True)}
    for a in agreements.values():
        for party in a["parties"]:
            names.setdefault(party, party)
    return {
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options_json),
        "agreements": {iri: {k: a.get(k) for k in ("parties", "date", "year", "domains", "status", "instrument",
                                                     "sister_city", "sources")} for iri, a in agreements.items()},
        "names": names,
        "meta": {
            "view": options.view, "layout": options.layout, "size": options.size,
            "size_note": f"Node size: {options.size.replace('_', ' ')}"
                         + (" (domains: agreements)" if options.view == "bipartite" else ""),
            "colour_note": "Node colour: community (whole network)",
            "years": [years[0], years[-1]] if years else None,
            "countries": sorted({str(d["country"]) for _, d in G.nodes(data=True) if d.get("country")}),
            "domains": [{"code": c, "color": domain_colour[c]} for c in domain_codes],
            "domain_labels": {c: labels.get(c, c.replace("_", " ")) for c in domain_codes},
            "communities": [{"number": c.number, "name": c.name, "size": len(c.members), "color": colour(c.number)}
                            for c in communities[:len(PALETTE)]],
            "kinds": [{"kind": k, "symbol": _SYMBOLS.get(SHAPES.get(k, "dot"), "\u25cf")} for k in kinds],
            "filters": G.graph.get("filters", {}),
            "centre": centre,
        },
    }


def _subtitle(G: nx.Graph, options: PageOptions) -> str:
    filters = {k: v for k, v in G.graph.get("filters", {}).items() if v not in (None, [], ())}
    parts = [f"{sum(1 for _, d in G.nodes(data=True) if d.get('type') != 'domain')} places",
             f"{G.number_of_edges()} edges", f"{len(G.graph.get('agreements', {}))} agreements"]
    if G.graph.get("centre"):
        parts.append(f"within {options.depth} hop(s) of {G.nodes[G.graph['centre']].get('name')}")
    if filters:
        parts.append("filters: " + ", ".join(f"{k}={'/'.join(map(str, v)) if isinstance(v, list) else v}"
                                             for k, v in filters.items()))
    return " \u00b7 ".join(parts)


def render_page(G: nx.Graph, result: AnalysisResult, options: PageOptions | None = None) -> str:
    """The HTML of one page for graph ``G`` (annotated) and the run ``result`` that measured it."""
    options = options or PageOptions()
    data = build_page_data(G, result, options)
    title = options.title or {"network": "Cooperation between places",
                              "bipartite": "Places and the domains of their cooperation"}[options.view]
    template = _environment().get_template("network.html.j2")
    return template.render(
        title=title, subtitle=_subtitle(G, options), data=data, version=__version__,
        pyvis_version=metadata.version("pyvis"), vis_version=VIS_VERSION,
        vis_js=_inline_script(_pyvis_asset("vis-network.min.js")),
        vis_css=_pyvis_asset("vis-network.css").replace("</style", "<\\/style"),
        page_js=_inline_script(_static("network.js")), page_css=_static("network.css"),
    )


def page_graph(G: nx.Graph, result: AnalysisResult, options: PageOptions) -> nx.Graph:
    """The graph a page draws: ``G`` annotated, then cut to a neighbourhood or turned bipartite."""
    annotate(G, result)
    if options.place:
        G = neighbourhood(G, options.place, options.depth)
    if options.view == "bipartite":
        G = bipartite_graph(G)
    return G


def write_page(store: Store, path: str | Path, filters: Filters | None = None,
               options: PageOptions | None = None) -> dict[str, int]:
    """Read the network from ``store``, measure it, and write the page to ``path``; returns counts.

    Measures are computed for exactly the filtered network (the stored run may
    have used other filters); a neighbourhood keeps the whole network's
    measures, so a place's PageRank on the page is its PageRank in the network.
    """
    options = options or PageOptions()
    options.check()
    filters = filters if filters is not None else Filters()
    G = cooperation_graph(store, filters, with_sources=True, with_labels=True)
    result = analyze_graph(G, method=options.method, backend=options.backend, seed=options.seed,
                           per_domain=False, filters=filters)
    drawn = page_graph(G, result, options)
    html = render_page(drawn, result, options)
    Path(path).write_text(html, encoding="utf-8")
    return {"nodes": drawn.number_of_nodes(), "edges": drawn.number_of_edges(),
            "agreements": len(drawn.graph.get("agreements", {})), "bytes": len(html.encode("utf-8"))}
