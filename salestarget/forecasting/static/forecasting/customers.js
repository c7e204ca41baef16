/* Customer analysis: the trend of the last 12 months — new and active customers as bars,
   CAC and conversion as lines on their own axes — from the JSON at data-chart-src (a static
   file: the Content-Security-Policy allows no inline script). */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", () => {
    const el = document.getElementById("customer-trend");
    if (!el || !window.echarts) return;
    const l = JSON.parse(document.getElementById("customer-trend-labels").textContent);
    const compact = new Intl.NumberFormat(document.documentElement.lang || "zh-CN", { notation: "compact", maximumFractionDigits: 1 });
    fetch(el.dataset.chartSrc, { credentials: "same-origin" })
      .then((r) => r.json())
      .then((d) => {
        const chart = echarts.init(el);
        chart.setOption({
          tooltip: { trigger: "axis" },
          legend: { top: 0, left: 0, type: "scroll" },
          grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
          xAxis: { type: "category", data: d.months },
          yAxis: [
            { type: "value", minInterval: 1 },
            { type: "value", axisLabel: { formatter: (v) => compact.format(v) }, splitLine: { show: false } },
            { type: "value", show: false, min: 0, max: 1 },
          ],
          series: [
            { name: l.new, type: "bar", data: d.new, itemStyle: { color: "#2a5ba8" } },
            { name: l.active, type: "bar", data: d.active, itemStyle: { color: "#9db7e0" } },
            { name: l.cac, type: "line", yAxisIndex: 1, data: d.cac, itemStyle: { color: "#f0a020" } },
            { name: l.conversion, type: "line", yAxisIndex: 2, data: d.conversion, lineStyle: { type: "dashed" }, itemStyle: { color: "#198754" },
              tooltip: { valueFormatter: (v) => (v === null || v === undefined ? "—" : `${(v * 100).toFixed(1)}%`) } },
          ],
        });
        el.dataset.ready = "1";
        window.addEventListener("resize", () => chart.resize());
      });
  });
})();
