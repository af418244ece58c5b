"""The emergency path: a phrase net that fires whatever the classifier says, and what to show first."""
