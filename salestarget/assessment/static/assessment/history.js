// A person's grade trend: the total score of each cycle as a line, each point labelled with
// its final grade (a static file: the Content-Security-Policy allows no inline script).
document.addEventListener("DOMContentLoaded", () => {
  const el = document.getElementById("history-chart");
  if (!el || !window.echarts) return;
  fetch(el.dataset.url)
    .then((response) => response.json())
    .then((data) => {
      const chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption({
        grid: { left: 40, right: 16, top: 24, bottom: 30 },
        tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: data.periods },
        yAxis: { type: "value", name: el.dataset.score },
        series: [
          {
            name: el.dataset.score,
            type: "line",
            connectNulls: false,
            data: data.scores.map((s) => (s === null ? null : Number(s))),
            label: {
              show: true,
              position: "top",
              formatter: (p) => data.grades[p.dataIndex] || "",
            },
          },
        ],
      });
      el.dataset.ready = "1";
      window.addEventListener("resize", () => chart.resize());
    });
});
