/* Draws every <canvas data-dashboard-chart="ID" data-type="line|bar"> of the dashboard from
   <script id="ID" type="application/json">{"labels": [...], "unit": "...", "series":
   [{"label", "values", "urls", "kind", "dashed"}]}. A click on a point or bar opens the
   records behind it (its url); numbers are shown the Vietnamese way through vi-VN. */
(function () {
  "use strict";

  var COLOURS = ["#b71c1c", "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f"];

  function dataset(series, index, type) {
    var colour = COLOURS[index % COLOURS.length];
    var kind = series.kind || type;
    return {
      type: kind,
      label: series.label,
      data: series.values,
      borderColor: colour,
      backgroundColor: kind === "line" ? colour : colour + "cc",
      borderDash: series.dashed ? [6, 4] : [],
      pointRadius: series.dashed ? 0 : 3,
      fill: false,
      tension: 0.2,
    };
  }

  function draw(canvas) {
    if (canvas.dataset.ready || typeof window.Chart === "undefined") {
      return;
    }
    var source = document.getElementById(canvas.dataset.dashboardChart);
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
        datasets: data.series.map(function (s, i) {
          return dataset(s, i, type);
        }),
      },
      options: {
        locale: "vi-VN",
        responsive: true,
        maintainAspectRatio: false,
        // A line is read by month: a click anywhere above a month opens its records.
        interaction: type === "line" ? { mode: "index", intersect: false } : {},
        animation: {
          onComplete: function () {
            canvas.dataset.drawn = "1";
          },
        },
        plugins: {
          legend: { display: data.series.length > 1, position: "bottom" },
          tooltip: {
            callbacks: {
              footer: function (items) {
                var s = items.length ? data.series[items[0].datasetIndex] : null;
                return s && s.urls[items[0].dataIndex] ? "Bấm để xem danh sách" : "";
              },
            },
          },
        },
        scales: { y: { beginAtZero: data.from_zero !== false, ticks: { precision: 0 } } },
        onClick: function (event, elements) {
          if (!elements.length) {
            return;
          }
          var s = data.series[elements[0].datasetIndex];
          var url = s && s.urls[elements[0].index];
          if (url) {
            window.location.href = url;
          }
        },
        onHover: function (event, elements) {
          var s = elements.length ? data.series[elements[0].datasetIndex] : null;
          event.native.target.style.cursor =
            s && s.urls[elements[0].index] ? "pointer" : "default";
        },
      },
    });
  }

  function drawAll(root) {
    root.querySelectorAll("canvas[data-dashboard-chart]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawAll(document);
  });
  document.addEventListener("htmx:load", function (event) {
    drawAll(event.detail.elt);
  });
})();
