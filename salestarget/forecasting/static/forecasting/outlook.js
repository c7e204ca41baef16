/* Outlook charts: clicking a target draws its period's cumulative outlook (actual, P50 and the
   P10–P90 band against the target line) and its monthly history and forecast (80% and 95%
   bands), from the JSON at the link's data-chart-src. */
(function () {
  "use strict";
  const compact = new Intl.NumberFormat(document.documentElement.lang || "zh-CN", { notation: "compact", maximumFractionDigits: 1 });
  const fmt = new Intl.NumberFormat(document.documentElement.lang || "zh-CN", { maximumFractionDigits: 0 });
  const L = () => JSON.parse(document.getElementById("outlook-labels").textContent);
  const diff = (hi, lo) => hi.map((h, i) => (h === null || lo[i] === null ? null : h - lo[i]));
  const charts = {};

  function draw(id, option) {
    const el = document.getElementById(id);
    charts[id] = charts[id] || echarts.init(el);
    charts[id].setOption(option, true);
    charts[id].resize();
  }
  function band(name, lo, hi, color, stack) {
    return [
      { name, type: "line", stack, data: lo, lineStyle: { opacity: 0 }, symbol: "none", tooltip: { show: false } },
      { name, type: "line", stack, data: diff(hi, lo), lineStyle: { opacity: 0 }, symbol: "none", areaStyle: { color }, tooltip: { show: false } },
    ];
  }
  // A one-month period has one category, where a stacked area of one point draws nothing:
  // the P10–P90 band is a shaded area across the chart instead (a mark area on the y axis).
  function oneMonthBand(name, lo, hi) {
    if (lo === null || lo === undefined || hi === null || hi === undefined) return [];
    return [{ name, type: "line", data: [null], symbol: "none", itemStyle: { color: "rgba(42,91,168,0.35)" }, tooltip: { show: false },
      markArea: { silent: true, itemStyle: { color: "rgba(42,91,168,0.18)" }, data: [[{ yAxis: lo }, { yAxis: hi }]],
        label: { position: "insideTopLeft", formatter: () => `${name} ${compact.format(lo)}–${compact.format(hi)}` } } }];
  }
  const axis = { type: "value", axisLabel: { formatter: (v) => compact.format(v) } };
  const base = { tooltip: { trigger: "axis", valueFormatter: (v) => (v === null || v === undefined ? "—" : fmt.format(v)) },
    grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true }, legend: { top: 20, left: 0, type: "scroll" } };

  function show(data, title) {
    const l = L();
    document.getElementById("outlook-chart-card").classList.remove("d-none");
    document.getElementById("outlook-chart-title").textContent = title;
    const p = data.period;
    const flat = (v) => p.months.map(() => v);
    draw("outlook-cumulative", Object.assign({}, base, {
      title: { text: l.cumulative, textStyle: { fontSize: 12 }, left: 0, top: 0 },
      xAxis: { type: "category", data: p.months, boundaryGap: p.months.length < 3 },
      // The target is a mark line, which the axis does not stretch to by itself.
      yAxis: Object.assign({}, axis, { min: 0, max: (v) => Math.ceil(Math.max(v.max, p.target || 0, p.p90[p.p90.length - 1] || 0) * 1.05) }),
      series: [
        ...(p.months.length > 1 ? band(l.p10p90, p.p10, p.p90, "rgba(42,91,168,0.18)", "c") : oneMonthBand(l.p10p90, p.p10[0], p.p90[0])),
        { name: l.actual, type: "line", data: p.actual, symbolSize: 8, itemStyle: { color: "#2a5ba8" } },
        { name: l.p50, type: "line", data: p.p50, symbolSize: 8, lineStyle: { type: "dashed" }, itemStyle: { color: "#f0a020" } },
        // A mark line, not a series: a one-month period has one category and a one-point line draws nothing.
        { name: l.target, type: "line", data: flat(null), itemStyle: { color: "#d9534f" },
          markLine: { symbol: "none", silent: true, data: p.target === null ? [] : [{ yAxis: p.target }], lineStyle: { color: "#d9534f", type: "dotted", width: 2 }, label: { position: "insideEndTop", formatter: () => l.target } } },
      ],
    }));
    const m = data.monthly;
    draw("outlook-monthly", Object.assign({}, base, {
      title: { text: l.monthly, textStyle: { fontSize: 12 }, left: 0, top: 0 },
      xAxis: { type: "category", data: m.months }, yAxis: axis,
      series: [
        ...band(l.band95, m.lo95, m.hi95, "rgba(240,160,32,0.12)", "b95"),
        ...band(l.band80, m.lo80, m.hi80, "rgba(240,160,32,0.25)", "b80"),
        { name: l.actual, type: "line", data: m.actual, itemStyle: { color: "#2a5ba8" } },
        { name: l.forecast, type: "line", data: m.mean, lineStyle: { type: "dashed" }, itemStyle: { color: "#f0a020" } },
      ],
    }));
  }

  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-chart-close]")) {
      document.getElementById("outlook-chart-card").classList.add("d-none");
      return;
    }
    const link = event.target.closest("[data-chart-src]");
    if (!link) return;
    event.preventDefault();
    fetch(link.dataset.chartSrc, { credentials: "same-origin" })
      .then((r) => r.json())
      .then((data) => { if (data.available) show(data, link.dataset.chartTitle); });
  });
  window.addEventListener("resize", () => Object.values(charts).forEach((c) => c.resize()));
})();
