/* A poll on the phone: the vote is sent without leaving the page (and kept on the
   phone until counted: vote-queue.js), dots are counted as they are given, and the
   page follows the poll (closed: results or back to the table; another poll
   opened: that one). */
(function () {
  "use strict";
  var T = window.Tischrunde, Votes = window.TischrundeVotes;
  var data = T.pageData();
  var form = document.getElementById("vote-form");

  function follow(poll) {
    if (!poll) return;
    if (poll.id !== data.poll.id) {
      if (poll.state === "open") window.location.assign(poll.url);
      return;
    }
    if (poll.state === data.poll.state && poll.public === data.poll.public) return;
    if (poll.state === "open" || (poll.state === "closed" && poll.public)) window.location.reload();
    else window.location.assign(data.urls.table);
  }

  async function resync() {
    var response = await fetch(data.urls.state, { headers: { Accept: "application/json" } }).catch(function () { return null; });
    if (response && response.ok) follow((await response.json()).poll);
    else if (response && response.status === 404) window.location.assign(data.urls.table);
    checkSeat();
  }

  function showConnection(online) {
    document.getElementById("connection").hidden = online;
    if (online) Votes.flush();
  }

  /* A translation of the question, an option or a card arrived: show it at once. */
  function translated(payload) { T.fillTranslated(payload, data.view_language, data.languages); }

  /* Re-seated or moved while voting: the seating notice at the table comes first. */
  function toTable() { window.location.assign(data.urls.table); }
  function followSeating(state) { if (state.seating_round !== data.seating_round) toTable(); }
  async function checkSeat() {
    var response = await fetch(data.urls.seat, { headers: { Accept: "application/json" } }).catch(function () { return null; });
    if (response && response.ok && (await response.json()).seat !== data.seat) toTable();
  }

  T.connect({ role: "phone" }, { poll: follow, text: translated, state: followSeating, seats: checkSeat },
            resync, showConnection);

  var errorBox = document.getElementById("vote-error");
  var doneBox = document.getElementById("vote-done");
  var button = document.getElementById("vote-button");

  /* This poll's answer: counted, then back to the table by itself after a moment
     to read it; refused, said beside the button. */
  function answered(vote, answer) {
    if (!form || vote.poll !== data.poll.id) return false;
    if (!answer.ok) {
      errorBox.textContent = answer.error || data.strings.failed;
      errorBox.hidden = false;
      return true;
    }
    doneBox.hidden = false;
    button.textContent = data.strings.change;
    document.getElementById("vote-back").hidden = false;
    setTimeout(toTable, 1500);
    return true;
  }
  Votes.start({ answered: answered });
  /* Results just shown: told to a screen reader in a sentence. */
  var V = window.TischrundeVoting;
  if (data.results && V) V.announcer(document.getElementById("results-announce"), 0)(V.summary(data.results, data.chart_strings));

  if (!form) return;

  /* The vote is kept on the phone and sent as soon as it can be. */
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    errorBox.hidden = doneBox.hidden = true;
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrf_token") fields.push([name, value]);
    });
    Votes.add(data.poll.id, form.getAttribute("action"), form.querySelector("[name=csrf_token]").value, fields);
  });

  /* Dot voting: − and + beside each card, and how many dots are left. */
  if (form.dataset.kind === "dots") {
    var total = Number(form.dataset.dots), perCard = Number(form.dataset.perCard);
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input[type=number]"));
    var left = document.getElementById("dots-left");
    left.hidden = false;
    function given() { return inputs.reduce(function (sum, i) { return sum + (Number(i.value) || 0); }, 0); }
    function update() {
      var rest = total - given();
      left.querySelector("b").textContent = T.formatNumber(Math.max(rest, 0));
      inputs.forEach(function (input) {
        var box = input.parentNode, n = Number(input.value) || 0;
        box.querySelector(".dot-less").disabled = n <= 0;
        box.querySelector(".dot-more").disabled = n >= perCard || rest <= 0;
      });
    }
    inputs.forEach(function (input) {
      var box = input.parentNode;
      box.querySelectorAll("button").forEach(function (b) { b.hidden = false; });
      box.querySelector(".dot-less").addEventListener("click", function () {
        input.value = Math.max((Number(input.value) || 0) - 1, 0); update();
      });
      box.querySelector(".dot-more").addEventListener("click", function () {
        input.value = Math.min((Number(input.value) || 0) + 1, perCard); update();
      });
      input.addEventListener("input", update);
    });
    update();
  }

  /* Ranking: giving an option a place another option had swaps the two. */
  if (form.dataset.kind === "ranking") {
    var selects = Array.prototype.slice.call(form.querySelectorAll("#ranking select"));
    selects.forEach(function (select) {
      select.dataset.was = select.value;
      select.addEventListener("change", function () {
        selects.forEach(function (other) {
          if (other !== select && other.value === select.value) {
            other.value = select.dataset.was;
            other.dataset.was = other.value;
            other.closest("li").style.order = other.value;
          }
        });
        select.dataset.was = select.value;
        select.closest("li").style.order = select.value;
      });
    });
  }
})();
