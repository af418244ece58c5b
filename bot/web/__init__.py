"""The web widget: its static files (static/) and what the Rasa channel bot/channels/web.py builds from them."""
