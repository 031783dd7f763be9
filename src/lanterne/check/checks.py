"""Each content check on the built sites: it returns a summary of what it counted and one line per problem."""

from __future__ import annotations

import functools
from typing import Any

from lanterne.check import accessibility, api, embed, leaks, links, pages, search
from lanterne.check.builds import Build
from lanterne.check.context import Context
from lanterne.check.pages import Sampled
from lanterne.check.report import plural

Result = tuple[str, list[str]]


def check_links(context: Context) -> Result:
    """Every internal link, src and #anchor of every page of every build resolves."""
    counts, problems = [], []
    for build in context.builds:
        site = context.site(build)
        checked, broken = links.broken_links(site, build.site_url)
        counts.append(f"{build.label}: {plural(checked, 'reference')} in {plural(len(site.pages), 'page')}")
        problems += [f"{build.label}/{line}" for line in broken]
    return "; ".join(counts), problems


def check_leaks(context: Context) -> Result:
    """No internal article's title, URL or id, and no internal note's text, in any public file or file name."""
    secrets = context.secrets()
    outputs = leaks.read_outputs(context.public.site)
    found = leaks.find_leaks(outputs, secrets)
    notes = sum(1 for secret in secrets if secret.origin.startswith("internal note in "))
    summary = (
        f"{plural(len(context.internal), 'internal article')}, {plural(notes, 'internal note phrase')}; "
        f"{plural(len(outputs), 'public file')} scanned"
    )
    return summary, [f"{context.public.label}/{line}" for line in found]


def check_embed(context: Context) -> Result:
    """The embed homes and sampled embed articles fit the budget, gzipped with their scripts and stylesheets."""
    build = context.public
    site = context.site(build)
    sampled = pages.embedded(sample(context), default_language=context.settings.default_language)
    paths = [f"{page.path}index.html" for page in sampled]
    weights, problems = embed.over_budget(paths, lambda path: (build.site / path).read_bytes() if path in site.files else None)
    heaviest = max(weights.values(), default=0)
    summary = f"{plural(len(paths), 'embed page')}, the heaviest {heaviest / 1024:.1f} KB of {embed.BUDGET / 1024:.0f} KB"
    return summary, [f"{build.label}/{line}" for line in problems]


def check_api(context: Context) -> Result:
    """The API's documents match their schema in every build, and every path they list is in the build."""
    counts, problems = [], []
    for build in context.builds:
        site = context.site(build)
        read_count, found = api.check_api(site.json, lambda path, files=site.files: path in files, _api_base(build))
        counts.append(f"{build.label}: {plural(read_count, 'document')}")
        problems += [f"{build.label}/{line}" for line in found]
    return "; ".join(counts), problems


def check_accessibility(context: Context, browser: Any, bases: dict[str, str]) -> Result:
    """axe-core finds no serious or critical violation on a sample of each kind of page, in each build and scheme."""
    public = sample(context)
    embedded = pages.embedded(public, default_language=context.settings.default_language)
    chosen = {"public": public + embedded[:1] + [s for s in embedded if s.name.startswith("embed article")][:1]}
    if len(context.builds) > 1:
        chosen["internal"] = [Sampled(f"internal article {a.lang}", a.url) for a in context.internal[:1]]
    problems = []
    for label, sampled in chosen.items():
        problems += accessibility.audit_pages(browser, bases[label], sampled, label)
    count = sum(len(sampled) for sampled in chosen.values())
    names = ", ".join(dict.fromkeys(s.name.rsplit(" ", 1)[0] for v in chosen.values() for s in v))
    note = "; the content has no internal article" if "internal" in chosen and not chosen["internal"] else ""
    return f"{plural(count, 'page')} ({names}), each in the light and dark schemes{note}", problems


def check_search(context: Context, browser: Any, base: str, query_set: search.QuerySet) -> Result:
    """Every query of docs/.search-queries.yml through the real client: hit@3 (and hit@1) reach their bars."""
    ids = {entry["id"] for entry in context.site(context.public).json(api.ARTICLES)["articles"]}
    problems = search.unknown_ids(query_set, ids)
    home = functools.partial(pages.home, default_language=context.settings.default_language)
    outcomes = search.run(browser, base, query_set.queries, home)
    values = search.figures(outcomes)
    problems += search.below(outcomes, query_set.thresholds)
    bars = ", ".join(f"{name} >= {bar:.2f}" for name, bar in sorted(query_set.thresholds.items(), reverse=True))
    return f"{len(outcomes):,} queries: hit@3 = {values['hit@3']:.2f}, hit@1 = {values['hit@1']:.2f} (bars: {bars})", problems


def sample(context: Context) -> list[Sampled]:
    """Pick the public build's sample pages: per language, home, collection, article and tag page."""
    build = context.public
    site = context.site(build)
    return pages.pick(
        site.json(api.ARTICLES),
        site.json(api.COLLECTIONS),
        default_language=context.settings.default_language,
        tag_of=lambda path: pages.tag_page(build.site, path),
    )


def _api_base(build: Build) -> str:
    """Return the address every API URL starts with: site_url, or '/' for a site without one."""
    return (build.config and build.config.site_url) or "/"
