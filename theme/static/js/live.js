// The live preview's script (`praxisbook serve`, plugins/praxisbook/preview.py). The
// preview server adds it to every page it serves; it is never part of a built site.
// Once a second it asks the server what has changed: after a rebuild it reloads
// the page; while validation problems stop the rebuild it shows them over the
// page; while the search index is refreshed it says so.
(function () {
  "use strict";
  var STATE = "/__praxisbook__/state";
  var seen = null;
  var box = null;

  function panel() {
    if (box) return box;
    box = document.createElement("div");
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;" +
      "margin:0;padding:1rem;background:#fff8e1;color:#1a1a1a;border-top:4px solid #b00020;" +
      "font:0.95rem/1.4 monospace;white-space:pre-wrap;z-index:1000;";
    document.body.appendChild(box);
    return box;
  }

  function show(state) {
    if (state.problems.length) {
      panel().textContent = "Praxisbook preview: the last change was not built.\n\n" +
        state.problems.join("\n");
    } else if (state.indexing) {
      panel().textContent = "Praxisbook preview: the search index is being updated; " +
        "search results may be a moment behind.";
    } else if (box) {
      box.remove();
      box = null;
    }
  }

  function poll() {
    fetch(STATE, { cache: "no-store" }).then(function (response) {
      return response.json();
    }).then(function (state) {
      if (seen !== null && state.version !== seen && !state.problems.length) {
        location.reload();
        return;
      }
      seen = state.version;
      show(state);
    }).catch(function () { /* the server is restarting: ask again */ })
      .then(function () { setTimeout(poll, 1000); });
  }

  poll();
})();
