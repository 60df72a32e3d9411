/* The interpreter's queue: cards and event texts needing a translation arrive
   live; what is being typed is never thrown away when the queue changes. */
(function () {
  "use strict";
  var T = window.Tischrunde;
  var data = T.pageData();
  var list = document.getElementById("queue");
  var refreshTimer = null;

  function itemElement(item) {
    var li = document.getElementById("item-template").content.firstElementChild.cloneNode(true);
    li.dataset.key = item.key;
    li.style.setProperty("--cat", item.colour);
    li.querySelector(".chip").textContent = item.category;
    li.querySelector(".queue-table").textContent = item.table;
    li.querySelector(".target-name").textContent = data.languages[item.target] || item.target;
    var original = li.querySelector(".queue-original");
    original.textContent = item.text;
    li.querySelector("form").setAttribute("action", item.url);
    li.querySelector("textarea").setAttribute("lang", item.target);
    update(li, item);
    return li;
  }

  /* Newer relay text or machine suggestion, or the source language its writer
     corrected; a textarea being edited keeps its text. */
  function update(li, item) {
    li.querySelector(".source-name").textContent = data.languages[item.source] || item.source;
    li.querySelector(".queue-original").setAttribute("lang", item.source);
    li.querySelector(".relay-text").textContent = item.relay;
    li.querySelector(".queue-relay").hidden = !item.relay;
    li.querySelector(".machine-hint").hidden = item.state !== "machine";
    li.querySelector(".taken-hint").hidden = true;
    var textarea = li.querySelector("textarea");
    if (textarea.value === textarea.defaultValue) {
      textarea.defaultValue = item.suggestion;
      textarea.value = item.suggestion;
    }
  }

  function edited(li) {
    var textarea = li.querySelector("textarea");
    return textarea.value.trim() !== "" && textarea.value !== textarea.defaultValue;
  }

  function render(items) {
    var wanted = {};
    items.forEach(function (item) { wanted[item.key] = item; });
    list.querySelectorAll(".queue-item").forEach(function (li) {
      if (wanted[li.dataset.key]) return;
      if (edited(li)) li.querySelector(".taken-hint").hidden = false;
      else li.remove();
    });
    items.forEach(function (item) {
      var li = list.querySelector('[data-key="' + item.key + '"]');
      if (li) update(li, item); else list.appendChild(itemElement(item));
    });
    document.getElementById("queue-empty").hidden = list.children.length > 0;
  }

  async function refresh() {
    var response = await fetch(data.urls.queue, { headers: { Accept: "application/json" } });
    if (response.ok) render((await response.json()).items);
  }

  function refreshSoon() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, 200);
  }

  function showError(form, message) {
    var box = form.querySelector(".error");
    box.textContent = message || "";
    box.hidden = !message;
  }

  list.addEventListener("submit", async function (event) {
    var form = event.target;
    event.preventDefault();
    showError(form, "");
    form.querySelector("button").disabled = true;
    var response = await T.post(form.getAttribute("action"), new FormData(form)).catch(function () { return null; });
    var answer = response ? await response.json().catch(function () { return {}; }) : {};
    form.querySelector("button").disabled = false;
    if (!response || !response.ok) return showError(form, answer.error || data.strings.failed);
    form.closest(".queue-item").remove();
    document.getElementById("saved").hidden = false;
    refreshSoon();
  });

  function showConnection(online) {
    document.getElementById("connection").hidden = online;
  }

  /* The link was renewed: the interpreter joins again with the new code. */
  function revoked() { window.location.assign(data.urls.code); }

  /* A card or an event text (a poll's, a table's) changed, or new ones were asked for. */
  T.connect({ role: "interpreter" },
            { card: refreshSoon, text: refreshSoon, queue: refreshSoon, revoked: revoked },
            refresh, showConnection);
})();
