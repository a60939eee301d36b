"""A throwaway PostgreSQL server for the tests: initdb into a temp dir, loopback only, trust auth.

`pg_server` (session) starts one server on 127.0.0.1 at a free port, with its unix socket in the
same temp dir, and stops and deletes it at the end. `pg_url` gives each test a fresh schema (as
good as a fresh database for the store, and far faster); `pg_server.create_database()` makes a
whole database. As root the server runs as the `postgres` system user (PostgreSQL refuses to
run as root). Without PostgreSQL's binaries the tests that need it are skipped, or fail when
CI=true, since CI installs them (.ci/run).
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import pytest

SUPERUSER = "detente"
RUN_AS = "postgres"  # the system user the server runs as when the tests run as root
# Settings for a fast, disposable server: durability is not what these tests are about (a killed
# client, not a killed server), and the server never listens beyond loopback.
SERVER_OPTIONS = (
    "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
    "-c full_page_writes=off -c max_connections=40"
)
SHARED_DATABASE = "tests"  # holds a schema per test (see create_schema)
HBA = "local all all trust\nhost all all 127.0.0.1/32 trust\n"


def find_bindir() -> Path | None:
    """The folder with initdb and pg_ctl: pg_config's, Debian's newest, or on the PATH."""
    candidates: list[Path] = []
    if pg_config := shutil.which("pg_config"):
        found = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        candidates.append(Path(found.stdout.strip()))
    versions = glob.glob("/usr/lib/postgresql/*/bin")
    candidates.extend(Path(p) for p in sorted(versions, key=lambda p: int(p.split("/")[-2])))
    if initdb := shutil.which("initdb"):
        candidates.append(Path(initdb).resolve().parent)
    return next(
        (c for c in candidates if (c / "initdb").exists() and (c / "pg_ctl").exists()), None
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    bindir: Path
    root: Path  # the temp dir: data/, the socket and the log
    port: int = 0
    _as_user: list[str] = field(default_factory=list)
    _names: Iterator[int] = field(default_factory=itertools.count)
    _shared: bool = False  # SHARED_DATABASE exists

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def log(self) -> Path:
        return self.root / "server.log"

    def url(self, database: str) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        if os.geteuid() == 0:
            user = _system_user(RUN_AS)
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self._as_user = ["runuser", "-u", RUN_AS, "--"]
        self._run(
            "initdb",
            f"--pgdata={self.data}",
            f"--username={SUPERUSER}",
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",
            "--no-sync",
        )
        (self.data / "pg_hba.conf").write_text(HBA, encoding="utf-8")
        self.port = free_port()
        options = f"{SERVER_OPTIONS} -p {self.port} -k {self.root}"
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def create_database(self) -> str:
        """A new, empty database; returns its URL."""
        name = f"test_{next(self._names)}"
        self._admin("postgres", f"CREATE DATABASE {name}")
        return self.url(name)

    def create_schema(self) -> str:
        """The URL of a new, empty schema in the shared database `tests`, made the search_path.

        As good as a new database for the store (which works in whatever schema the connection
        uses) and a thousand times faster to make: under a millisecond, not about a second.
        """
        if not self._shared:
            self._admin("postgres", f"CREATE DATABASE {SHARED_DATABASE}")
            self._shared = True
        name = f"test_{next(self._names)}"
        self._admin(SHARED_DATABASE, f"CREATE SCHEMA {name}")
        return f"{self.url(SHARED_DATABASE)}?options=-csearch_path%3D{name}"

    def _admin(self, database: str, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as admin:
            admin.execute(statement.encode())

    def _run(self, program: str, *arguments: str) -> None:
        command = [*self._as_user, str(self.bindir / program), *arguments]
        done = subprocess.run(command, capture_output=True, text=True, cwd=self.root)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            pytest.fail(f"{program} failed ({done.returncode}): {done.stderr.strip()}\n{log}")


def _system_user(name: str) -> pwd.struct_passwd:
    """The system user `name`, created (no home, no login) when missing."""
    try:
        return pwd.getpwnam(name)
    except KeyError:
        subprocess.run(
            [
                "useradd",
                "--system",
                "--user-group",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                name,
            ],
            check=True,
        )
        return pwd.getpwnam(name)


def _unavailable(reason: str) -> NoReturn:
    message = f"PostgreSQL tests need a server: {reason}; install Debian's postgresql package"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    bindir = find_bindir()
    if bindir is None:
        _unavailable("initdb and pg_ctl not found (pg_config --bindir, /usr/lib/postgresql/*/bin)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("the psycopg package is not installed")
    server = PostgresServer(bindir, Path(tempfile.mkdtemp(prefix="detente-pg-")))
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.root, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: PostgresServer) -> str:
    """The URL of a new, empty schema on the test server, its own search_path."""
    return pg_server.create_schema()
