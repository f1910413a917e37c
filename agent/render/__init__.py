"""Rendering results for the terminal (rich), separate from computing them."""
