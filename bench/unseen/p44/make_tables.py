"""Six invented tables for the `p44` unseen evaluation set.

Standalone: stdlib only. make(out_dir) writes these CSV files (header row, UTF-8):

  wind_turbines.csv       daily SCADA summaries for 9 turbines on 3 wind farms, 2023-2024
  courier_deliveries.csv  food-delivery orders handled by couriers in 4 Irish cities, 2023-06..2024-12
  parking_sessions.csv    on-street / car-park parking sessions in 5 zones of a town, 2023-2024
  marathon_results.csv    results of 3 city marathons, 2022-2024 editions (DNF rows have no time)
  refugio_perros.csv      (es) perros que entran en un refugio municipal con 3 sedes, 2022-2024
  viajes_autobus.csv      (es) expediciones de 5 líneas de autobús urbano, 2023-2024

All randomness comes from R = random.Random(44) created inside make(), so repeated
calls produce byte-identical files.
"""
import csv
import datetime
import math
import os
import random


def _days(start, end):
    d = start
    out = []
    while d <= end:
        out.append(d)
        d += datetime.timedelta(days=1)
    return out


def _write(out_dir, name, header, rows):
    path = os.path.join(out_dir, name + ".csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
    return path


def _f(x, nd=2):
    return ("%." + str(nd) + "f") % x


def _ts(dt):
    return dt.strftime("%Y-%m-%d %H:%M:%S")


# ----------------------------------------------------------------------------
def _wind_turbines(R):
    sites = {
        "North Ridge": ("Vestas", 3.6, ["WT-01", "WT-02", "WT-03", "WT-04"]),
        "Coastal Flats": ("Siemens Gamesa", 4.2, ["WT-05", "WT-06", "WT-07"]),
        "Hillcrest": ("Nordex", 3.0, ["WT-08", "WT-09"]),
    }
    site_wind = {"North Ridge": 1.0, "Coastal Flats": 1.15, "Hillcrest": 0.9}
    days = _days(datetime.date(2023, 1, 1), datetime.date(2024, 12, 31))
    rows = []
    rid = 100000
    for d in days:
        season = 1.0 + 0.3 * math.cos(2 * math.pi * (d.timetuple().tm_yday - 15) / 365.0)
        for site, (maker, cap, tids) in sites.items():
            for tid in tids:
                if R.random() > 0.16:  # only a sample of days got exported
                    continue
                rid += R.randint(1, 3)
                ws = max(0.5, R.gauss(7.2 * season * site_wind[site], 2.3))
                downtime = 0
                r = R.random()
                if r < 0.07:
                    downtime = R.randint(120, 1440)
                elif r < 0.25:
                    downtime = R.randint(5, 119)
                avail = 1 - downtime / 1440.0
                cf = max(0.0, min(0.95, (ws - 3.0) / 9.0)) ** 1.4
                curtailed = 1 if (ws > 11 and R.random() < 0.35) or R.random() < 0.03 else 0
                energy = cap * 24 * cf * avail * (0.8 if curtailed else 1.0) * R.uniform(0.9, 1.05)
                temp = R.gauss(48 + 10 * cf, 5)
                temp = None if R.random() < 0.06 else _f(temp, 1)
                maint = "true" if downtime > 240 and R.random() < 0.6 else ("true" if R.random() < 0.02 else "false")
                ws_out = None if R.random() < 0.02 else _f(ws, 2)
                rows.append([rid, tid, site, maker, d.isoformat(), ws_out, _f(energy, 3),
                             downtime, curtailed, temp, maint])
    header = ["reading_id", "turbineId", "Site Name", "manufacturer", "reading_date",
              "avg_wind_speed_ms", "energy_mwh", "downtime_min", "curtailed",
              "gearbox_temp_c", "maintenanceDone"]
    return header, rows


# ----------------------------------------------------------------------------
def _courier_deliveries(R):
    cities = ["Dublin", "Cork", "Galway", "Limerick"]
    city_w = [0.5, 0.22, 0.15, 0.13]
    vehicles = ["Bike", "E-bike", "Scooter", "Car"]
    cuisines = ["Pizza", "Burger", "Sushi", "Indian", "Thai", "Salads", "Chinese"]
    couriers = []
    for i in range(1, 61):
        couriers.append(("CR%03d" % i, R.choices(cities, city_w)[0],
                         R.choices(vehicles, [0.3, 0.3, 0.25, 0.15])[0]))
    start = datetime.datetime(2023, 6, 1)
    span_days = (datetime.datetime(2024, 12, 31) - start).days + 1
    rows = []
    for i in range(2600):
        cid, city, veh = R.choice(couriers)
        day = start + datetime.timedelta(days=R.randrange(span_days))
        hour = R.choices([11, 12, 13, 14, 17, 18, 19, 20, 21, 22],
                         [4, 9, 8, 3, 4, 9, 12, 11, 6, 3])[0]
        ts = day.replace(hour=hour, minute=R.randrange(60), second=R.randrange(60))
        cuisine = R.choice(cuisines)
        dist = max(0.3, R.gammavariate(2.2, 1.4))
        speed = {"Bike": 14, "E-bike": 18, "Scooter": 22, "Car": 20}[veh]
        rain = 1 if R.random() < (0.38 if ts.month in (10, 11, 12, 1, 2) else 0.2) else 0
        prep = R.uniform(6, 18) + (6 if cuisine in ("Pizza", "Indian") else 0)
        mins = prep + dist / speed * 60 * (1.2 if rain else 1.0) + R.gauss(0, 3)
        mins = max(8, round(mins))
        late = "true" if mins > 35 else "false"
        value = round(max(8.0, R.gauss(27, 9) + (10 if cuisine == "Sushi" else 0)), 2)
        tip = None
        if R.random() < 0.88:
            tip = 0.0 if R.random() < 0.45 else round(R.choice([1, 1.5, 2, 2.5, 3, 4, 5]) * (0.7 if late == "true" else 1.0), 2)
        rating = None if R.random() < 0.35 else max(1, min(5, round(R.gauss(4.4 - (0.9 if late == "true" else 0), 0.8))))
        rows.append([ts, cid, city, veh, cuisine, _f(dist, 2), mins,
                     _f(value, 2), None if tip is None else _f(tip, 2), rating, late, rain])
    rows.sort(key=lambda r: r[0])
    out = []
    for i, r in enumerate(rows):
        out.append([50001 + i, _ts(r[0])] + r[1:])
    header = ["delivery_id", "ordered_at", "courierId", "City", "Vehicle Type", "cuisine",
              "distance_km", "deliveryTime_min", "order_value_eur", "tip_eur",
              "customer_rating", "was_late", "raining"]
    return header, out


# ----------------------------------------------------------------------------
def _parking_sessions(R):
    zones = {"Town Centre": 2.4, "Train Station": 1.8, "Hospital": 1.5, "Retail Park": 0.0, "Old Town": 2.8}
    zone_w = [0.3, 0.2, 0.15, 0.2, 0.15]
    start = datetime.datetime(2023, 1, 1)
    span = (datetime.datetime(2024, 12, 31) - start).days + 1
    rows = []
    for _ in range(2200):
        zone = R.choices(list(zones), zone_w)[0]
        d = start + datetime.timedelta(days=R.randrange(span))
        ts = d.replace(hour=R.choices(range(7, 22), [2, 6, 8, 7, 6, 6, 7, 6, 5, 5, 4, 3, 2, 2, 1])[0],
                       minute=R.randrange(60), second=R.randrange(60))
        vclass = R.choices(["Car", "Van", "Motorbike", "EV"], [0.72, 0.1, 0.06, 0.12])[0]
        resident = 1 if R.random() < (0.3 if zone == "Old Town" else 0.1) else 0
        if zone == "Train Station":
            dur = R.choice([R.randint(10, 60), R.randint(400, 660)])
        elif zone == "Hospital":
            dur = R.randint(30, 240)
        else:
            dur = max(5, int(R.gammavariate(2.0, 45)))
        if resident:
            method = "Permit"
        else:
            method = R.choices(["App", "Card", "Cash"], [0.5, 0.35, 0.15])[0]
        rate = zones[zone] * (0.5 if vclass == "Motorbike" else 1.0) * (0.0 if vclass == "EV" and R.random() < 0.5 else 1.0)
        paid = 0.0 if method == "Permit" else round(rate * math.ceil(dur / 30.0) / 2.0, 2)
        exit_ts = ts + datetime.timedelta(minutes=dur)
        fine = "true" if (method != "Permit" and R.random() < 0.06) else "false"
        exit_out = None if R.random() < 0.04 else _ts(exit_ts)
        dur_out = None if exit_out is None else dur
        country = R.choices(["IE", "UK", "FR", "DE", "NL", "ES"], [0.82, 0.08, 0.03, 0.03, 0.02, 0.02])[0]
        rows.append([ts, zone, country, vclass, _ts(ts), exit_out, dur_out, method,
                     _f(paid, 2), resident, fine])
    rows.sort(key=lambda r: r[0])
    out = []
    for i, r in enumerate(rows):
        out.append(["PS-%05d" % (i + 1)] + r[1:])
    header = ["session_id", "Zone", "plate_country", "vehicleClass", "entry_time", "exit_time",
              "duration_min", "Payment Method", "amount_paid_eur", "is_resident", "Fine Issued"]
    return header, out


# ----------------------------------------------------------------------------
def _marathon_results(R):
    races = {"Riverside Marathon": (4, 22), "Harbour City Marathon": (10, 8), "Lakeside Marathon": (9, 15)}
    countries = ["Ireland", "UK", "Germany", "France", "USA", "Kenya", "Spain", "Italy"]
    country_w = [0.45, 0.18, 0.08, 0.07, 0.08, 0.02, 0.06, 0.06]
    groups = ["18-29", "30-39", "40-49", "50-59", "60+"]
    group_add = {"18-29": 0, "30-39": -3, "40-49": 6, "50-59": 18, "60+": 32}
    rows = []
    for year in (2022, 2023, 2024):
        for race, (m, dd) in races.items():
            d = datetime.date(year, m, dd)
            n = R.randint(230, 300)
            hot = 1.04 if (race == "Lakeside Marathon" and year == 2023) else 1.0
            for _ in range(n):
                g = R.choices(["M", "F"], [0.58, 0.42])[0]
                ag = R.choices(groups, [0.2, 0.3, 0.28, 0.15, 0.07])[0]
                country = R.choices(countries, country_w)[0]
                first = 1 if R.random() < 0.28 else 0
                base = 232 + (18 if g == "F" else 0) + group_add[ag] + (12 if first else 0)
                if country == "Kenya":
                    base -= 60
                t = max(128, R.gauss(base, 28)) * hot
                half = t * R.uniform(0.45, 0.5)
                dnf = R.random() < (0.06 if first else 0.03)
                hr = None if R.random() < 0.3 else int(R.gauss(158 - (8 if ag in ("50-59", "60+") else 0), 9))
                wt = None if R.random() < 0.45 else _f(R.gauss(74 if g == "M" else 60, 8), 1)
                rows.append([race, d.isoformat(), g, ag, country, first,
                             "DNF" if dnf else "Finished",
                             _f(half, 1),
                             None if dnf else _f(t, 1), hr, wt])
    R.shuffle(rows)
    out = []
    used = set()
    for r in rows:
        bib = R.randint(1000, 99999)
        while bib in used:
            bib = R.randint(1000, 99999)
        used.add(bib)
        out.append([bib] + r)
    header = ["bib_number", "race", "race_date", "gender", "Age Group", "country",
              "first_marathon", "status", "half_split_min", "finish_time_min",
              "avgHeartRate", "bodyweight_kg"]
    return header, out


# ----------------------------------------------------------------------------
def _refugio_perros(R):
    razas = ["Mestizo", "Podenco", "Galgo", "Labrador", "Pastor Alemán", "Chihuahua", "Bóxer", "Yorkshire", "Pitbull"]
    raza_w = [0.38, 0.12, 0.1, 0.08, 0.07, 0.07, 0.05, 0.06, 0.07]
    tam = {"Mestizo": None, "Podenco": "mediano", "Galgo": "grande", "Labrador": "grande",
           "Pastor Alemán": "grande", "Chihuahua": "pequeño", "Bóxer": "grande",
           "Yorkshire": "pequeño", "Pitbull": "mediano"}
    peso_base = {"pequeño": 5, "mediano": 16, "grande": 30}
    nombres = ["Luna", "Rocky", "Toby", "Nala", "Coco", "Max", "Lola", "Thor", "Kira", "Bruno",
               "Lía", "Simba", "Canela", "Chispa", "Trufa", "Duna", "Zeus", "Bimba", "Rufo", "Mora"]
    motivos = ["abandono", "extraviado", "cesión del propietario", "decomiso"]
    motivo_w = [0.45, 0.3, 0.18, 0.07]
    sedes = ["Norte", "Sur", "Centro"]
    start = datetime.date(2022, 1, 1)
    end = datetime.date(2024, 12, 31)
    span = (end - start).days + 1
    rows = []
    for _ in range(950):
        raza = R.choices(razas, raza_w)[0]
        t = tam[raza] or R.choices(["pequeño", "mediano", "grande"], [0.3, 0.45, 0.25])[0]
        sexo = R.choice(["macho", "hembra"])
        edad = max(0.2, R.gammavariate(2.0, 2.2))
        if raza in ("Galgo", "Podenco"):
            edad += 1.0
        peso = max(1.5, R.gauss(peso_base[t], peso_base[t] * 0.18))
        ingreso = start + datetime.timedelta(days=R.randrange(span))
        motivo = R.choices(motivos, motivo_w)[0]
        sede = R.choices(sedes, [0.4, 0.35, 0.25])[0]
        if motivo == "extraviado" and R.random() < 0.45:
            salida = ingreso + datetime.timedelta(days=R.randint(1, 12))
            destino = "devuelto al propietario"
        else:
            p_adop = 0.78 - 0.05 * min(edad, 10) + (0.1 if t == "pequeño" else 0)
            if R.random() < p_adop:
                salida = ingreso + datetime.timedelta(days=int(R.gammavariate(1.6, 30 + 6 * edad)) + 3)
                destino = "adoptado"
            elif R.random() < 0.12:
                salida = ingreso + datetime.timedelta(days=R.randint(10, 200))
                destino = "acogida"
            else:
                salida = None
                destino = None
        if salida is not None and salida > end:
            salida, destino = None, None
        est = 1 if R.random() < (0.7 if edad > 1 else 0.2) else 0
        vac = "true" if R.random() < 0.82 else "false"
        chip = "true" if (motivo == "extraviado" and R.random() < 0.7) or R.random() < 0.25 else "false"
        coste = R.gammavariate(2.0, 40) + (60 if motivo == "decomiso" else 0)
        coste_out = None if R.random() < 0.08 else _f(coste, 2)
        peso_out = None if R.random() < 0.05 else _f(peso, 1)
        rows.append([ingreso, R.choice(nombres), raza, t, sexo, _f(edad, 1), peso_out, sede,
                     motivo, ingreso.isoformat(), None if salida is None else salida.isoformat(),
                     destino, est, vac, chip, coste_out])
    rows.sort(key=lambda r: r[0])
    out = []
    for i, r in enumerate(rows):
        out.append(["P%04d" % (i + 1)] + r[1:])
    header = ["id_perro", "nombre", "raza", "tamano", "sexo", "edad_anios", "peso_kg", "sede",
              "Motivo Ingreso", "fecha_ingreso", "fecha_salida", "destino", "esterilizado",
              "vacunado", "tieneMicrochip", "coste_veterinario_eur"]
    return header, out


# ----------------------------------------------------------------------------
def _viajes_autobus(R):
    lineas = {"L1": (12.4, 1.3), "L2": (9.8, 1.0), "L5": (15.1, 0.8), "C7": (7.2, 0.6), "N3": (18.5, 0.35)}
    linea_w = [0.28, 0.24, 0.2, 0.16, 0.12]
    festivos = {(1, 1), (1, 6), (5, 1), (8, 15), (10, 12), (11, 1), (12, 6), (12, 8), (12, 25)}
    start = datetime.date(2023, 1, 1)
    span = 731
    conductores = ["CD%02d" % i for i in range(1, 36)]
    rows = []
    for _ in range(2900):
        linea = R.choices(list(lineas), linea_w)[0]
        km, demand = lineas[linea]
        d = start + datetime.timedelta(days=R.randrange(span))
        if (d.month, d.day) in festivos or d.weekday() == 6:
            tipo = "festivo"
        elif d.weekday() == 5:
            tipo = "sábado"
        else:
            tipo = "laborable"
        if linea == "N3":
            hora = R.choice([23, 0, 1, 2, 3, 4])
        else:
            hora = R.choices(range(6, 23), [3, 8, 9, 6, 5, 5, 6, 6, 6, 6, 7, 8, 7, 5, 4, 3, 2])[0]
        dt = datetime.datetime(d.year, d.month, d.day, hora, R.choice([0, 10, 15, 20, 30, 40, 45, 50]))
        punta = hora in (7, 8, 14, 18, 19)
        clima = R.choices(["soleado", "nublado", "lluvia"], [0.55, 0.3, 0.15])[0]
        mult = demand * (1.4 if punta else 1.0) * (0.6 if tipo == "festivo" else (0.8 if tipo == "sábado" else 1.0))
        viajeros = max(0, int(R.gauss(42 * mult, 10 * mult)))
        retraso = max(-2, R.gauss(2.5 + (3 if punta else 0) + (2.5 if clima == "lluvia" else 0), 3))
        inc = None
        r = R.random()
        if r < 0.03:
            inc = "avería"
        elif r < 0.08:
            inc = "tráfico"
        elif r < 0.095:
            inc = "accidente"
        elif r < 0.115:
            inc = "pasajero"
        if inc in ("avería", "accidente"):
            retraso += R.uniform(10, 35)
        elif inc == "tráfico":
            retraso += R.uniform(5, 15)
        retraso_out = None if R.random() < 0.05 else round(retraso, 1)
        tarifa = R.uniform(0.72, 0.95) * (1.5 if linea == "N3" else 1.0)
        recaud = viajeros * tarifa
        km_real = km * (R.uniform(0.3, 0.8) if inc == "avería" else R.uniform(0.98, 1.04))
        accesible = "true" if R.random() < 0.85 else "false"
        rows.append([dt, linea, _ts(dt), tipo, R.choice(conductores), viajeros, retraso_out,
                     _f(recaud, 2), _f(km_real, 2), 1 if inc else 0, inc, clima, accesible])
    rows.sort(key=lambda r: (r[0], r[1]))
    out = []
    for i, r in enumerate(rows):
        out.append([700001 + i] + r[1:])
    header = ["id_viaje", "linea", "salida_programada", "Tipo Dia", "conductor", "viajeros",
              "retraso_min", "recaudacion_eur", "km_recorridos", "incidencia", "tipoIncidencia",
              "clima", "bus_accesible"]
    return header, out


def make(out_dir):
    R = random.Random(44)
    os.makedirs(out_dir, exist_ok=True)
    paths = []
    for name, fn in [("wind_turbines", _wind_turbines),
                     ("courier_deliveries", _courier_deliveries),
                     ("parking_sessions", _parking_sessions),
                     ("marathon_results", _marathon_results),
                     ("refugio_perros", _refugio_perros),
                     ("viajes_autobus", _viajes_autobus)]:
        header, rows = fn(R)
        paths.append(_write(out_dir, name, header, rows))
    return paths


if __name__ == "__main__":
    import sys
    make(sys.argv[1] if len(sys.argv) > 1 else ".")
