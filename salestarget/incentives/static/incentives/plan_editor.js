// The plan editor's chart: payout against attainment of every rate-table component being
// typed, one line each, redrawn on every change (the data comes from incentives:plan_chart,
// so the arithmetic is the server's).
document.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("payout-chart");
  var form = document.getElementById("plan-form");
  if (!box || !form || typeof echarts === "undefined") { return; }
  var chart = echarts.init(box);
  function field(fieldset, name) {
    var found = fieldset.querySelector("[name$='-" + name + "']");
    return found ? found.value : "";
  }
  function draw() {
    var parts = Array.prototype.filter.call(form.querySelectorAll("[data-component]"), function (c) {
      return field(c, "kind") === "rate_table" && field(c, "tiers").trim() !== "";
    });
    Promise.all(parts.map(function (c) {
      var query = new URLSearchParams({
        tiers: field(c, "tiers"), mode: field(c, "mode"), basis: field(c, "basis"),
        threshold: field(c, "threshold"), target_incentive: field(c, "target_incentive")
      });
      return fetch(box.dataset.url + "?" + query).then(function (r) { return r.json(); }).then(function (data) {
        return {name: field(c, "name") || field(c, "code"), points: data.points || []};
      });
    })).then(function (lines) {
      chart.setOption({
        animation: false,  // redrawn on every keystroke: a curve growing each time distracts
        grid: {left: 60, right: 10, top: 30, bottom: 30},
        tooltip: {trigger: "axis"},
        legend: {top: 0},
        xAxis: {type: "value", axisLabel: {formatter: "{value}%"}},
        yAxis: {type: "value"},
        series: lines.map(function (line) {
          return {type: "line", name: line.name, showSymbol: false,
            data: line.points.map(function (p) { return [p[0], Number(p[1])]; })};
        })
      }, true);
    });
  }
  form.addEventListener("input", function (e) { if (/-(tiers|threshold|target_incentive|name)$/.test(e.target.name)) { draw(); } });
  form.addEventListener("change", function (e) { if (/-(mode|basis|kind)$/.test(e.target.name)) { draw(); } });
  window.addEventListener("resize", function () { chart.resize(); });
  draw();
});
