// The organization picker (OrgPickerWidget in dangbo/backoffice/widgets.py).
// htmx fetches the matching organizations as one types; clicking one (or Enter on
// the first) puts its id in the hidden input and fires "change" there, so a form
// that reacts to changes (the member list filters) reacts to the choice, not to
// each key. Without JavaScript the server resolves the typed text.
(function () {
  "use strict";

  function isBox(el) {
    return el instanceof Element && el.matches("[data-org-picker-input]");
  }

  function parts(el) {
    const root = el.closest("[data-org-picker]");
    if (!root) return null;
    return {
      root: root,
      box: root.querySelector("[data-org-picker-input]"),
      value: root.querySelector("[data-org-picker-value]"),
      shown: root.querySelector("[data-org-picker-shown]"),
      results: root.querySelector("[data-org-picker-results]"),
    };
  }

  function close(p) {
    p.results.innerHTML = "";
    p.box.setAttribute("aria-expanded", "false");
  }

  function choose(p, option) {
    p.value.value = option.dataset.value;
    p.box.value = option.dataset.label;
    p.shown.value = option.dataset.label;
    close(p);
    p.box.focus();
    p.value.dispatchEvent(new Event("change", { bubbles: true }));
  }

  // The endpoint reads the search text as "q", whatever the field's name.
  document.addEventListener("htmx:configRequest", function (event) {
    const box = event.detail.elt;
    if (!isBox(box)) return;
    event.detail.parameters.q = box.value;
    delete event.detail.parameters[box.name];
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    const p = event.target instanceof Element && event.target.matches("[data-org-picker-results]")
      ? parts(event.target) : null;
    if (p) p.box.setAttribute("aria-expanded", p.results.children.length ? "true" : "false");
  });

  // Typing forgets the previous choice until a result is picked.
  document.addEventListener("input", function (event) {
    if (!isBox(event.target)) return;
    const p = parts(event.target);
    if (p) p.value.value = "";
  });

  // The text box's own "change" is not a choice: keep it from the enclosing form.
  document.addEventListener("change", function (event) {
    if (isBox(event.target)) event.stopPropagation();
  }, true);

  document.addEventListener("click", function (event) {
    const option = event.target instanceof Element ? event.target.closest("[data-org-option]") : null;
    if (option) {
      const p = parts(option);
      if (p) choose(p, option);
      return;
    }
    document.querySelectorAll("[data-org-picker]").forEach(function (root) {
      if (!root.contains(event.target)) close(parts(root));
    });
  });

  document.addEventListener("keydown", function (event) {
    const el = event.target;
    if (!(el instanceof Element) || !el.closest("[data-org-picker]")) return;
    const p = parts(el);
    const options = Array.from(p.results.querySelectorAll("[data-org-option]"));
    const at = options.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && options.length) {
      event.preventDefault();
      options[Math.min(at + 1, options.length - 1)].focus();
    } else if (event.key === "ArrowUp" && options.length) {
      event.preventDefault();
      (at <= 0 ? p.box : options[at - 1]).focus();
    } else if (event.key === "Escape") {
      close(p);
      p.box.focus();
    } else if (event.key === "Enter" && el === p.box && options.length) {
      event.preventDefault();
      choose(p, options[0]);
    }
  });
})();
