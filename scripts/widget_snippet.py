"""Print the <script> tag that embeds KYRA's web widget (with its SRI hash) and the CSP a host page needs.

    python -m scripts.widget_snippet --server https://kyra.example.org [--language ne] [--profile my-ngo]
                                     [--exit-url https://www.bbc.co.uk/weather]

`make widget-snippet WIDGET_SERVER=https://kyra.example.org` runs it. The hash changes whenever
bot/web/static/v1/kyra-widget.js changes: host pages must then update their tag (docs/widget.md).
"""
import argparse
import sys

from bot.web.assets import DEFAULT_EXIT_URL, SIZE_BUDGET_BYTES, gzipped_total, host_csp, snippet


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="http://127.0.0.1:5005", help="public URL of the KYRA Rasa server")
    parser.add_argument("--language", default="", help="language hint when the page's own lang is not right")
    parser.add_argument("--profile", default="", help="NGO profile name, passed to the bot as metadata.profile")
    parser.add_argument("--exit-url", default=DEFAULT_EXIT_URL, help="neutral page quick exit goes to")
    args = parser.parse_args(argv)
    print("<!-- KYRA web widget: paste before </body> -->")
    print(snippet(args.server, args.language, args.profile, args.exit_url))
    print()
    print("<!-- Content-Security-Policy the host page must allow (add to its own directives): -->")
    print(f"<!-- {host_csp(args.server)} -->")
    print(f"<!-- widget size: {gzipped_total() / 1024:.1f} KB gzipped (budget {SIZE_BUDGET_BYTES // 1024} KB) -->")
    return 0


if __name__ == "__main__":
    sys.exit(main())
