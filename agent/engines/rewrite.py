"""Rewrites of guarded DuckDB SQL before sqlglot writes it for another engine.

sqlglot is a transpiler, not a validator (its maintainers say so), and measured here it passes
GROUP BY ALL, ORDER BY ALL, `* REPLACE` and COLUMNS(*) through to PostgreSQL untouched, turns
TRY_CAST into CAST (which then fails on bad text), keeps DAYNAME (which PostgreSQL lacks and Spark
abbreviates), and gives `epoch_ms` a time zone. Each rule below is one such construct: it rewrites
the DuckDB tree into something both engines read with DuckDB's meaning, or refuses with a message
that names the construct and the way around it. Rules run in the order of RULES; each has its
fixtures in tests/engines/test_engine_rewrite.py, and tests/engines/test_engine_*.py run the product's own SQL
shapes on DuckDB, PostgreSQL and Spark and compare the rows.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Callable

from sqlglot import exp

from dsagent.engines.base import EngineQueryError, RemoteTable
from dsagent.sql.duckdb_parse import ident_key


class Untranslatable(EngineQueryError):
    """A construct that does not carry over to the engine; the message names it and what to write."""


@dataclass
class Target:
    """What a rewrite needs to know: the engine, its tables, and the workspace's columns."""

    dialect: str  # 'postgres' | 'spark'
    label: str  # 'PostgreSQL' | 'Spark'
    tables: dict[str, RemoteTable]  # workspace name (ident_key) -> the table on the engine
    columns: Callable[[str], list[tuple[str, str]]]  # workspace table -> [(column, DuckDB type)]
    describe: Callable[[str], list[str]]  # DuckDB query -> its output column names (bound locally)
    notes: list[str] = field(default_factory=list)  # what a rewrite changed that a person should know


def _refuse(target: Target, construct: str, advice: str) -> None:
    raise Untranslatable(f"{construct} does not carry over to {target.label}: {advice}")


# ------------------------------------------------------------------------------------------ rules
def refuse_limit_percent(tree: exp.Expr, target: Target) -> exp.Expr:
    for limit in tree.find_all(exp.Limit):
        options = limit.args.get("limit_options")
        if options is not None and options.args.get("percent"):
            _refuse(target, "LIMIT n PERCENT", "write ORDER BY ... LIMIT n with a row count, or TABLESAMPLE p% "
                                               "for a random share")
    return tree


def refuse_table_functions(tree: exp.Expr, target: Target) -> exp.Expr:
    """range() and generate_series() name their column differently on every engine."""
    for table in tree.find_all(exp.Table):
        if isinstance(table.this, (exp.GenerateSeries, exp.Func)):
            if isinstance(table.this, exp.GenerateSeries):
                name = "range" if table.this.args.get("is_end_exclusive") else "generate_series"
            else:
                name = table.this.name if isinstance(table.this, exp.Anonymous) else table.this.sql_name().lower()
            _refuse(target, f"the table function {name}()",
                    "read only the tables on the server (generate rows with a VALUES list if needed)")
    return tree


def refuse_structs(tree: exp.Expr, target: Target) -> exp.Expr:
    if target.dialect == "postgres" and tree.find(exp.Struct):
        _refuse(target, "a STRUCT value ({'k': v})", "return the fields as separate columns")
    return tree


def refuse_semi_anti_joins(tree: exp.Expr, target: Target) -> exp.Expr:
    if target.dialect != "postgres":
        return tree
    for join in tree.find_all(exp.Join):
        kind = (join.args.get("kind") or "").upper()
        if kind in ("ANTI", "SEMI"):
            other = "NOT EXISTS" if kind == "ANTI" else "EXISTS"
            _refuse(target, f"{kind} JOIN", f"write WHERE {other} (SELECT 1 FROM other o WHERE o.key = t.key)")
    return tree


def refuse_engine_specific_values(tree: exp.Expr, target: Target) -> exp.Expr:
    """Functions whose value depends on the engine: a result could not be compared or trusted."""
    for func in tree.find_all(exp.Func):
        name = func.name.lower() if isinstance(func, exp.Anonymous) else func.sql_name().lower()
        if name in ("hash", "md5_number", "random", "rand", "uuid", "gen_random_uuid") and not _ours(func):
            _refuse(target, f"{name}()", "its value differs from engine to engine; compare columns directly")
    return tree


