"""A memory of verified question -> SQL pairs: stored per schema, used as answers and prompt examples."""
