"""Adaptive Cards: typed view-models in, card JSON out, and a text rendering for terminals."""
