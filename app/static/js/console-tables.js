/* The console's tables: show the cards of one phase (the running one unless the
   moderator chose another, remembered for this tab) and fold the tables that show
   nothing into one line. Watches the grid, so cards and photos arriving live
   unfold their table by themselves. */
(function () {
  "use strict";
  var tools = document.getElementById("table-tools");
  var grid = document.querySelector(".table-grid");
  if (!tools || !grid) return;
  var line = document.getElementById("empty-tables");
  var unfolded = {};
  var storageKey = "tischrunde-phase-filter-" + tools.dataset.event;
  var chosen = remembered();

  /* A choice stays valid until the running phase changes. */
  function remembered() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(storageKey) || "null");
      if (saved && saved.default === tools.dataset.default) return saved.phase;
    } catch (e) { /* no storage: the default */ }
    return tools.dataset.default;
  }

  function choose(phase) {
    chosen = phase;
    try {
      sessionStorage.setItem(storageKey, JSON.stringify({ default: tools.dataset.default, phase: phase }));
    } catch (e) { /* private mode: not remembered */ }
    apply();
  }

  function filterCards() {
    grid.querySelectorAll(".cards > .card").forEach(function (li) {
      li.classList.toggle("other-phase", chosen !== "all" && li.dataset.phase !== chosen);
    });
  }

  function shows(column) {
    if (column.classList.contains("is-spotlight")) return true;
    var cards = column.querySelectorAll(".cards > .card:not(.other-phase):not([hidden])");
    return cards.length > 0 || column.querySelector(".photos > li") !== null;
  }

  function unfoldButton(column) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "link";
    button.textContent = column.dataset.number;
    button.setAttribute("aria-label", line.dataset.unfoldLabel.replace("{number}", column.dataset.number));
    button.addEventListener("click", function () { unfolded[column.dataset.table] = true; apply(); });
    return button;
  }

  function fold() {
    var numbers = line.querySelector(".empty-numbers");
    numbers.textContent = "";
    var folded = 0;
    grid.querySelectorAll("[data-table]").forEach(function (column) {
      var hide = !shows(column) && !unfolded[column.dataset.table];
      column.hidden = hide;
      if (!hide) return;
      folded++;
      numbers.appendChild(unfoldButton(column));
    });
    line.hidden = folded === 0;
  }

  /* Our own changes are not watched: apply stops watching while it works. */
  var observer = new MutationObserver(apply);
  var watched = { childList: true, subtree: true, attributeFilter: ["class"] };
  function apply() {
    observer.disconnect();
    filterCards();
    fold();
    observer.observe(grid, watched);
  }

  var radios = tools.querySelectorAll('input[name="phase-filter"]');
  var known = Array.prototype.some.call(radios, function (radio) { return radio.value === chosen; });
  if (radios.length && !known) chosen = "all";
  radios.forEach(function (radio) {
    radio.checked = radio.value === chosen;
    radio.addEventListener("change", function () { choose(radio.value); });
  });
  line.querySelector("[data-unfold-all]").addEventListener("click", function () {
    grid.querySelectorAll("[data-table]").forEach(function (column) { unfolded[column.dataset.table] = true; });
    apply();
  });
  tools.hidden = false;
  apply();
})();
