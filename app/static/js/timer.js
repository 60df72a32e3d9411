/* What happens now, on phone, console and projector: the current step and its
   countdown, computed here from the pushed state (ends_at, or remaining while
   paused) so it stays right across reconnects and server restarts. */
/* Runs once the page's other deferred scripts have connected the socket, wherever
   the partial that loads it sits in the page. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var T = window.Tischrunde;
  var data = JSON.parse(document.getElementById("step-data").textContent);
  var state = data.state;
  var offset = 0;

  function clock(seconds) {
    var sign = seconds < 0 ? "+" : "";
    seconds = Math.abs(seconds);
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return sign + m + ":" + (s < 10 ? "0" : "") + s;
  }

  function remaining() {
    var step = state.step;
    if (!step) return null;
    if (!step.ends_at) return step.remaining;
    return Math.round((Date.parse(step.ends_at) - (Date.now() + offset)) / 1000);
  }

  /* A step added after the page loaded is not in data.steps: its pushed kind
     and title still show it, and show what belongs to its kind. */
  function render() {
    var step = state.step, left = remaining();
    var info = step ? data.steps[String(step.id)] || {} : {};
    var kind = step ? step.kind : null;
    var label = step ? info.label || step.title || data.kinds[kind] || "" : data.strings.idle;
    document.querySelectorAll("[data-step-label]").forEach(function (el) {
      el.textContent = label;
    });
    document.querySelectorAll("[data-step-picto]").forEach(function (el) {
      var src = step ? data.pictograms[kind] || data.pictograms.other : "";
      if (src && el.getAttribute("src") !== src) el.src = src;
      el.hidden = !src;
    });
    document.querySelectorAll("[data-timer]").forEach(function (el) {
      var shown = left === null ? "" : clock(data.overtime ? left : Math.max(left, 0));
      el.textContent = step && step.state === "paused" ? shown + " · " + data.strings.paused : shown;
      el.classList.toggle("overtime", left !== null && left < 0);
      el.hidden = left === null || step.planned === 0;
    });
    document.querySelectorAll("[data-step-kind]").forEach(function (el) {
      el.hidden = !step || el.getAttribute("data-step-kind").split(" ").indexOf(kind) < 0;
    });
  }

  function apply(fresh) {
    var before = state;
    state = fresh;
    offset = Date.parse(fresh.now) - Date.now();
    render();
    if (data.reload_on_seating && fresh.seating_round !== before.seating_round) window.location.reload();
    if (data.reload_on_step && signature(fresh) !== signature(before)) window.location.reload();
  }

  function signature(s) { return s.step ? s.step.id + s.step.state + s.step.planned : ""; }

  offset = Date.parse(state.now) - Date.now();
  render();
  setInterval(render, 1000);
  T.socket.on("state", apply);
  T.timer = { apply: apply };
});
