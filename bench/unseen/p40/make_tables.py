"""Six tables for the `p40` unseen set of bench/bench_honest.py, written by a third helper who never read
dsagent's code: web sessions, flight delays, student grades, warehouse inventory, and two Spanish ones
(viajes_taxi, encuesta_satisfaccion). Seeded (random.Random(40)); bench_honest.py writes them into a
temporary folder. Run: python bench/unseen/p40/make_tables.py DIR
"""
import csv
import datetime as dt
import os

import random
import sys

R = random.Random(40)
OUT = os.path.dirname(os.path.abspath(__file__))


def write(name, header, rows):
    with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
    if __name__ == "__main__":
        print(name, len(rows), "rows")


def rand_dt(start, end):
    s = start.timestamp()
    e = end.timestamp()
    return dt.datetime.fromtimestamp(R.uniform(s, e)).replace(microsecond=0)


def wchoice(items, weights):
    return R.choices(items, weights=weights, k=1)[0]


# ---------------------------------------------------------------- web_sessions
def web_sessions():
    header = ["session_id", "UserID", "session_start", "device_type", "Browser",
              "Country", "traffic_source", "landing_page", "pages_viewed",
              "session_duration_sec", "is_bounce", "converted", "revenue_usd",
              "New User"]
    countries = ["United States", "United Kingdom", "Germany", "France", "Canada",
                 "Spain", "Brazil", "India", "Australia", "Mexico"]
    cw = [30, 12, 10, 8, 8, 6, 7, 9, 5, 5]
    devices = ["desktop", "mobile", "tablet"]
    browsers = {"desktop": (["Chrome", "Firefox", "Edge", "Safari"], [55, 15, 18, 12]),
                "mobile": (["Chrome", "Safari", "Samsung Internet", "Firefox"], [45, 40, 12, 3]),
                "tablet": (["Safari", "Chrome"], [65, 35])}
    sources = ["organic", "paid_search", "email", "social", "referral", "direct"]
    pages = ["/", "/pricing", "/blog/how-to-start", "/product/pro", "/product/basic",
             "/signup", "/contact", "/blog/release-notes"]
    users = [f"U{n:05d}" for n in R.sample(range(10000, 99999), 420)]
    user_country = {u: wchoice(countries, cw) for u in users}
    seen = set()
    rows = []
    starts = sorted(rand_dt(dt.datetime(2023, 1, 1), dt.datetime(2024, 6, 30, 23, 59))
                    for _ in range(1600))
    for i, st in enumerate(starts):
        u = R.choice(users)
        new = "no" if u in seen else "yes"
        seen.add(u)
        dev = wchoice(devices, [48, 44, 8])
        br = wchoice(*browsers[dev])
        src = wchoice(sources, [32, 20, 10, 15, 8, 15])
        bounce = 1 if R.random() < (0.55 if dev == "mobile" else 0.38) else 0
        if bounce:
            pv = 1
            dur = R.randint(2, 45)
        else:
            pv = max(2, int(R.expovariate(1 / 4.5)) + 2)
            dur = int(pv * R.uniform(25, 110))
        conv = 0
        rev = None
        if not bounce:
            p = 0.08 + (0.06 if src == "email" else 0) + (0.04 if dev == "desktop" else 0)
            if R.random() < p:
                conv = 1
                rev = round(R.choice([19, 29, 49, 99, 199]) * R.uniform(0.9, 1.6), 2)
        country = user_country[u] if R.random() < 0.95 else wchoice(countries, cw)
        if R.random() < 0.02:
            country = None
        if R.random() < 0.015:
            dur = None
        rows.append([f"S{100000 + i}", u, st.isoformat(), dev, br, country, src,
                     R.choice(pages), pv, dur, bounce, conv, rev, new])
    write("web_sessions.csv", header, rows)


