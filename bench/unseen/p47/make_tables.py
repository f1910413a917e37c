"""Six invented CSV tables for evaluation set p47.

ferry_crossings: one row per scheduled ferry departure (route, vessel, passengers, cars, fares, delay, weather, cancellations), Jan 2023 - Jun 2024.
dental_visits: one row per booked appointment at a three-branch dental practice (patient, dentist, procedure, charge, insurance, no-shows), 2023-2024.
vending_sales: one row per vending machine transaction across 24 machines (product, category, price, quantity, payment, errors), Mar-Aug 2024.
ski_lift_passes: one row per lift pass sold at three resorts over two winter seasons (pass type, age band, price, channel, insurance, scans).
cosecha_uva: una fila por lote de uva vendimiado en una bodega (parcela, variedad, fecha, kilos, grado Brix, acidez, método, destino), campañas 2021-2023.
prestamos_bici: una fila por préstamo del servicio municipal de bicicletas (abonado, estaciones, fecha y hora, duración, distancia, tipo de bici, importe), año 2024.
"""
import csv
import os
import random
from datetime import date, datetime, timedelta


def _write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


def _pick(R, items, weights):
    return R.choices(items, weights=weights, k=1)[0]


def _ferry(R, out_dir):
    routes = ["HLS-ISL", "HLS-PTW", "PTW-ISL", "MRN-BAY"]
    route_w = [40, 25, 20, 15]
    route_min = {"HLS-ISL": 55, "HLS-PTW": 35, "PTW-ISL": 80, "MRN-BAY": 20}
    base_fare = {"HLS-ISL": 14.5, "HLS-PTW": 9.0, "PTW-ISL": 19.0, "MRN-BAY": 4.5}
    vessels = {
        "HLS-ISL": ["MV Aurora", "MV Gannet"],
        "HLS-PTW": ["MV Kestrel", "MV Gannet"],
        "PTW-ISL": ["MV Selkie"],
        "MRN-BAY": ["MV Tern"],
    }
    capacity = {"MV Aurora": 420, "MV Gannet": 350, "MV Kestrel": 280, "MV Selkie": 300, "MV Tern": 90}
    car_deck = {"MV Aurora": 60, "MV Gannet": 45, "MV Kestrel": 30, "MV Selkie": 40, "MV Tern": 0}
    weathers = ["calm", "moderate", "rough", "fog"]
    start = date(2023, 1, 1)
    ndays = (date(2024, 6, 30) - start).days + 1
    rows = []
    for _ in range(1450):
        d = start + timedelta(days=R.randrange(ndays))
        route = _pick(R, routes, route_w)
        hour = R.choice([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21])
        minute = R.choice([0, 15, 30, 45])
        dep = datetime(d.year, d.month, d.day, hour, minute)
        vessel = R.choice(vessels[route])
        winter = d.month in (11, 12, 1, 2, 3)
        w = _pick(R, weathers, [30, 45, 15, 10] if winter else [55, 35, 5, 5])
        direction = R.choice(["outbound", "return"])
        cancel_p = {"calm": 0.005, "moderate": 0.02, "rough": 0.22, "fog": 0.08}[w]
        cancelled = R.random() < cancel_p
        season = 1.6 if d.month in (6, 7, 8) else (0.7 if winter else 1.0)
        if d.weekday() >= 5:
            season *= 1.25
        if cancelled:
            pax = cars = rev = delay = fuel = None
        else:
            cap = capacity[vessel]
            pax = max(3, min(cap, int(R.gauss(cap * 0.38 * season, cap * 0.12))))
            if car_deck[vessel]:
                cars = max(0, min(car_deck[vessel], int(R.gauss(car_deck[vessel] * 0.5 * season, 6))))
            else:
                cars = 0
            rev = round(pax * base_fare[route] * R.uniform(0.78, 0.95) + cars * base_fare[route] * 2.4, 2)
            dmean = {"calm": 3, "moderate": 7, "rough": 18, "fog": 14}[w]
            delay = max(0, int(R.expovariate(1 / dmean)))
            if R.random() < 0.04:
                delay = None
            fuel = round(route_min[route] * (capacity[vessel] / 100.0) * R.uniform(4.2, 5.6), 1)
        rows.append([dep, route, vessel, direction, w, cancelled, pax, cars, rev, delay, fuel])
    rows.sort(key=lambda r: (r[0], r[1]))
    out = []
    for i, r in enumerate(rows):
        dep, route, vessel, direction, w, cancelled, pax, cars, rev, delay, fuel = r
        out.append([
            "FC-%05d" % (10001 + i), route, vessel, direction,
            dep.strftime("%Y-%m-%d %H:%M:%S"), route_min[route], w,
            "Y" if cancelled else "N", pax, cars,
            None if rev is None else "%.2f" % rev, delay, fuel,
        ])
    _write(os.path.join(out_dir, "ferry_crossings.csv"),
           ["crossing_id", "route_code", "vessel_name", "direction", "departureTime",
            "scheduled_duration_min", "weather", "Cancelled", "passengers", "cars_onboard",
            "fare_revenue_gbp", "delay_minutes", "fuel_used_litres"], out)


