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

// The practice timer: starts at the first keystroke, shows elapsed and the target, and
// sends the seconds taken with the answer.
(function () {
  var started = null;
  var tick = null;
  function timerEl() { return document.querySelector("[data-timer]"); }
  function render() {
    var el = timerEl();
    if (!el || started === null) return;
    var seconds = Math.round((Date.now() - started) / 1000);
    var limit = parseInt(el.getAttribute("data-limit") || "0", 10);
    var mm = Math.floor(seconds / 60), ss = ("0" + (seconds % 60)).slice(-2);
    el.textContent = "Time: " + mm + ":" + ss + (limit ? " of " + Math.floor(limit / 60) + ":" + ("0" + (limit % 60)).slice(-2) : "");
    el.classList.toggle("over", limit > 0 && seconds > limit);
    var field = document.querySelector("[data-timer-value]");
    if (field) field.value = String(seconds);
  }
  document.addEventListener("input", function (event) {
    if (!event.target.matches || !event.target.matches("[data-timer-start]")) return;
    if (started === null) {
      started = Date.now();
      tick = window.setInterval(render, 1000);
      render();
    }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt && event.detail.elt.matches && event.detail.elt.matches("form.practice")) {
      if (tick) window.clearInterval(tick);
      started = null;
    }
  });
})();

/* Server mode (strict Content-Security-Policy) */
// htmx copies "style" between old and new elements while settling a swap, which writes an
// inline style attribute that the policy blocks; the app uses no inline styles, so skip it.
if (window.htmx) {
  window.htmx.config.attributesToSettle = ["class", "width", "height"];
}
