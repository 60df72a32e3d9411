/* The projector's poll: question, live chart (when the room may see it) and
   how many of those present have voted. It covers the other views while shown. */
(function () {
  "use strict";
  var T = window.Tischrunde, V = window.TischrundeVoting;
  var data = T.pageData();
  var view = document.getElementById("poll-view");
  var box = document.getElementById("poll-results");
  var current = data.poll.poll;

  function show(payload) {
    current = payload.poll;
    view.hidden = !current;
    if (!current) return;
    document.getElementById("poll-question").textContent = current.question;
    document.getElementById("poll-state-open").hidden = current.state !== "open";
    document.getElementById("poll-state-closed").hidden = current.state !== "closed";
    tally(current.results);
  }

  function tally(results) {
    if (!current || results.poll_id !== current.id) return;
    current.results = results;
    document.getElementById("poll-hidden").hidden = !results.hidden;
    V.render(box, results, data.chart_strings);
  }

  /* A poll that changed state may change what the room sees: ask again. */
  async function refresh() {
    var response = await fetch(data.urls.poll, { headers: { Accept: "application/json" } }).catch(function () { return null; });
    if (response && response.ok) show(await response.json());
  }

  T.socket.on("projector_poll", show);
  T.socket.on("tally", tally);
  T.socket.on("poll", function (poll) { if (current && poll.id === current.id) refresh(); });
  show(data.poll);
})();
