// The calibration page's grade distribution: actual against the guideline (ECharts).
document.addEventListener("DOMContentLoaded", function () {
  var el = document.getElementById("distribution-chart");
  if (!el || !window.echarts) return;
  fetch(el.dataset.url).then(function (r) { return r.json(); }).then(function (d) {
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: {}, legend: {data: [el.dataset.actual, el.dataset.guideline]},
      xAxis: {type: "category", data: d.grades}, yAxis: {type: "value", minInterval: 1},
      series: [{name: el.dataset.actual, type: "bar", data: d.actual},
               {name: el.dataset.guideline, type: "line", data: d.guideline}]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
});
