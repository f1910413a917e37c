"""Rows of a remote engine as Arrow, and engine type names as the DuckDB names dsagent reasons in."""

from __future__ import annotations

import re
from typing import Any

# PostgreSQL's type names (pg_type.typname) -> DuckDB's. Anything unlisted is read as text.
_PG_TYPES = {
    "int2": "SMALLINT", "int4": "INTEGER", "int8": "BIGINT", "oid": "BIGINT",
    "float4": "FLOAT", "float8": "DOUBLE", "money": "DOUBLE",
    "text": "VARCHAR", "varchar": "VARCHAR", "bpchar": "VARCHAR", "name": "VARCHAR", "citext": "VARCHAR",
    "bool": "BOOLEAN", "date": "DATE", "timestamp": "TIMESTAMP", "timestamptz": "TIMESTAMP WITH TIME ZONE",
    "time": "TIME", "timetz": "TIME WITH TIME ZONE", "interval": "INTERVAL", "uuid": "UUID",
    "json": "JSON", "jsonb": "JSON", "bytea": "BLOB",
}

# Spark's simpleString() names -> DuckDB's.
_SPARK_TYPES = {
    "tinyint": "TINYINT", "smallint": "SMALLINT", "int": "INTEGER", "bigint": "BIGINT",
    "float": "FLOAT", "double": "DOUBLE", "string": "VARCHAR", "boolean": "BOOLEAN", "date": "DATE",
    "timestamp": "TIMESTAMP", "timestamp_ntz": "TIMESTAMP", "binary": "BLOB", "void": "VARCHAR",
}


def duck_type_of_pg(typname: str, formatted: str = "") -> str:
    """A PostgreSQL column type as a DuckDB type name (numeric(p,s) -> DECIMAL(p,s))."""
    if typname.startswith("_"):
        return duck_type_of_pg(typname[1:]) + "[]"
    if typname == "numeric":
        m = re.search(r"numeric\((\d+),(\d+)\)", formatted or "")
        # an unbounded numeric has no DuckDB DECIMAL that holds every value: read it as DOUBLE
        return f"DECIMAL({m.group(1)},{m.group(2)})" if m and int(m.group(1)) <= 38 else "DOUBLE"
    return _PG_TYPES.get(typname, "VARCHAR")


def duck_type_of_spark(simple: str) -> str:
    """A Spark type (DataType.simpleString()) as a DuckDB type name."""
    s = simple.lower()
    if s.startswith("decimal"):
        return s.upper()
    if s.startswith("varchar") or s.startswith("char"):
        return "VARCHAR"
    if s.startswith("array<") and s.endswith(">"):
        return duck_type_of_spark(s[6:-1]) + "[]"
    return _SPARK_TYPES.get(s, "VARCHAR")


def rows_to_arrow(names: list[str], rows: list[tuple], pg_types: list[str] | None = None):
    """A pyarrow Table from DB-API rows; duplicate column names are kept (count, count)."""
    import pyarrow as pa

    arrays = []
    for i, _ in enumerate(names):
        values = [row[i] for row in rows]
        typ = _arrow_type(pg_types[i]) if pg_types else None
        arrays.append(_array(values, typ))
    return pa.Table.from_arrays(arrays, names=list(names))


def _arrow_type(typname: str):
    import pyarrow as pa

    return {"int2": pa.int16(), "int4": pa.int32(), "int8": pa.int64(), "float4": pa.float32(),
            "float8": pa.float64(), "text": pa.string(), "varchar": pa.string(), "bpchar": pa.string(),
            "name": pa.string(), "bool": pa.bool_(), "date": pa.date32(), "timestamp": pa.timestamp("us"),
            "timestamptz": pa.timestamp("us", tz="UTC")}.get(typname)


def _array(values: list[Any], typ):
    import pyarrow as pa

    if typ is not None:
        try:
            return pa.array(values, type=typ)
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
            pass
    try:
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):  # mixed or exotic values: as text
        return pa.array([None if v is None else str(v) for v in values], type=pa.string())
