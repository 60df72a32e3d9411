/* Read aloud with the browser's own speech synthesis; nothing leaves the phone.
   A button.read-aloud names what it reads in data-read (CSS selectors, looked up
   inside its closest data-read-within if given, else in the page); the text is
   spoken in the language of the element read (its closest lang, else the page's).
   Pressing again stops. Without speechSynthesis the buttons stay hidden. */
(function () {
  "use strict";
  var synth = window.speechSynthesis;
  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") return;
  document.documentElement.classList.add("can-speak");
  var speaking = null;

  function targets(button) {
    var within = button.getAttribute("data-read-within");
    var scope = within ? button.closest(within) : document;
    return scope ? Array.prototype.slice.call(
      scope.querySelectorAll(button.getAttribute("data-read"))) : [];
  }

  function visibleText(element) {
    return (element.innerText || "").replace(/\s+/g, " ").trim();
  }

  function voiceFor(lang) {
    var base = lang.toLowerCase().split("-")[0];
    var voices = synth.getVoices ? synth.getVoices() : [];
    for (var i = 0; i < voices.length; i++) {
      if ((voices[i].lang || "").toLowerCase().split(/[-_]/)[0] === base) return voices[i];
    }
    return null;
  }

  function mark(button, on) {
    button.setAttribute("aria-pressed", on ? "true" : "false");
  }

  function stop() {
    synth.cancel();
    if (speaking) mark(speaking, false);
    speaking = null;
  }

  function speak(button, element) {
    var text = visibleText(element);
    if (!text) return;
    var holder = element.closest("[lang]");
    var lang = (holder && holder.getAttribute("lang")) || document.documentElement.lang;
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang;
    var voice = voiceFor(lang);
    if (voice) utterance.voice = voice;
    utterance.onend = function () {
      if (speaking === button && !synth.speaking) mark(button, false);
    };
    synth.speak(utterance);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.read-aloud") : null;
    if (!button) return;
    event.preventDefault();
    var again = speaking === button;
    stop();
    if (again) return;
    speaking = button;
    mark(button, true);
    targets(button).forEach(function (element) { speak(button, element); });
  });
  window.addEventListener("pagehide", stop);
}());
