"""Country flags as inline SVG for the badges (no image files, no network): the five countries of the
programme's neighbourhood, and a neutral grey plate with a globe for any other country.

Drawn by hand from the flags' official proportions and colours; Slovakia carries a simplified coat of arms
(without it the tricolour would read as Russia's)."""
from markupsafe import Markup, escape

_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" class="flag" role="img" '
        'aria-label="{label}">{body}<rect width="{w}" height="{h}" fill="none" stroke="#8a949e" '
        'stroke-width="{stroke}"/></svg>')


def _stripes(w, h, colours):
    step = h / len(colours)
    return "".join(f'<rect y="{i * step:g}" width="{w}" height="{step:g}" fill="{c}"/>'
                   for i, c in enumerate(colours))


_SK_ARMS = ('<path d="M246 150 h216 v150 c0 80 -50 120 -108 148 c-58 -28 -108 -68 -108 -148 z" fill="#EE1C25" '
            'stroke="#fff" stroke-width="12"/>'
            '<path d="M342 190 h24 v40 h40 v20 h-40 v30 h52 v20 h-52 v70 h-24 v-70 h-52 v-20 h52 v-30 h-40 v-20 '
            'h40 z" fill="#fff"/>'
            '<path d="M262 390 c20 -30 50 -34 70 -14 c14 -22 30 -30 44 0 c20 -20 50 -16 70 14 c-22 28 -56 46 -92 '
            '58 c-36 -12 -70 -30 -92 -58 z" fill="#0B4EA2"/>')

FLAGS = {
    "CZ": (900, 600, '<rect width="900" height="300" fill="#fff"/><rect y="300" width="900" height="300" '
                     'fill="#D7141A"/><polygon points="0,0 450,300 0,600" fill="#11457E"/>'),
    "DE": (500, 300, _stripes(500, 300, ("#000", "#DD0000", "#FFCE00"))),
    "PL": (800, 500, _stripes(800, 500, ("#fff", "#DC143C"))),
    "AT": (900, 600, _stripes(900, 600, ("#C8102E", "#fff", "#C8102E"))),
    "SK": (900, 600, _stripes(900, 600, ("#fff", "#0B4EA2", "#EE1C25")) + _SK_ARMS),
}


def flag_svg(country: str | None, label: str = "") -> Markup:
    """The flag of `country` (ISO 3166-1 alpha-2), or a grey plate with a globe (the badge names the country)."""
    code = (country or "").upper()[:2]
    label = escape(label or code)
    if code in FLAGS:
        w, h, body = FLAGS[code]
        return Markup(_SVG.format(w=w, h=h, body=body, label=label, stroke=w / 150))
    body = ('<rect width="900" height="600" fill="#e3e7ec"/>'
            '<circle cx="450" cy="300" r="150" fill="none" stroke="#8a949e" stroke-width="30"/>'
            '<path d="M300 300 h300 M450 150 c-80 80 -80 220 0 300 c80 -80 80 -220 0 -300" fill="none" '
            'stroke="#8a949e" stroke-width="20"/>')
    return Markup(_SVG.format(w=900, h=600, body=body, label=label, stroke=6))