# ---------------------------------------------------------------- flight_delays
def flight_delays():
    header = ["FlightDate", "Airline", "carrier_code", "FlightNum", "Origin", "Dest",
              "sched_dep_time", "DepDelayMin", "ArrDelayMin", "distance_mi",
              "Cancelled", "CancellationReason", "Diverted", "TailNum"]
    airlines = [("Delta Air Lines", "DL"), ("American Airlines", "AA"),
                ("United Airlines", "UA"), ("Southwest Airlines", "WN"),
                ("JetBlue Airways", "B6"), ("Alaska Airlines", "AS"), ("Spirit Airlines", "NK")]
    aw = [20, 20, 18, 22, 8, 6, 6]
    delay_bias = {"DL": 4, "AA": 9, "UA": 8, "WN": 11, "B6": 14, "AS": 3, "NK": 17}
    airports = {"ATL": (33.64, -84.43), "ORD": (41.98, -87.90), "DFW": (32.90, -97.04),
                "DEN": (39.86, -104.67), "LAX": (33.94, -118.41), "JFK": (40.64, -73.78),
                "SFO": (37.62, -122.38), "SEA": (47.45, -122.31), "MIA": (25.79, -80.29),
                "BOS": (42.36, -71.01), "LAS": (36.08, -115.15), "PHX": (33.43, -112.01)}
    codes = list(airports)
    hub_w = [16, 14, 11, 10, 12, 9, 8, 6, 5, 5, 4, 4]  # hub traffic weights
    import math

    def miles(a, b):
        (la1, lo1), (la2, lo2) = airports[a], airports[b]
        p1, p2 = math.radians(la1), math.radians(la2)
        d = math.acos(min(1, math.sin(p1) * math.sin(p2) +
                          math.cos(p1) * math.cos(p2) * math.cos(math.radians(lo2 - lo1))))
        return int(d * 3959)

    flights = {}
    rows = []
    for _ in range(2000):
        al, cc = wchoice(airlines, aw)
        o = wchoice(codes, hub_w)
        d = wchoice([c for c in codes if c != o], [w for c, w in zip(codes, hub_w) if c != o])
        key = (cc, o, d)
        if key not in flights:
            flights[key] = R.randint(100, 2999)
        fn = flights[key]
        day = dt.date(2023, 1, 1) + dt.timedelta(days=R.randint(0, 364))
        hh = wchoice(list(range(5, 23)), [3, 8, 8, 7, 6, 6, 6, 6, 6, 6, 6, 7, 7, 6, 5, 4, 3, 2])
        sched = dt.datetime(day.year, day.month, day.day, hh, R.choice(range(0, 60, 5)))
        winter = day.month in (12, 1, 2)
        summer = day.month in (6, 7, 8)
        p_cancel = 0.015 + (0.03 if winter else 0) + (0.01 if summer else 0)
        cancelled = 1 if R.random() < p_cancel else 0
        reason = None
        dep = arr = None
        diverted = 0
        if cancelled:
            reason = wchoice(["Weather", "Carrier", "National Air System", "Security"],
                             [45 if winter else 25, 35, 25, 2])
        else:
            base = delay_bias[cc] + (6 if summer else 0) + (5 if winter else 0) + (hh - 12) * 0.8
            if R.random() < 0.55:
                dep = -R.randint(0, 10)
            else:
                dep = int(R.expovariate(1 / max(5, base * 2.2)))
            arr = dep + R.randint(-18, 12)
            diverted = 1 if R.random() < 0.004 else 0
            if diverted:
                arr = None
        tail = f"N{R.randint(100, 999)}{cc[0]}{R.choice('ABCDEFGHJK')}"
        rows.append([day.isoformat(), al, cc, fn, o, d, sched.strftime("%Y-%m-%d %H:%M:%S"),
                     dep, arr, miles(o, d), cancelled, reason, diverted, tail])
    rows.sort(key=lambda r: r[6])
    write("flight_delays.csv", header, rows)


