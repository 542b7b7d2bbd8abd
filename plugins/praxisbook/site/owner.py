"""Who publishes the site, and how a reader reaches them.

One `Owner`, made from the publisher settings in `pelicanconf.py` (PUBLISHER_*,
ACCESSIBILITY_*, HOST_*) and the build context's repository, feeds the About
page, the footer, the accessibility and privacy statements, the imprint, the
DCAT-AP description and the JSON-LD, so that they cannot disagree. Nothing has
a default: an empty setting leaves its sentence or link out, and the build
says what is missing (`notices`) instead of inventing it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

import yaml

ENFORCEMENT_FILE = Path("data") / "enforcement-bodies.yaml"  # inside the theme
CORRECTION_FORM = "report-correction.yml"  # .github/ISSUE_TEMPLATE/
PROPOSAL_FORM = "propose-practice.yml"


def setting(settings: Mapping[str, object], key: str) -> str:
    return str(settings.get(key) or "").strip()


@dataclass(frozen=True)
class Publisher:
    """The organisation responsible for this copy of the catalogue."""

    name: str = ""
    url: str = ""
    email: str = ""
    contact_form: str = ""
    country: str = ""  # ISO 3166-1 alpha-2
    address: tuple[str, ...] = ()
    representative: str = ""

    @classmethod
    def of(cls, settings: Mapping[str, object]) -> Publisher:
        def get(key: str) -> str:
            return setting(settings, f"PUBLISHER_{key}")

        address = tuple(line.strip() for line in get("ADDRESS").splitlines() if line.strip())
        return cls(
            get("NAME"), get("URL"), get("EMAIL"), get("CONTACT_FORM"), get("COUNTRY").upper(),
            address, get("REPRESENTATIVE"),
        )  # fmt: skip


@dataclass(frozen=True)
class EnforcementBody:
    """Where readers turn when the publisher's answer does not satisfy them (WAD Art. 9)."""

    country: str
    name: str
    lang: str = ""  # the language of the name
    url: str = ""
    level: str = "national"  # "federal": regions or municipalities may have their own body
    law: str = ""


@cache
def enforcement_bodies(path: Path) -> dict[str, EnforcementBody]:
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {code: EnforcementBody(code, **entry) for code, entry in data.items()}


@dataclass(frozen=True)
class Route:
    """One way to reach the publisher: an e-mail address, a contact form or an issue tracker."""

    kind: str  # "email" | "form" | "issues"
    href: str
    text: str


@dataclass(frozen=True)
class Owner:
    publisher: Publisher
    repository: str = ""
    enforcement: EnforcementBody | None = None
    assessed: str = ""  # date of the last real accessibility assessment, YYYY-MM-DD
    method: str = "self-assessment"
    host: str = ""
    host_privacy: str = ""

    @property
    def contact(self) -> Route | None:
        """The publisher's own contact route, if the settings give one."""
        if self.publisher.email:
            return Route("email", f"mailto:{self.publisher.email}", self.publisher.email)
        if self.publisher.contact_form:
            return Route("form", self.publisher.contact_form, self.publisher.contact_form)
        return None

    @property
    def feedback(self) -> Route | None:
        """Where feedback goes: the publisher's contact, else the repository's issue forms."""
        if self.contact or not self.repository:
            return self.contact
        return Route("issues", f"{self.repository}/issues/new/choose", self.repository)

    @property
    def imprint(self) -> bool:
        """An imprint page is built only when the settings give a name and an address."""
        return bool(self.publisher.name and self.publisher.address)

    def issue_form(self, template: str, **fields: str) -> str:
        """A GitHub issue form, pre-filled by its query parameters ("" without a repository)."""
        if not self.repository:
            return ""
        query = urlencode({"template": template, **{k: v for k, v in fields.items() if v}})
        return f"{self.repository}/issues/new?{query}"

    def correction_url(self, slug: str, title: str, lang: str, address: str = "") -> str:
        """The "Report a correction" form, naming the practice by its address (or its id)."""
        return self.issue_form(
            CORRECTION_FORM, title=f"Correction: {title}", practice=address or slug, language=lang
        )

    @property
    def proposal_url(self) -> str:
        return self.issue_form(PROPOSAL_FORM)


def owner_of(ctx) -> Owner:
    """The owner of the site that `ctx` (a BuildContext) builds."""
    settings = ctx.settings
    publisher = Publisher.of(settings)
    bodies = enforcement_bodies(ctx.project.theme / ENFORCEMENT_FILE)
    return Owner(
        publisher, ctx.repository, bodies.get(publisher.country),
        setting(settings, "ACCESSIBILITY_ASSESSED"),
        setting(settings, "ACCESSIBILITY_METHOD") or "self-assessment",
        setting(settings, "HOST_NAME"), setting(settings, "HOST_PRIVACY_URL"),
    )  # fmt: skip


def notices(owner: Owner) -> list[str]:
    """What the build should say about a missing setting, one line each."""
    if owner.feedback:
        return []
    return [
        "Warning: readers have no feedback route: set PUBLISHER_EMAIL or PUBLISHER_CONTACT_FORM "
        "(or REPOSITORY_URL) in pelicanconf.py; the accessibility statement needs one."
    ]
