/* detente web app: renders embedded plotly figures and links validation problems to lines.
 * Figures arrive as JSON data (never as script) so user strings stay data. */
(function () {
  "use strict";

  function renderFigures(root) {
    if (typeof Plotly === "undefined") { return; }
    root.querySelectorAll(".figure").forEach(function (box) {
      var plot = box.querySelector(".plot");
      var data = box.querySelector("script.figure-data");
      if (!plot || !data || plot.dataset.rendered) { return; }
      var figure = JSON.parse(data.textContent);
      plot.dataset.rendered = "1";
      var config = figure.config || { responsive: true, displaylogo: false };
      var filename = (config.toImageButtonOptions || {}).filename || "figure";
      config.modeBarButtonsToAdd = [{
        name: "Download SVG",
        icon: Plotly.Icons.disk,
        click: function (gd) { Plotly.downloadImage(gd, { format: "svg", filename: filename }); }
      }];
      Plotly.newPlot(plot, figure.data || [], figure.layout || {}, config);
    });
  }

  function jumpToLine(textarea, line) {
    var lines = textarea.value.split("\n");
    var start = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i++) { start += lines[i].length + 1; }
    var end = start + (lines[line - 1] || "").length;
    textarea.focus();
    textarea.setSelectionRange(start, end);
    var lineHeight = textarea.scrollHeight / Math.max(lines.length, 1);
    textarea.scrollTop = Math.max(0, (line - 3) * lineHeight);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.at-line") : null;
    var textarea = document.getElementById("yaml");
    if (!link || !textarea) { return; }
    var item = link.closest("[data-line]");
    if (!item) { return; }
    event.preventDefault();
    jumpToLine(textarea, parseInt(item.dataset.line, 10));
  });

  function showFirstProblem(root) {
    // Scroll the numbered listing so the first line with a problem is in view.
    var listing = root.querySelector ? root.querySelector("ol.listing") : null;
    var bad = listing ? listing.querySelector("li.bad") : null;
    if (bad) { listing.scrollTop = Math.max(0, bad.offsetTop - listing.offsetTop - 40); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    renderFigures(document);
    showFirstProblem(document);
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    renderFigures(event.target);
    showFirstProblem(event.target);
  });
})();
