"""Resized images: which files a picture is published as (planned here, as outputs), and
making them with Pillow, each kept in the build cache under its source's content hash.

The same source and settings always give the same bytes (Pillow's encoders are
deterministic; no metadata is written), so a rebuild, a cached build and a parallel one
publish identical files.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PillowImage
from PIL import ImageOps

from ..model import Image, Picture

WIDTHS = (480, 800, 1200, 1600)  # what srcset offers, up to the original's width
EMAIL_WIDTH = 600  # the email's column: clients show one fixed-size raster image
SETTINGS = "q80-q82-v1"  # bump when the encoders' settings below change
FALLBACK = {"jpeg": "jpeg", "png": "png", "gif": "png", "webp": "png"}
SUFFIX = {"jpeg": "jpg", "png": "png", "webp": "webp"}


@dataclass(frozen=True)
class Variant:
    """One resized file of a picture."""

    path: str  # the site path it is written to, without the base path
    width: int
    height: int
    format: str  # "webp", "jpeg" or "png"


@dataclass(frozen=True)
class Sources:
    """What an <img> (in a <picture>) needs: srcsets by type, a fallback src, the size."""

    src: str
    width: int
    height: int
    webp: str = ""  # srcset of the WebP files; empty for an SVG or a remote image
    fallback: str = ""  # srcset in the original's format
    type: str = ""  # the fallback's MIME type


def widths(picture: Picture) -> list[int]:
    """The widths a raster picture is resized to: never wider than the original."""
    chosen = {w for w in WIDTHS if w < picture.width} | {min(picture.width, WIDTHS[-1])}
    chosen.add(min(picture.width, EMAIL_WIDTH))
    return sorted(chosen)


def variants(picture: Picture, base_path: str) -> tuple[Variant, ...]:
    """Every file a raster picture is published as: each width in WebP and in its own
    format, named by its content hash so they can be cached forever."""
    folder, _, name = picture.src.removeprefix(base_path).rpartition("/")
    stem = name.rpartition(".")[0] or name
    made = []
    for width in widths(picture):
        height = max(1, round(picture.height * width / picture.width))
        for kind in ("webp", FALLBACK[picture.format]):
            path = f"{folder}/{stem}.{picture.digest[:8]}-{width}.{SUFFIX[kind]}"
            made.append(Variant(path.lstrip("/"), width, height, kind))
    return tuple(made)


def sources(image: Image, base_path: str) -> Sources:
    """The <picture> sources of an image; a plain src for SVG and remote images."""
    picture = image.file
    if picture is None:
        return Sources(image.src, 0, 0)
    if not picture.raster:
        return Sources(image.src, picture.width, picture.height)
    made = variants(picture, base_path)

    def srcset(kind: str) -> str:
        return ", ".join(f"{base_path}{v.path} {v.width}w" for v in made if v.format == kind)

    fallback = [v for v in made if v.format != "webp"]
    largest = fallback[-1]
    mime = f"image/{fallback[0].format}"
    return Sources(
        base_path + largest.path, picture.width, picture.height, srcset("webp"),
        srcset(fallback[0].format), mime,
    )  # fmt: skip


def email_source(image: Image, base_path: str) -> str | None:
    """The site URL of the 600 px raster file the email shows; None for an SVG (no mail
    client shows one) and the image's own URL for a remote one."""
    picture = image.file
    if picture is None:
        return image.src
    if not picture.raster:
        return None
    width = min(picture.width, EMAIL_WIDTH)
    made = variants(picture, base_path)
    return next(base_path + v.path for v in made if v.width == width and v.format != "webp")


def resize_all(picture: Picture, base_path: str, cache: Path | None) -> tuple[bytes, ...]:
    """The bytes of every variant of a picture, in order; from the cache when it has them."""
    return tuple(resized(picture, v, cache) for v in variants(picture, base_path))


def resized(picture: Picture, variant: Variant, cache: Path | None) -> bytes:
    """One variant's bytes, kept in `cache`/images under the source's hash and settings."""
    stored = None
    if cache is not None:
        name = f"{picture.digest}-{variant.width}-{SETTINGS}.{SUFFIX[variant.format]}"
        stored = cache / "images" / name
        if stored.is_file():
            return stored.read_bytes()
    data = encode(picture.source, variant)
    if stored is not None:
        stored.parent.mkdir(parents=True, exist_ok=True)
        # Written whole under a name of its own, then renamed: parallel renders of the
        # same picture never see half a file.
        temporary = stored.with_name(f"{stored.name}.{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, stored)
    return data


def encode(source: Path, variant: Variant) -> bytes:
    """Resize and encode one variant, without any metadata (EXIF, XMP, ICC)."""
    with PillowImage.open(source) as opened:
        image = ImageOps.exif_transpose(opened)
        alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
        keep = "RGBA" if alpha and variant.format != "jpeg" else "RGB"
        image = image.convert(keep)
        image = image.resize((variant.width, variant.height), PillowImage.Resampling.LANCZOS)
    image.info.clear()
    out = io.BytesIO()
    if variant.format == "webp":
        image.save(out, "WEBP", quality=80, method=4)
    elif variant.format == "jpeg":
        image.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    else:
        image.save(out, "PNG", optimize=True)
    return out.getvalue()
