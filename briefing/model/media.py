"""The content model's pictures: image files published with the site, and images as shown."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Picture:
    """An image file published with the site, with what was read of it (size, format)."""

    source: Path  # the file in the content folder
    src: str  # its site URL, base path included
    width: int  # in pixels, as shown (EXIF orientation applied)
    height: int
    format: str  # "svg", "jpeg", "png", "webp" or "gif"
    digest: str  # of its bytes: derived files are named and cached by it

    @property
    def raster(self) -> bool:
        """True for pixel images, which are resized; SVG scales by itself."""
        return self.format != "svg"


@dataclass(frozen=True)
class Image:
    """An issue's hero image or an article's image; `src` is already a site URL."""

    src: str
    alt: str
    caption: str | None
    credit: str | None = None
    file: Picture | None = None  # None for an image on another site
