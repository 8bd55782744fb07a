/* Draws every <canvas data-chart="ID" data-type="line|bar"> from the JSON in
   <script id="ID" type="application/json">{"labels": [...], "values": [...], "label": "..."}.
   Numbers are shown the Vietnamese way (3.407) through the vi-VN locale. */
(function () {
  "use strict";

  function draw(canvas) {
    if (canvas.dataset.ready || typeof window.Chart === "undefined") {
      return;
    }
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) {
      return;
    }
    var data = JSON.parse(source.textContent);
    var type = canvas.dataset.type || "line";
    canvas.dataset.ready = "1";
    new window.Chart(canvas, {
      type: type,
      data: {
        labels: data.labels,
        datasets: [
          {
            label: data.label,
            data: data.values,
            borderColor: "#b71c1c",
            backgroundColor: type === "line" ? "rgba(183, 28, 28, 0.15)" : "rgba(183, 28, 28, 0.7)",
            fill: type === "line",
            tension: 0.2,
          },
        ],
      },
      options: {
        locale: "vi-VN",
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }

  function drawAll(root) {
    root.querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawAll(document);
  });
  document.addEventListener("htmx:load", function (event) {
    drawAll(event.detail.elt);
  });
})();
