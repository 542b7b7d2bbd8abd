"""Model stage: validated documents become practices with their language versions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .read import Document
from .validate import Catalogue


@dataclass(frozen=True)
class Version:
    """One language version of a practice: what a translator may change."""

    lang: str
    title: str
    summary: str
    html: str
    path: Path
    translation: dict | None = None
    localised_names: dict = field(default_factory=dict)
    front_matter: dict = field(default_factory=dict, compare=False)  # as written, for open data
    body: str = field(default="", compare=False)  # the Markdown, for open data

    @property
    def kind(self) -> str:
        return self.translation["kind"] if self.translation else "original"

    @property
    def made_from(self) -> str | None:
        return self.translation["from"] if self.translation else None

    def localise(self, name: str) -> str:
        return self.localised_names.get(name, name)


@dataclass
class Practice:
    """A practice record (the original's facts) and all its language versions."""

    slug: str
    facts: dict
    original: Version
    versions: dict[str, Version]

    def version_for(self, lang: str) -> Version:
        """The version in `lang`, or the original when there is none."""
        return self.versions.get(lang, self.original)

    def has(self, lang: str) -> bool:
        return lang in self.versions

    def terms(self, field_name: str) -> list[str]:
        value = self.facts.get(field_name) or []
        return [value] if isinstance(value, str) else list(value)

    @property
    def country(self) -> str:
        return self.facts["country"]

    @property
    def languages(self) -> list[str]:
        """Languages of its versions, the original first."""
        rest = sorted(lang for lang in self.versions if lang != self.original.lang)
        return [self.original.lang, *rest]

    @property
    def start(self) -> str:
        """The earliest date the source gives, for sorting by age ('' if none)."""
        period = self.facts.get("period") or {}
        dates = [period.get("start")] + [m["date"] for m in self.facts.get("milestones") or []]
        dates = [str(d) for d in dates if d]
        return min(dates) if dates else ""


def version_of(doc: Document) -> Version:
    meta = doc.meta
    return Version(
        lang=doc.lang,
        title=meta["title"],
        summary=meta["summary"],
        html=doc.markup.html,
        path=doc.path,
        translation=meta.get("translation"),
        localised_names=meta.get("localised_names") or {},
        front_matter=meta,
        body=doc.body,
    )


def build_model(catalogue: Catalogue) -> list[Practice]:
    """Practices in slug order; call only on a catalogue that validated cleanly."""
    practices = []
    for slug, docs in catalogue.by_slug().items():
        versions = {doc.lang: version_of(doc) for doc in docs}
        original = next(d for d in docs if not d.is_translation)
        practices.append(Practice(slug, original.meta, versions[original.lang], versions))
    return practices
