"""The offline planner's grammar: typed items in, `Roles` out, by ordered rules (grammar/rules.py)."""
