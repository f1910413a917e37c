"""Six invented tables for the `p46` unseen evaluation set.

Standalone: stdlib only. make(out_dir) writes:
  escape_room_bookings.csv  - bookings at an escape-room venue (2023-2024)
  pet_grooming.csv          - pet-grooming salon appointments, repeated customer_id (2023-2024)
  laundromat_cycles.csv     - washer/dryer cycles at three laundromats, start + end timestamps
  pothole_reports.csv       - council pothole reports with reported/repaired dates (2022-2024)
  almazara_entregas.csv     - (Spanish) olive deliveries to an olive-oil mill, repeated socio_id
  quejas_ayuntamiento.csv   - (Spanish) citizen complaints to a town hall, registro + cierre dates
All randomness comes from R = random.Random(46) created inside make(), so
repeated calls produce byte-identical files.
"""
import csv
import datetime
import os
import random


def _write(out_dir, name, header, rows):
    path = os.path.join(out_dir, name + ".csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
    return path


def _w(R, items, weights):
    return R.choices(items, weights=weights, k=1)[0]


def _rand_date(R, start, end):
    return start + datetime.timedelta(days=R.randint(0, (end - start).days))


def _m(x):
    return "%.2f" % x


# ----------------------------------------------------------------------------
def _escape_rooms(R):
    rooms = {"Pharaoh's Tomb": (60, 0.45), "Haunted Asylum": (60, 0.35), "Bank Heist": (75, 0.55),
             "Space Station": (60, 0.5), "Pirate Cove": (45, 0.7)}
    room_w = [24, 20, 18, 15, 13]
    per_head = {"Pharaoh's Tomb": 28.0, "Haunted Asylum": 30.0, "Bank Heist": 32.0,
                "Space Station": 29.0, "Pirate Cove": 22.0}
    header = ["booking_id", "Booking Date", "sessionStart", "room", "group_size",
              "price_total_eur", "escaped", "finish_time_min", "hints_used",
              "booking_channel", "is_corporate", "rating"]
    rows = []
    for i in range(1, 1261):
        start = _rand_date(R, datetime.date(2023, 1, 1), datetime.date(2024, 12, 31))
        if start.weekday() < 4 and R.random() < 0.35:
            start = start + datetime.timedelta(days=5 - start.weekday())
        hour = _w(R, [10, 12, 14, 16, 18, 20, 22], [4, 8, 10, 12, 16, 16, 8])
        ts = datetime.datetime(start.year, start.month, start.day, hour, R.choice([0, 0, 15, 30]))
        booked = start - datetime.timedelta(days=min(60, int(R.expovariate(1 / 9.0))))
        room = _w(R, list(rooms), room_w)
        limit, p = rooms[room]
        g = _w(R, [2, 3, 4, 5, 6, 7, 8], [14, 16, 24, 18, 14, 8, 6])
        corp = R.random() < 0.12
        if corp:
            g = max(g, R.randint(5, 8))
        hints = min(6, int(R.expovariate(1 / 1.6)))
        esc = R.random() < min(0.95, p + 0.03 * (g - 4) + 0.04 * hints)
        fin = round(R.uniform(limit * 0.6, limit) , 1) if esc else None
        if esc and R.random() < 0.05:
            fin = None
        price = per_head[room] * g * (0.9 if g >= 6 else 1.0)
        chan = _w(R, ["Website", "Phone", "Walk-in", "Voucher"], [58, 14, 10, 18])
        if chan == "Voucher":
            price *= 0.85
        rating = None
        if R.random() < 0.55:
            base = 4.3 if esc else 3.5
            rating = max(1, min(5, round(R.gauss(base, 0.9))))
        rows.append([i, booked.isoformat(), ts.strftime("%Y-%m-%d %H:%M:%S"), room, g, _m(price),
                     "true" if esc else "false", fin, hints, chan, "Y" if corp else "N", rating])
    return header, rows


# ----------------------------------------------------------------------------
def _pet_grooming(R):
    groomers = ["Alice", "Bruno", "Chen", "Dana", "Emeka"]
    services = {"Full Groom": (90, 55.0), "Bath & Brush": (50, 35.0), "Nail Trim": (15, 12.0),
                "De-shedding": (70, 48.0), "Puppy Intro": (30, 25.0)}
    size_mult = {"Small": 0.85, "Medium": 1.0, "Large": 1.3}
    header = ["appt_id", "customer_id", "appointment_date", "species", "breed_size", "service",
              "groomer", "duration_min", "price", "tip_amount", "No Show", "weight_kg"]
    customers = []
    for c in range(1, 421):
        sp = _w(R, ["Dog", "Cat", "Rabbit"], [75, 20, 5])
        size = _w(R, ["Small", "Medium", "Large"], [40, 35, 25]) if sp == "Dog" else "Small"
        wt = {"Small": R.uniform(2, 10), "Medium": R.uniform(10, 25), "Large": R.uniform(25, 45)}[size]
        if sp == "Rabbit":
            wt = R.uniform(1, 3.5)
        customers.append((1000 + c, sp, size, wt))
    rows = []
    for i in range(1, 1651):
        cid, sp, size, wt = R.choice(customers)
        d = _rand_date(R, datetime.date(2023, 1, 2), datetime.date(2024, 12, 28))
        if d.weekday() == 6:
            d += datetime.timedelta(days=1)
        if sp == "Dog":
            svc = _w(R, list(services), [35, 28, 15, 17, 5])
        elif sp == "Cat":
            svc = _w(R, ["Full Groom", "Bath & Brush", "Nail Trim", "De-shedding"], [20, 20, 40, 20])
        else:
            svc = _w(R, ["Nail Trim", "Bath & Brush"], [80, 20])
        base_min, base_price = services[svc]
        dur = max(10, int(round(R.gauss(base_min * size_mult[size], 8))))
        price = base_price * size_mult[size] * (1.05 if d.year == 2024 else 1.0)
        noshow = 1 if R.random() < 0.07 else 0
        tip = None
        if not noshow and R.random() < 0.6:
            tip = _m(max(0.0, R.gauss(price * 0.12, 3)))
        if noshow:
            dur = None
        weight = "%.1f" % wt if R.random() > 0.1 else None
        rows.append([i, cid, d.isoformat(), sp, size, svc, R.choice(groomers), dur, _m(price), tip,
                     noshow, weight])
    return header, rows


# ----------------------------------------------------------------------------
def _laundromat(R):
    machines = [("W%02d" % k, "Washer") for k in range(1, 13)] + [("D%02d" % k, "Dryer") for k in range(1, 9)]
    loc_of = {}
    for idx, (m, _) in enumerate(machines):
        loc_of[m] = ["Main St", "Riverside", "Campus"][idx % 3]
    header = ["cycle_id", "machineId", "machine_type", "Location", "started_at", "ended_at",
              "program", "Load Size", "paid_by", "amount_usd", "water_litres", "loyalty_member"]
    rows = []
    for i in range(1, 2801):
        m, mt = _w(R, machines, [3] * 12 + [2] * 8)
        d = _rand_date(R, datetime.date(2023, 7, 1), datetime.date(2024, 12, 31))
        h = _w(R, list(range(7, 23)), [2, 4, 6, 7, 7, 6, 6, 6, 7, 8, 9, 9, 8, 6, 4, 2])
        st = datetime.datetime(d.year, d.month, d.day, h, R.randint(0, 59), R.randint(0, 59))
        load = _w(R, ["S", "M", "L"], [30, 45, 25])
        if mt == "Washer":
            prog = _w(R, ["Cold", "Warm", "Hot", "Delicate", "Heavy Duty"], [30, 30, 15, 12, 13])
            mins = {"Cold": 28, "Warm": 32, "Hot": 38, "Delicate": 25, "Heavy Duty": 48}[prog]
            amt = {"S": 3.5, "M": 4.5, "L": 6.0}[load] + (1.0 if prog in ("Hot", "Heavy Duty") else 0)
            water = round({"S": 45, "M": 65, "L": 90}[load] * R.uniform(0.85, 1.15), 1)
            if R.random() < 0.06:
                water = None
        else:
            prog = _w(R, ["Low Heat", "Medium Heat", "High Heat"], [25, 45, 30])
            mins = R.choice([30, 40, 45, 60])
            amt = mins / 10 * 0.5
            water = None
        mins = mins + R.randint(-2, 4)
        en = st + datetime.timedelta(minutes=mins, seconds=R.randint(0, 59))
        ended = en.strftime("%Y-%m-%d %H:%M:%S") if R.random() > 0.02 else None
        paid = _w(R, ["Card", "Coins", "App"], [45, 25, 30])
        loyal = paid == "App" and R.random() < 0.7 or R.random() < 0.1
        if loyal:
            amt *= 0.9
        rows.append([i, m, mt, loc_of[m], st.strftime("%Y-%m-%d %H:%M:%S"), ended, prog, load, paid,
                     _m(amt), water, "true" if loyal else "false"])
    return header, rows


# ----------------------------------------------------------------------------
def _potholes(R):
    districts = ["Northgate", "Eastfield", "Old Town", "Harbourside", "Westbury", "Millbrook"]
    header = ["report_id", "reported_on", "repaired_on", "district", "road_type", "severity",
              "source", "depth_cm", "repair_cost_gbp", "status", "Near School"]
    rows = []
    for i in range(1, 981):
        d = _rand_date(R, datetime.date(2022, 1, 1), datetime.date(2024, 12, 31))
        if d.month in (1, 2, 3, 12) and R.random() < 0.3:
            d = _rand_date(R, datetime.date(d.year, 1, 1), datetime.date(d.year, 3, 31))
        dist = _w(R, districts, [18, 20, 14, 12, 22, 14])
        road = _w(R, ["Residential", "Arterial", "Highway", "Cycle Lane"], [50, 30, 12, 8])
        sev = _w(R, ["Low", "Medium", "High", "Critical"], [35, 35, 22, 8])
        depth = round(R.uniform(2, 5) + {"Low": 0, "Medium": 3, "High": 7, "Critical": 12}[sev] + R.random() * 3, 1)
        src = _w(R, ["App", "Phone", "Crew", "Email"], [45, 25, 20, 10])
        status = _w(R, ["Repaired", "Open", "Duplicate"], [78, 14, 8])
        if d > datetime.date(2024, 10, 31) and R.random() < 0.5:
            status = "Open"
        rep, cost = None, None
        if status == "Repaired":
            lag = {"Low": 40, "Medium": 20, "High": 8, "Critical": 2}[sev]
            rep = d + datetime.timedelta(days=max(0, int(R.expovariate(1 / lag))))
            cost = {"Residential": 90, "Arterial": 160, "Highway": 320, "Cycle Lane": 70}[road]
            cost = cost * (1 + depth / 10) * R.uniform(0.8, 1.3)
            cost = _m(cost) if R.random() > 0.07 else None
            rep = rep.isoformat()
        if R.random() < 0.04:
            depth = None
        school = "Y" if R.random() < 0.18 else "N"
        rows.append([i, d.isoformat(), rep, dist, road, sev, src, depth, cost, status, school])
    return header, rows


# ----------------------------------------------------------------------------
def _almazara(R):
    municipios = ["Baeza", "Úbeda", "Jódar", "Torreperogil", "Sabiote"]
    header = ["id_entrega", "fecha_entrega", "socio_id", "municipio", "variedad", "kg_aceituna",
              "rendimiento_pct", "acidez_grado", "Tipo Recogida", "ecologico", "precio_kg_eur"]
    socios = []
    for s in range(1, 161):
        socios.append((s, _w(R, municipios, [30, 25, 15, 18, 12]), R.random() < 0.15,
                       _w(R, ["Picual", "Hojiblanca", "Arbequina", "Cornicabra"], [60, 18, 14, 8])))
    rows = []
    seasons = [(2022, 2023), (2023, 2024), (2024, 2025)]
    price_s = {2022: 0.78, 2023: 1.15, 2024: 0.92}
    i = 0
    for (y1, y2) in seasons:
        for _ in range(480):
            i += 1
            d = _rand_date(R, datetime.date(y1, 10, 20), datetime.date(y2, 2, 15))
            sid, mun, eco, var = R.choice(socios)
            if R.random() < 0.15:
                var = R.choice(["Picual", "Hojiblanca", "Arbequina", "Cornicabra"])
            tipo = _w(R, ["Vuelo", "Suelo"], [80, 20])
            kg = int(R.lognormvariate(7.6, 0.6))
            rend = {"Picual": 21.5, "Hojiblanca": 18.5, "Arbequina": 17.0, "Cornicabra": 20.0}[var]
            rend += (d - datetime.date(y1, 10, 20)).days * 0.02 + R.gauss(0, 1.2)
            rend = "%.1f" % rend if R.random() > 0.05 else None
            acid = max(0.1, R.gauss(0.3 if tipo == "Vuelo" else 1.4, 0.15 if tipo == "Vuelo" else 0.5))
            precio = price_s[y1] * (1.25 if eco else 1.0) * (0.7 if tipo == "Suelo" else 1.0) * R.uniform(0.95, 1.05)
            rows.append([i, d.isoformat(), sid, mun, var, kg, rend, "%.2f" % acid, tipo,
                         "S" if eco else "N", "%.3f" % precio])
    return header, rows


# ----------------------------------------------------------------------------
def _quejas(R):
    distritos = ["Centro", "Casco Antiguo", "Norte", "Sur", "Este", "Oeste"]
    cats = ["Ruido", "Limpieza", "Alumbrado", "Aceras", "Parques", "Tráfico"]
    header = ["num_expediente", "fechaRegistro", "fecha_cierre", "distrito", "categoria", "canal",
              "prioridad", "estado", "anonima", "edad_ciudadano", "Satisfacción (1-5)"]
    rows = []
    for i in range(1, 1141):
        d = _rand_date(R, datetime.date(2023, 1, 1), datetime.date(2024, 12, 31))
        ts = datetime.datetime(d.year, d.month, d.day, R.randint(0, 23), R.randint(0, 59), R.randint(0, 59))
        dist = _w(R, distritos, [22, 14, 18, 16, 15, 15])
        cat = _w(R, cats, [20 if dist in ("Centro", "Casco Antiguo") else 10, 22, 12, 16, 12, 14])
        canal = _w(R, ["Web", "Teléfono", "Presencial", "App"], [35, 25, 15, 25])
        pri = _w(R, ["Baja", "Media", "Alta"], [40, 42, 18])
        estado = _w(R, ["Cerrada", "En trámite", "Abierta"], [72, 16, 12])
        cierre, sat = None, None
        if estado == "Cerrada":
            lag = {"Baja": 25, "Media": 14, "Alta": 5}[pri]
            cierre = (d + datetime.timedelta(days=int(R.expovariate(1 / lag)))).isoformat()
            if R.random() < 0.5:
                sat = max(1, min(5, round(R.gauss(3.4, 1.1))))
        anon = R.random() < 0.2
        edad = None if anon or R.random() < 0.15 else R.randint(18, 88)
        rows.append(["EXP-%05d" % (23000 + i), ts.strftime("%Y-%m-%d %H:%M:%S"), cierre, dist, cat,
                     canal, pri, estado, "true" if anon else "false", edad, sat])
    return header, rows


def make(out_dir):
    R = random.Random(46)
    os.makedirs(out_dir, exist_ok=True)
    paths = []
    for name, fn in [("escape_room_bookings", _escape_rooms), ("pet_grooming", _pet_grooming),
                     ("laundromat_cycles", _laundromat), ("pothole_reports", _potholes),
                     ("almazara_entregas", _almazara), ("quejas_ayuntamiento", _quejas)]:
        header, rows = fn(R)
        paths.append(_write(out_dir, name, header, rows))
    return paths


if __name__ == "__main__":
    import sys
    for p in make(sys.argv[1] if len(sys.argv) > 1 else "."):
        print(p)
