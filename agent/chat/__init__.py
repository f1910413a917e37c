"""The interactive chat: the prompt_toolkit app and its slash commands."""
