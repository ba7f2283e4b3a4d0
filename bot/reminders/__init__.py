"""Deadline reminders: rules (data), planning (pure), the outbox, the sender and the worker."""
