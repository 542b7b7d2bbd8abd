// Suggest (never force) the interface language the browser prefers.
(function () {
  "use strict";
  var links = document.querySelectorAll("a[data-lang]");
  var preferred = navigator.languages || [navigator.language || ""];
  for (var i = 0; i < preferred.length; i++) {
    var code = String(preferred[i]).slice(0, 2).toLowerCase();
    for (var j = 0; j < links.length; j++) {
      if (links[j].getAttribute("data-lang") === code) {
        var box = document.getElementById("suggestion");
        var link = document.createElement("a");
        link.href = links[j].getAttribute("href");
        link.lang = code;
        link.textContent = links[j].getAttribute("data-continue");
        box.appendChild(link);
        box.hidden = false;
        links[j].parentNode.classList.add("suggested");
        return;
      }
    }
  }
})();
