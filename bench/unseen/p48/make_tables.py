"""Six invented CSV tables for evaluation set p48 (stdlib only, deterministic: random.Random(48)).

roast_batches.csv: coffee roastery batch log, one row per roast (date, machine, operator, green lot/origin, kg in/out, temps, time, cupping score, QC flag).
ev_charging_sessions.csv: public EV charging sessions, one row per session (station, city, connector, user, start/end timestamps, kWh, cost in EUR, payment, status).
vet_vaccinations.csv: veterinary clinic vaccination records, one row per shot (pet, species, breed, vaccine, dose, date, branch, vet, price, reaction, next due date).
cinema_ticket_sales.csv: multiplex cinema ticket sales, one row per ticket (order, purchase/show timestamps, film, genre, format, seat, channel, prices, member, refund).
avisos_bomberos.csv: avisos atendidos por el servicio de bomberos, una fila por aviso (fecha y hora, distrito, tipo de incidente, prioridad, parque, tiempos, recursos, víctimas, coste).
cursos_formacion_empleados.csv: inscripciones de empleados en cursos de formación, una fila por inscripción (empleado, departamento, sede, curso, modalidad, fechas, horas, coste, nota, estado).
"""
import csv
import datetime as dt
import os
import random


def _write(out_dir, name, header, rows):
    path = os.path.join(out_dir, name)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    return path


def _n(x, nd=2):
    return "" if x is None else f"{x:.{nd}f}"


def _d(x):
    return "" if x is None else x.strftime("%Y-%m-%d")


def _ts(x):
    return "" if x is None else x.strftime("%Y-%m-%d %H:%M:%S")


def _wchoice(R, items, weights):
    return R.choices(items, weights=weights, k=1)[0]


# ---------------------------------------------------------------- roastery
def _roast_batches(R):
    machines = [("Probat P12", 12), ("Loring S35", 35), ("Giesen W15", 15), ("Diedrich IR-5", 5)]
    mweights = [30, 22, 33, 15]
    operators = ["Marta Ruiz", "Jonas Becker", "Priya Nair", "Tom Hale", "Aiko Sato"]
    origins = [
        ("Ethiopia", "ETH", ["Yirgacheffe", "Guji", "Sidamo"], 7.9),
        ("Colombia", "COL", ["Huila", "Narino", "Cauca"], 6.4),
        ("Brazil", "BRA", ["Cerrado", "Sul de Minas"], 4.8),
        ("Kenya", "KEN", ["Nyeri", "Kirinyaga"], 8.6),
        ("Guatemala", "GTM", ["Antigua", "Huehuetenango"], 6.9),
        ("Honduras", "HND", ["Marcala"], 5.6),
        ("Peru", "PER", ["Cajamarca"], 5.9),
        ("Indonesia", "IDN", ["Sumatra Gayo"], 6.2),
        ("Rwanda", "RWA", ["Nyamasheke"], 7.1),
    ]
    oweights = [16, 18, 20, 8, 10, 7, 6, 6, 5]
    levels = [  # name, loss range, drop temp range, extra minutes
        ("Light", (0.115, 0.138), (199.0, 206.5), 0.0),
        ("Medium", (0.138, 0.158), (207.0, 213.5), 0.8),
        ("Medium-Dark", (0.158, 0.178), (214.0, 219.5), 1.5),
        ("Dark", (0.178, 0.205), (220.0, 229.0), 2.2),
    ]
    lweights = [26, 38, 21, 15]
    processes = ["washed", "natural", "honey", "anaerobic"]
    lot_cost = {}
    rows = []
    day = dt.date(2023, 1, 2)
    seq = 0
    while day <= dt.date(2024, 12, 31):
        if day.weekday() != 6:  # closed on Sundays
            for _ in range(R.choice([1, 2, 2, 2, 3, 3])):
                seq += 1
                mname, cap = _wchoice(R, machines, mweights)
                op = R.choice(operators)
                country, code, regions, base = _wchoice(R, origins, oweights)
                region = R.choice(regions)
                quarter = (day.month - 1) // 3 + 1
                lot = f"{code}-{region[:3].upper()}-{day.year % 100}Q{quarter}"
                if lot not in lot_cost:
                    lot_cost[lot] = (round(base * R.uniform(0.85, 1.25), 2),
                                     _wchoice(R, processes, [50, 30, 13, 7]))
                cost, process = lot_cost[lot]
                lvl, loss_r, drop_r, extra = _wchoice(R, levels, lweights)
                green = round(cap * R.uniform(0.55, 1.0), 1)
                loss = R.uniform(*loss_r)
                roasted = round(green * (1 - loss), 2)
                charge = round(R.uniform(188, 216), 1)
                drop = round(R.uniform(*drop_r), 1)
                rtime = round(8.6 + extra + green / cap * 2.2 + R.gauss(0, 0.55), 2)
                dev = int(round(rtime * 60 * R.uniform(0.16, 0.24)))
                if R.random() < 0.05:
                    dev = None
                score = None
                if R.random() > 0.18:
                    s = R.gauss(85.2 if country in ("Ethiopia", "Kenya", "Rwanda") else 83.9, 1.6)
                    if lvl == "Dark":
                        s -= 1.0
                    score = round(min(92.0, max(78.0, s)) * 4) / 4
                if score is not None and score < 82:
                    qc = R.random() > 0.55
                else:
                    qc = R.random() > 0.03
                rows.append([
                    f"RB-{seq:05d}", _d(day), mname, op, lot, country, region, process, lvl,
                    _n(green, 1), _n(roasted), _n(loss * 100, 1), _n(charge, 1), _n(drop, 1),
                    _n(rtime), "" if dev is None else str(dev), _n(score),
                    "true" if qc else "false", _n(cost),
                ])
        day += dt.timedelta(days=1)
    header = ["batch_id", "roastDate", "roaster_machine", "RoasterName", "lot_code",
              "origin_country", "region", "process", "roast_level", "green_weight_kg",
              "roasted_weight_kg", "weight_loss_pct", "charge_temp_c", "drop_temp_c",
              "roast_time_min", "dev_time_sec", "cupping_score", "qc_passed",
              "green_cost_usd_per_kg"]
    return header, rows


