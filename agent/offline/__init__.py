"""The offline planner: request -> typed Plan -> one tool call, with no model."""
