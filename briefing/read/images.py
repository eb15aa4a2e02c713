"""Image files: what is read of them (size, format, a digest of their bytes), never resized
here; render plans the resized files and makes them."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from PIL import Image as PillowImage
from PIL import UnidentifiedImageError

from ..model import Picture
from .schema import FieldError

FORMATS = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
SVG_TAG = re.compile(rb"<svg\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(rb'\b(width|height|viewBox)\s*=\s*["\']([^"\']*)["\']')
NUMBER = re.compile(rb"\s*([0-9]+(?:\.[0-9]+)?)\s*(px)?\s*\Z")
ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height
MAX_PIXELS = 50_000_000  # a decompression bomb is refused, not resized


def read_picture(file: Path, src: str) -> Picture:
    """The size, format and digest of an image file published at the site URL `src`, or a
    FieldError saying why it cannot be shown."""
    data = file.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:16]
    if file.suffix.lower() == ".svg":
        width, height = svg_size(data)
        return Picture(file, src, width, height, "svg", digest)
    try:
        with PillowImage.open(file) as image:
            kind = FORMATS.get(image.format or "")
            width, height = image.size
            orientation = image.getexif().get(0x0112)
    except PillowImage.DecompressionBombError:
        raise FieldError(
            f"'{file.name}' has too many pixels: resize it below 50 megapixels"
        ) from None
    except (UnidentifiedImageError, OSError):
        raise FieldError(
            f"'{file.name}' is not an image: use a JPEG, PNG, WebP, GIF or SVG file"
        ) from None
    if kind is None:
        raise FieldError(f"'{file.name}' is a {image.format} image: save it as JPEG, PNG or WebP")
    if width * height > MAX_PIXELS:
        raise FieldError(f"'{file.name}' has too many pixels: resize it below 50 megapixels")
    if orientation in ROTATED:
        width, height = height, width
    return Picture(file, src, width, height, kind, digest)


def svg_size(data: bytes) -> tuple[int, int]:
    """An SVG's intrinsic size from its width and height, else its viewBox."""
    tag = SVG_TAG.search(data[:8192])
    if tag is None:
        raise FieldError("not an SVG image: no <svg> element at its start")
    attributes = dict(ATTRIBUTE.findall(tag.group(0)))
    width, height = (number(attributes.get(name, b"")) for name in (b"width", b"height"))
    if width and height:
        return round(width), round(height)
    box = attributes.get(b"viewBox", b"").replace(b",", b" ").split()
    if len(box) == 4:
        try:
            return round(float(box[2])), round(float(box[3]))
        except ValueError:
            pass
    raise FieldError("the SVG has no size: give its <svg> element a viewBox or width and height")


def number(value: bytes) -> float | None:
    """A length in pixels ("600", "600px"); None for none or a relative one ("100%")."""
    match = NUMBER.match(value)
    return float(match.group(1)) if match else None
