"""Which country the user is in (or comes from), from what they write, in every supported language."""
