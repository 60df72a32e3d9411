/* Gallery-walk totals per table on the projector, from each card's live counts. */
(function () {
  "use strict";
  var T = window.Tischrunde;
  var cards = JSON.parse(document.getElementById("gallery-data").textContent);

  function render() {
    var totals = {};
    Object.keys(cards).forEach(function (id) {
      var c = cards[id], t = totals[c.table_id] || (totals[c.table_id] = { praise: 0, concern: 0 });
      t.praise += c.praise;
      t.concern += c.concern;
    });
    document.querySelectorAll("#gallery-totals [data-table]").forEach(function (row) {
      var t = totals[row.dataset.table] || { praise: 0, concern: 0 };
      row.querySelector(".praise").textContent = t.praise;
      row.querySelector(".concern").textContent = t.concern;
    });
  }

  T.socket.on("reaction", function (r) {
    cards[r.card_id] = { table_id: r.table_id, praise: r.praise, concern: r.concern };
    render();
  });
  render();
})();
