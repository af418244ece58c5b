"""`make purge [DAYS=30]`: delete the conversations and cases older than DAYS days (docs/privacy.md).

  python -m scripts.purge --days 30                                  the stores of endpoints.yml, $KYRA_CASES_DB
  python -m scripts.purge --db postgresql://kyra:…@127.0.0.1/kyra    another tracker store (or TRACKER_STORE_URL)

Prints counts only. Exit status 1 when a store cannot be read or purged (the message names the error type
only: a connection error could echo a password).
"""
import argparse
import os
import sys
from pathlib import Path

from bot import ROOT
from bot.privacy.retention import DEFAULT_DAYS, purge
from bot.privacy.stores import open_lock_store, open_tracker_store


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=float, default=DEFAULT_DAYS, help="retention period in days (default 30)")
    parser.add_argument("--db", default=os.environ.get("TRACKER_STORE_URL"),
                        help="SQLAlchemy URL of the tracker store (default: TRACKER_STORE_URL, else --endpoints)")
    parser.add_argument("--endpoints", type=Path, default=ROOT / "endpoints.yml", help="Rasa endpoints file")
    parser.add_argument("--cases", type=Path, help="handoff database (default: KYRA_CASES_DB, .kyra/cases.db)")
    args = parser.parse_args(argv)
    if args.days < 0:
        parser.error("--days must be 0 or more")
    try:
        store = open_tracker_store(args.db, args.endpoints)
        counts = purge(store, args.days, args.cases, None if args.db else open_lock_store(args.endpoints))
    except Exception as error:  # no driver, no connection, unsupported store: no traceback (or password)
        print(f"purge failed: {type(error).__name__}", file=sys.stderr)
        return 1
    print(f"retention {args.days:g} days: {counts.summary()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
