"""Vendor axe-core (MPL-2.0, Deque Systems) for the widget's accessibility test, from the npm registry.

    python -m scripts.widget_vendor_axe [--version 4]

Runs `npm pack axe-core@<version>` in a temporary folder and copies `axe.min.js` (its licence header intact)
and the licence file into tests/widget/vendor/. The widget never loads axe: only the test injects it.
"""
import argparse
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from bot import ROOT

VENDOR = ROOT / "tests" / "widget" / "vendor"
AXE = VENDOR / "axe.min.js"
FILES = {"package/axe.min.js": "axe.min.js", "package/LICENSE": "axe-core-LICENSE.txt"}


def vendor(version: str = "4") -> Path:
    npm = shutil.which("npm")
    if not npm:
        raise RuntimeError("npm is not installed")
    with tempfile.TemporaryDirectory() as folder:
        result = subprocess.run([npm, "pack", f"axe-core@{version}", "--silent"], cwd=folder,
                                capture_output=True, text=True, timeout=300, check=True)
        archive = Path(folder) / result.stdout.strip().splitlines()[-1]
        VENDOR.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive) as tar:
            for member, target in FILES.items():
                source = tar.extractfile(member)
                if source is None:
                    raise RuntimeError(f"{member} missing from {archive.name}")
                (VENDOR / target).write_bytes(source.read())
        (VENDOR / "README.md").write_text(
            f"# Vendored test tools\n\n`axe.min.js` and `axe-core-LICENSE.txt` come from `{archive.name}`"
            " (npm registry,\n"
            "MPL-2.0, Deque Systems), fetched by `python -m scripts.widget_vendor_axe`. Only the widget's\n"
            "accessibility test loads them (tests/widget/test_widget_browser.py); the widget never does.\n",
            encoding="utf-8")
    return AXE


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default="4")
    args = parser.parse_args(argv)
    print(vendor(args.version))
    return 0


if __name__ == "__main__":
    sys.exit(main())
