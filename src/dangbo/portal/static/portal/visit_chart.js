// The portal's visit chart (portal/_chart.html): a file, not an inline script, for the CSP.
(function () {
  const data = document.getElementById("visit-series");
  const canvas = document.getElementById("visit-chart");
  if (!data || !canvas || !window.Chart) return;
  const s = JSON.parse(data.textContent);
  new Chart(canvas, {
    type: "bar",
    data: {labels: s.labels, datasets: [
      {label: "Người truy cập", data: s.visitors, backgroundColor: "#b71c1c"},
      {label: "Lượt xem trang", data: s.views, type: "line", borderColor: "#1565c0", yAxisID: "y2"}
    ]},
    options: {scales: {y: {beginAtZero: true}, y2: {beginAtZero: true, position: "right", grid: {drawOnChartArea: false}}},
              locale: "vi-VN"}
  });
})();
