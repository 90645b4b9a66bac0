/* citygraph serve: sortable tables (th[data-sort]) and the agreements filters.
 *
 * Rows carry their values in data-* attributes written by the server (escaped);
 * this script only reads them and shows or hides rows: it never writes markup.
 */
(function () {
  "use strict";

  function compare(a, b, key) {
    var x = a.dataset[key] || "", y = b.dataset[key] || "";
    if (key === "sources") return Number(x) - Number(y);
    if (x === "" && y !== "") return 1;   // empty values last, whatever the direction
    if (y === "" && x !== "") return -1;
    return x.localeCompare(y);
  }

  function sortable(table) {
    table.querySelectorAll("th[data-sort] button").forEach(function (button) {
      button.addEventListener("click", function () {
        var th = button.closest("th"), key = th.dataset.sort;
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th[data-sort]").forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var c = compare(a, b, key);
          return ascending ? c : -c;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function filters() {
    var form = document.getElementById("filters");
    var table = document.getElementById("agreements");
    if (!form || !table) return;
    var text = document.getElementById("filter-text");
    var domain = document.getElementById("filter-domain");
    var status = document.getElementById("filter-status");
    var country = document.getElementById("filter-country");
    var shown = document.getElementById("shown");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    rows.forEach(function (row) { row.dataset.text = row.textContent.toLowerCase(); });

    function apply() {
      var needle = text.value.trim().toLowerCase(), count = 0;
      rows.forEach(function (row) {
        var keep = (!needle || row.dataset.text.indexOf(needle) !== -1)
          && (!domain.value || row.dataset.domains.split(" ").indexOf(domain.value) !== -1)
          && (!status.value || row.dataset.status === status.value)
          && (!country.value || row.dataset.countries.split(" ").indexOf(country.value) !== -1);
        row.hidden = !keep;
        if (keep) count += 1;
      });
      shown.textContent = count + " of " + rows.length;
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); });
    [text, domain, status, country].forEach(function (input) {
      input.addEventListener("input", apply);
      input.addEventListener("change", apply);
    });
    apply();
  }

  document.querySelectorAll("table.data").forEach(sortable);
  filters();
  window.citygraphTable = {ready: true};
})();
