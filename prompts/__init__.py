"""Prompt templates, shipped as package data. Load them with `dsagent.llm.prompting.load_prompt`."""
