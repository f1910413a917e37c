"""Six invented tables for evaluation set p53.

podcast_episodes.csv: one row per published podcast episode (show, genre, release date, length, downloads, rating).
car_wash_visits.csv: one row per paid visit to a car wash site (timestamp, package, vehicle, price, tip, wait).
golf_rounds.csv: one row per round of golf played by a player at a club course (tee time, holes, score, fee).
toll_passages.csv: one row per vehicle passing a toll plaza lane (timestamp, vehicle class, toll, tag read).
ventas_libreria.csv: una fila por línea de venta en una cadena de librerías (fecha, tienda, género, editorial, importe).
inspecciones_itv.csv: una fila por inspección técnica de un vehículo en una estación ITV (fecha y hora, vehículo, resultado, defectos, tarifa).
"""
import csv
import datetime as dt
import os
import random


def _write(out_dir, name, header, rows):
    with open(os.path.join(out_dir, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


def _podcasts(rng):
    shows = [
        ("Cold Case Files", "True Crime", "Northwind Audio"),
        ("Midnight Verdict", "True Crime", "Bluefin Media"),
        ("Laugh Track Lounge", "Comedy", "Bluefin Media"),
        ("Two Guys One Mic", "Comedy", "Indie"),
        ("Byte Sized", "Tech", "Northwind Audio"),
        ("Open Source Hour", "Tech", "Indie"),
        ("Empires Retold", "History", "Northwind Audio"),
        ("The Ledger", "Business", "Bluefin Media"),
        ("Startup Diaries", "Business", "Indie"),
        ("Full Time Whistle", "Sports", "Bluefin Media"),
        ("Mindful Mornings", "Health", "Indie"),
        ("Kitchen Table Science", "Science", "Northwind Audio"),
    ]
    popularity = {s[0]: rng.uniform(0.4, 2.5) for s in shows}
    rows = []
    start = dt.date(2023, 1, 1)
    n = 0
    for show, genre, network in shows:
        k = rng.randint(60, 90)
        days = sorted(rng.sample(range(0, 731), k))
        for ep_no, d in enumerate(days, 1):
            n += 1
            rel = start + dt.timedelta(days=d)
            base_len = {"True Crime": 55, "Comedy": 48, "Tech": 40, "History": 70, "Business": 35,
                        "Sports": 45, "Health": 22, "Science": 38}[genre]
            dur = max(8, int(rng.gauss(base_len, base_len * 0.25)))
            d7 = int(rng.lognormvariate(8.2, 0.5) * popularity[show] * (1 + d / 1500))
            d30 = int(d7 * rng.uniform(1.4, 2.6))
            explicit = "Y" if (genre in ("True Crime", "Comedy") and rng.random() < 0.7) or rng.random() < 0.05 else "N"
            guests = rng.choices([0, 1, 2, 3], [45, 35, 15, 5])[0]
            ads = rng.choices([0, 1, 2, 3, 4], [10, 25, 35, 20, 10])[0]
            rating = None if rng.random() < 0.08 else round(min(5.0, max(1.0, rng.gauss(4.0, 0.5))), 1)
            rows.append(["EP%05d" % n, show, genre, network, ep_no, rel.isoformat(), dur, d7, d30,
                         explicit, guests, ads, rating])
    rng.shuffle(rows)
    return (["episode_id", "show_name", "genre", "network", "episode_number", "release_date",
             "duration_min", "downloads_7d", "downloads_30d", "explicit", "guest_count", "ad_breaks",
             "avg_rating"], rows)


def _car_wash(rng):
    sites = ["Elm Street", "Harbor Road", "Mill Lane", "Airport Plaza"]
    site_w = [30, 25, 20, 25]
    packages = {"Basic": 9.0, "Deluxe": 15.0, "Ultimate": 22.0, "Interior Only": 18.0}
    pkg_w = [40, 30, 18, 12]
    vtypes = ["Sedan", "SUV", "Pickup", "Van", "Motorcycle"]
    vt_w = [42, 30, 14, 9, 5]
    surcharge = {"Sedan": 0.0, "SUV": 3.0, "Pickup": 3.0, "Van": 5.0, "Motorcycle": -2.0}
    attendants = ["Marcus", "Priya", "Jonah", "Lena", "Diego", "Tasha"]
    rows = []
    start = dt.datetime(2024, 1, 1)
    for i in range(1, 1651):
        day = rng.randint(0, 365)
        hour = rng.choices(range(7, 20), [2, 4, 6, 8, 9, 9, 8, 8, 9, 10, 9, 6, 3])[0]
        ts = start + dt.timedelta(days=day, hours=hour, minutes=rng.randint(0, 59), seconds=rng.randint(0, 59))
        site = rng.choices(sites, site_w)[0]
        pkg = rng.choices(list(packages), pkg_w)[0]
        vt = rng.choices(vtypes, vt_w)[0]
        price = packages[pkg] + surcharge[vt]
        if ts.weekday() >= 5:
            price += 2.0
        pay = rng.choices(["card", "cash", "app", "subscription"], [45, 15, 25, 15])[0]
        loyal = "true" if pay == "subscription" or rng.random() < 0.3 else "false"
        tip = None if pay == "cash" and rng.random() < 0.6 else round(max(0.0, rng.gauss(2.0, 1.5)) if rng.random() < 0.55 else 0.0, 2)
        wait = max(0, int(rng.gauss(12 if ts.weekday() >= 5 else 7, 4)))
        rewash = "true" if rng.random() < 0.04 else "false"
        rows.append([i, site, ts.strftime("%Y-%m-%d %H:%M:%S"), pkg, vt, "%.2f" % price, tip, pay, loyal,
                     wait, rewash, rng.choice(attendants)])
    return (["visit_id", "site", "visited_at", "package", "vehicle_type", "price_usd", "tip_usd",
             "payment_method", "loyalty_member", "wait_minutes", "rewash_requested", "attendant"], rows)


def _golf(rng):
    courses = {"Pine Hollow": (72, 55.0), "Lakeside Links": (71, 68.0), "Eagle Ridge": (72, 80.0),
               "Old Quarry": (70, 42.0)}
    players = []
    for p in range(1, 241):
        mtype = rng.choices(["Member", "Guest", "Visitor", "Junior"], [50, 15, 25, 10])[0]
        hcp = round(rng.uniform(0, 36), 1)
        players.append(("P%03d" % p, mtype, hcp))
    rows = []
    start = dt.date(2024, 3, 1)
    for i in range(1, 1401):
        pid, mtype, hcp = rng.choice(players)
        course = rng.choices(list(courses), [30, 25, 20, 25])[0]
        par, fee = courses[course]
        d = start + dt.timedelta(days=rng.randint(0, 244))
        tee = dt.datetime(d.year, d.month, d.day, rng.randint(6, 16), rng.choice([0, 10, 20, 30, 40, 50]))
        holes = 9 if rng.random() < 0.22 else 18
        weather = rng.choices(["Sunny", "Cloudy", "Windy", "Rain"], [40, 30, 18, 12])[0]
        extra = {"Sunny": 0, "Cloudy": 1, "Windy": 3, "Rain": 4}[weather]
        score18 = par + hcp + extra + rng.gauss(0, 3.5)
        score = int(round(score18 / 2 if holes == 9 else score18))
        buggy = 1 if rng.random() < (0.35 + hcp / 100) else 0
        g = fee * (0.55 if holes == 9 else 1.0)
        if mtype == "Member":
            g = 0.0
        elif mtype == "Junior":
            g = g * 0.5
        minutes = int(rng.gauss(245 if holes == 18 else 125, 20)) - (15 if buggy else 0)
        hcp_out = None if (mtype == "Visitor" and rng.random() < 0.45) else hcp
        rows.append(["R%05d" % i, pid, mtype, hcp_out, course, tee.strftime("%Y-%m-%d %H:%M:%S"), holes,
                     score, buggy, "%.2f" % g, weather, minutes])
    return (["round_id", "player_id", "member_type", "handicap", "course", "tee_time", "holes_played",
             "gross_score", "buggy_hired", "green_fee_gbp", "weather", "round_minutes"], rows)


def _tolls(rng):
    plazas = ["North Gate", "River Bridge", "Summit Pass", "Eastway", "Port Link"]
    pl_w = [28, 22, 12, 20, 18]
    classes = {"Car": (2, 3.50), "Motorcycle": (2, 1.75), "Light Truck": (3, 6.00),
               "Heavy Truck": (5, 12.50), "Bus": (3, 8.00)}
    cl_w = [68, 6, 12, 9, 5]
    rows = []
    start = dt.datetime(2024, 1, 1)
    for i in range(1, 2601):
        plaza = rng.choices(plazas, pl_w)[0]
        vc = rng.choices(list(classes), cl_w)[0]
        axles, toll = classes[vc]
        if vc == "Heavy Truck":
            axles = rng.choice([4, 5, 5, 6])
            toll = 2.5 * axles
        if plaza == "River Bridge":
            toll += 1.0
        ts = start + dt.timedelta(days=rng.randint(0, 181), hours=rng.choices(range(24), [1, 1, 1, 1, 2, 4, 8, 10, 9, 6, 5, 5, 5, 5, 6, 7, 9, 10, 8, 6, 4, 3, 2, 1])[0],
                                  minutes=rng.randint(0, 59), seconds=rng.randint(0, 59))
        lane = rng.choices(["Electronic", "Cash", "Mixed"], [60, 15, 25])[0]
        if lane == "Cash":
            pay = rng.choices(["Cash", "Card"], [65, 35])[0]
            tag = "no"
        else:
            tag = "yes" if rng.random() < 0.86 else "no"
            pay = "Tag" if tag == "yes" else rng.choices(["Invoice", "Card"], [70, 30])[0]
        if 7 <= ts.hour <= 9 or 16 <= ts.hour <= 18:
            toll_paid = toll * 1.25
        else:
            toll_paid = toll
        violation = "TRUE" if (pay == "Invoice" and rng.random() < 0.5) or rng.random() < 0.01 else "FALSE"
        speed = None if lane == "Cash" else (None if rng.random() < 0.05 else int(rng.gauss(38 if lane == "Electronic" else 22, 8)))
        direction = rng.choice(["Inbound", "Outbound"])
        rows.append(["TP%06d" % i, plaza, lane, direction, vc, axles, ts.strftime("%Y-%m-%d %H:%M:%S"),
                     "%.2f" % toll_paid, tag, pay, violation, speed])
    return (["passage_id", "plaza", "lane_type", "direction", "vehicle_class", "axles", "passed_at",
             "toll_usd", "tag_read", "payment", "violation", "speed_kmh"], rows)


def _libreria(rng):
    tiendas = ["Madrid Centro", "Sevilla Triana", "Valencia Ruzafa", "Bilbao Abando"]
    t_w = [35, 22, 25, 18]
    generos = {"Novela": 19.9, "Infantil": 12.5, "Ensayo": 22.0, "Poesía": 14.0, "Cómic": 16.5,
               "Cocina": 27.0, "Viajes": 24.0}
    g_w = [34, 16, 12, 5, 13, 9, 11]
    editoriales = ["Ediciones Faro", "Editorial Alba", "Grupo Sirena", "Libros del Cierzo", "Pez Azul",
                   "Tinta Roja"]
    e_w = [22, 20, 18, 12, 15, 13]
    rows = []
    start = dt.date(2023, 1, 1)
    for i in range(1, 1901):
        d = start + dt.timedelta(days=rng.randint(0, 730))
        tienda = rng.choices(tiendas, t_w)[0]
        genero = rng.choices(list(generos), g_w)[0]
        formato = rng.choices(["tapa blanda", "tapa dura", "bolsillo"], [55, 20, 25])[0]
        precio = generos[genero] * {"tapa blanda": 1.0, "tapa dura": 1.45, "bolsillo": 0.55}[formato]
        precio = round(precio * rng.uniform(0.85, 1.2), 2)
        unidades = rng.choices([1, 2, 3, 4], [70, 20, 7, 3])[0]
        socio = "sí" if rng.random() < 0.38 else "no"
        desc = 10 if socio == "sí" else rng.choices([0, 5], [85, 15])[0]
        if d.month == 4 and 20 <= d.day <= 23:
            desc = max(desc, 10)
        importe = round(precio * unidades * (1 - desc / 100), 2)
        pago = rng.choices(["tarjeta", "efectivo", "bizum"], [60, 25, 15])[0]
        edad = None if rng.random() < 0.2 else max(8, min(85, int(rng.gauss(42, 15))))
        rows.append([i, d.isoformat(), tienda, genero, rng.choices(editoriales, e_w)[0], formato, unidades,
                     "%.2f" % precio, desc, "%.2f" % importe, socio, pago, edad])
    return (["id_venta", "fecha", "tienda", "genero", "editorial", "formato", "unidades",
             "precio_unitario_eur", "descuento_pct", "importe_eur", "socio", "metodo_pago", "edad_cliente"], rows)


def _itv(rng):
    estaciones = ["Estación Norte", "Estación Sur", "Polígono Este", "Ronda Oeste"]
    es_w = [30, 28, 22, 20]
    tipos = {"turismo": 38.5, "motocicleta": 24.0, "furgoneta": 45.0, "camión": 72.0, "autobús": 80.0}
    ti_w = [62, 10, 16, 8, 4]
    rows = []
    start = dt.datetime(2024, 1, 2)
    for i in range(1, 1501):
        day = start + dt.timedelta(days=rng.randint(0, 360))
        while day.weekday() == 6:
            day = day + dt.timedelta(days=1)
        ts = day.replace(hour=rng.randint(8, 19), minute=rng.choice([0, 15, 30, 45]))
        tipo = rng.choices(list(tipos), ti_w)[0]
        if tipo in ("camión", "autobús"):
            comb = rng.choices(["diésel", "GLP", "eléctrico"], [90, 6, 4])[0]
        elif tipo == "motocicleta":
            comb = rng.choices(["gasolina", "eléctrico"], [88, 12])[0]
        else:
            comb = rng.choices(["gasolina", "diésel", "híbrido", "eléctrico", "GLP"], [38, 34, 16, 8, 4])[0]
        anio = rng.randint(2000, 2020)
        edad = 2024 - anio
        km = None if rng.random() < 0.07 else int(edad * rng.uniform(9000, 18000) * (2.5 if tipo in ("camión", "autobús") else 1))
        p_leves = 0.6 + edad * 0.12
        leves = sum(1 for _ in range(6) if rng.random() < p_leves / 6)
        graves = sum(1 for _ in range(4) if rng.random() < (0.01 + edad * 0.006))
        if graves >= 2 and rng.random() < 0.5:
            resultado = "negativa"
        elif graves >= 1:
            resultado = "desfavorable"
        else:
            resultado = "favorable"
        reins = "sí" if rng.random() < 0.12 else "no"
        tarifa = tipos[tipo] * (0.5 if reins == "sí" else 1.0)
        if comb == "eléctrico":
            tarifa -= 5
        cita = "S" if rng.random() < 0.72 else "N"
        dur = max(8, int(rng.gauss({"turismo": 22, "motocicleta": 15, "furgoneta": 28, "camión": 45, "autobús": 50}[tipo], 5)))
        rows.append([i, rng.choices(estaciones, es_w)[0], ts.strftime("%Y-%m-%d %H:%M:%S"), tipo, comb, anio, km,
                     resultado, leves, graves, "%.2f" % tarifa, cita, reins, dur])
    return (["id_inspeccion", "estacion", "fecha_hora", "tipo_vehiculo", "combustible", "anio_matriculacion",
             "kilometraje", "resultado", "defectos_leves", "defectos_graves", "tarifa_eur", "cita_previa",
             "es_reinspeccion", "duracion_min"], rows)


def make(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    rng = random.Random(5353)
    for name, fn in (("podcast_episodes.csv", _podcasts), ("car_wash_visits.csv", _car_wash),
                     ("golf_rounds.csv", _golf), ("toll_passages.csv", _tolls),
                     ("ventas_libreria.csv", _libreria), ("inspecciones_itv.csv", _itv)):
        header, rows = fn(rng)
        _write(out_dir, name, header, rows)


if __name__ == "__main__":
    import sys
    make(sys.argv[1] if len(sys.argv) > 1 else ".")