# ---------------------------------------------------------------- student_grades
def student_grades():
    header = ["StudentID", "School Name", "Grade Level", "Subject", "Term", "Score",
              "attendance_pct", "Gender", "Free Lunch", "ELL", "Teacher", "exam_date"]
    schools = ["Lincoln High", "Roosevelt High", "Washington Academy", "Jefferson High",
               "Madison Prep"]
    school_eff = {"Lincoln High": 0, "Roosevelt High": -4, "Washington Academy": 5,
                  "Jefferson High": -2, "Madison Prep": 7}
    subjects = ["Math", "English", "Biology", "History", "Chemistry", "Spanish"]
    subj_eff = {"Math": -4, "English": 2, "Biology": 0, "History": 1, "Chemistry": -5, "Spanish": 3}
    terms = [("Fall 2022", dt.date(2022, 12, 12)), ("Spring 2023", dt.date(2023, 5, 22)),
             ("Fall 2023", dt.date(2023, 12, 11)), ("Spring 2024", dt.date(2024, 5, 20))]
    teachers = {s: [f"{R.choice(['Ms.', 'Mr.', 'Dr.'])} {n}" for n in R.sample(
        ["Garcia", "Smith", "Nguyen", "Patel", "Johnson", "Brown", "Lee", "Kim", "Lopez",
         "Davis", "Miller", "Wilson", "Moore", "Taylor", "Clark", "Hall", "Young", "King"], 3)]
        for s in subjects}
    students = []
    for n in range(160):
        students.append(dict(id=f"ST{2000 + n}", school=R.choice(schools),
                             grade=R.choice([9, 10, 11, 12]), gender=R.choice(["F", "M"]),
                             lunch=wchoice(["Yes", "No"], [38, 62]),
                             ell=1 if R.random() < 0.12 else 0,
                             ability=R.gauss(0, 9),
                             att=min(100, max(55, R.gauss(91, 7)))))
    rows = []
    for s in students:
        subs = R.sample(subjects, R.randint(2, 4))
        tsel = terms[R.randint(0, 1):]
        for ti, (t, tdate) in enumerate(tsel):
            for sub in subs:
                att = round(min(100, max(40, s["att"] + R.gauss(0, 3))), 1)
                sc = (72 + s["ability"] + school_eff[s["school"]] + subj_eff[sub]
                      - (4 if s["lunch"] == "Yes" else 0) + (att - 90) * 0.5 + R.gauss(0, 7))
                sc = int(round(min(100, max(0, sc))))
                score = None if R.random() < 0.03 else sc
                attv = None if R.random() < 0.02 else att
                ed = tdate + dt.timedelta(days=R.randint(-4, 4))
                grade = s["grade"] + (1 if t.startswith("Fall 2023") or t == "Spring 2024" else 0)
                grade = min(grade, 12)
                rows.append([s["id"], s["school"], grade, sub, t, score, attv, s["gender"],
                             s["lunch"], s["ell"], R.choice(teachers[sub]), ed.isoformat()])
    R.shuffle(rows)
    write("student_grades.csv", header, rows)


