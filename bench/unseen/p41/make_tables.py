"""Six tables for the `p41` unseen set of bench/bench_honest.py, written by a fourth helper who never read
dsagent's code (stop 39): gym visits, streaming views, bakery sales, car rentals, and two Spanish ones
(reservas_hotel, siniestros_seguro). bench_honest.py writes them into a temporary folder.

Standalone: stdlib only. make(out_dir) writes:
  gym_visits.csv, streaming_views.csv, bakery_sales.csv, car_rentals.csv,
  reservas_hotel.csv, siniestros_seguro.csv
All randomness comes from R = random.Random(41) created inside make(), so
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
def _gym_visits(R):
    days = _days(datetime.date(2023, 1, 1), datetime.date(2024, 12, 31))
    month_w = {1: 1.45, 2: 1.25, 3: 1.1, 4: 1.0, 5: 1.0, 6: 0.85, 7: 0.72,
               8: 0.68, 9: 1.08, 10: 1.02, 11: 0.95, 12: 0.78}
    dow_w = [1.25, 1.15, 1.1, 1.05, 0.9, 0.75, 0.65]
    day_w = [month_w[d.month] * dow_w[d.weekday()] * (1.15 if d.year == 2024 else 1.0)
             for d in days]
    branches = ["Downtown", "Eastside", "Harbor", "University"]
    branch_w = [0.36, 0.24, 0.2, 0.2]
    activities = ["Weights", "Cardio", "Yoga", "Spin", "Swimming", "CrossFit", "Pilates"]
    dur_mu = {"Weights": 62, "Cardio": 42, "Yoga": 60, "Spin": 45, "Swimming": 50,
              "CrossFit": 55, "Pilates": 55}
    kcal_rate = {"Weights": 6.0, "Cardio": 9.5, "Yoga": 3.5, "Spin": 10.5,
                 "Swimming": 8.5, "CrossFit": 11.0, "Pilates": 4.0}
    ages = ["18-24", "25-34", "35-44", "45-54", "55+"]
    rows = []
    n = 2400
    for i in range(n):
        d = _wchoice(R, days, day_w)
        br = _wchoice(R, branches, branch_w)
        if br == "University":
            tier = _wchoice(R, ["Basic", "Plus", "Premium", "Student"], [0.25, 0.1, 0.05, 0.6])
            age = _wchoice(R, ages, [0.55, 0.3, 0.08, 0.05, 0.02])
        else:
            tier = _wchoice(R, ["Basic", "Plus", "Premium", "Student"], [0.48, 0.27, 0.17, 0.08])
            age = _wchoice(R, ages, [0.12, 0.32, 0.27, 0.18, 0.11])
        act_w = [0.3, 0.22, 0.11, 0.12, 0.08, 0.1, 0.07]
        if br not in ("Downtown", "Harbor"):
            act_w[4] = 0.0
        if age == "55+":
            act_w[5] *= 0.2
            act_w[2] *= 1.8
            act_w[6] *= 1.8
        act = _wchoice(R, activities, act_w)
        dur = max(15, int(round(R.lognormvariate(math.log(dur_mu[act]), 0.28))))
        if tier == "Premium":
            dur = int(dur * 1.1)
        kcal = round(dur * kcal_rate[act] * R.uniform(0.75, 1.25), 1)
        if R.random() < 0.04:
            kcal = None
        guest = 1 if R.random() < (0.03 if tier == "Basic" else 0.09) else 0
        if d.weekday() >= 5:
            hour = int(min(20, max(7, R.gauss(11, 2.2))))
        elif R.random() < 0.35:
            hour = int(min(10, max(5, R.gauss(7, 1.0))))
        elif R.random() < 0.2:
            hour = int(min(15, max(11, R.gauss(12.5, 1.0))))
        else:
            hour = int(min(22, max(16, R.gauss(18.5, 1.3))))
        rows.append([d, br, tier, act, age, dur, kcal, guest, hour])
    rows.sort(key=lambda r: (r[0], r[8]))
    out = [[i + 1] + r for i, r in enumerate(rows)]
    header = ["visit_id", "visit_date", "branch", "member_tier", "activity", "AgeGroup",
              "duration_min", "calories_kcal", "is_guest", "check_in_hour"]
    return header, out


# ----------------------------------------------------------------------------
def _streaming_views(R):
    days = _days(datetime.date(2023, 7, 1), datetime.date(2024, 12, 31))
    month_w = {1: 1.3, 2: 1.2, 3: 1.05, 4: 0.95, 5: 0.9, 6: 0.85, 7: 0.8,
               8: 0.82, 9: 0.95, 10: 1.05, 11: 1.15, 12: 1.35}
    day_w = [month_w[d.month] * (1.2 if d.weekday() >= 4 else 1.0)
             * (1.0 + 0.25 * (d - days[0]).days / len(days)) for d in days]
    genres = ["Drama", "Comedy", "Documentary", "Action", "Animation", "Horror", "Reality", "Sci-Fi"]
    genre_w = [0.22, 0.2, 0.08, 0.16, 0.09, 0.07, 0.1, 0.08]
    g_min = {"Drama": 48, "Comedy": 27, "Documentary": 58, "Action": 75, "Animation": 24,
             "Horror": 70, "Reality": 38, "Sci-Fi": 62}
    devices = ["TV", "Mobile", "Laptop", "Tablet"]
    countries = ["US", "UK", "DE", "FR", "ES", "BR", "IN", "CA"]
    country_w = [0.3, 0.12, 0.1, 0.08, 0.08, 0.12, 0.12, 0.08]
    plans = ["Basic with Ads", "Standard", "Premium"]
    rows = []
    n = 3000
    for i in range(n):
        d = _wchoice(R, days, day_w)
        hr = int(R.gauss(20.5, 2.6)) % 24 if R.random() < 0.8 else R.randint(0, 23)
        ts = datetime.datetime(d.year, d.month, d.day, hr, R.randint(0, 59), R.randint(0, 59))
        c = _wchoice(R, countries, country_w)
        g = _wchoice(R, genres, genre_w)
        dev = _wchoice(R, devices, [0.42, 0.3, 0.18, 0.1] if c not in ("IN", "BR") else [0.2, 0.6, 0.12, 0.08])
        plan = _wchoice(R, plans, [0.4, 0.38, 0.22] if c not in ("IN", "BR") else [0.65, 0.27, 0.08])
        full = g_min[g]
        if R.random() < (0.55 if dev == "TV" else 0.33) * (1.2 if g in ("Drama", "Animation") else 1.0):
            frac = R.uniform(0.93, 1.02)  # watched (nearly) to the end
        else:
            frac = R.betavariate(1.2, 2.0) * 0.9  # abandoned part-way
        mins = round(max(0.5, full * frac), 1)
        completed = "true" if mins >= 0.9 * full else "false"
        rating = None
        if R.random() < 0.38:
            base = {"Documentary": 4.1, "Drama": 3.8, "Animation": 3.9, "Sci-Fi": 3.6,
                    "Action": 3.5, "Comedy": 3.5, "Horror": 3.1, "Reality": 2.9}[g]
            base += 0.4 if completed == "true" else -0.5
            rating = int(min(5, max(1, round(R.gauss(base, 0.9)))))
        rows.append([ts, g, dev, c, plan, mins, completed, rating])
    rows.sort(key=lambda r: r[0])
    out = [[100000 + i + 1] + r for i, r in enumerate(rows)]
    header = ["view_id", "watched_at", "genre", "device", "country", "subscription_plan",
              "MinutesWatched", "completed", "User Rating"]
    return header, out


# ----------------------------------------------------------------------------
def _bakery_sales(R):
    days = _days(datetime.date(2023, 1, 1), datetime.date(2024, 12, 31))
    holidays = {(1, 1), (1, 6), (4, 7), (5, 1), (7, 4), (9, 4), (11, 23), (12, 24),
                (12, 25), (12, 26), (12, 31)}
    stores = ["Old Town", "Riverside", "Station"]
    base_loaves = {"Old Town": 120, "Riverside": 85, "Station": 65}
    base_pastry = {"Old Town": 150, "Riverside": 95, "Station": 140}
    rows = []
    for d in days:
        m = d.month
        if m in (12, 1, 2):
            ww = [0.25, 0.4, 0.25, 0.1]
        elif m in (6, 7, 8):
            ww = [0.6, 0.25, 0.15, 0.0]
        else:
            ww = [0.38, 0.37, 0.25, 0.0]
        weather = _wchoice(R, ["Sunny", "Cloudy", "Rain", "Snow"], ww)
        hol = 1 if (m, d.day) in holidays else 0
        for s in stores:
            if s == "Station" and (d.weekday() == 6 or (m, d.day) in ((12, 25), (1, 1))):
                continue  # station kiosk closed on Sundays and big holidays
            promo = _wchoice(R, ["No promo", "2-for-1 Croissants", "Loyalty Week", "Happy Hour"],
                             [0.78, 0.07, 0.08, 0.07])
            wk = 1.35 if d.weekday() == 5 else (1.2 if d.weekday() == 6 else 1.0)
            if s == "Station":
                wk = 0.7 if d.weekday() == 5 else 1.0
            season = 1.0 + 0.12 * math.cos(2 * math.pi * (d.timetuple().tm_yday - 15) / 365)
            if m == 12 and d.day >= 15:
                season *= 1.3
            wf = {"Sunny": 1.05, "Cloudy": 1.0, "Rain": 0.85, "Snow": 0.7}[weather]
            yr = 1.06 if d.year == 2024 else 1.0
            hf = 1.4 if hol and s != "Station" else (0.6 if hol else 1.0)
            loaves = int(round(base_loaves[s] * wk * season * wf * yr * hf * R.uniform(0.85, 1.15)))
            pf = 1.35 if promo == "2-for-1 Croissants" else (1.12 if promo != "No promo" else 1.0)
            pastries = int(round(base_pastry[s] * wk * wf * yr * hf * pf * R.uniform(0.82, 1.18)
                                 * (1.08 if m in (6, 7, 8) else 1.0)))
            price_f = 1.0 if d.year == 2023 else 1.07
            rev = loaves * 4.2 * price_f + pastries * 3.1 * price_f * (0.8 if promo == "2-for-1 Croissants" else 1.0)
            rev += R.gauss(0, 25)
            rev = round(max(0, rev), 2)
            waste = round(max(0.0, R.gauss(0.012 * (loaves + pastries) * (1.5 if weather in ("Rain", "Snow") else 1.0), 0.9)), 2)
            if R.random() < 0.03:
                waste = None
            rows.append([d, s, weather, promo, loaves, pastries, rev, waste, hol])
    out = [[i + 1] + r for i, r in enumerate(rows)]
    header = ["sale_id", "Date", "store", "weather", "promotion", "loaves_sold",
              "pastries_sold", "Revenue (USD)", "waste_kg", "is_holiday"]
    return header, out


# ----------------------------------------------------------------------------
def _car_rentals(R):
    days = _days(datetime.date(2023, 1, 1), datetime.date(2024, 12, 31))
    cities = ["Lisbon", "Porto", "Faro", "Madrid", "Barcelona", "Malaga"]
    summer_amp = {"Lisbon": 0.6, "Porto": 0.5, "Faro": 2.2, "Madrid": 0.2,
                  "Barcelona": 0.8, "Malaga": 1.5}
    city_base = {"Lisbon": 1.0, "Porto": 0.6, "Faro": 0.5, "Madrid": 1.1,
                 "Barcelona": 0.9, "Malaga": 0.6}
    classes = ["Economy", "Compact", "SUV", "Van", "Luxury", "Electric"]
    class_w = [0.32, 0.28, 0.17, 0.07, 0.06, 0.1]
    daily = {"Economy": 32, "Compact": 41, "SUV": 63, "Van": 78, "Luxury": 135, "Electric": 55}
    channels = ["Website", "App", "Travel Agent", "Walk-in"]
    combos = []
    weights = []
    for d in days:
        s = math.exp(-((d.timetuple().tm_yday - 205) / 45.0) ** 2)
        for c in cities:
            combos.append((d, c))
            weights.append(city_base[c] * (1 + summer_amp[c] * s) * (1.1 if d.year == 2024 else 1.0))
    rows = []
    n = 1800
    for i in range(n):
        d, c = _wchoice(R, combos, weights)
        summer = d.month in (6, 7, 8, 9)
        cls = _wchoice(R, classes, class_w)
        if c == "Faro" and cls == "Electric" and R.random() < 0.6:
            cls = "Economy"
        ch = _wchoice(R, channels, [0.45, 0.25, 0.18, 0.12])
        days_n = min(28, max(1, int(R.lognormvariate(math.log(4.5 if summer else 3.0), 0.6))))
        if ch == "Walk-in":
            days_n = max(1, days_n // 2)
        per_day_km = {"Economy": 95, "Compact": 105, "SUV": 130, "Van": 140, "Luxury": 110, "Electric": 80}[cls]
        km = round(days_n * per_day_km * R.lognormvariate(0, 0.45), 1)
        if R.random() < 0.05:
            km = None
        rate = daily[cls] * (1.35 if summer else 1.0) * (1.2 if ch == "Walk-in" else 1.0)
        disc = 0.85 if days_n >= 7 else 1.0
        price = round(days_n * rate * disc * R.uniform(0.9, 1.12) + (25 if c in ("Faro", "Malaga") else 0), 2)
        age = int(min(82, max(19, R.gauss(41, 12))))
        if R.random() < 0.12:
            age = R.randint(19, 25)
        dmg_p = 0.09 if age <= 25 else 0.035
        dmg = 1 if R.random() < dmg_p else 0
        rows.append([d, c, cls, ch, days_n, km, price, age, dmg])
    rows.sort(key=lambda r: r[0])
    out = [["R%05d" % (i + 1)] + r for i, r in enumerate(rows)]
    header = ["rental_id", "pickup_date", "PickupCity", "car_class", "booking_channel",
              "rental_days", "distance_km", "Total Price EUR", "driver_age", "damage_reported"]
    return header, out


# ----------------------------------------------------------------------------
def _reservas_hotel(R):
    days = _days(datetime.date(2023, 1, 1), datetime.date(2024, 12, 31))
    ciudades = ["Málaga", "Granada", "Madrid", "Valencia", "Bilbao"]

    def ciudad_w(c, d):
        m = d.month
        if c == "Málaga":
            return 0.8 + (1.4 if m in (6, 7, 8) else 0.5 if m in (5, 9) else 0.0)
        if c == "Granada":
            return 0.7 + (0.7 if m in (3, 4, 5, 10) else 0.0)
        if c == "Madrid":
            return 1.2 - (0.4 if m == 8 else 0.0)
        if c == "Valencia":
            return 0.6 + (0.9 if m == 3 else 0.6 if m in (7, 8) else 0.0)
        return 0.45 + (0.35 if m in (7, 8) else 0.0)

    combos, weights = [], []
    for d in days:
        for c in ciudades:
            combos.append((d, c))
            weights.append(ciudad_w(c, d) * (1.08 if d.year == 2024 else 1.0))
    tipos = ["Individual", "Doble", "Suite", "Familiar"]
    canales = ["Web propia", "Booking", "Expedia", "Agencia", "Teléfono"]
    paises = ["España", "Francia", "Alemania", "Reino Unido", "Estados Unidos", "Italia", "Portugal"]
    base_precio = {"Málaga": 95, "Granada": 85, "Madrid": 120, "Valencia": 90, "Bilbao": 100}
    tipo_f = {"Individual": 0.75, "Doble": 1.0, "Suite": 2.1, "Familiar": 1.45}
    rows = []
    n = 2200
    for i in range(n):
        d, c = _wchoice(R, combos, weights)
        t = _wchoice(R, tipos, [0.2, 0.55, 0.08, 0.17])
        canal = _wchoice(R, canales, [0.28, 0.34, 0.14, 0.14, 0.1])
        pais = _wchoice(R, paises, [0.45, 0.12, 0.1, 0.13, 0.07, 0.07, 0.06])
        noches = max(1, min(14, int(R.lognormvariate(math.log(2.6 if c != "Málaga" else 4.5), 0.5))))
        hu = {"Individual": 1, "Doble": _wchoice(R, [1, 2], [0.15, 0.85]),
              "Suite": _wchoice(R, [2, 3], [0.8, 0.2]), "Familiar": _wchoice(R, [3, 4, 5], [0.35, 0.5, 0.15])}[t]
        season = 1.0
        if c == "Málaga" and d.month in (7, 8):
            season = 1.45
        elif c == "Valencia" and d.month == 3:
            season = 1.5
        elif c == "Granada" and d.month in (4, 10):
            season = 1.2
        precio = round(base_precio[c] * tipo_f[t] * season * (1.05 if d.year == 2024 else 1.0)
                       * R.uniform(0.85, 1.2), 2)
        if R.random() < 0.02:
            precio = None
        p_cancel = {"Booking": 0.27, "Expedia": 0.22, "Web propia": 0.12, "Agencia": 0.09, "Teléfono": 0.07}[canal]
        cancelada = "Sí" if R.random() < p_cancel else "No"
        punt = None
        if cancelada == "No" and R.random() < 0.7:
            punt = round(min(10.0, max(3.0, R.gauss(8.3 if t == "Suite" else 7.9, 0.9))), 1)
        rows.append([d, c, t, canal, pais, noches, hu, precio, cancelada, punt])
    rows.sort(key=lambda r: r[0])
    out = [[50001 + i] + r for i, r in enumerate(rows)]
    header = ["id_reserva", "fecha_llegada", "ciudad", "tipo_habitacion", "canal_venta",
              "pais_cliente", "noches", "huespedes", "precio_noche_eur", "cancelada",
              "Puntuación Cliente"]
    return header, out


# ----------------------------------------------------------------------------
def _siniestros_seguro(R):
    days = _days(datetime.date(2023, 1, 1), datetime.date(2024, 12, 31))
    ramos = ["Auto", "Hogar", "Salud", "Viaje", "Vida"]
    ramo_w = [0.42, 0.3, 0.15, 0.09, 0.04]
    provincias = ["Madrid", "Barcelona", "Valencia", "Sevilla", "Zaragoza", "Málaga", "Vizcaya", "A Coruña"]
    prov_w = [0.24, 0.2, 0.12, 0.1, 0.07, 0.09, 0.08, 0.1]
    causas = {
        "Auto": (["Colisión", "Robo", "Rotura de cristales", "Fenómeno atmosférico", "Otro"], [0.55, 0.12, 0.2, 0.05, 0.08]),
        "Hogar": (["Daños por agua", "Robo", "Incendio", "Fenómeno atmosférico", "Rotura de cristales", "Otro"], [0.42, 0.14, 0.06, 0.18, 0.12, 0.08]),
        "Salud": (["Enfermedad", "Accidente", "Otro"], [0.7, 0.25, 0.05]),
        "Viaje": (["Cancelación", "Equipaje", "Enfermedad", "Accidente"], [0.45, 0.3, 0.18, 0.07]),
        "Vida": (["Fallecimiento", "Invalidez"], [0.6, 0.4]),
    }
    mu = {"Auto": 1400, "Hogar": 1100, "Salud": 900, "Viaje": 650, "Vida": 30000}
    canales = ["Teléfono", "App", "Web", "Mediador"]
    end = days[-1]
    rows = []
    n = 1600
    for i in range(n):
        ramo = _wchoice(R, ramos, ramo_w)
        cs, cw = causas[ramo]
        if ramo == "Viaje":
            dw = [2.0 if d.month in (7, 8, 12) else 1.0 for d in days]
        else:
            dw = [1.0] * len(days)
        d = _wchoice(R, days, dw)
        cw = list(cw)
        if "Fenómeno atmosférico" in cs:
            k = cs.index("Fenómeno atmosférico")
            if d.month in (10, 11, 12, 1, 2):
                cw[k] *= 3.0
            elif d.month in (6, 7, 8):
                cw[k] *= 0.4
        causa = _wchoice(R, cs, cw)
        prov = _wchoice(R, provincias, prov_w)
        canal = _wchoice(R, canales, [0.3, 0.28, 0.2, 0.22])
        reclamado = R.lognormvariate(math.log(mu[ramo]), 0.85)
        if causa == "Incendio":
            reclamado *= 4
        if causa == "Rotura de cristales":
            reclamado *= 0.35
        reclamado = round(reclamado, 2)
        age_days = (end - d).days
        p_open = 0.75 if age_days < 45 else (0.3 if age_days < 150 else 0.04)
        fraude = 1 if R.random() < (0.12 if reclamado > 5000 and ramo != "Vida" else 0.03) else 0
        r = R.random()
        if r < p_open:
            estado = "Abierto"
        elif R.random() < (0.55 if fraude else 0.12):
            estado = "Rechazado"
        else:
            estado = "Pagado"
        if estado == "Pagado":
            pagado = round(reclamado * min(1.0, R.uniform(0.55, 1.05)), 2)
            dias = max(3, int(R.lognormvariate(math.log(28 if ramo != "Vida" else 75), 0.6)))
        elif estado == "Rechazado":
            pagado = 0.0
            dias = max(5, int(R.lognormvariate(math.log(40), 0.5)))
        else:
            pagado = None
            dias = None
        rows.append([d, ramo, prov, causa, canal, estado, reclamado, pagado, dias, fraude])
    rows.sort(key=lambda r: r[0])
    out = [["S-%d-%04d" % (r[0].year, i + 1)] + r for i, r in enumerate(rows)]
    header = ["id_siniestro", "fecha_siniestro", "ramo", "provincia", "causa",
              "canal_declaracion", "estado", "importe_reclamado_eur", "importe_pagado_eur",
              "dias_tramitacion", "FraudeSospechoso"]
    return header, out


# ----------------------------------------------------------------------------
def make(out_dir: str):
    R = random.Random(41)
    os.makedirs(out_dir, exist_ok=True)
    paths = []
    for name, fn in [("gym_visits", _gym_visits),
                     ("streaming_views", _streaming_views),
                     ("bakery_sales", _bakery_sales),
                     ("car_rentals", _car_rentals),
                     ("reservas_hotel", _reservas_hotel),
                     ("siniestros_seguro", _siniestros_seguro)]:
        header, rows = fn(R)
        paths.append(_write(out_dir, name, header, rows))
    return paths


if __name__ == "__main__":
    make(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
