"""Measured speed and scale: `python -m bot.bench` (see `bot.bench.suite`)."""
