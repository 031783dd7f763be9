"""The build writes a gzip copy of each text file worth compressing, byte for byte the same once decompressed."""

from __future__ import annotations

import gzip

from lanterne.outputs import precompress


def test_the_build_writes_a_gzip_copy_of_every_text_file_worth_it(make_site):
    built = make_site(extra={"feedback": {"endpoint": "/feedback/reactions"}})
    assert built.ok, built.errors()
    site = built.site
    copies = {path.relative_to(site).as_posix() for path in site.rglob("*.gz")}
    for name in ("index.html", "factures/envoyer/index.html", "embed/index.html", "api/articles.json", "404.html"):
        assert f"{name}.gz" in copies, name
        assert gzip.decompress((site / f"{name}.gz").read_bytes()) == (site / name).read_bytes()
    assert any(name.startswith("assets/stylesheets/main.") and name.endswith(".css.gz") for name in copies)
    assert any(name.startswith("assets/javascripts/bundle.") and name.endswith(".js.gz") for name in copies)
    for path in site.rglob("*"):
        small_text = path.suffix in precompress.SUFFIXES and path.stat().st_size < precompress.THRESHOLD
        if small_text or path.suffix in (".map", ".png", ".pf_meta", ".pf_index", ".pf_fragment", ".pagefind"):
            assert not path.with_name(path.name + ".gz").exists(), path


def test_a_copy_is_reproducible_and_keeps_the_originals_time(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<p>Bonjour</p>" * 200, encoding="utf-8")
    first = precompress.compress(page).read_bytes()
    assert first[4:8] == b"\0\0\0\0"  # no time in the gzip header: the same build gives the same bytes
    assert precompress.compress(page).read_bytes() == first
    assert page.with_name("page.html.gz").stat().st_mtime_ns == page.stat().st_mtime_ns
