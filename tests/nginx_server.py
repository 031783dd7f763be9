"""Debian's nginx for tests: a site file inside a main configuration of its own, with every path in a temporary folder."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

MIME_TYPES = Path("/etc/nginx/mime.types")  # Debian's, as /etc/nginx/nginx.conf includes it
# Debian's nginx.conf, reduced to what a test needs: logs and temp files in the prefix; workers run as the test's user
# (as root, nginx would hand them to `nobody`, who cannot read the test's temporary folders).
MAIN = """\
{user}pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
worker_processes 1;
events {{ worker_connections 256; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    sendfile on;
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {site};
}}
"""


def nginx_binary() -> str:
    """Debian's nginx; a clear failure, never a skip, when it is missing."""
    found = shutil.which("nginx") or next((str(p) for p in (Path("/usr/sbin/nginx"),) if p.is_file()), None)
    if found is None:
        pytest.fail("nginx is not installed: run `make nginx` (Debian's nginx package), as `make test` does")
    return found


def write_main(prefix: Path, site: Path) -> Path:
    """Write the main configuration that includes `site`; return its path."""
    prefix.mkdir(parents=True, exist_ok=True)
    main = prefix / "nginx.conf"
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
    main.write_text(MAIN.format(user=user, prefix=prefix, mime_types=MIME_TYPES, site=site), encoding="utf-8")
    return main


def check_config(prefix: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """Run `nginx -t` on the site file: does nginx accept it?"""
    main = write_main(prefix, site)
    return subprocess.run(
        [nginx_binary(), "-t", "-p", str(prefix), "-c", str(main), "-e", str(prefix / "error.log")], capture_output=True, text=True
    )


@contextlib.contextmanager
def running_nginx(prefix: Path, site: Path, port: int) -> Iterator[None]:
    """nginx in the foreground (a child of the test, not a daemon) serving the site file on 127.0.0.1:port."""
    checked = check_config(prefix, site)
    assert checked.returncode == 0, checked.stderr
    command = [nginx_binary(), "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", str(prefix / "error.log"), "-g", "daemon off;"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_port(port, process)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 10.0) -> None:
    """Wait until something listens on 127.0.0.1:port; fail with the process's complaint if it died first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{process.args[0]} exited with {process.returncode}: {process.stderr.read() if process.stderr else ''}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return
        time.sleep(0.05)
    pytest.fail(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


def free_port() -> int:
    """A port free on 127.0.0.1 now, for a server that must know its port before it starts (nginx, a site_url)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
