"""Hostile inputs through the real CLI: exit code, traceback, time and peak memory of each case.

    python benchmarks/hostile_inputs.py [--only NAME ...] [--timeout SECONDS]

Each case builds its inputs in a temporary folder, runs `detente …` as a separate process (with
its worker processes, if any) and checks what a user must be able to rely on: no traceback on
stderr, no hang (killed at --timeout), the expected exit code, every good document stored exactly
once, and the peak resident memory of the largest process of the run (from wait4: the command
and the children it waited for) under 2 GB. Memory and time are printed, never asserted in the
test suite: the regression tests in tests/ check the behaviour of the same cases.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

MEMORY_LIMIT_MB = 2048
_held_sockets: list[socket.socket] = []
SENTENCE = "The foreign ministers of Norway and Finland met in Oslo on Monday, officials said. "


@dataclass
class Run:
    code: int | None  # None: killed at the timeout
    out: str
    err: str
    seconds: float
    peak_mb: float


@dataclass
class Case:
    name: str
    args: Callable[[Path], list[str]]  # the CLI arguments, given the case folder
    expected_code: int | Callable[[int], bool]
    stored: int | None = None  # documents the database must hold afterwards
    env: dict[str, str] = field(default_factory=dict)
    stdin: bytes | None = None


def detente(args: list[str], env: dict[str, str], stdin: bytes | None, timeout: float) -> Run:
    """Run the CLI as a user would; the peak RSS of the largest process in its tree from wait4
    (Linux folds the peak of each child a process reaps into its own figure)."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "detente", *args],
        env={**os.environ, **env},
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    streams: dict[str, bytes] = {}
    readers = [
        threading.Thread(target=lambda n=name, s=stream: streams.__setitem__(n, s.read()))
        for name, stream in (("out", proc.stdout), ("err", proc.stderr))
    ]
    for reader in readers:
        reader.start()
    if stdin is not None and proc.stdin is not None:
        proc.stdin.write(stdin)
        proc.stdin.close()
    code: int | None = None
    peak_kb = 0
    deadline = started + timeout
    while time.perf_counter() < deadline:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            code, peak_kb = os.waitstatus_to_exitcode(status), usage.ru_maxrss
            break
        time.sleep(0.05)
    else:
        os.killpg(proc.pid, signal.SIGKILL)
        _, _, usage = os.wait4(proc.pid, 0)
        peak_kb = usage.ru_maxrss
    proc.returncode = code if code is not None else -9  # reaped here, not by Popen
    for reader in readers:
        reader.join()
    seconds = time.perf_counter() - started
    out, err = (streams.get(name, b"").decode(errors="replace") for name in ("out", "err"))
    return Run(code, out, err, seconds, peak_kb / 1024)


def stored_documents(db: Path) -> int:
    if not db.exists():
        return 0
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute("SELECT count(*) FROM documents").fetchone()
    return int(row[0]) if row else 0


def _warc_response(uri: str, payload: bytes, number: int) -> bytes:
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{number:012d}>\r\n"
        "WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(payload)}\r\n\r\n"
    )
    return head.encode() + payload + b"\r\n\r\n"


def good_text(path: Path, words: str = SENTENCE) -> Path:
    path.write_text(words * 4, encoding="utf-8")
    return path


