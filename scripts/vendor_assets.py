"""Vendor the dashboard's charting library (Vega, Vega-Lite, Vega-Embed), its world map
(world-atlas) and the API's interactive documentation (Swagger UI, served at /docs), browser
builds only.

    python scripts/vendor_assets.py          # fetch with npm, copy, write NOTICE
    python scripts/vendor_assets.py --check  # verify the copied files against NOTICE (no npm)

The dashboard runs offline and under a strict Content-Security-Policy, so it loads no script
from a CDN: the three packages' own minified UMD builds are copied into
src/detente/api/static/vendor/ with their licences, and so is world-atlas's TopoJSON of the
countries (Natural Earth 1:110m, public domain), which Vega-Lite reads as it is: the map needs no
tile server. Only this script needs npm (and the npm
registry); the package and its users do not.

What it does: `npm install` the pinned versions into a temporary folder (`--ignore-scripts`:
nothing from the registry runs here), copy build/*.min.js, copy each package's LICENSE, gather the
licences of the dependencies those builds bundle (d3-*, vega-tooltip, fast-json-patch, ...) into
THIRD_PARTY_LICENSES.txt, and write NOTICE with each file's version, npm integrity and sha256.
Vega-Embed's build bundles vega-interpreter, which the dashboard uses (`ast: true`) so that
expressions run without `Function()`; that is why CSP needs no 'unsafe-eval'.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VENDOR = REPO / "src" / "detente" / "api" / "static" / "vendor"


@dataclass(frozen=True)
class Asset:
    package: str
    version: str
    build: str  # path of the browser build (or its stylesheet) inside the package
    # files beside the build to copy too (licences of what it bundles, the package's NOTICE),
    # each as (path in the package, name in vendor/)
    extras: tuple[tuple[str, str], ...] = ()

    @property
    def file_name(self) -> str:
        return Path(self.build).name


ASSETS = (
    Asset("vega", "6.4.0", "build/vega.min.js"),
    Asset("vega-lite", "6.5.0", "build/vega-lite.min.js"),
    Asset("vega-embed", "7.3.0", "build/vega-embed.min.js"),
    # Swagger UI's build bundles its dependencies; their licences come in the .LICENSE.txt
    Asset(
        "swagger-ui-dist",
        "5.35.0",
        "swagger-ui-bundle.js",
        extras=(
            ("swagger-ui-bundle.js.LICENSE.txt", "swagger-ui-bundle.js.LICENSE.txt"),
            ("NOTICE", "NOTICE.swagger-ui-dist"),
        ),
    ),
    Asset("swagger-ui-dist", "5.35.0", "swagger-ui.css"),
    # the dashboard's map: country shapes whose ids are ISO 3166 numeric codes
    Asset("world-atlas", "2.0.2", "countries-110m.json"),
)
# Dependencies used only by the packages' command-line tools or type checkers, not bundled into
# the browser builds: their subtrees are left out of THIRD_PARTY_LICENSES.txt.
# @scarf/scarf is swagger-ui-dist's install-time download counter (its script is not run here).
NOT_BUNDLED = frozenset(
    {"yargs", "commander", "iconv-lite", "rw", "@types/estree", "@types/geojson", "@scarf/scarf"}
)
LICENSE_NAMES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "license", "COPYING")
NOTICE_HEADER = """\
Vendored JavaScript and CSS of the detente dashboard and /docs (src/detente/api/static/vendor/).
Written by scripts/vendor_assets.py; do not edit by hand: rerun the script.

Each file is the package's own published browser build, byte for byte, from the npm registry.
The builds bundle their dependencies; the licences of those are in THIRD_PARTY_LICENSES.txt.

file                  package          version  licence       sha256
"""
VENDORED_SUFFIXES = (".js", ".css", ".json")
NATURAL_EARTH = """\
countries-110m.json (world-atlas, ISC: LICENSE.world-atlas) is made from Natural Earth's 1:110m
Admin 0 countries, which are in the public domain:
https://www.naturalearthdata.com/about/terms-of-use/
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify files against NOTICE")
    parser.add_argument("--out", type=Path, default=VENDOR, help="vendor folder")
    args = parser.parse_args(argv)
    if args.check:
        problems = check(args.out)
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    if shutil.which("npm") is None:
        print("npm is needed to fetch the packages; install Node.js and npm", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="detente-vendor-") as temp:
        vendor(Path(temp), args.out)
    print(f"wrote {args.out}")
    return 0


