/* Tracking charts: every element with data-chart gets an ECharts chart drawn from the JSON at
   data-src. Charts are (re)drawn on page load and after every htmx swap. */
(function () {
  "use strict";
  const fmt = new Intl.NumberFormat(document.documentElement.lang || "zh-CN", { maximumFractionDigits: 2 });
  const compact = new Intl.NumberFormat(document.documentElement.lang || "zh-CN", { notation: "compact", maximumFractionDigits: 1 });
  const palette = ["#2a5ba8", "#f0a020", "#9aa5b1", "#34a853", "#d9534f"];

  function labels() {
    const el = document.getElementById("chart-labels");
    return el ? JSON.parse(el.textContent) : {};
  }
  const num = (v) => (v === null || v === undefined ? null : Number(v));
  const nums = (a) => (a || []).map(num);
  const has = (a) => (a || []).some((v) => v !== null && v !== undefined);

  function axisValue(data) {
    return {
      type: "value",
      axisLabel: { formatter: (v) => (data.ratio ? fmt.format(v * (data.unit === "percent" ? 100 : 1)) + (data.unit === "percent" ? "%" : "") : compact.format(v)) },
    };
  }
  function tooltipValue(data) {
    return (v) => (v === null || v === undefined ? "—" : data.ratio && data.unit === "percent" ? fmt.format(v * 100) + "%" : fmt.format(v));
  }

  const builders = {
    children(data, L) {
      const series = [];
      if (has(data.achievement)) {
        series.push({
          name: L.achievement, type: "bar", data: nums(data.achievement), itemStyle: { color: palette[0] },
          label: { show: true, position: "right", formatter: (p) => (p.value === null ? "" : fmt.format(p.value) + "%") },
          markLine: data.progress === null ? undefined : {
            symbol: "none", lineStyle: { color: palette[4], type: "dashed" },
            label: { formatter: L.progress + " " + fmt.format(Number(data.progress)) + "%" },
            data: [{ xAxis: Number(data.progress) }],
          },
        });
        return {
          tooltip: { trigger: "axis", valueFormatter: (v) => (v === null ? "—" : fmt.format(v) + "%") },
          grid: { left: 8, right: 48, top: 24, bottom: 8, containLabel: true },
          xAxis: { type: "value", axisLabel: { formatter: "{value}%" } },
          yAxis: { type: "category", inverse: true, data: data.categories },
          series,
        };
      }
      return {
        tooltip: { trigger: "axis", valueFormatter: tooltipValue(data) },
        legend: { top: 0 },
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        xAxis: axisValue(data),
        yAxis: { type: "category", inverse: true, data: data.categories },
        series: [
          { name: L.actual, type: "bar", data: nums(data.actual), itemStyle: { color: palette[0] } },
          { name: L.last_year, type: "bar", data: nums(data.last_year), itemStyle: { color: palette[2] } },
        ],
      };
    },
    cumulative(data, L) {
      const series = [{ name: L.actual, type: "line", showSymbol: false, data: nums(data.actual), areaStyle: { opacity: 0.08 }, lineStyle: { width: 2.5 }, itemStyle: { color: palette[0] } }];
      if (has(data.expected)) series.push({ name: L.expected, type: "line", showSymbol: false, data: nums(data.expected), lineStyle: { type: "dashed" }, itemStyle: { color: palette[1] } });
      if (has(data.last_year)) series.push({ name: L.last_year, type: "line", showSymbol: false, data: nums(data.last_year), itemStyle: { color: palette[2] } });
      return {
        tooltip: { trigger: "axis", valueFormatter: tooltipValue(data) },
        legend: { top: 0 },
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: "category", data: data.categories, boundaryGap: false },
        yAxis: axisValue(data),
        series,
      };
    },
    monthly(data, L) {
      const series = [{ name: L.actual, type: "bar", data: nums(data.actual), itemStyle: { color: palette[0] } }];
      if (has(data.target)) series.push({ name: L.target, type: "bar", data: nums(data.target), itemStyle: { color: palette[1], opacity: 0.6 } });
      if (has(data.last_year)) series.push({ name: L.last_year, type: "line", data: nums(data.last_year), itemStyle: { color: palette[2] } });
      return {
        tooltip: { trigger: "axis", valueFormatter: tooltipValue(data) },
        legend: { top: 0 },
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: "category", data: data.categories },
        yAxis: axisValue(data),
        series,
      };
    },
    breakdown(data, L) {
      const series = [{ name: L.actual, type: "bar", data: nums(data.actual), itemStyle: { color: palette[0] } }];
      if (has(data.target)) series.push({ name: L.target, type: "bar", data: nums(data.target), itemStyle: { color: palette[1], opacity: 0.6 } });
      if (has(data.last_year)) series.push({ name: L.last_year, type: "bar", data: nums(data.last_year), itemStyle: { color: palette[2] } });
      return {
        tooltip: { trigger: "axis", valueFormatter: tooltipValue(data) },
        legend: { top: 0 },
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        xAxis: axisValue(data),
        yAxis: { type: "category", inverse: true, data: data.categories },
        series,
      };
    },
    contributions(data, L) {
      return {
        tooltip: { trigger: "axis", valueFormatter: tooltipValue(data) },
        grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
        xAxis: axisValue(data),
        yAxis: { type: "category", inverse: true, data: data.categories },
        series: [{
          name: L.gap, type: "bar", data: nums(data.gap).map((v) => ({ value: v, itemStyle: { color: v > 0 ? palette[4] : palette[3] } })),
        }],
      };
    },
    pvm(data, L) {
      // The change from the base, effect by effect, then the whole change: every bar starts
      // from zero or from where the last one ended (an axis cut at the base, 26亿, would make
      // a 1% change look like a doubling).
      const effects = [num(data.price), num(data.volume), num(data.mix)];
      const total = effects.reduce((a, b) => a + b, 0);
      const names = [L.price, L.volume, L.mix, data.change_label];
      const hidden = [], shown = [];
      let level = 0;
      effects.forEach((v) => {
        hidden.push(v >= 0 ? level : level + v);
        shown.push({ value: Math.abs(v), itemStyle: { color: v >= 0 ? palette[3] : palette[4] }, raw: v });
        level += v;
      });
      hidden.push(total >= 0 ? 0 : total);
      shown.push({ value: Math.abs(total), itemStyle: { color: total >= 0 ? palette[3] : palette[4] }, raw: total });
      return {
        tooltip: { trigger: "axis", formatter: (ps) => { const p = ps[1]; return p.name + ": " + fmt.format(p.data.raw); } },
        grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
        xAxis: { type: "category", data: names },
        yAxis: { type: "value", axisLabel: { formatter: (v) => compact.format(v) } },
        series: [
          // "all": a transparent offset below zero and the shown bar on it stack as one.
          { type: "bar", stack: "w", stackStrategy: "all", data: hidden, itemStyle: { color: "transparent" }, emphasis: { disabled: true } },
          { type: "bar", stack: "w", stackStrategy: "all", data: shown, label: { show: true, position: "top", formatter: (p) => compact.format(p.data.raw) } },
        ],
      };
    },
  };

  const charts = new Map();

  function draw(el) {
    if (typeof echarts === "undefined" || el.dataset.drawn) return;
    el.dataset.drawn = "1";
    const L = labels();
    const kind = el.dataset.chart;
    const chart = echarts.init(el, null, { renderer: "canvas" });
    charts.set(el, chart);
    chart.showLoading({ text: "" });
    const apply = (data) => {
      chart.hideLoading();
      const build = builders[kind];
      if (!build) return;
      chart.setOption(build(data, L));
      el.dataset.ready = "1";
      if (kind === "children" && el.dataset.drill && data.codes) {
        chart.on("click", (p) => {
          const code = data.codes[p.dataIndex];
          if (!code) return;
          const url = el.dataset.drill.replace("__code__", encodeURIComponent(code));
          if (window.htmx) {
            htmx.ajax("GET", url, { target: "#dash", swap: "outerHTML" }).then(() => history.pushState({}, "", url));
          } else {
            window.location.href = url;
          }
        });
      }
    };
    if (el.dataset.json) {
      apply(JSON.parse(document.getElementById(el.dataset.json).textContent));
      return;
    }
    fetch(el.dataset.src, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((r) => { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(apply)
      .catch(() => { chart.hideLoading(); el.dataset.ready = "error"; });
  }

  function drawAll(root) {
    (root || document).querySelectorAll("[data-chart]").forEach(draw);
  }
  function disposeGone() {
    for (const [el, chart] of charts) {
      if (!document.body.contains(el)) { chart.dispose(); charts.delete(el); }
    }
  }

  window.addEventListener("load", () => drawAll());
  document.addEventListener("htmx:afterSettle", (e) => { disposeGone(); drawAll(e.target); });
  window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
})();
