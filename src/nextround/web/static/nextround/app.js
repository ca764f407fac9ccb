// Small progressive enhancements; every page works without this file.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
// Where the focus goes after htmx replaces a list: the item just added (or changed), else the
// first field the server refused; after a removal, the list's heading. Never left on <body>.
document.addEventListener("htmx:afterSwap", function (event) {
  if (!event.detail.requestConfig || event.detail.requestConfig.verb !== "post") return;
  var target = event.detail.target;
  // An outerHTML swap replaces the target: find its successor by id.
  var root = (target.id && document.getElementById(target.id)) || target;
  if (!root.querySelector) return;
  var next = root.querySelector("[data-added]") ||
    root.querySelector(".has-error textarea, .has-error input, .has-error select");
  if (next) next.focus();
});
document.addEventListener("htmx:afterRequest", function (event) {
  var elt = event.detail.elt;
  var selector = elt && elt.getAttribute && elt.getAttribute("data-focus-after");
  if (selector && event.detail.successful) {
    var heading = document.querySelector(selector);
    if (heading) heading.focus();
  }
});
// Without htmx the page is loaded again at the new item's #anchor: focus it, as autofocus does.
document.addEventListener("DOMContentLoaded", function () {
  var id = window.location.hash.slice(1);
  var item = id && document.getElementById(id);
  if (item && item.hasAttribute("tabindex") && document.activeElement === document.body) {
    item.focus();
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
