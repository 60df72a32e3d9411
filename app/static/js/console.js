/* The moderator console: every table's cards live; hide and show without reloading. */
(function () {
  "use strict";
  var T = window.Tischrunde;
  var data = T.pageData();

  /* Newest first, cards waiting for approval above all others; a moved card changes
     column. */
  function place(card) {
    var column = document.querySelector('[data-table="' + card.table_id + '"] .cards');
    if (!column) return;
    var fresh = T.cardElement(card, data);
    markEntry(fresh, card);
    fillMove(fresh, card);
    fresh.id = "card-" + card.id;  /* a dot-vote result on the poll page links here */
    fresh.classList.toggle("is-linked", window.location.hash === "#" + fresh.id);
    var old = document.querySelector('.table-grid .cards > [data-id="' + card.id + '"]');
    var waiting = card.state === "waiting";
    if (old && old.parentNode === column && old.classList.contains("is-waiting") === waiting) {
      old.replaceWith(fresh);
      return;
    }
    if (old) old.remove();
    var lastWaiting = column.querySelectorAll(":scope > .is-waiting");
    var after = waiting || !lastWaiting.length ? null : lastWaiting[lastWaiting.length - 1];
    column.insertBefore(fresh, after ? after.nextSibling : column.firstChild);
  }

  /* The move menu offers the card's own place and the categories of its phase only. */
  function fillMove(li, card) {
    var form = li.querySelector(".card-move");
    if (!form) return;
    form.elements.table.value = card.table_id;
    form.elements.category.value = card.category_id;
    var own = form.elements.category.selectedOptions[0];
    var phase = own ? own.parentNode.dataset.movePhase : null;
    form.querySelectorAll("optgroup").forEach(function (group) {
      group.disabled = group.dataset.movePhase !== phase;
      group.hidden = group.disabled;
    });
  }

  /* Cards entered for people without a phone: marked here, counted apart. */
  function markEntry(li, card) {
    li.querySelectorAll("[data-entered-by]").forEach(function (el) {
      el.hidden = el.dataset.enteredBy !== card.entered_by;
    });
  }
  function showOnBehalf(count) {
    var box = document.getElementById("on-behalf");
    if (!box) return;
    box.hidden = !count;
    document.getElementById("count-on-behalf").textContent = T.formatNumber(count || 0);
  }

  function showCounts(counts) {
    document.getElementById("count-participants").textContent = T.formatNumber(counts.participants);
    document.getElementById("count-cards").textContent = T.formatNumber(counts.cards);
    showOnBehalf(counts.on_behalf);
    var waiting = document.getElementById("count-waiting");
    waiting.querySelector("strong").textContent = T.formatNumber(counts.waiting || 0);
    waiting.hidden = !counts.waiting;
    document.querySelectorAll("[data-table]").forEach(function (column) {
      column.querySelector(".seated").textContent = T.formatNumber(counts.tables[column.dataset.table] || 0);
    });
  }

  function applyState(state) {
    if (state.phase_id !== data.state.phase_id || state.event_open !== data.state.event_open) {
      window.location.reload();
    }
  }

  async function resync() {
    var response = await fetch(data.urls.state, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    var fresh = await response.json();
    document.querySelectorAll(".table-grid .cards").forEach(function (ul) { ul.textContent = ""; });
    fresh.cards.forEach(place);
    showCounts(fresh.counts);
    applyState(fresh.state);
    showAssistant();  /* a push missed while connecting */
  }

  function showConnection(online) {
    var badge = document.getElementById("connection");
    badge.textContent = online ? "● " + data.strings.online : data.strings.offline;
    badge.className = "connection " + (online ? "online" : "offline");
  }

  /* A card's actions (hide, approve, move…) without reloading: the push that
     follows shows the result; a menu the action came from closes. */
  document.addEventListener("submit", async function (event) {
    var form = event.target;
    if (!form.matches(".card-action, .card-move")) return;
    event.preventDefault();
    var response = await T.post(form.action, new FormData(form), data.csrf);
    var answer = await response.json().catch(function () { return {}; });
    if (!response.ok) window.alert(answer.error || response.statusText);
    else if (form.closest("details")) form.closest("details").open = false;
  });

  /* Gallery-walk counts on a card, live. */
  function showReaction(reaction) {
    var li = document.querySelector('.table-grid .cards > [data-id="' + reaction.card_id + '"]');
    if (!li) return;
    ["praise", "concern"].forEach(function (kind) {
      var badge = li.querySelector(".meta-" + kind);
      badge.querySelector("b").textContent = reaction[kind];
      badge.hidden = !reaction[kind];
    });
  }

  /* Cards are drawn after the browser looked for the link's #card-N: look again. */
  function showLinkedCard() {
    var linked = /^#card-\d+$/.test(window.location.hash) && document.querySelector(window.location.hash);
    if (linked) linked.scrollIntoView({ block: "center" });
  }

  /* The assistant's button counts its open duplicate suggestions. */
  async function showAssistant() {
    var badge = document.getElementById("assistant-count");
    if (!badge) return;
    var response = await fetch(data.urls.assistant, { headers: { Accept: "application/json" } }).catch(function () { return null; });
    if (!response || !response.ok) return;
    var found = (await response.json()).suggestions;
    badge.textContent = T.formatNumber(found);
    badge.hidden = found === 0;
  }

  data.cards.forEach(place);
  showLinkedCard();
  T.connect({ role: "console", event: data.event_id },
            { card: place, counts: showCounts, state: applyState, reaction: showReaction,
              assistant: showAssistant },
            resync, showConnection);
})();
