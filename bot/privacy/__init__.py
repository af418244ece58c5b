"""Privacy: pseudonymous sender ids for the channels, and erasing a conversation from the tracker store."""
