// The board's drag and drop, and the calendar page's copy button. Both only add to what the
// pages do without this file: every card moves with its own Stage form (keyboard included),
// and the calendar address can be selected and copied by hand.
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
  function enable() {
    var root = board();
    if (!root) return;
    root.classList.add("board-draggable");
    var cards = root.querySelectorAll(".board-card");
    for (var i = 0; i < cards.length; i++) cards[i].setAttribute("draggable", "true");
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
    var form = card.querySelector("form.board-move");
    var select = form && form.querySelector("select[name=stage]");
    var stage = column.getAttribute("data-stage");
    if (!select || !stage || select.value === stage) return;
    select.value = stage;
    card.classList.add("moving");
    // The card's own form sends the move: htmx redraws the board in place, or without
    // htmx the browser posts it and comes back to the board.
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
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
