"""The site's editions: the default language's issues and pages, and for each other
language the translated issues with their translations laid over the originals.

What an edition holds (docs/content.md, "Languages"): only the issues with a translation
of their index.md; in those, every article, untranslated ones in the original language
(marked with `language`); every free page, likewise; term names in the edition's language
where the taxonomy gives them, else the default's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..digests import digest
from ..errors import Problem
from ..model import (
    Article,
    Author,
    DeclaredTerms,
    Issue,
    NoteworthySection,
    Page,
    SiteConfig,
    Term,
    edition_url,
    editions,
)
from ..release import Release
from .articles import KICKER
from .results import AUTHORS, dumps, loads
from .taxonomy import Vocabulary
from .termnames import terms_in
from .translations import TranslationDraft

Drafts = dict[Path, TranslationDraft]  # of one language, by the file each translates


@dataclass(frozen=True)
class Edition:
    """One language's part of the site, ready to be assembled like the default's."""

    config: SiteConfig
    issues: tuple[Issue, ...]
    pages: tuple[Page, ...]
    vocabularies: tuple[DeclaredTerms, ...]


def check_translations(
    drafts: Iterable[TranslationDraft], config: SiteConfig
) -> tuple[list[TranslationDraft], list[Problem]]:
    """The translations in a declared language of an original that exists; problems for
    the others."""
    languages = editions(config)
    others = {tag.lower(): tag for tag in languages[1:]}
    good, problems = [], []
    for draft in drafts:
        tag = draft.language.lower()
        if tag == languages[0].lower():
            why = (
                f"'{draft.language}' is the default language: the original is {draft.original.name}"
            )
            problems.append(Problem(draft.path, None, f"{why}; remove this file or merge it there"))
        elif tag not in others:
            problems.append(Problem(draft.path, None, undeclared(draft.language, languages)))
        elif not draft.original.is_file():
            message = (
                f"a translation of {draft.original.name}, which does not exist: name it after "
                "the file it translates, with the language before .md (01-plan.de.md)"
            )
            problems.append(Problem(draft.path, None, message))
        else:
            good.append(draft._replace(language=others[tag]))
    return good, problems


def undeclared(language: str, languages: Sequence[str]) -> str:
    """The message for a file whose name gives a language the site does not declare."""
    return (
        f"'{language}' is not one of the site's languages ({', '.join(languages)}): add it to "
        "languages: in site.yaml, or rename the file (a dot before .md gives its language)"
    )


def make_editions(
    config: SiteConfig,
    issues: tuple[Issue, ...],
    pages: tuple[Page, ...],
    drafts: Iterable[TranslationDraft],
    vocabularies: Sequence[Vocabulary],
    release: Release,
    authors: Sequence[Author] = (),
) -> tuple[tuple[Edition, ...], list[Problem], list[str]]:
    """Every edition but the default's, the problems of its translations, and notes on
    what has no translation."""
    good, problems = check_translations(drafts, config)
    made, notes = [], []
    for language in editions(config)[1:]:
        mine = {d.original: d for d in good if d.language == language and release.shows(d.values)}
        edition, found, said = make_edition(
            config, language, issues, pages, mine, vocabularies, authors
        )
        made.append(edition)
        problems += found
        notes += said
    return tuple(made), problems, notes


def make_edition(
    config: SiteConfig,
    language: str,
    issues: tuple[Issue, ...],
    pages: tuple[Page, ...],
    drafts: Drafts,
    vocabularies: Sequence[Vocabulary],
    authors: Sequence[Author] = (),
) -> tuple[Edition, list[Problem], list[str]]:
    """One language's edition, its problems, and notes on what it leaves untranslated."""
    problems: list[Problem] = []
    translated = []
    for issue in issues:
        if issue.source in drafts:
            made, found = translate_issue(issue, drafts, editions(config)[0])
            translated.append(made)
            problems += found
    shown = tuple(translate_page(page, drafts, editions(config)[0]) for page in pages)
    terms, missing = terms_in(vocabularies, language)
    terms.update(((AUTHORS, author.slug), author) for author in authors)  # not translated
    local = loads(dumps(tuple(translated)), terms)  # each term as this language names it
    notes = untranslated(language, issues, drafts, local, shown) + missing_names(
        local, missing, language
    )
    declared = tuple(
        DeclaredTerms(v.taxonomy.key, v.taxonomy.file, tuple(terms[t.taxonomy, t.slug] for t in v.terms))  # noqa: E501
        for v in vocabularies[:2]
    )  # fmt: skip
    return Edition(edition_config(config, language), local, shown, declared), problems, notes


