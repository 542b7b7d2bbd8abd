// The comparison page: two to four practices side by side, fact by fact.
//
// The chosen practices are in the address (?p=slug1,slug2); without it, the choice kept
// while browsing (compare-select.js) is taken and written into the address, so that it
// can be bookmarked and shared. The facts come from this UI language's facts script
// (compare/facts.js, made by site/compare.py), a classic script that calls
// PraxisbookCompare.facts(): pages opened from disk may load scripts, never fetch().
// Its values are HTML rendered by the build from the fact box's own macros; nothing
// from the address is ever written as HTML.
(function () {
  "use strict";
  var packed = null;
  window.PraxisbookCompare = { facts: function (base64) { packed = base64; } };
  var data = null;

  // The facts script holds deflated JSON in base64 (site/compare.py): a quarter of the size.
  function unpack(base64) {
    var text = atob(base64);
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Response(stream).text().then(JSON.parse);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (all, name) {
      return values[name] === undefined ? all : String(values[name]);
    });
  }

  // The `p` parameter as a list, or null when the address has none.
  function fromAddress() {
    var value = new URLSearchParams(window.location.search).get("p");
    return value === null ? null : value.split(",");
  }

  function Comparison(app, choice) {
    var self = this;
    this.app = app;
    this.choice = choice;
    this.practices = {};
    data.practices.forEach(function (p) {
      self.practices[p[0]] = { slug: p[0], title: p[1], lang: p[2], values: p[3] };
    });
    this.number = new Intl.NumberFormat(document.documentElement.lang);
    this.status = document.getElementById("compare-status");
    this.unknown = document.getElementById("compare-unknown");
    this.select = document.getElementById("compare-add");
    this.add = document.getElementById("compare-add-button");
    this.only = document.getElementById("compare-only");
    this.region = document.getElementById("compare-scroll");
    this.table = document.getElementById("compare-table");
  }

  Comparison.prototype.text = function (name) {
    return this.app.getAttribute("data-" + name) || "";
  };

  Comparison.prototype.href = function (slug) {
    return this.text("practice").replace("__slug__", encodeURIComponent(slug));
  };

  // Take a new choice: keep the practices this catalogue has, say which it has not.
  Comparison.prototype.choose = function (slugs) {
    var self = this;
    slugs = this.choice.clean(slugs);
    var missing = slugs.filter(function (slug) { return !self.practices[slug]; });
    this.slugs = slugs.filter(function (slug) { return self.practices[slug]; });
    this.unknown.textContent = fill(this.text("unknown"), { names: missing.join(", ") });
    this.unknown.hidden = missing.length === 0;
    this.choice.write(this.slugs);
    var query = this.slugs.length ? "?p=" + this.slugs.join(",") : "";
    window.history.replaceState(null, "", window.location.pathname + query);
    this.render();
  };

  Comparison.prototype.render = function () {
    var enough = this.slugs.length >= 2;
    this.status.textContent = enough
      ? fill(this.text("showing"), { n: this.number.format(this.slugs.length) })
      : this.text("too-few");
    this.region.hidden = this.slugs.length === 0;
    this.table.textContent = "";
    if (this.slugs.length) {
      this.table.appendChild(this.caption());
      this.table.appendChild(this.head());
      this.table.appendChild(this.body());
    }
    this.options();
  };

  Comparison.prototype.caption = function () {
    var caption = element("caption", "visually-hidden", this.text("caption"));
    caption.id = "compare-caption";
    return caption;
  };

  Comparison.prototype.chosen = function () {
    var self = this;
    return this.slugs.map(function (slug) { return self.practices[slug]; });
  };

  Comparison.prototype.head = function () {
    var self = this;
    var row = element("tr");
    row.appendChild(element("td"));
    this.chosen().forEach(function (practice) {
      var cell = element("th");
      cell.scope = "col";
      var link = element("a", "", practice.title);
      link.href = self.href(practice.slug);
      if (practice.lang) link.lang = practice.lang;
      cell.appendChild(link);
      cell.appendChild(self.removeButton(practice));
      row.appendChild(cell);
    });
    var head = element("thead");
    head.appendChild(row);
    return head;
  };

  Comparison.prototype.removeButton = function (practice) {
    var self = this;
    var remove = element("button", "secondary compare-remove", this.text("remove"));
    remove.type = "button";
    var name = element("span", "visually-hidden", ": " + practice.title);
    if (practice.lang) name.lang = practice.lang;
    remove.appendChild(name);
    remove.addEventListener("click", function () {
      self.choose(self.slugs.filter(function (slug) { return slug !== practice.slug; }));
      (self.slugs.length ? self.region : self.select).focus();
    });
    var wrap = element("p", "compare-remove-wrap");
    wrap.appendChild(remove);
    return wrap;
  };

  // One row per fact-box row that any chosen practice has; rows that differ are marked in
  // words as well as in colour.
  Comparison.prototype.body = function () {
    var self = this;
    var chosen = this.chosen();
    var body = element("tbody");
    data.rows.forEach(function (name, i) {
      var values = chosen.map(function (practice) { return practice.values[i]; });
      if (values.every(function (v) { return v === 0; })) return;
      var differs = chosen.length > 1 && values.some(function (v) { return v !== values[0]; });
      body.appendChild(self.row(name, data.labels[i], values, differs));
    });
    return body;
  };

  Comparison.prototype.row = function (name, label, values, differs) {
    var self = this;
    var row = element("tr", differs ? "differs" : "");
    row.setAttribute("data-row", name);
    var header = element("th", "", label);
    header.scope = "row";
    if (differs) {
      header.appendChild(document.createTextNode(" "));
      header.appendChild(element("span", "compare-differs", this.text("differs")));
    }
    row.appendChild(header);
    values.forEach(function (value) {
      var cell = element("td");
      if (value) {
        cell.innerHTML = data.values[value]; // the build's own HTML (see the top of this file)
      } else {
        cell.appendChild(element("span", "muted", self.text("not-stated")));
      }
      row.appendChild(cell);
    });
    return row;
  };

  // Every practice not yet chosen, by title, until four are.
  Comparison.prototype.options = function () {
    var self = this;
    var full = this.slugs.length >= this.choice.most;
    while (this.select.options.length > 1) this.select.remove(1);
    data.practices.forEach(function (p) {
      if (self.slugs.indexOf(p[0]) >= 0) return;
      var option = element("option", "", p[1]);
      option.value = p[0];
      if (p[2]) option.lang = p[2];
      self.select.appendChild(option);
    });
    this.select.disabled = full;
    this.add.disabled = full;
  };

  Comparison.prototype.listen = function () {
    var self = this;
    this.add.addEventListener("click", function () {
      if (self.select.value) self.choose(self.slugs.concat([self.select.value]));
    });
    this.only.addEventListener("change", function () {
      self.table.classList.toggle("only-differences", self.only.checked);
    });
  };

  function start() {
    var app = document.getElementById("compare-app");
    if (!app) return;
    if (!packed || !window.PraxisbookChoice || !window.DecompressionStream) {
      failed("the facts script did not load");
      return;
    }
    unpack(packed).then(function (facts) {
      data = facts;
      var comparison = new Comparison(app, window.PraxisbookChoice);
      document.getElementById("compare-fallback").hidden = true;
      app.hidden = false;
      comparison.listen();
      var asked = fromAddress();
      comparison.choose(asked === null ? window.PraxisbookChoice.read() : asked);
    }).catch(failed);
  }

  // As without JavaScript, with a note: the page still says where the facts are.
  function failed(error) {
    document.getElementById("compare-failed").hidden = false;
    if (window.console) window.console.error(error);
  }

  // Deferred scripts run in order before DOMContentLoaded: by then the facts script has run.
  document.addEventListener("DOMContentLoaded", start);
})();
