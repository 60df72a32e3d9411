/* The mailing page: progress bar and each recipient's status, live. */
(function () {
  "use strict";
  var T = window.Tischrunde;
  var data = T.pageData();

  function showProgress(progress) {
    var bar = document.getElementById("progress");
    bar.max = progress.total;
    bar.value = progress.done;
    bar.textContent = progress.percent + " %";
    var text = T.plural(data.strings.done, progress.total)
      .replace("%(done)s", T.formatNumber(progress.done)).replace("%(num)s", T.formatNumber(progress.total));
    document.getElementById("progress-done").textContent = text;
    document.getElementById("count-sent").textContent = progress.sent;
    document.getElementById("count-failed").textContent = progress.failed;
  }

  function showMail(mail) {
    var row = document.querySelector('[data-mail="' + mail.id + '"]');
    if (!row) return;
    var state = row.querySelector(".state");
    state.textContent = data.strings.states[mail.state] || mail.state;
    state.className = "state state-" + mail.state;
    row.querySelector(".error-text").textContent = mail.error;
    row.querySelector(".attempts").textContent = mail.attempts;
    /* The recipients' list below says so too (the deletion date after a reload). */
    var address = document.querySelector('[data-address="' + mail.address_id + '"] .address-state');
    if (address && mail.state === "sent") address.textContent = state.textContent;
  }

  function update(message) {
    showProgress(message.progress);
    if (message.mail) showMail(message.mail);
  }

  async function resync() {
    var response = await fetch(data.urls.status, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    var fresh = await response.json();
    showProgress(fresh.progress);
    fresh.mails.forEach(showMail);
  }

  T.connect({ role: "console", event: data.event_id }, { mailing: update }, resync);
})();
