/* Poster photos in the console: live galleries per table, uploads from the laptop
   (one request per file, with progress and retries), removal and the projector spotlight. */
(function () {
  "use strict";
  var T = window.Tischrunde;
  var data = JSON.parse(document.getElementById("photo-data").textContent);

  function place(photo) {
    var column = document.querySelector('[data-table="' + photo.table_id + '"]');
    if (column) T.placePhoto(column.querySelector(".photos"), photo);
  }

  function showSpotlight(spotlight) {
    var id = spotlight.table ? String(spotlight.table.id) : null;
    document.querySelectorAll(".table-grid [data-table]").forEach(function (column) {
      column.classList.toggle("is-spotlight", column.dataset.table === id);
    });
    document.getElementById("spotlight-join").classList.toggle("is-spotlight", id === null && !spotlight.feedback);
    var earlier = document.getElementById("spotlight-feedback");
    if (earlier) earlier.classList.toggle("is-spotlight", !!spotlight.feedback);
  }

  function wait(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }

  /* The same UUID on every attempt: a retry after a broken connection stores nothing twice. */
  async function sendFile(form, file, onProgress) {
    var id = T.newUuid();
    for (var attempt = 1; ; attempt++) {
      var body = new FormData();
      body.append("uuid", id);
      body.append("photo", file, file.name);
      var answer = await T.upload(form.action, body, data.csrf, onProgress);
      if ((answer.status > 0 && answer.status < 500) || attempt === 4) return answer;
      await wait(1000 * attempt);
    }
  }

  async function uploadFiles(form, files) {
    var status = form.querySelector(".upload-status");
    var problems = [];
    for (var i = 0; i < files.length; i++) {
      var text = T.plural(data.strings.uploading, files.length).replace("%(number)s", i + 1)
        .replace("%(num)s", files.length).replace("%(name)s", files[i].name);
      var answer = await sendFile(form, files[i], function (share) {
        status.textContent = text + " (" + Math.round(share * 100) + " %)";
      });
      if (answer.body.photos) answer.body.photos.forEach(place);
      else problems.push(files[i].name + ": " + (answer.body.error || data.strings.failed));
    }
    status.textContent = problems.join("\n") || data.strings.done;
    status.classList.toggle("error", problems.length > 0);
  }

  async function resync() {
    var response = await fetch(data.urls.list, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    var fresh = await response.json();
    document.querySelectorAll(".table-grid .photos").forEach(function (ul) { ul.textContent = ""; });
    fresh.photos.forEach(place);
    showSpotlight(fresh.spotlight);
  }

  document.addEventListener("change", function (event) {
    var form = event.target.closest(".photo-upload");
    if (!form) return;
    var files = Array.prototype.slice.call(event.target.files);
    event.target.value = "";
    uploadFiles(form, files);
  });

  document.addEventListener("submit", async function (event) {
    var form = event.target;
    if (!form.matches(".photo-action, .spotlight-action")) return;
    event.preventDefault();
    var response = await T.post(form.action, new FormData(form), data.csrf);
    var answer = await response.json().catch(function () { return {}; });
    if (!response.ok) window.alert(answer.error || response.statusText);
  });

  data.photos.forEach(place);
  showSpotlight(data.spotlight);
  T.socket.on("photo", place);
  T.socket.on("spotlight", showSpotlight);
  T.socket.on("connect", resync);
})();
