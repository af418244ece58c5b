"""`make new-language LANG=xx`: scaffold a new language (training, held-out and language-ID files, a catalog
with the English texts under TODO markers), add it to content/languages.yml, and print what is left to do."""
import argparse
import sys
from pathlib import Path

from bot import ROOT
from bot.maintenance.scaffold import ScaffoldError, scaffold
from bot.maintenance.tree import Tree


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("code", nargs="?", default="", help="ISO 639-1 code of the language, e.g. ur, sw")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    parser.add_argument("--dry-run", action="store_true", help="only print what would be created and the to-do list")
    args = parser.parse_args(argv)
    if not args.code:
        print("usage: make new-language LANG=<ISO 639-1 code>, e.g. make new-language LANG=sw")
        return 2
    try:
        result = scaffold(Tree(args.root), args.code.strip().lower(), dry_run=args.dry_run)
    except ScaffoldError as error:
        print(f"new-language: {error}")
        return 1
    language = result.language
    print(f"{'Would create' if args.dry_run else 'Created'} {language.name} ({language.native}, '{language.code}', "
          f"{language.script.lower()} script):")
    for name in result.created:
        print(f"  {name}")
    print("\nWhat remains to do:")
    for n, item in enumerate(result.todo, 1):
        print(f"  {n}. {item}")
    print("\nUntil the files are filled in, `make validate` and `make test` fail for this language; that is the "
          "to-do list.\nTo undo: git checkout content/languages.yml and delete the files above.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
