// Small progressive enhancements: every page works without JavaScript.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("fieldset[data-typeahead]").forEach(typeahead);
  // Enter in a type-ahead picks a suggestion and never submits its form
  // (the booking and slot forms have them too), also when the key arrives
  // as a separate keypress after a cancelled keydown, as some input
  // methods and automation send it.
  document.addEventListener("keypress", (e) => {
    if (e.key === "Enter" && e.target.classList && e.target.classList.contains("typeahead-input")) e.preventDefault();
  });
  const form = document.getElementById("contact-form");
  if (form) {
    // Ctrl+Enter saves from anywhere in the quick-entry form ("save and new").
    form.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        form.requestSubmit(document.getElementById("save-new") || undefined);
      }
    });
    form.addEventListener("keypress", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) e.preventDefault();
    });
    // A double click must not post twice; the idempotency key makes a
    // repeat harmless anyway, this just avoids the wait.
    form.addEventListener("submit", () => {
      setTimeout(() => form.querySelectorAll("button[type=submit]").forEach((b) => (b.disabled = true)), 0);
    });
  }
  // The consent details are asked for only once the flag is on; without
  // JavaScript they are always shown.
  document.querySelectorAll("[data-shown-by]").forEach((box) => {
    const flag = document.getElementById(box.dataset.shownBy);
    if (!flag) return;
    const sync = () => (box.hidden = !flag.checked);
    flag.addEventListener("change", sync);
    sync();
  });
  // A double click must not send a support form twice (its idempotency
  // key makes a repeat harmless anyway).
  document.querySelectorAll("#support-form, #message-form").forEach((f) =>
    f.addEventListener("submit", () => setTimeout(() => f.querySelectorAll("button[type=submit]").forEach((b) => (b.disabled = true)), 0)),
  );
  const importBox = document.getElementById("import-progress");
  if (importBox && importBox.dataset.state === "running") pollImport(importBox);
  const invalid = document.querySelector("[aria-invalid=true]");
  const auto = document.querySelector("input[data-autofocus]");
  const target = invalid || auto;
  if (target && typeof target.focus === "function") target.focus();
});

// typeahead turns a fieldset of checkboxes into a searchable chip input:
// type a few letters, Enter picks the first match, Backspace removes the
// last chip. The checkboxes stay the form's values.
function typeahead(fieldset) {
  const boxes = Array.from(fieldset.querySelectorAll("input[type=checkbox]"));
  const items = boxes.map((box) => ({ box, label: box.parentElement.textContent.trim(), key: fold(box.parentElement.textContent + " " + box.value) }));
  const wrap = document.createElement("div");
  wrap.className = "typeahead";
  const chips = document.createElement("span");
  chips.className = "chips";
  const input = document.createElement("input");
  input.className = "typeahead-input";
  input.type = "text";
  input.autocomplete = "off";
  input.placeholder = fieldset.dataset.placeholder || "";
  input.setAttribute("role", "combobox");
  if ("autofocus" in fieldset.dataset) input.dataset.autofocus = "";
  input.setAttribute("aria-expanded", "false");
  const labelId = fieldset.getAttribute("aria-labelledby");
  if (labelId) input.setAttribute("aria-labelledby", labelId);
  const list = document.createElement("ul");
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.id = (labelId || "ta") + "-list";
  input.setAttribute("aria-controls", list.id);
  wrap.append(chips, input, list);
  fieldset.before(wrap);
  fieldset.hidden = true;
  let matches = [];
  let active = 0;

  const renderChips = () => {
    chips.replaceChildren(...items.filter((i) => i.box.checked).map((i) => {
      const chip = document.createElement("button");
      chip.type = "button";
      chip.className = "chip";
      chip.tabIndex = -1;
      chip.textContent = i.label + " ×";
      chip.addEventListener("click", () => { i.box.checked = false; renderChips(); input.focus(); });
      return chip;
    }));
  };
  const renderList = () => {
    const q = fold(input.value);
    matches = q ? items.filter((i) => !i.box.checked && i.key.includes(q)).slice(0, 8) : [];
    active = Math.min(active, Math.max(matches.length - 1, 0));
    list.replaceChildren(...matches.map((m, n) => {
      const li = document.createElement("li");
      li.textContent = m.label;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", n === active ? "true" : "false");
      li.addEventListener("mousedown", (e) => { e.preventDefault(); pick(m); });
      return li;
    }));
    input.setAttribute("aria-expanded", matches.length ? "true" : "false");
  };
  const pick = (m) => {
    m.box.checked = true;
    input.value = "";
    active = 0;
    renderChips();
    renderList();
  };
  input.addEventListener("input", () => { active = 0; renderList(); });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.ctrlKey && !e.metaKey && input.value) {
      e.preventDefault();
      if (matches[active]) pick(matches[active]);
    } else if (e.key === "ArrowDown" && matches.length) {
      e.preventDefault();
      active = (active + 1) % matches.length;
      renderList();
    } else if (e.key === "ArrowUp" && matches.length) {
      e.preventDefault();
      active = (active - 1 + matches.length) % matches.length;
      renderList();
    } else if (e.key === "Escape") {
      input.value = "";
      renderList();
    } else if (e.key === "Backspace" && !input.value) {
      const chosen = items.filter((i) => i.box.checked);
      if (chosen.length) { chosen[chosen.length - 1].box.checked = false; renderChips(); }
    }
  });
  // Enter picks, never submits, also when it arrives as a keypress of its own.
  input.addEventListener("keypress", (e) => { if (e.key === "Enter") e.preventDefault(); });
  input.addEventListener("blur", () => setTimeout(() => { list.replaceChildren(); input.setAttribute("aria-expanded", "false"); }, 100));
  renderChips();
}

// fold makes matching ignore case and accents: "aeti" finds "Äitiys".
function fold(s) {
  return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

// pollImport moves the import's progress bar from its JSON status, and
// reloads the page for the result. Without JavaScript the page refreshes
// itself instead.
function pollImport(box) {
  const bar = document.getElementById("import-bar");
  const done = document.getElementById("import-done");
  const tick = () => fetch(box.dataset.status, { headers: { Accept: "application/json" } })
    .then((r) => r.json())
    .then((s) => {
      if (s.state !== "running") { window.location.reload(); return; }
      bar.value = s.done;
      done.textContent = s.done;
      setTimeout(tick, 1000);
    })
    .catch(() => setTimeout(tick, 3000));
  setTimeout(tick, 1000);
}

// The invitation's print button: a PDF is "print to PDF" in any browser.
document.querySelectorAll("[data-print]").forEach((button) => button.addEventListener("click", () => window.print()));
