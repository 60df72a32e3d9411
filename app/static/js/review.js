/* The review list by keyboard: 1–5 choose the decision of the entry in focus, Enter
   saves it, j/k (or the arrow keys) go to the next/previous entry, x selects it for
   an idea. A decision goes out with fetch and the entry comes back as the server
   renders it; the focus moves on to the next undecided entry. Without JavaScript
   the same forms post and the list comes back at the entry. */
(function () {
  "use strict";
  var T = window.Tischrunde;
  var data = T.pageData();
  var FOLLOW_UP = { not_adopted: "reason", passed_on: "passed_to" };

  function entries() { return Array.prototype.slice.call(document.querySelectorAll("[data-item]")); }
  function entryOf(element) { return element && element.closest ? element.closest("[data-item]") : null; }

  function focusEntry(entry) {
    if (!entry) return;
    entry.focus({ preventScroll: true });
    entry.scrollIntoView({ block: "nearest" });
  }

  function undecidedAfter(entry) {
    var list = entries(), at = list.indexOf(entry);
    var rest = list.slice(at + 1).concat(list.slice(0, at));
    return rest.find(function (other) { return !other.classList.contains("is-decided"); });
  }

  /* Past the last entry: the link to the next page. */
  function move(entry, step) {
    var list = entries();
    if (!entry) return focusEntry(undecidedAfter(null) || list[0]);
    var next = list[list.indexOf(entry) + step];
    if (next) return focusEntry(next);
    var page = step > 0 && document.querySelector('.review-pages [rel="next"]');
    if (page) page.focus();
  }

  function choose(entry, number) {
    var radio = entry.querySelectorAll('input[name="outcome"]')[number - 1];
    if (!radio) return;
    radio.checked = true;
    var followUp = FOLLOW_UP[radio.value];
    if (followUp) entry.querySelector('[name="' + followUp + '"]').focus();
  }

  function pick(entry) {
    var box = entry.querySelector('input[name="card"]');
    if (box) box.checked = !box.checked;
  }

  function isTyping(target) {
    return target.matches('textarea, select, input[type="text"], input:not([type])');
  }

  var KEYS = {
    j: function (entry) { move(entry, 1); },
    k: function (entry) { move(entry, -1); },
    ArrowDown: function (entry) { if (entry) move(entry, 1); else return false; },
    ArrowUp: function (entry) { if (entry) move(entry, -1); else return false; },
    x: function (entry) { if (entry) pick(entry); else return false; },
    Enter: function (entry) { if (entry) send(entry); else return false; },
  };

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target, entry = entryOf(target);
    if (event.key === "Enter" && entry && target.matches("textarea") && !event.shiftKey) {
      event.preventDefault();
      return send(entry);
    }
    if (isTyping(target) || target.matches("button, a, summary")) return;
    if (entry && /^[1-5]$/.test(event.key)) {
      event.preventDefault();
      return choose(entry, Number(event.key));
    }
    var handler = KEYS[event.key];
    if (handler && handler(entry) !== false) event.preventDefault();
  });

  function send(entry) {
    var form = entry.querySelector("[data-decide]");
    if (form) form.requestSubmit();
  }

  function showError(entry, message) {
    var box = entry.querySelector("[data-error]");
    box.textContent = message;
    box.hidden = false;
  }

  function showProgress(progress) {
    progress.forEach(function (field) {
      var row = document.querySelector('[data-progress="' + field.anchor + '"]');
      if (!row) return;
      row.querySelector("progress").value = field.decided;
      row.querySelector("[data-decided]").textContent = T.formatNumber(field.decided);
    });
  }

  /* The entry as the server now renders it; a tick for an idea stays. */
  function replace(entry, html) {
    var holder = document.createElement("template");
    holder.innerHTML = html.trim();
    var fresh = holder.content.firstElementChild;
    entry.querySelectorAll('input[name="card"]:checked').forEach(function (box) {
      var same = fresh.querySelector('input[name="card"][value="' + box.value + '"]');
      if (same) same.checked = true;
    });
    entry.replaceWith(fresh);
    return fresh;
  }

  document.addEventListener("submit", async function (event) {
    var form = event.target;
    if (!form.matches("[data-decide]")) return;
    event.preventDefault();
    var entry = entryOf(form);
    var response;
    try {
      response = await T.post(form.action, new FormData(form), data.csrf);
    } catch (error) {
      return showError(entry, data.strings.offline);
    }
    var answer = await response.json().catch(function () { return {}; });
    if (!response.ok || !answer.html) return showError(entry, answer.error || data.strings.offline);
    var fresh = replace(entry, answer.html);
    showProgress(answer.progress);
    focusEntry(undecidedAfter(fresh) || fresh);
  });

  /* Back at an entry (after a decision without JavaScript, or a refused one). */
  var linked = document.querySelector("[data-refused]") ||
    (/^#(card|idea)-\d+$/.test(window.location.hash) && document.querySelector(window.location.hash));
  if (linked) focusEntry(linked);
})();
