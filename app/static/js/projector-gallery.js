/* Gallery-walk totals per table on the projector, as the server pushes them; a
   table shows once people sit at it or its cards got reactions. */
(function () {
  "use strict";
  var T = window.Tischrunde;
  var rows = document.querySelectorAll("#gallery-totals [data-table]");

  function render(totals) {
    rows.forEach(function (row) {
      var total = totals[row.dataset.table];
      if (total) row.hidden = false;
      total = total || { praise: 0, concern: 0 };
      row.querySelector(".praise").textContent = T.formatNumber(total.praise);
      row.querySelector(".concern").textContent = T.formatNumber(total.concern);
    });
  }

  function seated(counts) {
    rows.forEach(function (row) { if (counts.tables[row.dataset.table]) row.hidden = false; });
  }

  T.socket.on("gallery", render);
  T.socket.on("counts", seated);
})();