def build_cases() -> list[Case]:
    def feed_with_bad_links(folder: Path) -> list[str]:
        items = "".join(
            f"<item><title>t{i}</title><link>{link}</link><description>{SENTENCE * 3}"
            "</description></item>"
            for i, link in enumerate(["http://[oops/", "https://example.org/a", "http://[::1"])
        )
        feed = folder / "feed.rss"
        feed.write_text(f"<rss version='2.0'><channel><title>x</title>{items}</channel></rss>")
        return ["ingest", str(feed), "--db", str(folder / "t.duckdb")]

    def feed_list_with_bad_url(folder: Path) -> list[str]:
        feeds = folder / "feeds.txt"
        feeds.write_text("http://[oops/\n")
        return ["watch", str(feeds), "--once", "--db", str(folder / "t.duckdb")]

    def jsonl_huge_number(folder: Path) -> list[str]:
        lines = [
            json.dumps({"id": "a", "text": SENTENCE * 3}),
            '{"id": "b", "text": "x", "n": ' + "9" * 5000 + "}",
            json.dumps({"id": "c", "text": SENTENCE.replace("Oslo", "Bergen") * 3}),
        ]
        (folder / "wire.jsonl").write_text("\n".join(lines) + "\n")
        return ["ingest", str(folder / "wire.jsonl"), "--db", str(folder / "t.duckdb")]

    def jsonl_same_id_two_files(folder: Path) -> list[str]:
        (folder / "in").mkdir()
        for name, city in (("a", "Oslo"), ("b", "Riga")):
            record = {"id": "1", "text": SENTENCE.replace("Oslo", city) * 3}
            (folder / "in" / f"{name}.jsonl").write_text(json.dumps(record) + "\n")
        return ["ingest", str(folder / "in"), "--db", str(folder / "t.duckdb")]

    def quote_dense(folder: Path) -> list[str]:
        words = " ".join(f"“word{i}” said “x”" for i in range(20_000))  # ~416 KB of quotes
        (folder / "quotes.txt").write_text(words)
        good_text(folder / "good.txt")
        return [
            "ingest",
            str(folder / "quotes.txt"),
            str(folder / "good.txt"),
            "--db",
            str(folder / "t.duckdb"),
        ]

    def million_tags(folder: Path) -> list[str]:
        (folder / "tags.html").write_text("<html><body>" + "<b></b>" * 1_000_000 + "</body></html>")
        good_text(folder / "good.txt")
        return [
            "ingest",
            str(folder / "tags.html"),
            str(folder / "good.txt"),
            "--db",
            str(folder / "t.duckdb"),
        ]

    def garbage_dictionary(folder: Path) -> list[str]:
        (folder / "junk.txt").write_bytes(os.urandom(4000))
        good_text(folder / "good.txt")
        return ["extract", str(folder / "good.txt"), "--dictionary", str(folder / "junk.txt")]

    def fifo(folder: Path) -> list[str]:
        os.mkfifo(folder / "pipe")
        good_text(folder / "good.txt")
        return [
            "ingest",
            str(folder / "pipe"),
            str(folder / "good.txt"),
            "--db",
            str(folder / "t.duckdb"),
        ]

    def broken_warc(folder: Path) -> list[str]:
        html = f"<html><body><article><p>{SENTENCE * 5}</p></article></body></html>"
        good = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{html}".encode()
        records = b"".join(
            _warc_response(f"https://e.org/{name}", payload, number)
            for number, (name, payload) in enumerate((("ok", good), ("bad", b"not an HTTP block")))
        )
        (folder / "crawl.warc").write_bytes(records)
        return ["ingest", str(folder / "crawl.warc"), "--db", str(folder / "t.duckdb")]

    def busy_port(folder: Path) -> list[str]:
        held = socket.socket()
        held.bind(("127.0.0.1", 0))
        held.listen()
        _held_sockets.append(held)  # open until the case ends
        db = folder / "t.duckdb"
        document = good_text(folder / "g.txt")
        ingest = [sys.executable, "-m", "detente", "ingest", str(document), "--db", str(db)]
        subprocess.run(ingest, capture_output=True, check=True)
        return ["serve", "--db", str(db), "--port", str(held.getsockname()[1])]

    def rerun_after_failures(folder: Path) -> list[str]:
        (folder / "in").mkdir()
        good_text(folder / "in" / "good.txt")
        (folder / "in" / "blank.txt").write_text("   \n\n  ")
        (folder / "in" / "binary.txt").write_bytes(b"\x00\x01" * 500)
        args = ["ingest", str(folder / "in"), "--db", str(folder / "t.duckdb")]
        subprocess.run([sys.executable, "-m", "detente", *args], capture_output=True)
        return args

    def bad_batch_size(folder: Path) -> list[str]:
        return ["ingest", str(good_text(folder / "good.txt")), "--db", str(folder / "t.duckdb")]

    return [
        Case("feed: malformed links", feed_with_bad_links, lambda c: 1 <= c <= 100),
        Case(
            "watch: malformed URL in the feed list",
            feed_list_with_bad_url,
            lambda c: c in (101, 102),
        ),
        Case("jsonl: 5,000-digit number", jsonl_huge_number, 1, stored=2),
        Case("jsonl: one id in two files", jsonl_same_id_two_files, 0, stored=2),
        Case("text: 416 KB of quote marks", quote_dense, lambda c: c in (0, 1), stored=None),
        Case("html: a million tags", million_tags, lambda c: c in (0, 1), stored=None),
        Case("--dictionary: random bytes", garbage_dictionary, lambda c: c in (101, 102)),
        Case("a FIFO named on the command line", fifo, 1, stored=1),
        Case("warc: a response without HTTP headers", broken_warc, 1),
        Case("serve: the port is taken", busy_port, 101),
        Case("rerun after failures: same exit code", rerun_after_failures, 2, stored=1),
        Case("DETENTE_BATCH_SIZE=abc", bad_batch_size, 102, env={"DETENTE_BATCH_SIZE": "abc"}),
        Case("DETENTE_BATCH_SIZE=0", bad_batch_size, 102, env={"DETENTE_BATCH_SIZE": "0"}),
        Case(
            "DETENTE_MAX_INPUT_BYTES=1e6",
            bad_batch_size,
            0,
            stored=1,
            env={"DETENTE_MAX_INPUT_BYTES": "1e6"},
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="run the cases whose name contains one of these")
    parser.add_argument("--timeout", type=float, default=300.0)
    options = parser.parse_args()
    failures = 0
    print(f"{'case':45} {'exit':>5} {'s':>7} {'peak MB':>8}  verdict")
    for case in build_cases():
        if options.only and not any(word in case.name for word in options.only):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            run = detente(case.args(folder), case.env, case.stdin, options.timeout)
            problems = []
            if run.code is None:
                problems.append("hung")
            elif callable(case.expected_code):
                if not case.expected_code(run.code):
                    problems.append(f"exit {run.code}")
            elif run.code != case.expected_code:
                problems.append(f"exit {run.code}, expected {case.expected_code}")
            if "Traceback" in run.err or "Traceback" in run.out:
                problems.append("traceback")
            if run.peak_mb > MEMORY_LIMIT_MB:
                problems.append(f"peak {run.peak_mb:,.0f} MB")
            if (
                case.stored is not None
                and (found := stored_documents(folder / "t.duckdb")) != case.stored
            ):
                problems.append(f"{found} documents stored, expected {case.stored}")
            if case.name.startswith("serve") and "dashboard at" in run.out + run.err:
                problems.append("banner printed")
        for held in _held_sockets:
            held.close()
        _held_sockets.clear()
        failures += bool(problems)
        verdict = "ok" if not problems else "FAIL: " + ", ".join(problems)
        code = "-" if run.code is None else str(run.code)
        print(
            f"{case.name:45} {code:>5} {run.seconds:7.1f} {run.peak_mb:8,.0f}  {verdict}",
            flush=True,
        )
    print(f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
