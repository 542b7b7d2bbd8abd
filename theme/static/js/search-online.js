// Online loader for the search page: imports Pagefind's JS API from the site
// and hands it to search.js. (Module scripts cannot load from file://, so an
// offline bundle uses its own loader and calls PraxisbookSearch.start itself.)
(function () {
  "use strict";
  var root = document.getElementById("search-app");
  if (!root || !window.PraxisbookSearch) return;
  import(root.getAttribute("data-pagefind")).then(
    function (api) { window.PraxisbookSearch.start(api, root); },
    function (error) { window.PraxisbookSearch.fail(root, error); }
  );
})();
