"""The Interreg Czechia–Saxony programme area as NUTS 3 regions (2021); anything else is outside it."""
from .nace import current_language, fold

# code: (country, {language: name}, folded words that identify the region in free text)
REGIONS = {
    "DED2D": ("DE", {"de": "Landkreis Görlitz", "cs": "zemský okres Zhořelec", "en": "Görlitz district"},
              ("gorlitz", "zhorelec")),
    "DED2C": ("DE", {"de": "Landkreis Bautzen", "cs": "zemský okres Budyšín", "en": "Bautzen district"},
              ("bautzen", "budysin")),
    "DED2F": ("DE", {"de": "Landkreis Sächsische Schweiz-Osterzgebirge",
                     "cs": "zemský okres Saské Švýcarsko-Východní Krušné hory",
                     "en": "Saxon Switzerland-Eastern Ore Mountains district"},
              ("sachsische schweiz", "osterzgebirge", "saske svycarsko")),
    "DED43": ("DE", {"de": "Landkreis Mittelsachsen", "cs": "zemský okres Střední Sasko",
                     "en": "Central Saxony district"}, ("mittelsachsen", "stredni sasko")),
    "DED42": ("DE", {"de": "Erzgebirgskreis", "cs": "Krušnohorský zemský okres", "en": "Erzgebirge district"},
              ("erzgebirgskreis", "krusnohorsky")),
    "DED45": ("DE", {"de": "Landkreis Zwickau", "cs": "zemský okres Cvikov", "en": "Zwickau district"},
              ("zwickau", "cvikov")),
    "DED44": ("DE", {"de": "Vogtlandkreis", "cs": "Fojtský zemský okres", "en": "Vogtland district"},
              ("vogtland", "fojtsky")),
    "DED21": ("DE", {"de": "Dresden", "cs": "Drážďany", "en": "Dresden"}, ("dresden", "drazdany")),
    "DED41": ("DE", {"de": "Chemnitz", "cs": "Saská Kamenice", "en": "Chemnitz"}, ("chemnitz", "saska kamenice")),
    "CZ051": ("CZ", {"cs": "Liberecký kraj", "de": "Region Liberec", "en": "Liberec Region"},
              ("liberec",)),
    "CZ042": ("CZ", {"cs": "Ústecký kraj", "de": "Region Ústí", "en": "Ústí nad Labem Region"},
              ("ustecky", "usti")),
    "CZ041": ("CZ", {"cs": "Karlovarský kraj", "de": "Region Karlsbad", "en": "Karlovy Vary Region"},
              ("karlovarsky", "karlovy vary", "karlsbad")),
}


def name(code, locale=None):
    """The region's name in the reader's language; "" for outside the programme area."""
    region = REGIONS.get(code or "")
    return region[1][locale or current_language()] if region else ""


def all_names(code):
    region = REGIONS.get(code or "")
    return " ".join(region[1].values()) if region else ""


def code_for(text):
    """'Liberecký kraj', 'Landkreis Görlitz', 'CZ051' -> the NUTS 3 code; "" when outside the programme area."""
    raw = (text or "").strip().upper()
    if raw in REGIONS:
        return raw
    folded = fold(text)
    return next((code for code, (_c, _n, words) in REGIONS.items() if any(w in folded for w in words)), "")


def choices(locale=None):
    return [(code, name(code, locale)) for code in REGIONS]
