// Search for the offline bundle, opened from disk (file://) with no server.
//
// Browsers refuse fetch() and module scripts on file:// pages, which is how
// Pagefind loads itself and its index. So the bundle ships every Pagefind file
// as a classic script that registers its bytes (base64) here. fetch() calls
// for the index are answered from those scripts, each injected only when
// Pagefind first asks for it, so a query loads just the chunks it needs.
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
  var files = {};
  var waiting = {};

  function put(name, base64) {
    files[name] = base64;
    (waiting[name] || []).forEach(function (w) { w.resolve(base64); });
    delete waiting[name];
  }

  function fail(name) {
    (waiting[name] || []).forEach(function (w) {
      w.reject(new Error("Offline search: missing index file " + name));
    });
    delete waiting[name];
  }

  function inject(name) {
    var tag = document.createElement("script");
    tag.src = chunks + name + ".js";
    tag.onerror = function () { fail(name); };
    document.head.appendChild(tag);
  }

  function load(name) {
    if (files[name] !== undefined) return Promise.resolve(files[name]);
    return new Promise(function (resolve, reject) {
      if (!waiting[name]) {
        waiting[name] = [];
        inject(name);
      }
      waiting[name].push({ resolve: resolve, reject: reject });
    });
  }

  function bytes(base64) {
    var text = atob(base64);
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

  window.PraxisbookOffline = { put: put, pagefind: pagefind };

  // As search-online.js does online: hand the API to the search page's UI (search.js).
  var app = document.getElementById("search-app");
  if (app && window.PraxisbookSearch) {
    pagefind().then(
      function (api) { window.PraxisbookSearch.start(api, app); },
      function (error) { window.PraxisbookSearch.fail(app, error); }
    );
  }
})();
