"""Each rewrite rule on its fixtures: DuckDB text in, PostgreSQL and Spark text out (or a refusal
that names the construct). No server: the engines' own runs are in tests/engines/test_engine_*.py."""

from __future__ import annotations


from pathlib import Path

import pytest

from dsagent.engines.base import RemoteTable
from dsagent.engines.rewrite import RULES, Target, Untranslatable
from dsagent.engines.translate import check_engine_sql, tables_in, to_engine_sql
from dsagent.errors import ModelError

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "engines" / "rewrite_cases.txt"
COLUMNS = [("id", "INTEGER"), ("g", "VARCHAR"), ("Mixed", "VARCHAR"), ("x", "DOUBLE"), ("b", "BOOLEAN"),
           ("d", "DATE"), ("ts", "TIMESTAMP"), ("s", "VARCHAR")]


def _describe(sql: str) -> list[str]:
    import duckdb

    con = duckdb.connect()
    con.execute("CREATE TABLE t (" + ", ".join(f'"{c}" {t}' for c, t in COLUMNS) + ")")
    return [r[0] for r in con.execute(f"DESCRIBE {sql}").fetchall()]


def _target(dialect: str) -> Target:
    label = {"postgres": "PostgreSQL", "spark": "Spark"}[dialect]
    return Target(dialect, label, {"t": RemoteTable("shop", "t", 3000)}, lambda _t: COLUMNS, _describe)


def _cases() -> list[tuple[str, str, str]]:
    out = []
    block: dict[str, str] = {}
    for line in CASES.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#"):
            continue
        if not line.strip():
            if block:
                out += [(block["duckdb"], d, block[d]) for d in ("postgres", "spark")]
            block = {}
            continue
        key, _, value = line.partition(":")
        block[key.strip()] = value.strip()
    return out


@pytest.mark.parametrize("duck,dialect,expected", _cases(), ids=lambda v: v[:40] if isinstance(v, str) else v)
def test_rewrite_case(duck, dialect, expected):
    target = _target(dialect)
    if expected.startswith("refused:"):
        with pytest.raises(Untranslatable) as err:
            to_engine_sql(duck, target)
        assert expected.split(":", 1)[1].strip() in err.value.message
        assert target.label in err.value.message
    else:
        assert to_engine_sql(duck, target) == expected


def test_every_rule_has_a_case():
    text = CASES.read_text(encoding="utf-8").lower()
    words = {"refuse_limit_percent": "percent", "refuse_table_functions": "range(", "refuse_structs": "{'a'",
             "refuse_semi_anti_joins": "anti join", "refuse_engine_specific_values": "hash(",
             "expand_star_modifiers": "exclude", "expand_group_by_all": "group by all",
             "expand_order_by_all": "order by all", "try_cast": "try_cast", "day_and_month_names": "dayname",
             "days_of_the_week": "isodow(", "date_parts": "hour(ts)",
             "bool_to_number": "as double", "epoch_ms": "epoch_ms", "distinct_counts": "approx_count_distinct",
             "any_value": "any_value", "samples": "using sample", "alias_subqueries": "from (select distinct", "bool_literals": "b = 1", "regexp_full_match": "regexp_full_match"}
    assert set(words) == {name for name, _ in RULES}
    for rule, word in words.items():
        assert word in text, rule


@pytest.mark.parametrize("dialect,sql,word", [
    ("postgres", 'SELECT pg_read_file(\'/etc/passwd\') FROM "shop"."t"', "pg_read_file"),
    ("postgres", 'SELECT current_setting(\'data_directory\') FROM "shop"."t"', "current_setting"),
    ("postgres", 'SELECT * FROM "shop"."other"', "not one of the workspace"),
    ("postgres", 'SELECT * FROM "shop"."t" FOR UPDATE', "LOCK"),
    ("postgres", 'SELECT * INTO newtable FROM "shop"."t"', "INTO"),
    ("postgres", 'SELECT * FROM generate_series(1, 3)', "Table functions"),
    ("postgres", 'SELECT 1; DROP TABLE x', "statements"),
    ("spark", "SELECT reflect('java.lang.Runtime', 'getRuntime') FROM `shop`.`t`", "reflect"),
    ("spark", "SELECT * FROM parquet.`/etc/x.parquet`", "not one of the workspace"),
    ("spark", "SELECT input_file_name() FROM `shop`.`t`", "input_file_name"),
])
def test_second_check_in_the_target_dialect(dialect, sql, word):
    with pytest.raises(ModelError) as err:
        check_engine_sql(sql, _target(dialect))
    assert word.lower() in err.value.message.lower()


def test_second_check_passes_what_the_pipeline_writes():
    check_engine_sql('SELECT "g", COUNT(*) FROM "shop"."t" AS t GROUP BY 1', _target("postgres"))


def test_duckdb_only_syntax_is_refused_with_a_way_out():
    with pytest.raises(Untranslatable) as err:
        to_engine_sql("SELECT * FROM (PIVOT t ON g USING sum(x))", _target("postgres"))
    assert "PostgreSQL" in err.value.message


def test_tables_in_skips_ctes():
    assert tables_in("WITH c AS (SELECT * FROM t) SELECT * FROM c JOIN u USING (id)") == {"t", "u"}
