"""The dashboard's view model: figures of one event or a series, ready for the template and the SVG charts."""
from dataclasses import dataclass

from babel.numbers import format_percent
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from .kpis import compute

FUNNEL = (("registered", _l("registered")), ("approved", _l("approved")), ("requests", _l("meeting requests")),
          ("accepted", _l("accepted")), ("scheduled", _l("scheduled")), ("held", _l("held")))


@dataclass
class Bar:
    label: str
    value: int


@dataclass
class Dashboard:
    title: str
    events: list
    counts: dict
    funnel: list
    ratings: list
    outcomes: list
    countries: list
    regions: list
    kinds: list
    sizes: list
    cross_border_share: str


def _bars(counter, labelled=True):
    from ..labels import label  # app.labels imports every feature's models: import it late

    return [Bar(str(label(k)) if labelled else str(k), v) for k, v in sorted(counter.items(), key=lambda kv: -kv[1])]


def build(title, events):
    out = compute(events)
    return Dashboard(
        title=title, events=events, counts=out.counts,
        funnel=[Bar(str(text), out.counts[key]) for key, text in FUNNEL],
        ratings=[Bar("★" * n, out.ratings.get(n, 0)) for n in range(5, 0, -1)],
        outcomes=_bars(out.outcomes), countries=_bars(out.by_country), regions=_bars(out.by_region, False),
        kinds=_bars(out.by_kind), sizes=_bars(out.by_size),
        cross_border_share=format_percent(out.cross_border_share, locale=str(get_locale() or "en")))