def _ours(node: exp.Expr) -> bool:
    return bool(node.meta.get("dsagent"))


def expand_star_modifiers(tree: exp.Expr, target: Target) -> exp.Expr:
    """`* EXCLUDE (...)`, `* REPLACE (...)` and COLUMNS(...) become the explicit column list."""
    for select in list(tree.find_all(exp.Select)):
        if not any(_has_star_modifier(p) or p.find(exp.Columns) for p in select.expressions):
            continue
        sources = _source_columns(select, target)
        out: list[exp.Expr] = []
        for projection in select.expressions:
            if isinstance(projection, exp.Star) and _has_star_modifier(projection):
                out.extend(_expand_star(projection, sources, None, target))
            elif isinstance(projection, exp.Column) and isinstance(projection.this, exp.Star) \
                    and _has_star_modifier(projection.this):
                out.extend(_expand_star(projection.this, sources, projection.table, target))
            elif projection.find(exp.Columns):
                out.extend(_expand_columns(projection, sources, target))
            else:
                out.append(projection)
        select.set("expressions", out)
    return tree


def _has_star_modifier(node: exp.Expr) -> bool:
    star = node.this if isinstance(node, exp.Column) and isinstance(node.this, exp.Star) else node
    return isinstance(star, exp.Star) and bool(star.args.get("except_") or star.args.get("replace")
                                               or star.args.get("rename"))


def _source_columns(select: exp.Select, target: Target) -> list[tuple[str, str]]:
    """[(qualifier, column)] of everything `*` reads in this SELECT, in order."""
    ctes = {ident_key(c.alias_or_name): c for c in select.root().find_all(exp.CTE)}
    out: list[tuple[str, str]] = []
    seen_using: set[str] = set()
    sources = [select.args["from_"].this] if select.args.get("from_") else []
    joins = select.args.get("joins") or []
    sources += [j.this for j in joins]
    for position, source in enumerate(sources):
        qualifier = source.alias_or_name
        using = {ident_key(i.name) for i in (joins[position - 1].args.get("using") or [])} if position else set()
        for name in _columns_of_source(source, ctes, target):
            if ident_key(name) in using and ident_key(name) in seen_using:
                continue  # USING keeps one copy of the join column
            out.append((qualifier, name))
        seen_using |= {ident_key(n) for _, n in out}
    return out


def _columns_of_source(source: exp.Expr, ctes: dict[str, exp.CTE], target: Target) -> list[str]:
    if isinstance(source, exp.Table) and not source.db and ident_key(source.name) in ctes:
        with_ = exp.With(expressions=[c.copy() for c in ctes.values()])
        name = exp.to_identifier(ctes[ident_key(source.name)].alias_or_name).sql("duckdb")
        return target.describe(f"{with_.sql('duckdb')} SELECT * FROM {name}")
    if isinstance(source, exp.Table) and not source.db and ident_key(source.name) in target.tables:
        return [c for c, _ in target.columns(source.name)]
    if isinstance(source, exp.Subquery):
        return target.describe(source.this.sql("duckdb"))
    _refuse(target, "a * with EXCLUDE, REPLACE or COLUMNS over this source", "list the columns explicitly")
    return []


def _expand_star(star: exp.Star, sources: list[tuple[str, str]], qualifier: str | None,
                 target: Target) -> list[exp.Expr]:
    excluded = {ident_key(c.name) for c in star.args.get("except_") or []}
    replaced = {ident_key(a.alias): a for a in star.args.get("replace") or []}
    if star.args.get("rename"):
        _refuse(target, "* RENAME", "alias the columns explicitly (SELECT a AS b, ...)")
    picked = [(q, c) for q, c in sources if qualifier is None or ident_key(q) == ident_key(qualifier)]
    out: list[exp.Expr] = []
    for q, name in picked:
        key = ident_key(name)
        if key in excluded:
            continue
        if key in replaced:
            out.append(replaced[key].copy())
        else:
            out.append(exp.column(exp.to_identifier(name, quoted=True), table=exp.to_identifier(q) if q else None))
    return out