def _dental(R, out_dir):
    branches = ["Northside", "Riverside", "Old Town"]
    dentists = {
        "Northside": ["Dr. Patel", "Dr. Okafor"],
        "Riverside": ["Dr. Lindqvist", "Dr. Moreno"],
        "Old Town": ["Dr. Chen"],
    }
    procs = ["Checkup", "Cleaning", "Filling", "Extraction", "Root Canal", "Crown", "Whitening"]
    proc_w = [30, 25, 18, 8, 6, 5, 8]
    price = {"Checkup": 65, "Cleaning": 95, "Filling": 180, "Extraction": 240,
             "Root Canal": 890, "Crown": 1150, "Whitening": 420}
    dur = {"Checkup": 20, "Cleaning": 40, "Filling": 45, "Extraction": 50,
           "Root Canal": 95, "Crown": 80, "Whitening": 60}
    patients = []
    for i in range(380):
        age = max(4, min(89, int(R.gauss(42, 19))))
        patients.append(("PT-%04d" % (1201 + i), age, R.random() < 0.68,
                         _pick(R, branches, [45, 35, 20])))
    start = date(2023, 1, 2)
    ndays = (date(2024, 12, 31) - start).days + 1
    rows = []
    for _ in range(1150):
        pid, age, insured, home = R.choice(patients)
        branch = home if R.random() < 0.85 else R.choice(branches)
        while True:
            d = start + timedelta(days=R.randrange(ndays))
            if d.weekday() < 5 or (d.weekday() == 5 and R.random() < 0.5):
                break
        slot = "%02d:%02d" % (R.choice([8, 9, 10, 11, 13, 14, 15, 16, 17]), R.choice([0, 20, 40]))
        dentist = R.choice(dentists[branch])
        proc = _pick(R, procs, proc_w)
        if proc == "Whitening":
            insured_visit = False
        else:
            insured_visit = insured
        no_show = R.random() < (0.09 if age < 30 else 0.05)
        if no_show:
            duration = None
            charge = 25.0
            ins_paid = None
            pain = None
        else:
            duration = max(10, int(R.gauss(dur[proc], dur[proc] * 0.15)))
            charge = round(price[proc] * R.uniform(0.92, 1.12), 2)
            if branch == "Old Town":
                charge = round(charge * 1.08, 2)
            ins_paid = round(charge * R.choice([0.5, 0.6, 0.8]), 2) if insured_visit else None
            pain = None if R.random() < 0.3 else max(0, min(10, int(R.gauss(
                {"Checkup": 1, "Cleaning": 1, "Filling": 3, "Extraction": 6,
                 "Root Canal": 7, "Crown": 4, "Whitening": 0}[proc], 1.5))))
        follow = (proc in ("Root Canal", "Crown", "Extraction") or R.random() < 0.1) and not no_show
        rows.append([d, slot, pid, age, branch, dentist, proc, duration, charge,
                     insured_visit, ins_paid, no_show, follow, pain])
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    out = []
    for i, r in enumerate(rows):
        (d, slot, pid, age, branch, dentist, proc, duration, charge, insured_visit,
         ins_paid, no_show, follow, pain) = r
        out.append([50001 + i, pid, age, branch, dentist, d.isoformat(), slot, proc, duration,
                    "%.2f" % charge, "true" if insured_visit else "false",
                    None if ins_paid is None else "%.2f" % ins_paid,
                    "true" if no_show else "false", "true" if follow else "false", pain])
    _write(os.path.join(out_dir, "dental_visits.csv"),
           ["visit_id", "patientId", "patient_age", "clinic_branch", "dentist", "visit_date",
            "appt_time", "procedure", "duration_min", "charge_usd", "is_insured",
            "insurance_paid_usd", "no_show", "followUpNeeded", "Pain_Score"], out)


