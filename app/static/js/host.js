/* The host tools: the page follows the table's cards live (waiting ones too), and the
   merge button counts the ticked cards. */
(function () {
  "use strict";
  var T = window.Tischrunde;
  var leaving = false;

  /* Reloading would throw away what the host is typing or ticking: then only say so. */
  function busy() {
    var active = document.activeElement;
    return leaving || !!document.querySelector(".card-tools[open], [data-pick]:checked") ||
      (!!active && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName));
  }

  function changed() {
    if (leaving) return;
    if (busy()) document.getElementById("host-changed").hidden = false;
    else window.location.reload();
  }

  function showPicked() {
    var button = document.querySelector("[data-merge]");
    if (!button) return;
    var picked = document.querySelectorAll("[data-pick]:checked").length;
    var badge = button.querySelector("[data-picked]");
    badge.textContent = T.formatNumber(picked);
    badge.hidden = picked === 0;
    button.disabled = picked < 2;
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-pick]")) showPicked();
  });
  /* The page's own action is about to reload it anyway. */
  document.addEventListener("submit", function () { leaving = true; });
  window.addEventListener("pageshow", function () { leaving = false; showPicked(); });

  /* On every connect, the first too: a change pushed while the page loaded or the
     connection was down would otherwise stay missing. */
  var data = T.pageData();
  async function resync() {
    var response = await fetch(data.urls.version, { headers: { Accept: "application/json" } }).catch(function () { return null; });
    if (response && response.ok && (await response.json()).version !== data.version) changed();
  }
  /* No longer the host (moved to another table, or the moderator ended it). */
  function revoked() { leaving = true; window.location.assign(data.urls.me); }
  T.connect({ role: "host" }, { card: changed, assistant: resync, revoked: revoked }, resync);
  showPicked();
})();