# ---------------------------------------------------------------- warehouse_inventory
def warehouse_inventory():
    header = ["SKU", "Product Name", "Category", "Warehouse", "QtyOnHand", "ReorderPoint",
              "unit_cost_usd", "Unit Price (USD)", "LastRestockDate", "Supplier",
              "lead_time_days", "Discontinued", "weight_kg"]
    cats = {
        "Electronics": (["USB-C Cable", "Wireless Mouse", "Bluetooth Speaker", "HDMI Adapter",
                         "Power Bank", "Webcam", "Keyboard"], (4, 60)),
        "Home & Kitchen": (["Chef Knife", "Cutting Board", "French Press", "Storage Jar",
                            "Dish Rack", "Kettle"], (3, 45)),
        "Office Supplies": (["Stapler", "Notebook A5", "Gel Pen 12pk", "Desk Organizer",
                             "Sticky Notes", "Binder"], (1, 15)),
        "Sporting Goods": (["Yoga Mat", "Water Bottle", "Resistance Band", "Jump Rope",
                            "Foam Roller"], (3, 35)),
        "Toys": (["Puzzle 1000pc", "Building Blocks", "Plush Bear", "RC Car"], (4, 40)),
        "Tools": (["Screwdriver Set", "Tape Measure", "Cordless Drill", "Hammer", "Level"], (5, 90)),
    }
    colors = ["Black", "White", "Blue", "Red", "Grey", "Green"]
    warehouses = ["Reno NV", "Dallas TX", "Columbus OH", "Atlanta GA", "Newark NJ"]
    suppliers = ["Acme Supply Co", "Global Parts Ltd", "Northwind Traders", "Pacific Sourcing",
                 "Zenith Wholesale", "BlueRiver Imports"]
    rows = []
    sku_n = 0
    for cat, (names, (lo, hi)) in cats.items():
        for nm in names:
            for col in R.sample(colors, R.randint(2, 4)):
                sku_n += 1
                sku = f"{cat[:3].upper()}-{1000 + sku_n}"
                cost = round(R.uniform(lo, hi), 2)
                price = round(cost * R.uniform(1.4, 2.6), 2)
                sup = R.choice(suppliers)
                lead = R.choice([3, 5, 7, 10, 14, 21, 30])
                disc = "Y" if R.random() < 0.07 else "N"
                wt = round(R.uniform(0.05, 4.5), 2)
                for wh in R.sample(warehouses, R.randint(2, 5)):
                    rp = R.choice([10, 20, 25, 40, 50, 75, 100])
                    qty = max(0, int(R.gauss(rp * 1.6, rp * 1.1)))
                    if disc == "Y":
                        qty = R.randint(0, 15)
                    rd = dt.date(2023, 6, 1) + dt.timedelta(days=R.randint(0, 395))
                    rdv = None if R.random() < 0.04 else rd.isoformat()
                    wtv = None if R.random() < 0.03 else wt
                    rows.append([sku, f"{nm} - {col}", cat, wh, qty, rp, cost, price, rdv,
                                 sup, lead, disc, wtv])
    R.shuffle(rows)
    write("warehouse_inventory.csv", header, rows)


# ---------------------------------------------------------------- viajes_taxi
def viajes_taxi():
    header = ["id_viaje", "id_conductor", "fecha_hora_inicio", "fecha_hora_fin",
              "barrio_origen", "barrio_destino", "distancia_km", "duracion_min",
              "tarifa_eur", "propina_eur", "metodo_pago", "num_pasajeros",
              "valoracion", "es_aeropuerto"]
    barrios = ["Centro", "Salamanca", "Chamberí", "Retiro", "Chamartín", "Tetuán",
               "Arganzuela", "Moncloa", "Latina", "Carabanchel", "Usera", "Vallecas", "Barajas"]
    bw = [20, 12, 11, 8, 9, 6, 6, 7, 5, 5, 3, 4, 4]
    conductores = [f"C{n:04d}" for n in R.sample(range(1000, 9999), 90)]
    rows = []
    starts = sorted(rand_dt(dt.datetime(2023, 1, 1), dt.datetime(2024, 3, 31, 23, 59))
                    for _ in range(1700))
    for i, st in enumerate(starts):
        o = wchoice(barrios, bw)
        d = wchoice([b for b in barrios if b != o], [w for b, w in zip(barrios, bw) if b != o])
        aero = 1 if "Barajas" in (o, d) else 0
        km = round(R.uniform(11, 22) if aero else max(0.8, R.gammavariate(2.2, 2.0)), 2)
        rush = st.hour in (7, 8, 9, 18, 19, 20)
        speed = R.uniform(14, 22) if rush else R.uniform(20, 34)
        mins = max(3, int(round(km / speed * 60 + R.uniform(1, 4))))
        fin = st + dt.timedelta(minutes=mins, seconds=R.randint(0, 59))
        tarifa = round(33.0 if aero and R.random() < 0.6 else 2.5 + km * 1.3 + mins * 0.35, 2)
        metodo = wchoice(["tarjeta", "efectivo", "app"], [52, 23, 25])
        if metodo == "efectivo":
            prop = None if R.random() < 0.7 else round(R.choice([0.5, 1, 2]), 2)
        else:
            prop = round(tarifa * R.choice([0, 0, 0.05, 0.1, 0.15]), 2)
        pas = wchoice([1, 2, 3, 4], [62, 24, 9, 5])
        val = None if R.random() < 0.25 else wchoice([1, 2, 3, 4, 5], [2, 4, 12, 35, 47])
        rows.append([f"V{2023000 + i}", R.choice(conductores), st.strftime("%Y-%m-%d %H:%M:%S"),
                     fin.strftime("%Y-%m-%d %H:%M:%S"), o, d, km, mins, tarifa, prop, metodo,
                     pas, val, aero])
    write("viajes_taxi.csv", header, rows)


