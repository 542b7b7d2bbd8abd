"""The fact box: one row per field of the schema's `x-fact-box`, in its order.

The practice page, the booklet and the comparison show the same rows
(`schema/practice.schema.json` names them). This module words each row's label
and value in the UI language; the templates call `fact_rows(facts, practice,
links)` and the comparison `FactBox.html`.

Written in Python rather than as template macros, which it was until the build
was profiled: a Jinja macro call costs about 20 µs, a practice page made some 25
of them for its fact box (45 % of the page's rendering), and the comparison made
them again for every practice in every UI language (docs/performance.md). The
markup is the same as the macros wrote; `tests/test_factbox.py` checks every kind
of row.
"""

from __future__ import annotations

from markupsafe import Markup, escape


def N_(message: str) -> str:
    """Marks a string for extraction (`make i18n-extract`); it is translated when shown."""
    return message


# The row labels the schema does not give (a facet's label comes from its vocabulary).
LABELS = {
    "country": N_("Country"),
    "period": N_("Period"),
    "places": N_("Where"),
    "lead_organisation": N_("Run by"),
    "partners": N_("Partners"),
    "funding": N_("Funding"),
    "transferability": N_("What adopting it takes"),
    "contact": N_("Contact"),
    "scores": N_("Scores"),
}


def marked(text, page_lang: str) -> Markup:
    """A text from the model, in a `lang` span when its language is not the page's."""
    return Markup(lang_marked(text, page_lang))


def lang_attr(lang: str | None, page_lang: str) -> Markup:
    """` lang="…"` for an element whose text is in `lang`, if that is not the page's."""
    return Markup(f' lang="{esc(lang)}"') if lang and lang != page_lang else Markup("")


def lang_marked(text, page_lang: str) -> str:
    lang = getattr(text, "lang", page_lang)
    if lang == page_lang:
        return esc(text)
    return f'<span lang="{esc(lang)}">{esc(text)}</span>'


def esc(value) -> str:
    """`value` escaped as the templates escape it (markupsafe), as a plain string: adding
    a plain string to markupsafe's Markup would escape it again."""
    return str(escape(value))


