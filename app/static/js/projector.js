(function () {
  "use strict";
  var T = window.Tischrunde;
  var data = T.pageData();
  function showCounts(counts) {
    document.getElementById("count-participants").textContent = T.formatNumber(counts.participants);
    document.getElementById("count-cards").textContent = T.formatNumber(counts.cards);
  }
  /* A closed event shows its thank-you screen over whatever was on. */
  function applyState(state) {
    T.showPhase(document.querySelector(".projector-phase"), state);
    document.body.classList.toggle("event-closed", !state.event_open);
    document.getElementById("thanks-view").hidden = state.event_open;
  }
  var connectedOnce = false;
  function reloadAfterReconnect() {
    if (connectedOnce) window.location.reload();
    connectedOnce = true;
  }
  /* links: the join code changed; revoked: this link was renewed (the page goes). */
  function reload() { window.location.reload(); }
  T.connect(data.auth, { counts: showCounts, state: applyState, links: reload, revoked: reload },
            reloadAfterReconnect);
})();
