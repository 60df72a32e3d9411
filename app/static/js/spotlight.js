/* The projector's table spotlight: one table's cards and poster photos, live. */
(function () {
  "use strict";
  var T = window.Tischrunde;
  var data = JSON.parse(document.getElementById("spotlight-data").textContent);
  var cards = document.getElementById("spotlight-cards");
  var photos = document.getElementById("spotlight-photos");
  var tableId = null;

  function refreshEmpty() {
    document.getElementById("spotlight-no-cards").hidden = cards.children.length > 0;
    document.getElementById("spotlight-body").classList.toggle("no-photos", photos.children.length === 0);
  }

  function placeCard(card) {
    if (card.table_id !== tableId) return;
    var old = cards.querySelector('[data-id="' + card.id + '"]');
    if (card.hidden) { if (old) old.remove(); }
    else if (old) old.replaceWith(T.cardElement(card, data));
    else cards.appendChild(T.cardElement(card, data));
    refreshEmpty();
  }

  function placePhoto(photo) {
    if (photo.table_id !== tableId) return;
    T.placePhoto(photos, photo, data.suffix);
    refreshEmpty();
  }

  function show(spotlight) {
    tableId = spotlight.table ? spotlight.table.id : null;
    document.getElementById("join-view").hidden = tableId !== null;
    document.getElementById("spotlight-view").hidden = tableId === null;
    cards.textContent = "";
    photos.textContent = "";
    if (tableId === null) return;
    document.getElementById("spotlight-number").textContent =
      data.strings.table.replace("{number}", spotlight.table.number);
    document.getElementById("spotlight-topic").textContent = spotlight.table.topic;
    spotlight.cards.forEach(placeCard);
    spotlight.photos.forEach(placePhoto);
    refreshEmpty();
  }

  show(data.spotlight);
  T.socket.on("spotlight", show);
  T.socket.on("card", placeCard);
  T.socket.on("photo", placePhoto);
})();
