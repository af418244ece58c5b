"""`make review` / `make review-apply FILE=...`: export the messages the bot understood badly (redacted) to
reviews/review-<date>.yml for annotation, and merge an annotated file into data/nlu/<lang>/review.yml.
Prints counts only, never a message."""
import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from bot import ROOT
from bot.maintenance.review import (NoConversations, ReviewFileError, apply_annotations, build_export, read_events, safe_url,
                                    tracker_store_url, write_export)
from bot.maintenance.tree import Tree


def export(args) -> int:
    tree = Tree(args.root)
    url = args.db or tracker_store_url(args.root)
    since = dt.datetime.fromisoformat(args.since).timestamp() if args.since else None
    print(f"tracker store: {safe_url(url)}" + (f", messages since {args.since}" if args.since else ""))
    try:
        result = build_export(tree, read_events(url, since))
    except NoConversations as error:
        print(f"nothing to review: {error}")
        return 1
    except Exception as error:  # no driver, no connection: say so without a traceback (or a password)
        print(f"cannot read the tracker store: {type(error).__name__}: {str(error).splitlines()[0][:200]}")
        return 1
    counts = result.counts
    print(f"user messages: {counts['user messages']}; feedback: {counts['helpful']} helpful, "
          f"{counts['not helpful']} not helpful")
    for key in sorted(k for k in counts if k.startswith(("reason", "left out", "redacted"))):
        print(f"  {key}: {counts[key]}")
    if not result.items:
        print("nothing to review")
        return 0
    path = write_export(result, args.out)
    path = Path(os.path.relpath(path)) if not os.path.relpath(path).startswith("..") else path
    per_language = ", ".join(f"{code} {len(items)}" for code, items in result.items.items())
    print(f"exported {counts['exported']} message(s) ({per_language}) to {path}")
    print(f"next: fill in `intent:` in that file, then `make review-apply FILE={path}`")
    return 0


def apply(args) -> int:
    try:
        added = apply_annotations(Tree(args.root), args.file)
    except ReviewFileError as error:
        print(f"{args.file}: not merged, {len(error.problems)} problem(s):")
        for problem in error.problems:
            print(f"  - {problem}")
        return 1
    if not added:
        print("no annotated items (every `intent:` is empty or `skip`): nothing merged")
        return 0
    for language, intents in added.items():
        print(f"data/nlu/{language}/review.yml: +{sum(intents.values())} example(s) "
              f"({', '.join(f'{i} {n}' for i, n in intents.most_common())})")
    print("next: `make validate`, then `make train`; delete the review file once merged")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True)
    exporter = commands.add_parser("export", help="tracker store -> reviews/review-<date>.yml")
    exporter.add_argument("--db", help="SQLAlchemy URL (default: TRACKER_STORE_URL, endpoints.yml, TRACKER_DB)")
    exporter.add_argument("--since", help="only messages from this date on (YYYY-MM-DD)")
    exporter.add_argument("--out", type=Path, default=ROOT / "reviews", help="folder for the review file")
    exporter.set_defaults(run=export)
    applier = commands.add_parser("apply", help="merge an annotated review file into data/nlu/<lang>/review.yml")
    applier.add_argument("file", type=Path)
    applier.set_defaults(run=apply)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
