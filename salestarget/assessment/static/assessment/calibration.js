// The calibration session's distribution charts, one per distribution group (the guideline
// holds per group): grades as bars, the guideline as a line, from the session's JSON (a
// static file: the Content-Security-Policy allows no inline script). The page renders one
// box per group in the JSON's order.
document.addEventListener("DOMContentLoaded", () => {
  const el = document.getElementById("distribution-chart");
  if (!el || !window.echarts) return;
  fetch(el.dataset.url)
    .then((response) => response.json())
    .then((data) => {
      const boxes = el.querySelectorAll(".distribution-canvas");
      const charts = data.groups.slice(0, boxes.length).map((group, i) => {
        const chart = echarts.init(boxes[i], null, { renderer: "canvas" });
        chart.setOption({
          tooltip: {},
          legend: { top: 0, left: 0, data: [el.dataset.actual, el.dataset.guideline] },
          grid: { left: 36, right: 12, top: 36, bottom: 24 },
          xAxis: { type: "category", data: group.grades },
          yAxis: { type: "value", minInterval: 1 },
          series: [
            {
              name: el.dataset.actual,
              type: "bar",
              data: group.actual,
              itemStyle: group.deviates && group.binding ? { color: "#dc3545" } : undefined,
            },
            { name: el.dataset.guideline, type: "line", data: group.guideline },
          ],
        });
        return chart;
      });
      el.dataset.ready = "1";
      window.addEventListener("resize", () => charts.forEach((chart) => chart.resize()));
    });
});
