"""The offline planner against fixture files: request (+ earlier requests) -> the expected tool call.

SQL cases are checked by execution: the planner's SQL (after the SQL guard) must return the same
rows as the hand-written gold SQL (column order free, row order free, floats to 2 decimals).
Other tools are checked argument by argument; `respond` cases must not act, and say what they name.
"""

from __future__ import annotations

import json

import pytest
from langchain_core.messages import HumanMessage

from dsagent.offline.chat_model import OfflinePlanner
from dsagent.data.workspace import Workspace
from conftest import FIXTURES, REPO

FIXTURES = FIXTURES / "offline"
EXAMPLES = REPO / "examples" / "data"
DATA = {"passengers": EXAMPLES / "passengers.csv", "loans": EXAMPLES / "loans.csv",
        "daily_sales": EXAMPLES / "daily_sales.csv", "shop": EXAMPLES / "shop",
        "dirty_contacts": EXAMPLES / "dirty_contacts.csv",
        # synthetic schemas (tests/fixtures/offline/data): a column of countries not named "country", a small
        # count column, a capitalised acronym, a row-label column; two country columns
        "exports": FIXTURES / "data" / "exports.csv", "routes": FIXTURES / "data" / "routes.csv",
        "reviews": FIXTURES / "data" / "reviews.csv",  # two ratings, one of them groupable
        "films": FIXTURES / "data" / "films.csv",  # one row per named film (rule total_or_average)
        "basket_lines": FIXTURES / "data" / "basket_lines.csv",  # units 1 to 9 a line (rule counted_quantity)
        "trips": FIXTURES / "data" / "trips.csv",  # names ending in units (duration_minutes, fare_usd; rule unit_suffix)
        "plantilla": FIXTURES.parent / "offline_rules" / "data" / "plantilla.csv",  # a Spanish staff list
        "members": FIXTURES.parent / "offline_rules" / "data" / "members.csv",  # yes/no columns (negated_flags)
        "visits": FIXTURES.parent / "offline_rules" / "data" / "visits.csv",  # a day every nine days, two branches
        "products": FIXTURES.parent / "offline_rules" / "data" / "products.csv",  # two dates (launched, discontinued)
        "turnout": FIXTURES.parent / "offline_rules" / "data" / "turnout.csv",  # yes/no of what respondents did
        "socios": FIXTURES.parent / "offline_rules" / "data" / "socios.csv",  # yes/no as text ('sí'/'no')
        "skies": FIXTURES.parent / "offline_rules" / "data" / "skies.csv",  # a sky value a day ('rainy', 'foggy')
        "stockroom": FIXTURES.parent / "offline_rules" / "data" / "stockroom.csv",  # stock and a unit price
        "enrolments": FIXTURES.parent / "offline_rules" / "data" / "enrolments.csv",  # student_id repeats
        "orders_alone": EXAMPLES / "shop" / "orders.csv",  # one table whose customer_id repeats
        "sheet1": FIXTURES.parent / "offline_rules" / "data" / "sheet1.csv",  # order lines, rows not named
        "results": FIXTURES.parent / "offline_rules" / "data" / "results.csv",  # match results: goals are counted things
        "tiempo": FIXTURES.parent / "offline_rules" / "data" / "tiempo.csv",  # 'lluvia': a value and lluvia_mm
        "pedidos": FIXTURES.parent / "honest" / "data" / "pedidos.csv",
        "fleet": FIXTURES.parent / "offline_rules" / "data" / "fleet.csv",  # crew_size: 'crew' names it
        "machine_log": FIXTURES.parent / "offline_rules" / "data" / "machine_log.csv",  # rows are records
        "tienda": FIXTURES.parent / "offline_rules" / "data" / "tienda.csv",
        "inspections": FIXTURES.parent / "offline_rules" / "data" / "inspections.csv",
        "hospital": FIXTURES.parent / "offline_rules" / "data" / "hospital.csv",
        "air": FIXTURES.parent / "offline_rules" / "data" / "air.csv",
        "workforce": FIXTURES.parent / "offline_rules" / "data" / "workforce.csv",  # hire_date: 'hired' names it
        "trials": FIXTURES.parent / "offline_rules" / "data" / "trials.csv",  # converted, cancelled: 0/1 participles
        "solicitudes": FIXTURES.parent / "offline_rules" / "data" / "solicitudes.csv",  # aprobado, cancelado
        "marks": FIXTURES.parent / "offline_rules" / "data" / "marks.csv",  # pupil_id repeats: a row is a mark
        "departures": FIXTURES.parent / "offline_rules" / "data" / "departures.csv",  # 'Carrier', a reason
        "boat_hires": FIXTURES.parent / "offline_rules" / "data" / "boat_hires.csv",  # 'hires': the table's noun
        "bookings": FIXTURES.parent / "offline_rules" / "data" / "bookings.csv",  # booking_total and deposit_amount
        "avisos": FIXTURES.parent / "offline_rules" / "data" / "avisos.csv",  # fecha_apertura and fecha_cierre
        "plots": FIXTURES.parent / "offline_rules" / "data" / "plots.csv",  # area_ha, harvest_tonnes
        "helpdesk_calls": FIXTURES.parent / "offline_rules" / "data" / "helpdesk_calls.csv",  # no caller id
        "bus_runs": FIXTURES.parent / "offline_rules" / "data" / "bus_runs.csv",  # run_start and run_end
        "meters": FIXTURES.parent / "offline_rules" / "data" / "meters.csv",  # installed_on, last_read_on
        "pumps": FIXTURES.parent / "offline_rules" / "data" / "pumps.csv",  # pump_id repeats: a row is a reading
        "revisiones_calderas": FIXTURES.parent / "offline_rules" / "data" / "revisiones_calderas.csv",  # head first
        "inspeccion_obra": FIXTURES.parent / "offline_rules" / "data" / "inspeccion_obra.csv",  # no plural
        "lift_passes": FIXTURES.parent / "offline_rules" / "data" / "lift_passes.csv",  # one money column, a sales_*
        "crossings": FIXTURES.parent / "offline_rules" / "data" / "crossings.csv",  # a direction 'return'
        "gallery_visits": FIXTURES.parent / "offline_rules" / "data" / "gallery_visits.csv",  # visitors: its rows
        "envios_paqueteria": FIXTURES.parent / "offline_rules" / "data" / "envios_paqueteria.csv",  # id_envio
        "consultas_sala": FIXTURES.parent / "offline_rules" / "data" / "consultas_sala.csv",  # edad_usuario, prestamo_realizado
        "outbound_calls": FIXTURES.parent / "offline_rules" / "data" / "outbound_calls.csv",  # sale_made, sale_amount
        "reparaciones": FIXTURES.parent / "offline_rules" / "data" / "reparaciones.csv",  # tipo_arreglo, fecha_entrada
        "lecturas": FIXTURES.parent / "offline_rules" / "data" / "lecturas.csv",  # readings: id_contador repeats
        "lonja": FIXTURES.parent / "offline_rules" / "data" / "lonja.csv",  # kilos landed a lot
        "episodes": FIXTURES.parent / "offline_rules" / "data" / "episodes.csv",  # episode_number repeats per show
        "rounds": FIXTURES.parent / "offline_rules" / "data" / "rounds.csv",  # holes_played 9 or 18
        "libreria": FIXTURES.parent / "offline_rules" / "data" / "libreria.csv"}  # socio 'sí'/'no', unidades 1-4


