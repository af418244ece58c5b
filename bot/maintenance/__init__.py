"""Maintainer tooling: data checks (`make validate`), the review loop (`make review`, `make review-apply`),
redaction of personal data, evaluation helpers and the new-language scaffold. Nothing here runs in the bot."""
