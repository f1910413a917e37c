"""Cleaning steps as scripts a person can keep: DuckDB SQL and pandas, reproducing the result from the source file.

The scripts are written to the output folder and never run by dsagent itself. The SQL script is the
very query dsagent ran; the pandas script does the same steps one by one, with the values the plan
computed (medians, fences, today's date) written in, so both give the same table.
"""

from __future__ import annotations

import json
from pathlib import Path

from dsagent.data.naming import quote_ident, quote_literal

from dsagent.tools.clean.apply import chain_sql, family_of, root_of, steps_from_root, version_name

READERS_SQL = {"csv": "read_csv({path}, strict_mode = true)", "parquet": "read_parquet({path})",
               "json": "read_json_auto({path})"}


def source_file(ws, root: str) -> tuple[str, str] | None:
    """(path, format) of the file a source table was read from, or None (databases, derived tables)."""
    info = ws.tables.get(root)
    if info is None or info.storage == "derived" or info.format not in READERS_SQL or not info.identity:
        return None
    return str(info.identity[0]), info.format


# How to run the SQL script with what dsagent's install provides: the duckdb Python package (the
# DuckDB command-line program is a separate download that an install of dsagent does not bring).
RUN_SQL = ('python -c "import duckdb, sys; duckdb.connect().execute(open(sys.argv[1]).read())" {script}')


def sql_script(ws, table: str) -> str:
    """A DuckDB script that rebuilds `table` (a cleaned version) from its source file and writes it as CSV."""
    root = root_of(ws, table)
    steps = steps_from_root(ws, table)
    found = source_file(ws, root)
    path, fmt = found if found else (f"<the file of {root}>", "csv")
    name = version_name(ws, table)  # the version's own name: stable, unlike the base name it holds now
    base = family_of(ws, root)  # the source as the person knows it (not its workspace name weather_v1)
    lines = [f"-- dsagent: rebuilds {name} from {path}",
             f"-- run with the duckdb Python package (pip install duckdb; dsagent installs it):",
             f"--   {RUN_SQL.format(script=name + '_clean.sql')}",
             f"-- it writes {name}.csv in the current folder. The DuckDB CLI runs it too: duckdb < {name}_clean.sql",
             "-- steps:"]
    lines += [f"--   {i}. {s.step}{f' {s.column}' if s.column else ''}: {s.reason}" for i, s in enumerate(steps, 1)]
    lines.append(f"CREATE OR REPLACE TABLE {quote_ident(base)} AS SELECT * FROM "
                 f"{READERS_SQL[fmt].format(path=quote_literal(path))};")
    lines.append(f"CREATE OR REPLACE TABLE {quote_ident(name)} AS")
    lines.append(chain_sql(base, steps, pretty=True) + ";")
    lines.append(f"COPY {quote_ident(name)} TO {quote_literal(name + '.csv')} (HEADER, DELIMITER ',');")
    return "\n".join(lines) + "\n"


_PY_HEAD = '''# dsagent: rebuilds {table} from {path_comment} with pandas.
# Usage: python {table}_clean.py [SOURCE] [OUTPUT]   (defaults: the source below, ./{table}.csv)
# Steps:
{steps}
import sys
import unicodedata

import pandas as pd

SOURCE = {path_literal}
OUTPUT = {output_literal}
# Column types as DuckDB read the source; only empty fields count as missing, as in DuckDB.
SOURCE_TYPES = {types}
INTEGER = {{"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"}}


def as_type(s, t):
    if t in INTEGER:
        return pd.to_numeric(s).astype("Int64")
    if t in ("DOUBLE", "FLOAT", "REAL") or t.startswith("DECIMAL"):
        return pd.to_numeric(s).astype("float64")
    if t == "DATE":
        return pd.to_datetime(s, format="%Y-%m-%d")
    if t.startswith("TIMESTAMP"):
        return pd.to_datetime(s)
    if t == "BOOLEAN":
        return s.str.lower().map({{"true": True, "false": False}})
    return s


def read_source(path):
    if path.endswith((".parquet", ".pq")):
        return pd.read_parquet(path)
    if path.endswith((".json", ".jsonl", ".ndjson")):
        return pd.read_json(path, lines=not path.endswith(".json"))
    sep = "\t" if path.lower().endswith((".tsv", ".tab")) else ","
    try:
        df = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, na_values=[""])
    except UnicodeDecodeError:  # DuckDB read it as latin-1
        df = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, na_values=[""], encoding="latin-1")
    for col, t in SOURCE_TYPES.items():
        df[col] = as_type(df[col], t)
    return df


def text_key(s):
    """Trimmed, lower case, without accents: how near-duplicates are compared."""
    fold = lambda v: "".join(c for c in unicodedata.normalize("NFKD", v) if not unicodedata.combining(c))
    return s.map(lambda v: fold(v.strip(" ")).lower() if isinstance(v, str) else v)


def map_values(s, mapping):
    return s.map(lambda v: mapping.get(v, v) if isinstance(v, str) else v)


def parse_dates(s, formats):
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
    for f in formats:
        out = out.fillna(pd.to_datetime(s, format=f, errors="coerce"))
    return out


def clean(df):
'''

