// Praxisbook search: a small UI on Pagefind's JS API (docs/search.md).
//
// This file never loads Pagefind itself. A loader calls
//   window.PraxisbookSearch.start(api, root)
// with an object that has Pagefind's `options`, `filters` and `search`
// functions: search-online.js imports /pagefind/pagefind.js; the offline
// bundle passes its own. The page's state (query, filters, sort) lives in the URL.
//
// Pagefind matches every word as a prefix and ranks softly, so results are
// ordered here (docs/search.md, "Ranking"): each query word is also searched
// exactly ("word" in quotes), and
//   1. practices that hold every word exactly come first: those whose title or
//      labels match before those matched in the text a reader of this language
//      reads, before those matched only in other versions' titles;
//   2. practices that match only words beginning with a query word follow in a
//      list of their own, never among the first results;
//   3. a word that no practice holds is said so, and dropped; a query none of
//      whose words any practice holds finds nothing, and "did you mean …" offers
//      the catalogue's own words instead (search-suggest.js);
//   4. the first page is checked against each record's own words (holds, ownForm):
//      stemmers conflate across languages; but when no result holds a word as
//      written, another form of it in the reader's language counts.
(function () {
  "use strict";

  // Ten results to a page: each costs its page data (a Pagefind fragment, about 2 kB gzipped),
  // which is most of what a first search loads after Pagefind itself (docs/performance.md).
  var PER_PAGE = 10;
  var FEW = 3; // fewer results than this: offer corrections too
  var SORTS = ["newest", "title"]; // the orders of the order file (site/sortorder.py)
  var WORD = /[^\s"'“”„«»‚‘’.,;:!?()[\]{}<>\/\\|*+=~^$#%&@]+/g;

  function queryWords(text) {
    var seen = {};
    return (text.toLowerCase().match(WORD) || []).filter(function (w) {
      return !seen[w] && (seen[w] = true);
    });
  }

  function matched(result, names) {
    var fields = (result && result.matchedMetaFields) || [];
    return names.some(function (name) { return fields.indexOf(name) >= 0; });
  }

  // 0: the title or a label holds the word; 1: the reader's text or the original's;
  // 2: only other versions.
  function zone(result) {
    if (matched(result, ["title", "labels", "labels_other"])) return 0;
    if ((result.words && result.words.length) || matched(result, ["summary", "original"])) return 1;
    return 2;
  }

  function byZone(results) {
    return results.map(function (r, i) { return { r: r, z: zone(r), i: i }; })
      .sort(function (a, b) { return a.z - b.z || a.i - b.i; })
      .map(function (x) { return x.r; });
  }

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  // Pagefind indexes the parts of a hyphenated word as words too ("Bruxelles-Nord" is found
  // by "Bruxelles"), so the check takes them as well as the whole.
  var JOINER = /[-\u2010\u2011]/;

  // Does a record hold the word as written, give or take an ending? Stemmers conflate
  // across languages ("policier" and "policy" share an English stem), so the first
  // results are checked against their own words: "Schulen" holds "Schule", "poliisin"
  // holds "poliisi", "policy" does not hold "police".
  // A hyphenated query word is held as written, written as one word ("anti-Rassismus",
  // "Antirassismus") or part by part.
  function holds(words, query) {
    var q = fold(query), parts = q.split(JOINER).filter(Boolean);
    var held = function (part) { return holdsWord(words, part); };
    return held(q) || (parts.length > 1 && (held(parts.join("")) || parts.every(held)));
  }

  function holdsWord(words, q) {
    return words.some(function (w) {
      return w === q || (w.indexOf(q) === 0 && w.length - q.length <= 4) ||
        (q.indexOf(w) === 0 && w.length >= 4 && q.length - w.length <= 3);
    });
  }

  function wordsOf(texts) {
    var words = fold(texts.join(" ")).match(WORD) || [], parts = [];
    words.forEach(function (w) {
      if (JOINER.test(w)) parts = parts.concat(w.split(JOINER).filter(Boolean));
    });
    return words.concat(parts);
  }

  // A record's labels, as site/search.py wrote them into its meta `labels` (in the reader's
  // language) and `labels_other`, which its page data leaves out (site/searchlabels.py):
  // its terms' labels and other search words in the reader's language, from the table
  // `labels`; their labels in the other languages and the other search words in its
  // original's, from `labels_other`; and its names. A table not loaded (no result was
  // matched by those labels) adds nothing.
  function labelsOf(page, tables) {
    var meta = page.meta || {}, filters = page.filters || {};
    var own = [], other = [], orig = meta.original_lang;
    eachTerm(tables.labels, filters, function (words) { own = own.concat(words); });
    eachTerm(tables.labels_other, filters, function (term) {
      other = other.concat(term[0], (term[1] || {})[orig] || []);
    });
    if (meta.names) other = other.concat(meta.names.split(" · "));
    return { own: own.join(" "), other: other.filter(function (label) {
      return own.indexOf(label) < 0;
    }).join(" ") };
  }

  function eachTerm(table, filters, take) {
    var facets = (table && table.facets) || {};
    Object.keys(facets).forEach(function (facet) {
      (filters[facet] || []).forEach(function (id) {
        if (facets[facet][id]) take(facets[facet][id]);
      });
    });
  }

  // A record's words in the reader's language (its labels, and its text if written in it)
  // and in the others: a query word found as written only in the reader's language may
  // still be meant in another form; one found in another language is that language's word.
  function recordWords(page, ui, labels) {
    var meta = page.meta || {};
    var own = [labels.own], other = [labels.other, meta.original, meta.other];
    var written = ((page.filters || {}).title_lang || [])[0] === ui;
    (written ? own : other).push(page.content, meta.title, meta.summary);
    var mine = wordsOf(own), theirs = wordsOf(other);
    return { all: mine.concat(theirs), other: theirs };
  }

  // The same word in another form: a common beginning of four letters or more, one ending
  // short and neither long ("policy" and "policies", "opettajille" and "opettajat"; but
  // "enseignants", teachers, is not "enseignement", teaching, which French stems alike).
  function sameWord(w, q) {
    var p = 0;
    while (p < w.length && p < q.length && w.charAt(p) === q.charAt(p)) p++;
    var a = w.length - p, b = q.length - p;
    return p >= 4 && Math.min(a, b) <= 2 && Math.max(a, b) <= 4;
  }

  // Did the exact search of a word find it in the reader's language, and in a form of it?
  // Pagefind matched it there with that language's stemmer, on that language's words: in
  // the labels of the UI language, or in the text, title or summary of a record written in
  // it. Matches elsewhere may be another language's word with the same stem ("policier"
  // for "policy"), so only the strict check (holds) lets those through.
  function ownForm(exact, page, ui, query, labels) {
    if (!exact) return false;
    var meta = page.meta || {};
    var written = ((page.filters || {}).title_lang || [])[0] === ui;
    var texts = [];
    if (matched(exact, ["labels"])) texts.push(labels.own);
    if (written && exact.words && exact.words.length) texts.push(page.content);
    if (written && matched(exact, ["title", "summary"])) texts.push(meta.title, meta.summary);
    var q = fold(query);
    return (fold(texts.join(" ")).match(WORD) || []).some(function (w) { return sameWord(w, q); });
  }

  // A search's results by id.
  function byId(found) {
    var map = {};
    ((found && found.results) || []).forEach(function (r) { map[r.id] = r; });
    return map;
  }

  // A result's page data, fetched once (the check and the card both need it).
  function loaded(result) {
    if (!result.loaded) result.loaded = result.data();
    return result.loaded;
  }

  function Search(api, root) {
    this.api = api;
    this.root = root;
    this.ui = document.documentElement.lang || "en";
    this.form = document.getElementById("search-form");
    this.input = document.getElementById("search-q");
    this.sort = document.getElementById("search-sort");
    this.status = document.getElementById("search-status");
    this.notice = document.getElementById("search-notice");
    this.suggestion = document.getElementById("search-suggest");
    this.panel = document.getElementById("search-facets");
    this.active = document.getElementById("search-active");
    this.lists = {
      main: this.list("search-results", "search-more"),
      similar: this.list("search-similar-results", "search-similar-more"),
    };
    this.similar = document.getElementById("search-similar");
    this.template = document.getElementById("search-result");
    this.plural = new Intl.PluralRules(this.ui);
    this.number = new Intl.NumberFormat(this.ui);
    this.facets = [];
    this.labels = {};
    this.boxes = {};
    this.generation = 0;
    this.countsLoaded = null;
    this.countsWanted = false;
    this.onScreen = null; // the results on screen and the state they answer
    this.readFacets();
  }

  Search.prototype.list = function (listId, moreId) {
    return { el: document.getElementById(listId), more: document.getElementById(moreId),
      results: [], shown: 0 };
  };

  // The facets, their options and their labels come from the page, rendered at build time.
  Search.prototype.readFacets = function () {
    var self = this;
    this.root.querySelectorAll("fieldset[data-facet]").forEach(function (fieldset) {
      var name = fieldset.getAttribute("data-facet");
      self.facets.push(name);
      self.labels[name] = {};
      self.boxes[name] = {};
      fieldset.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        self.boxes[name][box.value] = box;
        self.labels[name][box.value] = box.parentNode.querySelector(".facet-label").textContent;
      });
    });
  };

  Search.prototype.text = function (key) {
    return this.root.getAttribute("data-" + key) || "";
  };

  Search.prototype.readState = function (query) {
    var params = new URLSearchParams(query);
    var state = { q: (params.get("q") || "").trim(), filters: {}, sort: params.get("sort") || "" };
    if (SORTS.indexOf(state.sort) < 0) state.sort = "";
    var self = this;
    this.facets.forEach(function (name) {
      var values = params.getAll(name).filter(function (value, i, all) {
        return self.boxes[name].hasOwnProperty(value) && all.indexOf(value) === i;
      });
      if (values.length) state.filters[name] = values.sort();
    });
    return state;
  };

  Search.prototype.formState = function () {
    var state = { q: this.input.value.trim(), filters: {}, sort: this.sort.value };
    var self = this;
    this.facets.forEach(function (name) {
      var values = Object.keys(self.boxes[name]).filter(function (value) {
        return self.boxes[name][value].checked;
      });
      if (values.length) state.filters[name] = values.sort();
    });
    return state;
  };

  Search.prototype.showState = function (state) {
    this.input.value = state.q;
    this.sort.value = state.sort;
    var self = this;
    this.facets.forEach(function (name) {
      var chosen = state.filters[name] || [];
      Object.keys(self.boxes[name]).forEach(function (value) {
        self.boxes[name][value].checked = chosen.indexOf(value) >= 0;
      });
    });
    this.showActive();
  };

  // The number of ticked filters, beside the (on narrow screens folded) panel's title.
  Search.prototype.showActive = function () {
    var n = this.root.querySelectorAll("fieldset[data-facet] input:checked").length;
    this.active.textContent = n ? this.number.format(n) : "";
    this.active.hidden = !n;
  };

  Search.prototype.address = function (state) {
    var params = new URLSearchParams();
    if (state.q) params.append("q", state.q);
    this.facets.forEach(function (name) {
      (state.filters[name] || []).forEach(function (value) { params.append(name, value); });
    });
    if (state.sort) params.append("sort", state.sort);
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "");
  };

  // Pagefind filters: OR within a facet, AND across facets; `except` leaves one facet out.
  function pagefindFilters(filters, except) {
    var out = {};
    Object.keys(filters).forEach(function (name) {
      if (name !== except && filters[name].length) out[name] = { any: filters[name].slice() };
    });
    return out;
  }

  // --- finding ----------------------------------------------------------------------------

  Search.prototype.options = function (state) {
    return { filters: pagefindFilters(state.filters) };
  };

  // Browsing searches for a word every record holds: search(null) would load the whole index.
  Search.prototype.browse = function (state) {
    var term = this.text("browse-term");
    return this.api.search(term, this.options(state)).then(function (found) {
      return { main: found.results, similar: [], countQuery: term, missing: [] };
    });
  };

  // --- sorting ----------------------------------------------------------------------------

  // The sort orders are a file of their own, not in the pf_meta every search loads
  // (site/sortorder.py). It is named after its content in pagefind-entry.json, fetched past
  // the cache as Pagefind does, so the orders belong to the index searched. Loaded once,
  // beside the search, from where Pagefind's files are (offline: the loader's prefix).
  Search.prototype.ranks = function () {
    return this.indexFileOnce("sort", rankings);
  };

  // The labels of the terms, which the results' page data leaves out (site/searchlabels.py):
  // each table loaded once, the first time the check of a page of results needs it.
  Search.prototype.labelTable = function (key) {
    return this.indexFileOnce(key, function (table) { return table; });
  };

  // `indexFile(key)` read by `then`, loaded once; a failed load is tried again next time.
  Search.prototype.indexFileOnce = function (key, then) {
    var files = this.files || (this.files = {});
    if (!files[key]) {
      files[key] = this.indexFile(key).then(then).catch(function (error) {
        files[key] = null;
        throw error;
      });
    }
    return files[key];
  };

  // The tables the check of `head` needs: `labels` when a result was matched by its labels
  // (in either field: the other languages' labels are those not among the reader's),
  // `labels_other` when by the other languages' labels.
  Search.prototype.labelTables = function (head, words, exact) {
    var by = function (fields) {
      return head.some(function (r) {
        return [r].concat(words.map(function (w) { return (exact[w] || {})[r.id]; }))
          .some(function (one) { return matched(one, fields); });
      });
    };
    var other = by(["labels_other"]), own = other || by(["labels"]);
    var self = this, load = function (key, wanted) {
      return wanted ? self.labelTable(key) : Promise.resolve(null);
    };
    return Promise.all([load("labels", own), load("labels_other", other)]).then(function (both) {
      return { labels: both[0], labels_other: both[1] };
    });
  };

  // A file of ours beside Pagefind's, named in the language's entry in pagefind-entry.json
  // (`key`). The entry is fetched past the cache, once: the files belong to the index searched.
  Search.prototype.indexFile = function (key) {
    var base = this.api.basePath ||
      new URL(".", new URL(this.root.getAttribute("data-pagefind"), location.href)).href;
    var ui = this.ui, self = this;
    if (!this.entryLoaded) {
      this.entryLoaded = json(base + "pagefind-entry.json?ts=" + Date.now())
        .catch(function (error) { self.entryLoaded = null; throw error; });
    }
    return this.entryLoaded.then(function (entry) {
      return json(base + entry.languages[ui][key]);
    });
  };

  function json(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  }

  // Per sort, each page id's place: `ids` are by title; another sort lists places in `ids`.
  function rankings(file) {
    var ranks = {};
    SORTS.forEach(function (name) {
      var rank = ranks[name] = {};
      (file[name] || file.ids.map(function (id, i) { return i; })).forEach(function (at, place) {
        rank[file.ids[at]] = place;
      });
    });
    return ranks;
  }

  // Results (each an id until its data is asked for) by `rank`; unknown ids last.
  function inOrder(results, rank) {
    var place = function (r) { return rank.hasOwnProperty(r.id) ? rank[r.id] : Infinity; };
    return results.slice().sort(function (a, b) { return place(a) - place(b) || 0; });
  }

  // A chosen sort, or browsing (by title): Pagefind's results in that order, split as before.
  Search.prototype.find = function (state) {
    var sort = state.sort || (state.q ? "" : "title");
    var ranks = sort && this.ranks(); // loads while Pagefind searches
    var found = state.q ? this.match(state) : this.browse(state);
    return !sort ? found : Promise.all([found, ranks]).then(function (both) {
      var rank = both[1][sort];
      return Object.assign({}, both[0],
        { main: inOrder(both[0].main, rank), similar: inOrder(both[0].similar, rank) });
    });
  };

  // The marker word every record holds is nobody's query: it would match every practice.
  Search.prototype.words = function (text) {
    var marker = this.text("browse-term");
    return queryWords(text).filter(function (w) { return w !== marker; });
  };

  Search.prototype.match = function (state) {
    var self = this, api = this.api, words = this.words(state.q);
    if (!words.length) return Promise.resolve({ main: [], similar: [], missing: [], countQuery: null });
    var filters = { filters: pagefindFilters(state.filters) };
    var exact = words.map(function (w) { return api.search('"' + w + '"', filters); });
    // Searched at once beside the exact searches: usually every word is in the index, and
    // this is the search that then counts. Only a missing word makes a second one needed.
    var all = api.search(words.join(" "), self.options(state));
    return Promise.all(exact).then(function (found) {
      var known = words.filter(function (w, i) { return found[i] && found[i].results.length; });
      var missing = words.filter(function (w) { return known.indexOf(w) < 0; });
      var main = known.length && missing.length ?
        api.search(known.join(" "), self.options(state)) : all;
      return main.then(function (results) {
        return self.split(results, found, words, known, missing, state);
      });
    });
  };

  // Exact matches of every known word first (by zone); the rest matched only as prefixes.
  Search.prototype.split = function (main, exact, words, known, missing, state) {
    var results = (main && main.results) || [];
    if (!known.length) { // Pagefind's results stand in for words it does not have
      return { main: [], similar: results, countQuery: null, missing: missing, standIns: true };
    }
    var keep = null, exactOf = {};
    words.forEach(function (w, i) {
      if (known.indexOf(w) < 0) return;
      var these = exactOf[w] = byId(exact[i]);
      keep = keep ? Object.keys(keep).reduce(function (acc, id) {
        if (these[id]) acc[id] = true;
        return acc;
      }, {}) : these;
    });
    var primary = results.filter(function (r) { return keep[r.id]; });
    var similar = results.filter(function (r) { return !keep[r.id]; });
    var single = known.length === 1 && words.length === 1;
    return {
      main: state.sort ? primary : byZone(primary), similar: similar, missing: missing,
      countQuery: single ? '"' + known[0] + '"' : known.join(" "), exact: exactOf,
    };
  };

  // --- facet counts, loaded only when the reader reaches for the filters --------------------

  // Facet F's counts come from a search with every selected filter except F's, so they say
  // what ticking a value would add (OR within a facet, AND across facets).
  Search.prototype.counts = function (found, state) {
    if (!this.countsLoaded) return Promise.resolve(null);
    if (!found.countQuery) return Promise.resolve(this.zeros());
    var api = this.api, query = found.countQuery, selected = Object.keys(state.filters);
    // Searched again now the filter indexes are loaded: the first search had no counts.
    var searches = [null].concat(selected).map(function (name) {
      return api.search(query, { filters: pagefindFilters(state.filters, name) });
    });
    var facets = this.facets;
    return Promise.all(searches).then(function (found) {
      var counts = {};
      facets.forEach(function (name) {
        var source = found[selected.indexOf(name) + 1];
        counts[name] = (source && source.filters && source.filters[name]) || {};
      });
      return counts;
    });
  };

  Search.prototype.zeros = function () {
    var counts = {};
    this.facets.forEach(function (name) { counts[name] = {}; });
    return counts;
  };

  Search.prototype.wantCounts = function () {
    if (this.countsWanted) return;
    this.countsWanted = true;
    var now = this.onScreen;
    if (now) this.refreshCounts(now.found, now.state, this.generation);
  };

  Search.prototype.loadCounts = function () {
    if (!this.countsLoaded) this.countsLoaded = Promise.resolve(this.api.filters());
    return this.countsLoaded;
  };

  Search.prototype.showCounts = function (counts) {
    if (!counts) return; // not loaded yet: the page keeps the whole catalogue's counts
    var self = this;
    this.facets.forEach(function (name) {
      Object.keys(self.boxes[name]).forEach(function (value) {
        var n = counts[name][value] || 0;
        var box = self.boxes[name][value];
        box.parentNode.querySelector(".count").textContent = self.number.format(n);
        box.parentNode.classList.toggle("is-empty", n === 0 && !box.checked);
      });
    });
  };

  // --- showing ----------------------------------------------------------------------------

  Search.prototype.run = function (state) {
    var generation = ++this.generation;
    var self = this;
    this.lists.main.el.setAttribute("aria-busy", "true");
    return this.find(state).then(function (found) {
      if (generation !== self.generation) return null; // a newer search has started
      return self.show(found, state).then(function () {
        if (generation !== self.generation) return null;
        return self.refreshCounts(found, state, generation);
      });
    }).catch(function (error) { self.failed(error); });
  };

  // The panel says it is busy until its counts match the results (tests wait for that too).
  // A query's counts need the filter indexes, which grow with the catalogue (212 kB at
  // 10,000 practices): they load once the reader reaches for the filters (pointer or focus
  // in the panel, the panel opened, a filter ticked). Until then a query's counts are
  // hidden rather than the page's counts of the whole catalogue shown for it.
  Search.prototype.refreshCounts = function (found, state, generation) {
    var self = this;
    this.onScreen = { found: found, state: state };
    if (!this.panel.open) return null;
    var whole = !state.q && !Object.keys(state.filters).length; // the page's counts hold
    if (Object.keys(state.filters).length) this.countsWanted = true;
    if (!this.countsLoaded && (whole || !this.countsWanted)) {
      this.panel.classList.toggle("counts-pending", !whole);
      return null;
    }
    this.panel.setAttribute("aria-busy", "true");
    return this.loadCounts().then(function () { return self.counts(found, state); })
      .then(function (counts) {
        if (generation !== self.generation) return;
        self.showCounts(counts);
        self.panel.classList.remove("counts-pending");
        self.panel.removeAttribute("aria-busy");
      });
  };

  // The first page of results is loaded anyway: check it, and move what does not hold
  // the query's words to the list of practices with words that begin the same way.
  Search.prototype.verify = function (found, state) {
    var words = this.words(state.q).filter(function (w) { // what the results were found by
      return found.missing.indexOf(w) < 0;
    });
    var head = found.main.slice(0, PER_PAGE);
    if (!words.length || !head.length) return Promise.resolve(found);
    var self = this, ui = this.ui, exact = found.exact || {};
    return Promise.all(head.map(function (r) { return loaded(r); })).then(function (pages) {
      // The label tables can only add words to a record's, so when every result holds every
      // query word as written without them, as for most words of the texts, all pass, and
      // the tables are not loaded (1.2 and 4.9 kB: docs/search.md, "Smaller downloads").
      if (pages.every(function (page) { return holdsAll(page, ui, words); })) return found;
      return self.labelTables(head, words, exact).then(function (tables) {
        return checked(found, { head: head, pages: pages, words: words, exact: exact, ui: ui },
          tables);
      });
    });
  };

  function holdsAll(page, ui, words) {
    var bare = recordWords(page, ui, labelsOf(page, {}));
    return words.every(function (w) { return holds(bare.all, w); });
  }

  // The check of the first page (`verify`), with the label tables it needed.
  function checked(found, first, tables) {
    var head = first.head, pages = first.pages, words = first.words, exact = first.exact;
    var labels = pages.map(function (page) { return labelsOf(page, tables); });
    var own = pages.map(function (page, i) { return recordWords(page, first.ui, labels[i]); });
    // A word some result holds as written in another language is meant as written
    // ("politie" is Dutch, not a form of the French "politique"); a word held only in the
    // reader's language may be another form ("kouluille" and "koulun", both Finnish).
    var written = words.filter(function (w) {
      return own.some(function (mine) { return holds(mine.other, w); });
    });
    var bad = head.filter(function (r, i) {
      return !words.every(function (w) {
        var hit = (exact[w] || {})[r.id];
        return holds(own[i].all, w) ||
          (written.indexOf(w) < 0 && ownForm(hit, pages[i], first.ui, w, labels[i]));
      });
    });
    if (!bad.length) return found;
    return Object.assign({}, found, {
      main: found.main.filter(function (r) { return bad.indexOf(r) < 0; }),
      similar: bad.concat(found.similar),
    });
  }

  Search.prototype.show = function (found, state) {
    var self = this;
    return this.verify(found, state).then(function (checked) {
      found = checked;
      return self.suggest(found, state);
    }).then(function (hints) {
      // When no query word is in the index, Pagefind's matches are prefixes only if the
      // catalogue has words that begin with the query's; otherwise they are its stand-in for an
      // unknown word. A word it has exactly always shows what it matched, if only as similar.
      var similar = !found.standIns || hints.prefixes ? found.similar : [];
      self.fill(self.lists.main, found.main);
      self.fill(self.lists.similar, similar);
      self.similar.hidden = !similar.length;
      self.showNotice(found.missing, state);
      self.showSuggestions(hints.words);
      return Promise.all([self.showMore(self.lists.main, false),
        self.showMore(self.lists.similar, false)]);
    }).then(function () {
      self.lists.main.el.removeAttribute("aria-busy");
      self.announce(found.main.length, self.lists.similar.results.length);
    });
  };

  Search.prototype.fill = function (list, results) {
    list.results = results;
    list.shown = 0;
    list.el.textContent = "";
  };

  // The "did you mean" script (search-suggest.js), loaded with the first query that needs it:
  // most never do. A script tag, so that it loads from file:// too; null if it cannot load.
  Search.prototype.suggester = function () {
    if (window.PraxisbookSuggest) return Promise.resolve(window.PraxisbookSuggest);
    var src = this.root.getAttribute("data-suggest-script");
    if (!this.suggesting && src) {
      this.suggesting = new Promise(function (resolve) {
        var tag = document.createElement("script");
        tag.src = src;
        tag.onload = function () { resolve(window.PraxisbookSuggest || null); };
        tag.onerror = function () { resolve(null); };
        document.head.appendChild(tag);
      });
    }
    return this.suggesting || Promise.resolve(null);
  };

  // Suggestions only when a word is missing or the results are few: they cost a download.
  Search.prototype.suggest = function (found, state) {
    var base = this.root.getAttribute("data-suggest");
    var words = this.words(state.q), none = { words: [], prefixes: false };
    if (!words.length || !base || (!found.missing.length && found.main.length >= FEW)) {
      return Promise.resolve(none);
    }
    var ui = this.ui;
    return this.suggester().then(function (suggester) {
      if (!suggester) return none;
      return Promise.all(words.map(function (w) {
        return suggester.suggest(base, ui, w, found.missing.indexOf(w) < 0);
      })).then(offer);
    });

    function offer(all) {
      var offered = [], prefixes = false;
      all.forEach(function (s, i) {
        // A missing word: what begins with it, its other forms or parts, or what is a typo
        // away. A word that is there but finds little: only more common words a typo away
        // ("racsim" → "racism").
        var missing = found.missing.indexOf(words[i]) >= 0;
        prefixes = prefixes || (missing && s.completions.length > 0);
        (missing ? s.completions.concat(s.forms, s.corrections) : s.corrections).forEach(function (w) {
          if (offered.indexOf(w) < 0 && words.indexOf(w) < 0) offered.push(w);
        });
      });
      return { words: offered.slice(0, 5), prefixes: prefixes };
    }
  };

  Search.prototype.showNotice = function (missing, state) {
    var text = this.text("missing");
    this.notice.textContent = missing.map(function (w) {
      return text.replace("%(word)s", w);
    }).join(" ");
    this.notice.hidden = !missing.length || !state.q;
  };

  Search.prototype.showSuggestions = function (words) {
    var self = this;
    var links = this.suggestion.querySelector(".suggestions");
    links.textContent = "";
    words.forEach(function (word, i) {
      var link = document.createElement("a");
      link.href = "?q=" + encodeURIComponent(word);
      link.textContent = word;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        self.input.value = word;
        self.commit();
      });
      if (i) links.appendChild(document.createTextNode(", "));
      links.appendChild(link);
    });
    this.suggestion.hidden = !words.length;
  };

  Search.prototype.announce = function (n, similar) {
    var message = n === 0 ? this.text("none")
      : this.text(this.plural.select(n) === "one" ? "found-one" : "found-other");
    message = message.replace("%(n)s", this.number.format(n));
    if (similar) {
      message += " " + this.text("similar-count").replace("%(n)s", this.number.format(similar));
    }
    this.status.textContent = message;
  };

  Search.prototype.showMore = function (list, moveFocus) {
    var self = this;
    var batch = list.results.slice(list.shown, list.shown + PER_PAGE);
    list.shown += batch.length;
    return Promise.all(batch.map(loaded)).then(function (pages) {
      var first = null;
      pages.forEach(function (page) {
        var item = self.card(page);
        list.el.appendChild(item);
        first = first || item.querySelector("a");
      });
      list.more.hidden = list.shown >= list.results.length;
      if (moveFocus && first) first.focus();
    });
  };

  Search.prototype.names = function (facet, ids) {
    var labels = this.labels[facet] || {};
    return (ids || []).map(function (id) { return labels[id] || id; }).join(", ");
  };

  Search.prototype.card = function (page) {
    var item = this.template.content.firstElementChild.cloneNode(true);
    var filters = page.filters || {};
    var lang = (filters.title_lang || [])[0] || this.ui;
    var title = item.querySelector(".card-title");
    var link = title.querySelector("a");
    var summary = item.querySelector(".card-summary");
    link.href = page.url;
    link.textContent = (page.meta && page.meta.title) || page.url;
    summary.textContent = (page.meta && page.meta.summary) || "";
    if (lang !== this.ui) {
      title.lang = lang;
      summary.lang = lang;
    }
    item.querySelector("[data-field=country]").textContent = this.names("country", filters.country);
    item.querySelector("[data-field=theme]").textContent = this.names("theme", filters.theme);
    var language = item.querySelector("[data-field=language]");
    language.textContent = this.names("language", [lang]);
    if ((filters.language || []).indexOf(this.ui) < 0) {
      var badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = this.text("not-in-ui");
      language.appendChild(document.createTextNode(" "));
      language.appendChild(badge);
    }
    return item;
  };

  Search.prototype.failed = function (error) {
    fail(this.root, error);
  };

  // A user's change: a new history entry, then the search.
  Search.prototype.commit = function () {
    var state = this.formState();
    var address = this.address(state);
    if (address !== location.pathname + location.search) history.pushState(null, "", address);
    this.showActive();
    return this.run(state);
  };

  Search.prototype.listen = function () {
    var self = this;
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.commit();
    });
    this.root.addEventListener("change", function (event) {
      if (event.target.matches("input[type=checkbox], select")) self.commit();
    });
    this.panel.addEventListener("toggle", function () {
      if (self.panel.open) self.run(self.readState(location.search));
    });
    var want = function () { self.wantCounts(); };
    ["pointerenter", "focusin"].forEach(function (type) {
      self.panel.addEventListener(type, want);
    });
    this.panel.querySelector("summary").addEventListener("click", want);
    document.getElementById("search-clear").addEventListener("click", function () {
      self.root.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        box.checked = false;
      });
      self.commit();
    });
    this.lists.main.more.addEventListener("click", function () {
      self.showMore(self.lists.main, true);
    });
    this.lists.similar.more.addEventListener("click", function () {
      self.showMore(self.lists.similar, true);
    });
    window.addEventListener("popstate", function () {
      var state = self.readState(location.search);
      self.showState(state);
      self.run(state);
    });
  };

  function start(api, root) {
    root = root || document.getElementById("search-app");
    var search = new Search(api, root);
    root.hidden = false;
    document.getElementById("search-fallback").hidden = true;
    if (window.matchMedia && window.matchMedia("(max-width: 59.99rem)").matches) {
      search.panel.open = false; // results first on small screens
    }
    var options = api.options ? api.options({
      baseUrl: root.getAttribute("data-base-url") || "/",
      ranking: { metaWeights: JSON.parse(root.getAttribute("data-meta-weights") || "{}") },
      // Pagefind 1.5 searches in a Web Worker by default, which costs a second script
      // (12 kB gzipped) on every first search; one UI language's index is searched in
      // milliseconds on the page itself (docs/performance.md, "First search").
      noWorker: true,
    }) : null;
    return Promise.resolve(options).then(function () {
      var state = search.readState(location.search);
      search.showState(state);
      search.listen();
      return search.run(state);
    }).catch(function (error) { search.failed(error); });
  }

  // Without a working index the page falls back to the topic pages, as without JavaScript.
  function fail(root, error) {
    (root || document.getElementById("search-app")).hidden = true;
    document.getElementById("search-fallback").hidden = false;
    document.getElementById("search-failed").hidden = false;
    if (window.console) window.console.error(error);
  }

  window.PraxisbookSearch = { start: start, fail: fail, words: queryWords, zone: zone };
})();
