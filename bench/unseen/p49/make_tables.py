"""Six invented CSV tables for evaluation set p49.

food_truck_orders: one row per order at a fleet of food trucks in 2024 (truck, spot, items, amounts, tip, wait, rating).
recycling_dropoffs: one row per material drop-off weighed at two recycling depots, 2023-2024 (member, material, kg, payout).
swim_lessons: one row per booked swimming lesson, Jan-Aug 2024 (student, level, instructor, pool, fee, attendance, score).
freight_shipments: one row per freight train shipment, Jul 2023-Dec 2024 (train, yards, commodity, cars, tons, times, charge).
consultas_biblioteca: una fila por consulta en la biblioteca digital en 2024 (socio, material, categoría, dispositivo, préstamo).
ventas_ferreteria: una fila por línea de ticket de una ferretería con dos tiendas, 2023-2024 (producto, familia, importe).
"""
import csv
import datetime as dt
import os
import random


def _write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


def _wchoice(R, pairs):
    vals = [p[0] for p in pairs]
    wts = [p[1] for p in pairs]
    return R.choices(vals, weights=wts, k=1)[0]


def _bool(b):
    return "true" if b else "false"


def _food_truck(R):
    trucks = {"Taco Titan": 4.5, "Curry Cart": 9.0, "Bao Bus": 6.0,
              "Grill Guru": 11.0, "Sweet Wheels": 3.5}
    truck_w = [("Taco Titan", 30), ("Curry Cart", 20), ("Bao Bus", 22),
               ("Grill Guru", 16), ("Sweet Wheels", 12)]
    locations = [("Downtown", 35), ("University", 25), ("Harbor", 22), ("Tech Park", 18)]
    customers = ["C%04d" % R.randint(1000, 9999) for _ in range(260)]
    start = dt.date(2024, 1, 1)
    recs = []
    for _ in range(1640):
        day = start + dt.timedelta(days=R.randint(0, 365))
        hour = _wchoice(R, [(10, 3), (11, 12), (12, 20), (13, 16), (14, 6), (15, 3),
                            (16, 3), (17, 8), (18, 12), (19, 10), (20, 5), (21, 2)])
        ts = dt.datetime(day.year, day.month, day.day, hour, R.randint(0, 59), R.randint(0, 59))
        recs.append(ts)
    recs.sort()
    rows = []
    for i, ts in enumerate(recs):
        truck = _wchoice(R, truck_w)
        loc = _wchoice(R, locations)
        items = _wchoice(R, [(1, 30), (2, 30), (3, 18), (4, 12), (5, 6), (6, 4)])
        subtotal = round(items * trucks[truck] * R.uniform(0.85, 1.35), 2)
        pay = _wchoice(R, [("card", 55), ("mobile", 30), ("cash", 15)])
        if pay == "cash":
            tip = None
        else:
            tip = 0.0 if R.random() < 0.25 else round(subtotal * R.choice([0.1, 0.15, 0.18, 0.2]), 2)
        total = round(subtotal + (tip or 0.0), 2)
        cust = None if R.random() < 0.35 else R.choice(customers)
        pre = "Y" if R.random() < 0.2 else "N"
        wait = None if R.random() < 0.05 else max(1, int(R.gauss(9 if pre == "N" else 4, 4)))
        rating = None if R.random() < 0.7 else _wchoice(R, [(1, 4), (2, 6), (3, 15), (4, 35), (5, 40)])
        rows.append(["FT-%06d" % (100001 + i), truck, ts.strftime("%Y-%m-%d %H:%M:%S"), cust, loc,
                     items, "%.2f" % subtotal, None if tip is None else "%.2f" % tip, "%.2f" % total,
                     pay, pre, wait, rating])
    header = ["order_id", "truck_name", "order_ts", "customerId", "location", "items_count",
              "subtotal_usd", "tip_usd", "total_usd", "payment_method", "IsPreorder",
              "wait_minutes", "Rating"]
    return header, rows


