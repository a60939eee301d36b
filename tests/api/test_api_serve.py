"""`detente serve`: loopback unless --public, the token from the environment, a real start."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import typer
from typer.testing import CliRunner

from detente.cli.serve import is_loopback, serve, url_host
from detente.errors import ApiError, StoreError

# The command as `detente serve` runs it, without depending on where the CLI registers it.
SERVE = typer.Typer()
SERVE.command()(serve)
SERVE_SCRIPT = (
    "import typer; from detente.cli.serve import serve; "
    "app = typer.Typer(); app.command()(serve); app()"
)


def invoke(*args: str, env: dict[str, str] | None = None) -> BaseException | None:
    result = CliRunner().invoke(SERVE, list(args), env=env)
    return result.exception


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("192.168.1.20", False),
        ("::", False),
        ("example.org", False),
    ],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_url_host_brackets_ipv6() -> None:
    assert url_host("::1") == "[::1]"
    assert url_host("127.0.0.1") == "127.0.0.1"
    assert url_host("localhost") == "localhost"


def test_refuses_a_public_address_without_public(examples_db: Path) -> None:
    error = invoke("--db", str(examples_db), "--host", "0.0.0.0")
    assert isinstance(error, ApiError)
    assert str(error).startswith("[E940] refusing to serve on 0.0.0.0")


def test_refuses_an_empty_token(examples_db: Path) -> None:
    error = invoke("--db", str(examples_db), env={"DETENTE_API_TOKEN": " "})
    assert isinstance(error, ApiError)
    assert str(error).startswith("[E941] environment variable DETENTE_API_TOKEN is set but empty")


def test_refuses_a_missing_database(tmp_path: Path) -> None:
    missing = tmp_path / "none.duckdb"
    error = invoke("--db", str(missing))
    assert isinstance(error, StoreError)
    assert str(error).startswith(f"[E711] no database at {missing}")
    assert not missing.exists()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_serves_the_dashboard_and_the_api(examples_db: Path, tmp_path: Path) -> None:
    # a copy: with a token the server opens the database for writing, which DuckDB allows one
    # process at a time, and this process has the examples open
    db = tmp_path / "served.duckdb"
    db.write_bytes(examples_db.read_bytes())
    port = free_port()
    env = {**os.environ, "DETENTE_API_TOKEN": "t0ken"}
    command = [sys.executable, "-c", SERVE_SCRIPT, "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        first_line = server.stdout.readline()
        assert first_line.startswith(f"detente dashboard at http://127.0.0.1:{port}/ (accepting")
        base = f"http://127.0.0.1:{port}"
        stats = _get_when_up(f"{base}/api/stats")
        assert stats.json()["documents"] == 5
        assert "content-security-policy" in stats.headers
        assert httpx.get(f"{base}/").text.startswith("<!doctype html>")
        rebound = httpx.get(f"{base}/api/stats", headers={"Host": f"attacker.example:{port}"})
        assert rebound.status_code == 400
        refused = httpx.post(f"{base}/api/documents", json={"text": "x"})
        assert refused.status_code == 401
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_port_in_use_is_one_coded_line_before_any_banner(examples_db: Path) -> None:
    """It printed the banner, then uvicorn failed to bind and exited 3."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [sys.executable, "-m", "detente", "serve", "--db", str(examples_db)]
        done = subprocess.run(
            [*command, "--port", str(port)], capture_output=True, text=True, timeout=60
        )
    assert done.returncode == 101  # EXIT_FATAL
    assert done.stdout == ""  # no "dashboard at" banner
    assert done.stderr.startswith(f"error: [E951] cannot listen on 127.0.0.1:{port}: ")
    assert "in use" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1  # no traceback


def test_a_host_that_does_not_resolve_is_a_coded_error(examples_db: Path) -> None:
    error = invoke("--db", str(examples_db), "--host", "no-such-host.invalid", "--public")
    assert isinstance(error, ApiError)
    assert str(error).startswith("[E951] cannot listen on no-such-host.invalid:8000: ")


def _get_when_up(url: str) -> httpx.Response:
    deadline = time.monotonic() + 15
    while True:
        try:
            return httpx.get(url)
        except httpx.ConnectError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
