/* Shared by phone, console and projector: page data, the live socket, card markup. */
(function () {
  "use strict";

  function pageData() {
    return JSON.parse(document.getElementById("page-data").textContent);
  }

  /* Connect to /live; after a reconnect, call resync so nothing missed stays missing. */
  function connect(auth, events, resync, onStatus) {
    var socket = io("/live", { auth: auth });
    var seenBefore = false;
    socket.on("connect", function () {
      if (seenBefore && resync) resync();
      seenBefore = true;
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

  /* A card element from the page's <template>, filled with textContent only. */
  function cardElement(card, categories) {
    var li = document.getElementById("card-template").content.firstElementChild.cloneNode(true);
    var category = categories[String(card.category_id)] || { label: "", colour: "#888" };
    li.dataset.id = card.id;
    li.dataset.uuid = card.uuid;
    li.style.setProperty("--cat", category.colour);
    li.querySelector(".chip").textContent = category.label;
    li.querySelector(".card-text").textContent = card.text;
    li.classList.toggle("is-hidden", !!card.hidden);
    li.querySelectorAll("form").forEach(function (form) {
      /* getAttribute: a clone outside the document has no resolved .action yet */
      form.setAttribute("action", form.getAttribute("action").replace("/cards/0/", "/cards/" + card.id + "/"));
    });
    return li;
  }

  function post(url, body, csrf) {
    var headers = { Accept: "application/json" };
    if (csrf) headers["X-CSRFToken"] = csrf;
    return fetch(url, { method: "POST", body: body, headers: headers, credentials: "same-origin" });
  }

  window.Tischrunde = { pageData: pageData, connect: connect, showPhase: showPhase,
                        cardElement: cardElement, post: post };
})();
