(function () {
  "use strict";
  // Draw every figure from its embedded JSON (no network: plotly.js is inlined above).
  function draw() {
    if (typeof Plotly === "undefined") { return; }
    document.querySelectorAll("[data-figure]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-figure"));
      if (!source) { return; }
      var fig = JSON.parse(source.textContent);
      Plotly.newPlot(el, fig.data, fig.layout, fig.config);
    });
  }
  // PNG/SVG export of a figure, named after its key.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-export]");
    if (button && typeof Plotly !== "undefined") {
      var el = document.getElementById(button.getAttribute("data-target"));
      var format = button.getAttribute("data-export");
      Plotly.downloadImage(el, {
        format: format, filename: el.id,
        width: el.offsetWidth, height: el.offsetHeight, scale: format === "png" ? 2 : 1
      });
      return;
    }
    // A table cell's explanation, shown under its table on click (and as a tooltip on hover).
    var cell = event.target.closest("[data-why]");
    if (cell) { explain(cell); }
  });
  document.addEventListener("keydown", function (event) {
    if ((event.key === "Enter" || event.key === " ") && event.target.matches("[data-why]")) {
      event.preventDefault();
      explain(event.target);
    }
  });
  function explain(cell) {
    var table = cell.closest("table");
    var panel = document.getElementById("why-" + table.id);
    if (!panel) { return; }
    table.querySelectorAll(".selected").forEach(function (c) { c.classList.remove("selected"); });
    cell.classList.add("selected");
    var row = cell.parentElement.firstElementChild.textContent.trim();
    var column = table.tHead.rows[0].cells[cell.cellIndex].textContent.trim();
    panel.textContent = row + " · " + column + ": " + cell.getAttribute("data-why");
    panel.hidden = false;
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
