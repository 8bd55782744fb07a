// "Thêm dòng" for the formsets of a member's file (members/list_form.html): copies the
// empty row of the <template> with the next index. Without JavaScript the page still
// offers one empty row each time it is opened.
(function () {
  "use strict";
  document.querySelectorAll("[data-formset-add]").forEach(function (button) {
    button.hidden = false;
  });
  document.addEventListener("click", function (event) {
    const button = event.target instanceof Element ? event.target.closest("[data-formset-add]") : null;
    if (!button) return;
    const form = button.closest("form");
    const prefix = button.dataset.formsetAdd;
    const total = form.querySelector("#id_" + prefix + "-TOTAL_FORMS");
    const html = form.querySelector("template[data-formset-empty]").innerHTML
      .replace(/__prefix__/g, total.value);
    form.querySelector("[data-formset-rows]").insertAdjacentHTML("beforeend", html);
    total.value = String(Number(total.value) + 1);
  });
})();