# ---------------------------------------------------------------- encuesta_satisfaccion
def encuesta_satisfaccion():
    header = ["id_respuesta", "id_cliente", "fecha", "edad", "genero", "region", "canal",
              "producto", "puntuacion", "recomendaria", "tiempo_espera_min", "resuelto",
              "comentario"]
    regiones = ["Andalucía", "Cataluña", "Madrid", "Comunidad Valenciana", "Galicia",
                "País Vasco", "Castilla y León", "Aragón"]
    rw = [18, 17, 20, 12, 7, 7, 6, 5]
    canales = ["web", "teléfono", "tienda", "app", "chat"]
    canal_espera = {"web": 4, "teléfono": 14, "tienda": 9, "app": 3, "chat": 6}
    productos = ["Fibra 600Mb", "Móvil Ilimitado", "TV Premium", "Fibra + Móvil", "Seguro Hogar"]
    comentarios = ["Muy buena atención", "Tardaron demasiado", "Todo correcto",
                   "No resolvieron mi problema", "Precio algo alto", "Repetiría sin duda",
                   "La app falla a veces", "Personal amable"]
    clientes = [f"CL{n:05d}" for n in R.sample(range(10000, 99999), 700)]
    rows = []
    fechas = sorted(dt.date(2023, 1, 1) + dt.timedelta(days=R.randint(0, 545)) for _ in range(1250))
    for i, f in enumerate(fechas):
        canal = wchoice(canales, [30, 22, 18, 20, 10])
        espera = round(max(0, R.expovariate(1 / canal_espera[canal])), 1)
        resuelto = 1 if R.random() < 0.78 else 0
        base = 7.2 - espera * 0.12 + (0.9 if resuelto else -2.2) + R.gauss(0, 1.4)
        p = int(round(min(10, max(1, base))))
        rec = "sí" if p >= 7 or (p >= 5 and R.random() < 0.3) else "no"
        edad = None if R.random() < 0.04 else int(min(85, max(18, R.gauss(43, 14))))
        gen = wchoice(["Mujer", "Hombre", "Otro", None], [49, 47, 2, 2])
        com = R.choice(comentarios) if R.random() < 0.45 else None
        rows.append([f"R{50000 + i}", R.choice(clientes), f.isoformat(), edad, gen,
                     wchoice(regiones, rw), canal, R.choice(productos), p, rec,
                     espera, resuelto, com])
    write("encuesta_satisfaccion.csv", header, rows)


def make(out: str) -> None:
    """Write the six tables into the folder `out` (from a fresh seed, so always the same rows)."""
    global OUT, R
    OUT, R = out, random.Random(40)
    web_sessions()
    flight_delays()
    student_grades()
    warehouse_inventory()
    viajes_taxi()
    encuesta_satisfaccion()


if __name__ == "__main__":
    make(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