class FactBox:
    """The fact box in one UI language (`ui`, site/localise.py), linking through `url`.

    Values are built as strings from escaped parts and become Markup once, at the end:
    Markup's own `format` is a pure-Python formatter, slower than the macros were.
    """

    def __init__(self, ui, url, facets, fields: list[str], items: dict | None = None):
        self.ui, self.url, self.fields = ui, url, fields
        self.items = {} if items is None else items  # a term's item, kept for the next page
        self._ = ui.gettext  # call it as `_ = self._; _("…")`: Babel extracts only `_(…)`
        self.evidence = next((f for f in facets if f.key == "evidence"), None)
        self.by_field = {facet.path[0]: facet for facet in facets if len(facet.path) == 1}
        self.values = {
            "country": self.country, "period": self.period, "places": self.places,
            "lead_organisation": self.lead_organisation, "partners": self.partners,
            "funding": self.funding, "scores": self.scores, "evidence": self.evidence_value,
            "contact": self.contact,
        }  # fmt: skip

    def rows(self, facts, practice, links: bool = True) -> Markup:
        """Every row the practice has a value for: `<div><dt>…</dt><dd>…</dd></div>`."""
        return Markup("".join(
            f"<div><dt>{esc(self.label(name))}</dt><dd>{self.html(name, facts, practice, links)}"
            "</dd></div>\n"
            for name in self.fields
            if facts.get(name)
        ))  # fmt: skip

    def label(self, name: str) -> str:
        if name in LABELS:
            return self._(LABELS[name])
        facet = self.evidence if name == "evidence" else self.by_field.get(name)
        return facet.label(self.ui.lang) if facet else name

    def html(self, name: str, facts, practice, links: bool) -> str:
        """One row's value as HTML (escaped; a plain string); `links` to the listings of its
        terms (not on the comparison page or in the booklet)."""
        if name in self.values:
            return self.values[name](facts, practice, links)
        facet = self.by_field.get(name)
        if facet is None:
            return self.txt(facts.get(name))
        if links:
            return self.term_links(facet, practice.terms(facet.path))
        return ", ".join(esc(self.ui.facet_value(facet, t)) for t in facet.values(practice))

    def txt(self, text) -> str:
        return lang_marked(text, self.ui.lang)

    # --- the values that are not a plain text or a facet's terms --------------------------

    def country(self, facts, practice, links: bool) -> str:
        html = esc(self.ui.country(practice.country))
        if links:
            path = self.by_field["country"].term_path(practice.country)
            html = f'<a href="{esc(self.url("term", self.ui.lang, path))}">{html}</a>'
        return f"{html}, {self.txt(facts.region)}" if facts.region else html

    def period(self, facts, practice, links: bool) -> str:
        return esc(self.ui.period(facts.period))

    def places(self, facts, practice, links: bool) -> str:
        return ", ".join(self.txt(place) for place in facts.places)

    def lead_organisation(self, facts, practice, links: bool) -> str:
        return self.organisation(facts.lead_organisation)

    def partners(self, facts, practice, links: bool) -> str:
        return items(self.organisation(o) for o in facts.partners)

    def organisation(self, o) -> str:
        html = self.txt(o.name)
        if o.unit:
            html += f" – {self.txt(o.unit)}"
        if o.type:
            kind = esc(self.ui.label("organisation_types", o.type))
            html += f' <span class="muted">({kind})</span>'
        if o.website:
            _ = self._
            label = esc(_("website"))  # not inside the f-string, where Babel would not see it
            html += f' <a href="{esc(o.website)}">{label}</a>'
        return html

    def funding(self, facts, practice, links: bool) -> str:
        return items(self.funder(f) for f in facts.funding)

    def funder(self, f) -> str:
        html = self.txt(f.funder)
        if f.programme:
            html += f": {self.txt(f.programme)}"
        if f.note:
            html += f" ({self.txt(f.note)})"
        return html

    def scores(self, facts, practice, links: bool) -> str:
        return items(self.score(s) for s in facts.scores)

    def score(self, s) -> str:
        number = self.ui.number
        _ = self._
        value = _("%(score)s of %(scale)s") % {
            "score": number(s.value), "scale": number(s.max)
        }  # fmt: skip
        kind = self.ui.label("score_kinds", s.kind)
        scale = _("on the source's scale")
        return f'{esc(kind)}: {esc(value)} <span class="muted">({esc(scale)})</span>'

    def evidence_value(self, facts, practice, links: bool) -> str:
        evidence = facts.evidence
        html = esc(self.ui.facet_value(self.evidence, evidence.level))
        if evidence.evaluation_url:
            _ = self._
            report = esc(_("evaluation report"))
            html += f' – <a href="{esc(evidence.evaluation_url)}">{report}</a>'
        return html

    def contact(self, facts, practice, links: bool) -> str:
        c, _ = facts.contact, self._
        person = c.named_person
        lines = [
            self.txt(c.organisation) if c.organisation else "",
            self.person(person) if person else "",
            link(_("E-mail"), f"mailto:{c.email}", c.email) if c.email else "",
            link(_("Phone"), f"tel:{c.phone.replace(' ', '')}", c.phone) if c.phone else "",
            f'<a href="{esc(c.website)}">{esc(c.website)}</a>' if c.website else "",
            self.txt(c.note) if c.note else "",
        ]  # fmt: skip
        found = "".join(f"<li>{line}</li>" for line in lines if line)
        return f'<ul class="contact">\n{found}</ul>'

    def person(self, person) -> str:
        role = f", {self.txt(person.role)}" if person.role else ""
        return f"{esc(person.name)}{role}"

    def term_links(self, facet, terms: list[str]) -> str:
        """A facet's terms, each linking to its listing (if the facet has listings)."""
        return f'<ul class="tags">\n{"".join(self.term_item(facet, t) for t in terms)}</ul>\n'

    def term_item(self, facet, term: str) -> str:
        """`<li>` of one term, made once per UI language and folder depth: the same few
        hundred terms are on every practice page."""
        key = (facet.key, term, self.ui.lang, self.url.current.count("/"))
        if key not in self.items:
            label = esc(self.ui.facet_value(facet, term))
            if facet.listing:
                href = esc(self.url("term", self.ui.lang, facet.term_path(term)))
                label = f'<a href="{href}">{label}</a>'
            self.items[key] = f"<li>{label}</li>"
        return self.items[key]


def link(label: str, href: str, text: str) -> str:
    return f'{esc(label)}: <a href="{esc(href)}">{esc(text)}</a>'


def items(html) -> str:
    """`<ul>` of one `<li>` per piece of HTML."""
    return "<ul>" + "".join(f"<li>{piece}</li>" for piece in html) + "</ul>"