def _recycling(R):
    mats = {"Plastic": (6, "PL"), "Glass": (9, "GL"), "Paper": (5, "PA"), "Metal": (7, "ME"),
            "E-waste": (12, "EW"), "Cardboard": (8, "CB")}
    mat_w = [("Plastic", 26), ("Glass", 16), ("Paper", 18), ("Metal", 12), ("E-waste", 8),
             ("Cardboard", 20)]
    members = ["M-%04d" % R.randint(1000, 9999) for _ in range(190)]
    staff = ["JR", "AK", "LM", "TS", "DW"]
    start = dt.date(2023, 1, 2)
    dates = sorted(start + dt.timedelta(days=R.randint(0, 728)) for _ in range(1260))
    rows = []
    for i, d in enumerate(dates):
        mat = _wchoice(R, mat_w)
        mean, code = mats[mat]
        vehicle = _wchoice(R, [("car", 55), ("truck", 15), ("bike", 12), ("on foot", 18)])
        mult = {"car": 1.0, "truck": 3.5, "bike": 0.4, "on foot": 0.3}[vehicle]
        kg = round(max(0.2, R.lognormvariate(0, 0.6) * mean * mult), 1)
        contaminated = R.random() < (0.18 if mat in ("Plastic", "Paper") else 0.07)
        if mat == "Metal":
            payout = round(kg * 0.55, 2)
        elif mat == "Plastic" and not contaminated:
            payout = round(kg * 0.1, 2)
        else:
            payout = 0.0
        site = "North Depot" if R.random() < 0.58 else "South Depot"
        member = None if R.random() < 0.25 else R.choice(members)
        rows.append([50001 + i, d.isoformat(), site, member, mat, "%s-%d" % (code, R.randint(1, 3)),
                     "%.1f" % kg, vehicle, _bool(contaminated), "%.2f" % payout,
                     None if R.random() < 0.04 else R.choice(staff),
                     _wchoice(R, [("60601", 5), ("60614", 4), ("60622", 3), ("60647", 3), ("60657", 2)])])
    header = ["dropoff_id", "dropoff_date", "Site", "member_id", "material", "bin_code",
              "weight_kg", "vehicleType", "contaminated", "payout_usd", "staff_initials", "zip_code"]
    return header, rows


def _swim(R):
    levels = [("Beginner", 35), ("Intermediate", 28), ("Advanced", 15), ("Parent & Tot", 22)]
    students = []
    for k in range(160):
        lvl = _wchoice(R, levels)
        age = {"Beginner": R.randint(4, 9), "Intermediate": R.randint(6, 13),
               "Advanced": R.randint(9, 17), "Parent & Tot": R.randint(1, 3)}[lvl]
        students.append(("S%03d" % (100 + k), lvl, age))
    instructors = [("Maria Lopez", 25), ("Tom Becker", 22), ("Aisha Khan", 20),
                   ("Jordan Lee", 18), ("Priya Nair", 15)]
    start = dt.date(2024, 1, 8)
    recs = []
    for _ in range(940):
        d = start + dt.timedelta(days=R.randint(0, 236))
        if d.weekday() >= 5:
            t = "%02d:%02d" % (R.randint(9, 11), R.choice([0, 30]))
        else:
            t = "%02d:%02d" % (R.randint(16, 19), R.choice([0, 30]))
        recs.append((d, t))
    recs.sort()
    rows = []
    for i, (d, t) in enumerate(recs):
        sid, lvl, age = R.choice(students)
        ltype = _wchoice(R, [("Group", 60), ("Private", 25), ("Semi-private", 15)])
        dur = {"Parent & Tot": 30, "Beginner": R.choice([30, 45]), "Intermediate": 45,
               "Advanced": R.choice([45, 60])}[lvl]
        rate = {"Group": 0.6, "Semi-private": 1.0, "Private": 1.5}[ltype]
        fee = round(dur * rate, 2)
        pool = "Teaching Pool" if lvl in ("Parent & Tot", "Beginner") and R.random() < 0.8 else "Main Pool"
        attended = R.random() < 0.88
        makeup = "yes" if R.random() < 0.08 else "no"
        score = None
        if attended and R.random() < 0.9:
            base = {"Parent & Tot": 4, "Beginner": 5, "Intermediate": 6.5, "Advanced": 8}[lvl]
            score = min(10, max(1, int(round(R.gauss(base, 1.4)))))
        rows.append(["L%05d" % (20001 + i), d.isoformat(), t, sid, age, lvl, ltype,
                     _wchoice(R, instructors), pool, dur, "%.2f" % fee, _bool(attended), makeup, score])
    header = ["lesson_id", "lesson_date", "start_time", "student_id", "student_age", "level",
              "lesson_type", "instructor", "pool", "duration_min", "fee_usd", "attended",
              "Makeup_Lesson", "skillScore"]
    return header, rows