_PY_TAIL = '''    return df.reset_index(drop=True)


if __name__ == "__main__":
    source = sys.argv[1] if len(sys.argv) > 1 else SOURCE
    output = sys.argv[2] if len(sys.argv) > 2 else OUTPUT
    if output == source:
        sys.exit("refusing to write over the source file")
    clean(read_source(source)).to_csv(output, index=False)
    print(f"wrote {output}")
'''


def _py_step(step) -> list[str]:
    p, c = step.params, step.column
    col = f"df[{c!r}]" if c else ""
    kind = step.step
    if kind == "drop_duplicates":
        if p.get("normalise"):
            text = set(p.get("text_columns", []))
            keys = ", ".join(f"{k!r}: text_key(df[{k!r}])" if k in text else f"{k!r}: df[{k!r}]" for k in p["columns"])
            return [f"key = pd.DataFrame({{{keys}}})", "df = df[~key.duplicated(keep='first')]"]
        return [f"df = df.drop_duplicates(subset={p['columns']!r}, keep='first')"]
    if kind == "trim":
        collapse = ".str.replace(' {2,}', ' ', regex=True)" if p.get("collapse") else ""
        return [f"{col} = {col}.str.strip(' '){collapse}"]
    if kind == "normalise_case":
        return [f"{col} = {col}.str.{p.get('case', 'lower')}()"]
    if kind == "map_values":
        return [f"{col} = map_values({col}, {dict((a, b) for a, b in p['mapping'])!r})"]
    if kind == "cast":
        cast = ".astype('Int64')" if p["to"] == "BIGINT" else ".astype('float64')"
        value = col
        if p.get("remove"):
            value = (f"{col}.where({col}.str.strip().str.fullmatch({p['pattern']!r}) == True)"
                     f".str.replace({p['remove']!r}, '', regex=True)")
        return [f"{col} = pd.to_numeric({value}, errors='coerce'){cast}"]
    if kind == "parse_dates":
        return [f"{col} = parse_dates({col}, {p['formats']!r})"]
    if kind == "set_missing":
        return [f"{col} = {col}.mask({col}.isin({list(p['values'])!r}))"]
    if kind == "fill_missing":
        value = f"pd.Timestamp({p['value']!r})" if p.get("value_type") == "date" else repr(p["value"])
        return [f"{col} = {col}.fillna({value})"]
    if kind == "drop_rows":
        value = f"pd.Timestamp({p['value']!r})" if p.get("value_type") == "date" else repr(p["value"])
        op = {"<>": "!=", "=": "=="}.get(p["op"], p["op"])
        return [f"df = df[~({col} {op} {value}).fillna(False).astype(bool)]"]
    if kind == "clip":
        return [f"{col} = {col}.clip({p['lower']!r}, {p['upper']!r})"]
    if kind == "drop_column":
        return [f"df = df.drop(columns=[{c!r}])"]
    raise ValueError(f"unknown step {kind!r}")


def python_script(ws, table: str) -> str:
    """A pandas script that rebuilds `table` from its source file."""
    root = root_of(ws, table)
    steps = steps_from_root(ws, table)
    found = source_file(ws, root)
    path = found[0] if found else f"<the file of {root}>"
    types = {c: t for c, t in ws.columns(root)}
    table = version_name(ws, table)
    head = _PY_HEAD.format(table=table, path_comment=" ".join(path.split()), path_literal=repr(path), output_literal=repr(f"{table}.csv"),
                           types=json.dumps(types, indent=4).replace("\n}", ",\n}") if types else "{}",
                           steps="\n".join(f"#   {i}. {s.step}{f' {s.column}' if s.column else ''}: {s.reason}"
                                           for i, s in enumerate(steps, 1)))
    body = []
    for i, step in enumerate(steps, 1):
        body.append(f"    # {i}. {step.step}{f' {step.column}' if step.column else ''}: {step.reason}")
        body += [f"    {line}" for line in _py_step(step)]
    return head + "\n".join(body) + "\n" + _PY_TAIL


def write_scripts(ws, result, output_dir: Path) -> dict[str, Path]:
    """Write `<table>_clean.sql` and `<table>_clean.py` for an applied result; {} when there is no source file."""
    from dsagent.data.export import write_text_atomic

    if not result.applied or source_file(ws, root_of(ws, result.table)) is None:
        return {}
    output_dir = Path(output_dir)
    # Never over the person's own files: the first stem free for both scripts (t_clean, t_clean-2 ...),
    # each then published exclusively (write_text_atomic takes the next free name if one was taken meanwhile).
    name = version_name(ws, result.table)
    stem = f"{name}_clean"
    for n in range(2, 10_002):
        if not (output_dir / f"{stem}.sql").exists() and not (output_dir / f"{stem}.py").exists():
            break
        stem = f"{name}_clean-{n}"
    sql_path = write_text_atomic(output_dir / f"{stem}.sql", sql_script(ws, result.table))
    try:
        py_path = write_text_atomic(output_dir / f"{stem}.py", python_script(ws, result.table))
    except BaseException:
        sql_path.unlink(missing_ok=True)  # both scripts or neither
        raise
    return {"sql": sql_path, "python": py_path}
