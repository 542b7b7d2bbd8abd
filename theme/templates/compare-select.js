// "Compare" buttons on cards, search results and practice pages; the chosen practices.
//
// Every listing row, search result card and practice page gets a toggle button
// (aria-pressed) that adds the practice to the comparison or takes it out. A row's or
// card's practice is read from its title's link (site/urls.py: …/practices/<slug>/), a
// practice page's from the language menu's link to the page itself, so the HTML carries
// nothing for this, however many hold a practice. The choice is kept in sessionStorage
// while the reader browses; the comparison page holds it in its address (?p=a,b), so no
// link on the site is rewritten. A short bar at the top of the page says how many are
// chosen and links to the comparison.
//
// The words and the comparison page's address come first in the same script: each UI
// language's compare/select.js is its words and then this code, minified
// (compare-select.html beside this file). Firefox gives each folder of a copy opened
// from disk its own sessionStorage: there the choice holds within one page (a listing or
// search results), and the comparison page can add more (docs/compare.md).
(function () {
  "use strict";
  var KEY = "praxisbook-compare";
  var MOST = 4;
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var words = window.PraxisbookCompareWords || {};

  function valid(slug) {
    return typeof slug === "string" && SLUG.test(slug);
  }

  // Valid, once each, at most four, in the order given.
  function clean(slugs) {
    return slugs.filter(function (slug, i) {
      return valid(slug) && slugs.indexOf(slug) === i;
    }).slice(0, MOST);
  }

  function read() {
    try {
      var stored = JSON.parse(window.sessionStorage.getItem(KEY) || "[]");
      return Array.isArray(stored) ? clean(stored) : [];
    } catch (error) {
      return []; // storage refused (privacy settings) or garbled: start afresh
    }
  }

  function write(slugs) {
    try {
      window.sessionStorage.setItem(KEY, JSON.stringify(clean(slugs)));
    } catch (error) { /* the choice then lives only in this page and the address */ }
  }

  function address(slugs) {
    return words.page + (slugs.length ? "?p=" + slugs.join(",") : "");
  }

  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (all, name) {
      return values[name] === undefined ? all : String(values[name]);
    });
  }

  // ---- the bar at the top of the page

  function Bar(main) {
    this.el = document.createElement("section");
    this.el.className = "compare-bar";
    this.el.setAttribute("aria-label", words.region || "");
    this.el.hidden = true;
    this.text = document.createElement("p");
    this.go = document.createElement("a");
    this.go.textContent = words.go;
    this.clear = document.createElement("button");
    this.clear.type = "button";
    this.clear.className = "secondary";
    this.clear.textContent = words.clear;
    this.el.appendChild(this.text);
    this.el.appendChild(this.go);
    this.el.appendChild(this.clear);
    main.insertBefore(this.el, main.firstChild);
    // Said aloud when the choice changes; present from the start, so screen readers hear it.
    this.live = document.createElement("p");
    this.live.className = "visually-hidden";
    this.live.setAttribute("role", "status");
    main.appendChild(this.live);
  }

  Bar.prototype.show = function (slugs) {
    this.el.hidden = slugs.length === 0;
    this.text.textContent = fill(words.chosen, { n: slugs.length, most: MOST });
    this.go.href = address(slugs);
    // Even one: the comparison page can add the others (the only way in some offline copies).
    this.go.hidden = slugs.length === 0;
  };

  Bar.prototype.say = function (message) {
    this.live.textContent = message;
  };

  // ---- the buttons

  var HOLDERS = ".card, .rows > li, article.practice"; // search cards, listing rows, a practice
  var LINKED = /(?:^|\/)practices\/([a-z0-9-]+)\/(?:index\.html)?$/; // online or from disk

  function slugOf(holder) {
    var link = holder.matches("article.practice")
      ? document.querySelector(".lang-switch [aria-current]") // this page, in its language
      : holder.querySelector(".card-title a") || holder.querySelector(":scope > a");
    var found = link && LINKED.exec(link.getAttribute("href") || "");
    return found ? found[1] : "";
  }

  function titleOf(holder) {
    return holder.querySelector(".card-title, h1") || holder.querySelector(":scope > a");
  }

  function button(holder, slug) {
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "compare-toggle secondary";
    toggle.setAttribute("data-slug", slug);
    toggle.appendChild(document.createTextNode(words.toggle));
    var title = titleOf(holder);
    if (title) { // the practice's title completes the button's name, as screen readers list it
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      var lang = title.getAttribute("lang");
      if (lang) hidden.lang = lang;
      hidden.textContent = ": " + title.textContent.trim();
      toggle.appendChild(hidden);
    }
    var wrap = document.createElement("p");
    wrap.className = "compare-control";
    wrap.appendChild(toggle);
    var header = holder.querySelector(".practice-header");
    // In a row the control follows the text, a space apart, whether or not the row's
    // HTML ends in a line break (pages are written without them: site/render.py).
    if (!header) holder.appendChild(document.createTextNode(" "));
    (header || holder).appendChild(wrap);
    return toggle;
  }

  function Choice() {
    this.main = document.querySelector("main") || document.body;
    this.bar = new Bar(this.main);
    this.slugs = read();
  }

  Choice.prototype.enhance = function (root) {
    var holders = root.matches && root.matches(HOLDERS) ? [root] : [];
    holders = holders.concat(Array.prototype.slice.call(root.querySelectorAll(HOLDERS)));
    var self = this;
    holders.forEach(function (holder) {
      var slug = slugOf(holder);
      if (!holder.hasAttribute("data-compare-ready") && valid(slug)) {
        holder.setAttribute("data-compare-ready", "");
        self.update(button(holder, slug));
      }
    });
  };

  Choice.prototype.update = function (toggle) {
    var chosen = this.slugs.indexOf(toggle.getAttribute("data-slug")) >= 0;
    toggle.setAttribute("aria-pressed", chosen ? "true" : "false");
    // Beside a chosen practice's button, the way on to the comparison: the bar at the top
    // of the page may be out of sight when the reader presses a button further down.
    var go = toggle.parentNode.querySelector(".compare-go");
    if (chosen && !go) {
      go = document.createElement("a");
      go.className = "compare-go";
      go.textContent = words.go;
      toggle.parentNode.appendChild(go);
    }
    if (go && !chosen) go.remove();
    if (go && chosen) go.href = address(this.slugs);
  };

  // Show the choice held in this page (storage may refuse to keep it: the page still works).
  Choice.prototype.refresh = function () {
    var self = this;
    document.querySelectorAll(".compare-toggle").forEach(function (t) { self.update(t); });
    this.bar.show(this.slugs);
  };

  Choice.prototype.toggle = function (toggle) {
    var slug = toggle.getAttribute("data-slug");
    var at = this.slugs.indexOf(slug);
    if (at < 0 && this.slugs.length >= MOST) {
      this.bar.say(fill(words.full, { most: MOST }));
      return;
    }
    if (at < 0) this.slugs.push(slug); else this.slugs.splice(at, 1);
    write(this.slugs);
    this.refresh();
    var count = fill(words.chosen, { n: this.slugs.length, most: MOST });
    this.bar.say((at < 0 ? words.added : words.removed) + " " + count);
  };

  Choice.prototype.listen = function () {
    var self = this;
    document.addEventListener("click", function (event) {
      var toggle = event.target.closest && event.target.closest(".compare-toggle");
      if (toggle) self.toggle(toggle);
    });
    this.bar.clear.addEventListener("click", function () {
      self.slugs = [];
      write([]);
      self.refresh();
      self.bar.say(fill(words.chosen, { n: 0, most: MOST }));
    });
    // Back from the comparison, a page comes from the cache: show the choice as it is now.
    window.addEventListener("pageshow", function (event) {
      if (!event.persisted) return;
      self.slugs = read();
      self.refresh();
    });
    // Search results arrive after the page: give them buttons too.
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) {
          if (node.nodeType === 1) self.enhance(node);
        });
      });
    }).observe(this.main, { childList: true, subtree: true });
  };

  // The comparison page shares the stored choice through this.
  window.PraxisbookChoice = { read: read, write: write, clean: clean, most: MOST };

  function start() {
    // The comparison page itself has no buttons, only its table (compare.js).
    if (!words.page || document.getElementById("compare-app")) return;
    var choice = new Choice();
    choice.enhance(document);
    choice.listen();
    choice.refresh();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
