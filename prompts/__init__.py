"""Prompt templates, shipped as package data. Load them with `dsagent.prompting.load_prompt`."""
