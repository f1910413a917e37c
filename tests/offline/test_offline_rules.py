"""Each rule of the offline grammar against its own fixture file: request -> the roles it sets.

tests/fixtures/offline_rules/<rule>.jsonl holds one case a line: the data set, the request, and the
fields of the grammar's `Roles` (compactly written, see `fragment`) that the rule decides ("table"
forces the table, as a follow-up of a request on that table does). A case
passes when the rule applies to the request (it takes an item, or changes what the pass found) and
the roles have those values. Every rule of `grammar/rules.py` (and of MEASURE_RULES / ORPHAN_RULES)
must have a fixture file, and every fixture file must name a rule.
"""

from __future__ import annotations

import json

import pytest

from dsagent.data.workspace import Workspace
from dsagent.offline.grammar import measures, orphans, parse, rules
from dsagent.offline.grammar.roles import Roles
from dsagent.offline.linker import SchemaIndex
from conftest import EXAMPLES, FIXTURES, jsonl_cases

RULE_CASES = FIXTURES / "offline_rules"
DATA = {"passengers": EXAMPLES / "passengers.csv", "loans": EXAMPLES / "loans.csv",
        "daily_sales": EXAMPLES / "daily_sales.csv", "shop": EXAMPLES / "shop",
        "exports": FIXTURES / "offline" / "data" / "exports.csv", "routes": FIXTURES / "offline" / "data" / "routes.csv",
        "reviews": FIXTURES / "offline" / "data" / "reviews.csv", "trips": FIXTURES / "offline" / "data" / "trips.csv",
        # tables no rule was written on (tests/fixtures/honest): ships, professors, sensor readings, a survey
        **{name: FIXTURES / "honest" / "data" / f"{name}.csv" for name in ("ships", "employees", "sensor_readings",
                                                                             "encuesta")},
        # tables made up for the rules of issue 16 (tests/fixtures/offline_rules/data): a poll, two staff lists, visits, members, products
        **{name: RULE_CASES / "data" / f"{name}.csv" for name in ("poll", "staff", "plantilla", "visits", "members", "products",
                                                                        "turnout", "socios", "stockroom",
                                                                        "tiempo", "roster", "gauges", "skies", "enrolments",
                                                                        "tienda", "inspections", "machine_log",
                                                                        "trials", "solicitudes", "fleet", "boat_hires", "gallery_visits", "meters", "pumps", "bus_runs",
                                                                        "revisiones_calderas", "reparaciones", "muestras_agua", "episodes", "libreria")},
        "orders_alone": EXAMPLES / "shop" / "orders.csv"}


def all_rules() -> dict[str, object]:
    """Every named rule: the per-item tuples, the closing rules, the measure and orphan-aggregate rules."""
    found = {}
    for group in [*rules.RULES.values(), rules.CLOSING_RULES, measures.MEASURE_RULES, orphans.ORPHAN_RULES]:
        for rule in group:
            found[rule.__name__] = rule
    return found


def _col(c) -> str | None:
    return None if c is None else c.name


def _filter(f) -> str:
    if f.op == "sql":
        return f"sql {f.sql}"
    if f.op == "between":
        return f"{_col(f.column)} between {f.value!r} and {f.value2!r}"
    if f.op in ("is null", "is not null"):
        return f"{_col(f.column)} {f.op}"
    return f"{_col(f.column)} {f.op} {f.value!r}"


def fragment(r: Roles) -> dict:
    """The roles as plain JSON: columns by name, measures as 'avg(age)' ('share(*) within region'), filters as
    'sex = 'female''."""
    out = {}
    for name in Roles.__dataclass_fields__:
        value = getattr(r, name)
        if name == "measures":
            value = [f"{m.agg}({_col(m.column) or '*'})" + (f" where {_filter(m.condition)}" if m.condition else "")
                     + (f" within {', '.join(m.within)}" if m.within else "") for m in value]
        elif name == "groups":
            value = [_col(g.column) + (f":{g.grain}" if g.grain else "") for g in value]
        elif name == "filters":
            value = [_filter(f) for f in value]
        elif name in ("bare", "features", "facets", "null_cols"):
            value = [_col(c) for c in value]
        elif name in ("color", "order_column", "grain_column"):
            value = _col(value)
        elif name == "rewordings":
            value = [list(pair) for pair in value]  # (word, words) as JSON writes it
        elif name == "axis":
            value = {k: _col(c) for k, c in value.items()}
        # a copy: a rule's effect is the difference before and after it
        out[name] = list(value) if isinstance(value, list) else dict(value) if isinstance(value, dict) else value
    return out