def _vending(R, out_dir):
    sites = ["office", "campus", "hospital", "station", "gym"]
    machines = []
    for i in range(24):
        machines.append(("VM-%02d" % (i + 1), sites[i % 5] if i < 20 else R.choice(sites),
                         R.choice(["Building A", "Building B", "Lobby", "Platform 2", "Food Court",
                                   "Library", "East Wing", "Locker Room"])))
    products = [
        ("Salted Crisps", "snack", 1.50), ("Cheese Puffs", "snack", 1.75), ("Pretzels", "snack", 1.60),
        ("Cola 330ml", "soft drink", 1.80), ("Lemon Soda 330ml", "soft drink", 1.80),
        ("Iced Tea 500ml", "soft drink", 2.20), ("Still Water 500ml", "water", 1.20),
        ("Sparkling Water 500ml", "water", 1.40), ("Choc Bar", "candy", 1.30),
        ("Gummy Bears", "candy", 1.10), ("Mint Gum", "candy", 0.90),
        ("Espresso", "coffee", 1.60), ("Cappuccino", "coffee", 2.10), ("Protein Bar", "snack", 2.80),
    ]
    prod_w = [9, 7, 4, 12, 6, 6, 10, 4, 9, 5, 3, 7, 8, 4]
    start = datetime(2024, 3, 1)
    ndays = (date(2024, 8, 31) - date(2024, 3, 1)).days + 1
    rows = []
    for _ in range(2700):
        mid, site, loc = machines[_pick(R, list(range(24)), [3 if i in (3, 7, 12) else 2 if i < 20 else 1 for i in range(24)])]
        d = start + timedelta(days=R.randrange(ndays))
        if site == "office" and d.weekday() >= 5 and R.random() < 0.7:
            d = d - timedelta(days=d.weekday() - R.randrange(5))
            if d < start:
                d = d + timedelta(days=7)
        hour = _pick(R, list(range(6, 24)), [2, 5, 8, 7, 6, 6, 9, 8, 6, 6, 7, 6, 5, 4, 3, 3, 2, 1])
        ts = d + timedelta(hours=hour, minutes=R.randrange(60), seconds=R.randrange(60))
        name, cat, p = products[_pick(R, list(range(len(products))), prod_w)]
        if site == "gym" and cat in ("water", "snack") and R.random() < 0.3:
            name, cat, p = ("Protein Bar", "snack", 2.80) if R.random() < 0.5 else ("Still Water 500ml", "water", 1.20)
        if site in ("hospital", "station"):
            p = round(p + 0.20, 2)
        qty = _pick(R, [1, 2, 3, 4], [78, 15, 5, 2])
        pay = _pick(R, ["card", "cash", "mobile"], [45, 30, 25] if site != "campus" else [35, 15, 50])
        err = R.random() < 0.025
        temp = None if cat not in ("soft drink", "water") else (None if R.random() < 0.1 else round(R.gauss(5.5, 1.2), 1))
        rows.append([ts, mid, site, loc, name, cat, p, qty, pay, err, temp])
    rows.sort(key=lambda r: (r[0], r[1]))
    out = []
    for i, r in enumerate(rows):
        ts, mid, site, loc, name, cat, p, qty, pay, err, temp = r
        total = 0.0 if err else round(p * qty, 2)
        out.append(["T%06d" % (300001 + i), mid, site, loc, ts.strftime("%Y-%m-%d %H:%M:%S"),
                    name, cat, "%.2f" % p, qty, "%.2f" % total, pay,
                    "TRUE" if err else "FALSE", temp])
    _write(os.path.join(out_dir, "vending_sales.csv"),
           ["txnId", "machine_id", "site_type", "location", "sold_at", "product_name",
            "category", "unit_price_usd", "qty", "total_usd", "payment_method",
            "dispense_error", "Temp_C"], out)


