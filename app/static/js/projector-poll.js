/* The projector's poll: question, live chart (when the room may see it) and
   how many of those present have voted. It covers the other views while shown;
   pages.js fits the results to the screen. */
(function () {
  "use strict";
  var T = window.Tischrunde, V = window.TischrundeVoting, Pages = window.TischrundePages;
  var data = T.pageData();
  var view = document.getElementById("poll-view");
  var box = document.getElementById("poll-results");
  var question = document.getElementById("poll-question");
  var current = data.poll.poll;

  /* What screen readers hear: the results in a sentence, at most every 5 s. */
  var announce = V.announcer(document.getElementById("poll-announce"), 5000);
  var pager = Pages.create(box, document.getElementById("poll-page"), data.chart_strings.page);
  window.TischrundePollPages = pager;  /* the poll's pages, for the layout tests */

  function show(payload) {
    if (!current || !payload.poll || payload.poll.id !== current.id) pager.restart();
    current = payload.poll;
    view.hidden = !current;
    if (!current) return;
    question.textContent = inLanguage(texts().question, current.question);
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
    var results = translated(current.results);
    V.render(box, results, data.chart_strings);
    announce(heading() + V.summary(results, data.chart_strings));
    layOut();
  }

  /* A poll new to the listener is named before its numbers. */
  var announcedPoll = null;
  function heading() {
    if (announcedPoll === current.id) return "";
    announcedPoll = current.id;
    return inLanguage(texts().question, current.question) + ": ";
  }

  /* Measured while shown: a hidden view has no size. */
  function layOut() {
    if (view.hidden || !current) return;
    Pages.fitQuestion(question);
    pager.fit(current.results.kind);
    view.dataset.poll = current.id;  /* laid out: for this poll, at this size */
    view.dataset.size = window.innerWidth + "x" + window.innerHeight;
  }

  /* The poll's texts in the projector's language where a translation exists. */
  function texts() { return current.texts || { options: {}, scale: {}, topics: {} }; }

  function inLanguage(text, fallback) {
    return text ? T.cardView(text, data.view_language).text : fallback;
  }

  function translated(results) {
    var copy = Object.assign({}, results), t = texts();
    if (results.options) copy.options = results.options.map(function (o) {
      var table = o.table && Object.assign({}, o.table, { topic: inLanguage(t.topics[o.table.id], o.table.topic) });
      return Object.assign({}, o, { label: inLanguage(t.options[o.id], o.label), table: table });
    });
    if (results.distribution) copy.distribution = results.distribution.map(function (d) {
      return Object.assign({}, d, { label: d.label && inLanguage(t.scale[d.value], d.label) });
    });
    return copy;
  }

  /* A poll that changed state may change what the room sees: ask again. */
  async function refresh() {
    var response = await fetch(data.urls.poll, { headers: { Accept: "application/json" } }).catch(function () { return null; });
    if (response && response.ok) show(await response.json());
  }

  /* A translation arrived for one of the poll's texts: show the poll again with it. */
  function retext(payload) {
    var t = current && current.texts;
    if (!t) return;
    var changed = !!t.question && t.question.key === payload.key;
    if (changed) t.question = payload;
    [t.options, t.scale, t.topics].forEach(function (map) {
      Object.keys(map || {}).forEach(function (k) {
        if (map[k].key === payload.key) { map[k] = payload; changed = true; }
      });
    });
    if (changed) show({ poll: current });
  }

  T.socket.on("projector_poll", show);
  T.socket.on("text", retext);
  T.socket.on("tally", tally);
  T.socket.on("poll", function (poll) { if (current && poll.id === current.id) refresh(); });
  window.addEventListener("resize", layOut);
  show(data.poll);
})();
