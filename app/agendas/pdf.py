"""PDF rendering with WeasyPrint: templates/pdf/*.html + a view model, the embedded DejaVu font,
and a URL fetcher that only opens static/fonts/ (and data: URIs). Nothing here reads the database.
"""
import io
import multiprocessing
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from flask import current_app, render_template
from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from markupsafe import Markup, escape

from ..i18n import in_locale

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
BILINGUAL = ("cs", "de")
DOC_LANGS = ("cs", "de", "en", "bilingual")


class PdfError(ValueError):
    """A document cannot be printed (missing font, nothing to print); the message is translated."""


def fonts_dir() -> Path:
    return Path(current_app.static_folder) / "fonts"


def check_fonts():
    for name in FONT_FILES:
        if not (fonts_dir() / name).is_file():
            raise PdfError(_("The font file %(name)s is missing from static/fonts; documents cannot be printed "
                             "without it.", name=name))


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SafeFetcher(URLFetcher):
        """Opens data: URIs and files under static/fonts/ only; no other file, no network."""

        def __init__(self, root: Path):
            super().__init__(timeout=5, allowed_protocols=("file", "data"), allow_redirects=False)
            self._root = root.resolve()

        def fetch(self, url, headers=None):
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(url2pathname(urlsplit(url).path)).resolve()
                if path.is_relative_to(self._root) and path.is_file():
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": "font/ttf"})
            raise ValueError(f"coopex refuses to fetch {url[:80]!r} into a PDF")

    return SafeFetcher


def url_fetcher():
    return _fetcher_class()(fonts_dir())


class Renderer:
    """Fonts and the stylesheet parsed once per process, reused for every document."""
    _cache: dict = {}

    @classmethod
    def get(cls):
        key = (os.getpid(), str(fonts_dir()))
        if key not in cls._cache:
            cls._cache = {key: cls()}
        return cls._cache[key]

    def __init__(self):
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        check_fonts()
        self.fetcher = url_fetcher()
        self.font_config = FontConfiguration()
        css = render_template("pdf/pdf.css")
        self.css = CSS(string=css, base_url=fonts_dir().as_uri() + "/", url_fetcher=self.fetcher,
                       font_config=self.font_config)

    def document(self, html: str):
        from weasyprint import HTML

        return HTML(string=html, base_url=fonts_dir().as_uri() + "/", url_fetcher=self.fetcher).render(
            stylesheets=[self.css], font_config=self.font_config)


def langs_for(lang):
    if lang == "bilingual":
        return BILINGUAL
    if lang not in ("cs", "de", "en"):
        raise PdfError(_("Unknown document language %(lang)s.", lang=lang))
    return (lang,)


def each_lang(langs, fn, sep=" / "):
    """Call `fn` (a Jinja caller or a function) once per language and join: 'Stůl / Tisch'."""
    parts = []
    for lang in langs:
        with in_locale(lang):
            value = fn()  # a caller's Markup stays Markup: escaped once ("GmbH &amp; Co."), not twice
            parts.append(value if isinstance(value, Markup) else str(value))
    unique = list(dict.fromkeys(parts))
    return Markup(escape(sep).join(Markup(p) if isinstance(p, Markup) else p for p in unique))


def render_html(template, lang, **context):
    check_fonts()
    langs = langs_for(lang)
    with in_locale(langs[0]):
        return render_template(template, langs=langs, lang=lang, each_lang=each_lang, fmt_when=fmt_when,
                               fmt_day=lambda day, fmt="full": each_lang(langs, lambda: format_date(day, fmt)),
                               **context)


def fmt_when(value):
    """Day and time of an aware datetime as the current language writes them, in the value's own zone:
    "st 10. 3. 9:00", "Mi., 10.3. 09:00", "Wed, 3/10 9:00 AM"."""
    from babel.dates import format_skeleton, format_time

    locale = str(get_locale() or "en")
    return (f"{format_skeleton('MEd', value, tzinfo=value.tzinfo, locale=locale)} "
            f"{format_time(value, 'short', tzinfo=value.tzinfo, locale=locale)}")


def fmt_clock(value):
    """The time of an aware datetime as the current language writes it, in the value's own zone (cs 9:00,
    de 09:00, en 9:00 AM): e-mails are rendered by workers, where no request knows the event's zone."""
    from babel.dates import format_time

    return format_time(value, "short", tzinfo=value.tzinfo, locale=str(get_locale() or "en"))


def fmt_day(day):
    """A day in full as the current language writes it (cs "čtvrtek 11. března 2027")."""
    from babel.dates import format_date as babel_date

    return babel_date(day, "full", locale=str(get_locale() or "en"))


