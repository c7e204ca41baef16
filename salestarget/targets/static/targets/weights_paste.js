// Weights pasted from a spreadsheet: a column (or a block) of cells copied from Excel lands in
// the weight inputs from the one pasted into, down the rows and across the columns, instead of
// being run together into one input ("300\n500\n200" → "300500200").
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("decompose-form");
  if (!form) { return; }
  form.addEventListener("paste", function (e) {
    var start = e.target;
    if (!start.classList || !start.classList.contains("weight-input")) { return; }
    var text = (e.clipboardData || window.clipboardData).getData("text");
    var lines = text.replace(/\r/g, "").replace(/\n+$/, "").split("\n");
    if (lines.length < 2 && lines[0].indexOf("\t") < 0) { return; }  // one cell: as typed
    e.preventDefault();
    var table = start.closest("table");
    var rows = Array.prototype.filter.call(table.querySelectorAll("tr"), function (tr) {
      return tr.querySelector(".weight-input");
    });
    var firstRow = rows.indexOf(start.closest("tr"));
    var firstColumn = Array.prototype.indexOf.call(
      rows[firstRow].querySelectorAll(".weight-input"), start);
    var last = start;
    lines.forEach(function (line, i) {
      var row = rows[firstRow + i];
      if (!row) { return; }
      var inputs = row.querySelectorAll(".weight-input");
      line.split("\t").forEach(function (cell, j) {
        var input = inputs[firstColumn + j];
        if (input) { input.value = cell.trim(); last = input; }
      });
    });
    last.dispatchEvent(new Event("change", {bubbles: true}));  // the preview follows
  });
});
