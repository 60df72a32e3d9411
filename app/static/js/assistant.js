/* The moderator's assistant page: new suggestions show at once, unless the moderator
   is typing or choosing; then the page only says so. */
(function () {
  "use strict";
  var T = window.Tischrunde;
  var data = T.pageData();
  var leaving = false;

  function busy() {
    var active = document.activeElement;
    return leaving || (!!active && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName));
  }

  async function compare() {
    var response = await fetch(data.urls.version, { headers: { Accept: "application/json" } }).catch(function () { return null; });
    if (!response || !response.ok || (await response.json()).version === data.version || leaving) return;
    if (busy()) document.getElementById("assistant-changed").hidden = false;
    else window.location.reload();
  }

  document.addEventListener("submit", function () { leaving = true; });
  window.addEventListener("pageshow", function () { leaving = false; });
  T.connect({ role: "console", event: data.event_id }, { assistant: compare }, compare);
})();