def css_string(value):
    """Text for a CSS string literal (page footers)."""
    return Markup(str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c "))


def render_pdf(template, lang, **context) -> bytes:
    renderer = Renderer.get()
    return renderer.document(render_html(template, lang, **context)).write_pdf()


def merge(documents) -> bytes:
    """One PDF of several rendered documents, each keeping its own page numbering."""
    if not documents:
        raise PdfError(_("There is nothing to print."))
    pages = [page for doc in documents for page in doc.pages]
    return documents[0].copy(pages).write_pdf()


# ------------------------------------------------------------------ participant agendas
def agenda_lang(view, lang=None):
    return lang or (view.participant.locale if view.participant.locale in ("cs", "de", "en") else "en")


def render_agenda(view, lang=None) -> bytes:
    return _agenda_document(Renderer.get(), view, lang).write_pdf()


def qr_svg(url):
    """The live-agenda link as an inline SVG. A fixed mask skips segno's scoring of all eight masks
    (a third of the QR time) and still gives a code every reader decodes."""
    if not url:
        return ""
    import segno

    return Markup(segno.make(url, error="m", mask=0).svg_inline(scale=2, border=2, omitsize=False))


def _agenda_document(renderer, view, lang):
    return renderer.document(render_html("pdf/agenda.html", agenda_lang(view, lang), a=view, qr=qr_svg(view.live_url)))


CHUNK = 25  # agendas laid out per task; bounds memory (WeasyPrint keeps layouts in RAM) and paces progress


@dataclass
class Batch:
    """Rendered agendas: single files (in the order of the views) and/or all of them in one PDF."""
    files: list = field(default_factory=list)
    combined: bytes = b""
    pages: int = 0


def render_batch(views, lang=None, *, singles=True, combined=True, workers=None, on_progress=None) -> Batch:
    """Lay out every agenda once and write what is asked for: single PDFs, one PDF of all, or both.

    Chunks of agendas are rendered in forked worker processes when there are many; `on_progress(done, total)`
    is called after each chunk (it may raise to stop). Parts of the combined file are joined with pypdf,
    each agenda keeping its own page numbers.
    """
    views = list(views)
    if combined and not views:
        raise PdfError(_("There is nothing to print."))
    workers = _workers(workers, len(views))
    size = min(CHUNK, max(1, -(-len(views) // (2 * workers)))) if workers > 1 else CHUNK
    tasks = [(views[i:i + size], lang, singles, combined) for i in range(0, len(views), size)]
    batch, parts, done = Batch(), [], 0
    for files, part, pages, count in _run_chunks(tasks, workers):
        batch.files += files
        batch.pages += pages
        parts.append(part)
        done += count
        if on_progress is not None:
            on_progress(done, len(views))
    if combined:
        batch.combined = parts[0] if len(parts) == 1 else join_pdfs(parts)
    return batch


def _chunk(views, lang, singles, combined):
    renderer = Renderer.get()
    docs = [_agenda_document(renderer, v, lang) for v in views]
    files = [doc.write_pdf() for doc in docs] if singles else []
    part = merge(docs) if combined and docs else b""
    return files, part, sum(len(doc.pages) for doc in docs), len(views)


def join_pdfs(parts) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(io.BytesIO(part))
    out = io.BytesIO()
    writer.write(out)
    writer.close()
    return out.getvalue()


def agendas_in_one(views, lang=None, workers=None, on_progress=None) -> bytes:
    """Every agenda in one PDF, each keeping its own page numbers."""
    return render_batch(views, lang, singles=False, workers=workers, on_progress=on_progress).combined


def render_agendas(views, lang=None, workers=None, on_progress=None) -> list[bytes]:
    """Single agenda PDFs, in parallel worker processes (fork) when there are many."""
    return render_batch(views, lang, combined=False, workers=workers, on_progress=on_progress).files


# ------------------------------------------------------------------ worker processes
_WORKER_APP = None


def _workers(workers, count):
    workers = workers or min(os.cpu_count() or 1, 4)
    if count < 2 * workers or "forkserver" not in multiprocessing.get_all_start_methods():
        return 1
    return workers


def _run_chunks(tasks, workers):
    """Results of `_chunk` for each task, in order, as they are finished.

    The workers come from a fork server, not from fork() of this process: a plain fork copies only the
    calling thread, and a lock held at that moment by another thread (a solver's pool, a font library's
    worker, a test's mail server) stays locked in the child for ever. Each worker builds its own app from
    this app's plain settings; view models are plain values, so nothing touches the database.
    """
    if workers <= 1:
        for task in tasks:
            yield _chunk(*task)
        return
    check_fonts()
    settings = _picklable(current_app.config)
    context = multiprocessing.get_context("forkserver")
    factory = current_app.extensions["coopex.create_app"]  # a module-level function: pickled by its name
    with context.Pool(workers, initializer=_init_worker,
                      initargs=(factory, settings, current_app.instance_path)) as pool:
        yield from pool.imap(_chunk_in_worker, tasks, chunksize=1)


def _picklable(config):
    plain = {}
    for key, value in config.items():
        try:
            pickle.dumps(value)
        except Exception:  # noqa: BLE001 - objects such as a JSON provider are rebuilt by create_app
            continue
        plain[key] = value
    return plain


def _init_worker(factory, settings, instance_path):
    global _WORKER_APP
    os.environ["COOPEX_INSTANCE_PATH"] = instance_path
    _WORKER_APP = factory(settings)


def _chunk_in_worker(task):
    with _WORKER_APP.app_context():
        return _chunk(*task)
