/* The projector at a later event: what became of the earlier events' ideas. An
   overview, then one slide per action field; each slide's list is fitted by its
   own pager (pages.js), whose pages turn by themselves before the next slide
   comes. Another view chosen in the console takes the projector back. */
(function () {
  "use strict";
  var T = window.Tischrunde;
  var data = T.pageData();
  var PAGE_SECONDS = 15;
  var slides = Array.prototype.slice.call(document.querySelectorAll(".fb-slide"));
  var pagers = slides.map(function (slide) {
    return window.TischrundePages.create(
      slide.querySelector(".fb-box"), slide.querySelector(".fb-page"), data.strings.page, PAGE_SECONDS);
  });
  var current = 0, timer = null;

  function show(index) {
    window.clearTimeout(timer);
    pagers[current].stop();
    current = index;
    slides.forEach(function (slide, i) { slide.hidden = i !== index; });
    pagers[index].restart();
    pagers[index].fit("cards");
    if (slides.length < 2) return;
    var stay = pagers[index].count() * PAGE_SECONDS * 1000;
    timer = window.setTimeout(function () { show((index + 1) % slides.length); }, stay);
  }

  function leave() { window.location.assign(data.urls.projector); }

  var connectedOnce = false;
  function reloadAfterReconnect() {
    if (connectedOnce) window.location.reload();
    connectedOnce = true;
  }
  T.connect(data.auth, {
    spotlight: function (spotlight) { if (!spotlight.feedback) leave(); },
    state: function (state) { if (!state.event_open) leave(); },
    revoked: function () { window.location.reload(); },  /* this link was renewed */
  }, reloadAfterReconnect);
  window.addEventListener("resize", function () { pagers[current].fit("cards"); });
  window.TischrundeFeedback = { show: show };
  show(0);
})();