# ---------------------------------------------------------------- EV charging
def _ev_sessions(R):
    cities = ["Berlin", "Hamburg", "Munich", "Cologne", "Frankfurt", "Leipzig"]
    cweights = [28, 20, 18, 13, 13, 8]
    stations = []
    for i in range(1, 39):
        city = _wchoice(R, cities, cweights)
        kind = _wchoice(R, ["AC", "DC", "HPC"], [50, 30, 20])
        stations.append((f"ST-{i:03d}", city, kind))
    vehicles = [("Tesla Model 3", 60, 11), ("Tesla Model Y", 75, 11), ("VW ID.3", 58, 11),
                ("VW ID.4", 77, 11), ("Hyundai Ioniq 5", 72.6, 11), ("Kia EV6", 77.4, 11),
                ("Renault Zoe", 52, 22), ("BMW i4", 80.7, 11), ("Nissan Leaf", 40, 7.4),
                ("Skoda Enyaq", 77, 11)]
    vweights = [16, 14, 11, 10, 8, 7, 9, 6, 7, 12]
    users = []
    for i in range(1, 481):
        users.append((f"USR-{i:04d}", _wchoice(R, vehicles, vweights), R.random() < 0.6))
    uweights = [R.paretovariate(1.6) for _ in users]
    hours = list(range(24))
    hweights = [1, 1, 0.5, 0.5, 0.5, 1, 2, 4, 6, 6, 5, 5, 6, 6, 5, 5, 6, 8, 9, 8, 6, 4, 3, 2]
    start0 = dt.datetime(2024, 1, 1)
    sessions = []
    for _ in range(2640):
        sid, city, kind = R.choice(stations)
        if R.random() < 0.08:
            user = None
            vmodel, batt, acmax = _wchoice(R, vehicles, vweights)
            member = False
        else:
            uid, (vmodel, batt, acmax), member = _wchoice(R, users, uweights)
            user = uid
        if kind == "AC":
            conn, power = "Type 2", 22
        elif kind == "DC":
            if vmodel == "Nissan Leaf" or R.random() < 0.12:
                conn, power = "CHAdeMO", 50
            else:
                conn, power = "CCS2", 50
        else:
            conn, power = "CCS2", R.choice([150, 300])
            if vmodel == "Nissan Leaf":
                conn, power = "CHAdeMO", 50
        start = start0 + dt.timedelta(days=R.randrange(366), hours=_wchoice(R, hours, hweights),
                                      minutes=R.randrange(60), seconds=R.randrange(60))
        status = _wchoice(R, ["completed", "interrupted", "failed"], [92, 6, 2])
        soc_s = soc_e = None
        if kind == "AC":
            dur = R.randint(45, 540)
            peak = round(min(power, acmax) * R.uniform(0.85, 0.99), 1)
            energy = min(peak * dur / 60 * R.uniform(0.55, 0.95), batt * R.uniform(0.2, 0.85))
        else:
            dur = R.randint(18, 75) if power == 50 else R.randint(10, 45)
            peak = round(min(power, 50 if power == 50 else (250 if "Tesla" in vmodel else 175))
                         * R.uniform(0.6, 0.98), 1)
            energy = min(peak * dur / 60 * R.uniform(0.45, 0.75), batt * R.uniform(0.3, 0.75))
            soc_s = R.randint(5, 45)
        if status == "interrupted":
            dur = max(3, int(dur * R.uniform(0.1, 0.5)))
            energy *= R.uniform(0.1, 0.5)
        if status == "failed":
            dur = R.randint(0, 3)
            energy = 0.0
            peak = 0.0
        energy = round(energy, 2)
        if soc_s is not None:
            soc_e = min(100, soc_s + int(round(energy / batt * 100)))
            if R.random() < 0.07:
                soc_s = soc_e = None
        tariff = {"AC": 0.45, "DC": 0.59, "HPC": 0.69}[kind] - (0.10 if member else 0.0)
        idle = 0.0
        if kind == "AC" and dur > 240:
            idle = min(12.0, (dur - 240) * 0.10)
        cost = round(energy * tariff + idle, 2) if status != "failed" else 0.0
        if user is None:
            pay = _wchoice(R, ["credit_card", "app"], [70, 30])
        elif member:
            pay = _wchoice(R, ["rfid_card", "app", "roaming"], [50, 40, 10])
        else:
            pay = _wchoice(R, ["app", "credit_card", "roaming"], [55, 25, 20])
        end = start + dt.timedelta(minutes=dur, seconds=R.randrange(60))
        sessions.append([start, sid, city, conn, power, user, vmodel if user or R.random() < 0.5 else None,
                         end, dur, energy, peak, soc_s, soc_e, tariff, cost, pay, member, status])
    sessions.sort(key=lambda s: s[0])
    rows = []
    for i, s in enumerate(sessions, 1):
        (start, sid, city, conn, power, user, vmodel, end, dur, energy, peak, soc_s, soc_e,
         tariff, cost, pay, member, status) = s
        rows.append([f"CS{2400000 + i}", sid, city, conn, str(power), user or "", vmodel or "",
                     _ts(start), _ts(end), str(dur), _n(energy), _n(peak, 1),
                     "" if soc_s is None else str(soc_s), "" if soc_e is None else str(soc_e),
                     _n(tariff), _n(cost), pay, "yes" if member else "no", status])
    header = ["session_id", "station_id", "city", "connector_type", "charger_power_kw", "user_id",
              "vehicle_model", "startTime", "endTime", "duration_min", "energy_kwh", "peak_power_kw",
              "SoC_start_pct", "SoC_end_pct", "tariff_eur_per_kwh", "cost_eur", "payment_method",
              "is_member", "session_status"]
    return header, rows


