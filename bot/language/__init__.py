"""Language identification, names and the conversation-language rule."""
