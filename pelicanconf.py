"""Pelican settings for Praxisbook (development build).

Practices are read and rendered by the `praxisbook` plugin from one parsed
model; Pelican's own readers are pointed at nothing so they never parse a
practice file, and nothing else is generated behind the plugin's back.
"""

AUTHOR = "Praxisbook editors"
SITENAME = "Praxisbook"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

THEME = "theme"
THEME_STATIC_DIR = "theme"
THEME_STATIC_PATHS = ["static"]

PLUGINS = ["praxisbook"]  # explicit, so no namespace plugin is picked up by accident

# Pelican's own content pipeline stays idle: practices come from the plugin.
ARTICLE_PATHS = []
PAGE_PATHS = []
STATIC_PATHS = []
DIRECT_TEMPLATES = []
PAGINATED_TEMPLATES = {}
ARTICLE_SAVE_AS = PAGE_SAVE_AS = ""
CATEGORY_SAVE_AS = TAG_SAVE_AS = AUTHOR_SAVE_AS = ""
CATEGORIES_SAVE_AS = TAGS_SAVE_AS = AUTHORS_SAVE_AS = ARCHIVES_SAVE_AS = ""
DRAFT_SAVE_AS = DRAFT_PAGE_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
DELETE_OUTPUT_DIRECTORY = False  # the pipeline builds into a fresh folder and swaps it in
OUTPUT_SOURCES = False
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

# --- Who publishes this copy of the catalogue (docs/publishing.md) -------------------------
# The About page, the footer, the accessibility and privacy statements, the imprint, the
# DCAT-AP description and the JSON-LD all read these. Fill them in with real values
# only: the demo leaves them empty rather than invent an organisation or an address.
PUBLISHER_NAME = ""  # e.g. the municipality or agency that runs the site
PUBLISHER_URL = ""  # its own website (https://…)
PUBLISHER_EMAIL = ""  # a role address for feedback, e.g. accessibility or web team
PUBLISHER_CONTACT_FORM = ""  # or the address of a contact form (https://…)
PUBLISHER_COUNTRY = ""  # ISO 3166-1 alpha-2: the accessibility statement names its enforcement body
PUBLISHER_ADDRESS = ""  # postal address, lines separated by "\n": an imprint page is built when set
PUBLISHER_REPRESENTATIVE = ""  # who legally represents the publisher, for the imprint (optional)

# The accessibility statement gives the date of the last real assessment, never the build date.
ACCESSIBILITY_ASSESSED = ""  # YYYY-MM-DD
ACCESSIBILITY_METHOD = "self-assessment"  # or "third-party" (an external audit)

# Where the catalogue's sources and issue forms live (https://github.com/OWNER/REPO). In
# GitHub Actions, GITHUB_SERVER_URL and GITHUB_REPOSITORY are used when this is empty.
REPOSITORY_URL = ""

# Who hosts the site, for the privacy statement (their logs, their policy); optional.
HOST_NAME = ""
HOST_PRIVACY_URL = ""
