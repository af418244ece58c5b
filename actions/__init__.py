"""KYRA custom actions (rasa-sdk), served by `rasa run actions` (started by `make run`).

None yet: the conversation language is kept in the Rasa server by bot/dialogue/language_policy.py.
Service lookup and handoff actions come with the handoff work.
"""
