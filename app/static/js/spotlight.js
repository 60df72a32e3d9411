/* The projector's table spotlight: one table's cards and poster photos, live. */
(function () {
  "use strict";
  var T = window.Tischrunde;
  var data = JSON.parse(document.getElementById("spotlight-data").textContent);
  var cards = document.getElementById("spotlight-cards");
  var photos = document.getElementById("spotlight-photos");
  var tableId = null;
  var current = { cards: [] };
  /* Many or long cards: smaller, in columns, cut to a few lines, or in pages. */
  var pager = window.TischrundePages.create(
    document.querySelector(".spotlight-cards"), document.getElementById("spotlight-page"),
    data.strings.page);

  function layOut() {
    if (tableId !== null) pager.fit("cards");
  }

  /* A plenary with marked cards shows exactly those, in the host's order; the
     server sends the table again whenever that changes. */
  function markedOnly() {
    return current.presenting && current.cards.some(function (c) { return c.present !== null; });
  }

  function showFocus() {
    var focus = document.getElementById("spotlight-focus");
    var card = current.cards.filter(function (c) { return c.id === current.focus; })[0];
    focus.textContent = "";
    focus.hidden = !card;
    if (card) focus.appendChild(T.cardElement(card, data));
    cards.querySelectorAll(".card").forEach(function (li) {
      li.classList.toggle("is-focus", !!card && li.dataset.id === String(card.id));
    });
  }

  function refreshEmpty() {
    document.getElementById("spotlight-no-cards").hidden = cards.children.length > 0;
    document.getElementById("spotlight-body").classList.toggle("no-photos", photos.children.length === 0);
    layOut();
  }

  function placeCard(card) {
    if (card.table_id !== tableId) {  /* moved to another table */
      var left = cards.querySelector('[data-id="' + card.id + '"]');
      if (left) { left.remove(); refreshEmpty(); }
      return;
    }
    if (markedOnly() && !card.hidden && !card.merged) return;
    var old = cards.querySelector('[data-id="' + card.id + '"]');
    if (card.hidden || card.merged) { if (old) old.remove(); }
    else if (old) old.replaceWith(T.cardElement(card, data));
    else cards.appendChild(T.cardElement(card, data));
    refreshEmpty();
  }

  function placePhoto(photo) {
    if (photo.table_id !== tableId) return;
    T.placePhoto(photos, photo, data.suffix);
    refreshEmpty();
  }

  /* The topic in the projector's language, the name as written beneath. */
  function showTopic(topic) {
    var box = document.getElementById("spotlight-topic");
    box.dataset.tx = topic.key;
    T.fillTranslated(topic, data.view_language, data.languages);
  }

  function show(spotlight) {
    if (spotlight.feedback) {  /* the earlier ideas: a page of their own */
      window.location.assign(spotlight.feedback + window.location.search);
      return;
    }
    current = spotlight.table ? spotlight : { cards: [] };
    tableId = spotlight.table ? spotlight.table.id : null;
    document.getElementById("join-view").hidden = tableId !== null;
    document.getElementById("spotlight-view").hidden = tableId === null;
    cards.textContent = "";
    photos.textContent = "";
    pager.restart();
    if (tableId === null) return;
    document.getElementById("spotlight-number").textContent =
      data.strings.table.replace("{number}", spotlight.table.number);
    showTopic(spotlight.table.topic_texts);
    document.getElementById("spotlight-view").style.setProperty("--table", spotlight.table.colour);
    spotlight.cards.forEach(function (card) { cards.appendChild(T.cardElement(card, data)); });
    spotlight.photos.forEach(placePhoto);
    showFocus();
    refreshEmpty();
  }

  show(data.spotlight);
  T.socket.on("spotlight", show);
  T.socket.on("card", placeCard);
  T.socket.on("photo", placePhoto);
  window.addEventListener("resize", layOut);
})();
