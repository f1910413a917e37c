"""SQL safety and wording: the guard, DuckDB's parse, typed-SQL detection, repair and empty-result notes, hints, tidy, dialects."""
