// The board's drag and drop (by mouse, and by touch from a card's grip), and the calendar
// page's copy button. Both only add to what the pages do without this file: every card moves
// with its own Stage form (keyboard included), and the calendar address can be selected and
// copied by hand.
(function () {
  "use strict";
  var dragged = null;

  function board() { return document.getElementById("board"); }
  function status(text) {
    var el = document.getElementById("board-status");
    if (el) el.textContent = text;
  }
  function columnOf(el) {
    return el && el.closest ? el.closest("#board .column[data-stage]") : null;
  }
  function clearTargets() {
    var marked = document.querySelectorAll("#board .column.drop-here");
    for (var i = 0; i < marked.length; i++) marked[i].classList.remove("drop-here");
  }

  // Cards become draggable once this script runs, and again whenever the board is redrawn.
  // Each gets a grip to hold it by on a touch screen, where a finger elsewhere scrolls.
  function enable() {
    var root = board();
    if (!root) return;
    root.classList.add("board-draggable");
    var cards = root.querySelectorAll(".board-card");
    for (var i = 0; i < cards.length; i++) {
      cards[i].setAttribute("draggable", "true");
      if (!cards[i].querySelector(".board-grip")) {
        var grip = document.createElement("span");
        grip.className = "board-grip";
        grip.setAttribute("aria-hidden", "true");
        grip.title = "Hold and drag to another column";
        grip.textContent = "\u2807\u2807";
        cards[i].insertBefore(grip, cards[i].firstChild);
      }
    }
  }

  // The card's own form sends the move: htmx redraws the board in place, or without htmx the
  // browser posts it and comes back to the board.
  function moveTo(card, column) {
    var form = card.querySelector("form.board-move");
    var select = form && form.querySelector("select[name=stage]");
    var stage = column.getAttribute("data-stage");
    if (!select || !stage || select.value === stage) return;
    select.value = stage;
    card.classList.add("moving");
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  }

  // After a move, the moved card's Stage menu takes the focus, wherever the card now is.
  function settle() {
    var root = board();
    if (!root) return;
    enable();
    var id = root.getAttribute("data-moved");
    if (!id) return;
    root.removeAttribute("data-moved");
    var select = document.getElementById("move-" + id);
    if (select) {
      select.focus();
    } else {
      var heading = document.getElementById("board-h");
      if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
    }
  }

  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest("#board .board-card");
    if (!card) return;
    if (held) { event.preventDefault(); return; }  // already moving by touch
    dragged = card;
    card.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.getAttribute("data-card") || "");
  });
  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    clearTargets();
  });
  document.addEventListener("dragover", function (event) {
    var column = columnOf(event.target);
    if (!column || !dragged) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    if (!column.classList.contains("drop-here")) {
      clearTargets();
      column.classList.add("drop-here");
    }
  });
  document.addEventListener("dragleave", function (event) {
    var column = columnOf(event.target);
    if (column && !column.contains(event.relatedTarget)) column.classList.remove("drop-here");
  });
  document.addEventListener("drop", function (event) {
    var column = columnOf(event.target);
    var card = dragged;
    if (!column || !card) return;
    event.preventDefault();
    clearTargets();
    moveTo(card, column);
  });

  // By touch (or a pen): a touch screen sends pointer events, not drag events. The card follows
  // the finger from its grip; near the top or bottom of the screen the page scrolls, so a
  // column further down a phone's board can be reached; lifting the finger over a column
  // moves the card there.
  var held = null;
  var EDGE = 56, STEP = 14;
  function columnAt(x, y) {
    var columns = document.querySelectorAll("#board .column[data-stage]");
    for (var i = 0; i < columns.length; i++) {
      var box = columns[i].getBoundingClientRect();
      if (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) return columns[i];
    }
    return null;
  }
  function follow() {
    if (!held) return;
    var dx = held.x - held.startX + (window.scrollX - held.scrollX);
    var dy = held.y - held.startY + (window.scrollY - held.scrollY);
    held.card.style.transform = "translate(" + dx + "px, " + dy + "px)";
    var column = columnAt(held.x, held.y);
    if (column !== held.column) {
      clearTargets();
      if (column) column.classList.add("drop-here");
      held.column = column;
    }
  }
  function scrollNearEdges() {
    if (!held) return;
    var by = held.y < EDGE ? -STEP : held.y > window.innerHeight - EDGE ? STEP : 0;
    if (by) { window.scrollBy(0, by); follow(); }
  }
  function letGo() {
    if (!held) return null;
    var was = held;
    window.clearInterval(was.timer);
    was.card.style.transform = "";
    was.card.classList.remove("dragging");
    clearTargets();
    held = null;
    return was;
  }
  document.addEventListener("pointerdown", function (event) {
    if (event.pointerType === "mouse" || held) return;
    var grip = event.target.closest && event.target.closest("#board .board-grip");
    var card = grip && grip.closest(".board-card");
    if (!card) return;
    event.preventDefault();
    if (grip.setPointerCapture) grip.setPointerCapture(event.pointerId);
    held = {
      card: card, pointer: event.pointerId, column: null,
      startX: event.clientX, startY: event.clientY, x: event.clientX, y: event.clientY,
      scrollX: window.scrollX, scrollY: window.scrollY,
      timer: window.setInterval(scrollNearEdges, 30)
    };
    card.classList.add("dragging");
  });
  document.addEventListener("pointermove", function (event) {
    if (!held || event.pointerId !== held.pointer) return;
    event.preventDefault();
    held.x = event.clientX;
    held.y = event.clientY;
    follow();
  });
  document.addEventListener("pointerup", function (event) {
    if (!held || event.pointerId !== held.pointer) return;
    held.x = event.clientX;
    held.y = event.clientY;
    var column = columnAt(held.x, held.y);
    var was = letGo();
    if (column) moveTo(was.card, column);
  });
  document.addEventListener("pointercancel", function (event) {
    if (held && event.pointerId === held.pointer) letGo();
  });

  document.addEventListener("htmx:afterSettle", settle);
  document.addEventListener("htmx:responseError", function (event) {
    var elt = event.detail && event.detail.elt;
    if (elt && elt.closest && elt.closest("#board")) {
      status("The card could not be moved (it may have been deleted). Reload the page to see the board as it is.");
      var moving = document.querySelector("#board .board-card.moving");
      if (moving) moving.classList.remove("moving");
    }
  });
  document.addEventListener("htmx:sendError", function (event) {
    var elt = event.detail && event.detail.elt;
    if (elt && elt.closest && elt.closest("#board")) {
      status("The card could not be moved: nextround did not answer. Try again in a moment.");
    }
  });

  // The calendar page: copy the private address with one press.
  function copyButtons() {
    var buttons = document.querySelectorAll("[data-copy]");
    for (var i = 0; i < buttons.length; i++) {
      if (navigator.clipboard && window.isSecureContext) buttons[i].hidden = false;
    }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy]");
    if (!button) return;
    var field = document.getElementById(button.getAttribute("data-copy"));
    var said = document.querySelector("[data-copy-status]");
    if (!field) return;
    navigator.clipboard.writeText(field.value).then(function () {
      if (said) said.textContent = "Address copied.";
    }, function () {
      field.select();
      if (said) said.textContent = "Could not copy: the address is selected, copy it with your keyboard.";
    });
  });

  function start() { enable(); copyButtons(); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
