"""`lanterne cms`: write the editor (Decap CMS at /admin/) into the internal build, configured from the site's own schema."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from lanterne.cms import backend, config, site, write


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `lanterne cms`."""
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.internal.yml"), help="the internal build's configuration")
    parser.add_argument("--site-dir", type=Path, help="the built internal site to add admin/ to (default: the configuration's site_dir)")
    parser.add_argument("--local-proxy", metavar="URL", help="save through decap-server on the working tree (make edit), at this URL")
    parser.add_argument("--editorial-workflow", action="store_true", help="with --local-proxy: drafts as branches (decap-server MODE=git)")
    parser.add_argument("--node-modules", type=Path, default=Path("node_modules"), help="where `npm ci` installed Decap CMS")


def run(args: argparse.Namespace) -> int:
    """Generate the configuration and write admin/; a wrong setting or a missing bundle is said in one line (exit code 2)."""
    try:
        edited = site.read(args.config_file)
        if edited.audience != "internal":
            public = f"{args.config_file}: builds the public help centre"
            raise site.SiteError(f"{public}; the editor is only served by the internal build (-f mkdocs.internal.yml)")
        generated = _config(edited, args)
        site_dir = args.site_dir or _site_dir(args.config_file)
        write.write(edited, generated, site_dir / "admin", args.node_modules)
    except (site.SiteError, backend.OptionsError, write.BundleMissingError) as error:
        print(f"lanterne cms: {error}", file=sys.stderr)
        return 2
    print(f"lanterne cms: the editor is in {site_dir / 'admin'}/ ({len(generated['collections'])} entry lists)")
    return 0


def _config(edited: site.EditedSite, args: argparse.Namespace) -> dict:
    """Decap's configuration for the local proxy or for the git host the settings name."""
    if args.local_proxy:
        chosen = backend.local_proxy(args.local_proxy, _branch(edited.root))
        workflow = args.editorial_workflow
    else:
        options = _editor_options(args.config_file)
        if options is None:
            raise site.SiteError(f"{args.config_file}: extra.lanterne.editor is not set; name the git host the editor saves to")
        chosen, workflow = backend.git_host(options)
    generated = config.decap_config(edited, backend=chosen)
    if workflow:
        generated["publish_mode"] = "editorial_workflow"
    return generated


def _editor_options(config_file: Path) -> object:
    """The `extra.lanterne.editor` mapping as the configuration (and what it inherits) writes it."""
    from mkdocs.config import load_config

    return (load_config(config_file=str(config_file)).extra.get("lanterne") or {}).get("editor")


def _site_dir(config_file: Path) -> Path:
    """The internal build's folder, as its configuration names it."""
    from mkdocs.config import load_config

    return Path(load_config(config_file=str(config_file)).site_dir)


def _branch(root: Path) -> str:
    """The branch checked out in the working tree, which the local proxy reads and writes."""
    result = subprocess.run(["git", "-C", str(root), "rev-parse", "--abbrev-ref", "HEAD"], capture_output=True, text=True, check=False)
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() != "HEAD" else "main"
