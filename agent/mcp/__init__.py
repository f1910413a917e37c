"""`dsagent mcp`: the agent's tools served over the Model Context Protocol (stdio), on the official SDK."""
