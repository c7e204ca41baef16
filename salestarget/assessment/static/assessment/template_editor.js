// The template editor: each item shows the part its kind needs (a metric and rule for a
// quantitative item, levels and reviewer weights for a qualitative one), and the items'
// weights are added up as they are typed. The server still judges the sum on saving.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("template-form");
  if (!form) { return; }
  var total = document.getElementById("weight-total");
  function show(item) {
    var kind = item.querySelector("select[name$='-kind']");
    var rule = item.querySelector("select[name$='-rule']");
    item.querySelectorAll("[data-show-kind]").forEach(function (el) {
      el.hidden = kind && el.dataset.showKind !== kind.value;
    });
    item.querySelectorAll("[data-show-rule]").forEach(function (el) {
      el.hidden = rule && el.dataset.showRule !== (rule.value || "linear");
    });
  }
  function sum() {
    if (!total) { return; }
    var value = 0;
    form.querySelectorAll("[data-item]").forEach(function (item) {
      var gone = item.querySelector("input[name$='-DELETE']");
      var weight = item.querySelector("input[name$='-weight']");
      if (weight && weight.value && !(gone && gone.checked)) { value += Number(weight.value) || 0; }
    });
    value = Math.round(value * 100) / 100;
    total.textContent = total.dataset.label + " " + value + "%";
    total.className = value === 100 ? "small text-success" : "small text-danger fw-semibold";
  }
  form.querySelectorAll("[data-item]").forEach(function (item) {
    show(item);
    item.addEventListener("change", function () { show(item); sum(); });
  });
  form.addEventListener("input", sum);
  sum();
});