def planned(model, messages) -> tuple[str, dict]:
    """(tool name, args) of the one tool call the planner answers `messages` with, through `invoke`."""
    call = model.invoke(messages).tool_calls[0]
    return call["name"], call["args"]


def load_cases() -> list[dict]:
    cases = []
    for path in sorted(FIXTURES.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                case = json.loads(line)
                case["id"] = f"{path.stem}:{n}"
                cases.append(case)
    return cases


CASES = load_cases()


@pytest.fixture(scope="module")
def planners():
    opened: dict[str, tuple] = {}

    def get(name: str):
        if name not in opened:  # one workspace per dataset for the whole module
            opened[name] = _open(name)
        return opened[name]

    yield get
    for ws, _ in opened.values():
        ws.close()


def _open(name: str):
    ws = Workspace.open([str(DATA[name])])
    return ws, OfflinePlanner.for_workspace(ws)


def _rows(result) -> list[tuple]:
    def norm(v):
        if isinstance(v, float):
            return f"{round(v, 2):.2f}"
        if isinstance(v, int) and not isinstance(v, bool):
            return f"{float(v):.2f}"
        return str(v)

    return sorted(tuple(sorted(norm(v) for v in row)) for row in result.rows)


def test_enough_cases():
    assert len(CASES) >= 150
    spanish = [c for c in CASES if any(ch in c["q"] for ch in "áéíóúñ¿") or c["q"].split()[0] in (
        "cuantos", "tasa", "promedio", "ventas", "genera", "limpia", "predecir", "ahora", "muestra", "precio",
        "clientes", "pedidos", "porcentaje", "unidades", "total", "suma", "ingresos", "importe", "valores",
        "pasajeros", "tarifa", "edad", "histograma", "elimina", "rellena", "perfil", "y")]
    assert len(spanish) >= 40
    assert sum(c["tool"] == "respond" for c in CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_fixture_case(case, planners):
    from dsagent.sql.guard import guard_sql
    from dsagent.tools.base import get_tool

    ws, model = planners(case["data"])
    messages = [HumanMessage(h) for h in case.get("history", [])] + [HumanMessage(case["q"])]
    name, args = planned(model, messages)
    detail = f"{case['q']!r} -> {name} {args}"
    assert name == case["tool"], detail
    if name == "respond":
        for word in case.get("mentions", []):
            assert word in args["text"], detail
        return
    get_tool(name).args_model.model_validate(args)  # the exact shape the tool takes
    if name == "run_sql":
        guarded = guard_sql(args["sql"], ws)
        got = ws.query(guarded.sql, max_rows=100_000)
        want = ws.query(case["sql"], max_rows=100_000)
        assert got.row_count == want.row_count, detail
        assert _rows(got) == _rows(want), detail
    for key, value in case.get("args", {}).items():
        assert args.get(key) == value, f"{key}: {detail}"
