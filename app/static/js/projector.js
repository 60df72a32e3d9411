/* The room's screen: join code, phase and counts; during the plenary one table's
   cards, updated live as they are hidden or translated. */
(function () {
  "use strict";
  var T = window.Tischrunde;
  var data = T.pageData();

  function showCounts(counts) {
    var participants = document.getElementById("count-participants");
    if (!participants) return;
    participants.textContent = T.formatNumber(counts.participants);
    document.getElementById("count-cards").textContent = T.formatNumber(counts.cards);
  }

  function applyState(state) {
    var phase = document.querySelector(".projector-phase");
    if (phase) T.showPhase(phase, state);
  }

  function place(card) {
    if (card.table_id !== data.table_id) return;
    var list = document.getElementById("cards");
    var old = list.querySelector('[data-id="' + card.id + '"]');
    if (card.hidden) { if (old) old.remove(); }
    else if (old) { old.replaceWith(T.cardElement(card, data)); }
    else { list.appendChild(T.cardElement(card, data)); }
    document.getElementById("no-cards").hidden = list.children.length > 0;
  }

  function reload() { window.location.reload(); }

  T.connect(data.auth, { counts: showCounts, state: applyState, card: place, projected: reload }, reload);
})();
