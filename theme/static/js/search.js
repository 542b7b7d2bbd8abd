// Praxisbook search: a small UI on Pagefind's JS API (docs/search.md).
//
// This file never loads Pagefind itself. A loader calls
//   window.PraxisbookSearch.start(api, root)
// with an object that has Pagefind's `options`, `filters` and `search`
// functions: search-online.js imports /pagefind/pagefind.js; an offline bundle
// can pass its own. The page's state (query, filters, sort) lives in the URL.
//
// Facet counts are disjunctive: the counts of facet F come from a search with
// every selected filter except F's, so they say what ticking a value would add
// (OR within a facet, AND across facets).
(function () {
  "use strict";

  var PER_PAGE = 20;
  var SORTS = { newest: { newest: "asc" }, title: { title: "asc" } };

  function Search(api, root) {
    this.api = api;
    this.root = root;
    this.ui = document.documentElement.lang || "en";
    this.form = document.getElementById("search-form");
    this.input = document.getElementById("search-q");
    this.sort = document.getElementById("search-sort");
    this.status = document.getElementById("search-status");
    this.list = document.getElementById("search-results");
    this.more = document.getElementById("search-more");
    this.template = document.getElementById("search-result");
    this.plural = new Intl.PluralRules(this.ui);
    this.number = new Intl.NumberFormat(this.ui);
    this.facets = [];
    this.labels = {};
    this.boxes = {};
    this.results = [];
    this.shown = 0;
    this.generation = 0;
    this.readFacets();
  }

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
    if (!SORTS.hasOwnProperty(state.sort)) state.sort = "";
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

  Search.prototype.find = function (state) {
    var api = this.api;
    // Browsing searches for a word every record holds: search(null) would load the whole index.
    var query = state.q || this.text("browse-term") || null;
    var options = { filters: pagefindFilters(state.filters) };
    var sort = SORTS[state.sort] || (state.q ? null : SORTS.title);
    if (sort) options.sort = sort;
    var selected = Object.keys(state.filters);
    var searches = [api.search(query, options)].concat(selected.map(function (name) {
      return api.search(query, { filters: pagefindFilters(state.filters, name) });
    }));
    var facets = this.facets;
    return Promise.all(searches).then(function (found) {
      var main = found[0] || { results: [], filters: {} };
      var counts = {};
      facets.forEach(function (name) {
        var i = selected.indexOf(name);
        var source = i >= 0 ? found[i + 1] : main;
        counts[name] = (source && source.filters && source.filters[name]) || {};
      });
      return { results: main.results, counts: counts };
    });
  };

  Search.prototype.run = function (state) {
    var generation = ++this.generation;
    var self = this;
    this.list.setAttribute("aria-busy", "true");
    return this.find(state).then(function (found) {
      if (generation !== self.generation) return null; // a newer search has started
      self.showCounts(found.counts);
      self.results = found.results;
      self.shown = 0;
      self.list.textContent = "";
      return self.showMore(false).then(function () {
        self.list.removeAttribute("aria-busy");
        self.announce(found.results.length);
      });
    }).catch(function (error) { self.failed(error); });
  };

  Search.prototype.announce = function (n) {
    var message = n === 0 ? this.text("none")
      : this.text(this.plural.select(n) === "one" ? "found-one" : "found-other");
    this.status.textContent = message.replace("%(n)s", this.number.format(n));
  };

  Search.prototype.showCounts = function (counts) {
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

  Search.prototype.showMore = function (moveFocus) {
    var self = this;
    var batch = this.results.slice(this.shown, this.shown + PER_PAGE);
    this.shown += batch.length;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
      var first = null;
      pages.forEach(function (page) {
        var item = self.card(page);
        self.list.appendChild(item);
        first = first || item.querySelector("a");
      });
      self.more.hidden = self.shown >= self.results.length;
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
    document.getElementById("search-clear").addEventListener("click", function () {
      self.root.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        box.checked = false;
      });
      self.commit();
    });
    this.more.addEventListener("click", function () {
      self.showMore(true);
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
      document.getElementById("search-facets").open = false; // results first on small screens
    }
    var options = api.options ? api.options({ baseUrl: root.getAttribute("data-base-url") || "/" })
      : null;
    return Promise.resolve(options).then(function () {
      return api.filters(); // loads the filter indexes, so that searches return counts
    }).then(function () {
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

  window.PraxisbookSearch = { start: start, fail: fail };
})();
