// Small behaviours every page may use, declared with data- attributes so that no page needs
// inline JavaScript (the Content-Security-Policy allows scripts from our own files only).
//   <select data-autosubmit>           submits its form when changed
//   <form data-confirm="…">            asks before submitting
//   <button data-fill='{"id": "v"}' data-fill-trigger="#form">  fills inputs, tells htmx
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.submit();
});

document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
});

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-fill]");
  if (!button) return;
  for (const [id, value] of Object.entries(JSON.parse(button.dataset.fill))) {
    const input = document.getElementById(id);
    if (input) input.value = value;
  }
  if (button.dataset.fillTrigger && window.htmx) htmx.trigger(button.dataset.fillTrigger, "change");
});

// On a phone no page scrolls sideways: every table in the page scrolls in its own box. A table
// not already in one (.table-responsive) is put in one here, once, also when htmx brings new
// content; the stylesheet's fallback (display: block) covers the moment before this runs.
function tablesBoxed(root) {
  const tables = root.matches && root.matches("main table") ? [root] : root.querySelectorAll("main table");
  tables.forEach((table) => {
    if (table.parentElement.closest(".table-responsive") || table.closest("[data-no-box]")) return;
    const box = document.createElement("div");
    box.className = "table-responsive";
    table.parentNode.insertBefore(box, table);
    box.appendChild(table);
  });
}
tablesBoxed(document);
document.addEventListener("htmx:load", (event) => tablesBoxed(event.target));
