"""Six invented tables for the `p45` unseen evaluation set.

Standalone: stdlib only. make(out_dir) writes six CSV files (header row first):

  moving_jobs.csv            - jobs of a house/office removal company (2023-2024);
                               one row per job, a customer can book several jobs,
                               two dates (booked_on, move_date).
  hive_inspections.csv       - beekeeping club hive inspections, seasons 2022-2024
                               (March-October); the same hive is inspected many times.
  tutoring_sessions.csv      - private tutoring agency sessions, Sep 2023 - Jun 2025;
                               students appear on many rows.
  print_jobs.csv             - print shop jobs (2023-2024) with ordered/due/delivered dates.
  revisiones_ascensores.csv  - (Spanish) elevator maintenance inspections in a city,
                               2022-2024; each elevator is inspected several times.
  donaciones_sangre.csv      - (Spanish) blood donation records of a regional blood bank,
                               2023-2024; donors repeat.

All randomness comes from R = random.Random(45) created inside make(), so repeated
calls produce byte-identical files.
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


def _wc(R, items, weights):
    return R.choices(items, weights=weights, k=1)[0]


def _rand_date(R, start, end):
    span = (end - start).days
    return start + datetime.timedelta(days=R.randint(0, span))


def _clamp(x, lo, hi):
    return max(lo, min(hi, x))


# ---------------------------------------------------------------------------
def _moving_jobs(R):
    header = ["job_id", "customerId", "booked_on", "move_date", "Origin City", "dest_city",
              "move_type", "distance_km", "volume_m3", "crew_size", "hours_billed",
              "price_usd", "piano", "damage_claim", "Customer Rating", "status"]
    cities = ["Portland", "Seattle", "Tacoma", "Spokane", "Eugene", "Salem", "Boise"]
    city_w = [30, 28, 12, 8, 10, 8, 4]
    coords = {"Portland": (0, 0), "Seattle": (10, 270), "Tacoma": (5, 230), "Spokane": (450, 280),
              "Eugene": (-20, -175), "Salem": (-10, -75), "Boise": (560, -120)}
    n_customers = 640
    cust_type = {}
    for i in range(1, n_customers + 1):
        cust_type["C%04d" % i] = "biz" if R.random() < 0.08 else "home"
    cust_ids = list(cust_type)
    rows = []
    n = 1150
    start, end = datetime.date(2023, 1, 2), datetime.date(2024, 12, 30)
    for k in range(n):
        # businesses book more often
        while True:
            cid = R.choice(cust_ids)
            if cust_type[cid] == "biz" or R.random() < 0.55:
                break
        # summer peak for moves
        while True:
            md = _rand_date(R, start, end)
            w = 1.0 + (0.8 if md.month in (6, 7, 8) else 0) + (0.3 if md.day >= 25 else 0)
            if md.weekday() == 6:
                w *= 0.3
            if R.random() < w / 2.1:
                break
        lead = int(R.triangular(2, 90, 18))
        booked = md - datetime.timedelta(days=lead)
        if cust_type[cid] == "biz":
            mtype = _wc(R, ["Office", "Storage", "Local"], [70, 20, 10])
        else:
            mtype = _wc(R, ["Local", "Long Distance", "Storage"], [62, 28, 10])
        orig = _wc(R, cities, city_w)
        if mtype == "Long Distance":
            dest = R.choice([c for c in cities if c != orig])
            (x1, y1), (x2, y2) = coords[orig], coords[dest]
            dist = ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 * R.uniform(1.1, 1.3)
        else:
            dest = orig if R.random() < 0.85 else R.choice(cities)
            if dest == orig:
                dist = R.uniform(2, 35)
            else:
                (x1, y1), (x2, y2) = coords[orig], coords[dest]
                dist = ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 * R.uniform(1.1, 1.3)
        base_vol = {"Local": 28, "Long Distance": 38, "Office": 55, "Storage": 18}[mtype]
        vol = _clamp(R.gauss(base_vol, base_vol * 0.35), 4, 140)
        crew = int(_clamp(round(2 + vol / 22 + R.uniform(-0.6, 0.6)), 2, 6))
        piano = "Y" if (mtype != "Office" and R.random() < 0.09) else "N"
        status = _wc(R, ["Completed", "Cancelled", "Rescheduled"], [88, 7, 5])
        if status == "Cancelled":
            hours = None
            price = None
            dmg = 0
            rating = None
        else:
            hours = vol / (crew * 1.9) + dist / 70 + R.uniform(0.3, 1.5) + (1.0 if piano == "Y" else 0)
            hours = round(hours * 4) / 4
            price = hours * crew * 48 + dist * 1.15 + (250 if piano == "Y" else 0)
            if mtype == "Storage":
                price += 120
            price = round(price * R.uniform(0.95, 1.08), 2)
            dmg = 1 if R.random() < (0.04 + (0.05 if piano == "Y" else 0)) else 0
            if R.random() < 0.3:
                rating = None
            else:
                rating = _clamp(int(round(R.gauss(4.3 - 1.6 * dmg, 0.8))), 1, 5)
            if R.random() < 0.015:
                hours = None
        rows.append([None, cid, booked.isoformat(), md.isoformat(), orig, dest, mtype,
                     "%.1f" % dist, "%.1f" % vol, crew, hours, price if price is None else "%.2f" % price,
                     piano, dmg, rating, status])
    rows.sort(key=lambda r: (r[2], r[1]))
    for i, r in enumerate(rows):
        r[0] = "MV-%05d" % (10001 + i)
    return header, rows


# ---------------------------------------------------------------------------
def _hive_inspections(R):
    header = ["inspection_id", "hive_id", "apiary", "inspected_at", "inspector", "queenSeen",
              "Brood Frames", "honey_kg", "varroa_count", "temper", "swarm_cells",
              "weather", "temp_c", "duration_min"]
    apiaries = ["Orchard Hill", "River Meadow", "Church Lane", "Heath Top"]
    hives = []
    for i in range(1, 43):
        hives.append(("H%02d" % i, apiaries[(i * 7) % 4] if i % 5 else "Heath Top",
                      R.uniform(0.7, 1.3)))
    inspectors = ["Margaret Hale", "Tom Briggs", "Priya Nair", "Owen Fletcher", "Lucy Adeyemi"]
    insp_w = [30, 25, 20, 15, 10]
    rows = []
    for year in (2022, 2023, 2024):
        for hid, apiary, vigour in hives:
            if year == 2022 and int(hid[1:]) > 34:
                continue  # newer hives
            d = datetime.date(year, 3, R.randint(10, 28))
            while d <= datetime.date(year, 10, 15):
                hour = R.choice([9, 10, 10, 11, 11, 12, 13, 14, 15, 16])
                ts = datetime.datetime(d.year, d.month, d.day, hour, R.choice([0, 15, 30, 45]))
                m = d.month
                temp = _clamp(R.gauss({3: 11, 4: 14, 5: 17, 6: 21, 7: 24, 8: 23, 9: 19, 10: 14}[m], 3), 6, 33)
                weather = _wc(R, ["Sunny", "Cloudy", "Windy", "Light Rain"], [45, 35, 12, 8])
                brood = {3: 3, 4: 5, 5: 7, 6: 8, 7: 7, 8: 6, 9: 4, 10: 3}[m] * vigour + R.gauss(0, 1)
                brood = int(_clamp(round(brood), 0, 10))
                queen = R.random() < (0.78 if brood >= 4 else 0.55)
                swarm = 1 if (m in (4, 5, 6) and R.random() < 0.16 * vigour) else 0
                if m in (7, 8) and R.random() < 0.35:
                    honey = round(R.uniform(4, 16) * vigour, 1)
                elif m == 9 and R.random() < 0.2:
                    honey = round(R.uniform(2, 9) * vigour, 1)
                else:
                    honey = 0.0
                if R.random() < 0.05:
                    honey = None
                varroa = None
                if R.random() < 0.45:
                    varroa = int(max(0, R.gauss({3: 2, 4: 3, 5: 4, 6: 6, 7: 9, 8: 12, 9: 10, 10: 7}[m]
                                                * (1.3 if apiary == "River Meadow" else 1.0), 3)))
                temper = _wc(R, ["Calm", "Nervous", "Aggressive"],
                             [70, 22, 8 + (10 if weather in ("Windy", "Light Rain") else 0)])
                dur = int(_clamp(R.gauss(18 + brood * 1.5 + (8 if honey else 0), 5), 5, 60))
                rows.append([None, hid, apiary, ts.strftime("%Y-%m-%d %H:%M:%S"),
                             _wc(R, inspectors, insp_w),
                             "true" if queen else "false", brood,
                             None if honey is None else "%.1f" % honey,
                             varroa, temper, swarm, weather, "%.1f" % temp, dur])
                d += datetime.timedelta(days=R.randint(9, 21))
    rows.sort(key=lambda r: (r[3], r[1]))
    for i, r in enumerate(rows):
        r[0] = i + 1
    return header, rows


# ---------------------------------------------------------------------------
def _tutoring_sessions(R):
    header = ["session_id", "student_id", "tutorName", "subject", "grade_level",
              "Session Start", "duration_min", "fee_usd", "mode", "no_show", "rating",
              "homework_assigned", "first_session"]
    tutors = {"Alice Moreno": ["Math", "Physics", "SAT Prep"],
              "Ben Okafor": ["Chemistry", "Biology"],
              "Chloe Winters": ["English", "SAT Prep"],
              "Daniel Kim": ["Math", "SAT Prep"],
              "Elena Petrova": ["Physics", "Math"],
              "Farid Haddad": ["Spanish", "English"],
              "Grace Liu": ["Biology", "Chemistry", "Math"],
              "Hugo Lambert": ["Spanish"]}
    hourly = {"Alice Moreno": 62, "Ben Okafor": 55, "Chloe Winters": 50, "Daniel Kim": 70,
              "Elena Petrova": 58, "Farid Haddad": 45, "Grace Liu": 52, "Hugo Lambert": 40}
    levels = ["Middle School", "High School", "College"]
    students = []
    for i in range(1, 261):
        lvl = _wc(R, levels, [25, 55, 20])
        subj_pool = ["Math", "Physics", "Chemistry", "English", "Spanish", "Biology", "SAT Prep"]
        subj = _wc(R, subj_pool, [30, 12, 12, 14, 10, 10, 12 if lvl == "High School" else 0])
        cands = [t for t, s in tutors.items() if subj in s]
        tutor = R.choice(cands)
        mode = "Online" if R.random() < 0.55 else "In-person"
        students.append(("ST%03d" % i, lvl, subj, tutor, mode, R.randint(1, 22)))
    rows = []
    start = datetime.datetime(2023, 9, 4)
    end = datetime.datetime(2025, 6, 27)
    for sid, lvl, subj, tutor, mode, nsess in students:
        first = start + datetime.timedelta(days=R.randint(0, (end - start).days - 30))
        t = first
        for k in range(nsess):
            # no sessions in late Dec and in July/August
            while (t.month == 12 and t.day > 20) or t.month in (7, 8):
                t += datetime.timedelta(days=7)
            if t > end:
                break
            wd = t.weekday()
            if wd == 6:
                t += datetime.timedelta(days=1)
            hour = R.choice([15, 16, 16, 17, 17, 18, 19, 20]) if t.weekday() < 5 else R.choice([9, 10, 11, 12, 14])
            ts = t.replace(hour=hour, minute=R.choice([0, 0, 30]), second=0)
            dur = _wc(R, [30, 45, 60, 90], [10, 25, 50, 15])
            fee = hourly[tutor] * dur / 60 * (0.9 if mode == "Online" else 1.0)
            if lvl == "College":
                fee *= 1.15
            noshow = R.random() < (0.07 if mode == "Online" else 0.04)
            rating = None
            if not noshow and R.random() < 0.6:
                rating = _clamp(int(round(R.gauss(4.2 + (0.3 if tutor in ("Daniel Kim", "Grace Liu") else 0), 0.8))), 1, 5)
            hw = 1 if (not noshow and R.random() < 0.62) else 0
            rows.append([None, sid, tutor, subj, lvl, ts.strftime("%Y-%m-%d %H:%M:%S"), dur,
                         "%.2f" % fee, mode, "Y" if noshow else "N", rating, hw,
                         "true" if k == 0 else "false"])
            t = ts + datetime.timedelta(days=R.choice([3, 4, 7, 7, 7, 14]))
    rows.sort(key=lambda r: (r[5], r[1]))
    for i, r in enumerate(rows):
        r[0] = 50001 + i
    return header, rows


# ---------------------------------------------------------------------------
def _print_jobs(R):
    header = ["JobID", "client_type", "product", "ordered_at", "due_date", "delivered_date",
              "quantity", "Paper Stock", "paper_gsm", "full_color", "rush_order",
              "total_usd", "reprint", "sales_rep"]
    products = ["Flyers", "Posters", "Business Cards", "Banners", "Booklets", "Stickers"]
    prod_w = [28, 14, 24, 8, 12, 14]
    unit = {"Flyers": 0.12, "Posters": 2.4, "Business Cards": 0.06, "Banners": 38.0,
            "Booklets": 3.1, "Stickers": 0.18}
    qty_choices = {"Flyers": [250, 500, 1000, 2500, 5000], "Posters": [10, 25, 50, 100, 200],
                   "Business Cards": [250, 500, 1000, 2000], "Banners": [1, 2, 3, 5, 10],
                   "Booklets": [50, 100, 250, 500], "Stickers": [100, 250, 500, 1000, 2000]}
    stock = {"Flyers": (["Gloss", "Matte", "Recycled"], [130, 150, 170]),
             "Posters": (["Gloss", "Matte"], [170, 200, 250]),
             "Business Cards": (["Cardstock", "Matte", "Recycled"], [300, 350, 400]),
             "Banners": (["Vinyl"], [440, 510]),
             "Booklets": (["Matte", "Gloss", "Recycled"], [90, 115, 130]),
             "Stickers": (["Vinyl", "Gloss"], [80, 100])}
    reps = ["Nadia", "Marcus", "Joanne", "Kevin"]
    rows = []
    t0 = datetime.datetime(2023, 1, 3, 8, 0)
    t1 = datetime.datetime(2024, 12, 31, 18, 0)
    total_min = int((t1 - t0).total_seconds() // 60)
    for k in range(1480):
        while True:
            ts = t0 + datetime.timedelta(minutes=R.randint(0, total_min))
            if ts.weekday() < 5 and 8 <= ts.hour < 18:
                break
            if ts.weekday() == 5 and 9 <= ts.hour < 13 and R.random() < 0.5:
                break
        ts = ts.replace(second=R.randint(0, 59))
        client = _wc(R, ["Business", "Individual", "School", "Nonprofit"], [48, 27, 15, 10])
        pw = list(prod_w)
        if client == "School":
            pw = [20, 25, 2, 8, 35, 10]
        prod = _wc(R, products, pw)
        qty = R.choice(qty_choices[prod])
        stocks, gsms = stock[prod]
        st = R.choice(stocks)
        gsm = R.choice(gsms)
        color = R.random() < (0.4 if prod == "Booklets" else 0.82)
        rush = R.random() < 0.14
        turnaround = {"Flyers": 4, "Posters": 3, "Business Cards": 5, "Banners": 6,
                      "Booklets": 8, "Stickers": 5}[prod]
        if rush:
            turnaround = max(1, turnaround // 3)
        due = ts.date() + datetime.timedelta(days=turnaround)
        late = int(max(0, R.gauss(-0.5, 1.6))) if not rush else int(max(0, R.gauss(-0.2, 1.0)))
        delivered = due + datetime.timedelta(days=late - (1 if R.random() < 0.2 else 0))
        if delivered < ts.date():
            delivered = ts.date()
        if ts > datetime.datetime(2024, 12, 20) and R.random() < 0.7:
            delivered = None
        elif R.random() < 0.025:
            delivered = None  # cancelled / never collected
        price = unit[prod] * qty * (1.0 if color else 0.7) * (1 + (gsm - 150) / 800)
        price = max(price, 15.0) + (25 if rush else 0)
        if client == "Nonprofit":
            price *= 0.9
        price *= R.uniform(0.93, 1.07)
        reprint = 1 if R.random() < 0.035 else 0
        rep = R.choice(reps) if R.random() > 0.06 else None
        rows.append([None, client, prod, ts.strftime("%Y-%m-%d %H:%M:%S"), due.isoformat(),
                     None if delivered is None else delivered.isoformat(), qty, st, gsm,
                     "true" if color else "false", "Y" if rush else "N", "%.2f" % price,
                     reprint, rep])
    rows.sort(key=lambda r: r[3])
    for i, r in enumerate(rows):
        r[0] = "PJ%05d" % (i + 1)
    return header, rows


# ---------------------------------------------------------------------------
def _revisiones_ascensores(R):
    header = ["id_revision", "codigo_ascensor", "distrito", "empresa_mantenedora",
              "fechaRevision", "tipo_revision", "Resultado", "duracion_min", "importe_eur",
              "averia_detectada", "num_paradas", "anio_instalacion", "tecnico",
              "segunda_visita"]
    distritos = ["Centro", "Chamberí", "Retiro", "Salamanca", "Tetuán", "Latina", "Usera"]
    empresas = ["Ascensores Iberia", "Elevaciones Norte", "TecnoElev", "Montacargas del Sur"]
    tecnicos = {"Ascensores Iberia": ["Javier Ruiz", "Marta Gil", "Andrés Peña"],
                "Elevaciones Norte": ["Lucía Ortega", "Raúl Campos"],
                "TecnoElev": ["Sergio Molina", "Nuria Vidal", "Pablo Herrero"],
                "Montacargas del Sur": ["Carmen Soto", "Iván Delgado"]}
    ascensores = []
    for i in range(1, 181):
        d = _wc(R, distritos, [20, 16, 12, 18, 12, 12, 10])
        e = _wc(R, empresas, [35, 25, 25, 15])
        anio = int(_clamp(round(R.gauss(1992 if d in ("Centro", "Chamberí") else 2002, 13)), 1962, 2022))
        paradas = int(_clamp(round(R.gauss(6, 2.5)), 2, 16))
        ascensores.append(("ASC-%04d" % i, d, e, anio, paradas))
    rows = []
    start, end = datetime.date(2022, 1, 3), datetime.date(2024, 12, 30)
    for cod, d, e, anio, paradas in ascensores:
        edad_factor = (2024 - anio) / 30
        # preventive every ~4-6 months, regulatory every 2 years, corrective when breaks down
        fechas = []
        f = start + datetime.timedelta(days=R.randint(0, 150))
        while f <= end:
            fechas.append((f, "preventiva"))
            f += datetime.timedelta(days=R.randint(110, 190))
        f = start + datetime.timedelta(days=R.randint(0, 700))
        while f <= end:
            fechas.append((f, "reglamentaria"))
            f += datetime.timedelta(days=730)
        ncorr = int(max(0, R.gauss(1.0 + 2.0 * edad_factor, 1)))
        for _ in range(ncorr):
            fechas.append((_rand_date(R, start, end), "correctiva"))
        for f, tipo in fechas:
            if f.weekday() >= 5:
                f -= datetime.timedelta(days=f.weekday() - 4)
            if tipo == "correctiva":
                averia = True
                dur = _clamp(R.gauss(140 + 40 * edad_factor, 50), 30, 420)
                imp = 90 + dur * 1.6 + R.choice([0, 0, 120, 340, 800]) * (1 + edad_factor * 0.5)
                res = _wc(R, ["favorable", "condicionado", "desfavorable"], [60, 30, 10])
            elif tipo == "reglamentaria":
                averia = R.random() < 0.12 + 0.15 * edad_factor
                dur = _clamp(R.gauss(95, 20), 45, 200)
                imp = 180 + paradas * 12 + (150 if averia else 0)
                res = _wc(R, ["favorable", "condicionado", "desfavorable"],
                          [70 - 25 * edad_factor, 22 + 15 * edad_factor, 8 + 10 * edad_factor])
            else:
                averia = R.random() < 0.08 + 0.1 * edad_factor
                dur = _clamp(R.gauss(55, 15), 20, 150)
                imp = 65 + dur * 0.9 + (90 if averia else 0)
                res = _wc(R, ["favorable", "condicionado", "desfavorable"], [88, 10, 2])
            imp *= R.uniform(0.92, 1.08)
            if e == "TecnoElev":
                imp *= 1.1
            segunda = 1 if (res != "favorable" and R.random() < 0.7) or R.random() < 0.03 else 0
            tec = R.choice(tecnicos[e])
            if R.random() < 0.04:
                tec = None
            dur_v = int(round(dur))
            if R.random() < 0.03:
                dur_v = None
            imp_v = "%.2f" % imp
            if R.random() < 0.02:
                imp_v = None
            rows.append([None, cod, d, e, f.isoformat(), tipo, res, dur_v, imp_v,
                         "S" if averia else "N", paradas, anio, tec, segunda])
    rows.sort(key=lambda r: (r[4], r[1]))
    for i, r in enumerate(rows):
        r[0] = 7001 + i
    return header, rows


# ---------------------------------------------------------------------------
def _donaciones_sangre(R):
    header = ["id_donacion", "id_donante", "fechaHora", "centro", "tipo_donacion",
              "Grupo Sanguíneo", "sexo", "edad", "peso_kg", "hemoglobina_g_dl", "volumen_ml",
              "apto", "primera_vez", "reaccion_adversa", "duracion_min"]
    centros = ["Hospital General", "Centro de Transfusión", "Unidad Móvil", "Campus Universitario"]
    grupos = ["0+", "A+", "B+", "AB+", "0-", "A-", "B-", "AB-"]
    grupos_w = [35, 36, 8, 2.5, 9, 7, 1.8, 0.7]
    donantes = []
    for i in range(1, 1101):
        sexo = "mujer" if R.random() < 0.52 else "hombre"
        edad = int(_clamp(R.triangular(18, 68, 34), 18, 68))
        peso = _clamp(R.gauss(64 if sexo == "mujer" else 80, 10), 50, 130)
        donantes.append(["D%05d" % (20000 + i), sexo, edad, peso, _wc(R, grupos, grupos_w),
                         R.choice(centros), R.random()])
    rows = []
    t0 = datetime.datetime(2023, 1, 2)
    t1 = datetime.datetime(2024, 12, 30)
    span = (t1 - t0).days
    for did, sexo, edad, peso, grupo, centro_hab, freq in donantes:
        nd = 1 + int(freq * freq * 7)
        dates = sorted(t0 + datetime.timedelta(days=R.randint(0, span)) for _ in range(nd))
        clean = []
        for d in dates:
            if not clean or (d - clean[-1]).days >= 60:
                clean.append(d)
        for k, d in enumerate(clean):
            centro = centro_hab if R.random() < 0.8 else R.choice(centros)
            if centro == "Campus Universitario" and d.month == 8:
                d += datetime.timedelta(days=31)
                if d > t1:
                    continue
            if d.weekday() == 6:
                d += datetime.timedelta(days=1)
            hour = R.randint(8, 20)
            ts = d.replace(hour=hour, minute=R.randint(0, 59), second=R.randint(0, 59))
            tipo = _wc(R, ["sangre total", "plasma", "plaquetas"], [78, 15, 7])
            if centro == "Unidad Móvil":
                tipo = "sangre total"
            hb = _clamp(R.gauss(13.6 if sexo == "mujer" else 15.2, 1.0), 10.5, 18.5)
            apto = hb >= (12.5 if sexo == "mujer" else 13.5) and R.random() > 0.04
            vol = None
            dur = None
            reac = 0
            if apto:
                vol = {"sangre total": 450, "plasma": R.choice([600, 650, 700]),
                       "plaquetas": R.choice([250, 300])}[tipo]
                dur = int(_clamp(R.gauss({"sangre total": 10, "plasma": 45, "plaquetas": 75}[tipo], 4), 5, 110))
                reac = 1 if R.random() < (0.05 if k == 0 else 0.02) else 0
            hb_v = "%.1f" % hb if R.random() > 0.02 else None
            peso_v = "%.1f" % (peso + R.gauss(0, 1)) if R.random() > 0.05 else None
            edad_v = edad + (ts.year - 2023)
            rows.append([None, did, ts.strftime("%Y-%m-%d %H:%M:%S"), centro, tipo, grupo, sexo,
                         edad_v, peso_v, hb_v, vol, "S" if apto else "N",
                         "true" if k == 0 else "false", reac, dur])
    rows.sort(key=lambda r: (r[2], r[1]))
    for i, r in enumerate(rows):
        r[0] = 300001 + i
    return header, rows


def make(out_dir):
    R = random.Random(45)
    os.makedirs(out_dir, exist_ok=True)
    paths = []
    for name, fn in [("moving_jobs", _moving_jobs), ("hive_inspections", _hive_inspections),
                     ("tutoring_sessions", _tutoring_sessions), ("print_jobs", _print_jobs),
                     ("revisiones_ascensores", _revisiones_ascensores),
                     ("donaciones_sangre", _donaciones_sangre)]:
        header, rows = fn(R)
        paths.append(_write(out_dir, name, header, rows))
    return paths


if __name__ == "__main__":
    import sys
    make(sys.argv[1] if len(sys.argv) > 1 else ".")
