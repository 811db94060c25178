"""Event branding: the EU funding statement with its emblem, and the organisers' and partners' logos.

Logos are checked by their bytes, not by the name or the browser's content type: PNG or JPEG only (SVG can
carry scripts), at most MAX_LOGO_BYTES and MAX_LOGO_SIDE pixels a side. The header is read by hand (a few
bytes of PNG IHDR / JPEG SOF) instead of adding Pillow: we only need type and size, never decode pixels.
Files are stored under instance/logos/ with generated names, so an upload can never choose a path.
"""
import base64
import math
import secrets
import struct
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from markupsafe import Markup

from ..extensions import db
from ..mail import FOOTER
from . import bp
from .models import EventLogo

MAX_LOGO_BYTES = 1024 * 1024
MAX_LOGO_SIDE = 4000
LOGO_KINDS = ("organiser", "partner")
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


class BrandingError(ValueError):
    """An upload that is refused; the message is translated and says why."""


@dataclass(frozen=True)
class ImageInfo:
    content_type: str
    extension: str
    width: int
    height: int


def sniff_image(data: bytes) -> ImageInfo:
    """Type and pixel size of a PNG or JPEG from its header; BrandingError for anything else."""
    if len(data) > MAX_LOGO_BYTES:
        raise BrandingError(_("The logo is larger than %(size)s MB.", size=MAX_LOGO_BYTES // (1024 * 1024)))
    if data.startswith(_PNG) and len(data) >= 24 and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        info = ImageInfo("image/png", ".png", width, height)
    elif data.startswith(b"\xff\xd8\xff"):
        info = _jpeg_info(data)
    else:
        raise BrandingError(_("The logo must be a PNG or JPEG image."))
    if not (0 < info.width <= MAX_LOGO_SIDE and 0 < info.height <= MAX_LOGO_SIDE):
        raise BrandingError(_("The logo must be at most %(px)s pixels wide and high.", px=MAX_LOGO_SIDE))
    return info


def _jpeg_info(data: bytes) -> ImageInfo:
    pos = 2
    while pos + 9 <= len(data):
        if data[pos] != 0xFF:
            break
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        (length,) = struct.unpack(">H", data[pos + 2:pos + 4])
        if marker in _JPEG_SOF:
            height, width = struct.unpack(">HH", data[pos + 5:pos + 9])
            return ImageInfo("image/jpeg", ".jpg", width, height)
        pos += 2 + length
    raise BrandingError(_("The logo must be a PNG or JPEG image."))


def logos_dir() -> Path:
    return Path(current_app.instance_path) / "logos"


def add_logo(event, kind: str, label: str, data: bytes) -> EventLogo:
    """Check and store an uploaded logo; the caller commits."""
    if kind not in LOGO_KINDS:
        raise BrandingError(_("Choose whether the logo belongs to an organiser or a partner."))
    info = sniff_image(data)
    folder = logos_dir()
    folder.mkdir(parents=True, exist_ok=True)
    name = secrets.token_hex(16) + info.extension
    (folder / name).write_bytes(data)
    logo = EventLogo(event=event, kind=kind, label=label.strip()[:200], file_name=name,
                     content_type=info.content_type, width=info.width, height=info.height)
    db.session.add(logo)
    return logo


def delete_logo(logo: EventLogo):
    (logos_dir() / logo.file_name).unlink(missing_ok=True)
    db.session.delete(logo)


def logo_path(logo: EventLogo) -> Path:
    return logos_dir() / logo.file_name


def logo_data_uri(logo: EventLogo) -> str:
    """The logo inlined for PDFs (the PDF fetcher opens data: URIs only); '' when the file is gone."""
    try:
        data = logo_path(logo).read_bytes()
    except OSError:
        return ""
    return f"data:{logo.content_type};base64,{base64.b64encode(data).decode()}"


@bp.app_template_global()
def eu_emblem(height=32):
    """The EU emblem (12 five-pointed gold stars in a circle on blue, 3:2) drawn as inline SVG."""
    width = height * 3 / 2
    stars = []
    for i in range(12):
        angle = math.radians(i * 30)
        cx, cy = 30 + 13.33 * math.sin(angle), 20 - 13.33 * math.cos(angle)
        stars.append(_star(cx, cy, 2.22))
    paths = "".join(f'<polygon points="{s}"/>' for s in stars)
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 60 40" width="{width:g}" height="{height:g}" '
                  f'role="img" aria-hidden="true" focusable="false" class="eu-emblem">'
                  f'<rect width="60" height="40" fill="#003399"/><g fill="#FFCC00">{paths}</g></svg>')


def _star(cx, cy, r):
    points = []
    for k in range(10):
        radius = r if k % 2 == 0 else r * 0.382
        angle = math.radians(k * 36)
        points.append(f"{cx + radius * math.sin(angle):.2f},{cy - radius * math.cos(angle):.2f}")
    return " ".join(points)


def funding_text() -> str:
    """The funding statement in the current language."""
    return _("Co-funded by the European Union")


def funding_footer(event) -> str:
    """Plain-text lines for the text part of e-mails; '' when the event shows no statement."""
    if event is None or not event.funding_statement:
        return ""
    return "\n".join(filter(None, [funding_text(), event.programme_name or ""]))


FOOTER["text"] = funding_footer  # app.mail adds it to the text part of every e-mail of the event