# ---------------------------------------------------------------- vet
def _vet_vaccinations(R):
    species = {
        "Dog": (["Labrador Retriever", "German Shepherd", "French Bulldog", "Beagle", "Mixed",
                 "Golden Retriever", "Dachshund", "Border Collie"], (4, 38),
                [("Rabies", 28.0, 365), ("DHPP", 42.0, 365), ("Leptospirosis", 35.0, 365),
                 ("Bordetella", 31.0, 180)]),
        "Cat": (["Domestic Shorthair", "Maine Coon", "Siamese", "British Shorthair", "Mixed",
                 "Ragdoll"], (2.5, 8), [("Rabies", 28.0, 365), ("FVRCP", 39.0, 365),
                                         ("FeLV", 45.0, 365)]),
        "Rabbit": (["Holland Lop", "Netherland Dwarf", "Mixed", "Lionhead"], (1.0, 3.5),
                   [("RHDV2", 55.0, 365), ("Myxomatosis", 48.0, 365)]),
        "Ferret": (["Standard", "Albino"], (0.6, 2.0), [("Rabies", 28.0, 365),
                                                        ("Canine Distemper", 40.0, 365)]),
    }
    sp_names = ["Dog", "Cat", "Rabbit", "Ferret"]
    sp_w = [55, 34, 7, 4]
    names = ["Bella", "Max", "Luna", "Charlie", "Milo", "Daisy", "Rocky", "Coco", "Oliver", "Lola",
             "Simba", "Nala", "Buddy", "Pepper", "Teddy", "Ziggy", "Maple", "Oscar", "Ruby", "Loki",
             "Willow", "Bear", "Mochi", "Juno", "Toby", "Hazel", "Archie", "Cleo"]
    branches = ["Northside", "Riverside", "Downtown", "Westfield"]
    vets = {"Northside": ["Dr. Patel", "Dr. Okafor"], "Riverside": ["Dr. Lindqvist", "Dr. Moreau"],
            "Downtown": ["Dr. Chen", "Dr. Alvarez", "Dr. Brooks"], "Westfield": ["Dr. Kowalski"]}
    price_adj = {"Northside": 0.0, "Riverside": 2.0, "Downtown": 4.5, "Westfield": -1.5}
    pets = []
    for i in range(1, 761):
        sp = _wchoice(R, sp_names, sp_w)
        breeds, (wlo, whi), _ = species[sp]
        max_age = {"Dog": 15, "Cat": 17, "Rabbit": 10, "Ferret": 8}[sp]
        born = dt.date(2024, 10, 1) - dt.timedelta(days=R.randrange(365 * max_age))
        pets.append({
            "id": f"P{10000 + i}", "name": R.choice(names), "sp": sp, "breed": R.choice(breeds),
            "owner": f"OWN-{R.randint(1, 560):04d}", "born": born,
            "w": R.uniform(wlo, whi), "branch": _wchoice(R, branches, [28, 24, 33, 15]),
        })
    lots = {}
    rows = []
    events = []
    for _ in range(1850):
        p = R.choice(pets)
        date = dt.date(2022, 1, 3) + dt.timedelta(days=R.randrange(365 * 3 - 2))
        if date < p["born"] + dt.timedelta(days=60):
            date = p["born"] + dt.timedelta(days=60 + R.randrange(200))
            if date > dt.date(2024, 12, 31):
                continue
        events.append((date, p))
    events.sort(key=lambda e: (e[0], e[1]["id"]))
    for i, (date, p) in enumerate(events, 1):
        _, _, vaccines = species[p["sp"]]
        vname, price, interval = R.choice(vaccines)
        age_days = (date - p["born"]).days
        dose = 1 if age_days < 180 and R.random() < 0.6 else _wchoice(R, [1, 2, 3], [30, 45, 25])
        branch = p["branch"] if R.random() < 0.86 else R.choice(branches)
        vet = R.choice(vets[branch])
        key = (vname, date.year, (date.month - 1) // 4)
        if key not in lots:
            lots[key] = f"{vname[:3].upper()}-{date.year % 100}{'ABC'[(date.month - 1) // 4]}{R.randint(10, 99)}"
        weight = None if R.random() < 0.07 else round(p["w"] * min(1.0, 0.35 + age_days / 700) * R.uniform(0.95, 1.05), 1)
        reaction = R.random() < (0.06 if p["sp"] in ("Cat", "Ferret") else 0.035)
        sev = _wchoice(R, ["mild", "moderate", "severe"], [70, 24, 6]) if reaction else None
        due = None
        reminder = None
        if R.random() > 0.1:
            iv = 1095 if (vname == "Rabies" and dose == 3 and p["sp"] == "Dog") else interval
            due = date + dt.timedelta(days=iv)
            reminder = due <= dt.date(2025, 1, 31) and R.random() < 0.85
        rows.append([
            f"VX-{i:06d}", p["id"], p["name"], p["sp"], p["breed"], p["owner"],
            _n(age_days / 365.25, 1), _n(weight, 1), vname, str(dose), _d(date), branch, vet,
            lots[key], _n(price + price_adj[branch]), "Y" if reaction else "N", sev or "",
            _d(due), "" if reminder is None else ("TRUE" if reminder else "FALSE"),
        ])
    header = ["VaccinationID", "pet_id", "PetName", "species", "breed", "owner_id",
              "pet_age_years", "weight_kg", "vaccine_name", "dose_number", "date_administered",
              "clinic_branch", "vet_name", "lot_number", "price_usd", "adverse_reaction",
              "reaction_severity", "next_due_date", "reminder_sent"]
    return header, rows


# ---------------------------------------------------------------- cinema
def _cinema_tickets(R):
    films = [  # title, genre, release, weeks, formats, popularity
        ("Frostbound", "Animation", dt.date(2024, 1, 5), 9, ["2D", "3D"], 9),
        ("The Last Ledger", "Thriller", dt.date(2024, 1, 12), 6, ["2D"], 5),
        ("Quantum Harvest", "Sci-Fi", dt.date(2024, 1, 26), 8, ["2D", "3D", "IMAX"], 10),
        ("Paper Lanterns", "Drama", dt.date(2024, 2, 9), 5, ["2D"], 3),
        ("Midnight at Marlowe's", "Comedy", dt.date(2024, 2, 14), 6, ["2D"], 6),
        ("Iron Tide", "Action", dt.date(2024, 3, 1), 8, ["2D", "IMAX"], 9),
        ("Whisper Creek", "Horror", dt.date(2024, 3, 15), 5, ["2D"], 5),
        ("Bao and the Dragon", "Animation", dt.date(2024, 3, 29), 9, ["2D", "3D"], 8),
        ("Seven Summers", "Drama", dt.date(2024, 4, 12), 6, ["2D"], 4),
        ("Rogue Orbit", "Sci-Fi", dt.date(2024, 4, 26), 8, ["2D", "3D", "IMAX"], 9),
        ("Double Booked", "Comedy", dt.date(2024, 5, 10), 6, ["2D"], 6),
        ("The Hollow Field", "Horror", dt.date(2024, 5, 24), 5, ["2D"], 4),
        ("Red Canyon Run", "Action", dt.date(2024, 6, 7), 4, ["2D", "IMAX"], 7),
    ]
    end_date = dt.date(2024, 6, 30)
    slots = [(13, 0), (15, 30), (18, 0), (20, 30), (22, 45)]
    slot_w = [10, 14, 24, 30, 12]
    members = [f"LM{40000 + R.randint(1, 900)}" for _ in range(420)]
    screens = {f[0]: (R.randint(1, 8), 9 if "IMAX" in f[4] else None) for f in films}
    channels = ["online", "app", "box_office", "kiosk"]
    rows = []
    order_seq = 0
    ticket_seq = 0
    while True:
        title, genre, rel, weeks, formats, _ = _wchoice(R, films, [f[5] for f in films])
        last = min(end_date, rel + dt.timedelta(weeks=weeks))
        day = rel + dt.timedelta(days=R.randrange((last - rel).days + 1))
        h, m = _wchoice(R, slots, slot_w)
        show = dt.datetime(day.year, day.month, day.day, h, m)
        fmt = _wchoice(R, formats, [60, 25, 15][:len(formats)])
        screen = screens[title][1] if fmt == "IMAX" else screens[title][0]
        chan = _wchoice(R, channels, [38, 22, 28, 12])
        n = _wchoice(R, [1, 2, 3, 4, 5, 6], [22, 40, 14, 15, 6, 3])
        if ticket_seq + n > 2960:
            break
        order_seq += 1
        if chan in ("online", "app"):
            purchase = show - dt.timedelta(minutes=R.randint(20, 60 * 24 * 6))
        else:
            purchase = show - dt.timedelta(minutes=R.randint(2, 90))
        purchase = purchase.replace(second=R.randrange(60))
        seat = _wchoice(R, ["standard", "premium", "recliner"], [62, 25, 13])
        member = R.choice(members) if R.random() < 0.34 else None
        refunded = R.random() < 0.03
        for k in range(n):
            ticket_seq += 1
            if genre == "Animation" and k > 0:
                ttype = _wchoice(R, ["adult", "child", "senior", "student"], [40, 55, 3, 2])
            else:
                ttype = _wchoice(R, ["adult", "child", "senior", "student"], [70, 8, 10, 12])
            price = {"2D": 11.5, "3D": 14.5, "IMAX": 17.9}[fmt]
            price += {"standard": 0.0, "premium": 2.5, "recliner": 4.0}[seat]
            price -= {"adult": 0.0, "child": 3.0, "senior": 2.5, "student": 2.0}[ttype]
            if h < 17:
                price -= 2.0
            if show.weekday() == 1:  # cheap Tuesday
                price = round(price * 0.7, 2)
            fee = 1.25 if chan in ("online", "app") else 0.0
            conc = 0.0 if R.random() < 0.45 else round(R.uniform(3.5, 22.0), 2)
            rows.append([
                f"T{10000000 + ticket_seq}", f"ORD-{order_seq:06d}", _ts(purchase), _ts(show),
                title, genre, fmt, str(screen), seat, ttype, chan, _n(price), _n(fee), _n(conc),
                member or "", "true" if refunded else "false",
            ])
    header = ["ticket_id", "order_id", "purchase_ts", "showtime", "film_title", "Genre", "format",
              "screen_no", "seat_type", "ticket_type", "sales_channel", "price_usd",
              "booking_fee_usd", "concessions_usd", "loyalty_member_id", "refunded"]
    return header, rows


# ---------------------------------------------------------------- bomberos
def _avisos_bomberos(R):
    tipos = [  # tipo, peso, prob. prioridad alta, efectivos, vehiculos, duración, p_heridos, es_fuego
        ("incendio de vivienda", 11, 0.75, (8, 18), (2, 5), (40, 240), 0.25, True),
        ("incendio forestal", 6, 0.6, (10, 30), (3, 8), (90, 600), 0.05, True),
        ("incendio de vehículo", 8, 0.35, (4, 8), (1, 2), (20, 70), 0.08, True),
        ("incendio de contenedor", 10, 0.1, (3, 6), (1, 1), (15, 45), 0.0, True),
        ("accidente de tráfico", 14, 0.7, (5, 10), (1, 3), (30, 120), 0.6, False),
        ("rescate de personas", 8, 0.8, (4, 10), (1, 3), (25, 150), 0.3, False),
        ("fuga de gas", 7, 0.55, (4, 8), (1, 2), (20, 90), 0.04, False),
        ("inundación", 7, 0.2, (3, 8), (1, 2), (40, 300), 0.01, False),
        ("apertura de puerta", 12, 0.15, (2, 4), (1, 1), (10, 40), 0.02, False),
        ("caída de objetos", 8, 0.25, (3, 6), (1, 2), (20, 90), 0.05, False),
    ]
    distritos = ["Centro", "Norte", "Sur", "Este", "Oeste", "Puerto", "Las Lomas"]
    dw = [24, 16, 17, 13, 12, 10, 8]
    base_resp = {"Centro": 6.5, "Norte": 8.0, "Sur": 7.5, "Este": 8.5, "Oeste": 7.8,
                 "Puerto": 9.0, "Las Lomas": 13.0}
    parque = {"Centro": "Parque 1 Central", "Oeste": "Parque 1 Central", "Norte": "Parque 2 Norte",
              "Las Lomas": "Parque 2 Norte", "Sur": "Parque 3 Sur", "Puerto": "Parque 3 Sur",
              "Este": "Parque 4 Este"}
    parques = ["Parque 1 Central", "Parque 2 Norte", "Parque 3 Sur", "Parque 4 Este"]
    hours = list(range(24))
    hw = [3, 2, 2, 1.5, 1.5, 1.5, 2, 3, 4, 5, 5, 5, 6, 6, 5, 5, 5, 6, 6, 6, 5, 5, 4, 3]
    evs = []
    day0 = dt.datetime(2023, 1, 1)
    for _ in range(1720):
        ts = day0 + dt.timedelta(days=R.randrange(731), hours=_wchoice(R, hours, hw),
                                 minutes=R.randrange(60), seconds=R.randrange(60))
        w = [t[1] for t in tipos]
        if ts.month in (6, 7, 8, 9):
            w[1] *= 3.5
        else:
            w[1] *= 0.3
        if ts.month in (10, 11, 12):
            w[7] *= 2.5
        evs.append((ts, _wchoice(R, tipos, w)))
    evs.sort(key=lambda e: e[0])
    rows = []
    counters = {}
    for ts, (tipo, _, palta, ef, ve, du, phe, fuego) in evs:
        counters[ts.year] = counters.get(ts.year, 0) + 1
        dis = _wchoice(R, distritos, dw)
        if tipo == "incendio forestal":
            dis = _wchoice(R, ["Las Lomas", "Norte", "Este", "Oeste"], [50, 20, 18, 12])
        u = R.random()
        prio = "Alta" if u < palta else ("Media" if u < palta + (1 - palta) * 0.6 else "Baja")
        origen = _wchoice(R, ["112", "Policía Local", "alarma automática", "particular"],
                          [62, 12, 14, 12])
        p_false = 0.05
        if origen == "alarma automática":
            p_false = 0.45
        if tipo == "fuga de gas":
            p_false = max(p_false, 0.25)
        falsa = R.random() < p_false
        pq = parque[dis] if R.random() < 0.88 else R.choice(parques)
        resp = base_resp[dis] * R.lognormvariate(0, 0.28)
        if prio == "Alta":
            resp *= 0.85
        if pq != parque[dis]:
            resp += R.uniform(3, 8)
        resp = round(resp, 1)
        efect = R.randint(*ef)
        veh = R.randint(*ve)
        dur = R.randint(*du)
        her = fal = 0
        sup = None
        if falsa:
            dur = R.randint(8, 35)
            efect = min(efect, R.randint(2, 6))
            veh = 1
        else:
            if R.random() < phe:
                her = _wchoice(R, [1, 2, 3, 4, 5], [55, 25, 10, 6, 4])
                if R.random() < 0.06:
                    fal = R.randint(1, 2)
            if fuego:
                sup = {"incendio de vivienda": R.randint(8, 180),
                       "incendio forestal": R.randint(500, 150000),
                       "incendio de vehículo": R.randint(4, 20),
                       "incendio de contenedor": R.randint(1, 6)}[tipo]
        coste = None
        if R.random() > 0.23:
            coste = round(efect * dur / 60 * 38.0 + veh * 95.0 * R.uniform(0.8, 1.3), 2)
        turno = "mañana" if 7 <= ts.hour < 15 else ("tarde" if 15 <= ts.hour < 23 else "noche")
        rows.append([
            f"AV-{ts.year}-{counters[ts.year]:05d}", _ts(ts), dis, tipo, prio, origen, pq,
            _n(resp, 1), str(dur), str(efect), str(veh), str(her), str(fal),
            "" if sup is None else str(sup), "sí" if falsa else "no", _n(coste), turno,
        ])
    header = ["id_aviso", "fecha_hora_aviso", "distrito", "tipo_incidente", "Prioridad",
              "origen_aviso", "parque_bomberos", "tiempoRespuesta_min", "duracion_intervencion_min",
              "num_efectivos", "num_vehiculos", "heridos", "fallecidos", "superficie_afectada_m2",
              "falsa_alarma", "coste_estimado_eur", "turno"]
    return header, rows


# ---------------------------------------------------------------- formación
def _cursos_formacion(R):
    deps = ["Ventas", "Finanzas", "Recursos Humanos", "Tecnología", "Operaciones",
            "Atención al Cliente", "Logística"]
    depw = [20, 10, 6, 17, 18, 16, 13]
    sedes = ["Madrid", "Barcelona", "Valencia", "Sevilla"]
    sedew = [40, 28, 18, 14]
    cursos = [  # nombre, área, horas, coste, modalidades, proveedor, peso
        ("Excel avanzado", "Ofimática", 20, 180.0, ["online", "presencial"], "Campus Digital", 12),
        ("Prevención de riesgos laborales", "Seguridad y salud", 8, 60.0, ["online"], "Interno", 16),
        ("Liderazgo de equipos", "Habilidades directivas", 24, 520.0, ["presencial", "mixta"], "Academia Norte", 6),
        ("Inglés B2", "Idiomas", 60, 450.0, ["online", "mixta"], "Lingua Pro", 10),
        ("Protección de datos (RGPD)", "Cumplimiento normativo", 6, 45.0, ["online"], "Interno", 14),
        ("Python para análisis de datos", "Tecnología", 40, 690.0, ["online", "mixta"], "Campus Digital", 7),
        ("Atención al cliente de calidad", "Habilidades comerciales", 12, 140.0, ["presencial", "online"], "FormaPlus", 9),
        ("Negociación comercial", "Habilidades comerciales", 16, 310.0, ["presencial"], "FormaPlus", 6),
        ("Primeros auxilios", "Seguridad y salud", 10, 95.0, ["presencial"], "Cruz Formación", 7),
        ("Gestión del tiempo", "Habilidades personales", 8, 120.0, ["online", "presencial"], "Academia Norte", 8),
        ("Carretillas elevadoras", "Seguridad y salud", 20, 260.0, ["presencial"], "Cruz Formación", 5),
    ]
    emps = []
    for i in range(1, 391):
        emps.append((f"E{1000 + i}", _wchoice(R, deps, depw), _wchoice(R, sedes, sedew)))
    rows = []
    inscs = []
    for _ in range(1140):
        emp = R.choice(emps)
        c = _wchoice(R, cursos, [c[6] for c in cursos])
        if c[0] == "Carretillas elevadoras" and emp[1] not in ("Logística", "Operaciones"):
            c = cursos[1]
        month = R.randrange(24)
        y, m = 2023 + month // 12, month % 12 + 1
        inicio = dt.date(y, m, 1) + dt.timedelta(days=R.randrange(25))
        while inicio.weekday() >= 5:
            inicio += dt.timedelta(days=1)
        inscs.append((inicio, emp, c))
    inscs.sort(key=lambda t: (t[0], t[1][0]))
    for i, (inicio, (eid, dep, sede), c) in enumerate(inscs, 1):
        nombre, area, horas, coste, mods, prov, _ = c
        mod = R.choice(mods)
        dias = max(1, int(horas / (2.0 if mod == "online" else 4.0) * R.uniform(1.0, 1.8)))
        fin = inicio + dt.timedelta(days=dias)
        if fin > dt.date(2024, 12, 31):
            estado = "en curso" if R.random() < 0.9 else "abandonado"
        else:
            estado = _wchoice(R, ["completado", "abandonado"], [87, 13])
        nota = None
        aprobado = None
        val = None
        if estado == "completado":
            asis = R.randint(70, 100)
            nota = round(min(10.0, max(2.0, R.gauss(7.3, 1.4))), 1)
            aprobado = nota >= 5.0
            if R.random() > 0.3:
                val = _wchoice(R, [1, 2, 3, 4, 5], [3, 7, 20, 40, 30])
        elif estado == "abandonado":
            asis = R.randint(5, 60)
            aprobado = False
        else:
            asis = R.randint(10, 80)
        coste_i = round(coste * (0.85 if mod == "online" and prov != "Interno" else 1.0)
                        * R.uniform(0.97, 1.03), 2)
        bonif = "No" if prov == "Interno" else ("Sí" if R.random() < 0.8 else "No")
        rows.append([
            f"INS-{i:05d}", eid, dep, sede, nombre, area, mod, prov, _d(inicio),
            _d(fin) if estado != "en curso" else "", str(horas), _n(coste_i), str(asis),
            _n(nota, 1), "" if aprobado is None else ("true" if aprobado else "false"), estado,
            bonif, "" if val is None else str(val),
        ])
    header = ["id_inscripcion", "id_empleado", "departamento", "Sede", "nombre_curso",
              "area_formativa", "modalidad", "proveedor", "fecha_inicio", "fecha_fin",
              "horas_lectivas", "coste_eur", "asistencia_pct", "nota_final", "aprobado", "estado",
              "bonificado_FUNDAE", "valoracionCurso"]
    return header, rows


TABLES = [
    ("roast_batches", _roast_batches),
    ("ev_charging_sessions", _ev_sessions),
    ("vet_vaccinations", _vet_vaccinations),
    ("cinema_ticket_sales", _cinema_tickets),
    ("avisos_bomberos", _avisos_bomberos),
    ("cursos_formacion_empleados", _cursos_formacion),
]


def make(out_dir):
    """Write the six CSV files into out_dir; returns {table name: path}."""
    R = random.Random(48)
    os.makedirs(out_dir, exist_ok=True)
    paths = {}
    for name, fn in TABLES:
        header, rows = fn(R)
        paths[name] = _write(out_dir, name + ".csv", header, rows)
    return paths


if __name__ == "__main__":
    import sys
    for k, v in make(sys.argv[1] if len(sys.argv) > 1 else "tables").items():
        print(k, v)
