"""`extra.lanterne` in mkdocs.yml: declared once, validated once, with errors that name the key and the value."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from lanterne.content import periods, safe_text, wording
from lanterne.content.model import Settings
from lanterne.views import contact, languages, reactions

WHERE = "mkdocs.yml: extra.lanterne"
DEFAULT_BRAND = "#0f6e5c"
_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")
# MkDocs' own settings that pages, feeds, the health downloads and the nginx file print.
SITE_KEYS = (
    *("site_name", "site_description", "site_author", "copyright", "repo_name"),
    *("site_url", "repo_url", "edit_uri", "edit_uri_template"),
)
_SITE_URLS = {
    "site_url": "an address of scheme, host and path only, such as https://aide.example.com/",
    "repo_url": "an http(s) URL, such as https://git.example.com/support/aide",
    "edit_uri": "a path relative to repo_url, such as edit/main/docs/, or an http(s) URL",
    "edit_uri_template": "a path relative to repo_url with {path}, such as edit/main/docs/{path}, or an http(s) URL",
}


def is_color(value: str) -> bool:
    """Tell whether a text is a CSS hex colour (#rgb or #rrggbb), the one form pages, embeds and the widget all use."""
    return bool(_COLOR.fullmatch(value))


def _check_color(value: Any) -> Any:
    """Accept a CSS hex colour."""
    if isinstance(value, str) and not is_color(value):
        raise ValueError(f"{value!r} is not a colour; expected a hex colour such as '#0f6e5c'")
    return value


def _check_source(value: Any) -> Any:
    """Accept an http(s) URL or a file path: never a URL of another scheme (file:, ftp:, javascript:)."""
    if isinstance(value, str) and (not value.strip() or (_SCHEME.match(value) and not value.startswith(("http://", "https://")))):
        raise ValueError(f"{value!r} is neither an http(s) URL nor a file path; expected for example https://feedback.example/report")
    return value


def _check_origin(value: Any) -> Any:
    """Accept an origin as browsers send it: scheme, host and optional port, nothing after."""
    if isinstance(value, str) and not _ORIGIN.fullmatch(value):
        raise ValueError(f"{value!r} is not an origin; expected scheme and host only, such as 'https://app.example.com'")
    return value


def _check_player(value: Any) -> Any:
    """Accept the https origin of a video host whose players articles embed, such as https://www.youtube-nocookie.com."""
    if isinstance(value, str) and not (_ORIGIN.fullmatch(value) and value.startswith("https://")):
        raise ValueError(f"{value!r} is not an https origin; expected scheme and host only, such as 'https://www.youtube-nocookie.com'")
    return value


class FeedbackOptions(BaseModel):
    """`extra.lanterne.feedback`: where reactions go (checked by reactions.endpoint), and where the internal build reads them back."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    endpoint: Any = None
    report: Annotated[str, BeforeValidator(_check_source)] | None = None
    searches: Annotated[str, BeforeValidator(_check_source)] | None = None


class HealthOptions(BaseModel):
    """`extra.lanterne.health`: the thresholds of the internal build's content-health page."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    min_votes: Annotated[int, Field(ge=1)] = 3
    stale_after: Annotated[int, Field(ge=1)] = 365


class LanterneOptions(BaseModel):
    """The keys `extra.lanterne` accepts; `feedback`, `contact` and `editor` are checked by their own modules."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    audience: Literal["public", "internal"] = "public"
    languages: list[str] | None = None
    default_language: str | None = None
    brand_color: Annotated[str, BeforeValidator(_check_color)] = DEFAULT_BRAND
    embed_origins: list[Annotated[str, BeforeValidator(_check_origin)]] = []
    embeds: list[Annotated[str, BeforeValidator(_check_player)]] = []
    review_every: Annotated[periods.Period, BeforeValidator(periods.parse)] | None = None
    feedback: FeedbackOptions | None = None
    health: HealthOptions = HealthOptions()
    contact: Any = None
    editor: Any = None  # the editor's git host, checked by lanterne.cms (only `lanterne cms` reads it)
    # Article views, searches and contact clicks sent to the feedback service (no cookie, no personal data); false: none.
    analytics: bool = True


@dataclass(frozen=True)
class SiteSettings:
    """Everything a build is configured to do, validated: the core's Settings and the site-wide options."""

    core: Settings
    brand_color: str
    site_url: str
    feedback_endpoint: str | None
    contact: contact.Contact | None
    embed_origins: tuple[str, ...] = ()
    report: tuple[str, ...] = ()
    health: HealthOptions = field(default_factory=HealthOptions)
    analytics: bool = True


class SettingsError(Exception):
    """Raised when `extra.lanterne` is wrong; carries one `mkdocs.yml: extra.lanterne.key: ...` line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def parse(options: object, *, site_url: str | None, theme_language: str) -> SiteSettings:
    """Validate `extra.lanterne`; raise SettingsError listing every problem."""
    if options is None:
        options = {}
    if controls := list(dict.fromkeys(safe_text.controls_in(options))):
        raise SettingsError([f"{WHERE}.{key}: holds control characters or line breaks; {safe_text.NO_CONTROL}" for key in controls])
    try:
        checked = LanterneOptions.model_validate(options)
    except ValidationError as error:
        raise SettingsError([_message(detail) for detail in error.errors()]) from None
    langs = tuple(checked.languages or (theme_language,))
    default = checked.default_language or langs[0]
    problems = [f"mkdocs.yml: {line}" for line in languages.check_settings(langs, default)]
    feedback = checked.feedback or FeedbackOptions()
    endpoint, found = reactions.endpoint(None if checked.feedback is None else {"endpoint": feedback.endpoint}, site_url=site_url)
    problems += found
    contact_settings, found = contact.parse(checked.contact)
    problems += found
    if problems:
        raise SettingsError(problems)
    core = Settings(
        default_language=default,
        languages=langs,
        audience=checked.audience,
        review_every=checked.review_every,
        embeds=tuple(origin.lower() for origin in checked.embeds),
    )
    report = tuple(source for source in (feedback.report, feedback.searches) if source)
    return SiteSettings(
        core,
        checked.brand_color,
        site_url or "/",
        endpoint,
        contact_settings,
        tuple(checked.embed_origins),
        report,
        checked.health,
        analytics=checked.analytics,
    )


def check_site(values: dict[str, Any]) -> list[str]:
    """Check MkDocs' own settings that land in pages and files (SITE_KEYS); one `mkdocs.yml: key: ...` line per problem."""
    problems = []
    for key, value in values.items():
        if not isinstance(value, str) or not value:
            continue
        if safe_text.has_control(value):
            problems.append(f"mkdocs.yml: {key}: {value!r} holds control characters or line breaks; {safe_text.NO_CONTROL}")
        elif key in _SITE_URLS and not _is_site_url(key, value):
            problems.append(f"mkdocs.yml: {key}: {value!r} is not a link a page can carry safely; expected {_SITE_URLS[key]}")
    return problems


def _is_site_url(key: str, value: str) -> bool:
    """Tell whether a URL setting has the form its key needs."""
    if key == "site_url":
        return bool(safe_text.SITE_URL.fullmatch(value))
    if key == "repo_url":
        return safe_text.is_web_url(value)
    filled = value.replace("{path_noext}", "x").replace("{path}", "x")
    return safe_text.is_web_url(filled) or bool(safe_text.RELATIVE.fullmatch(filled))


def _message(detail: dict[str, Any]) -> str:
    """One problem with a key of extra.lanterne, worded as every validation error is (lanterne.content.wording)."""
    loc = tuple(detail["loc"])
    key = wording.key_of(loc)
    where = f"{WHERE}.{key}" if key else WHERE
    keys = _fields_at(loc[:-1]) if detail["type"] == "extra_forbidden" else ()
    return f"{where}: {wording.explain(detail, keys=keys, expected=_expected(key, loc))}"


def _expected(key: str, loc: tuple[Any, ...]) -> str | None:
    """What a key holds, where the type alone does not say it."""
    if key.startswith("languages"):
        return "a list of language codes, such as [fr, en]"
    if key.startswith("health."):
        return "a whole number"
    if not key:
        return "a mapping of settings (audience, languages, ...)"
    if key in ("feedback", "health"):
        return f"a mapping with the keys {', '.join(_fields_at(loc))}"
    return None


def _fields_at(loc: tuple[Any, ...]) -> list[str]:
    """The keys the schema accepts at a place in extra.lanterne (its top level, feedback or health)."""
    model: type[BaseModel] = LanterneOptions
    for part in loc:
        model = {"feedback": FeedbackOptions, "health": HealthOptions}.get(str(part), model)
    return list(model.model_fields)
