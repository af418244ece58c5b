"""KYRA's Telegram front end (python-telegram-bot 22): talks to the Rasa server over its REST channel.

Run it with `python -m bot.telegram` (polling; webhook mode when TELEGRAM_WEBHOOK_URL is set).
Modules: settings (environment), app (Application, handlers wiring, error handler), handlers (what each
update does), rasa (HTTP client), render (Rasa messages -> Telegram HTML + keyboards), split (4096-char
limit), texts (bot-side texts from content/telegram/), campaigns (/start deep links), state (bounded
per-chat memory), pacing (rate limiter), outbox (sending), webhook (aiohttp webhook server), fake_api
(an offline Bot API for tests and the benchmark).
"""
