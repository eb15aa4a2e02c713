"""The `brand:` settings of site.yaml: logo, accent colour (checked for WCAG AA contrast),
publisher, postal address and footer."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..model import Brand, Picture
from . import schema
from .images import read_picture
from .schema import Field, FieldError, Reader
from .text import Node

HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
LIGHT_BACKGROUND = "#ffffff"  # --bg of the stylesheet
DARK_BACKGROUND = "#161618"  # --bg in dark mode
TEXT_CONTRAST = 4.5  # WCAG AA for body-size text
LOGO_TYPES = {".svg", ".png", ".jpg", ".jpeg", ".webp"}


def rgb(colour: str) -> tuple[int, int, int]:
    """#a3122a -> (163, 18, 42); #abc -> #aabbcc."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def hex_colour(channels: tuple[float, ...]) -> str:
    """(163, 18, 42) -> #a3122a."""
    return "#" + "".join(f"{round(c):02x}" for c in channels)


def luminance(colour: str) -> float:
    """Relative luminance as WCAG 2 defines it."""
    linear = []
    for channel in rgb(colour):
        c = channel / 255
        linear.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    red, green, blue = linear
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: str, other: str) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21."""
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def towards(colour: str, target: str, background: str) -> str:
    """`colour` mixed with `target` (white or black) in the smallest step that gives text
    contrast against `background`: the same hue, lighter or darker."""
    start, end = rgb(colour), rgb(target)
    for step in range(101):
        mixed = hex_colour(tuple(s + (e - s) * step / 100 for s, e in zip(start, end, strict=True)))
        if contrast(mixed, background) >= TEXT_CONTRAST:
            return mixed
    return target


def accent(node: Node, reader: Reader) -> str:
    """Coerce to a CSS hex colour that text can be set in on the light background."""
    value = schema.scalar(node)
    if not HEX.fullmatch(value):
        raise FieldError(f"'{value}' is not a CSS hex colour such as '#a3122a'")
    value = hex_colour(rgb(value))
    ratio = contrast(value, LIGHT_BACKGROUND)
    if ratio < TEXT_CONTRAST:
        darker = towards(value, "#000000", LIGHT_BACKGROUND)
        raise FieldError(
            f"'{value}' has a contrast of {ratio:.2f}:1 against the white background, but text "
            f"in it needs at least {TEXT_CONTRAST}:1 (WCAG AA): use a darker colour, "
            f"e.g. '{darker}'"
        )
    return value


def logo_in(content: Path) -> schema.Coerce:
    """Coerce to a logo file in the content folder, read for its size; it is published as
    brand/<name>.<hash>.<suffix> (a site path, without the base path yet)."""

    def coerce(node: Node, reader: Reader) -> Picture:
        name = schema.text(node, reader)
        file = (content / name).resolve()
        if not file.is_relative_to(content.resolve()) or not file.is_file():
            raise FieldError(f"no file '{name}' in the content folder (the path is relative to it)")
        suffix = file.suffix.lower()
        if suffix not in LOGO_TYPES:
            raise FieldError(f"'{name}' is not an SVG, PNG, JPEG or WebP file")
        picture = read_picture(file, "")
        return replace(picture, src=f"brand/{file.stem}.{picture.digest[:8]}{suffix}")

    return coerce


def brand_fields(content: Path) -> dict[str, Field]:
    """The schema of `brand:`."""
    return {
        # A file in the content folder, e.g. brand/logo.svg: shown in the masthead.
        "logo": Field(logo_in(content)),
        # The one accent colour (eyebrows, numbers, links on hover), a CSS hex colour.
        "accent": Field(accent),
        # Who publishes the briefing, for the masthead, footer, email and structured data.
        "publisher": Field(schema.text),
        # The publisher's postal address, printed in the footer and every email.
        "address": Field(schema.text),
        # Markdown for the foot of every page: a licence, a copyright line, links.
        "footer": Field(schema.text),
    }


def make_brand(values: dict[str, Any], base_path: str) -> Brand:
    """The Brand from checked `brand:` values (the footer's Markdown is converted later)."""
    logo = values.get("logo")
    if logo is not None:
        logo = replace(logo, src=base_path + logo.src)
    brand = Brand(
        logo,
        publisher=values.get("publisher"),
        address=values.get("address"),
        footer=values.get("footer"),
    )
    colour = values.get("accent")
    if colour is None:
        return brand
    dark = towards(colour, "#ffffff", DARK_BACKGROUND)
    return replace(brand, accent=colour, accent_dark=dark, custom=True)