def untranslated(
    language: str,
    issues: tuple[Issue, ...],
    drafts: Drafts,
    translated: tuple[Issue, ...],
    pages: tuple[Page, ...],
) -> list[str]:
    """A note for each issue, article and page with no translation into `language`."""
    notes = [
        f"note: {i.source}: no {language} translation ({i.source.stem}.{language}.md): "
        f"the issue is not in the {language} edition"
        for i in issues
        if i.source not in drafts
    ]
    items = [*(a for i in translated for a in i.articles), *pages]
    notes += [
        f"note: {x.source}: no {language} translation: the {language} edition shows it in "
        f"{x.language}"
        for x in items
        if x.language
    ]
    return notes


def edition_config(config: SiteConfig, language: str) -> SiteConfig:
    """The config of the edition in `language`: its language, URL, title and description."""
    given = next((t for t in config.translations if t[0] == language), (language, None, None))
    return replace(
        config,
        language=language,
        title=given[1] or config.title,
        description=given[2] or config.description,
        base_url=edition_url(config, language),
    )


def translate_issue(issue: Issue, drafts: Drafts, original: str) -> tuple[Issue, list[Problem]]:
    """An issue with its translation laid over it; articles without one stay in `original`."""
    draft = drafts[issue.source]
    noteworthy, problems = translate_noteworthy(issue, draft)
    articles = tuple(translate_article(article, drafts, original) for article in issue.articles)
    key = digest(issue.key, draft.language, draft.key, *(a.key for a in articles))
    made = replace(
        issue,
        key=key,
        source=draft.path,
        title=draft.values["title"],
        summary_html=draft.summary_html or issue.summary_html,
        intro_html=draft.body_html,
        noteworthy=noteworthy,
        articles=articles,
    )
    return made, problems


def translate_noteworthy(
    issue: Issue, draft: TranslationDraft
) -> tuple[tuple[NoteworthySection, ...], list[Problem]]:
    """The issue's Noteworthy items with their translated texts (and section titles), matched
    by position; none given leaves them in the original."""
    if not draft.noteworthy:
        return issue.noteworthy, []
    count = sum(len(section.items) for section in issue.noteworthy)
    if len(draft.noteworthy) != count:
        message = (
            f"noteworthy: {len(draft.noteworthy)} item{'s' * (len(draft.noteworthy) != 1)} "
            f"here and {count} in "
            f"{issue.source.name}: translate each item, in the same order"
        )
        return issue.noteworthy, [Problem(draft.path, draft.noteworthy_line, message)]
    # The items in the order index.md lists them (sections group them on the page).
    places = sorted(
        ((item.line or 0, n, k) for n, section in enumerate(issue.noteworthy)
         for k, item in enumerate(section.items))
    )  # fmt: skip
    given = {(n, k): draft.noteworthy[at] for at, (_, n, k) in enumerate(places)}
    sections = []
    for n, section in enumerate(issue.noteworthy):
        title = given[n, 0][0] or section.title
        items = tuple(
            replace(item, text_html=given[n, k][1]) for k, item in enumerate(section.items)
        )
        sections.append(replace(section, title=title, items=items))
    return tuple(sections), []


def translate_article(article: Article, drafts: Drafts, original: str) -> Article:
    """An article in its translation, or as it is, marked as being in `original`."""
    draft = drafts.get(article.source)
    if draft is None:
        return replace(
            article, language=original, key=digest(article.key, "untranslated", original)
        )
    title = draft.values["title"]
    match = KICKER.fullmatch(title)
    return replace(
        article,
        key=digest(article.key, draft.language, draft.key),
        source=draft.path,
        title=title,
        kicker=match["kicker"] if match else None,
        headline=match["headline"] if match else title,
        summary_html=draft.summary_html or article.summary_html,
        body_html=draft.body_html,
        words=draft.words,
        summary_written=draft.values["summary"] is not None,
    )


def translate_page(page: Page, drafts: Drafts, original: str) -> Page:
    """A free page in its translation, or as it is, marked as being in `original`."""
    draft = drafts.get(page.source)
    if draft is None:
        return replace(page, language=original)
    return replace(
        page,
        source=draft.path,
        title=draft.values["title"],
        summary=draft.values["summary"] or page.summary,
        body_html=draft.body_html,
    )


def missing_names(issues: tuple[Issue, ...], missing: list[Term], language: str) -> list[str]:
    """One note for the terms the edition shows that have no name in its language."""
    used = {t for i in issues for a in i.articles for t in (*a.sectors, *a.bodies)}
    used |= {
        t for i in issues for s in i.noteworthy for n in s.items for t in (*n.sectors, *n.bodies)
    }
    lacking = sorted({f"{t.taxonomy}/{t.slug}" for t in missing if t in used})
    if not lacking:
        return []
    shown = ", ".join(lacking[:8]) + (f" and {len(lacking) - 8} more" if len(lacking) > 8 else "")
    how = f"give them translations: {language}: name: in content/taxonomies/"
    return [
        f"note: {len(lacking)} terms have no {language} name and show the default language's in "
        f"the {language} edition: {shown} ({how})"
    ]
