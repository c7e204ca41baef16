// The plan editor's chart: payout against attainment for the tiers being typed, redrawn on
// every change (the data comes from incentives:plan_chart, so the arithmetic is the server's).
document.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("payout-chart");
  var form = document.getElementById("plan-form");
  if (!box || !form || typeof echarts === "undefined") { return; }
  var chart = echarts.init(box);
  function draw() {
    var query = new URLSearchParams({tiers: form.tiers.value, mode: form.mode.value});
    fetch(box.dataset.url + "?" + query).then(function (r) { return r.json(); }).then(function (data) {
      if (!data.points) { return; }
      chart.setOption({
        grid: {left: 60, right: 10, top: 10, bottom: 30},
        tooltip: {trigger: "axis"},
        xAxis: {type: "value", axisLabel: {formatter: "{value}%"}},
        yAxis: {type: "value"},
        series: [{type: "line", showSymbol: false, data: data.points.map(function (p) { return [p[0], Number(p[1])]; })}]
      });
    });
  }
  form.tiers.addEventListener("input", draw);
  form.mode.addEventListener("change", draw);
  window.addEventListener("resize", function () { chart.resize(); });
  draw();
});
