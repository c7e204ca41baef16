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
