/* Handbook: a filter box and click-to-sort headings for tables marked by a preceding
   paragraph containing "filter box". No dependencies, no network. */
(function () {
  "use strict";
  var RAG_RANK = { "green": "0", "amber": "1", "red": "2" };
  function cellText(row, index) {
    var cell = row.cells[index];
    if (!cell) { return ""; }
    var rag = cell.querySelector(".hb-rag");  /* health sorts by severity, not alphabet */
    if (rag) { return RAG_RANK[rag.textContent.trim()] || "3"; }
    return cell.textContent.trim();
  }
  function enhance(table) {
    if (table.dataset.hbEnhanced) { return; }
    table.dataset.hbEnhanced = "1";
    var body = table.tBodies[0];
    var input = document.createElement("input");
    input.type = "search";
    input.className = "hb-filter";
    input.placeholder = "Filter: type a name, owner, model, health...";
    input.setAttribute("aria-label", "Filter the table");
    table.parentNode.insertBefore(input, table);
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(body.rows, function (row) {
        var text = row.textContent.toLowerCase();
        row.hidden = !words.every(function (w) { return text.indexOf(w) !== -1; });
      });
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      th.classList.add("hb-sortable");
      th.tabIndex = 0;
      th.setAttribute("role", "columnheader");
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(th.parentNode.cells, function (o) { o.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellText(a, index), y = cellText(b, index);
          var nx = parseFloat(x), ny = parseFloat(y);
          var cmp = (!isNaN(nx) && !isNaN(ny) && /^[\d.]+$/.test(x) && /^[\d.]+$/.test(y))
            ? nx - ny : x.localeCompare(y);
          return ascending ? cmp : -cmp;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sort(); } });
    });
  }
  function accessible() {
    var search = document.querySelector(".md-search[role=dialog]");
    if (search && !search.hasAttribute("aria-label")) { search.setAttribute("aria-label", "Search"); }
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Table, scrolls sideways");
      }
    });
  }
  function init() {
    accessible();
    /* Only the table that follows a paragraph announcing "the filter box" is enhanced. */
    document.querySelectorAll(".md-content p").forEach(function (p) {
      if (p.textContent.indexOf("filter box") === -1) { return; }
      var next = p.nextElementSibling;
      var table = next && (next.tagName === "TABLE" ? next : next.querySelector("table"));
      if (table) { enhance(table); }
    });
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
