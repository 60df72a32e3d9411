/* Fits a list on the projector without scrolling, at any screen size: a poll's
   results, a presented table's cards. A few items large, many in columns, and
   more than fit in pages that turn by themselves, the first items first. The CSS
   cuts long texts to a few lines; the console shows them whole. Sizes are
   measured, not guessed, so long words, Arabic script and the browser's fonts
   all count: one layout pass per candidate measures every item, the pages are
   packed from those sizes. Each list gets its own pager (create). */
(function () {
  "use strict";
  var PAGE_SECONDS = 8;
  /* Tried in order; the first that shows every result at once wins, the last
     one pages. [scale of the results' font size, columns of the list, lines a
     long text keeps]. */
  var BARS = [[1.5, 1, 4], [1.25, 1, 3], [1, 1, 2], [1, 2, 2], [0.85, 2, 2]];
  var NOTES = [[1.25, 1, 5], [1, 1, 4], [1, 2, 3], [0.9, 3, 3]];
  var CLOUD = [[1, 1], [0.8, 1], [0.65, 1], [0.5, 1], [0.4, 1], [0.3, 1]];
  var SHRINK = [[1.25, 1, 4], [1, 1, 3], [0.85, 1, 3], [0.7, 1, 3]];
  var CARDS = [[1.3, 1, 8], [1.15, 2, 6], [1, 2, 5], [1, 3, 4], [0.9, 3, 3]];
  var KINDS = {
    cards: [".cards", CARDS],
    single: [".bars", BARS], multiple: [".bars", BARS], ranking: [".bars", BARS],
    dots: [".bars", BARS], consent: [".reasons", NOTES], text: [".answers", NOTES],
    words: [".cloud", CLOUD], scale: [null, SHRINK],
  };
  /* A narrower column than this (in em of the results' font) is not worth it. */
  var MIN_COLUMN_EM = 16;

  function inside(inner, outer) {
    return inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1 &&
      inner.left >= outer.left - 1 && inner.right <= outer.right + 1;
  }

  /* A pager for the list in `box` (found by its kind's selector); `indicator`
     says "page 2 of 3" with pageText; seconds: how long a page stays. */
  function create(box, indicator, pageText, seconds) {
    var pages = [[0, 0]], page = 0, timer = null, items = [], chosen = {}, pagedList = null;

    /* Everything shown lies within the list and the results box. */
    function fits(list) {
      if (box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1) return false;
      if (!list) return true;
      var frame = list.getBoundingClientRect();
      return items.every(function (item) {
        return item.hidden || inside(item.getBoundingClientRect(), frame);
      });
    }

    function showRange(from, to) {
      items.forEach(function (item, i) { item.hidden = i < from || i >= to; });
    }

    function apply(list, layout) {
      box.style.setProperty("--fit", layout[0]);
      box.style.setProperty("--lines", layout[2] || 2);
      if (list) list.style.columnCount = layout[1];
    }

    /* Every result laid out at once at the current layout: its size with margin,
       and the room the list has. */
    function measure(list, columns) {
      showRange(0, items.length);
      var style = getComputedStyle(list);
      var margin = items.length ? parseFloat(getComputedStyle(items[0]).marginBlockEnd) || 0 : 0;
      return {
        wrap: style.display === "flex",
        columns: columns,
        width: list.clientWidth,
        height: list.clientHeight,
        gap: parseFloat(style.columnGap) || 0,
        rowGap: parseFloat(style.rowGap) || 0,
        sizes: items.map(function (item) {
          var r = item.getBoundingClientRect();
          return { w: r.width, h: r.height + margin };
        }),
        fontSize: parseFloat(style.fontSize),
      };
    }

    /* Where a page starting at `from` ends: columns filled top to bottom. */
    function packColumns(room, from) {
      var column = 1, used = 0, i = from;
      for (; i < room.sizes.length; i++) {
        var h = room.sizes[i].h;
        if (used > 0 && used + h > room.height + 1) {
          column += 1;
          used = 0;
          if (column > room.columns) break;
        }
        used += h;
      }
      return i;
    }

    /* Where a page starting at `from` ends: words in lines, as flex-wrap breaks them. */
    function packLines(room, from) {
      var width = 0, line = 0, total = 0, i = from;
      for (; i < room.sizes.length; i++) {
        var s = room.sizes[i];
        if (width > 0 && width + room.gap + s.w > room.width + 1) {
          total += line + room.rowGap;
          width = line = 0;
        }
        if (total + Math.max(line, s.h) > room.height + 1) break;
        width += (width > 0 ? room.gap : 0) + s.w;
        line = Math.max(line, s.h);
      }
      return i;
    }

    function paginate(room) {
      var found = [];
      for (var from = 0; from < room.sizes.length; from = found[found.length - 1][1]) {
        var to = room.wrap ? packLines(room, from) : packColumns(room, from);
        found.push([from, Math.max(to, from + 1)]);  // a page shows at least one
      }
      return found.length ? found : [[0, 0]];
    }

    /* Safety net for what packing cannot foresee (column balancing, rounding): a
       page that does not fit when shown gives its last results to the next one. */
    function settle(list, p) {
      while (list && pages[p][1] - pages[p][0] > 1 && !fits(list)) {
        pages[p][1] -= 1;
        if (p === pages.length - 1) pages.push([pages[p][1], pages[p][1]]);
        pages[p + 1][0] = pages[p][1];
        showRange(pages[p][0], pages[p][1]);
      }
    }

    /* The pages of one layout, or null when it does not do: only the last one
       (the smallest) may page. */
    function attempt(list, layout, last) {
      apply(list, layout);
      if (!list) return fits(null) || last ? [[0, 0]] : null;
      var room = measure(list, layout[1]);
      if (!last && layout[1] > 1 && room.width / layout[1] < MIN_COLUMN_EM * room.fontSize) return null;
      var found = paginate(room);
      if (last) return found;
      return found.length === 1 && fits(list) ? found : null;
    }

    /* Layouts run from large to small, so the first that does is found by halving;
       a new tally of the same poll on the same screen tries the last choice first. */
    function layOut(kind) {
      var rule = KINDS[kind] || [null, SHRINK];
      var list = pagedList = rule[0] && box.querySelector(rule[0]);
      items = list ? Array.prototype.slice.call(list.children) : [];
      var layouts = rule[1], last = layouts.length - 1;
      var key = [kind, items.length, window.innerWidth, window.innerHeight].join(" ");
      var found = chosen.key === key ? attempt(list, layouts[chosen.index], chosen.index === last) : null;
      if (found) return found;
      var low = 0, high = last, best = null;
      while (low < high) {
        var middle = Math.floor((low + high) / 2);
        found = attempt(list, layouts[middle], false);
        if (found) { high = middle; best = found; } else low = middle + 1;
      }
      chosen = { key: key, index: low };
      return best && low < last ? (apply(list, layouts[low]), best) : attempt(list, layouts[low], low === last);
    }

    function show(index) {
      page = Math.max(0, Math.min(index, pages.length - 1));
      showRange(pages[page][0], pages[page][1]);
      settle(pagedList, page);
      indicator.hidden = pages.length < 2;
      indicator.textContent = window.TischrundeVoting.fill(pageText, {
        page: window.Tischrunde.formatNumber(page + 1),
        pages: window.Tischrunde.formatNumber(pages.length),
      });
    }

    function turn() { show((page + 1) % pages.length); }

    /* Lay the freshly drawn results of `kind` out; the page shown stays if it can. */
    function fit(kind) {
      box.dataset.kind = kind;
      indicator.hidden = true;
      pages = layOut(kind);
      show(page);
      if (pages.length > 1 && timer === null) timer = window.setInterval(turn, (seconds || PAGE_SECONDS) * 1000);
      if (pages.length < 2) stop();
    }

    /* The list is no longer shown: its pages stop turning. */
    function stop() {
      if (timer !== null) window.clearInterval(timer);
      timer = null;
    }

    /* A new list (another poll or table) starts on its first page, with the
       largest layout it fits. */
    function restart() {
      page = 0;
      chosen = {};
    }

    return {
      fit: fit, restart: restart, show: show, stop: stop,
      count: function () { return pages.length; },
    };
  }

  /* The question as large as three lines allow (measured once per screen size). */
  var question = {};
  function fitQuestion(heading) {
    var key = [heading.textContent, window.innerWidth, window.innerHeight].join(" ");
    if (question.key === key) return heading.style.setProperty("--fit", question.scale);
    var scales = [1, 0.85, 0.72, 0.6, 0.5];
    for (var i = 0; i < scales.length; i++) {
      heading.style.setProperty("--fit", scales[i]);
      if (heading.scrollHeight <= heading.clientHeight + 1) break;
    }
    question = { key: key, scale: heading.style.getPropertyValue("--fit") };
  }

  window.TischrundePages = { create: create, fitQuestion: fitQuestion };
})();