def _expand_columns(projection: exp.Expr, sources: list[tuple[str, str]], target: Target) -> list[exp.Expr]:
    """COLUMNS(*) / COLUMNS('regex') in a projection: one copy of the projection per matching column."""
    node = projection.find(exp.Columns)
    pattern = node.this
    if isinstance(pattern, exp.Star):
        matched = sources
    elif isinstance(pattern, exp.Literal) and pattern.is_string:
        try:
            regex = re.compile(pattern.this)
        except re.error:
            _refuse(target, f"COLUMNS('{pattern.this}')", "the pattern is not a valid regular expression")
        matched = [(q, c) for q, c in sources if regex.search(c)]
    else:
        _refuse(target, "COLUMNS(...) with a lambda or a list", "list the columns explicitly")
    if not matched:
        _refuse(target, "COLUMNS(...) that matches no column", "list the columns explicitly")
    out = []
    body = projection.this if isinstance(projection, exp.Alias) else projection
    for q, name in matched:
        copy = body.copy()
        column = exp.column(exp.to_identifier(name, quoted=True), table=exp.to_identifier(q) if q else None)
        inner = copy.find(exp.Columns)
        if inner is copy:
            copy = column
        else:
            inner.replace(column)
        out.append(copy)
    return out


def expand_group_by_all(tree: exp.Expr, target: Target) -> exp.Expr:
    """GROUP BY ALL -> GROUP BY the positions of the projections that hold no aggregate (PostgreSQL
    15 has no GROUP BY ALL; positions read the same on every engine)."""
    for select in tree.find_all(exp.Select):
        group = select.args.get("group")
        if group is None or not group.args.get("all"):
            continue
        positions = [exp.Literal.number(i + 1) for i, p in enumerate(select.expressions)
                     if not _aggregates(p, select)]
        if any(isinstance(p, exp.Star) or (isinstance(p, exp.Column) and isinstance(p.this, exp.Star))
               for p in select.expressions):
            _refuse(target, "GROUP BY ALL with SELECT *", "name the grouped columns")
        select.set("group", exp.Group(expressions=positions) if positions else None)
    return tree


def _aggregates(node: exp.Expr, select: exp.Select) -> bool:
    """True when a projection of `select` holds an aggregate or window of that same SELECT
    (one inside a scalar subquery belongs to the subquery)."""
    return any(inner.find_ancestor(exp.Select) is select for inner in node.find_all(exp.AggFunc, exp.Window))


def expand_order_by_all(tree: exp.Expr, target: Target) -> exp.Expr:
    """ORDER BY ALL [DESC] -> ORDER BY 1, 2, ... with the same direction."""
    for select in tree.find_all(exp.Select):
        order = select.args.get("order")
        if order is None or len(order.expressions) != 1:
            continue
        only = order.expressions[0]
        if not (isinstance(only.this, (exp.Var, exp.Column)) and only.this.name.upper() == "ALL"):
            continue
        if isinstance(only.this, exp.Column) and only.this.table:
            continue
        items = [exp.Ordered(this=exp.Literal.number(i + 1), desc=only.args.get("desc"),
                             nulls_first=only.args.get("nulls_first"))
                 for i in range(len(select.expressions))]
        select.set("order", exp.Order(expressions=items))
    return tree


_NUMBER = r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$"
_INTEGER = r"^\s*[+-]?\d+\s*$"
_DATE = r"^\s*\d{4}-\d{2}-\d{2}\s*$"
_TIMESTAMP = r"^\s*\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*$"


def try_cast(tree: exp.Expr, target: Target) -> exp.Expr:
    """TRY_CAST on PostgreSQL (which has none, and sqlglot writes CAST that fails on bad text):
    CASE WHEN the text looks like the type THEN CAST(...) END, for numbers and dates."""
    if target.dialect != "postgres":
        return tree
    for node in list(tree.find_all(exp.TryCast)):
        to = node.args["to"]
        if to.is_type(*exp.DataType.INTEGER_TYPES):
            pattern = _INTEGER
        elif to.is_type(*exp.DataType.REAL_TYPES):
            pattern = _NUMBER
        elif to.is_type(exp.DType.DATE):
            pattern = _DATE
        elif to.is_type(exp.DType.TIMESTAMP, exp.DType.TIMESTAMPNTZ):
            pattern = _TIMESTAMP
        elif to.is_type(*exp.DataType.TEXT_TYPES):
            node.replace(exp.Cast(this=node.this.copy(), to=to.copy()))
            continue
        else:
            _refuse(target, f"TRY_CAST(... AS {to.sql('duckdb')})",
                    "cast only values known to convert (filter them first), or TRY_CAST to a number or DATE")
        text = exp.Cast(this=node.this.copy(), to=exp.DataType.build("TEXT"))
        test = exp.RegexpLike(this=text, expression=exp.Literal.string(pattern))
        node.replace(exp.Case(ifs=[exp.If(this=test, true=exp.Cast(this=node.this.copy(), to=to.copy()))]))
    return tree


