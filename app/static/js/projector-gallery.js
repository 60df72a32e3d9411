/* Gallery-walk totals per table on the projector, as the server pushes them. */
(function () {
  "use strict";
  var T = window.Tischrunde;

  function render(totals) {
    document.querySelectorAll("#gallery-totals [data-table]").forEach(function (row) {
      var total = totals[row.dataset.table] || { praise: 0, concern: 0 };
      row.querySelector(".praise").textContent = T.formatNumber(total.praise);
      row.querySelector(".concern").textContent = T.formatNumber(total.concern);
    });
  }

  T.socket.on("gallery", render);
})();
