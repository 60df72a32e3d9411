/* Shared by phone, console and projector: page data, the live socket, card markup. */
(function () {
  "use strict";

  function pageData() {
    return JSON.parse(document.getElementById("page-data").textContent);
  }

  /* Connect to /live and call resync on every connect, the first included: a push
     sent between rendering the page and joining the rooms would stay missing.
     Reconnect attempts at most 2 s apart (the client's default grows to 5 s), so
     phones are back within about two seconds of a restarted server answering. */
  function connect(auth, events, resync, onStatus) {
    var socket = io("/live", { auth: auth, reconnectionDelayMax: 2000 });
    window.Tischrunde.socket = socket;
    socket.on("connect", function () {
      if (resync) resync();
      if (onStatus) onStatus(true);
    });
    socket.on("disconnect", function () { if (onStatus) onStatus(false); });
    Object.keys(events).forEach(function (name) { socket.on(name, events[name]); });
    return socket;
  }

  /* Show the [data-phase] element that matches the state, hide the others. */
  function showPhase(root, state) {
    var key = !state.event_open ? "closed" : state.phase_id === null ? "none" : String(state.phase_id);
    root.querySelectorAll("[data-phase]").forEach(function (el) {
      el.hidden = el.getAttribute("data-phase") !== key;
    });
    return key;
  }

  /* What a reader of `language` sees, as Card.view_in decides on the server: the
     finished translation with the original beneath, else the original alone. */
  function cardView(card, language) {
    var translations = card.translations || {};
    var translation = translations[language];
    if (translation && translation.text && translation.state !== "requested") {
      return { text: translation.text, language: language, mark: translation.state, original: card.text };
    }
    return { text: card.text, language: card.language, mark: null, original: null,
             untranslated: !!card.language && card.language !== language, requested: !!translation };
  }

  function toggle(root, selector, show) {
    root.querySelectorAll(selector).forEach(function (el) { el.hidden = !show; });
  }

  /* A card element from the page's <template>, filled with textContent only.
     page: {categories, view_language, languages} from the page data. */
  function cardElement(card, page) {
    var li = document.getElementById("card-template").content.firstElementChild.cloneNode(true);
    var category = page.categories[String(card.category_id)] || { label: "", colour: "#888" };
    var view = cardView(card, page.view_language);
    var languageName = (page.languages || {})[card.language] || card.language || "";
    li.dataset.id = card.id;
    li.dataset.uuid = card.uuid;
    li.dataset.phase = card.phase_id;
    li.style.setProperty("--cat", category.colour);
    li.querySelector(".chip-label").textContent = category.label;
    var picto = li.querySelector(".chip .picto");
    if (category.pictogram) picto.src = category.pictogram;
    picto.hidden = !category.pictogram;
    fillText(li.querySelector(".card-text"), view.text, view.language);
    fillText(li.querySelector(".original-text"), view.original || "", card.language);
    li.querySelectorAll(".lang-name").forEach(function (el) { el.textContent = languageName; });
    toggle(li, '[data-mark="human"]', view.mark === "human");
    toggle(li, '[data-mark="machine"]', view.mark === "machine");
    toggle(li, ".card-original", !!view.original);
    toggle(li, ".card-untranslated", view.untranslated);
    toggle(li, "[data-asked]", view.requested);
    toggle(li, "[data-not-asked]", !view.requested);
    toggle(li, "[data-ask]", view.untranslated && !view.requested && !!card.id);
    toggle(li, "[data-own]", !!card.own && !!card.id);  /* the writer's phone only */
    var ownLanguage = li.querySelector("[data-own] select");
    if (ownLanguage) ownLanguage.value = card.language;
    li.classList.toggle("is-hidden", !!card.hidden);
    li.classList.toggle("is-waiting", card.state === "waiting");
    li.classList.toggle("is-rejected", card.state === "rejected");
    li.hidden = !!card.merged;
    fillMeta(li, card);
    li.querySelectorAll("form").forEach(function (form) {
      /* getAttribute: a clone outside the document has no resolved .action yet */
      form.setAttribute("action", form.getAttribute("action").replace("/cards/0/", "/cards/" + card.id + "/"));
    });
    return li;
  }

  function fillText(el, text, language) {
    el.textContent = text;
    if (language) el.setAttribute("lang", language);
  }

  /* A translation that arrived for a text shown in [data-tx] elements (_translated.html):
     a poll's text, a dot vote's card, a table's topic. payload: {key, text, language,
     translations}, read as cardView reads a card. */
  function fillTranslated(payload, language, names) {
    document.querySelectorAll('[data-tx="' + payload.key + '"]').forEach(function (box) {
      var view = cardView(payload, language);
      fillText(box.querySelector(".tx-text"), view.text, view.language);
      fillText(box.querySelector(".original-text"), view.original || "", payload.language);
      box.querySelectorAll(".lang-name").forEach(function (el) {
        el.textContent = (names || {})[payload.language] || payload.language;
      });
      toggle(box, ".tx-original", !!view.original);
      toggle(box, '[data-mark="human"]', view.mark === "human");
      toggle(box, '[data-mark="machine"]', view.mark === "machine");
      toggle(box, ".card-untranslated", view.untranslated);
    });
  }

  /* The form of a counted message for count: forms is {CLDR plural category: text}
     from the server (app/plurals.py), which picks as the server's catalogue would. */
  function plural(forms, count) {
    var category = new Intl.PluralRules(document.documentElement.lang).select(count);
    return forms[category] || forms.other;
  }

  /* Numbers in the page's language, with the same digits as the server's Babel. */
  function formatNumber(value) {
    return new Intl.NumberFormat(document.documentElement.lang, { numberingSystem: "latn" }).format(value);
  }

  /* Show a card's extras (heading, section, merges, corrections, reactions, SMART). */
  function fillMeta(li, card) {
    function set(selector, value, shown) {
      var el = li.querySelector(selector);
      if (!el) return;
      (el.querySelector("b") || el).textContent = value;
      el.hidden = !shown;
    }
    toggle(li, ".meta-waiting", card.state === "waiting");
    toggle(li, ".meta-rejected", card.state === "rejected");
    set(".meta-heading", card.heading || "", !!card.heading);
    set(".meta-section", card.section || "", !!card.section);
    set(".meta-merged", (card.merged_count || 0) + 1, card.merged_count > 0);
    set(".meta-praise", card.praise || 0, card.praise > 0);
    set(".meta-concern", card.concern || 0, card.concern > 0);
    var edited = li.querySelector(".meta-edited");
    if (edited) { edited.hidden = !card.original; edited.title = card.original || ""; }
    var smart = li.querySelector(".smart");
    if (!smart) return;
    smart.hidden = !card.smart;
    if (!card.smart) return;
    var met = 0;
    smart.querySelectorAll("[data-criterion]").forEach(function (el) {
      var ok = !!card.smart.criteria[el.dataset.criterion];
      el.classList.toggle("met", ok);
      if (ok) met++;
    });
    smart.querySelector(".smart-score b").textContent = met;
    smart.querySelectorAll("[data-field]").forEach(function (el) {
      var value = card.smart.fields[el.dataset.field] || "";
      el.querySelector("dd").textContent = value;
      el.hidden = !value;
    });
  }

  function post(url, body, csrf) {
    var headers = { Accept: "application/json" };
    if (csrf) headers["X-CSRFToken"] = csrf;
    return fetch(url, { method: "POST", body: body, headers: headers, credentials: "same-origin" });
  }

  /* A phone's write (a card, a vote): over the live socket when it is connected, as
     an event the server acknowledges, else as a POST of formBody(). Resolves
     {status, body} with the HTTP path's answer; status 0 when the server could not
     be reached or did not answer in time. Writes carry a UUID: sent twice, they
     count once. name null: POST only (a table tablet's socket does not write). */
  var ACK_TIMEOUT = 10000;
  function sendWrite(name, payload, url, formBody) {
    var socket = window.Tischrunde.socket;
    if (name && socket && socket.connected) {
      return new Promise(function (resolve) {
        socket.timeout(ACK_TIMEOUT).emit(name, payload, function (error, ack) {
          if (error || !ack) resolve({ status: 0, body: {} });
          else resolve({ status: ack.ok ? 200 : ack.status, body: ack });
        });
      });
    }
    return post(url, formBody()).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        return { status: response.status, body: body };
      });
    }, function () { return { status: 0, body: {} }; });
  }

  /* Whether a write's answer means "try again later": not reached, too fast, or
     the server's own failure. Anything else is final. */
  function sendAgain(answer) {
    return answer.status === 0 || answer.status === 429 || answer.status >= 500;
  }

  function newUuid() {
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  /* A photo element from the page's <template>; suffix carries the projector's token. */
  function photoElement(photo, suffix) {
    var li = document.getElementById("photo-template").content.firstElementChild.cloneNode(true);
    li.dataset.id = photo.id;
    li.dataset.uuid = photo.uuid;
    li.querySelector("a").href = photo.url + (suffix || "");
    li.querySelector("img").src = photo.thumb_url + (suffix || "");
    li.querySelector(".photo-caption").textContent = photo.caption;
    li.querySelectorAll("form").forEach(function (form) {
      form.setAttribute("action", form.getAttribute("action").replace("/photos/0/", "/photos/" + photo.id + "/"));
    });
    return li;
  }

  /* Add, replace or (when removed) take away a photo in a list; true if it changed. */
  function placePhoto(list, photo, suffix) {
    var old = list.querySelector('[data-id="' + photo.id + '"]');
    if (photo.removed) { if (old) old.remove(); return !!old; }
    var fresh = photoElement(photo, suffix);
    if (old) old.replaceWith(fresh); else list.appendChild(fresh);
    return true;
  }

  /* POST a FormData with upload progress (fetch has none); resolves {status, body},
     status 0 when the connection broke. */
  function upload(url, body, csrf, onProgress) {
    return new Promise(function (resolve) {
      var xhr = new XMLHttpRequest();
      xhr.open("POST", url);
      xhr.setRequestHeader("Accept", "application/json");
      if (csrf) xhr.setRequestHeader("X-CSRFToken", csrf);
      xhr.upload.onprogress = function (e) { if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total); };
      xhr.onload = function () {
        var answer = {};
        try { answer = JSON.parse(xhr.responseText); } catch (e) { /* not JSON: a proxy's page */ }
        resolve({ status: xhr.status, body: answer });
      };
      xhr.onerror = xhr.ontimeout = xhr.onabort = function () { resolve({ status: 0, body: {} }); };
      xhr.send(body);
    });
  }

  /* A flush function for a phone's queue: sends the items one by one; after a failed
     send it waits (1 s, doubling up to 30 s) and tries again. sendOne resolves false
     when the server could not be reached. An item queued while a send is under way
     goes out right after it, not at the next reconnect. */
  function retryingSender(pending, sendOne, onWaiting) {
    var busy = false, again = false, delay = 1000, timer = null;
    async function flush() {
      if (busy) { again = true; return; }
      busy = true;
      clearTimeout(timer);
      try {
        do {
          again = false;
          for (var item of pending()) {
            if (!(await sendOne(item))) {
              onWaiting();
              timer = setTimeout(flush, delay);
              delay = Math.min(delay * 2, 30000);
              return;
            }
            delay = 1000;
          }
        } while (again);
      } finally { busy = false; }
    }
    return flush;
  }

  window.Tischrunde = { pageData: pageData, connect: connect, showPhase: showPhase,
                        cardElement: cardElement, fillMeta: fillMeta, formatNumber: formatNumber,
                        cardView: cardView, fillTranslated: fillTranslated, plural: plural,
                        post: post, sendWrite: sendWrite, sendAgain: sendAgain,
                        newUuid: newUuid, photoElement: photoElement,
                        placePhoto: placePhoto, upload: upload, retryingSender: retryingSender };
})();
