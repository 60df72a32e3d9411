/* The console's televoting panel: how many have voted, live. */
(function () {
  "use strict";
  var T = window.Tischrunde;
  var panel = document.getElementById("polls");
  T.socket.on("tally", function (results) {
    var count = panel.querySelector('[data-poll="' + results.poll_id + '"] .poll-voted');
    if (!count) return;
    count.textContent = T.plural(JSON.parse(panel.dataset.voted), results.voters)
      .replace("%(num)s", T.formatNumber(results.voters))
      .replace("%(present)s", T.formatNumber(results.present));
  });
})();
