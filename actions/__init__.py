"""KYRA custom actions (rasa-sdk). Run with `rasa run actions` from the repository root."""
