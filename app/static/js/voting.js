/* Poll results as charts with their numbers as text, and a table for screen
   readers: the projector and the moderator's poll page draw them from the same
   tally the server pushes. */
(function () {
  "use strict";
  var T = window.Tischrunde;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }

  function n(value) { return T.formatNumber(value); }

  /* A number run such as "3 (50 %)" kept in its order on right-to-left pages. */
  function isolated(number) {
    var run = el("bdi", null, number);
    run.dir = "ltr";
    return run;
  }

  /* One bar: label, bar, number; share is 0..1 of the longest bar. */
  function bar(label, share, number, extra) {
    var li = el("li");
    li.style.setProperty("--share", share);
    var text = el("span", "bar-label", label);
    text.dir = "auto";
    li.appendChild(text);
    if (extra) li.appendChild(extra);
    li.appendChild(el("span", "bar"));
    li.appendChild(el("b")).appendChild(isolated(number));
    return li;
  }

  /* Where a dot-voted card comes from: its table on the projector; on the
     console also the table's name and action field, linked to the card. */
  function cardSource(o, s, controls) {
    var table = fill(s.table, { number: n(o.table.number) });
    if (!controls) {
      var chip = el("span", "bar-source", table);
      chip.style.setProperty("--table", o.table.colour);
      return chip;
    }
    var parts = [table, o.table.topic, o.table.action_field].filter(function (part, i, all) {
      return part && all.indexOf(part) === i;
    });
    var link = el("a", "bar-source", parts.join(" · "));
    link.href = controls.cardUrl(o.card_id);
    return link;
  }

  /* A written answer or reason; the projector cuts its text (span) to a few lines. */
  function note(text, className) {
    var li = el("li", className);
    li.dir = "auto";
    li.appendChild(el("span", "note-text", text));
    return li;
  }

  /* rows: [[label, number text], ...] as a table read by screen readers. Hidden
     by its wrapper: a table grows to its rows whatever height it is given. */
  function dataTable(caption, headers, rows) {
    var hidden = el("div", "visually-hidden");
    var table = hidden.appendChild(el("table"));
    table.appendChild(el("caption", null, caption));
    var head = table.createTHead().insertRow();
    headers.forEach(function (h) { head.appendChild(el("th", null, h)); });
    var body = table.createTBody();
    rows.forEach(function (row) {
      var tr = body.insertRow();
      row.forEach(function (cell) { tr.appendChild(el("td", null, cell)); });
    });
    return hidden;
  }

  var CHARTS = {
    single: options, multiple: options, ranking: options, dots: options,
    scale: scale, consent: consent, words: words, text: texts,
  };

  function options(results, s, controls) {
    var ranked = results.kind === "ranking" || results.kind === "dots";
    var list = el("ol", "bars" + (ranked ? " ranked" : "") + (results.kind === "dots" ? " dot-results" : ""));
    var rows = [];
    results.options.forEach(function (o, place) {
      /* Points and dots as bare numbers on the bars; the table says what they count. */
      var shown = results.kind === "ranking" ? n(o.points)
        : results.kind === "dots" ? n(o.dots)
        : n(o.count) + " (" + n(o.percent) + " %)";
      var number = results.kind === "ranking" ? fill(s.points, { n: shown })
        : results.kind === "dots" ? fill(s.dots, { n: shown }) : shown;
      var li = bar(o.label, o.share, shown, o.table ? cardSource(o, s, controls) : null);
      if (ranked) li.insertBefore(el("span", "bar-rank", n(place + 1)), li.firstChild);
      li.dataset.key = o.id;
      list.appendChild(li);
      rows.push([o.label + (o.table ? " (" + fill(s.table, { number: n(o.table.number) }) + ")" : ""), number]);
    });
    return [list, rows];
  }

  function scale(results, s) {
    var list = el("ol", "bars scale-bars");
    var rows = [];
    /* All values have a label line or none: the bars stand on one line. */
    var labelled = results.distribution.some(function (d) { return d.label; });
    results.distribution.forEach(function (d) {
      var named = labelled ? el("span", "bar-source scale-label", d.label) : null;
      if (named) named.dir = "auto";
      var li = bar(n(d.value), d.share, n(d.count), named);
      li.dataset.key = d.value;
      list.appendChild(li);
      rows.push([n(d.value) + (d.label ? " · " + d.label : ""), n(d.count)]);
    });
    var box = el("div", "chart");
    box.appendChild(list);
    if (results.mean !== null) {
      box.appendChild(el("p", "poll-stats", fill(s.mean, { mean: n(results.mean), median: n(results.median) })));
    }
    return [box, rows];
  }

  function consent(results, s) {
    var box = el("div", "chart");
    var list = el("ol", "bars consent-bars");
    var rows = [];
    results.choices.forEach(function (c) {
      var li = bar(c.label, c.share, n(c.count));
      li.dataset.choice = li.dataset.key = c.choice;
      list.appendChild(li);
      rows.push([c.label, n(c.count)]);
    });
    box.appendChild(list);
    if (results.reasons.length) {
      box.appendChild(el("h3", null, s.reasons));
      var reasons = el("ul", "reasons");
      results.reasons.forEach(function (r, i) {
        var li = note(r);
        li.dataset.key = i;
        reasons.appendChild(li);
      });
      box.appendChild(reasons);
    }
    return [box, rows];
  }

  function words(results, s, controls) {
    var cloud = el("ul", "cloud");
    var rows = [];
    results.words.forEach(function (w) {
      var li = el("li", null, w.word);
      li.dir = "auto";
      li.style.setProperty("--share", w.share);
      li.title = n(w.count);
      li.dataset.key = w.word;
      if (controls) li.appendChild(controls.wordButton(w.word, true));
      cloud.appendChild(li);
      rows.push([w.word, n(w.count)]);
    });
    var box = el("div", "chart");
    box.appendChild(cloud);
    if (controls && results.hidden_words && results.hidden_words.length) {
      var hidden = el("p", "hint", s.hiddenWords + " ");
      results.hidden_words.forEach(function (word) {
        hidden.appendChild(el("span", "badge", word));
        hidden.appendChild(controls.wordButton(word, false));
      });
      box.appendChild(hidden);
    }
    return [box, rows];
  }

  function texts(results, s, controls) {
    var list = el("ul", "answers");
    var rows = [];
    results.answers.forEach(function (a) {
      var li = note(a.text, a.hidden ? "is-hidden" : "");
      li.dataset.key = a.id;
      if (controls) li.appendChild(controls.answerButton(a.id, !a.hidden));
      list.appendChild(li);
      rows.push([a.text, ""]);
    });
    return [list, rows];
  }

  /* Draw results into box; s: the page's strings; controls: the moderator's buttons. */
  function render(box, results, s, controls) {
    box.textContent = "";
    var voted = T.plural(s.voted, results.voters);
    box.appendChild(el("p", "poll-count", fill(voted, { num: n(results.voters), present: n(results.present) })));
    if (results.hidden) return;
    if (!results.voters) box.appendChild(el("p", "muted", s.none));
    var drawn = CHARTS[results.kind](results, s, controls);
    box.appendChild(drawn[0]);
    box.appendChild(dataTable(s.caption, [s.answer, s.result], drawn[1]));
  }

  /* The results in one short sentence for a screen reader: "12 votes. Leading:
     Ja (50 %)"; the scale's mean, the consent's choices. */
  function summary(results, s) {
    var parts = [fill(T.plural(s.votes, results.voters), { num: n(results.voters) })];
    if (!results.hidden && results.voters) parts.push(standing(results, s));
    return parts.filter(Boolean).join(". ");
  }

  function standing(results, s) {
    var top = (results.options || results.words || [])[0];
    if (results.kind === "scale") return results.mean === null ? "" : fill(s.mean, { mean: n(results.mean), median: n(results.median) });
    if (results.kind === "consent") return results.choices.map(function (c) { return c.label + ": " + n(c.count); }).join(" · ");
    if (!top || results.kind === "text") return "";
    var result = results.kind === "ranking" ? fill(s.points, { n: n(top.points) })
      : results.kind === "dots" ? fill(s.dots, { n: n(top.dots) })
      : results.kind === "words" ? n(top.count) : n(top.percent) + " %";
    return fill(s.leading, { answer: top.label || top.word, result: result });
  }

  /* A polite live region that speaks at most once per everyMs: the first news at
     once, later news when the window is over (only the latest). */
  function announcer(region, everyMs) {
    var saidAt = -Infinity, waiting = null, timer = null;
    function speak() {
      timer = null;
      saidAt = Date.now();
      if (waiting !== region.textContent) region.textContent = waiting;
    }
    return function say(text) {
      waiting = text;
      if (timer !== null) return;
      var wait = saidAt + everyMs - Date.now();
      if (wait <= 0) speak();
      else timer = window.setTimeout(speak, wait);
    };
  }

  window.TischrundeVoting = { render: render, fill: fill, summary: summary, announcer: announcer };
})();
