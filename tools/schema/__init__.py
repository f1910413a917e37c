"""describe_schema: the schema card of each table, and its compact text for prompts."""
