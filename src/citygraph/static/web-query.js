/* citygraph serve: YASGUI on /query, talking to this server's /sparql only.
 *
 * No tab state is kept between visits (persistenceId null), prefixes come from
 * YASGUI's bundled list (prefixCcApi empty: nothing is fetched from prefix.cc),
 * and the competency queries (queries/examples/*.rq, given by the server as a
 * JSON block) are offered in a list that loads one into the editor.
 */
(function () {
  "use strict";
  var endpoint = new URL("/sparql", window.location.href).href;
  var examples = JSON.parse(document.getElementById("citygraph-examples").textContent);
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: {endpoint: endpoint, method: "POST"},
    copyEndpointOnNewTab: true,
    persistenceId: null,
    populateFromUrl: false,
    endpointCatalogueOptions: {getData: function () { return [{endpoint: endpoint}]; }},
    yasqe: {prefixCcApi: "", value: examples.length ? examples[0].query : "SELECT * WHERE { ?s ?p ?o } LIMIT 10"}
  });
  var select = document.getElementById("examples");

  function load(name) {
    var example = examples.filter(function (e) { return e.name === name; })[0];
    var tab = yasgui.getTab();
    if (example && tab) {
      tab.setQuery(example.query);
      tab.setName(example.name);
    }
  }

  select.addEventListener("change", function () { load(select.value); });
  if (examples.length) load(examples[0].name);
  window.citygraphQuery = {yasgui: yasgui, endpoint: endpoint, load: load, ready: true};
})();
