/* The moderator's poll page: the tally live, with buttons to take a word off the
   cloud or hide an open-text answer. */
(function () {
  "use strict";
  var T = window.Tischrunde, V = window.TischrundeVoting;
  var data = T.pageData();
  var box = document.getElementById("poll-results");
  var csrf = document.querySelector("#moderate-form [name=csrf_token]").value;
  var s = data.chart_strings;

  function button(label, send) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "link";
    b.textContent = label;
    b.addEventListener("click", async function () {
      b.disabled = true;
      var response = await send().catch(function () { return null; });
      if (!response || !response.ok) b.disabled = false;
    });
    return b;
  }

  var controls = {
    cardUrl: function (id) { return data.urls.card.replace(/card-0$/, "card-" + id); },
    wordButton: function (word, hide) {
      return button(hide ? s.hide : s.show, function () {
        var body = new FormData();
        body.append("word", word);
        if (!hide) body.append("show", "1");
        return T.post(data.urls.words, body, csrf);
      });
    },
    answerButton: function (id, hide) {
      var url = data.urls.answer.replace("/answers/0/hide", "/answers/" + id + "/" + (hide ? "hide" : "show"));
      return button(hide ? s.hide : s.show, function () { return T.post(url, new FormData(), csrf); });
    },
  };

  function show(results) {
    if (results.poll_id === data.poll_id) V.render(box, results, s, controls);
  }

  async function resync() {
    var response = await fetch(data.urls.results, { headers: { Accept: "application/json" } }).catch(function () { return null; });
    if (response && response.ok) show(await response.json());
  }

  function status(online) {
    var el = document.getElementById("connection");
    el.className = "connection " + (online ? "online" : "offline");
    el.textContent = online ? "●" : "○";
  }

  T.connect(data.auth, {
    tally: show,
    poll: function (poll) { if (poll.id === data.poll_id && poll.state !== data.results.state) window.location.reload(); },
  }, resync, status);
  show(data.results);
})();
