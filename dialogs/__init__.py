"""Conversation flows, one dialog per file."""
