"""The organisation's own edition: load and check organisatie.yml, and say what goes where. Plain Python, no MkDocs.

The file holds public facts about the organisation that publishes the site (name, logo, house colour, contacts by
role, defaults for the tools). Nothing about users. Without the file the site is the neutral book.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from instruments.loader import InstrumentError, Located, read_yaml, schema_errors

FILE = "organisatie.yml"
SCHEMA = "organisatie-schema.json"
ENV = "PSA_ORGANISATIE"  # another file than organisatie.yml at the root (tests build with a fixture)
HEADER_TEXT = "#ffffff"  # Material's --md-primary-bg-color (docs/psa/base.css): the text on the header
MIN_CONTRAST = 4.5  # WCAG 2.2 AA, 1.4.3 for normal text
LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
              ".webp": "image/webp"}
LOGO_MAX_BYTES = 512 * 1024


@dataclass(frozen=True)
class Role:
    key: str
    title: str  # as a heading: "Vertrouwenspersoon (intern)"
    book: str  # the section of the book that describes the role (docs path with anchor)
    book_label: str
    text: str  # in running text: "de vertrouwenspersoon (intern)"


# The book's own roles, in the order the help page and the cover list them.
ROLES = (
    Role("vertrouwenspersoon-intern", "Vertrouwenspersoon (intern)", "ongewenste-omgangsvormen.md#paragraaf-5-5",
         "paragraaf 5.5", "interne vertrouwenspersoon"),
    Role("vertrouwenspersoon-extern", "Vertrouwenspersoon (extern)", "ongewenste-omgangsvormen.md#paragraaf-5-5",
         "paragraaf 5.5", "externe vertrouwenspersoon"),
    Role("klachtencommissie", "Klachtencommissie ongewenste omgangsvormen",
         "ongewenste-omgangsvormen.md#paragraaf-5-5", "paragraaf 5.5", "klachtencommissie"),
    Role("bedrijfsarts", "Bedrijfsarts of arbodienst", "agressie/maatregelen.md#maatregel-4-6-16", "maatregel 4.6.16",
         "bedrijfsarts of arbodienst"),
    Role("po", "P&O / HR", "wettelijk-kader.md#paragraaf-2-3", "paragraaf 2.3", "afdeling P&O of HR"),
    Role("arbo-coordinator", "Arbo-coördinator of preventiemedewerker", "wettelijk-kader.md#paragraaf-2-3",
         "paragraaf 2.3", "arbo-coördinator of preventiemedewerker"),
    Role("bhv", "Bedrijfshulpverlening (BHV)", "agressie/maatregelen.md#maatregel-4-6-8", "maatregel 4.6.8",
         "bedrijfshulpverlening (BHV)"),
    Role("beveiliging", "Beveiliging of meldkamer", "agressie/maatregelen.md#maatregel-4-6-12", "maatregel 4.6.12",
         "beveiliging of meldkamer"),
    Role("politie", "Politie (wijkagent)", "agressie/maatregelen.md#maatregel-4-6-10", "maatregel 4.6.10", "wijkagent"),
)
ROLE = {r.key: r for r in ROLES}

# Which tool field each default fills (hulpmiddelen.<tool>.<field> → the field of that id in checklists/<tool>).
TOOLS = ("huisregels-brief", "gedragsprotocol", "opvang-nazorg", "vragenlijst-agressie")
# Fields that get the departments as suggestions, and the plan's field that gets the contacts' names.
DEPARTMENT_FIELDS = {"landkaart": "naam", "vragenlijst-agressie": "afdeling"}
PEOPLE_FIELDS = {"plan-van-aanpak": "verantwoordelijke"}

_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*"
                    r"[A-Za-z0-9])?)*\.[A-Za-z]{2,}$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]*[0-9]$")
_SVG_CODE = re.compile(r"<script|<foreignObject|\son[a-z]+\s*=|javascript:|(?:href|src)\s*=\s*[\"'](?:https?:)?//",
                       re.IGNORECASE)
_COLOUR = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


class OrganisationError(InstrumentError):
    """A problem in the organisation file: file, key and line, worded for the person who edits it."""

    def __init__(self, file: str, message: str, *, key: str | None = None, line: int | None = None):
        super().__init__(file, message, item=key, line=line, what="veld")
        self.key = key


@dataclass
class Contact:
    key: str
    title: str
    name: str = ""
    function: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    when: str = ""
    book: str | None = None
    book_label: str | None = None

    @property
    def who(self) -> str:
        return self.name or self.function

    @property
    def tel(self) -> str:
        """The number for a tel: link: digits and a leading +."""
        return re.sub(r"[^0-9+]", "", self.phone)

    def line(self) -> str:
        """One line for a form field or a paper cover: 'name (function), phone, e-mail'."""
        who = self.name + (f" ({self.function})" if self.name and self.function else "") if self.name else self.function
        return ", ".join(x for x in (who, self.phone, self.email) if x)


@dataclass
class Organisation:
    name: str
    short: str
    website: str = ""
    edition: str = ""
    logo: Path | None = None
    colour: str = ""
    contacts: dict[str, Contact] = field(default_factory=dict)  # by role key, in ROLES order, then the others
    privacy: Contact | None = None
    accessibility: Contact | None = None
    tools: dict = field(default_factory=dict)
    departments: list[str] = field(default_factory=list)

    def contact(self, key: str) -> Contact | None:
        return self.contacts.get(key)

    @property
    def logo_name(self) -> str | None:
        """Where the logo goes in the site."""
        return f"organisatie/logo{self.logo.suffix.lower()}" if self.logo else None

    def house_css(self) -> str | None:
        """The generated stylesheet for the house colour (the CSP allows no inline styles)."""
        if not self.colour:
            return None
        return (f"/* Generated from the organisation file: the house colour of the header. */\n"
                f":root {{\n  --md-primary-fg-color: {self.colour};\n"
                f"  --md-primary-fg-color--light: {mix(self.colour, '#ffffff', 0.2)};\n"
                f"  --md-primary-fg-color--dark: {mix(self.colour, '#000000', 0.35)};\n}}\n")

    def defaults(self, tool: str) -> dict | None:
        """What a tool starts with when nothing is saved: field values, and suggestions for text fields."""
        # As the browser reads them from the fields: text, also for a number.
        values = {k: str(v) for k, v in self.tools.get(tool, {}).items()}
        if tool == "huisregels-brief":
            values.setdefault("organisatie", self.name)
        if tool == "opvang-nazorg" and self.contact("bedrijfsarts"):
            values.setdefault("verwijzing", self.contact("bedrijfsarts").line())
        suggest = {}
        if tool in DEPARTMENT_FIELDS and self.departments:
            suggest[DEPARTMENT_FIELDS[tool]] = list(self.departments)
        if tool in PEOPLE_FIELDS:
            people = [c.who for c in self.contacts.values() if c.who]
            if people:
                suggest[PEOPLE_FIELDS[tool]] = list(dict.fromkeys(people))
        if not values and not suggest:
            return None
        return {"values": values, "suggest": suggest}

    def defaults_attribute(self, tool: str) -> str | None:
        found = self.defaults(tool)
        return json.dumps(found, ensure_ascii=False, separators=(",", ":")) if found else None

    def for_templates(self) -> dict:
        """A plain mapping for Jinja templates."""
        return {"name": self.name, "short": self.short, "website": self.website, "edition": self.edition,
                "logo": self.logo_name,
                "contacts": list(self.contacts.values()), "privacy": self.privacy,
                "accessibility": self.accessibility}


# ---- Colour ----

def _rgb(colour: str) -> tuple[int, int, int]:
    h = colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2.2, definition)."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    a, b = _rgb(colour), _rgb(other)
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(a, b))


# ---- Loading ----

def locate(root: Path, override: str | None) -> Path | None:
    """The organisation file: the one named (env var or option, relative to the project), else organisatie.yml at
    the root; None when there is none (the neutral book). A named file that does not exist is an error."""
    if override:
        path = Path(override)
        path = path if path.is_absolute() else root / path
        if not path.is_file():
            raise OrganisationError(override, "dit organisatiebestand bestaat niet")
        return path
    path = root / FILE
    return path if path.is_file() else None


def load(path: Path, display: str, schema_folder: Path) -> Organisation:
    try:
        located = read_yaml(path, display)
    except InstrumentError as exc:
        raise OrganisationError(display, exc.message, line=exc.line) from None
    if not isinstance(located.data, dict):
        raise OrganisationError(display, "het bestand moet velden bevatten, zoals ‘naam: …’", line=1)
    schema = json.loads((schema_folder / SCHEMA).read_text(encoding="utf-8"))
    problem = schema_errors(located, schema, display)
    if problem:
        raise OrganisationError(display, problem.message, line=problem.line)
    return _build(located, path.parent, display)


def _build(located: Located, folder: Path, display: str) -> Organisation:
    data = located.data

    def fail(path: tuple, message: str):
        raise OrganisationError(display, message, key=".".join(map(str, path)), line=located.line(path))

    def url(path: tuple, value: str) -> str:
        parts = urlsplit(value)
        host = parts.hostname or ""
        if parts.scheme not in ("http", "https") or not host or (" " in value) or (
                "." not in host and host != "localhost"):
            fail(path, f"'{value}' is geen geldig webadres; schrijf het volledig, zoals https://www.voorbeeld.nl/")
        return value

    def contact(path: tuple, key: str, title: str, raw: dict, role: Role | None) -> Contact:
        if "rol" in raw and not (len(path) == 3 and path[1] == "overige"):
            fail(path + ("rol",), "‘rol’ hoort alleen bij een contact onder ‘overige’")
        if not (raw.get("naam") or raw.get("functie")):
            fail(path, "geef een naam of een functie")
        if not (raw.get("telefoon") or raw.get("email") or raw.get("website")):
            fail(path, "geef een telefoonnummer, een e-mailadres of een website")
        phone = raw.get("telefoon", "")
        if phone and (not _PHONE.match(phone) or not 3 <= len(re.sub(r"\D", "", phone)) <= 15):
            fail(path + ("telefoon",), f"'{phone}' is geen geldig telefoonnummer; gebruik cijfers, spaties en "
                                       "eventueel + of -, zoals 030 123 45 67 of +31 30 123 45 67")
        email = raw.get("email", "")
        if email and not _EMAIL.match(email):
            fail(path + ("email",), f"'{email}' is geen geldig e-mailadres, zoals naam@voorbeeld.nl")
        website = url(path + ("website",), raw["website"]) if raw.get("website") else ""
        return Contact(key, title, raw.get("naam", ""), raw.get("functie", ""), phone, email, website,
                       raw.get("wanneer", ""), role.book if role else None, role.book_label if role else None)

    website = url(("website",), data["website"]) if data.get("website") else ""
    edition = url(("editie",), data["editie"]) if data.get("editie") else ""
    if edition and not edition.endswith("/"):
        edition += "/"

    logo = None
    if "logo" in data:
        logo = (folder / data["logo"]).resolve()
        if logo.suffix.lower() not in LOGO_TYPES:
            fail(("logo",), f"'{data['logo']}': gebruik een logo als svg, png, jpg of webp")
        if not logo.is_file():
            fail(("logo",), f"het logo '{data['logo']}' bestaat niet (gezocht in {folder.name}/)")
        if logo.stat().st_size > LOGO_MAX_BYTES:
            fail(("logo",), f"het logo '{data['logo']}' is groter dan {LOGO_MAX_BYTES // 1024} KB; maak het kleiner")
        # Opened on its own, an SVG runs its scripts on the site's address, outside the pages' policy.
        if logo.suffix.lower() == ".svg" and _SVG_CODE.search(logo.read_text(encoding="utf-8", errors="replace")):
            fail(("logo",), f"het logo '{data['logo']}' bevat code (een script, een on…-attribuut of een verwijzing "
                            "naar een andere website); bewaar het zonder, of gebruik een png")

    colour = data.get("huiskleur", "")
    if colour:
        if not _COLOUR.match(colour):
            fail(("huiskleur",), f"'{colour}' is geen kleur; schrijf hem als #rrggbb, bijvoorbeeld #154273")
        ratio = contrast(colour, HEADER_TEXT)
        if ratio < MIN_CONTRAST:
            fail(("huiskleur",), f"de witte tekst in de kopbalk heeft op {colour} een contrast van "
                                 f"{ratio:.2f}:1".replace(".", ",") + "; dat moet minstens 4,5:1 zijn (WCAG AA). "
                                 "Kies een donkerdere kleur")
        colour = colour.lower()

    contacts: dict[str, Contact] = {}
    raw_contacts = data.get("contacten", {})
    for role in ROLES:
        if role.key in raw_contacts:
            contacts[role.key] = contact(("contacten", role.key), role.key, role.title, raw_contacts[role.key], role)
    for i, raw in enumerate(raw_contacts.get("overige", [])):
        key = f"overig-{i + 1}"
        contacts[key] = contact(("contacten", "overige", i), key, raw["rol"], raw, None)

    privacy = contact(("privacy",), "privacy", "Vragen over privacy", data["privacy"], None) \
        if "privacy" in data else None
    accessibility = contact(("toegankelijkheid",), "toegankelijkheid", "Problemen met de toegankelijkheid",
                            data["toegankelijkheid"], None) if "toegankelijkheid" in data else None
    tools = data.get("hulpmiddelen", {})
    return Organisation(
        name=data["naam"], short=data.get("kort") or data["naam"], website=website, edition=edition, logo=logo,
        colour=colour, contacts=contacts, privacy=privacy, accessibility=accessibility,
        tools={k: v for k, v in tools.items() if k in TOOLS}, departments=list(tools.get("afdelingen", [])))
