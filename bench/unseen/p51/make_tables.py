"""Six invented tables for evaluation set p51.

cnc_jobs: one machining job run on a CNC machine in a contract machine shop (2023-2024).
robot_milkings: one visit of a dairy cow to a milking robot on one of three farms (spring 2024).
bowling_games: one game bowled by one bowler at a ten-pin bowling centre (2024).
container_moves: one container move (gate in/out, vessel load/discharge) at a port terminal (Q1-Q2 2024).
subastas_lonja: un lote de pescado vendido en la subasta de una lonja del norte de España (2023-2024).
reservas_padel: una reserva de pista en un club de pádel (2024).
"""
import csv
import datetime as dt
import os
import random


def _write(out_dir, name, header, rows):
    with open(os.path.join(out_dir, name + ".csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


def _ts(t):
    return t.strftime("%Y-%m-%d %H:%M:%S")


def _cnc(rng):
    machines = {}
    types = ["3-axis mill", "5-axis mill", "lathe"]
    halls = ["A", "B", "C"]
    for k in range(1, 13):
        machines["M%02d" % k] = (types[(k - 1) % 3], halls[(k - 1) // 4])
    materials = [("aluminium", 40), ("mild steel", 20), ("stainless steel", 18), ("brass", 8),
                 ("titanium", 6), ("POM", 8)]
    mat_speed = {"aluminium": 1.0, "mild steel": 1.5, "stainless steel": 1.9, "brass": 1.1,
                 "titanium": 2.8, "POM": 0.8}
    mat_price = {"aluminium": 4.0, "mild steel": 3.0, "stainless steel": 7.5, "brass": 9.0,
                 "titanium": 38.0, "POM": 5.0}
    customers = ["Norvik Marine", "Aerolite Systems", "Baxter Pumps", "Hollis Medical",
                 "Kestrel Automotive", "Tamar Rail", "Orwell Tools", "Pinefield Agritech"]
    cust_w = [14, 10, 16, 9, 18, 8, 15, 10]
    operators = ["Dev", "Marta", "Tomasz", "Aisha", "Callum", "Priya", "Gareth", "Lena", "Oluwaseun",
                 "Fergus"]
    start = dt.datetime(2023, 1, 2, 6, 0)
    rows = []
    for i in range(2000):
        m = rng.choice(sorted(machines))
        mtype, hall = machines[m]
        mat = rng.choices([a for a, _ in materials], [b for _, b in materials])[0]
        day = start + dt.timedelta(days=rng.randrange(0, 545))
        while day.weekday() == 6:
            day += dt.timedelta(days=1)
        hour = rng.choice([6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 22, 23, 0, 1])
        ts = day.replace(hour=hour, minute=rng.randrange(0, 60), second=0)
        if hour < 6:
            ts += dt.timedelta(days=1)
        shift = "early" if 6 <= hour < 14 else ("late" if 14 <= hour < 22 else "night")
        qty = rng.choice([1, 2, 5, 10, 10, 20, 25, 50, 50, 100, 200, 250, 500])
        cyc = round(rng.uniform(1.5, 18.0) * mat_speed[mat] * (1.4 if mtype == "5-axis mill" else 1.0), 2)
        setup = rng.randrange(10, 121, 5)
        scrap_rate = {"titanium": 0.06, "stainless steel": 0.04}.get(mat, 0.02)
        scrapped = sum(1 for _ in range(qty) if rng.random() < scrap_rate)
        fa = rng.random() < (0.82 if mat == "titanium" else 0.93)
        fa_s = "Y" if fa else "N"
        if rng.random() < 0.05:
            fa_s = None
        rush = rng.random() < 0.18
        spindle_h = round((setup + cyc * qty) / 60.0, 2)
        cost = round(spindle_h * (95 if mtype == "5-axis mill" else 65) + qty * mat_price[mat]
                     * rng.uniform(0.6, 1.4) + (120 if rush else 0), 2)
        coolant = round(spindle_h * rng.uniform(0.8, 2.2), 1) if mat != "POM" else 0.0
        if rng.random() < 0.07:
            coolant = None
        rows.append(["J-%05d" % (10001 + i), m, mtype, hall, mat,
                     rng.choices(customers, cust_w)[0], rng.choice(operators), _ts(ts), shift, qty,
                     scrapped, setup, cyc, spindle_h, coolant, fa_s, "true" if rush else "false", cost])
    rows.sort(key=lambda r: (r[7], r[0]))
    return (["job_id", "machine_id", "machine_type", "hall", "material", "customer", "operator",
             "started_at", "shift", "qty_ordered", "qty_scrapped", "setup_min", "cycle_time_min",
             "spindle_hours", "coolant_litres", "first_article_ok", "rush_order", "job_cost_gbp"], rows)


def _milkings(rng):
    farms = ["Ashgrove", "Brookend", "Cullen Hill"]
    robots = {"Ashgrove": ["R1", "R2"], "Brookend": ["R3", "R4"], "Cullen Hill": ["R5", "R6"]}
    breeds = [("Holstein", 55), ("Jersey", 20), ("Brown Swiss", 12), ("Fleckvieh", 13)]
    base = {"Holstein": 14.0, "Jersey": 9.5, "Brown Swiss": 12.0, "Fleckvieh": 11.5}
    fat = {"Holstein": 3.9, "Jersey": 5.3, "Brown Swiss": 4.1, "Fleckvieh": 4.0}
    cows = []
    for k in range(1, 181):
        farm = farms[(k - 1) % 3]
        cows.append(("C%04d" % (1000 + k), farm, rng.choices([b for b, _ in breeds],
                                                               [w for _, w in breeds])[0],
                     rng.choices([1, 2, 3, 4, 5, 6], [28, 25, 20, 14, 8, 5])[0], rng.randrange(5, 300)))
    start = dt.datetime(2024, 3, 1)
    rows = []
    for i in range(2500):
        cow, farm, breed, lact, dim0 = rng.choice(cows)
        t = start + dt.timedelta(minutes=rng.randrange(0, 92 * 24 * 60))
        dim = dim0 + (t - start).days
        kg = base[breed] * (0.85 if lact == 1 else 1.0) * max(0.4, 1.2 - dim / 500.0) * rng.uniform(0.75, 1.25)
        incomplete = rng.random() < 0.06
        kick = rng.random() < 0.04
        if incomplete:
            kg *= rng.uniform(0.3, 0.7)
        scc = int(rng.lognormvariate(4.6, 0.7))
        rows.append([100001 + i, farm, rng.choice(robots[farm]), cow, breed, lact, dim, _ts(t),
                     round(kg, 2), round(fat[breed] + rng.uniform(-0.4, 0.4), 2),
                     round(3.3 + (0.5 if breed == "Jersey" else 0) + rng.uniform(-0.25, 0.25), 2),
                     scc if rng.random() > 0.08 else None, int(240 + kg * 22 + rng.uniform(-60, 90)),
                     1 if incomplete else 0, 1 if kick else 0,
                     round(rng.uniform(1.5, 4.5), 2) if rng.random() > 0.03 else None])
    rows.sort(key=lambda r: (r[7], r[0]))
    return (["milking_id", "farm", "robot_id", "cow_id", "breed", "lactation_no", "days_in_milk",
             "milked_at", "milk_kg", "fat_pct", "protein_pct", "scc_thousand", "duration_s",
             "incomplete", "kick_off", "concentrate_kg"], rows)


def _bowling(rng):
    centres = [("Kingpin Leeds", 24), ("Lucky Strike York", 16), ("Tenpin Hull", 12),
               ("Alley Cat Sheffield", 20)]
    bowlers = []
    for k in range(1, 261):
        skill = rng.uniform(70, 210)
        bowlers.append(("B%03d" % k, rng.choices([c for c, _ in centres], [4, 2, 2, 3])[0], skill))
    rows = []
    start = dt.date(2024, 1, 1)
    lanes = dict(centres)
    for i in range(1800):
        bid, home, skill = rng.choice(bowlers)
        centre = home if rng.random() < 0.85 else rng.choice([c for c, _ in centres])
        d = start + dt.timedelta(days=rng.randrange(0, 366))
        league = d.weekday() in (1, 3) and rng.random() < 0.7 and skill > 110
        session = "league night" if league else rng.choices(["daytime", "evening", "cosmic"], [4, 5, 2])[0]
        score = int(max(25, min(300, rng.gauss(skill, 25))))
        strikes = max(0, min(12, int(round((score - 60) / 20 + rng.uniform(-1.5, 1.5)))))
        spares = max(0, min(10 - min(strikes, 10), int(round((score - 40) / 30 + rng.uniform(-1, 2)))))
        gutters = max(0, int(round((170 - score) / 30 + rng.uniform(-1, 1.5))))
        bumpers = score < 90 and rng.random() < 0.5 and not league
        if bumpers:
            gutters = 0
        ball = rng.randrange(8, 17) if skill > 120 else rng.randrange(6, 14)
        shoes = (not league and rng.random() < 0.75) or (league and rng.random() < 0.1)
        fee = {"daytime": 5.5, "evening": 7.5, "cosmic": 8.95, "league night": 4.0}[session]
        rows.append([50001 + i, centre, rng.randrange(1, lanes[centre] + 1), bid, d.isoformat(), session,
                     "yes" if league else "no", score, strikes, spares, gutters, ball,
                     "yes" if shoes else "no", "yes" if bumpers else "no",
                     max(0, int((200 - skill) * 0.8)) if league else None, fee])
    rows.sort(key=lambda r: (r[4], r[0]))
    return (["game_id", "centre", "lane", "bowler_id", "played_on", "session", "league_game", "score",
             "strikes", "spares", "gutter_balls", "ball_weight_lb", "shoe_rental", "bumpers",
             "handicap", "lane_fee_gbp"], rows)


def _containers(rng):
    lines = [("Nordhaven Lines", "NHLU", 30), ("Coral Bay Shipping", "CBSU", 22),
             ("Atlas Ocean", "ATOU", 25), ("Eastwind Carriers", "EWCU", 15), ("Pelican Feeder", "PLFU", 8)]
    vessels = {"Nordhaven Lines": ["Nordhaven Aurora", "Nordhaven Bergen"],
               "Coral Bay Shipping": ["Coral Princess", "Coral Voyager"],
               "Atlas Ocean": ["Atlas Meridian", "Atlas Horizon", "Atlas Zenith"],
               "Eastwind Carriers": ["Eastwind Star"], "Pelican Feeder": ["Pelican One"]}
    blocks = [b + str(n) for b in "ABCD" for n in range(1, 5)]
    start = dt.datetime(2024, 1, 1)
    rows = []
    for i in range(3000):
        line, pre, _ = rng.choices(lines, [w for _, _, w in lines])[0]
        move = rng.choices(["gate in", "gate out", "load", "discharge"], [27, 26, 23, 24])[0]
        size = rng.choices([20, 40, 45], [38, 52, 10])[0]
        reefer = rng.random() < (0.14 if size != 20 else 0.05)
        empty = rng.random() < 0.22 and not reefer
        tare = {20: 2.2, 40: 3.8, 45: 4.8}[size]
        w = tare if empty else tare + rng.uniform(4, 26 if size == 20 else 28)
        t = start + dt.timedelta(minutes=rng.randrange(0, 182 * 24 * 60))
        gate = move.startswith("gate")
        hold = (not empty) and move in ("discharge", "gate out") and rng.random() < 0.07
        hazard = rng.choice([3, 3, 8, 9, 2, 6]) if (not empty and rng.random() < 0.06) else None
        if gate:
            equip = "reach stacker" if rng.random() < 0.3 else "RTG"
        else:
            equip = "STS crane"
        wait = int(rng.lognormvariate(3.0, 0.6)) if gate else None
        dwell = rng.randrange(1, 21) + (6 if hold else 0) if move == "gate out" else None
        rows.append(["MV%06d" % (1 + i), pre + "%07d" % rng.randrange(0, 10 ** 7), line, size,
                     "true" if reefer else "false", "true" if empty else "false", move,
                     "North Quay" if rng.random() < 0.55 else "South Quay", rng.choice(blocks), equip,
                     None if gate else rng.choice(vessels[line]), _ts(t), round(w, 1),
                     hazard, "Y" if hold else "N", wait, dwell])
    rows.sort(key=lambda r: (r[11], r[0]))
    return (["move_id", "container_no", "shipping_line", "size_ft", "reefer", "is_empty", "move_type",
             "terminal", "yard_block", "equipment", "vessel", "move_time", "gross_weight_t",
             "imo_class", "customs_hold", "truck_wait_min", "dwell_days"], rows)


def _lonja(rng):
    lonjas = [("Burela", 25), ("Celeiro", 20), ("Vigo", 30), ("Ondarroa", 12), ("Santoña", 13)]
    especies = {"merluza": (6.5, "arrastre"), "sardina": (1.8, "cerco"), "jurel": (1.4, "cerco"),
                "bonito": (5.0, "cacea"), "pulpo": (9.0, "nasa"), "rape": (8.5, "arrastre"),
                "caballa": (1.1, "cerco"), "gallo": (7.0, "arrastre"), "cigala": (24.0, "nasa"),
                "boquerón": (2.9, "cerco")}
    peso_esp = [14, 12, 10, 8, 7, 9, 10, 7, 4, 11]
    nombres = ["Nuevo Pilar", "Virgen del Carmen", "Hermanos Rial", "Mar de Lira", "Gure Ama", "Ría de Viveiro",
               "Monte Louro", "Santa Uxía", "Nuevo Aitor", "Playa de Laxe", "Puerto de Celeiro", "Ana Isabel",
               "Verdemar", "Arroás", "Nuevo Bergantiños", "Itxas Lagun", "Sotavento", "Marbella Dos",
               "Peixe Azul", "Estrella del Norte", "Alborada", "Corazón de María"]
    compradores = ["Pescados Rial", "Frigoríficos del Norte", "Mariscos Lema", "Conservas Ortiz Hnos",
                   "Distribuciones Cantábrico", "Pescanova Local", "Mercamadrid Trading", "Lonxanet Coop",
                   "Hijos de Carlos Albo", "Pescaderías Coruñesas"]
    start = dt.date(2023, 1, 2)
    rows = []
    for i in range(2200):
        lonja = rng.choices([a for a, _ in lonjas], [b for _, b in lonjas])[0]
        esp = rng.choices(sorted(especies), [peso_esp[k] for k in range(10)])[0]
        pbase, arte = especies[esp]
        if esp in ("merluza", "rape", "gallo") and rng.random() < 0.35:
            arte = "volanta"
        if esp == "merluza" and rng.random() < 0.2:
            arte = "palangre"
        d = start + dt.timedelta(days=rng.randrange(0, 730))
        while d.weekday() >= 5:
            d += dt.timedelta(days=2)
        kilos = round(rng.uniform(20, 900) * (3 if arte == "cerco" else 1) * (0.2 if esp == "cigala" else 1), 1)
        calibre = rng.randrange(1, 6)
        precio = round(pbase * rng.uniform(0.6, 1.5) * (1 + (3 - calibre) * 0.08)
                       * (1.35 if d.month == 12 else 1.0), 2)
        retirado = rng.random() < 0.03
        comprador = None if retirado else rng.choice(compradores)
        rows.append(["L%05d" % (1 + i), lonja, d.isoformat(), rng.choice(nombres), esp, arte, kilos,
                     calibre if rng.random() > 0.06 else None, precio,
                     round(kilos * precio, 2) if not retirado else 0.0, comprador,
                     "sí" if rng.random() < (0.3 if esp in ("merluza", "bonito", "pulpo") else 0.1) else "no",
                     "sí" if retirado else "no"])
    rows.sort(key=lambda r: (r[2], r[0]))
    return (["lote_id", "lonja", "fecha", "barco", "especie", "arte_pesca", "kilos", "calibre",
             "precio_kg_eur", "importe_eur", "comprador", "etiqueta_calidad", "retirado"], rows)


def _padel(rng):
    clubs = [("Pádel Retiro Madrid", 8, 16.0), ("Indoor Getafe", 6, 12.0), ("Raqueta Sur Sevilla", 5, 11.0),
             ("Pádel Mar Valencia", 7, 14.0)]
    tipos = ["cristal", "muro", "panorámica"]
    start = dt.date(2024, 1, 1)
    rows = []
    for i in range(1600):
        club, npistas, tarifa = rng.choices(clubs, [35, 25, 18, 22])[0]
        pista = rng.randrange(1, npistas + 1)
        tipo = tipos[pista % 3] if pista != 1 else "panorámica"
        cubierta = club == "Indoor Getafe" or pista <= 2
        d = start + dt.timedelta(days=rng.randrange(0, 366))
        hora = rng.choices(list(range(8, 23)), [2, 3, 4, 4, 3, 3, 2, 2, 3, 5, 8, 10, 10, 8, 4])[0]
        t = dt.datetime(d.year, d.month, d.day, hora, rng.choice([0, 30]))
        dur = rng.choices([60, 90, 120], [25, 60, 15])[0]
        socio = rng.random() < 0.45
        importe = tarifa * dur / 60.0 * (0.8 if socio else 1.0) * (1.2 if hora >= 18 else 1.0)
        palas = rng.choices([0, 1, 2, 4], [60, 18, 14, 8])[0]
        importe += palas * 2.5
        cancelada = rng.random() < 0.09
        val = None
        if not cancelada and rng.random() < 0.55:
            val = rng.choices([1, 2, 3, 4, 5], [3, 6, 18, 40, 33])[0]
        rows.append(["R%05d" % (1 + i), club, pista, tipo, "sí" if cubierta else "no", _ts(t), dur,
                     rng.choices([2, 4], [12, 88])[0],
                     rng.choice(["iniciación", "intermedio", "intermedio", "avanzado", "competición"]),
                     "sí" if socio else "no", round(importe, 2),
                     rng.choices(["tarjeta", "efectivo", "bizum", "app"], [35, 10, 20, 35])[0], palas,
                     "sí" if cancelada else "no", val])
    rows.sort(key=lambda r: (r[5], r[0]))
    return (["reserva_id", "club", "pista", "tipo_pista", "cubierta", "inicio", "duracion_min", "jugadores",
             "nivel", "socio", "importe_eur", "metodo_pago", "alquiler_palas", "cancelada", "valoracion"], rows)


def make(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    for name, fn, seed in (("cnc_jobs", _cnc, 5101), ("robot_milkings", _milkings, 5102),
                           ("bowling_games", _bowling, 5103), ("container_moves", _containers, 5104),
                           ("subastas_lonja", _lonja, 5105), ("reservas_padel", _padel, 5106)):
        header, rows = fn(random.Random(seed))
        _write(out_dir, name, header, rows)


if __name__ == "__main__":
    make(os.path.join(os.path.dirname(os.path.abspath(__file__)), "tables"))
