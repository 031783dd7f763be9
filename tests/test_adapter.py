"""The adapter: one build object per build, settings checked once, the engine's theme, the brand colour."""

from __future__ import annotations

import json
import re

import pytest
from conftest import MATERIAL, PALETTE, run_build, write_site

from lanterne import settings
from lanterne.adapter import theme

NEW_ARTICLE = "---\ntitle: Relancer un client\nauthor: lea\nupdated: 2024-10-01\n---\n\nTexte.\n"


def test_a_rebuild_in_the_same_process_never_sees_the_last_build(tmp_path):
    first = run_build(write_site(tmp_path / "one", {}, extra={"feedback": {"endpoint": "/feedback/reactions"}}))
    second = run_build(
        write_site(tmp_path / "two", {"factures/envoyer.md": None, "factures/envoyer.en.md": None, "factures/relancer.md": NEW_ARTICLE})
    )
    assert first.ok and second.ok, second.errors()
    listed = json.loads((second.site / "api/articles.json").read_text(encoding="utf-8"))
    assert [article["id"] for article in listed["articles"]] == ["factures/relancer"]
    assert not (second.site / "lanterne/feedback-manifest.json").exists()
    assert not (second.site / "embed/factures/envoyer").exists()
    tags = second.html("tags/").select(".lt-tag-listing h2")
    assert tags == []


# Columns: extra.lanterne as written, the message expected.
BAD_SETTINGS = [
    ({"audience": "interne"}, "mkdocs.yml: extra.lanterne.audience: 'interne' is not allowed; expected one of: public, internal"),
    (
        {"langages": ["fr"]},
        "mkdocs.yml: extra.lanterne.langages: unknown key (did you mean 'languages'?); expected one of: audience, languages, "
        "default_language, brand_color, embed_origins, embeds, review_every, feedback, health, contact, editor, analytics",
    ),
    ({"brand_color": "green"}, "mkdocs.yml: extra.lanterne.brand_color: 'green' is not a colour; expected a hex colour such as '#0f6e5c'"),
    ({"languages": "fr"}, "mkdocs.yml: extra.lanterne.languages: got 'fr' (text); expected a list of language codes, such as [fr, en]"),
]


@pytest.mark.parametrize(("options", "message"), BAD_SETTINGS)
def test_settings_are_checked_with_the_key_and_the_value(options, message):
    with pytest.raises(settings.SettingsError) as caught:
        settings.parse(options, site_url=None, theme_language="fr")
    assert caught.value.problems == [message]


def test_languages_default_to_the_theme_language():
    checked = settings.parse({}, site_url=None, theme_language="fr")
    assert (checked.core.languages, checked.core.default_language, checked.core.audience) == (("fr",), "fr", "public")


def test_a_settings_mistake_stops_the_build_with_its_message(make_site):
    built = make_site(extra={"audience": "interne"})
    assert not built.ok
    assert built.errors()[0] == "mkdocs.yml: extra.lanterne.audience: 'interne' is not allowed; expected one of: public, internal"


def test_a_site_with_its_own_favicon_keeps_it(make_site):
    built = make_site(
        {"assets/logo.svg": "<svg/>"}, config={"theme": {"name": "material", "favicon": "assets/logo.svg", "palette": PALETTE}}
    )
    assert built.ok, built.errors()
    assert built.html("factures/envoyer/").select_one("link[rel=icon]")["href"] == "../../assets/logo.svg"
    assert not (built.site / "assets/lanterne-favicon.svg").exists()


def test_the_brand_colour_reaches_pages_embeds_and_the_widget(make_site):
    built = make_site(extra={"brand_color": "#7a2e8f"}, config={"site_name": 'Aide "Ardoise" \\ </script>'})
    assert built.ok, built.errors()
    for page in ("factures/envoyer/", "embed/factures/envoyer/"):
        assert "--lt-brand:#7a2e8f" in (built.site / page / "index.html").read_text(encoding="utf-8")
    widget = (built.site / "assets/lanterne-widget.js").read_text(encoding="utf-8")
    built_line = 'const built = {"name": "Aide \\"Ardoise\\" \\\\ </script>", "brand": "#7a2e8f", "onBrand": "#ffffff"}; // lanterne:build'
    assert built_line in widget
    # One file on the host's page: the shared helpers are written into it, once.
    assert "// lanterne:shared" not in widget and widget.count("window.LanterneShared ||=") == 1


def test_a_mis_indented_feature_list_is_an_error(make_site):
    built = make_site(config={"theme": {"name": "material", "language": "fr", "features": ["navigation.prune - content.code.copy"]}})
    assert not built.ok
    assert (
        "mkdocs.yml: theme.features: 'navigation.prune - content.code.copy' is not a feature Material knows; "
        "expected one per line, such as navigation.prune"
    ) in built.errors()


def test_every_feature_the_engine_accepts_is_one_material_reads():
    sources = [path.read_text(encoding="utf-8") for path in (MATERIAL / "templates").rglob("*.html")]
    sources += [path.read_text(encoding="utf-8") for path in (MATERIAL / "templates/assets/javascripts").glob("bundle.*.min.js")]
    text = "\n".join(sources)
    unread = [feature for feature in sorted(theme.MATERIAL_FEATURES) if not re.search(rf"[\"']{re.escape(feature)}[\"']", text)]
    assert unread == []


def test_the_site_lists_no_engine_file_and_its_own_overrides_come_first(tmp_path):
    overrides = tmp_path / "overrides" / "lanterne"
    overrides.mkdir(parents=True)
    (overrides / "contact.html").write_text('<p class="site-own-contact">Appelez-nous</p>\n', encoding="utf-8")
    theme_config = {"name": "material", "language": "fr", "custom_dir": str(tmp_path / "overrides")}
    built = run_build(write_site(tmp_path, {}, extra={"contact": {"url": "/contact/"}}, config={"theme": theme_config}))
    assert built.ok, built.errors()
    page = built.html("factures/envoyer/")
    assert page.select_one(".site-own-contact").get_text() == "Appelez-nous"
    assert page.select_one('link[href$="assets/stylesheets/lanterne.css"]')
