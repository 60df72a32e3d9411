(function () {
  "use strict";
  var T = window.Tischrunde;
  var data = T.pageData();
  function showCounts(counts) {
    document.getElementById("count-participants").textContent = T.formatNumber(counts.participants);
    document.getElementById("count-cards").textContent = T.formatNumber(counts.cards);
  }
  function applyState(state) { T.showPhase(document.querySelector(".projector-phase"), state); }
  var connectedOnce = false;
  function reloadAfterReconnect() {
    if (connectedOnce) window.location.reload();
    connectedOnce = true;
  }
  T.connect(data.auth, { counts: showCounts, state: applyState }, reloadAfterReconnect);
})();