def _ski(R, out_dir):
    resorts = ["Pic Blanc", "Val Cendre", "Les Sorbiers"]
    types = ["day", "half-day", "3-day", "week", "season"]
    type_w = [45, 15, 18, 14, 8]
    base = {"day": 62, "half-day": 41, "3-day": 165, "week": 330, "season": 890}
    days_valid = {"day": 1, "half-day": 1, "3-day": 3, "week": 6, "season": 130}
    ages = ["child", "youth", "adult", "senior"]
    age_mult = {"child": 0.55, "youth": 0.75, "adult": 1.0, "senior": 0.8}
    resort_mult = {"Pic Blanc": 1.12, "Val Cendre": 1.0, "Les Sorbiers": 0.86}
    customers = []
    for i in range(560):
        customers.append(("C%05d" % (70001 + i), _pick(R, ages, [18, 14, 56, 12])))
    seasons = [(date(2022, 12, 3), date(2023, 4, 16)), (date(2023, 12, 2), date(2024, 4, 14))]
    rows = []
    for _ in range(1050):
        cid, age = R.choice(customers)
        resort = _pick(R, resorts, [40, 35, 25])
        s0, s1 = seasons[0] if R.random() < 0.46 else seasons[1]
        ptype = _pick(R, types, type_w)
        if ptype == "season":
            first = s0 + timedelta(days=R.randrange(20))
            bought = first - timedelta(days=R.randrange(10, 70))
        else:
            first = s0 + timedelta(days=R.randrange((s1 - s0).days - 6))
            bought = first - timedelta(days=_pick(R, [0, 1, 3, 7, 14, 30], [40, 15, 15, 12, 10, 8]))
        channel = _pick(R, ["online", "ticket office", "hotel partner"], [50, 35, 15])
        if channel == "ticket office":
            bought = first
        hr = R.randrange(7, 11) if bought == first else R.randrange(8, 23)
        bts = datetime(bought.year, bought.month, bought.day, hr, R.randrange(60), R.randrange(60))
        price = base[ptype] * age_mult[age] * resort_mult[resort]
        if channel == "online":
            price *= 0.93
        if first.month in (12,) and first.day > 20 or first.month == 2:
            price *= 1.10
        price = round(price, 2)
        insured = R.random() < (0.35 if ptype in ("week", "season") else 0.15)
        unused = R.random() < 0.03
        if unused:
            scans = 0
            first_use = None
            vert = None
        else:
            per_day = max(3, int(R.gauss(14 if age in ("youth", "adult") else 10, 4)))
            used_days = days_valid[ptype] if ptype != "season" else R.randrange(6, 45)
            if ptype == "half-day":
                per_day = max(2, per_day // 2)
            scans = per_day * used_days + R.randrange(0, 5)
            first_use = first
            vert = None if R.random() < 0.12 else round(scans * R.uniform(230, 340), 0)
        rows.append([bts, cid, age, resort, ptype, channel, price, insured, first_use, scans, vert])
    rows.sort(key=lambda r: (r[0], r[1]))
    out = []
    for i, r in enumerate(rows):
        bts, cid, age, resort, ptype, channel, price, insured, first_use, scans, vert = r
        out.append(["SKP-%06d" % (400001 + i), cid, bts.strftime("%Y-%m-%d %H:%M:%S"), resort,
                    ptype, age, "%.2f" % price, channel, "yes" if insured else "no",
                    None if first_use is None else first_use.isoformat(), scans,
                    None if vert is None else int(vert)])
    _write(os.path.join(out_dir, "ski_lift_passes.csv"),
           ["pass_id", "customerID", "purchase_ts", "Resort", "pass_type", "age_group",
            "price_eur", "sales_channel", "insurance_added", "first_use_date", "lift_scans",
            "verticalMetres"], out)


def _cosecha(R, out_dir):
    parcelas = [("P01", "La Solana", 4.2), ("P02", "El Pago", 6.8), ("P03", "Cerro Alto", 3.1),
                ("P04", "Valdelobos", 5.5), ("P05", "Las Viñas Viejas", 2.4), ("P06", "Río Bajo", 7.3)]
    variedades = ["Tempranillo", "Garnacha", "Graciano", "Mazuelo", "Viura"]
    var_parc = {"P01": ["Tempranillo", "Graciano"], "P02": ["Tempranillo", "Garnacha"],
                "P03": ["Garnacha", "Mazuelo"], "P04": ["Tempranillo", "Viura"],
                "P05": ["Tempranillo", "Garnacha", "Graciano"], "P06": ["Viura", "Tempranillo", "Mazuelo"]}
    start_var = {"Viura": (8, 28), "Garnacha": (9, 12), "Tempranillo": (9, 18),
                 "Graciano": (10, 1), "Mazuelo": (9, 28)}
    brix = {"Viura": 20.5, "Garnacha": 24.5, "Tempranillo": 23.8, "Graciano": 23.0, "Mazuelo": 22.6}
    acid = {"Viura": 6.4, "Garnacha": 4.9, "Tempranillo": 5.3, "Graciano": 6.8, "Mazuelo": 6.1}
    year_f = {2021: 1.0, 2022: 0.82, 2023: 1.08}
    rows = []
    for _ in range(760):
        cod, nombre, ha = parcelas[_pick(R, list(range(6)), [14, 22, 10, 18, 8, 28])]
        year = _pick(R, [2021, 2022, 2023], [32, 32, 36])
        var = R.choice(var_parc[cod])
        m, dd = start_var[var]
        d = date(year, m, dd) + timedelta(days=R.randrange(0, 24) - (6 if year == 2022 else 0))
        metodo = "mecánica" if (cod in ("P02", "P06") and R.random() < 0.55) or R.random() < 0.1 else "manual"
        if cod == "P05":
            metodo = "manual"
        kilos = round(max(350, R.gauss(2600 if metodo == "mecánica" else 1500, 450)) * year_f[year], 1)
        cajas = None if metodo == "mecánica" else int(kilos / 18) + R.randrange(0, 3)
        gb = round(R.gauss(brix[var] + (0.8 if year == 2022 else 0), 0.9), 1)
        at = round(R.gauss(acid[var] - (0.4 if year == 2022 else 0), 0.45), 2)
        ph = None if R.random() < 0.08 else round(R.gauss(3.45 if var != "Viura" else 3.25, 0.09), 2)
        eco = cod in ("P03", "P05")
        sani = _pick(R, ["sano", "leve", "grave"], [82, 14, 4] if year != 2023 else [70, 22, 8])
        if var == "Viura":
            destino = _pick(R, ["blanco joven", "blanco fermentado en barrica"], [75, 25])
        elif var == "Garnacha" and R.random() < 0.3:
            destino = "rosado"
        elif sani == "grave":
            destino = "tinto joven"
        else:
            destino = _pick(R, ["tinto joven", "crianza", "reserva"], [40, 40, 20])
        cuadrilla = R.choice(["Cuadrilla 1", "Cuadrilla 2", "Cuadrilla 3"]) if metodo == "manual" else None
        temp = round(R.gauss(19 if d.month == 9 else 15, 3), 1)
        rows.append([d, cod, nombre, var, metodo, cuadrilla, kilos, cajas, gb, at, ph, sani, eco, destino, temp])
    rows.sort(key=lambda r: (r[0], r[1], r[3]))
    out = []
    counters = {}
    for r in rows:
        d, cod, nombre, var, metodo, cuadrilla, kilos, cajas, gb, at, ph, sani, eco, destino, temp = r
        counters[d.year] = counters.get(d.year, 0) + 1
        out.append(["L%02d-%04d" % (d.year % 100, counters[d.year]), d.isoformat(), cod, nombre, var,
                    metodo, cuadrilla, kilos, cajas, gb, at, ph, sani, "sí" if eco else "no",
                    destino, temp])
    _write(os.path.join(out_dir, "cosecha_uva.csv"),
           ["id_lote", "fecha_vendimia", "cod_parcela", "Parcela", "variedad", "metodo_recoleccion",
            "cuadrilla", "kg_uva", "num_cajas", "gradoBrix", "acidez_total_gl", "pH",
            "estado_sanitario", "ecologico", "destino", "temp_recepcion_c"], out)


def _bici(R, out_dir):
    estaciones = ["Plaza Mayor", "Estación Norte", "Universidad", "Parque del Río",
                  "Mercado Central", "Hospital General", "Puerto Deportivo", "Barrio del Carmen"]
    est_w = [16, 18, 17, 10, 12, 9, 7, 11]
    usuarios = []
    for i in range(520):
        tipo = _pick(R, ["anual", "mensual", "ocasional"], [55, 25, 20])
        usuarios.append(("AB-%05d" % (20001 + i), tipo,
                         max(16, min(80, int(R.gauss(36, 12))))))
    user_w = [R.choice([1, 1, 1, 2, 3, 6]) for _ in usuarios]
    start = date(2024, 1, 1)
    rows = []
    for _ in range(2900):
        uid, abono, edad = usuarios[_pick(R, list(range(len(usuarios))), user_w)]
        while True:
            d = start + timedelta(days=R.randrange(366))
            f = 0.6 if d.month in (1, 2, 12) else (1.0 if d.month in (5, 6, 9, 10) else 0.85)
            if R.random() < f:
                break
        hour = _pick(R, list(range(6, 24)), [2, 6, 9, 6, 4, 4, 5, 6, 6, 5, 5, 7, 8, 9, 6, 4, 3, 2])
        ts = datetime(d.year, d.month, d.day, hour, R.randrange(60), R.randrange(60))
        orig = _pick(R, estaciones, est_w)
        dest = _pick(R, estaciones, est_w)
        bici = _pick(R, ["mecánica", "eléctrica"], [62, 38])
        dur = max(2, int(R.lognormvariate(2.6, 0.55)))
        if orig == dest:
            dur += R.randrange(5, 30)
        speed = R.uniform(10, 14) if bici == "mecánica" else R.uniform(14, 19)
        dist = round(dur / 60.0 * speed * R.uniform(0.6, 0.95), 2)
        if abono == "ocasional":
            importe = 1.50 + max(0, dur - 30) * 0.05 + (0.50 if bici == "eléctrica" else 0)
        else:
            importe = (max(0, dur - 30) * 0.05) + (0.20 if bici == "eléctrica" else 0)
        importe = round(importe, 2)
        bat = None if bici == "mecánica" else max(5, min(100, int(R.gauss(68 - dur * 0.6, 12))))
        incid = _pick(R, [None, "pinchazo", "frenos", "anclaje", "cadena"], [93, 2, 2, 2, 1]) if bici == "mecánica" \
            else _pick(R, [None, "pinchazo", "frenos", "anclaje", "batería"], [92, 2, 1, 2, 3])
        canal = _pick(R, ["app", "tarjeta", "tótem"], [58, 30, 12]) if abono != "ocasional" else _pick(R, ["app", "tótem"], [60, 40])
        rows.append([ts, uid, abono, edad, orig, dest, bici, canal, dur, dist, importe, bat, incid])
    rows.sort(key=lambda r: (r[0], r[1]))
    out = []
    for i, r in enumerate(rows):
        ts, uid, abono, edad, orig, dest, bici, canal, dur, dist, importe, bat, incid = r
        out.append([800001 + i, uid, abono, edad, ts.strftime("%Y-%m-%d %H:%M:%S"), orig, dest,
                    bici, canal, dur, "%.2f" % dist, "%.2f" % importe, bat,
                    "sí" if incid else "no", incid])
    _write(os.path.join(out_dir, "prestamos_bici.csv"),
           ["id_prestamo", "id_abonado", "tipo_abono", "edad", "fecha_hora_inicio",
            "estacion_origen", "estacion_destino", "tipoBici", "canal_desbloqueo",
            "duracion_min", "distancia_km", "importe_eur", "bateria_final_pct",
            "Incidencia", "tipo_incidencia"], out)


def make(out_dir):
    R = random.Random(47)
    os.makedirs(out_dir, exist_ok=True)
    _ferry(R, out_dir)
    _dental(R, out_dir)
    _vending(R, out_dir)
    _ski(R, out_dir)
    _cosecha(R, out_dir)
    _bici(R, out_dir)


if __name__ == "__main__":
    import sys
    make(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "tables"))