def _state(g, roles: dict) -> tuple:
    """Everything a rule may change: the roles, what the pass carries, the items' kinds and use."""
    return (json.dumps(roles, sort_keys=True, default=str), g.mode, [id(p) for p in g.pending], g.negate,
            g.facet_from, [(it.kind, it.used) for it in g.items])


class Tracer:
    """Wraps every rule so that a run records which rules applied and what each changed."""

    def __init__(self, monkeypatch):
        self.applied: list[str] = []
        self.changed: dict[str, set[str]] = {}
        for kind, group in list(rules.RULES.items()):
            monkeypatch.setitem(rules.RULES, kind, tuple(self.wrap(r) for r in group))
        monkeypatch.setattr(parse, "CLOSING_RULES", tuple(self.wrap(r) for r in rules.CLOSING_RULES))
        monkeypatch.setattr(measures, "MEASURE_RULES", tuple(self.wrap(r) for r in measures.MEASURE_RULES))
        monkeypatch.setattr(orphans, "ORPHAN_RULES", tuple(self.wrap(r) for r in orphans.ORPHAN_RULES))

    def wrap(self, rule):
        def traced(g, *args):
            roles_before = fragment(g.r)
            before = _state(g, roles_before)
            out = rule(g, *args)
            after = fragment(g.r)
            if out not in (None, False) or _state(g, after) != before:
                self.applied.append(rule.__name__)
                self.changed.setdefault(rule.__name__, set()).update(k for k in after if after[k] != roles_before[k])
            return out

        traced.__name__ = rule.__name__
        return traced


CASES = jsonl_cases(RULE_CASES)


@pytest.fixture(scope="module")
def indexes():
    opened: dict[str, tuple] = {}

    def get(name: str):
        if name not in opened:
            ws = Workspace.open([str(DATA[name])])
            opened[name] = (ws, SchemaIndex.build(ws), ws.default_table())
        return opened[name][1:]

    yield get
    for ws, _, _ in opened.values():
        ws.close()


def roles_of(question: str, index: SchemaIndex, default_table: str, table: str | None = None) -> Roles:
    """The grammar's roles of one request; `table` forces the table (as a follow-up does)."""
    table, items, _, _ = parse.parse_items(question, index, default_table, table)
    return parse.assign_roles(items, index, table)


def test_every_rule_has_cases():
    names = all_rules()
    files = {p.stem for p in RULE_CASES.glob("*.jsonl")}
    assert sorted(set(names) - files) == [], "rules without a fixture file"
    assert sorted(files - set(names)) == [], "fixture files that name no rule"
    assert all(any(c["rule"] == name for c in CASES) for name in names)


def test_rule_names_are_unique_and_documented():
    groups = {id(t): t for t in [*rules.RULES.values(), rules.CLOSING_RULES, measures.MEASURE_RULES,
                                 orphans.ORPHAN_RULES]}.values()  # year and month share DATE_RULES
    names = [r.__name__ for group in groups for r in group]
    assert len(set(names)) == len(names)
    for name, rule in all_rules().items():
        assert (rule.__doc__ or "").strip(), f"{name} has no docstring"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_rule_case(case, indexes, monkeypatch):
    index, default_table = indexes(case["data"])
    tracer = Tracer(monkeypatch)
    got = fragment(roles_of(case["q"], index, default_table, case.get("table")))
    assert case["rule"] in tracer.applied, f"{case['rule']} did not apply to {case['q']!r} ({tracer.applied})"
    for key, want in case["roles"].items():
        assert got[key] == want, f"{key} of {case['q']!r}"
