"""`python -m bot.telegram`: run KYRA's Telegram front end (polling, or webhook with TELEGRAM_WEBHOOK_URL).

With --wait-without-token (the Procfile uses it) a missing TELEGRAM_BOT_TOKEN is not an error: the process
says so once and waits until it is stopped, so `make run` works without Telegram (honcho stops every process
when one exits).
"""
import argparse
import os
import signal
import sys


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.telegram", description="KYRA's Telegram front end")
    parser.add_argument("--wait-without-token", action="store_true",
                        help="without TELEGRAM_BOT_TOKEN, wait quietly instead of exiting with an error")
    args = parser.parse_args()
    if not os.environ.get("TELEGRAM_BOT_TOKEN"):
        note = "TELEGRAM_BOT_TOKEN is not set: the Telegram front end is off (README.md, Telegram, says how to get one)."
        print(note, file=sys.stderr, flush=True)
        if not args.wait_without_token:
            return 2
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            while True:
                signal.pause()
        except KeyboardInterrupt:
            return 0

    import asyncio  # the front end's imports only when it runs

    from bot.telegram.app import run_polling, serve_webhook, setup_logging
    from bot.telegram.settings import Settings

    settings = Settings.from_env()
    setup_logging(settings.token)
    if settings.webhook_url:
        asyncio.run(serve_webhook(settings))
    else:
        run_polling(settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
