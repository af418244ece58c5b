"""Warm handoff: a referral the user consented to, sent to caseworkers through pluggable sinks."""