def _freight(R):
    yards = ["Chicago", "Kansas City", "Denver", "Memphis", "Houston", "Omaha", "St. Louis"]
    coords = {"Chicago": (0, 0), "Kansas City": (-420, -180), "Denver": (-960, -120),
              "Memphis": (-180, -480), "Houston": (-520, -930), "Omaha": (-430, 30),
              "St. Louis": (-260, -250)}
    commodities = {"Coal": 110, "Grain": 95, "Intermodal": 40, "Chemicals": 85, "Lumber": 70,
                   "Automobiles": 30}
    comm_w = [("Coal", 22), ("Grain", 20), ("Intermodal", 25), ("Chemicals", 12), ("Lumber", 11),
              ("Automobiles", 10)]
    rates = {"Coal": 0.028, "Grain": 0.034, "Intermodal": 0.061, "Chemicals": 0.072,
             "Lumber": 0.041, "Automobiles": 0.095}
    carriers = [("BNSF", 35), ("UP", 30), ("CSX", 20), ("NS", 15)]
    trains = ["TR-%03d" % n for n in R.sample(range(100, 1000), 64)]
    train_carrier = {tr: _wchoice(R, carriers) for tr in trains}
    start = dt.datetime(2023, 7, 1)
    deps = sorted(start + dt.timedelta(minutes=R.randint(0, 549 * 24 * 60)) for _ in range(2050))
    end = dt.datetime(2024, 12, 31, 23, 59)
    rows = []
    for i, dep in enumerate(deps):
        o = R.choice(yards)
        dst = R.choice([y for y in yards if y != o])
        (x1, y1), (x2, y2) = coords[o], coords[dst]
        miles = int(((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 * R.uniform(1.08, 1.18))
        comm = _wchoice(R, comm_w)
        cars = R.randint(8, 95) if comm in ("Coal", "Grain") else R.randint(3, 60)
        tons = round(cars * commodities[comm] * R.uniform(0.85, 1.05), 1)
        hazmat = comm == "Chemicals" and R.random() < 0.8
        transit = miles / R.uniform(18, 28)
        if dep + dt.timedelta(hours=transit + 12) > end and R.random() < 0.9:
            status = "In Transit"
        else:
            status = _wchoice(R, [("Delivered", 92), ("Cancelled", 6), ("In Transit", 2)])
        delay = None
        arr = None
        if status == "Delivered":
            delay = 0.0 if R.random() < 0.45 else round(R.expovariate(1 / 6.0), 1)
            arr = dep + dt.timedelta(hours=transit + delay)
        charge = round(tons * miles * rates[comm] * (1.25 if hazmat else 1.0), 2)
        train = R.choice(trains)
        rows.append(["SHP%06d" % (310001 + i), train, train_carrier[train], o, dst, comm,
                     cars, "%.1f" % tons, miles, dep.strftime("%Y-%m-%d %H:%M:%S"),
                     None if arr is None else arr.strftime("%Y-%m-%d %H:%M:%S"),
                     None if delay is None else "%.1f" % delay, "TRUE" if hazmat else "FALSE",
                     status, "%.2f" % charge])
    header = ["shipment_id", "train_id", "CarrierCode", "origin_yard", "destination_yard",
              "commodity", "car_count", "gross_weight_tons", "distance_miles", "departure_time",
              "arrival_time", "delay_hours", "hazmat", "Status", "freight_charge_usd"]
    return header, rows


def _biblioteca(R):
    cats = [("Novela", 30), ("Historia", 12), ("Ciencia", 12), ("Infantil", 16),
            ("Autoayuda", 10), ("Cocina", 8), ("Cómic", 12)]
    terms = {"Novela": ["cien años de soledad", "la sombra del viento", "novela negra", "patria",
                        "el infinito en un junco"],
             "Historia": ["guerra civil", "imperio romano", "historia de españa", "al-ándalus"],
             "Ciencia": ["agujeros negros", "cambio climático", "genética", "inteligencia artificial"],
             "Infantil": ["cuentos para dormir", "gerónimo stilton", "manolito gafotas"],
             "Autoayuda": ["mindfulness", "hábitos atómicos", "ansiedad"],
             "Cocina": ["recetas veganas", "cocina mediterránea", "repostería"],
             "Cómic": ["mortadelo y filemón", "astérix", "manga"]}
    socios = ["S-%05d" % R.randint(10000, 99999) for _ in range(320)]
    provs = [("Madrid", 32), ("Barcelona", 25), ("Sevilla", 14), ("Valencia", 16), ("Zaragoza", 13)]
    start = dt.datetime(2024, 1, 1)
    stamps = sorted(start + dt.timedelta(seconds=R.randint(0, 366 * 86400 - 1)) for _ in range(1850))
    rows = []
    for i, ts in enumerate(stamps):
        cat = _wchoice(R, cats)
        term = R.choice(terms[cat])
        tipo = _wchoice(R, [("libro electrónico", 50), ("audiolibro", 20), ("revista", 18), ("prensa", 12)])
        disp = _wchoice(R, [("móvil", 48), ("ordenador", 30), ("tableta", 22)])
        nres = 0 if R.random() < 0.08 else int(R.lognormvariate(2.5, 0.9))
        socio = None if R.random() < 0.2 else R.choice(socios)
        prestamo = nres > 0 and socio is not None and R.random() < 0.45
        dias = R.choice([7, 14, 21]) if prestamo else None
        idioma = _wchoice(R, [("español", 75), ("inglés", 15), ("catalán", 10)])
        dur = int(R.lognormvariate(5.0, 0.7)) + 5
        rows.append([900001 + i, ts.strftime("%Y-%m-%d %H:%M:%S"), socio, term, tipo, cat, disp, nres,
                     "sí" if prestamo else "no", dias, idioma, dur, _wchoice(R, provs)])
    header = ["id_consulta", "fecha_hora", "id_socio", "termino_busqueda", "tipo_material",
              "categoria", "dispositivo", "num_resultados", "prestamo_realizado", "dias_prestamo",
              "idioma", "duracionSesion_seg", "Provincia"]
    return header, rows


def _ferreteria(R):
    catalogo = {
        "Herramientas": [("HER-0012", "Martillo de carpintero", 12.95), ("HER-0031", "Destornillador plano", 4.50),
                         ("HER-0045", "Taladro percutor 800W", 79.90), ("HER-0058", "Nivel de burbuja 60cm", 15.20),
                         ("HER-0077", "Sierra de costilla", 18.40)],
        "Tornillería": [("TOR-0103", "Caja tornillos 4x40 (200u)", 6.75), ("TOR-0110", "Tacos nylon 8mm (100u)", 3.95),
                        ("TOR-0124", "Perno M10", 0.85), ("TOR-0139", "Arandelas M8 (50u)", 2.10)],
        "Pintura": [("PIN-0201", "Pintura plástica blanca 15L", 45.00), ("PIN-0214", "Rodillo antigoteo 22cm", 7.80),
                    ("PIN-0220", "Brocha 50mm", 3.20), ("PIN-0233", "Cinta de carrocero 48mm", 2.95),
                    ("PIN-0248", "Esmalte sintético negro 750ml", 11.50)],
        "Fontanería": [("FON-0302", "Grifo monomando lavabo", 39.90), ("FON-0317", "Tubo PVC 40mm 1m", 3.60),
                       ("FON-0325", "Cinta de teflón", 0.95), ("FON-0340", "Sifón de botella", 6.40)],
        "Electricidad": [("ELE-0405", "Bombilla LED E27 9W", 2.99), ("ELE-0412", "Cable 2.5mm 100m", 54.00),
                         ("ELE-0426", "Enchufe schuko", 3.75), ("ELE-0433", "Regleta 5 tomas", 9.90)],
        "Jardín": [("JAR-0507", "Manguera 25m", 24.90), ("JAR-0511", "Tijeras de podar", 14.50),
                   ("JAR-0529", "Saco sustrato 50L", 8.95), ("JAR-0536", "Guantes de jardín", 4.25)],
    }
    fam_w = [("Herramientas", 18), ("Tornillería", 26), ("Pintura", 18), ("Fontanería", 13),
             ("Electricidad", 15), ("Jardín", 10)]
    vendedores = [("Lucía", 30), ("Andrés", 26), ("Carmen", 24), ("Javier", 20)]
    clientes = ["CLI-%04d" % R.randint(1, 9999) for _ in range(210)]
    start = dt.date(2023, 1, 2)
    rows = []
    n_ticket = 0
    lines = 0
    tickets = []
    while lines < 2520:
        d = start + dt.timedelta(days=R.randint(0, 728))
        while d.weekday() == 6:
            d = start + dt.timedelta(days=R.randint(0, 728))
        k = _wchoice(R, [(1, 45), (2, 28), (3, 15), (4, 8), (5, 4)])
        tickets.append((d, k))
        lines += k
    tickets.sort(key=lambda t: t[0])
    for d, k in tickets:
        n_ticket += 1
        tid = "T%07d" % (2300000 + n_ticket)
        tienda = "Centro" if R.random() < 0.6 else "Polígono"
        prof = R.random() < (0.45 if tienda == "Polígono" else 0.2)
        pago = _wchoice(R, [("tarjeta", 58), ("efectivo", 27), ("bizum", 15)])
        cliente = R.choice(clientes) if (prof or R.random() < 0.35) else None
        vend = _wchoice(R, vendedores)
        for _ in range(k):
            fam = _wchoice(R, fam_w)
            cod, desc, precio = R.choice(catalogo[fam])
            qty = R.randint(1, 3) if precio > 10 else R.randint(1, 12)
            dto = _wchoice(R, [(0, 70), (5, 12), (10, 12), (15, 6)]) if prof else _wchoice(R, [(0, 90), (5, 7), (10, 3)])
            importe = round(qty * precio * (1 - dto / 100.0), 2)
            rows.append([tid, d.isoformat(), tienda, cod, desc, fam, qty, "%.2f" % precio,
                         dto if dto else None, "%.2f" % importe, pago, cliente, vend,
                         "SI" if prof else "NO"])
    header = ["num_ticket", "fecha", "tienda", "codigo_producto", "descripcion", "familia",
              "cantidad", "precio_unitario_eur", "descuento_pct", "importe_eur", "metodo_pago",
              "id_cliente", "Vendedor", "es_profesional"]
    return header, rows


def make(out_dir):
    R = random.Random(49)
    os.makedirs(out_dir, exist_ok=True)
    builders = [("food_truck_orders", _food_truck), ("recycling_dropoffs", _recycling),
                ("swim_lessons", _swim), ("freight_shipments", _freight),
                ("consultas_biblioteca", _biblioteca), ("ventas_ferreteria", _ferreteria)]
    paths = []
    for name, fn in builders:
        header, rows = fn(R)
        p = os.path.join(out_dir, name + ".csv")
        _write(p, header, rows)
        paths.append(p)
    return paths


if __name__ == "__main__":
    import sys
    make(sys.argv[1] if len(sys.argv) > 1 else "tables")
