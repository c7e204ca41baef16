// A table of a tree (the plan's targets, the tracking tree): rows carry data-id, data-parent
// and data-level; the table carries data-tree and data-tree-keep (the deepest level that
// "close all" leaves shown). A row's caret opens or closes its children (closing hides all
// below); buttons with data-tree-all="open|close" and data-tree-target="#table" do every row.
(() => {
  function setIcon(row, open) {
    const icon = row && row.querySelector(".toggle");
    if (!icon) return;
    icon.classList.toggle("bi-caret-down-fill", open);
    icon.classList.toggle("bi-caret-right-fill", !open);
  }

  function hideBelow(table, id) {
    table.querySelectorAll(`tr[data-parent="${id}"]`).forEach((row) => {
      row.hidden = true;
      hideBelow(table, row.dataset.id);
    });
    setIcon(table.querySelector(`tr[data-id="${id}"]`), false);
  }

  function toggle(table, row) {
    const open = row.querySelector(".toggle").classList.contains("bi-caret-right-fill");
    setIcon(row, open);
    table.querySelectorAll(`tr[data-parent="${row.dataset.id}"]`).forEach((child) => {
      child.hidden = !open;
      if (!open) hideBelow(table, child.dataset.id);
    });
  }

  function all(table, open) {
    const keep = Number(table.dataset.treeKeep || 0);
    table.querySelectorAll("tr[data-level]").forEach((row) => {
      const level = Number(row.dataset.level);
      if (open || level > keep) row.hidden = !open;
      setIcon(row, open || level < keep);
    });
  }

  document.addEventListener("click", (event) => {
    const toggler = event.target.closest("table[data-tree] [data-tree-toggle]");
    if (toggler) {
      event.preventDefault();
      toggle(toggler.closest("table"), toggler.closest("tr"));
      return;
    }
    const button = event.target.closest("[data-tree-all]");
    const table = button && document.querySelector(button.dataset.treeTarget);
    if (table) all(table, button.dataset.treeAll === "open");
  });
})();
