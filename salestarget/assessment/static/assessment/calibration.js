// The calibration session's distribution chart: grades as bars, the guideline as a line, from
// the session's JSON (a static file: the Content-Security-Policy allows no inline script).
document.addEventListener("DOMContentLoaded", () => {
  const el = document.getElementById("distribution-chart");
  if (!el || !window.echarts) return;
  fetch(el.dataset.url)
    .then((response) => response.json())
    .then((data) => {
      const chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption({
        tooltip: {},
        legend: { data: [el.dataset.actual, el.dataset.guideline] },
        xAxis: { type: "category", data: data.grades },
        yAxis: { type: "value", minInterval: 1 },
        series: [
          { name: el.dataset.actual, type: "bar", data: data.actual },
          { name: el.dataset.guideline, type: "line", data: data.guideline },
        ],
      });
      el.dataset.ready = "1";
      window.addEventListener("resize", () => chart.resize());
    });
});
