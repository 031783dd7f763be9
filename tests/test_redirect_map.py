"""docs/.redirects.yml: old paths of another help centre redirect to their pages, in each build that publishes the page;
a wrong entry is an error naming its line; nginx answers each old path with a 301."""

from __future__ import annotations

import http.client
import json

from nginx_server import free_port, running_nginx

from lanterne.cli import main

INTERNAL = "---\ntitle: Procédure interne\nauthor: sophie\nupdated: 2024-09-13\naudience: internal\n---\n\nPour le support.\n"
MAP = """\
redirects:
  hc/fr/articles/360001-Envoyer-une-facture: factures/envoyer.md
  en/articles/12-send-an-invoice: factures/envoyer.en.md
  hc/fr/sections/360002-Factures: factures/index.md
  hc/fr/articles/360003-Interne: factures/interne.md
"""


def _target(built, old: str) -> str:
    refresh = built.html(old).find("meta", attrs={"http-equiv": "refresh"})["content"]
    return refresh.split("url=", 1)[1]


def test_each_old_path_redirects_to_its_page_and_an_internal_one_only_in_the_internal_build(make_site, tmp_path):
    files = {".redirects.yml": MAP, "factures/interne.md": INTERNAL}
    built = make_site(files)
    assert built.ok, built.errors()
    assert _target(built, "hc/fr/articles/360001-Envoyer-une-facture/") == "../../../../factures/envoyer/"
    assert _target(built, "en/articles/12-send-an-invoice/") == "../../factures/envoyer/"
    assert _target(built, "hc/fr/sections/360002-Factures/") == "../../../../factures/"
    assert not (built.site / "hc/fr/articles/360003-Interne").exists()
    moved = {item["from"]: item["to"] for item in json.loads((built.site / "lanterne/redirects.json").read_text())}
    assert moved["/hc/fr/articles/360001-Envoyer-une-facture"] == "/factures/envoyer/"
    assert "/hc/fr/articles/360003-Interne" not in moved
    internal = make_site(files, extra={"audience": "internal"})
    assert internal.ok, internal.errors()
    assert _target(internal, "hc/fr/articles/360003-Interne/") == "../../../../factures/interne/"


def test_a_wrong_entry_is_an_error_with_its_line(make_site):
    text = (
        "redirects:\n"
        "  hc/fr/articles/1-a b: factures/envoyer.md\n"
        "  hc/fr/articles/2: factures/absent.md\n"
        "  factures/envoyer: factures/envoyer.en.md\n"
        "  assets/old: factures/envoyer.md\n"
        '  "hc/x{y}": factures/envoyer.md\n'
    )
    built = make_site({".redirects.yml": text}, strict=True)
    assert not built.ok
    errors = [e for e in built.errors() if e.startswith("docs/.redirects.yml")]
    assert errors == [
        "docs/.redirects.yml:2: redirects.hc/fr/articles/1-a b: 'hc/fr/articles/1-a b' is not a path a web server can redirect "
        "(no spaces, quotes, %, ?, # or braces); expected an old path such as hc/en-us/articles/360001-Reset-your-password: "
        "a docs file such as account/reset.md",
        "docs/.redirects.yml:6: redirects.hc/x{y}: 'hc/x{y}' is not a path a web server can redirect (no spaces, quotes, %, ?, # or "
        "braces); expected an old path such as hc/en-us/articles/360001-Reset-your-password: a docs file such as account/reset.md",
        "docs/.redirects.yml:3: redirects.hc/fr/articles/2: 'factures/absent.md' is not a file of docs/; expected an old path such as "
        "hc/en-us/articles/360001-Reset-your-password: a docs file such as account/reset.md",
        "docs/.redirects.yml:4: redirects.factures/envoyer: 'factures/envoyer' is the address of a published page; expected an old "
        "path no page has",
        "docs/.redirects.yml:5: redirects.assets/old: 'assets/old' is in assets/, where the build writes its own files; expected an "
        "old path such as hc/en-us/articles/360001-Reset-your-password: a docs file such as account/reset.md",
    ]


def test_nginx_answers_each_old_path_with_a_301_to_its_page(make_site, tmp_path):
    built = make_site({".redirects.yml": MAP, "factures/interne.md": INTERNAL}, config={"site_url": "https://aide.example.com/"})
    assert built.ok, built.errors()
    site_file = tmp_path / "lanterne.conf"
    port = free_port()
    config = built.site.parent / "mkdocs.yml"
    assert main(["deploy", "nginx", "--config", str(config), "--internal-config", str(tmp_path / "none.yml"),
                 "--site-dir", str(built.site), "--listen", f"127.0.0.1:{port}", "-o", str(site_file)]) == 0  # fmt: skip
    with running_nginx(tmp_path / "nginx", site_file, port):
        for old, target in (
            ("/hc/fr/articles/360001-Envoyer-une-facture", "/factures/envoyer/"),
            ("/hc/fr/articles/360001-Envoyer-une-facture/?from=mail", "/factures/envoyer/?from=mail"),
            ("/en/articles/12-send-an-invoice", "/en/factures/envoyer/"),
        ):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", old, headers={"Host": "aide.example.com"})
            response = connection.getresponse()
            assert (response.status, response.getheader("Location")) == (301, target), old
            connection.close()
