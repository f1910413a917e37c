"""dsagent: a terminal data-science agent over DuckDB.

Keep this module light: `dsagent --help` must start fast, so heavy libraries are imported lazily
where they are used.
"""

__version__ = "0.1.0"
