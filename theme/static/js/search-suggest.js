// "Did you mean …": corrections and completions from the catalogue's own words.
//
// The build writes, per UI language, the words of its search records with how
// often they occur, one classic script per first letter
// (plugins/praxisbook/site/suggest.py). They are loaded only when a query
// finds nothing or very little, by a script tag, so they work from file://
// too; no network service is asked.
(function () {
  "use strict";

  // Letters without a decomposition but with a plain Latin cousin: as suggest.py folds them.
  var FOLD = { "ß": "s", "æ": "a", "ø": "o", "œ": "o", "ł": "l", "đ": "d", "þ": "t", "ð": "d" };
  var MAX_SHOWN = 3;
  var chunks = {};
  var waiting = {};

  function chunkKey(word) {
    var first = word.charAt(0).toLowerCase().normalize("NFD").charAt(0);
    first = FOLD[first] || first;
    return first >= "a" && first <= "z" ? first : "_";
  }

  function put(ui, key, flat) {
    var name = ui + "/" + key;
    chunks[name] = flat;
    (waiting[name] || []).forEach(function (resolve) { resolve(flat); });
    delete waiting[name];
  }

  // A letter no word starts with has no file: the error ends the wait with no words.
  function load(base, ui, key) {
    var name = ui + "/" + key;
    if (base.slice(-1) !== "/") base += "/"; // offline links to a folder lose the slash
    if (chunks[name]) return Promise.resolve(chunks[name]);
    return new Promise(function (resolve) {
      if (!waiting[name]) {
        waiting[name] = [];
        var tag = document.createElement("script");
        tag.src = base + name + ".js";
        tag.onerror = function () { put(ui, key, []); };
        document.head.appendChild(tag);
      }
      waiting[name].push(resolve);
    });
  }

  // Edit distance with adjacent transpositions ("racsim" → "racism" is 1), or max + 1.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], row, i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      row = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
        var d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) &&
            a.charAt(i - 2) === b.charAt(j - 1)) {
          d = Math.min(d, prev2[j - 2] + 1);
        }
        row.push(d);
        best = Math.min(best, d);
      }
      if (best > max) return max + 1;
      prev2 = prev;
      prev = row;
    }
    return prev[b.length];
  }

  function corrections(flat, word, max) {
    var found = [];
    for (var i = 0; i < flat.length; i += 2) {
      if (flat[i] === word) continue;
      var d = distance(word, flat[i], max);
      if (d <= max) found.push({ word: flat[i], count: flat[i + 1], d: d });
    }
    found.sort(function (a, b) { return a.d - b.d || b.count - a.count; });
    return found.slice(0, MAX_SHOWN).map(function (f) { return f.word; });
  }

  // The chunk is ordered by frequency, so the first matches are the most common words.
  function completions(flat, word) {
    var found = [];
    for (var i = 0; i < flat.length && found.length < MAX_SHOWN; i += 2) {
      if (flat[i] !== word && flat[i].indexOf(word) === 0) found.push(flat[i]);
    }
    return found;
  }

  // Another form of a word the catalogue lacks: a long common beginning, a short ending
  // ("kiusaamista" → "kiusaaminen"), longest beginning first, then most frequent.
  function forms(flat, word) {
    var least = Math.max(5, word.length - 4), found = [];
    for (var i = 0; i < flat.length; i += 2) {
      var w = flat[i], p = 0;
      while (p < w.length && w.charAt(p) === word.charAt(p)) p++;
      if (w !== word && p >= least && w.length - p <= 5) found.push({ word: w, p: p, i: i });
    }
    found.sort(function (a, b) { return b.p - a.p || a.i - b.i; });
    return found.slice(0, MAX_SHOWN).map(function (f) { return f.word; });
  }

  // Where a compound the catalogue lacks could split into two words it has, each of four
  // letters or more; the first may end in a linking "s" ("Jugendkriminalität" → "jugend
  // kriminalität", "Arbeitsmarkt" → "arbeit markt").
  function heads(flat, word) {
    var cuts = [];
    for (var i = 4; i <= word.length - 4; i++) {
      var head = word.slice(0, i);
      if (countOf(flat, head)) cuts.push({ at: i, head: head });
      else if (i > 4 && head.slice(-1) === "s" && countOf(flat, head.slice(0, -1))) {
        cuts.push({ at: i, head: head.slice(0, -1) });
      }
    }
    return cuts;
  }

  // The most even split into two catalogue words, as a query of two words; or none.
  function split(base, ui, word, flat) {
    var cuts = word.length < 8 ? [] : heads(flat, word);
    return Promise.all(cuts.map(function (cut) {
      var tail = word.slice(cut.at);
      return load(base, ui, chunkKey(tail)).then(function (other) {
        return countOf(other, tail) ? cut : null;
      });
    })).then(function (found) {
      var best = null, even = 0;
      found.forEach(function (cut) {
        var shorter = cut && Math.min(cut.head.length, word.length - cut.at);
        if (cut && shorter > even) { best = cut; even = shorter; }
      });
      return best ? [best.head + " " + word.slice(best.at)] : [];
    });
  }

  function countOf(flat, word) {
    for (var i = 0; i < flat.length; i += 2) if (flat[i] === word) return flat[i + 1];
    return 0;
  }

  // How far a typo may be: one edit in a short word, two in a longer one. A word the
  // catalogue holds is rarely a typo: only more common words of four letters or more one
  // edit away, and none for a word of three letters or fewer ("de" is no typo of "des",
  // "clans" none of "can").
  function reach(word, held) {
    if (!held) return word.length <= 4 ? 1 : 2;
    return word.length >= 4 ? 1 : 0;
  }

  // What a query word might have meant: words that begin with it, words a typo away
  // (most similar, then most frequent), for a word the catalogue lacks its other forms and
  // the two words of a compound, and how often the word itself occurs. `held`: the
  // search found the word itself (the counts here leave out words of one or two letters).
  function suggest(base, ui, word, held) {
    word = word.toLowerCase();
    return load(base, ui, chunkKey(word)).then(function (flat) {
      var count = countOf(flat, word), known = held || count > 0, max = reach(word, known);
      var near = max ? corrections(flat, word, max) : [];
      near = near.filter(function (w) {
        return countOf(flat, w) > count && (!known || w.length >= 4);
      });
      var found = { completions: completions(flat, word), corrections: near, count: count };
      if (known) return Object.assign(found, { forms: [] });
      return split(base, ui, word, flat).then(function (parts) {
        return Object.assign(found, { forms: forms(flat, word).concat(parts) });
      });
    });
  }

  window.PraxisbookSuggest = { put: put, suggest: suggest, distance: distance };
})();
