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
