"""Six invented tables for evaluation set p52.

home_care_visits: one row per scheduled home care visit by a carer to an elderly client (start timestamp, type, minutes, missed flag Y/N).
food_bank_parcels: one row per food parcel handed out at a food bank site (date, referral agency, household size, weight, fresh food flag true/false).
pupil_absences: one row per recorded pupil absence at a secondary school (date, reason, sessions missed, authorised 0/1, free school meals 0/1).
home_energy_audits: one row per domestic energy audit of a house (property, heating, EPC band before/after, savings, grant, insulation yes/no).
incendios_forestales: una fila por incendio forestal (fecha, provincia, causa, hectáreas quemadas, duración, medios aéreos sí/no).
solicitudes_beca: una fila por solicitud de beca de estudios (fecha, comunidad, nivel, renta familiar, nota media, estado, importe, primera solicitud sí/no).
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


def _home_care(rng):
    carers = ["Amina Patel", "Brian Lowe", "Chloe Evans", "Dariusz Nowak", "Esther Mensah",
              "Fiona Grant", "George Okafor", "Hannah Price", "Ian Shaw", "Joy Adeyemi",
              "Kerry Walsh", "Liam Foster", "Maria Santos", "Nadia Hussain", "Owen Hughes",
              "Priya Nair"]
    districts = ["Riverside", "Oakfield", "Hillcrest", "Marshgate", "Old Town"]
    dweights = [30, 22, 18, 14, 16]
    types = ["personal care", "medication", "meal preparation", "companionship", "shopping"]
    tweights = [38, 24, 20, 10, 8]
    sched_for = {"personal care": [30, 45, 60], "medication": [15, 30], "meal preparation": [30, 45],
                 "companionship": [45, 60], "shopping": [45, 60]}
    clients = []
    for i in range(1, 161):
        clients.append(("C%03d" % i, rng.choices(districts, dweights)[0], rng.randint(66, 101)))
    carer_district = {c: districts[k % 5] for k, c in enumerate(carers)}
    rows = []
    start = dt.datetime(2024, 1, 1)
    for n in range(1, 1851):
        cid, dist, age = rng.choice(clients)
        local = [c for c in carers if carer_district[c] == dist]
        carer = rng.choice(local) if rng.random() < 0.8 else rng.choice(carers)
        day = start + dt.timedelta(days=rng.randint(0, 181))
        hour = rng.choices(range(7, 22), [6, 10, 10, 8, 6, 9, 8, 5, 5, 6, 7, 8, 6, 4, 2])[0]
        ts = day.replace(hour=hour, minute=rng.choice([0, 15, 30, 45]))
        vt = rng.choices(types, tweights)[0]
        sched = rng.choice(sched_for[vt])
        missed = "Y" if rng.random() < (0.09 if day.weekday() >= 5 else 0.04) else "N"
        actual = None if missed == "Y" else max(5, sched + rng.randint(-12, 10))
        travel = None if rng.random() < 0.06 else round(rng.uniform(0.4, 14.0), 1)
        rows.append(["HCV%05d" % n, cid, carer, dist, ts.strftime("%Y-%m-%d %H:%M:%S"), vt,
                     sched, actual, missed, travel, age])
    rows.sort(key=lambda r: r[4])
    return (["visit_id", "client_id", "carer_name", "district", "visit_start", "visit_type",
             "scheduled_minutes", "actual_minutes", "missed", "travel_km", "client_age"], rows)


def _food_bank(rng):
    sites = ["St Mark's Hall", "Eastgate Community Centre", "Millbrook Library", "Harbour Church",
             "Northfield Hub"]
    sweights = [28, 24, 14, 18, 16]
    agencies = ["Citizens Advice", "GP surgery", "School", "Jobcentre", "Housing association",
                "Self-referral"]
    aweights = [26, 12, 16, 20, 14, 12]
    diets = ["none", "halal", "vegetarian", "gluten free", "diabetic"]
    rows = []
    start = dt.date(2023, 1, 2)
    for n in range(1, 1401):
        d = start + dt.timedelta(days=rng.randint(0, 729))
        if d.weekday() == 6:
            d += dt.timedelta(days=1)
        adults = rng.choices([1, 2, 3, 4], [45, 38, 12, 5])[0]
        kids = rng.choices([0, 1, 2, 3, 4, 5], [40, 22, 20, 11, 5, 2])[0]
        base = 6 + 4.5 * adults + 3.2 * kids + rng.uniform(-2, 3)
        weight = None if rng.random() < 0.05 else round(base, 1)
        fresh = "true" if rng.random() < (0.7 if d.month in (6, 7, 8, 9) else 0.45) else "false"
        diet = rng.choices(diets, [70, 10, 9, 5, 6])[0]
        first = "true" if rng.random() < 0.3 else "false"
        rows.append([n, d.isoformat(), rng.choices(sites, sweights)[0],
                     rng.choices(agencies, aweights)[0], adults, kids, weight, fresh, diet, first])
    rows.sort(key=lambda r: (r[1], r[0]))
    for k, r in enumerate(rows, 1):
        r[0] = 10000 + k
    return (["parcel_id", "collected_on", "site", "referral_agency", "adults", "children",
             "weight_kg", "includes_fresh", "dietary_need", "first_visit"], rows)


def _absences(rng):
    schools = ["Ashford Academy", "Bramley High", "Castleview School", "Dunmore College",
               "Elmwood Secondary", "Fairhaven School"]
    reasons = ["illness", "medical appointment", "family holiday", "unexplained",
               "religious observance", "suspension", "late after register"]
    rweights = [48, 14, 9, 14, 3, 4, 8]
    auth = {"illness": 1, "medical appointment": 1, "family holiday": 0, "unexplained": 0,
            "religious observance": 1, "suspension": 1, "late after register": 0}
    pupils = []
    for i in range(1, 641):
        pupils.append(("P%04d" % i, rng.choice(schools), rng.randint(7, 11),
                       1 if rng.random() < 0.24 else 0,
                       None if rng.random() < 0.07 else round(rng.uniform(78, 99.5), 1)))
    days = []
    d = dt.date(2023, 9, 4)
    while d <= dt.date(2024, 7, 19):
        if d.weekday() < 5 and not (dt.date(2023, 12, 21) <= d <= dt.date(2024, 1, 3)) \
                and not (dt.date(2024, 3, 29) <= d <= dt.date(2024, 4, 12)):
            days.append(d)
        d += dt.timedelta(days=1)
    rows = []
    for n in range(1, 2101):
        pid, school, yg, fsm, pct = rng.choice(pupils)
        reason = rng.choices(reasons, rweights)[0]
        day = rng.choice(days)
        if reason == "family holiday":
            sessions = rng.randint(4, 10)
        elif reason in ("medical appointment", "late after register"):
            sessions = 1
        elif reason == "suspension":
            sessions = rng.choice([2, 4, 6, 10])
        else:
            sessions = rng.choices([1, 2, 3, 4, 6], [20, 40, 15, 15, 10])[0]
        rows.append([None, pid, school, yg, day.isoformat(), reason, sessions, auth[reason], fsm, pct])
    rows.sort(key=lambda r: (r[4], r[1]))
    for k, r in enumerate(rows, 1):
        r[0] = "AB%05d" % k
    return (["absence_id", "pupil_id", "school", "year_group", "absence_date", "reason",
             "sessions_missed", "authorised", "fsm_eligible", "attendance_pct_ytd"], rows)


def _energy(rng):
    towns = ["Kelford", "Brackton", "Lowmere", "Stanwick", "Harrowgate Vale", "Pennock"]
    ptypes = ["detached", "semi-detached", "terraced", "flat", "bungalow"]
    pweights = [20, 28, 26, 16, 10]
    heating = ["gas boiler", "oil boiler", "heat pump", "electric storage", "LPG"]
    hweights = [55, 14, 9, 15, 7]
    bands = "ABCDEFG"
    rows = []
    start = dt.date(2022, 1, 3)
    for n in range(1, 961):
        d = start + dt.timedelta(days=rng.randint(0, 1090))
        pt = rng.choices(ptypes, pweights)[0]
        area = {"detached": (120, 260), "semi-detached": (80, 150), "terraced": (60, 120),
                "flat": (35, 95), "bungalow": (60, 130)}[pt]
        floor = rng.randint(*area)
        built = rng.randint(1880, 2018)
        hs = rng.choices(heating, hweights)[0]
        b_idx = 3 if built > 1990 else 4
        b_idx = min(6, max(1, b_idx + rng.choice([-1, 0, 0, 1, 1]) + (1 if hs in ("oil boiler", "electric storage") else 0)
                           - (1 if hs == "heat pump" else 0)))
        before = bands[b_idx]
        kwh = int(floor * rng.uniform(95, 170) * (1 + 0.12 * (b_idx - 3)))
        insul = "yes" if rng.random() < 0.55 else "no"
        works = insul == "yes" or rng.random() < 0.3
        if works:
            gain = rng.choice([1, 1, 2]) if insul == "yes" else 1
            after = bands[max(0, b_idx - gain)]
            saving = int(kwh * rng.uniform(0.08, 0.32))
        else:
            after = None
            saving = 0
        grant = None
        if works and rng.random() < 0.6:
            grant = rng.choice([1500, 2500, 3000, 5000, 7500]) if hs != "heat pump" else rng.choice([5000, 7500, 7500])
        rows.append(["EA-%04d" % (1000 + n), d.isoformat(), rng.choice(towns), pt, built, floor, hs,
                     before, after, kwh, saving, insul, grant])
    rows.sort(key=lambda r: (r[1], r[0]))
    return (["audit_id", "audit_date", "town", "property_type", "build_year", "floor_area_m2",
             "heating_system", "epc_before", "epc_after", "annual_kwh", "est_saving_kwh",
             "insulation_added", "grant_gbp"], rows)


def _incendios(rng):
    provincias = ["Ourense", "Lugo", "León", "Zamora", "Cáceres", "Ávila", "Huelva", "Asturias"]
    pweights = [24, 14, 13, 11, 10, 8, 8, 12]
    causas = ["intencionado", "negligencia", "rayo", "desconocida", "reproducción"]
    cweights = [42, 24, 10, 18, 6]
    veg = ["matorral", "pinar", "eucaliptal", "pasto", "robledal"]
    vweights = [38, 22, 16, 14, 10]
    mweights = [1, 1, 2, 3, 4, 8, 16, 22, 20, 12, 6, 3]
    rows = []
    for n in range(1, 821):
        year = rng.choice([2019, 2020, 2021, 2022, 2023, 2024])
        month = rng.choices(range(1, 13), mweights)[0]
        day = rng.randint(1, 28)
        f = dt.date(year, month, day)
        causa = rng.choices(causas, cweights)[0]
        if causa == "rayo":
            f = dt.date(year, rng.choice([6, 7, 8]), day)
        ha = round(min(14000.0, rng.paretovariate(0.62) * 0.7 + rng.uniform(0, 0.5)), 2)
        if year == 2022:
            ha = round(ha * 1.8, 2)
        dur = round(2 + ha ** 0.55 * rng.uniform(0.8, 2.5), 1)
        aereos = "sí" if ha > 20 or rng.random() < 0.15 else "no"
        nivel = 2 if ha > 500 else (1 if ha > 50 else 0)
        evac = 0
        if nivel == 2:
            evac = rng.randint(20, 1500)
        elif nivel == 1 and rng.random() < 0.3:
            evac = rng.randint(5, 120)
        if rng.random() < 0.05:
            evac = None
        rows.append([None, f.isoformat(), rng.choices(provincias, pweights)[0], causa,
                     rng.choices(veg, vweights)[0], ha, dur, aereos, nivel, evac])
    rows.sort(key=lambda r: (r[1], r[2]))
    counter = {}
    for r in rows:
        y = r[1][:4]
        counter[y] = counter.get(y, 0) + 1
        r[0] = "IF-%s-%04d" % (y, counter[y])
    return (["id_incendio", "fecha_inicio", "provincia", "causa", "vegetacion", "hectareas",
             "duracion_horas", "medios_aereos", "nivel_emergencia", "personas_evacuadas"], rows)


def _becas(rng):
    comunidades = ["Andalucía", "Cataluña", "Madrid", "Comunidad Valenciana", "Galicia",
                   "Castilla y León", "País Vasco", "Murcia"]
    cweights = [22, 16, 15, 12, 9, 9, 7, 10]
    niveles = ["Bachillerato", "FP Grado Medio", "FP Grado Superior", "Grado universitario", "Máster"]
    nweights = [18, 14, 16, 42, 10]
    rows = []
    start = dt.date(2023, 3, 15)
    for n in range(1, 1601):
        curso = rng.choice([0, 1])
        d = start + dt.timedelta(days=365 * curso + rng.randint(0, 95))
        nivel = rng.choices(niveles, nweights)[0]
        miembros = rng.choices([1, 2, 3, 4, 5, 6, 7], [4, 12, 26, 34, 15, 6, 3])[0]
        renta = int(rng.lognormvariate(10.1, 0.5))
        nota = None if rng.random() < 0.04 else round(rng.triangular(5.0, 10.0, 6.8), 2)
        umbral = 14000 + 6500 * miembros
        if rng.random() < 0.07:
            estado = "pendiente"
        elif renta <= umbral and (nota is None or nota >= 5.5) and rng.random() < 0.9:
            estado = "concedida"
        else:
            estado = "denegada"
        importe = None
        if estado == "concedida":
            importe = rng.choice([300, 1500, 1700, 2500]) + (1600 if rng.random() < 0.25 else 0)
            importe += int(max(0, (umbral - renta)) * 0.05)
        rows.append([None, d.isoformat(), rng.choices(comunidades, cweights)[0], nivel,
                     rng.choice(["mujer", "mujer", "mujer", "hombre", "hombre"]), renta, miembros,
                     nota, estado, importe, "sí" if rng.random() < 0.42 else "no"])
    rows.sort(key=lambda r: (r[1], r[5]))
    for k, r in enumerate(rows, 1):
        r[0] = "SB%05d" % k
    return (["id_solicitud", "fecha_solicitud", "comunidad", "nivel_estudios", "sexo",
             "renta_familiar_eur", "miembros_familia", "nota_media", "estado",
             "importe_concedido_eur", "primera_solicitud"], rows)


def make(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    builders = [("home_care_visits", _home_care, 5201), ("food_bank_parcels", _food_bank, 5202),
                ("pupil_absences", _absences, 5203), ("home_energy_audits", _energy, 5204),
                ("incendios_forestales", _incendios, 5205), ("solicitudes_beca", _becas, 5206)]
    for name, fn, seed in builders:
        header, rows = fn(random.Random(seed))
        _write(out_dir, name, header, rows)


if __name__ == "__main__":
    import sys
    make(sys.argv[1] if len(sys.argv) > 1 else ".")
