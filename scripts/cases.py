"""Caseworkers' side of the embedded SQLite inbox: list referrals, set a case's status.

  python -m scripts.cases list
  python -m scripts.cases status KY-ABCD-2345 in_progress     (received | in_progress | contacted | closed)
"""
import argparse
import sys

from bot.handoff.sinks import STATUSES, CaseRegister, SqliteSink


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="the referrals in the inbox, oldest first")
    status = commands.add_parser("status", help="set the status the user sees for a case token")
    status.add_argument("token")
    status.add_argument("status", choices=STATUSES)
    args = parser.parse_args(argv)
    if args.command == "list":
        register = CaseRegister()
        for referral in SqliteSink().inbox():
            print(f"{referral['token']}  {register.status(referral['token']) or '?':11}  {referral['created_at']}  "
                  f"{referral['language']}  {referral['country'] or '-'}  {referral['topic']}  "
                  f"{referral['contact_channel']} ({referral['safe_time']})  {referral['contact_handle'] or '-'}")
        return 0
    if not CaseRegister().set_status(args.token.upper(), args.status):
        print(f"no case {args.token}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
