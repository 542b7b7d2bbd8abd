// Search for the offline bundle, opened from disk (file://) with no server.
//
// Browsers refuse fetch() and module scripts on file:// pages, which is how
// Pagefind loads itself and its index. So the bundle ships every Pagefind file
// as a classic script that registers its bytes (base64) here; the fragments
// (a result's title, address and filters) as text, about eight to a script,
// so that a zip compresses them together (products/offline.py). fetch() calls
// for the index are answered from those scripts, each injected only when
// Pagefind first asks for a file it holds, so a query loads just what it needs.
// Pagefind itself is imported from a Blob URL and runs without a worker
// (a worker would have its own fetch, which this shim cannot answer).
// search.js fetches the sort orders (pagefind/sort/) through the same shim.
(function () {
  "use strict";
  var PREFIX = "/praxisbook-offline-index/";
  // Pagefind prefixes result URLs with "/" whatever baseUrl says; offlineUrl() makes them relative.
  var FORCED = { basePath: PREFIX, noWorker: true, baseUrl: "/" };
  var root = document.currentScript.getAttribute("data-root"); // the bundle's root, from this page
  var chunks = root + "pagefind/";
  var FRAGMENTS = "fragment/";
  var GROUP_DIGITS = 2; // as offline.py's fragment_group
  var files = {}; // name: base64 string, or {text: …} for a fragment
  var waiting = {}; // name: promises to settle when its script has run
  var injected = {}; // script: "loading" while its tag loads, then "ran"

  function put(name, data) {
    files[name] = data;
    (waiting[name] || []).forEach(function (w) { w.resolve(data); });
    delete waiting[name];
  }

  function putText(name, text) { put(name, { text: text }); }

  function scriptOf(name) {
    if (name.indexOf(FRAGMENTS) !== 0) return name;
    var cut = name.indexOf("_", FRAGMENTS.length);
    return name.slice(0, cut + 1 + GROUP_DIGITS);
  }

  function missing(name) {
    return new Error("Offline search: missing index file " + name);
  }

  // Once a script has run (or failed to load), what it should have held and did not is
  // missing. A script that failed may be asked for again; one that ran is not.
  function settle(script, ran) {
    if (ran) injected[script] = "ran"; else delete injected[script];
    Object.keys(waiting).forEach(function (name) {
      if (scriptOf(name) !== script) return;
      waiting[name].forEach(function (w) { w.reject(missing(name)); });
      delete waiting[name];
    });
  }

  function inject(script) {
    injected[script] = "loading";
    var tag = document.createElement("script");
    tag.src = chunks + script + ".js";
    tag.onload = function () { settle(script, true); };
    tag.onerror = function () { settle(script, false); };
    document.head.appendChild(tag);
  }

  function load(name) {
    if (files[name] !== undefined) return Promise.resolve(files[name]);
    var script = scriptOf(name);
    if (injected[script] === "ran") return Promise.reject(missing(name));
    return new Promise(function (resolve, reject) {
      (waiting[name] = waiting[name] || []).push({ resolve: resolve, reject: reject });
      if (!injected[script]) inject(script);
    });
  }

  function bytes(data) {
    if (typeof data === "object") return new TextEncoder().encode(data.text);
    var text = atob(data);
    var out = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }

  var nativeFetch = window.fetch;
  window.fetch = function (input) {
    var url = typeof input === "string" ? input : String((input && input.url) || input);
    if (url.indexOf(PREFIX) !== 0) return nativeFetch.apply(window, arguments);
    var name = url.slice(PREFIX.length).split("?")[0];
    return load(name).then(function (data) { return new Response(bytes(data)); });
  };

  // Pagefind gives site-absolute directory URLs ("/de/practices/x/"); from disk
  // they must be relative to this page and name the file ("../../de/…/index.html").
  function offlineUrl(url) {
    var parts = url.split("#");
    var path = parts[0].replace(/^\/+/, "");
    if (path === "" || path.slice(-1) === "/") path += "index.html";
    return root + path + (parts.length > 1 ? "#" + parts[1] : "");
  }

  function fixData(data) {
    data.url = offlineUrl(data.url);
    (data.sub_results || []).forEach(function (sub) { sub.url = offlineUrl(sub.url); });
    return data;
  }

  function fixResults(found) {
    (found && found.results ? found.results : []).forEach(function (result) {
      var data = result.data;
      result.data = function () { return data.call(result).then(fixData); };
    });
    return found;
  }

  function wrap(module) {
    var api = Object.assign({}, module);
    // Where search.js fetches the index's files of its own (the sort orders): through the shim.
    api.basePath = PREFIX;
    // The search UI may set its own options; ours must survive them.
    api.options = function (options) {
      return module.options(Object.assign({}, options, FORCED));
    };
    api.search = function () { return module.search.apply(null, arguments).then(fixResults); };
    api.debouncedSearch = function () {
      return module.debouncedSearch.apply(null, arguments).then(fixResults);
    };
    return module.options(FORCED).then(function () { return api; });
  }

  function pagefind() {
    return load("pagefind.js").then(function (data) {
      var blob = new Blob([bytes(data)], { type: "text/javascript" });
      return import(URL.createObjectURL(blob));
    }).then(wrap);
  }

  window.PraxisbookOffline = { put: put, putText: putText, pagefind: pagefind };

  // As search-online.js does online: hand the API to the search page's UI (search.js).
  var app = document.getElementById("search-app");
  if (app && window.PraxisbookSearch) {
    pagefind().then(
      function (api) { window.PraxisbookSearch.start(api, app); },
      function (error) { window.PraxisbookSearch.fail(app, error); }
    );
  }
})();