def vendor(work: Path, out: Path) -> None:
    (work / "package.json").write_text('{"name": "detente-vendor", "private": true}\n')
    specs = [f"{asset.package}@{asset.version}" for asset in ASSETS]
    subprocess.run(
        ["npm", "install", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund", *specs],
        cwd=work,
        check=True,
    )
    modules = work / "node_modules"
    lock = json.loads((work / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for asset in ASSETS:
        package_dir = modules / asset.package
        installed = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))
        if installed["version"] != asset.version:
            raise SystemExit(f"npm installed {asset.package} {installed['version']}")
        shutil.copyfile(package_dir / asset.build, out / asset.file_name)
        shutil.copyfile(license_file(package_dir), out / f"LICENSE.{asset.package}")
        for source, name in asset.extras:
            shutil.copyfile(package_dir / source, out / name)
        integrity = lock[f"node_modules/{asset.package}"]["integrity"]
        digest = sha256(out / asset.file_name)
        rows.append(
            f"{asset.file_name:<21} {asset.package:<16} {asset.version:<8} "
            f"{installed.get('license', '?'):<13} {digest}\n"
            f"{'':<21} npm integrity {integrity}\n"
        )
    (out / "NOTICE").write_text(NOTICE_HEADER + "".join(rows), encoding="utf-8")
    (out / "THIRD_PARTY_LICENSES.txt").write_text(third_party_licenses(work), encoding="utf-8")


def third_party_licenses(work: Path) -> str:
    """The licence texts of the bundled dependencies, each text once with the packages it covers."""
    listing = subprocess.run(
        ["npm", "ls", "--all", "--omit=dev", "--json"],
        cwd=work,
        check=True,
        capture_output=True,
        text=True,
    )
    own = {asset.package for asset in ASSETS}
    bundled: dict[str, str] = {}

    def walk(node: dict[str, object]) -> None:
        dependencies = node.get("dependencies") or {}
        assert isinstance(dependencies, dict)
        for name, child in dependencies.items():
            if name in NOT_BUNDLED or name in bundled:
                continue
            if name not in own:
                bundled[name] = child["version"]
            walk(child)

    walk(json.loads(listing.stdout))
    by_text: dict[str, list[str]] = {}
    for name, version in sorted(bundled.items()):
        package_dir = work / "node_modules" / name
        text = license_file(package_dir).read_text(encoding="utf-8").strip()
        by_text.setdefault(text, []).append(f"{name} {version}")
    parts = [
        "Licences of the dependencies bundled into vega.min.js, vega-lite.min.js and "
        "vega-embed.min.js (swagger-ui-bundle.js lists its own in "
        "swagger-ui-bundle.js.LICENSE.txt).\n",
        NATURAL_EARTH,
    ]
    for text, packages in by_text.items():
        parts.append("=" * 78 + "\n" + "\n".join(packages) + "\n" + "-" * 78 + "\n" + text + "\n")
    return "\n".join(parts)


def license_file(package_dir: Path) -> Path:
    for name in LICENSE_NAMES:
        if (package_dir / name).is_file():
            return package_dir / name
    raise SystemExit(f"{package_dir.name}: no licence file in the package")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check(out: Path) -> list[str]:
    """What differs between NOTICE and the vendored files; empty when they match."""
    notice = out / "NOTICE"
    if not notice.is_file():
        return [f"{notice}: missing; run scripts/vendor_assets.py"]
    listed = {}
    for line in notice.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if len(fields) == 5 and fields[0].endswith(VENDORED_SUFFIXES):
            listed[fields[0]] = fields[4]
    problems = [
        f"{asset.file_name}: not listed in NOTICE"
        for asset in ASSETS
        if asset.file_name not in listed
    ]
    for name, digest in listed.items():
        path = out / name
        if not path.is_file():
            problems.append(f"{path}: missing")
        elif sha256(path) != digest:
            problems.append(f"{path}: sha256 differs from NOTICE")
    return problems


if __name__ == "__main__":
    sys.exit(main())
