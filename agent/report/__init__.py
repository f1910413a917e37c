"""Reports of a chat: its record under the dsagent home, and that record as HTML or as a notebook."""
