"""The Renderer: plans each output of the site, and reuses those whose values are unchanged.

Every page is given by a route as its template and the values the template receives; the
page's fingerprint is the key of those same values (see keys.py), so a page the last build
wrote with the same fingerprint is reused, not rendered, and nothing a page shows can
change without its fingerprint changing too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from ..cache import CompiledTemplates, Memo
from ..carry import NO_CARRY, Carry
from ..digests import code_version, digest, folder_digest
from ..model import Site
from ..outputs import REUSED
from .assets import static_assets
from .environment import environment
from .formats.feeds import Feed, json_feed
from .formats.printer import Printer
from .keys import Keys, Later
from .outputs import Outputs
from .units import Planned, Units

Make = Callable[..., tuple[bytes, ...]]
Route = Callable[..., None]


class Link(NamedTuple):
    """A link in the site's navigation."""

    title: str
    path: str


class Renderer:
    """Renders templates into an Outputs collection for one site."""

    def __init__(
        self,
        site: Site,
        templates: Path,
        previous: Mapping[str, str],
        cache: Path | None,
        prefix: str = "",
        printer: Printer | None = None,
        carry: Carry = NO_CARRY,
    ) -> None:
        self.site = site
        self.printer = printer  # lays out PDF editions in a process of its own, if given
        self.cache = cache  # the build cache folder: resized images are kept there
        self.memo = Memo(cache / "memo" if cache else None)  # citations and PDFs
        self.previous = previous
        self.fingerprints: dict[str, str] = {}
        self.carry = carry  # the preview's: keys of unchanged objects and units kept
        self.keys = Keys(carry)
        nav = tuple(Link(page.title, page.path) for page in site.pages)
        # What every page depends on: the code, every template and asset, the config and
        # the navigation, which every page shows (the authors index's link only if it exists).
        has_authors = bool(site.authors)
        self.base = digest(
            code_version(), folder_digest([templates]), self.keys.of(site.config),
            self.keys.of(nav), str(has_authors),
        )  # fmt: skip
        self.assets = static_assets(templates / "static")
        hashed = {name: hashed for name, (hashed, _) in self.assets.items()}
        # Compiling the templates takes longer than an edit's pages: keep them compiled.
        compiled = CompiledTemplates(cache / "templates") if cache else None
        self.env = environment(templates, site.config, assets=hashed, nav=nav, compiled=compiled)
        self.env.globals["authors_index"] = has_authors
        self.out = Outputs(prefix)  # an edition's files go under its folder ("de/")
        # Pages wait for `finish`, when every edition's pages are known: each page links
        # its translations, so they are among its values. Each is kept with the unit
        # planning it, if any (see units.py).
        self.planned: list[tuple[str, str, Path | str, dict[str, Any], Planned | None]] = []
        self.page_paths: dict[str, bool] = {}  # see `paths`
        self.units = Units(self.base)

    def text(self, template: str, **values: Any) -> str:
        """A template rendered to a string."""
        return self.env.get_template(template).render(**values)

    def files(
        self,
        targets: tuple[str, ...],
        how: str,
        make: Make,
        origin: Path | str,
        values: dict[str, Any],
        *,
        large: bool = False,
        slow: bool = False,
        ready: Callable[[], None] | None = None,
    ) -> None:
        """Files that `make(**values)` makes together, reused if the values are unchanged.

        `how` names what makes them (a template, "feed"); `large` files hold the whole
        archive, `slow` ones take a second or so to make, `ready` readies a process to
        make them (see outputs.Pending)."""
        fingerprint = digest(self.base, how, self.keys.of(values))
        unchanged = [self.record(target, fingerprint, origin) for target in targets]
        if all(unchanged):
            for target in targets:
                self.out.add(target, REUSED, origin)
            return
        render = partial(call, make, values)
        self.out.pending(targets, render, origin, large=large, slow=slow, ready=ready)

    def record(self, target: str, fingerprint: str, origin: Path | str) -> bool:
        """Record a file's fingerprint; True if the last build wrote it with the same one."""
        path = self.out.prefix + target
        self.fingerprints[path] = mine = digest(fingerprint, path)
        planned = self.units.recording
        if planned is not None:
            planned.targets.append(path)
            planned.fingerprints.append(mine)
            planned.origins.append(origin)
        return self.previous.get(path) == mine

    def copy(self, target: str, source: Path, origin: Path | str) -> None:
        """A file published as it is."""
        self.out.add(target, source, origin)
        if self.units.recording is not None:
            self.units.recording.copies.append((self.out.prefix + target, source, origin))

    def routed(self, name: str, route: Route, *inputs: Any) -> None:
        """One unit of the site, planned by `route(self, *inputs)`, which reads nothing of
        the site but its `inputs` and config. With a carry, what it planned in the last
        rebuild is planned again instead, if its inputs are the same (see units.py)."""
        if not self.carry.carries:
            route(self, *inputs)
            return
        units = self.units
        key, inputs = (self.out.prefix, name), (units.context, *inputs)
        found = self.carry.found(key, inputs) if units.replay else None
        if found is not None and found.replay(self):
            units.replayed = True
            self.carry.keep(key, inputs, found)
            return
        units.recording = planned = Planned()
        try:
            route(self, *inputs[1:])
        finally:
            units.recording = None
        units.planned.append((key, inputs, planned))

    def page(self, path: str, template: str, origin: Path | str, **values: Any) -> None:
        """One page at a URL path ("x/" is written as x/index.html) from its template and
        the values it receives: the page's values and its re-render keys in one place.

        Values given as `Later(function, ...)` are only computed if the page is rendered.
        """
        self.planned.append((path, template, origin, values, self.units.recording))
        self.page_paths[path] = translated = not untranslated(values)
        if self.units.recording is not None:
            self.units.recording.pages[path] = translated

    def paths(self) -> dict[str, bool]:
        """The URL paths of the pages planned so far, each True if the page is in its
        edition's language, False if it shows an item without a translation."""
        return self.page_paths

    def finish(self, languages: Callable[[str], Any]) -> None:
        """Plan every page, each with `languages(path)`: its translations and switcher;
        then keep the units planned for the next rebuild, if nothing went wrong."""
        for path, template, origin, values, unit in self.planned:
            target = f"{path}index.html" if path.endswith("/") or not path else path
            values = {"ld": None, **values, "page_path": path, "languages": languages(path)}
            self.units.recording = unit
            self.files((target,), template, partial(self.render_page, template), origin, values)
        self.units.recording = None
        self.planned = []
        if not self.out.problems:
            for key, inputs, planned in self.units.planned:
                self.carry.keep(key, inputs, planned)
        self.units.planned = []

    def render_page(self, template: str, **values: Any) -> tuple[bytes]:
        """The bytes of one page."""
        return (self.text(template, **values).encode("utf-8"),)

    def feeds(self, path: str, feed: Callable[..., Feed], origin: str, **values: Any) -> None:
        """A feed as Atom and JSON Feed side by side, made by `feed(**values)` if needed."""
        targets = (f"{path}feed.xml", f"{path}feed.json")
        function = feed.func if isinstance(feed, partial) else feed
        how = f"feed:{function.__module__}.{function.__qualname__}"
        self.files(targets, how, partial(self.render_feed, feed), origin, values)

    def render_feed(self, feed: Callable[..., Feed], **values: Any) -> tuple[bytes, bytes]:
        """A feed's Atom and JSON Feed bytes."""
        made = feed(**values)
        atom = self.text("feed.xml", feed=made).encode("utf-8")
        return atom, json_feed(made, self.site.config)


def untranslated(values: dict[str, Any]) -> bool:
    """True for the page of an article or free page shown in another language (its
    `language`), which is no translation of the page it stands for."""
    item = values.get("page") if values.get("article") is None else values["article"]
    return getattr(item, "language", None) is not None


def call(make: Make, values: dict[str, Any]) -> tuple[bytes, ...]:
    """`make` with the page values, the `Later` ones computed now."""
    return make(**{k: v() if isinstance(v, Later) else v for k, v in values.items()})
