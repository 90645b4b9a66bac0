/* citygraph network page: filters, year slider, search, neighbourhood highlight, details and legend.
 *
 * Reads the JSON block #citygraph-data written by citygraph.viz. Every piece of
 * article text reaches the page through textContent (never innerHTML), and a
 * link is made only from an http(s) URL, so names and evidence that look like
 * markup stay text. window.citygraph exposes the state for the browser tests.
 */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("citygraph-data").textContent);
  var DIM = "rgba(200,200,200,0.35)";
  var state = { domain: "", country: "", year: DATA.meta.years ? DATA.meta.years[1] : null, undated: true,
                highlighted: null };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }

  function safeLink(url, label) {
    // Only web links become anchors: a javascript: or data: URL from an article stays text.
    if (typeof url === "string" && /^https?:\/\//i.test(url)) {
      return el("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: label });
    }
    return el("span", { text: label });
  }

  function fmt(value) {
    if (typeof value === "number") { return Number.isInteger(value) ? String(value) : value.toFixed(4); }
    return value === null || value === undefined ? "" : String(value);
  }

  function nameOf(id) { return (DATA.names && DATA.names[id]) || id; }

  // ---- Tooltips and details: built as DOM elements, so text is never parsed as HTML ----

  function describe(node, full) {
    var info = node.cg;
    var box = el("div", { "class": full ? "cg-details" : "cg-tooltip" });
    box.appendChild(el(full ? "h2" : "strong", { text: info.name }));
    box.appendChild(el("div", { text: [info.kind, info.country].filter(Boolean).join(" \u00b7 ") }));
    if (info.measures) {
      var table = el("table", { "class": "measures" });
      Object.keys(info.measures).forEach(function (k) {
        table.appendChild(el("tr", {}, [el("td", { text: k }), el("td", { text: fmt(info.measures[k]) })]));
      });
      box.appendChild(table);
    }
    if (info.top_domains && info.top_domains.length) {
      box.appendChild(el("div", { text: "Top domains: " + info.top_domains.map(function (d) {
        return (DATA.meta.domain_labels[d[0]] || d[0]) + " (" + d[1] + ")"; }).join(", ") }));
    }
    var ids = info.agreements || [];
    if (ids.length) {
      box.appendChild(el(full ? "h3" : "div", { text: "Agreements (" + ids.length + ")" }));
      var list = el("ul", { "class": "agreements" });
      ids.slice(0, full ? ids.length : 5).forEach(function (id) {
        var a = DATA.agreements[id];
        if (!a) { return; }
        var partners = a.parties.filter(function (p) { return p !== node.id; }).map(nameOf).join(", ");
        var item = el("li", {}, [el("span", { text: [a.date || "undated", partners, a.instrument,
          a.status, (a.domains || []).join(", ")].filter(Boolean).join(" \u00b7 ") })]);
        if (full) {
          (a.sources || []).forEach(function (s) {
            var source = el("div", {}, [safeLink(s.url, s.title || s.article)]);
            if (s.published) { source.appendChild(el("span", { text: " (" + s.published + ")" })); }
            if (s.evidence) { source.appendChild(el("div", { "class": "evidence", text: s.evidence })); }
            item.appendChild(source);
          });
        }
        list.appendChild(item);
      });
      box.appendChild(list);
      if (!full && ids.length > 5) { box.appendChild(el("div", { text: "\u2026 click for all" })); }
    }
    return box;
  }

  // ---- The network ----

  DATA.nodes.forEach(function (n) { n.title = describe(n, false); n.baseColor = n.color; });
  var nodes = new vis.DataSet(DATA.nodes);
  var edges = new vis.DataSet(DATA.edges);
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, DATA.options);
  var api = { network: network, nodes: nodes, edges: edges, state: state, ready: false };
  window.citygraph = api;

  function markReady() {
    if (!api.ready) {
      network.setOptions({ physics: { enabled: false } });
      api.ready = true;
      document.body.setAttribute("data-ready", "true");
    }
  }
  if (DATA.options.physics && DATA.options.physics.enabled) {
    network.once("stabilizationIterationsDone", markReady);
    setTimeout(markReady, 15000);  // a huge graph: stop waiting, stop the physics
  } else {
    network.once("afterDrawing", markReady);
  }

  // ---- Filters: domain, country, year ----

  function agreementPasses(a) {
    if (state.domain && (a.domains || []).indexOf(state.domain) < 0) { return false; }
    if (a.year === null || a.year === undefined) { return state.undated; }
    return state.year === null || a.year <= state.year;
  }

  function edgePasses(e) {
    if (state.country && (e.cg.countries || []).indexOf(state.country) < 0) { return false; }
    return (e.cg.agreements || []).some(function (id) {
      var a = DATA.agreements[id];
      return a ? agreementPasses(a) : false;
    });
  }

  function filtersActive() {
    return Boolean(state.domain || state.country || !state.undated ||
      (DATA.meta.years && state.year !== DATA.meta.years[1]));
  }

  function applyFilters() {
    var visible = {};
    var edgeUpdates = edges.get().map(function (e) {
      var show = edgePasses(e);
      if (show) { visible[e.from] = true; visible[e.to] = true; }
      return { id: e.id, hidden: !show };
    });
    edges.update(edgeUpdates);
    var active = filtersActive();
    nodes.update(nodes.get().map(function (n) {
      var show = !active || visible[n.id] === true ||
        (n.cg.isolated && (!state.country || n.cg.country === state.country));
      return { id: n.id, hidden: !show };
    }));
  }

  api.visibleEdgeIds = function () {
    return edges.get({ filter: function (e) { return !e.hidden; } }).map(function (e) { return e.id; });
  };
  api.visibleNodeIds = function () {
    return nodes.get({ filter: function (n) { return !n.hidden; } }).map(function (n) { return n.id; });
  };
  api.setDomain = function (code) { state.domain = code; document.getElementById("domain-filter").value = code;
    applyFilters(); };
  api.setCountry = function (code) { state.country = code;
    document.getElementById("country-filter").value = code; applyFilters(); };
  api.setYear = function (year) { state.year = year; var slider = document.getElementById("year-slider");
    slider.value = String(year); document.getElementById("year-value").textContent = String(year); applyFilters(); };

  // ---- Neighbourhood highlight ----

  function highlight(id) {
    var keep = {};
    keep[id] = true;
    network.getConnectedNodes(id).forEach(function (n) { keep[n] = true; });
    nodes.update(nodes.get().map(function (n) {
      return { id: n.id, color: keep[n.id] ? n.baseColor : DIM };
    }));
    var connected = {};
    network.getConnectedEdges(id).forEach(function (e) { connected[e] = true; });
    edges.update(edges.get().map(function (e) {
      return { id: e.id, color: connected[e.id] ? e.baseColor : { color: DIM, inherit: false } };
    }));
    state.highlighted = { node: id, neighbours: Object.keys(keep).filter(function (n) { return n !== id; }) };
    showDetails(id);
  }

  function clearHighlight() {
    nodes.update(nodes.get().map(function (n) { return { id: n.id, color: n.baseColor }; }));
    edges.update(edges.get().map(function (e) { return { id: e.id, color: e.baseColor }; }));
    state.highlighted = null;
  }

  function showDetails(id) {
    var panel = document.getElementById("details");
    panel.textContent = "";
    panel.appendChild(describe(nodes.get(id), true));
  }

  api.highlight = highlight;
  api.clearHighlight = clearHighlight;
  network.on("click", function (params) {
    if (params.nodes.length) { highlight(params.nodes[0]); } else { clearHighlight(); }
  });

  // ---- Search ----

  function search(text) {
    var query = text.trim().toLowerCase();
    var status = document.getElementById("search-status");
    if (!query) { status.textContent = ""; network.unselectAll(); return []; }
    var found = nodes.get({ filter: function (n) {
      return !n.hidden && String(n.cg.name).toLowerCase().indexOf(query) >= 0; } })
      .sort(function (a, b) {
        var ea = String(a.cg.name).toLowerCase() === query ? 0 : 1;
        var eb = String(b.cg.name).toLowerCase() === query ? 0 : 1;
        return ea - eb || String(a.cg.name).localeCompare(String(b.cg.name));
      }).map(function (n) { return n.id; });
    status.textContent = found.length ? found.length + " found" : "not found";
    if (found.length) {
      network.selectNodes(found);
      network.focus(found[0], { scale: 1.2, animation: false });
      highlight(found[0]);
    }
    return found;
  }
  api.search = search;
  api.selectedNodes = function () { return network.getSelectedNodes(); };
  var searchBox = document.getElementById("search");
  searchBox.addEventListener("keydown", function (event) { if (event.key === "Enter") { search(searchBox.value); } });
  searchBox.addEventListener("change", function () { search(searchBox.value); });

  // ---- Controls and legend ----

  function fillSelect(id, values, label) {
    var select = document.getElementById(id);
    values.forEach(function (v) { select.appendChild(el("option", { value: v, text: label ? label(v) : v })); });
  }
  fillSelect("domain-filter", DATA.meta.domains.map(function (d) { return d.code; }), function (code) {
    return DATA.meta.domain_labels[code] || code; });
  fillSelect("country-filter", DATA.meta.countries);
  document.getElementById("domain-filter").addEventListener("change", function (e) { api.setDomain(e.target.value); });
  document.getElementById("country-filter").addEventListener("change", function (e) {
    api.setCountry(e.target.value); });
  var slider = document.getElementById("year-slider");
  if (DATA.meta.years) {
    slider.min = String(DATA.meta.years[0]);
    slider.max = String(DATA.meta.years[1]);
    slider.value = String(DATA.meta.years[1]);
    document.getElementById("year-value").textContent = String(DATA.meta.years[1]);
    slider.addEventListener("input", function () { api.setYear(parseInt(slider.value, 10)); });
  } else {
    slider.disabled = true;
    document.getElementById("year-value").textContent = "no dated agreements";
  }
  document.getElementById("include-undated").addEventListener("change", function (e) {
    state.undated = e.target.checked; applyFilters(); });
  document.getElementById("reset").addEventListener("click", function () {
    state.domain = ""; state.country = ""; state.undated = true;
    document.getElementById("include-undated").checked = true;
    document.getElementById("domain-filter").value = "";
    document.getElementById("country-filter").value = "";
    if (DATA.meta.years) { api.setYear(DATA.meta.years[1]); } else { applyFilters(); }
    searchBox.value = ""; search(""); clearHighlight();
  });

  function legend() {
    var box = document.getElementById("legend");
    box.appendChild(el("h2", { text: "Legend" }));
    box.appendChild(el("div", { text: DATA.meta.size_note }));
    if (DATA.meta.communities.length) {
      box.appendChild(el("h3", { text: DATA.meta.colour_note }));
      DATA.meta.communities.forEach(function (c) {
        box.appendChild(el("div", { "class": "legend-row" }, [el("span", { "class": "swatch",
          style: "background:" + c.color }), el("span", { text: c.number + ". " + c.name + " (" + c.size + ")" })]));
      });
    }
    box.appendChild(el("h3", { text: "Edges: dominant domain (width: agreements)" }));
    DATA.meta.domains.forEach(function (d) {
      box.appendChild(el("div", { "class": "legend-row" }, [el("span", { "class": "swatch",
        style: "background:" + d.color }), el("span", { text: DATA.meta.domain_labels[d.code] || d.code })]));
    });
    box.appendChild(el("h3", { text: "Shapes: kind of place" }));
    DATA.meta.kinds.forEach(function (k) {
      box.appendChild(el("div", { "class": "legend-row", text: k.symbol + " " + k.kind }));
    });
    box.appendChild(el("p", { "class": "hint", text: "The year slider shows the network as it stood in that year: " +
      "agreements dated up to it. Undated agreements show while \u201cundated\u201d is ticked." }));
  }
  legend();
  applyFilters();
}());