def day_and_month_names(tree: exp.Expr, target: Target) -> exp.Expr:
    """DAYNAME/MONTHNAME: full English names on every engine (PostgreSQL has neither function;
    Spark's dayname abbreviates)."""
    pg = {exp.Dayname: "FMDay", exp.Monthname: "FMMonth"}
    spark = {exp.Dayname: "EEEE", exp.Monthname: "MMMM"}
    for kind in (exp.Dayname, exp.Monthname):
        for node in list(tree.find_all(kind)):
            if target.dialect == "postgres":
                new = exp.Anonymous(this="to_char", expressions=[node.this.copy(), exp.Literal.string(pg[kind])])
            else:
                new = exp.Anonymous(this="date_format", expressions=[node.this.copy(), exp.Literal.string(spark[kind])])
            node.replace(new)
    return tree


def days_of_the_week(tree: exp.Expr, target: Target) -> exp.Expr:
    """isodow (Monday 1 ... Sunday 7) and dayofweek (Sunday 0 ... Saturday 6) as DuckDB numbers them: sqlglot
    writes DAYOFWEEK_ISO and DAY_OF_WEEK, which PostgreSQL lacks, and for Spark a modulo that puts Sunday at 2.
    Both engines' EXTRACT has the two numberings (PostgreSQL ISODOW / DOW; Spark DAYOFWEEK_ISO, and its
    DAYOFWEEK counts Sunday as 1)."""
    for node in list(tree.find_all(exp.DayOfWeekIso)):
        field = "ISODOW" if target.dialect == "postgres" else "DAYOFWEEK_ISO"
        node.replace(exp.Extract(this=exp.Var(this=field), expression=node.this.copy()))
    for node in list(tree.find_all(exp.DayOfWeek)):
        if target.dialect == "postgres":
            new = exp.Extract(this=exp.Var(this="DOW"), expression=node.this.copy())
        else:
            new = exp.Paren(this=exp.Sub(this=exp.Extract(this=exp.Var(this="DAYOFWEEK"), expression=node.this.copy()),
                                         expression=exp.Literal.number(1)))
        node.replace(new)
    return tree


def date_parts(tree: exp.Expr, target: Target) -> exp.Expr:
    """QUARTER(d), HOUR(d), MINUTE(d), SECOND(d): PostgreSQL has none of these functions (sqlglot writes them
    as they are), only EXTRACT, which returns a numeric there: cast to an integer, as DuckDB's are. Spark has
    them all."""
    if target.dialect != "postgres":
        return tree
    units = {exp.Quarter: "QUARTER", exp.Hour: "HOUR", exp.Minute: "MINUTE", exp.Second: "SECOND"}
    for kind, unit in units.items():
        for node in list(tree.find_all(kind)):
            part = exp.Extract(this=exp.Var(this=unit), expression=node.this.copy())
            node.replace(exp.Cast(this=part, to=exp.DataType.build("INT")))
    return tree


def bool_to_number(tree: exp.Expr, target: Target) -> exp.Expr:
    """CAST(boolean AS DOUBLE/DECIMAL) fails on PostgreSQL (only boolean -> integer exists)."""
    if target.dialect != "postgres":
        return tree
    booleans = _boolean_columns(tree, target)
    for cast in list(tree.find_all(exp.Cast)):
        to = cast.args["to"]
        if not to.is_type(*exp.DataType.REAL_TYPES, exp.DType.DECIMAL, exp.DType.BIGDECIMAL):
            continue
        inner = cast.this.unnest() if isinstance(cast.this, exp.Paren) else cast.this
        is_bool = isinstance(inner, (exp.Predicate, exp.Connector, exp.Not, exp.Boolean)) or (
            isinstance(inner, exp.Column) and ident_key(inner.name) in booleans)
        if is_bool:
            cast.set("this", exp.Cast(this=cast.this.copy(), to=exp.DataType.build("INT")))
    return tree


def _boolean_columns(tree: exp.Expr, target: Target) -> set[str]:
    out = set()
    for name in _tables_read(tree, target):
        out |= {ident_key(c) for c, t in target.columns(name) if t.upper() == "BOOLEAN"}
    return out


