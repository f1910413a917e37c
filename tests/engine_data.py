"""The data every engine test reads: one table, written the same way to DuckDB, PostgreSQL and Spark.

Deterministic (seeded), 600 rows, with the column kinds the product's SQL treats differently: an
integer id, a low-cardinality text column, a mixed-case column name, a decimal amount, a boolean,
a date and a timestamp, a text column holding some numbers and some words (TRY_CAST), and NULLs.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

ROWS = 600
REGIONS = ["north", "south", "east", "west", "centre"]
PRODUCTS = ["Anvil", "Bolt", "Crate", "Drill"]
COLUMNS = [("id", "INTEGER", "integer"), ("region", "VARCHAR", "text"), ("Product", "VARCHAR", "text"),
           ("amount", "DECIMAL(10,2)", "numeric(10,2)"), ("qty", "INTEGER", "integer"),
           ("returned", "BOOLEAN", "boolean"), ("ordered", "DATE", "date"), ("shipped", "TIMESTAMP", "timestamp"),
           ("code", "VARCHAR", "text")]


def rows() -> list[tuple]:
    rng = random.Random(18)
    out = []
    start = dt.date(2024, 1, 1)
    for i in range(1, ROWS + 1):
        region = REGIONS[rng.randrange(len(REGIONS))] if i % 37 else None
        product = PRODUCTS[(i * 7) % len(PRODUCTS)]
        amount = round(rng.uniform(1, 500), 2) if i % 23 else None
        qty = rng.randrange(1, 20)
        returned = rng.random() < 0.15
        ordered = start + dt.timedelta(days=rng.randrange(0, 365))
        shipped = dt.datetime.combine(ordered, dt.time(rng.randrange(24), rng.randrange(60))) + dt.timedelta(days=2)
        code = str(rng.randrange(100, 999)) if i % 5 else rng.choice(["n/a", "pending", "x1"])
        out.append((i, region, product, amount, qty, returned, ordered, shipped, code))
    return out


def write_parquet(path: Path) -> Path:
    """The table as a Parquet file (what DuckDB reads locally and Spark registers)."""
    import duckdb

    con = duckdb.connect()
    cols = ", ".join(f'"{n}" {t}' for n, t, _ in COLUMNS)
    con.execute(f"CREATE TABLE sales ({cols})")
    con.executemany(f"INSERT INTO sales VALUES ({', '.join('?' * len(COLUMNS))})", rows())
    con.execute(f"COPY sales TO '{path}' (FORMAT parquet)")
    con.close()
    return path


def load_postgres(admin, schema: str = "shop") -> None:
    cols = ", ".join(f'"{n}" {t}' for n, _, t in COLUMNS)
    admin.execute(f"CREATE SCHEMA {schema}")
    admin.execute(f"CREATE TABLE {schema}.sales ({cols})")
    with admin.cursor() as cur:
        with cur.copy(f"COPY {schema}.sales FROM STDIN") as copy:
            for row in rows():
                copy.write_row(row)
    admin.execute(f"ANALYZE {schema}.sales")
