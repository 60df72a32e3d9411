/* The moderator console: every table's cards live; hide and show without reloading. */
(function () {
  "use strict";
  var T = window.Tischrunde;
  var data = T.pageData();

  function place(card) {
    var column = document.querySelector('[data-table="' + card.table_id + '"] .cards');
    if (!column) return;
    var fresh = T.cardElement(card, data);
    var old = document.querySelector('.table-grid .cards > [data-id="' + card.id + '"]');
    if (old) old.replaceWith(fresh); else column.insertBefore(fresh, column.firstChild);
  }

  function showCounts(counts) {
    document.getElementById("count-participants").textContent = T.formatNumber(counts.participants);
    document.getElementById("count-cards").textContent = T.formatNumber(counts.cards);
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
  }

  function showConnection(online) {
    var badge = document.getElementById("connection");
    badge.textContent = online ? "● " + data.strings.online : data.strings.offline;
    badge.className = "connection " + (online ? "online" : "offline");
  }

  document.addEventListener("submit", async function (event) {
    var form = event.target;
    if (!form.classList.contains("card-action")) return;
    event.preventDefault();
    var response = await T.post(form.action, new FormData(form), data.csrf);
    var answer = await response.json().catch(function () { return {}; });
    if (!response.ok) window.alert(answer.error || response.statusText);
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

  data.cards.forEach(place);
  T.connect({ role: "console", event: data.event_id },
            { card: place, counts: showCounts, state: applyState, reaction: showReaction },
            resync, showConnection);
})();
