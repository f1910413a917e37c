"""Six tables for the `p43` unseen set of bench/bench_honest.py, written by a helper who never read
dsagent's code: museum tickets, bike-shop repair jobs, call-centre calls, farm harvests, and two
Spanish ones (matriculas_universidad, incidencias_it). bench_honest.py writes them into a temporary folder.

Standalone: stdlib only. make(out_dir) writes:
  museum_visits.csv, bike_repairs.csv, call_center_calls.csv, farm_harvests.csv,
  matriculas_universidad.csv, incidencias_it.csv
All randomness comes from R = random.Random(43) created inside make(), so
repeated calls produce byte-identical files.
"""
import csv
import datetime
import math
import os
import random
import sys


def _days(start, end):
    d = start
    out = []
    while d <= end:
        out.append(d)
        d += datetime.timedelta(days=1)
    return out


def _wchoice(R, items, weights):
    return R.choices(items, weights=weights, k=1)[0]


def _write(out_dir, name, header, rows):
    path = os.path.join(out_dir, name + ".csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
    return path


def _money(x):
    return "%.2f" % x


# ----------------------------------------------------------------------------
def _museum_visits(R):
    # Closed on Mondays; busier at weekends, in summer and over the winter holidays.
    days = [d for d in _days(datetime.date(2023, 1, 1), datetime.date(2024, 12, 31))
            if d.weekday() != 0]
    month_w = {1: 0.8, 2: 0.75, 3: 0.9, 4: 1.05, 5: 1.0, 6: 1.1, 7: 1.4,
               8: 1.45, 9: 0.9, 10: 0.95, 11: 0.85, 12: 1.2}
    day_w = [month_w[d.month] * (1.6 if d.weekday() >= 5 else 1.0)
             * (1.1 if d.year == 2024 else 1.0) for d in days]
    # Temporary exhibitions run for a limited window; the permanent collection is always open.
    temp = [("Impressionist Masters", datetime.date(2023, 3, 1), datetime.date(2023, 9, 30), 0.45),
            ("Modern Photography", datetime.date(2023, 10, 14), datetime.date(2024, 1, 31), 0.3),
            ("Treasures of the Nile", datetime.date(2024, 2, 17), datetime.date(2024, 10, 31), 0.5),
            ("Dinosaurs Alive", datetime.date(2024, 6, 1), datetime.date(2024, 12, 31), 0.4)]
    base_price = {"Adult": 22.0, "Child": 8.0, "Senior": 15.0, "Student": 12.0, "Family": 55.0}
    rows = []
    n = 2800
    for i in range(n):
        d = _wchoice(R, days, day_w)
        hour = _wchoice(R, [10, 11, 12, 13, 14, 15, 16, 17], [0.12, 0.17, 0.14, 0.14, 0.16, 0.14, 0.09, 0.04])
        ts = datetime.datetime(d.year, d.month, d.day, hour, R.randint(0, 59), R.randint(0, 59))
        options = ["Permanent Collection"]
        weights = [0.5]
        for name, a, b, w in temp:
            if a <= d <= b:
                options.append(name)
                weights.append(w)
        exh = _wchoice(R, options, weights)
        kid_w = 2.5 if exh == "Dinosaurs Alive" else 1.0
        ttype = _wchoice(R, ["Adult", "Child", "Senior", "Student", "Family"],
                         [0.42, 0.1 * kid_w, 0.16, 0.14, 0.09 * kid_w])
        if ttype == "Child":
            age = _wchoice(R, ["0-12", "13-17"], [0.7, 0.3])
        elif ttype == "Senior":
            age = "65+"
        elif ttype == "Student":
            age = _wchoice(R, ["13-17", "18-24", "25-44"], [0.1, 0.78, 0.12])
        elif ttype == "Family":
            age = _wchoice(R, ["25-44", "45-64"], [0.75, 0.25])
        else:
            age = _wchoice(R, ["18-24", "25-44", "45-64"], [0.15, 0.5, 0.35])
        member = 1 if R.random() < (0.22 if age in ("45-64", "65+") else 0.12) else 0
        channel = _wchoice(R, ["Online", "Box Office", "Kiosk"], [0.52, 0.36, 0.12])
        if member:
            price = 0.0
        else:
            price = base_price[ttype] + (6.0 if exh != "Permanent Collection" else 0.0)
            if channel == "Online":
                price -= 2.0 if ttype != "Family" else 5.0
            if R.random() < 0.05:  # promo code
                price = round(price * 0.8, 2)
        audio = "yes" if R.random() < (0.35 if age in ("45-64", "65+") else 0.18) else "no"
        mu = 95 if exh == "Permanent Collection" else 75
        if audio == "yes":
            mu += 20
        if ttype in ("Child", "Family"):
            mu -= 15
        mins = int(round(min(330, max(12, R.lognormvariate(math.log(mu), 0.35)))))
        if R.random() < 0.035:  # exit scan missing
            mins = None
        rows.append([ts, exh, ttype, age, channel, _money(price), mins, member, audio])
    rows.sort(key=lambda r: r[0])
    out = [[500000 + i + 1] + r for i, r in enumerate(rows)]
    header = ["ticket_id", "entry_time", "exhibition", "Ticket Type", "Age Band", "sales_channel",
              "price_paid", "minutesInside", "is_member", "audio_guide"]
    return header, out


# ----------------------------------------------------------------------------
def _bike_repairs(R):
    days = [d for d in _days(datetime.date(2023, 1, 2), datetime.date(2024, 12, 31))
            if d.weekday() != 6]
    month_w = {1: 0.5, 2: 0.6, 3: 1.0, 4: 1.4, 5: 1.5, 6: 1.45, 7: 1.35,
               8: 1.3, 9: 1.15, 10: 0.9, 11: 0.65, 12: 0.55}
    day_w = [month_w[d.month] for d in days]
    bikes = ["Road", "Mountain", "Hybrid", "E-Bike", "Kids", "Cargo"]
    bike_w = [0.24, 0.2, 0.27, 0.15, 0.08, 0.06]
    cats = ["Puncture", "Brakes", "Drivetrain", "Wheel True", "Full Service", "Suspension", "Electrical"]
    hours_mu = {"Puncture": 0.4, "Brakes": 0.9, "Drivetrain": 1.4, "Wheel True": 0.8,
                "Full Service": 2.6, "Suspension": 1.9, "Electrical": 1.7}
    parts_mu = {"Puncture": 9, "Brakes": 32, "Drivetrain": 75, "Wheel True": 6,
                "Full Service": 55, "Suspension": 90, "Electrical": 140}
    mechanics = ["Alex Moreno", "Priya Shah", "Tomasz Nowak", "Jenna Brooks", "Marcus Lee"]
    speed = {"Alex Moreno": 0.9, "Priya Shah": 1.0, "Tomasz Nowak": 1.15, "Jenna Brooks": 0.95,
             "Marcus Lee": 1.25}
    rate = 60.0
    last = datetime.date(2024, 12, 31)
    rows = []
    n = 1400
    for i in range(n):
        d = _wchoice(R, days, day_w)
        bike = _wchoice(R, bikes, bike_w)
        cw = [0.26, 0.2, 0.18, 0.1, 0.16, 0.0, 0.0]
        if bike == "Mountain":
            cw[5] = 0.18
        if bike == "E-Bike":
            cw[6] = 0.3
        if bike == "Kids":
            cw = [0.45, 0.25, 0.1, 0.15, 0.05, 0.0, 0.0]
        cat = _wchoice(R, cats, cw)
        mech = _wchoice(R, mechanics, [0.26, 0.24, 0.2, 0.18, 0.12])
        if cat == "Electrical":
            mech = _wchoice(R, ["Priya Shah", "Marcus Lee"], [0.6, 0.4])
        hours = round(max(0.2, R.lognormvariate(math.log(hours_mu[cat] * speed[mech]), 0.3)) * 4) / 4
        parts = round(max(0.0, R.lognormvariate(math.log(parts_mu[cat]), 0.5)), 2)
        if cat in ("Wheel True", "Full Service") and R.random() < 0.3:
            parts = 0.0
        if bike == "E-Bike":
            parts = round(parts * 1.3, 2)
        warranty = "Y" if R.random() < (0.12 if bike == "E-Bike" else 0.05) else "N"
        cust = _wchoice(R, ["Walk-in", "Club Member", "Fleet"], [0.7, 0.2, 0.1])
        wait = max(0, int(round(R.expovariate(1 / (1.2 + hours)))))
        if d.month in (4, 5, 6):
            wait += R.randint(0, 3)
        out_d = d + datetime.timedelta(days=wait)
        if out_d.weekday() == 6:
            out_d += datetime.timedelta(days=1)
        if out_d > last or (d > datetime.date(2024, 12, 12) and R.random() < 0.6):
            out_d = None  # still in the shop at export time
        if warranty == "Y":
            invoice = 0.0
        else:
            disc = 0.9 if cust == "Club Member" else 1.0
            invoice = round((parts + hours * rate) * disc, 2)
        rows.append([d, out_d, bike, cat, mech, cust, _money(parts), hours, _money(invoice), warranty])
    rows.sort(key=lambda r: r[0])
    out = [[10001 + i] + r for i, r in enumerate(rows)]
    header = ["job_id", "date_in", "date_out", "Bike Type", "repair_category", "mechanic",
              "customerType", "parts_cost", "labour_hours", "Invoice Total", "warranty"]
    return header, out


# ----------------------------------------------------------------------------
def _call_center_calls(R):
    days = [d for d in _days(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
            if d.weekday() != 6]
    month_w = {1: 1.35, 2: 1.1, 3: 1.0, 4: 0.95, 5: 0.9, 6: 0.85, 7: 0.8,
               8: 0.85, 9: 1.0, 10: 1.05, 11: 1.15, 12: 1.0}
    day_w = [month_w[d.month] * (1.25 if d.weekday() == 0 else (0.45 if d.weekday() == 5 else 1.0))
             for d in days]
    queues = ["Billing", "Technical Support", "Sales", "Cancellations", "General Enquiries"]
    queue_w = [0.28, 0.3, 0.14, 0.1, 0.18]
    talk_mu = {"Billing": 340, "Technical Support": 560, "Sales": 420, "Cancellations": 480,
               "General Enquiries": 210}
    res_p = {"Billing": 0.82, "Technical Support": 0.64, "Sales": 0.88, "Cancellations": 0.7,
             "General Enquiries": 0.9}
    agents = {"Billing": ["Hannah Cole", "Omar Haddad", "Lucy Tran"],
              "Technical Support": ["Dev Patel", "Sam Okafor", "Rita Gomez", "Ben Carter"],
              "Sales": ["Chloe Martin", "Omar Haddad"],
              "Cancellations": ["Grace Kim", "Lucy Tran"],
              "General Enquiries": ["Tom Reyes", "Chloe Martin", "Sam Okafor"]}
    skill = {"Hannah Cole": 1.05, "Omar Haddad": 0.95, "Lucy Tran": 1.0, "Dev Patel": 1.1,
             "Sam Okafor": 0.9, "Rita Gomez": 1.0, "Ben Carter": 0.85, "Chloe Martin": 1.05,
             "Grace Kim": 1.1, "Tom Reyes": 0.95}
    rows = []
    n = 3000
    for i in range(n):
        d = _wchoice(R, days, day_w)
        if d.weekday() == 5:
            hour = R.randint(9, 12)
        else:
            hour = _wchoice(R, list(range(8, 20)),
                            [0.06, 0.12, 0.12, 0.1, 0.09, 0.1, 0.1, 0.09, 0.08, 0.06, 0.05, 0.03])
        ts = datetime.datetime(d.year, d.month, d.day, hour, R.randint(0, 59), R.randint(0, 59))
        q = _wchoice(R, queues, queue_w)
        ag = R.choice(agents[q])
        busy = 1.6 if (d.weekday() == 0 or hour in (9, 10)) else 1.0
        busy *= 1.3 if d.month in (1, 11) else 1.0
        wait = int(round(R.expovariate(1 / (75 * busy * (1.4 if q == "Technical Support" else 1.0)))))
        talk = int(round(max(25, R.lognormvariate(math.log(talk_mu[q] / skill[ag]), 0.45))))
        transferred = 1 if R.random() < (0.14 if q in ("General Enquiries", "Technical Support") else 0.06) else 0
        resolved = R.random() < res_p[q] * skill[ag] * (0.7 if transferred else 1.0)
        csat = None
        if R.random() < 0.42:
            base = 4.1 if resolved else 2.4
            base -= min(1.2, wait / 400)
            csat = int(min(5, max(1, round(R.gauss(base, 0.8)))))
        region = _wchoice(R, ["North", "South", "East", "West"], [0.3, 0.25, 0.2, 0.25])
        rows.append([ts, q, ag, region, wait, talk, "true" if resolved else "false", transferred, csat])
    rows.sort(key=lambda r: r[0])
    out = [["CL%06d" % (240000 + i + 1)] + r for i, r in enumerate(rows)]
    header = ["Call ID", "started_at", "queue", "agentName", "caller_region", "wait_seconds",
              "talk_seconds", "resolved", "transferred", "csat_score"]
    return header, out


# ----------------------------------------------------------------------------
def _farm_harvests(R):
    farms = {"North Ridge": 15, "River Bend": 13, "Oak Hollow": 12, "Sunny Acres": 10}
    fields = []
    k = 1
    for farm, nf in farms.items():
        for _ in range(nf):
            area = round(R.uniform(3.0, 42.0), 1)
            irr = _wchoice(R, ["Drip", "Sprinkler", "Flood", "Rainfed"],
                           [0.15, 0.3, 0.1, 0.45] if farm != "River Bend" else [0.1, 0.3, 0.35, 0.25])
            organic = 1 if R.random() < (0.45 if farm == "Oak Hollow" else 0.15) else 0
            fields.append(("F-%02d" % k, farm, area, irr, organic))
            k += 1
    crops = ["Wheat", "Barley", "Maize", "Potatoes", "Soybeans", "Canola", "Sugar Beet"]
    crop_w = [0.26, 0.16, 0.18, 0.1, 0.12, 0.1, 0.08]
    t_ha = {"Wheat": 7.8, "Barley": 6.4, "Maize": 10.5, "Potatoes": 42.0, "Soybeans": 3.3,
            "Canola": 3.6, "Sugar Beet": 68.0}
    window = {"Wheat": (7, 20, 45), "Barley": (7, 5, 35), "Maize": (9, 25, 50),
              "Potatoes": (8, 25, 60), "Soybeans": (9, 20, 40), "Canola": (7, 10, 30),
              "Sugar Beet": (10, 1, 55)}
    irr_f = {"Drip": 1.18, "Sprinkler": 1.1, "Flood": 1.05, "Rainfed": 0.92}
    year_f = {2019: 0.97, 2020: 1.0, 2021: 0.93, 2022: 0.84, 2023: 1.04, 2024: 1.07}  # 2022 drought
    rows = []
    for year in range(2019, 2025):
        for fcode, farm, area, irr, organic in fields:
            # Most fields carry one crop a year; some are split into two plots.
            nplots = 2 if R.random() < 0.22 else 1
            for p in range(nplots):
                crop = _wchoice(R, crops, crop_w)
                m, dd, span = window[crop]
                hd = datetime.date(year, m, dd) + datetime.timedelta(days=R.randint(0, span))
                a = area if nplots == 1 else round(area * (0.55 if p == 0 else 0.45), 1)
                yf = t_ha[crop] * irr_f[irr] * year_f[year] * (0.8 if organic else 1.0)
                if year == 2022 and irr == "Rainfed":
                    yf *= 0.85
                y = round(a * yf * R.gauss(1.0, 0.11), 2)
                moist = round(R.gauss({"Potatoes": 78, "Sugar Beet": 76}.get(crop, 14.5),
                                      1.6 if crop not in ("Potatoes", "Sugar Beet") else 2.5), 1)
                if R.random() < 0.06:
                    moist = None
                rows.append([fcode, farm, crop, hd, a, y, irr, "yes" if organic else "no", moist])
    rows.sort(key=lambda r: (r[3], r[0]))
    out = [["H%04d" % (i + 1)] + r for i, r in enumerate(rows)]
    header = ["harvest_id", "field_code", "Farm", "crop", "harvest_date", "area_ha", "yield_tonnes",
              "irrigation_method", "organic", "Moisture Pct"]
    return header, out


# ----------------------------------------------------------------------------
def _matriculas_universidad(R):
    facs = {"Ciencias": ["Biología", "Química", "Matemáticas", "Física"],
            "Ingeniería": ["Ingeniería Informática", "Ingeniería Industrial", "Ingeniería Civil"],
            "Derecho": ["Derecho", "Criminología"],
            "Medicina": ["Medicina", "Enfermería", "Fisioterapia"],
            "Económicas": ["ADE", "Economía", "Marketing"],
            "Humanidades": ["Historia", "Filología Hispánica", "Filosofía"]}
    fac_w = {"Ciencias": 0.16, "Ingeniería": 0.2, "Derecho": 0.13, "Medicina": 0.17,
             "Económicas": 0.22, "Humanidades": 0.12}
    women = {"Ciencias": 0.55, "Ingeniería": 0.27, "Derecho": 0.6, "Medicina": 0.72,
             "Económicas": 0.52, "Humanidades": 0.63}
    cutoff = {"Medicina": 12.6, "Fisioterapia": 11.2, "Enfermería": 10.8, "Física": 11.0,
              "Matemáticas": 10.5, "Ingeniería Informática": 9.6, "Biología": 10.2,
              "Criminología": 9.0}
    price_cr = {"Ciencias": 18.5, "Ingeniería": 20.1, "Derecho": 14.2, "Medicina": 24.0,
                "Económicas": 14.2, "Humanidades": 13.4}
    cursos = [("2021-22", 2021), ("2022-23", 2022), ("2023-24", 2023), ("2024-25", 2024)]
    curso_w = [0.23, 0.24, 0.26, 0.27]
    rows = []
    n = 2400
    for i in range(n):
        curso, y0 = _wchoice(R, cursos, curso_w)
        if R.random() < 0.85:
            fecha = datetime.date(y0, 7, 10) + datetime.timedelta(days=R.randint(0, 70))
        else:
            fecha = datetime.date(y0, 9, 20) + datetime.timedelta(days=R.randint(0, 45))
        fac = _wchoice(R, list(facs), [fac_w[f] for f in facs])
        tit = R.choice(facs[fac])
        sexo = "Mujer" if R.random() < women[fac] else "Hombre"
        via = _wchoice(R, ["EBAU", "FP", "Mayores 25", "Traslado"], [0.78, 0.13, 0.03, 0.06])
        if via == "Mayores 25":
            edad = R.randint(25, 52)
        elif via == "FP":
            edad = R.randint(19, 27)
        elif via == "Traslado":
            edad = R.randint(19, 26)
        else:
            edad = _wchoice(R, [18, 19, 20, 21, 22, 23, 24], [0.5, 0.24, 0.1, 0.06, 0.05, 0.03, 0.02])
        if via == "Traslado":
            nota = None
        else:
            lo = cutoff.get(tit, 5.0)
            nota = round(min(14.0, lo + abs(R.gauss(0.0, 2.4 if lo < 9 else 1.0))), 3)
        beca = "Sí" if R.random() < (0.34 if via != "Mayores 25" else 0.15) else "No"
        if edad >= 25:
            cred = _wchoice(R, [24, 30, 36, 42, 48, 60], [0.2, 0.25, 0.2, 0.15, 0.1, 0.1])
        else:
            cred = _wchoice(R, [30, 36, 42, 48, 54, 60, 66, 72], [0.03, 0.04, 0.05, 0.07, 0.08, 0.6, 0.08, 0.05])
        importe = round(cred * price_cr[fac], 2) if beca == "No" else 0.0
        modalidad = "Tiempo parcial" if cred < 48 else "Tiempo completo"
        rows.append([curso, fecha, fac, tit, sexo, edad, via, nota, beca, cred, modalidad, _money(importe)])
    rows.sort(key=lambda r: (r[1], r[2]))
    out = [[20210000 + i + 1] + r for i, r in enumerate(rows)]
    header = ["id_matricula", "curso_academico", "fecha_matricula", "facultad", "titulacion", "sexo",
              "edad", "via_acceso", "Nota Acceso", "beca", "creditos_matriculados", "modalidad",
              "importe_eur"]
    return header, out


# ----------------------------------------------------------------------------
def _incidencias_it(R):
    days = [d for d in _days(datetime.date(2023, 7, 1), datetime.date(2024, 12, 31))
            if d.weekday() < 5 or R.random() < 0.08]
    day_w = [1.3 if d.weekday() == 0 else 1.0 for d in days]
    cats = ["Hardware", "Software", "Red", "Accesos", "Correo", "Impresoras"]
    cat_w = [0.18, 0.27, 0.12, 0.2, 0.11, 0.12]
    hrs_mu = {"Hardware": 22.0, "Software": 9.0, "Red": 6.0, "Accesos": 2.5, "Correo": 4.0,
              "Impresoras": 12.0}
    prios = ["Baja", "Media", "Alta", "Crítica"]
    prio_f = {"Baja": 1.6, "Media": 1.0, "Alta": 0.55, "Crítica": 0.25}
    deps = ["Finanzas", "RRHH", "Ventas", "Operaciones", "Marketing", "Dirección", "Logística"]
    dep_w = [0.16, 0.1, 0.2, 0.22, 0.1, 0.05, 0.17]
    techs = ["Laura Gil", "Javier Ruiz", "Marta Sanz", "Pablo Ortega", "Nuria Vidal"]
    tech_f = {"Laura Gil": 0.85, "Javier Ruiz": 1.0, "Marta Sanz": 0.95, "Pablo Ortega": 1.25,
              "Nuria Vidal": 1.05}
    export = datetime.datetime(2025, 1, 3, 9, 0, 0)
    rows = []
    n = 1800
    for i in range(n):
        d = _wchoice(R, days, day_w)
        hr = int(min(19, max(7, R.gauss(11.5, 2.6))))
        ts = datetime.datetime(d.year, d.month, d.day, hr, R.randint(0, 59), R.randint(0, 59))
        cat = _wchoice(R, cats, cat_w)
        dep = _wchoice(R, deps, dep_w)
        prio = _wchoice(R, prios, [0.3, 0.42, 0.2, 0.08] if dep != "Dirección" else [0.1, 0.35, 0.35, 0.2])
        tech = _wchoice(R, techs, [0.24, 0.22, 0.2, 0.18, 0.16])
        canal = _wchoice(R, ["Portal", "Email", "Teléfono", "Chat"], [0.45, 0.22, 0.2, 0.13])
        h = R.lognormvariate(math.log(hrs_mu[cat] * prio_f[prio] * tech_f[tech]), 0.75)
        h = round(max(0.1, h), 1)
        close = ts + datetime.timedelta(minutes=int(round(h * 60)))
        reab = 1 if R.random() < (0.09 if cat in ("Software", "Red") else 0.05) else 0
        if close > export or (ts > datetime.datetime(2024, 12, 10) and R.random() < 0.35) or R.random() < 0.012:
            close = None
            h = None
            reab = 0
        estado = "Cerrada" if close is not None else _wchoice(R, ["Abierta", "En curso"], [0.4, 0.6])
        rows.append([ts, close, cat, prio, dep, tech, canal, estado, h, reab])
    rows.sort(key=lambda r: r[0])
    out = [["INC-%06d" % (31000 + i + 1)] + r for i, r in enumerate(rows)]
    header = ["id_incidencia", "fecha_apertura", "fecha_cierre", "categoria", "prioridad",
              "departamento", "tecnico_asignado", "canal", "estado", "horas_resolucion", "reabierta"]
    return header, out


# ----------------------------------------------------------------------------
def make(out_dir: str):
    R = random.Random(43)
    os.makedirs(out_dir, exist_ok=True)
    paths = []
    for name, fn in [("museum_visits", _museum_visits),
                     ("bike_repairs", _bike_repairs),
                     ("call_center_calls", _call_center_calls),
                     ("farm_harvests", _farm_harvests),
                     ("matriculas_universidad", _matriculas_universidad),
                     ("incidencias_it", _incidencias_it)]:
        header, rows = fn(R)
        paths.append(_write(out_dir, name, header, rows))
    return paths


if __name__ == "__main__":
    make(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
