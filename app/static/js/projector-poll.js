/* The projector's poll: question, live chart (when the room may see it) and
   how many of those present have voted. It covers the other views while shown;
   poll-pages.js fits the results to the screen. */
(function () {
  "use strict";
  var T = window.Tischrunde, V = window.TischrundeVoting, P = window.TischrundePollPages;
  var data = T.pageData();
  var view = document.getElementById("poll-view");
  var box = document.getElementById("poll-results");
  var question = document.getElementById("poll-question");
  var current = data.poll.poll;

  P.init(box, document.getElementById("poll-page"), data.chart_strings);

  function show(payload) {
    if (!current || !payload.poll || payload.poll.id !== current.id) P.restart();
    current = payload.poll;
    view.hidden = !current;
    if (!current) return;
    question.textContent = current.question;
    document.getElementById("poll-state-open").hidden = current.state !== "open";
    document.getElementById("poll-state-closed").hidden = current.state !== "closed";
    draw();  /* another poll or state: at once */
  }

  /* Votes stream in: the chart is drawn at most once a second, the latest tally. */
  var DRAW_EVERY_MS = 1000, drawnAt = 0, pending = null;

  function tally(results) {
    if (!current || results.poll_id !== current.id) return;
    current.results = results;
    var wait = drawnAt + DRAW_EVERY_MS - Date.now();
    if (wait > 0) {
      if (pending === null) pending = window.setTimeout(draw, wait);
      return;
    }
    draw();
  }

  function draw() {
    window.clearTimeout(pending);
    pending = null;
    drawnAt = Date.now();
    if (!current) return;
    document.getElementById("poll-hidden").hidden = !current.results.hidden;
    V.render(box, current.results, data.chart_strings);
    layOut();
  }

  /* Measured while shown: a hidden view has no size. */
  function layOut() {
    if (view.hidden || !current) return;
    P.fitQuestion(question);
    P.fit(current.results.kind);
    view.dataset.poll = current.id;  /* laid out: for this poll, at this size */
    view.dataset.size = window.innerWidth + "x" + window.innerHeight;
  }

  /* A poll that changed state may change what the room sees: ask again. */
  async function refresh() {
    var response = await fetch(data.urls.poll, { headers: { Accept: "application/json" } }).catch(function () { return null; });
    if (response && response.ok) show(await response.json());
  }

  T.socket.on("projector_poll", show);
  T.socket.on("tally", tally);
  T.socket.on("poll", function (poll) { if (current && poll.id === current.id) refresh(); });
  window.addEventListener("resize", layOut);
  show(data.poll);
})();
