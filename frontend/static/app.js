// Small progressive enhancements only: every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the first invalid field so keyboard users land on the problem.
  const invalid = document.querySelector("[aria-invalid=true]");
  if (invalid && typeof invalid.focus === "function") invalid.focus();
});
