// Bootstrap's look for the fields of the article form (a file, not an inline script: CSP).
document.querySelectorAll("form input:not([type=checkbox]):not([type=file]), form select, form textarea")
  .forEach((e) => e.classList.add("form-control"));
