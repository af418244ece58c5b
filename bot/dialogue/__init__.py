"""Custom Rasa dialogue components."""
