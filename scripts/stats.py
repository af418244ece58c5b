"""`make stats [SINCE=YYYY-MM-DD] [UNTIL=YYYY-MM-DD] [OUT=reports] [K=5]`: conversation counts per day ×
language × topic × country × handoff from the tracker store, as CSV, counts below K shown as "<K"
(bot/privacy/stats.py, docs/privacy.md). To stdout, or to OUT (a file, or a folder: stats-<date>.csv in it).
"""
import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from bot import ROOT
from bot.privacy.stats import DEFAULT_MIN_COUNT, statistics, write_csv
from bot.privacy.stores import open_tracker_store


def day(text: str) -> str:
    return dt.date.fromisoformat(text).isoformat()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--since", type=day, help="first day (YYYY-MM-DD, UTC)")
    parser.add_argument("--until", type=day, help="last day (YYYY-MM-DD, UTC), included")
    parser.add_argument("--out", type=Path, help="CSV file, or a folder for stats-<date>.csv (default: stdout)")
    parser.add_argument("--min-count", type=int, default=DEFAULT_MIN_COUNT, help="suppress counts below this (5)")
    parser.add_argument("--db", default=os.environ.get("TRACKER_STORE_URL"),
                        help="SQLAlchemy URL of the tracker store (default: TRACKER_STORE_URL, else --endpoints)")
    parser.add_argument("--endpoints", type=Path, default=ROOT / "endpoints.yml", help="Rasa endpoints file")
    args = parser.parse_args(argv)
    if args.min_count < 1:
        parser.error("--min-count must be 1 or more")
    try:
        cells = statistics(open_tracker_store(args.db, args.endpoints), args.since, args.until)
    except Exception as error:  # no driver, no connection: no traceback (or password)
        print(f"stats failed: {type(error).__name__}", file=sys.stderr)
        return 1
    if args.out is None:
        write_csv(cells, sys.stdout, args.min_count)
        return 0
    path = args.out / f"stats-{dt.date.today().isoformat()}.csv" if args.out.is_dir() else args.out
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        rows = write_csv(cells, out, args.min_count)
    print(f"{rows} row(s) -> {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
