// Small progressive enhancements; every page works without this file.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
document.addEventListener("htmx:afterSwap", function (event) {
  // After a list is replaced, put the cursor back in its form's first field for the next entry.
  var field = event.detail.target.querySelector("form textarea, form input:not([type=hidden])");
  if (field && event.detail.requestConfig && event.detail.requestConfig.verb === "post") {
    field.focus();
  }
});
