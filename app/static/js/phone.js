/* The phone's table page: cards are queued on the phone until the server has them.
   A table tablet (tablets/tablet.html) runs the same page for one person after
   another: its own queue, URLs and socket, no polls, an empty form after each card. */
(function () {
  "use strict";
  var T = window.Tischrunde, Votes = window.TischrundeVotes;  /* no votes on a tablet */
  var data = T.pageData();
  var tabletData = document.getElementById("tablet-data");
  var tablet = tabletData ? JSON.parse(tabletData.textContent) : null;
  if (tablet) {
    Object.assign(data.urls, tablet.urls);
    Object.assign(data.strings, tablet.strings);
  }
  var form = document.getElementById("card-form");
  var textarea = document.getElementById("text");
  var errorBox = document.getElementById("form-error");
  var list = document.getElementById("cards");
  var pendingList = document.getElementById("pending");
  var languageSelect = document.getElementById("card-language");
  var QUEUE_KEY = tablet ? tablet.queue_key : "tischrunde-queue";

  function queue() {
    try { return JSON.parse(localStorage.getItem(QUEUE_KEY) || "[]"); } catch (e) { return []; }
  }
  function saveQueue(items) { localStorage.setItem(QUEUE_KEY, JSON.stringify(items)); renderPending(); }
  function dropFromQueue(uuid) { saveQueue(queue().filter(function (i) { return i.uuid !== uuid; })); }

  function renderPending() {
    pendingList.textContent = "";
    queue().forEach(function (item) {
      var li = T.cardElement({ id: "", uuid: item.uuid, category_id: item.category_id, text: item.text,
                               language: item.language }, data);
      li.classList.add("is-pending");
      var note = document.createElement("p");
      note.className = "hint";
      note.textContent = item.waiting ? data.strings.waiting : data.strings.sending;
      li.appendChild(note);
      pendingList.appendChild(li);
    });
  }

  function showError(message) {
    errorBox.textContent = message || "";
    errorBox.hidden = !message;
  }

  /* This phone's own cards (they may correct their language); pushes to the table
     do not say whose a card is, so the phone remembers. A card that left the table
     or was hidden goes; the phone's own card that waits for approval or was not
     approved stays, marked (only its writer gets those). */
  var own = {};
  list.querySelectorAll(".card").forEach(function (li) {
    var control = li.querySelector("[data-own]");
    if (control && !control.hidden) own[li.dataset.uuid] = true;
  });

  function place(card) {
    if (card.own) own[card.uuid] = true;
    card.own = !!own[card.uuid];
    var old = list.querySelector('[data-uuid="' + card.uuid + '"]');
    var gone = card.table_id !== data.table_id || (card.hidden && card.state !== "rejected");
    if (gone) { if (old) old.remove(); }
    else if (old) { old.replaceWith(T.cardElement(card, data)); }
    else { list.insertBefore(T.cardElement(card, data), list.firstChild); }
    document.getElementById("no-cards").hidden = list.children.length > 0;
  }

  /* Over the phone's live socket when it is connected, else by POST; the table
     tablet always posts. */
  async function sendOne(item) {
    var card = { uuid: item.uuid, category: item.category_id, text: item.text };
    if (item.language) card.language = item.language;
    Object.assign(card, item.details || {});
    var answer = await T.sendWrite(tablet ? null : "card", card, data.urls.send, function () {
      var body = new FormData();
      body.append("csrf_token", form.querySelector("[name=csrf_token]").value);
      Object.keys(card).forEach(function (name) { body.append(name, card[name]); });
      return body;
    });
    if (T.sendAgain(answer)) return false;
    dropFromQueue(item.uuid);
    if (answer.body.ok) { place(answer.body.card); if (tablet) showSent(); return true; }
    if (!textarea.value) textarea.value = item.text;
    showError(answer.body.error);
    return true;
  }

  var flush = T.retryingSender(queue, sendOne, function () {
    saveQueue(queue().map(function (i) { i.waiting = true; return i; }));
  });

  function applyState(state) {
    var key = T.showPhase(document, state);
    form.hidden = key === "none" || key === "closed";
    form.querySelectorAll(".categories input").forEach(function (input) {
      input.disabled = input.closest(".categories").hidden;
    });
  }

  async function resync() {
    var response = await fetch(data.urls.state, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    var fresh = await response.json();
    /* Moved while the connection was down: the page of the new seat comes first. */
    if (fresh.seat !== document.getElementById("now").dataset.seat) return window.location.reload();
    list.textContent = "";
    fresh.cards.sort(function (a, b) { return a.id - b.id; }).forEach(place);
    applyState(fresh.state);
    showPoll(fresh.poll);
    flush();
  }

  /* A poll opened: the phone goes to it once per opening (the card being written is
     kept for the return). A phone that voted stays here with "you voted"; a phone
     that must move to another table sees that first. Whether this phone voted comes
     with the page and each resync; room-wide pushes do not carry it. */
  var DRAFT_KEY = "tischrunde-draft", SHOWN_KEY = "tischrunde-poll-shown", SEAT_KEY = "tischrunde-seat";
  var voted = {};
  if (data.poll) voted[data.poll.id] = data.poll.voted;
  var seatCall = document.querySelector("#now .seat-call");
  var table = String(data.table_id), seenTable = sessionStorage.getItem(SEAT_KEY);
  if (seatCall && seenTable && seenTable !== table) seatCall.hidden = false;  /* moved meanwhile */
  var newSeat = !!seatCall && !seatCall.hidden && seenTable !== table;
  sessionStorage.setItem(SEAT_KEY, table);

  function showBanner(poll, which) {
    var banner = document.getElementById("poll-banner");
    if (!banner) return;  /* a table tablet does not vote */
    banner.hidden = !which;
    banner.querySelectorAll("[data-poll-banner]").forEach(function (part) {
      part.hidden = part.getAttribute("data-poll-banner") !== which;
      if (poll) part.querySelector("a").href = poll.url;
    });
  }

  function showPoll(poll) {
    if (poll && "voted" in poll) voted[poll.id] = poll.voted;
    if (poll && poll.state === "draft") delete voted[poll.id];  /* reset: ballots gone */
    var open = !!poll && poll.state === "open";
    if (!open) return showBanner(poll, poll && poll.state === "closed" && poll.public ? "results" : null);
    showBanner(poll, voted[poll.id] ? "voted" : "open");
    var opening = poll.id + "@" + poll.opened_at;
    if (voted[poll.id] || newSeat || sessionStorage.getItem(SHOWN_KEY) === opening) return;
    sessionStorage.setItem(SHOWN_KEY, opening);
    if (textarea.value) sessionStorage.setItem(DRAFT_KEY, textarea.value);
    window.location.assign(poll.url);
  }
  if (!textarea.value && sessionStorage.getItem(DRAFT_KEY)) textarea.value = sessionStorage.getItem(DRAFT_KEY);
  sessionStorage.removeItem(DRAFT_KEY);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var category = form.querySelector("input[name=category]:checked:not(:disabled)");
    var text = textarea.value.trim();
    if (!category) return showError(data.strings.choose);
    if (!text) return showError(data.strings.empty);
    showError("");
    var items = queue();
    items.push({ uuid: T.newUuid(), category_id: category.value, text: text,
                 language: languageSelect.value, details: takeDetails() });
    saveQueue(items);
    textarea.value = "";
    if (tablet) nextPerson();
    showCount();
    flush();
  });
  /* Section and SMART fields: sent with the card, then emptied; the SMART fold-out
     shows only for goal proposals. */
  function takeDetails() {
    var details = {};
    form.querySelectorAll("[data-extra]").forEach(function (input) {
      if (input.value.trim() && !input.closest("[hidden]")) details[input.name] = input.value.trim();
      input.value = "";
    });
    return details;
  }
  var smart = document.getElementById("smart-fields");
  function toggleSmart() {
    if (!smart) return;
    var chosen = form.querySelector("input[name=category]:checked:not(:disabled)");
    smart.hidden = !chosen || smart.dataset.categories.split(" ").indexOf(chosen.value) < 0;
  }
  form.addEventListener("change", toggleSmart);
  toggleSmart();
  function showCount() {
    document.getElementById("count").textContent = T.formatNumber(textarea.value.length);
  }
  textarea.addEventListener("input", showCount);
  languageSelect.addEventListener("change", function () {
    if (languageSelect.value) textarea.setAttribute("lang", languageSelect.value);
    else textarea.removeAttribute("lang");  /* automatic */
  });

  /* "Show in my language" and correcting an own card's language: without leaving
     the page. */
  list.addEventListener("submit", async function (event) {
    var cardForm = event.target.closest("[data-ask], [data-language]");
    if (!cardForm) return;
    event.preventDefault();
    cardForm.querySelector("button").disabled = true;
    var response = await T.post(cardForm.getAttribute("action"), new FormData(cardForm)).catch(function () { return null; });
    var answer = response ? await response.json().catch(function () { return {}; }) : {};
    if (response && response.ok) return place(answer.card);
    cardForm.querySelector("button").disabled = false;
    window.alert(answer.error || data.strings.failed);
  });
  window.addEventListener("online", flush);

  /* The tablet: the next person starts with an empty form (kind, language and
     details as on a fresh page) and hears that the last card arrived. */
  var sentNote = document.getElementById("sent-note");
  function nextPerson() {
    form.reset();
    textarea.setAttribute("lang", languageSelect.value);
    toggleSmart();
    if (sentNote) sentNote.hidden = true;
    window.scrollTo(0, 0);
  }
  function showSent() {
    if (!sentNote) return;
    sentNote.hidden = false;
    sentNote.focus({ preventScroll: true });
  }
  if (sentNote) form.addEventListener("input", function () { sentNote.hidden = true; });

  function showConnection(online) {
    document.getElementById("connection").hidden = online;
    if (!online) return;
    flush();
    if (Votes) Votes.flush();
  }

  /* Moved by the moderator, or made a host: the page for the new seat. */
  async function checkSeat() {
    var response = await fetch(data.urls.state, { headers: { Accept: "application/json" } });
    var seat = document.getElementById("now").dataset.seat;
    if (response.ok && (await response.json()).seat !== seat) window.location.reload();
  }

  /* A host's phone: how many cards of the table wait for approval. */
  function showWaiting(waiting) {
    var badge = document.querySelector("[data-host-waiting]");
    if (!badge) return;
    badge.querySelector("b").textContent = T.formatNumber(waiting.count);
    badge.hidden = !waiting.count;
  }

  var handlers = { card: place, state: applyState, seats: checkSeat };
  if (tablet) handlers.revoked = function () { window.location.reload(); };
  else { handlers.poll = showPoll; handlers.waiting = showWaiting; }
  T.connect(tablet ? tablet.auth : { role: "phone" }, handlers, resync, showConnection);
  renderPending();
  flush();
  /* A vote kept on this phone was counted meanwhile: "you voted" comes with the state. */
  if (Votes) Votes.start({ answered: function (vote, answer) { if (answer.ok) resync(); return false; } });
})();
