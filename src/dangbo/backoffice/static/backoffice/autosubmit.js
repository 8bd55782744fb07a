// A field marked data-autosubmit sends its form when it changes (instead of an inline
// onchange= handler, which the Content-Security-Policy forbids). Delegated, so rows that
// htmx swaps in work too.
document.addEventListener("change", (event) => {
  const field = event.target;
  if (!(field instanceof Element) || !field.matches("[data-autosubmit]") || !field.form) return;
  if (field.form.requestSubmit) field.form.requestSubmit();
  else field.form.submit();
});
