"""The funder's report as a PDF: Czech and German side by side (the programme's two languages).

The figures are those of the dashboard and the XLSX (`kpis.compute`, `dashboard.build`); the charts are the
dashboard's own server-rendered SVGs, drawn once per language. A plain view model (no lazy loading in the
template) rendered by the agendas' WeasyPrint renderer (embedded fonts, safe URL fetcher).
"""
from dataclasses import dataclass, field
from datetime import date

from babel.numbers import format_decimal
from flask_babel import lazy_gettext as _l

from ..agendas.pdf import render_pdf
from ..events.branding import logo_data_uri
from ..i18n import in_locale, local_dt, utcnow
from .dashboard import build
from .kpis import KPI_ROWS

LANGS = ("cs", "de")
KPI_LABELS = {
    "registered": _l("Registered participants"), "approved": _l("Approved participants"),
    "requests": _l("Meeting requests"), "accepted": _l("Accepted meeting requests"),
    "scheduled": _l("Meetings in the plan"), "held": _l("Meetings held"), "no_show": _l("Meetings missed (no-show)"),
    "rated": _l("Ratings given"), "cross_border_held": _l("Cross-border meetings held"),
    "RCO87": _l("RCO87: organisations cooperating across borders"),
    "RCR84": _l("RCR84: organisations in cross-border cooperation after the event"),
}
TEXTS = {
    "indicator": _l("Indicator"),
    "share": _l("Cross-border share of held meetings"),
    "rco87": _l("RCO87 (organisations cooperating across borders) counts the organisations that held at least "
                "one meeting at the event with an organisation from another country. A meeting counts as held "
                "when a participant or the desk marked it so."),
    "rcr84": _l("RCR84 (organisations in cross-border cooperation after the event) counts the organisations that "
                "reported, in a follow-up survey at least 3 months after the event, a cooperation with a partner "
                "from another country whom they met there."),
    "counting": _l("Each organisation is counted once, also across the events of a series. The figures are the "
                   "same as on the outcomes dashboard and in the spreadsheet export (sheet KPIs)."),
}
CHARTS = (("funnel", _l("From registration to meetings held"), "#0b5cad"),
          ("ratings", _l("Ratings of the meetings"), "#c98a00"),
          ("outcomes", _l("What the meetings led to"), "#2e7d32"),
          ("countries", _l("Organisations by country"), "#0b5cad"),
          ("regions", _l("Organisations by region"), "#0b5cad"),
          ("kinds", _l("Organisations by type"), "#0b5cad"),
          ("sizes", _l("Organisations by size"), "#0b5cad"))


@dataclass
class KpiRow:
    key: str            # the XLSX's indicator name
    labels: dict        # lang -> label
    value: dict         # lang -> the number as that language writes it


@dataclass
class Chart:
    color: str
    titles: dict        # lang -> title
    bars: dict          # lang -> [dashboard.Bar]


@dataclass
class Branding:
    funding_statement: bool
    programme_name: str
    logos: tuple        # (label, data: URI)


@dataclass
class ReportView:
    titles: dict                    # lang -> event or series name
    events: list                    # [(names by lang, first day as text by lang, venue)]
    kpis: list
    share: dict                     # lang -> cross-border share of held meetings, e.g. "74 %"
    charts: list
    brand: Branding
    texts: dict                     # TEXTS key -> lang -> text
    generated: dict = field(default_factory=dict)


def _first_day(event):
    starts = [s.start_at for s in event.slots]
    return local_dt(min(starts), event.timezone).date() if starts else None


def _by_day(event):
    return _first_day(event) or date.max


def _event_line(event):
    from babel.dates import format_date

    day = _first_day(event)
    return ({lang: event.localised("name", lang) for lang in LANGS},
            {lang: format_date(day, "long", locale=lang) if day else "" for lang in LANGS}, event.venue or "")


def report_view(title, events, title_by_lang=None) -> ReportView:
    boards = {}
    for lang in LANGS:
        with in_locale(lang):
            boards[lang] = build(title, events)
    counts = boards[LANGS[0]].counts
    kpis = [KpiRow(key, {lang: _in(lang, KPI_LABELS[key]) for lang in LANGS},
                   {lang: format_decimal(counts[key], locale=lang) for lang in LANGS}) for key in KPI_ROWS]
    charts = [Chart(color, {lang: _in(lang, text) for lang in LANGS},
                    {lang: getattr(boards[lang], attr) for lang in LANGS}) for attr, text, color in CHARTS]
    first = events[0]
    brand = Branding(bool(first.funding_statement), first.programme_name or "",
                     tuple((logo.label, uri) for logo in first.logos if (uri := logo_data_uri(logo))))
    from babel.dates import format_date

    return ReportView(titles=title_by_lang or {lang: title for lang in LANGS},
                      events=[_event_line(e) for e in sorted(events, key=_by_day)], kpis=kpis,
                      share={lang: boards[lang].cross_border_share for lang in LANGS}, charts=charts, brand=brand,
                      texts={key: {lang: _in(lang, text) for lang in LANGS} for key, text in TEXTS.items()},
                      generated={lang: format_date(utcnow().date(), "long", locale=lang) for lang in LANGS})


def _in(lang, text):
    with in_locale(lang):
        return str(text)


def to_pdf(events, series=None) -> bytes:
    """The bilingual funder report of one event, or of a series of events."""
    if series is not None:
        view = report_view(series.name, events)
    else:
        event = events[0]
        view = report_view(event.name, events, {lang: event.localised("name", lang) for lang in LANGS})
    return render_pdf("pdf/outcomes_report.html", "bilingual", r=view)
