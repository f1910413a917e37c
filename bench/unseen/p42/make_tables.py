"""Six tables for the `p42` unseen set of bench/bench_honest.py, written by a helper who never read
dsagent's code: public-library loans, solar-site daily output, restaurant orders, clinic
appointments, and two Spanish ones (ventas_farmacia, viajes_taxi). bench_honest.py writes them
into a temporary folder.

Standalone: stdlib only. make(out_dir) writes:
  library_loans.csv, solar_output.csv, restaurant_orders.csv, clinic_appointments.csv,
  ventas_farmacia.csv, viajes_taxi.csv
All randomness comes from R = random.Random(42) created inside make(), so
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


# ----------------------------------------------------------------------------
def _library_loans(R):
    start, end = datetime.date(2023, 1, 1), datetime.date(2024, 12, 31)
    days = _days(start, end)
    month_w = {1: 1.15, 2: 1.05, 3: 1.0, 4: 0.95, 5: 0.9, 6: 1.1, 7: 1.25,
               8: 1.15, 9: 0.95, 10: 1.0, 11: 1.05, 12: 0.85}
    dow_w = [0.95, 1.0, 1.0, 1.05, 0.9, 1.35, 0.45]
    day_w = [month_w[d.month] * dow_w[d.weekday()] * (1.08 if d.year == 2024 else 1.0) for d in days]
    branches = ["Central", "Northgate", "Riverside", "Westfield", "Oakwood"]
    branch_w = [0.32, 0.2, 0.18, 0.17, 0.13]
    genres = ["Fiction", "Mystery", "Science Fiction", "Biography", "History", "Children",
              "Young Adult", "Cookbooks", "Travel", "Graphic Novels"]
    genre_w = [0.22, 0.13, 0.08, 0.07, 0.06, 0.16, 0.09, 0.05, 0.05, 0.09]
    formats = ["Paperback", "Hardcover", "E-book", "Audiobook"]
    borrowers = ["Adult", "Senior", "Student", "Child"]
    rows = []
    n = 2600
    for i in range(n):
        d = _wchoice(R, days, day_w)
        br = _wchoice(R, branches, branch_w)
        bt = _wchoice(R, borrowers, [0.55, 0.17, 0.16, 0.12])
        gw = list(genre_w)
        if bt == "Child":
            gw = [0.01, 0.01, 0.01, 0.0, 0.01, 0.8, 0.05, 0.0, 0.01, 0.1]
        elif bt == "Student":
            gw[6] *= 2.5
            gw[9] *= 1.8
            gw[5] *= 0.1
        elif bt == "Senior":
            gw[3] *= 2.0
            gw[4] *= 2.2
            gw[5] *= 0.3
            gw[9] *= 0.3
        if d.month in (6, 7, 8):
            gw[5] *= 1.4
            gw[8] *= 1.6
        g = _wchoice(R, genres, gw)
        fw = [0.36, 0.26, 0.24, 0.14]
        if g in ("Children", "Graphic Novels"):
            fw = [0.55, 0.38, 0.05, 0.02]
        if bt == "Senior":
            fw[3] *= 1.8
        if d.year == 2024:
            fw[2] *= 1.25
        fmt = _wchoice(R, formats, fw)
        renewals = _wchoice(R, [0, 1, 2], [0.72, 0.21, 0.07]) if fmt != "E-book" else 0
        allowed = 21 + 14 * renewals
        if fmt == "E-book":
            kept = min(21, max(1, int(R.lognormvariate(math.log(12), 0.45))))
        else:
            kept = max(1, int(R.lognormvariate(math.log(15 + 10 * renewals), 0.42)))
            if R.random() < 0.04:
                kept += R.randint(15, 60)  # the occasional forgotten book
        late = 1 if kept > allowed else 0
        fee = 0.0
        if late and bt not in ("Child", "Senior"):
            fee = round(min(10.0, 0.25 * (kept - allowed)), 2)
        if d + datetime.timedelta(days=kept) > end:
            kept, late, fee = None, 0, None  # still on loan at the extract date
        rows.append([d, br, g, fmt, bt, kept, renewals, late, fee])
    rows.sort(key=lambda r: (r[0], r[1]))
    out = [["L%06d" % (230000 + i + 1)] + r for i, r in enumerate(rows)]
    header = ["loan_id", "loan_date", "branch", "genre", "item_format", "borrower_type",
              "days_kept", "renewals", "returned_late", "late_fee"]
    return header, out


# ----------------------------------------------------------------------------
def _solar_output(R):
    days = _days(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    sites = [
        # name, region, panel, capacity, mean irr, amplitude, cloud base, temp mean, temp amp
        ("Desert Flats", "Southwest", "Monocrystalline", 850, 6.4, 1.6, 0.12, 22, 11),
        ("Mesa Verde", "Southwest", "Polycrystalline", 620, 6.0, 1.8, 0.18, 17, 11),
        ("Coastal Ridge", "West Coast", "Monocrystalline", 480, 5.0, 1.9, 0.32, 16, 5),
        ("Prairie North", "Midwest", "Polycrystalline", 700, 4.4, 2.3, 0.42, 10, 15),
        ("Lakeside", "Northeast", "Thin-film", 360, 3.9, 2.2, 0.5, 9, 13),
    ]
    pr = {"Monocrystalline": 0.8, "Polycrystalline": 0.77, "Thin-film": 0.72}
    tcoef = {"Monocrystalline": 0.0038, "Polycrystalline": 0.0042, "Thin-film": 0.0022}
    rows = []
    for d in days:
        doy = d.timetuple().tm_yday
        season = math.cos(2 * math.pi * (doy - 172) / 366.0)
        for name, region, panel, cap, irr_m, irr_a, cloud_b, t_m, t_a in sites:
            cb = cloud_b * (1.0 - 0.35 * season)
            if region == "Southwest" and d.month in (7, 8):
                cb += 0.12  # monsoon afternoons
            cloud = min(1.0, max(0.0, R.betavariate(2.0, 2.0 * (1 - cb) / max(cb, 0.05))))
            clear = irr_m + irr_a * season
            irr = round(max(0.3, clear * (1 - 0.72 * cloud) * R.uniform(0.93, 1.05)), 2)
            temp = round(t_m + t_a * math.cos(2 * math.pi * (doy - 200) / 366.0)
                         + R.gauss(0, 2.8) - 3 * cloud, 1)
            fault = 1 if R.random() < 0.025 else 0
            cell_t = temp + 22 * irr / 7.0
            kwh = cap * irr * pr[panel] * (1 - tcoef[panel] * (cell_t - 25)) * R.uniform(0.95, 1.03)
            if d.month >= 7 and name == "Mesa Verde":
                kwh *= 0.96  # soiling until the autumn wash
            if fault:
                kwh *= R.uniform(0.15, 0.7)
            kwh = round(kwh, 1)
            if R.random() < 0.02:
                kwh = None  # logger offline
            t_out = temp if R.random() > 0.015 else None
            rows.append([d, name, region, panel, cap, kwh, irr, t_out,
                         int(round(cloud * 100)), fault])
    header = ["reading_date", "site", "region", "panel_type", "capacity_kw", "energy_kwh",
              "irradiance_kwh_m2", "ambient_temp_c", "cloud_cover_pct", "inverter_fault"]
    return header, rows


# ----------------------------------------------------------------------------
def _restaurant_orders(R):
    days = _days(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    month_w = {1: 0.8, 2: 0.88, 3: 0.95, 4: 1.0, 5: 1.05, 6: 1.05, 7: 1.0,
               8: 0.95, 9: 1.0, 10: 1.02, 11: 1.05, 12: 1.25}
    dow_w = [0.6, 0.75, 0.85, 0.95, 1.35, 1.5, 1.1]
    day_w = [month_w[d.month] * dow_w[d.weekday()] for d in days]
    cats = ["Pizza", "Pasta", "Burgers", "Salads", "Seafood", "Steak", "Vegan Bowls"]
    price = {"Pizza": 14.5, "Pasta": 15.0, "Burgers": 13.0, "Salads": 11.5, "Seafood": 24.0,
             "Steak": 31.0, "Vegan Bowls": 13.5}
    rows = []
    n = 2900
    for i in range(n):
        d = _wchoice(R, days, day_w)
        if R.random() < 0.36:
            hour = _wchoice(R, [11, 12, 13, 14], [0.15, 0.4, 0.35, 0.1])
        else:
            hour = _wchoice(R, [17, 18, 19, 20, 21, 22], [0.08, 0.2, 0.29, 0.24, 0.13, 0.06])
        ts = datetime.datetime(d.year, d.month, d.day, hour, R.randint(0, 59), R.randint(0, 59))
        if hour >= 21:
            cw = [0.35, 0.5, 0.15]
        elif hour <= 14:
            cw = [0.42, 0.2, 0.38]
        else:
            cw = [0.55, 0.28, 0.17]
        ch = _wchoice(R, ["Dine-in", "Delivery", "Takeaway"], cw)
        catw = [0.24, 0.16, 0.18, 0.1, 0.1, 0.08, 0.14]
        if hour <= 14:
            catw[3] *= 2.0
            catw[6] *= 1.5
            catw[5] *= 0.4
        if ch == "Delivery":
            catw[0] *= 1.6
            catw[2] *= 1.3
            catw[5] *= 0.3
        cat = _wchoice(R, cats, catw)
        if ch == "Dine-in":
            items = max(1, min(12, int(R.gauss(3.2, 1.6))))
        else:
            items = max(1, min(8, int(R.gauss(2.2, 1.1))))
        total = items * price[cat] * R.uniform(0.85, 1.25)
        if ch == "Delivery":
            total += 3.99
        total = round(total, 2)
        pay = _wchoice(R, ["Card", "Cash", "Mobile Wallet"],
                       [0.58, 0.16, 0.26] if ch != "Delivery" else [0.55, 0.05, 0.4])
        if pay == "Cash":
            tip = None  # cash tips are not recorded
        elif ch == "Dine-in":
            tip = round(total * max(0.0, R.gauss(0.17, 0.05)), 2)
        elif ch == "Delivery":
            tip = round(total * max(0.0, R.gauss(0.1, 0.05)), 2) if R.random() < 0.8 else 0.0
        else:
            tip = round(total * R.uniform(0.03, 0.1), 2) if R.random() < 0.3 else 0.0
        first = "yes" if R.random() < (0.18 if ch == "Delivery" else 0.09) else "no"
        rating = None
        if R.random() < (0.45 if ch == "Delivery" else 0.22):
            base = 4.2 if ch != "Delivery" else 3.8
            if cat == "Steak":
                base += 0.3
            rating = int(min(5, max(1, round(R.gauss(base, 0.9)))))
        rows.append([ts, ch, cat, items, total, tip, pay, first, rating])
    rows.sort(key=lambda r: r[0])
    out = [[700001 + i] + r for i, r in enumerate(rows)]
    header = ["order_id", "ordered_at", "channel", "dish_category", "items", "order_total",
              "tip_amount", "payment_method", "first_order", "customer_rating"]
    return header, out


# ----------------------------------------------------------------------------
def _clinic_appointments(R):
    days = [d for d in _days(datetime.date(2023, 7, 1), datetime.date(2024, 12, 31))
            if d.weekday() < 6]
    holidays = {datetime.date(2023, 7, 4), datetime.date(2023, 9, 4), datetime.date(2023, 11, 23),
                datetime.date(2023, 12, 25), datetime.date(2024, 1, 1), datetime.date(2024, 5, 27),
                datetime.date(2024, 7, 4), datetime.date(2024, 9, 2), datetime.date(2024, 11, 28),
                datetime.date(2024, 12, 25)}
    days = [d for d in days if d not in holidays]
    day_w = [(0.35 if d.weekday() == 5 else 1.0) * (1.25 if d.month in (1, 2, 12) else 1.0)
             for d in days]
    depts = ["General Practice", "Pediatrics", "Cardiology", "Dermatology", "Orthopedics", "Radiology"]
    dept_w = [0.33, 0.17, 0.13, 0.12, 0.13, 0.12]
    doctors = {"General Practice": ["GP-01", "GP-02", "GP-03", "GP-04"],
               "Pediatrics": ["PED-01", "PED-02"], "Cardiology": ["CAR-01", "CAR-02"],
               "Dermatology": ["DER-01", "DER-02"], "Orthopedics": ["ORT-01", "ORT-02"],
               "Radiology": ["RAD-01", "RAD-02"]}
    ages = ["0-17", "18-34", "35-49", "50-64", "65+"]
    wait_mu = {"General Practice": 16, "Pediatrics": 14, "Cardiology": 22, "Dermatology": 12,
               "Orthopedics": 25, "Radiology": 30}
    consult_mu = {"General Practice": 14, "Pediatrics": 17, "Cardiology": 28, "Dermatology": 16,
                  "Orthopedics": 22, "Radiology": 20}
    rows = []
    n = 2700
    for i in range(n):
        d = _wchoice(R, days, day_w)
        dep = _wchoice(R, depts, dept_w)
        if d.weekday() == 5 and dep not in ("General Practice", "Pediatrics"):
            dep = "General Practice"
        doc = R.choice(doctors[dep])
        if dep == "Pediatrics":
            age = "0-17"
        elif dep == "Cardiology":
            age = _wchoice(R, ages, [0.0, 0.06, 0.16, 0.33, 0.45])
        elif dep == "Orthopedics":
            age = _wchoice(R, ages, [0.08, 0.22, 0.22, 0.25, 0.23])
        else:
            age = _wchoice(R, ages, [0.07, 0.28, 0.25, 0.22, 0.18])
        ins = _wchoice(R, ["Public", "Private", "Self-pay"],
                       [0.58, 0.32, 0.1] if age != "65+" else [0.82, 0.16, 0.02])
        vt = _wchoice(R, ["New patient", "Follow-up"], [0.38, 0.62])
        last_h = 12 if d.weekday() == 5 else 17
        slot_h = R.randint(8, last_h - 1) if R.random() < 0.85 else R.randint(8, last_h)
        if slot_h >= last_h:
            slot_h = last_h - 1
        ts = datetime.datetime(d.year, d.month, d.day, slot_h, R.choice([0, 15, 30, 45]))
        lead = max(0, int(R.lognormvariate(math.log(9 if dep != "General Practice" else 4), 0.9)))
        lead = min(lead, 120)
        reminder = "Y" if R.random() < (0.78 if d.year == 2024 else 0.6) else "N"
        p = 0.075 + 0.003 * min(lead, 60)
        p *= 0.6 if reminder == "Y" else 1.0
        p *= 1.9 if ins == "Self-pay" else 1.0
        p *= 1.3 if age == "18-34" else (0.7 if age == "65+" else 1.0)
        no_show = 1 if R.random() < p else 0
        if no_show:
            wait, consult = None, None
        else:
            wf = 1.25 if d.weekday() == 0 else 1.0
            wf *= 1.2 if slot_h >= 15 else 1.0
            wait = int(max(0, R.lognormvariate(math.log(wait_mu[dep] * wf), 0.55) - 2))
            consult = max(5, int(R.lognormvariate(math.log(consult_mu[dep] * (1.25 if vt == "New patient" else 1.0)), 0.3)))
        rows.append([ts, dep, doc, age, ins, vt, lead, reminder, no_show, wait, consult])
    rows.sort(key=lambda r: (r[0], r[2]))
    out = [["A%05d" % (10001 + i)] + r for i, r in enumerate(rows)]
    header = ["appointment_id", "scheduled_at", "department", "doctor_id", "patient_age_group",
              "insurance_type", "visit_type", "lead_time_days", "reminder_sent", "no_show",
              "wait_minutes", "consult_minutes"]
    return header, out


# ----------------------------------------------------------------------------
def _ventas_farmacia(R):
    days = _days(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    sucursales = ["Centro", "Norte", "Sur", "Aeropuerto", "Hospital"]
    suc_w = [0.3, 0.2, 0.18, 0.12, 0.2]
    catalogo = {
        "Analgésicos": [("Paracetamol 1 g", 2.5), ("Ibuprofeno 600 mg", 3.2), ("Metamizol 575 mg", 2.9)],
        "Antibióticos": [("Amoxicilina 500 mg", 4.8), ("Azitromicina 500 mg", 6.5)],
        "Respiratorio": [("Jarabe para la tos", 7.9), ("Antigripal sobres", 6.2), ("Spray nasal", 5.4)],
        "Dermocosmética": [("Crema solar SPF50", 16.9), ("Crema hidratante", 12.5), ("Protector labial", 3.9)],
        "Vitaminas": [("Vitamina C", 8.9), ("Magnesio", 11.5), ("Multivitamínico", 14.9)],
        "Higiene": [("Pasta dental", 3.1), ("Cepillo dental", 3.5), ("Gel antiséptico", 4.2)],
        "Infantil": [("Leche infantil", 18.9), ("Pañales", 12.9), ("Suero oral", 5.6)],
        "Cardiovascular": [("Atorvastatina 20 mg", 3.9), ("Enalapril 10 mg", 2.7)],
    }
    cats = list(catalogo)
    rows = []
    n = 2800
    for i in range(n):
        d = _wchoice(R, days, [(0.55 if x.weekday() == 6 else 1.0) for x in days])
        suc = _wchoice(R, sucursales, suc_w)
        m = d.month
        cw = [0.18, 0.07, 0.11, 0.12, 0.1, 0.14, 0.1, 0.1]
        if m in (12, 1, 2):
            cw[2] *= 2.6
            cw[1] *= 1.5
        elif m in (6, 7, 8):
            cw[2] *= 0.4
            cw[3] *= 1.9
        if suc == "Hospital":
            cw[1] *= 2.0
            cw[7] *= 1.8
        if suc == "Aeropuerto":
            cw[3] *= 1.6
            cw[6] *= 0.4
            cw[7] *= 0.3
        cat = _wchoice(R, cats, cw)
        prod, precio = R.choice(catalogo[cat])
        if prod == "Crema solar SPF50" and m not in (5, 6, 7, 8, 9) and R.random() < 0.6:
            prod, precio = "Crema hidratante", 12.5
        if suc == "Aeropuerto":
            precio = round(precio * 1.12, 2)
        unidades = _wchoice(R, [1, 2, 3, 4, 6], [0.62, 0.22, 0.09, 0.05, 0.02])
        if cat in ("Antibióticos", "Cardiovascular"):
            receta = "Sí"
        elif cat == "Analgésicos":
            receta = "Sí" if R.random() < 0.3 else "No"
        elif cat == "Respiratorio":
            receta = "Sí" if R.random() < 0.1 else "No"
        else:
            receta = "No"
        fidel = 1 if R.random() < 0.35 else 0
        importe = unidades * precio
        if receta == "Sí":
            importe *= 0.6  # aportación del paciente
        if fidel and receta == "No":
            importe *= 0.95
        importe = round(importe, 2)
        pago = _wchoice(R, ["Tarjeta", "Efectivo", "Bizum"], [0.6, 0.27, 0.13])
        if R.random() < 0.02:
            pago = None
        rows.append([d, suc, cat, prod, unidades, precio, importe, receta, pago, fidel])
    rows.sort(key=lambda r: (r[0], r[1]))
    out = [[i + 1] + r for i, r in enumerate(rows)]
    header = ["id_venta", "fecha", "sucursal", "categoria", "producto", "unidades",
              "precio_unitario", "importe", "con_receta", "metodo_pago", "cliente_fidelizado"]
    return header, out


# ----------------------------------------------------------------------------
def _viajes_taxi(R):
    days = _days(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    day_w = [(1.3 if d.weekday() in (4, 5) else 0.85 if d.weekday() == 6 else 1.0)
             * (0.8 if d.month == 8 else 1.15 if d.month == 12 else 1.0) for d in days]
    zonas = ["Centro", "Aeropuerto", "Estación", "Norte", "Sur", "Puerto", "Universidad"]
    zona_w = [0.3, 0.15, 0.15, 0.12, 0.12, 0.08, 0.08]
    rows = []
    n = 3000
    for i in range(n):
        d = _wchoice(R, days, day_w)
        weekend = d.weekday() >= 5
        if weekend:
            hw = [3, 3, 2.5, 1.5, 0.5, 0.3, 0.4, 0.5, 0.8, 1, 1.2, 1.4, 1.6, 1.6, 1.4, 1.3, 1.3,
                  1.4, 1.6, 1.8, 2.0, 2.2, 2.6, 3]
        else:
            hw = [0.6, 0.4, 0.3, 0.2, 0.3, 0.6, 1.2, 2.4, 2.8, 1.8, 1.2, 1.2, 1.4, 1.4, 1.2, 1.3,
                  1.5, 2.2, 2.6, 2.0, 1.5, 1.2, 1.0, 0.8]
        h = _wchoice(R, list(range(24)), hw)
        ts = datetime.datetime(d.year, d.month, d.day, h, R.randint(0, 59), R.randint(0, 59))
        o = _wchoice(R, zonas, zona_w)
        dw = list(zona_w)
        dw[zonas.index(o)] = 0.0
        if o != "Centro":
            dw[0] *= 2.0
        dest = _wchoice(R, zonas, dw)
        if "Aeropuerto" in (o, dest):
            km = R.uniform(14, 24)
        elif "Puerto" in (o, dest):
            km = R.lognormvariate(math.log(6.5), 0.35)
        else:
            km = R.lognormvariate(math.log(4.2), 0.5)
        km = round(max(0.6, km), 1)
        rush = (not weekend) and h in (7, 8, 9, 17, 18, 19)
        speed = 17 if rush else (32 if h < 6 else 24)
        dur = max(3, int(round(km / speed * 60 * R.uniform(0.85, 1.3) + R.uniform(0, 3))))
        noche = h >= 22 or h < 6
        tarifa = 2.5 + 1.1 * km + 0.3 * dur
        if noche:
            tarifa *= 1.2
        if "Aeropuerto" in (o, dest):
            tarifa += 5.5
        tarifa = round(tarifa, 2)
        pago = _wchoice(R, ["Tarjeta", "Efectivo", "App"],
                        [0.5, 0.3, 0.2] if not noche else [0.45, 0.4, 0.15])
        if pago == "Efectivo":
            propina = round(R.choice([0.5, 1.0, 1.5, 2.0]), 2) if R.random() < 0.35 else 0.0
        else:
            propina = round(tarifa * R.uniform(0.05, 0.15), 2) if R.random() < 0.55 else 0.0
        pas = _wchoice(R, [1, 2, 3, 4], [0.62, 0.25, 0.08, 0.05])
        veh = _wchoice(R, ["Estándar", "Híbrido", "Monovolumen"],
                       [0.62, 0.28, 0.1] if pas < 4 else [0.3, 0.1, 0.6])
        if veh == "Monovolumen":
            tarifa = round(tarifa * 1.15, 2)
        val = None
        if pago == "App" and R.random() < 0.7 or pago != "App" and R.random() < 0.25:
            val = int(min(5, max(1, round(R.gauss(4.3 if not rush else 3.9, 0.8)))))
        km_out = km if R.random() > 0.012 else None  # GPS sin señal
        rows.append([ts, o, dest, km_out, dur, pas, tarifa, propina, pago, veh, val])
    rows.sort(key=lambda r: r[0])
    out = [["T%06d" % (i + 1)] + r for i, r in enumerate(rows)]
    header = ["id_viaje", "fecha_hora", "zona_origen", "zona_destino", "distancia_km",
              "duracion_min", "pasajeros", "tarifa", "propina", "forma_pago", "tipo_vehiculo",
              "valoracion"]
    return header, out


# ----------------------------------------------------------------------------
def make(out_dir: str):
    R = random.Random(42)
    os.makedirs(out_dir, exist_ok=True)
    paths = []
    for name, fn in [("library_loans", _library_loans),
                     ("solar_output", _solar_output),
                     ("restaurant_orders", _restaurant_orders),
                     ("clinic_appointments", _clinic_appointments),
                     ("ventas_farmacia", _ventas_farmacia),
                     ("viajes_taxi", _viajes_taxi)]:
        header, rows = fn(R)
        paths.append(_write(out_dir, name, header, rows))
    return paths


if __name__ == "__main__":
    make(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
