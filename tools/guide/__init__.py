"""generative_guide: which generative model family fits a task and data."""
