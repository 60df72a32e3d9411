/* Votes are kept on the phone until the server has them, as cards are: queued in
   localStorage under a UUID, sent over the live socket (by POST while it is down),
   sent again after a lost connection, counted once. A newer answer to a poll
   replaces one of the same poll not sent yet. The poll page and the table page
   load it; #vote-status says what waits and what was refused. */
(function () {
  "use strict";
  var T = window.Tischrunde;
  var KEY = "tischrunde-votes";
  var strings = T.pageData().strings;
  var status = document.getElementById("vote-status");
  var page = {};

  function queue() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }
  function save(votes) { localStorage.setItem(KEY, JSON.stringify(votes)); }
  function others(pollId) { return queue().filter(function (v) { return v.poll !== pollId; }); }

  function show(text, refused) {
    if (!status) return;
    status.textContent = text || "";
    status.hidden = !text;
    status.classList.toggle("error", !!refused);
  }

  /* fields: the ballot form's [name, value] pairs; csrf: the page's token for the
     POST, valid for the phone's whole session. */
  function add(pollId, url, csrf, fields) {
    save(others(pollId).concat([{ uuid: T.newUuid(), poll: pollId, url: url, csrf: csrf, fields: fields }]));
    show("");
    flush();
  }

  async function sendOne(vote) {
    var payload = { poll: vote.poll, uuid: vote.uuid, fields: vote.fields };
    var answer = await T.sendWrite("vote", payload, vote.url, function () {
      var body = new FormData();
      body.append("csrf_token", vote.csrf);
      body.append("uuid", vote.uuid);
      vote.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
      return body;
    });
    if (T.sendAgain(answer)) return false;
    save(queue().filter(function (v) { return v.uuid !== vote.uuid; }));
    if (!queue().length) show("");
    /* The page shows its own poll's answer; anything else is said here. */
    if (!(page.answered && page.answered(vote, answer.body)) && !answer.body.ok) {
      show(answer.body.error || strings.failed, true);
    }
    return true;
  }

  var flush = T.retryingSender(queue, sendOne, function () { show(strings.vote_waiting); });

  /* answered(vote, answer): the page's own display of an answer; true if shown. */
  function start(handlers) {
    page = handlers || {};
    window.addEventListener("online", flush);
    flush();
  }

  window.TischrundeVotes = { add: add, flush: flush, start: start };
})();