def _tables_read(tree: exp.Expr, target: Target) -> list[str]:
    return [t.name for t in tree.find_all(exp.Table) if ident_key(t.name) in target.tables and not t.db]


def bool_literals(tree: exp.Expr, target: Target) -> exp.Expr:
    """`flag = 1` / `flag <> 0` on a boolean column: DuckDB casts the number, PostgreSQL and Spark
    refuse to compare boolean with integer. The literal becomes TRUE / FALSE."""
    booleans = _boolean_columns(tree, target)
    for cmp in list(tree.find_all(exp.EQ, exp.NEQ)):
        for col, lit in ((cmp.this, cmp.expression), (cmp.expression, cmp.this)):
            if isinstance(col, exp.Column) and ident_key(col.name) in booleans and isinstance(lit, exp.Literal) \
                    and not lit.is_string and lit.name in ("0", "1"):
                lit.replace(exp.Boolean(this=lit.name == "1"))
    return tree


def regexp_full_match(tree: exp.Expr, target: Target) -> exp.Expr:
    """regexp_full_match(x, 'p') (DuckDB's, whole-string) -> x ~ '^(?:p)$' / x RLIKE '^(?:p)$'."""
    for node in list(tree.find_all(exp.RegexpFullMatch)):
        pattern = node.expression
        if not (isinstance(pattern, exp.Literal) and pattern.is_string):
            _refuse(target, "regexp_full_match with a computed pattern", "write the pattern as a text literal")
        node.replace(exp.RegexpLike(this=node.this.copy(), expression=exp.Literal.string(f"^(?:{pattern.this})$")))
    return tree


def epoch_ms(tree: exp.Expr, target: Target) -> exp.Expr:
    """epoch_ms(integer) is a UTC timestamp without a zone; epoch_ms(timestamp) is milliseconds."""
    temporal = set()
    for name in _tables_read(tree, target):
        temporal |= {ident_key(c) for c, t in target.columns(name) if t.upper().startswith(("TIMESTAMP", "DATE"))}
    for node in list(tree.find_all(exp.UnixToTime)):
        scale = node.args.get("scale")
        if scale is None or scale.name != "3":
            continue
        arg = node.this
        if isinstance(arg, exp.Column) and ident_key(arg.name) in temporal:
            if target.dialect == "postgres":
                ms = exp.Mul(this=exp.Extract(this=exp.var("EPOCH"), expression=arg.copy()),
                             expression=exp.Literal.number(1000))
                node.replace(exp.Cast(this=ms, to=exp.DataType.build("BIGINT")))
            else:
                node.replace(exp.Anonymous(this="unix_millis", expressions=[arg.copy()]))
        elif target.dialect == "postgres":
            epoch = exp.Cast(this=exp.Literal.string("1970-01-01"), to=exp.DataType.build("TIMESTAMP"))
            step = exp.Mul(this=exp.paren(arg.copy()), expression=exp.Interval(this=exp.Literal.string("1"),
                                                                               unit=exp.var("MILLISECOND")))
            node.replace(exp.paren(exp.Add(this=epoch, expression=step)))
    return tree


def distinct_counts(tree: exp.Expr, target: Target) -> exp.Expr:
    """len(list_distinct(list(x))) -> count(DISTINCT x); approx_count_distinct and approx_quantile
    on PostgreSQL (which has neither) -> count(DISTINCT x) and quantile_cont, exact; quantile_cont
    on Spark -> percentile(x, q), Spark's interpolating (continuous) percentile."""
    for node in list(tree.find_all(exp.Length)):
        inner = node.this
        if isinstance(inner, exp.ArrayDistinct) and isinstance(inner.this, exp.ArrayAgg):
            node.replace(exp.Count(this=exp.Distinct(expressions=[inner.this.this.copy()])))
    if target.dialect == "postgres":
        for node in list(tree.find_all(exp.ApproxDistinct)):
            node.replace(exp.Count(this=exp.Distinct(expressions=[node.this.copy()])))
        for node in list(tree.find_all(exp.ApproxQuantile)):  # PostgreSQL has exact percentiles only
            node.replace(exp.PercentileCont(this=node.this.copy(), expression=node.args["quantile"].copy()))
    if target.dialect == "spark":  # sqlglot writes percentile_cont(x, q), which Spark 4 refuses
        for node in list(tree.find_all(exp.PercentileCont)):
            if node.args.get("expression") is not None and not isinstance(node.parent, exp.WithinGroup):
                node.replace(exp.Anonymous(this="percentile", expressions=[node.this.copy(),
                                                                           node.args["expression"].copy()]))
    return tree


