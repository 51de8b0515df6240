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
    var terms = search.value.toLowerCase().split(/\s+/).filter(Boolean), shown = 0;
    rows.forEach(function (r) {
      var text = r.getAttribute("data-search");
      var ok = terms.every(function (t) { return text.indexOf(t) >= 0; });
      r.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + " of " + rows.length + " clusters";
    noMatch.hidden = shown > 0;
  }
  search.addEventListener("input", filter);

  function open(id, scroll) {
    var target = document.getElementById("cluster-" + id);
    if (!target) return;
    Array.prototype.forEach.call(document.querySelectorAll("article.drill"), function (d) { d.hidden = d !== target; });
    rows.forEach(function (r) { r.classList.toggle("active", r.getAttribute("data-cluster") === String(id)); });
    if (scroll) target.scrollIntoView({ block: "start" });
  }
  function close(article) {
    article.hidden = true;
    rows.forEach(function (r) { r.classList.remove("active"); });
    table.scrollIntoView({ block: "start" });
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
    b.addEventListener("click", function () { close(b.closest("article")); });
  });
  var m = /^#cluster-(-?\d+)$/.exec(location.hash);
  if (m) open(m[1], true);
})();
