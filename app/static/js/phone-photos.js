/* Poster photos from the phone: each photo is kept on the phone (IndexedDB) and
   sent again until the server has it; the client-made UUID stops duplicates. */
(function () {
  "use strict";
  var T = window.Tischrunde;
  var data = JSON.parse(document.getElementById("photo-data").textContent);
  var form = document.getElementById("photo-form");
  var caption = document.getElementById("caption");
  var errorBox = document.getElementById("photo-error");
  var pendingList = document.getElementById("photo-pending");
  var list = document.getElementById("photo-list");
  var csrf = form.querySelector("[name=csrf_token]").value;
  var items = [];

  /* The queue lives in IndexedDB, so a reload or a closed tab loses nothing. */
  var store = (function () {
    var opened = new Promise(function (resolve) {
      try {
        var request = indexedDB.open("tischrunde-photos", 1);
        request.onupgradeneeded = function () { request.result.createObjectStore("queue", { keyPath: "uuid" }); };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { resolve(null); };
      } catch (e) { resolve(null); }
    });
    function run(mode, action) {
      return opened.then(function (db) {
        if (!db) return [];
        return new Promise(function (resolve) {
          var request = action(db.transaction("queue", mode).objectStore("queue"));
          request.onsuccess = function () { resolve(request.result); };
          request.onerror = function () { resolve([]); };
        });
      });
    }
    return {
      all: function () { return run("readonly", function (s) { return s.getAll(); }); },
      put: function (item) { return run("readwrite", function (s) { return s.put(item); }); },
      drop: function (uuid) { return run("readwrite", function (s) { return s.delete(uuid); }); },
    };
  })();

  function showError(message) {
    errorBox.textContent = message || "";
    errorBox.hidden = !message;
  }

  function place(photo) {
    if (T.placePhoto(list, photo)) document.getElementById("no-photos").hidden = list.children.length > 0;
  }

  function renderPending() {
    pendingList.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.className = "photo-progress";
      var name = document.createElement("span");
      name.dir = "auto";
      name.textContent = item.caption || item.name;
      var bar = document.createElement("progress");
      bar.max = 1;
      bar.value = item.progress || 0;
      var note = document.createElement("span");
      note.className = "hint";
      note.textContent = item.waiting ? data.strings.waiting
        : data.strings.sending.replace("{percent}", Math.round((item.progress || 0) * 100));
      li.append(name, bar, note);
      pendingList.appendChild(li);
    });
  }

  async function sendOne(item) {
    item.waiting = false;
    var body = new FormData();
    body.append("uuid", item.uuid);
    body.append("caption", item.caption);
    body.append("photo", item.blob, item.name);
    var answer = await T.upload(data.urls.send, body, csrf, function (share) {
      item.progress = share;
      renderPending();
    });
    if (answer.status === 0 || answer.status >= 500 || answer.status === 429) return false;
    items = items.filter(function (i) { return i.uuid !== item.uuid; });
    store.drop(item.uuid);
    renderPending();
    if (answer.body.photo) place(answer.body.photo);
    else showError(answer.body.error || data.strings.too_large);
    return true;
  }

  var flush = T.retryingSender(function () { return items.slice(); }, sendOne, function () {
    items.forEach(function (i) { i.waiting = true; i.progress = 0; });
    renderPending();
  });

  function enqueue(files) {
    showError("");
    Array.prototype.forEach.call(files, function (file) {
      if (file.size > data.max_bytes) return showError(data.strings.too_large);
      var item = { uuid: T.newUuid(), blob: file, name: file.name, caption: caption.value.trim() };
      items.push(item);
      store.put(item);
    });
    caption.value = "";
    renderPending();
    flush();
  }

  async function resync() {
    var response = await fetch(data.urls.list, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    list.textContent = "";
    (await response.json()).photos.forEach(place);
    flush();
  }

  form.querySelectorAll(".no-js").forEach(function (el) { el.hidden = true; });
  form.querySelectorAll(".js-only").forEach(function (el) { el.hidden = false; });
  document.getElementById("photo-camera").classList.add("visually-hidden");
  form.querySelectorAll("input[type=file]").forEach(function (input) {
    input.addEventListener("change", function () { enqueue(input.files); input.value = ""; });
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("online", flush);
  T.socket.on("photo", place);
  T.socket.on("connect", resync);
  store.all().then(function (kept) { items = items.concat(kept); renderPending(); flush(); });
})();