def any_value(tree: exp.Expr, target: Target) -> exp.Expr:
    """any_value(x) (first non-null) on PostgreSQL 15, which lacks it: min(x) for ordered types."""
    if target.dialect != "postgres":
        return tree
    for node in list(tree.find_all(exp.AnyValue)):
        outer = node.parent if isinstance(node.parent, exp.IgnoreNulls) else node
        outer.replace(exp.Min(this=node.this.copy()))
    return tree


def samples(tree: exp.Expr, target: Target) -> exp.Expr:
    """USING SAMPLE n ROWS (a uniform sample of n rows) -> the engine's TABLESAMPLE of a share
    sized from its row estimate, then a random n of those (Spark's `n ROWS` is the first n rows,
    not a sample)."""
    for select in list(tree.find_all(exp.Select)):
        sample = select.args.get("sample")
        if sample is None:
            continue
        size = sample.args.get("size")
        source = select.args.get("from_")
        if size is None or sample.args.get("percent") is not None:
            continue  # a percentage sample transpiles to TABLESAMPLE SYSTEM / PERCENT as is
        if source is None or not isinstance(source.this, exp.Table) or select.args.get("joins"):
            _refuse(target, "USING SAMPLE n ROWS over a join or subquery", "sample one table: FROM t USING SAMPLE n ROWS")
        table = source.this
        remote = target.tables.get(ident_key(table.name))
        rows = int(size.name)
        estimate = remote.estimated_rows if remote else None
        inner = exp.select("*").from_(table.copy())
        if estimate and estimate > rows * 3:
            share = min(100.0, math.ceil(100_000 * rows * 3 / estimate) / 1000)
            inner.args["from_"].this.set("sample", exp.TableSample(
                method=exp.var("BERNOULLI") if target.dialect == "postgres" else None,
                percent=exp.Literal.number(share)))
        rand = exp.Anonymous(this="random" if target.dialect == "postgres" else "rand")
        rand.meta["dsagent"] = True
        inner = inner.order_by(rand).limit(rows)
        alias = table.alias or table.name
        select.set("sample", None)
        select.args["from_"].set("this", exp.Subquery(this=inner, alias=exp.TableAlias(this=exp.to_identifier(alias))))
    return tree


def alias_subqueries(tree: exp.Expr, target: Target) -> exp.Expr:
    """A subquery in FROM or JOIN without an alias (DuckDB allows it; PostgreSQL 15 does not) gets one."""
    n = 0
    for sub in list(tree.find_all(exp.Subquery)):
        if sub.alias or not isinstance(sub.parent, (exp.From, exp.Join)):
            continue
        n += 1
        sub.set("alias", exp.TableAlias(this=exp.to_identifier(f"_q{n}")))
    return tree


RULES: tuple[tuple[str, Callable[[exp.Expr, Target], exp.Expr]], ...] = (
    ("refuse_limit_percent", refuse_limit_percent),
    ("refuse_table_functions", refuse_table_functions),
    ("refuse_structs", refuse_structs),
    ("refuse_semi_anti_joins", refuse_semi_anti_joins),
    ("refuse_engine_specific_values", refuse_engine_specific_values),
    ("expand_star_modifiers", expand_star_modifiers),
    ("expand_group_by_all", expand_group_by_all),
    ("expand_order_by_all", expand_order_by_all),
    ("try_cast", try_cast),
    ("day_and_month_names", day_and_month_names),
    ("days_of_the_week", days_of_the_week),
    ("date_parts", date_parts),
    ("bool_to_number", bool_to_number),
    ("bool_literals", bool_literals),
    ("regexp_full_match", regexp_full_match),
    ("epoch_ms", epoch_ms),
    ("distinct_counts", distinct_counts),
    ("any_value", any_value),
    ("samples", samples),
    ("alias_subqueries", alias_subqueries),
)


def rewrite(tree: exp.Expr, target: Target) -> exp.Expr:
    """Apply every rule in order; raises Untranslatable naming the first construct that cannot go."""
    for _name, rule in RULES:
        tree = rule(tree, target)
    return tree
