"""Typed tools: one module per tool, each a function over the Workspace returning a typed result."""
