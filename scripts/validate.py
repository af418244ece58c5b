"""`make validate`: `rasa data validate` (with --rasa) and the project's own data checks
(bot/maintenance/checks.py). Prints every problem; exits 1 if there is any."""
import argparse
import re
import subprocess
import sys
from pathlib import Path

from bot import ROOT
from bot.maintenance.checks import directory_skipped, run_all
from bot.maintenance.tree import Tree

SHOW = 25  # problems shown per check


def rasa_validate(root: Path) -> int:
    print("rasa data validate --fail-on-warnings ...", flush=True)
    from scripts.servers import RASA, rasa_env

    result = subprocess.run([RASA, "data", "validate", "--fail-on-warnings"], cwd=root, env=rasa_env(),
                            capture_output=True, text=True)
    if result.returncode:
        output = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)
        problems = [re.sub(r"^.*?(UserWarning|Error|Exception): ", "", line).strip()
                    for line in output.splitlines()
                    if re.search(r"UserWarning|Error|Exception|error", line) and "DeprecationWarning" not in line]
        print("FAIL  rasa data validate:")
        for problem in list(dict.fromkeys(p for p in problems if p))[:SHOW]:
            print(f"      - {problem}")
        if not problems:
            print(output[-3000:])
    else:
        print("ok    rasa data validate")
    return result.returncode


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="repository to check (default: this one)")
    parser.add_argument("--rasa", action="store_true", help="also run `rasa data validate --fail-on-warnings`")
    args = parser.parse_args(argv)

    failed = 0
    if args.rasa:
        failed += bool(rasa_validate(args.root))
    tree = Tree(args.root.resolve())
    for name, problems in run_all(tree).items():
        if not problems:
            note = " (skipped: no country files in data/directory/ yet)" if (
                name == "directory schema" and directory_skipped(tree)) else ""
            print(f"ok    {name}{note}")
            continue
        failed += 1
        print(f"FAIL  {name}: {len(problems)} problem(s)")
        for problem in problems[:SHOW]:
            print(f"      - {problem}")
        if len(problems) > SHOW:
            print(f"      ... and {len(problems) - SHOW} more")
    print(f"\n{'all checks passed' if not failed else f'{failed} check(s) failed'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
