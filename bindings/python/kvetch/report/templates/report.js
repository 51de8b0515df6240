// The report's behaviour: sort and search the cluster table, open a
// cluster's details from the table, the emerging list or the map (and from
// the URL's #cluster-N). No libraries, no requests.
(function () {
  "use strict";
  var table = document.getElementById("cluster-table");
  if (!table) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var search = document.getElementById("cluster-search");
  var count = document.getElementById("cluster-count");
  var noMatch = document.getElementById("no-match");

  function cellKey(row, col, numeric) {
    var v = row.cells[col].getAttribute("data-sort");
    if (v === null) v = row.cells[col].textContent;
    return numeric ? parseFloat(v) : v.toLowerCase();
  }

  function sortBy(th) {
    collapse();
    var col = th.cellIndex, numeric = th.getAttribute("data-type") === "num";
    var dir = th.getAttribute("data-dir") === "desc" ? "asc" : (th.getAttribute("data-dir") === "asc" ? "desc" : (numeric ? "desc" : "asc"));
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("data-dir"); });
    th.setAttribute("data-dir", dir);
    var sign = dir === "asc" ? 1 : -1;
    rows.sort(function (a, b) {
      var x = cellKey(a, col, numeric), y = cellKey(b, col, numeric);
      return x < y ? -sign : x > y ? sign : 0;
    });
    rows.forEach(function (r) { tbody.appendChild(r); });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    if (th.hasAttribute("data-type")) th.addEventListener("click", function () { sortBy(th); });
  });

  function filter() {
    collapse();
    var terms = search.value.toLowerCase().split(/\s+/).filter(Boolean), shown = 0;
    rows.forEach(function (r) {
      var text = r.getAttribute("data-search");
      var ok = terms.every(function (t) { return text.indexOf(t) >= 0; });
      r.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + " of " + rows.length + (rows.length === 1 ? " cluster" : " clusters");
    noMatch.hidden = shown > 0;
  }
  search.addEventListener("input", filter);

  // A cluster's details open in a row right under its table row (or under
  // the table when a search hides that row), so a long table never makes
  // the reader scroll away to find them.
  var store = document.getElementById("drilldowns");
  function collapse() {
    var open = tbody.querySelector("tr.drill-row");
    if (open) { store.appendChild(open.querySelector("article")); open.remove(); }
    Array.prototype.forEach.call(store.querySelectorAll("article.drill"), function (d) { d.hidden = true; });
    rows.forEach(function (r) { r.classList.remove("active"); });
  }
  function open(id, scroll) {
    var target = document.getElementById("cluster-" + id);
    if (!target) return;
    collapse();
    var row = rows.filter(function (r) { return r.getAttribute("data-cluster") === String(id); })[0];
    if (row && !row.hidden) {
      var tr = document.createElement("tr"), td = document.createElement("td");
      tr.className = "drill-row";
      td.colSpan = row.cells.length;
      td.appendChild(target);
      tr.appendChild(td);
      row.parentNode.insertBefore(tr, row.nextSibling);
      row.classList.add("active");
    }
    target.hidden = false;
    if (scroll) (row && !row.hidden ? row : target).scrollIntoView({ block: "start" });
  }
  function close() {
    var row = tbody.querySelector("tr.active");
    collapse();
    (row || table).scrollIntoView({ block: "nearest" });
  }

  rows.forEach(function (r) {
    var id = r.getAttribute("data-cluster");
    r.addEventListener("click", function () { history.replaceState(null, "", "#cluster-" + id); open(id, true); });
    r.addEventListener("keydown", function (e) { if (e.key === "Enter") { open(id, true); } });
  });
  Array.prototype.forEach.call(document.querySelectorAll("a[data-cluster]"), function (a) {
    a.addEventListener("click", function (e) {
      e.preventDefault();
      var id = a.getAttribute("data-cluster");
      history.replaceState(null, "", "#cluster-" + id);
      open(id, true);
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("article.drill button.close"), function (b) {
    b.addEventListener("click", close);
  });
  var m = /^#cluster-(-?\d+)$/.exec(location.hash);
  if (m) open(m[1], true);
})();
