"""Six tables for the `p38` unseen set of bench/bench_honest.py, written by a helper who never read dsagent's code.

library_loans, bike_trips, restaurant_inspections, crop_yields, and two Spanish ones (pacientes,
tienda_online): seeded (random.Random(38)), so they are the same on every machine; bench_honest.py writes
them into a temporary folder each run. Run: python bench/unseen/p38/make_tables.py DIR
"""
import csv
import random
import sys
from datetime import date, datetime, timedelta

R = random.Random(38)
OUT = "./"


def write(name, header, rows):
    with open(OUT + name, "w", newline="", encoding="utf-8") as f:  # noqa: PTH123 - a plain script
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
    if __name__ == "__main__":
        print(name, len(rows), "rows")


def rand_date(start, end):
    d = (end - start).days
    return start + timedelta(days=R.randint(0, d))


def maybe(v, p):
    """Return None with probability p."""
    return None if R.random() < p else v


# ---------------------------------------------------------------- library_loans
def library_loans():
    titles = {
        "Fiction": ["The Silent River", "Midnight in Lisbon", "A House of Ash", "The Last Orchard",
                    "Paper Lanterns", "Winter Tide"],
        "Mystery": ["Death at the Pier", "The Glass Key Affair", "Murder on Elm Street", "The Vanishing Clerk"],
        "Science Fiction": ["Orbit of Sorrow", "The Mars Ledger", "Quantum Harvest", "Neon Exodus"],
        "Non-Fiction": ["A Short History of Salt", "The Body Keeps Time", "Cities of Tomorrow",
                        "Thinking in Systems"],
        "Children": ["Pip the Brave Mouse", "The Moon Balloon", "Ten Little Foxes"],
        "Biography": ["Marie: A Life", "The Engineer of Rails", "Letters from Havana"],
        "Romance": ["Summer in Sorrento", "The Second Letter", "Hearts Adrift"],
    }
    genre_w = [30, 18, 12, 15, 10, 7, 8]
    branches = ["Central", "Northside", "Riverside", "Eastgate", "Old Town"]
    branch_w = [35, 20, 18, 15, 12]
    formats = ["print", "ebook", "audiobook"]
    rows = []
    members = list(range(1001, 1421))
    for i in range(1, 1501):
        genre = R.choices(list(titles), genre_w)[0]
        title = R.choice(titles[genre])
        branch = R.choices(branches, branch_w)[0]
        ld = rand_date(date(2022, 1, 1), date(2024, 6, 30))
        fmt = R.choices(formats, [70, 20, 10])[0]
        renewals = R.choices([0, 1, 2, 3], [60, 25, 10, 5])[0]
        due = ld + timedelta(days=21 * (1 + renewals))
        if R.random() < 0.07:
            ret = None
            days_late = None
            fine = None
        else:
            if fmt != "print" or R.random() < 0.72:
                ret = due - timedelta(days=R.randint(0, 18))
                days_late = 0
            else:
                days_late = int(R.expovariate(1 / 9)) + 1
                ret = due + timedelta(days=days_late)
            fine = round(min(days_late * 0.25, 10.0), 2)
        age = maybe(int(min(max(R.gauss(41, 17), 6), 90)), 0.05)
        rows.append([f"L{i:05d}", R.choice(members), title, genre, branch, ld.isoformat(),
                     ret.isoformat() if ret else None, due.isoformat(), days_late, fine, fmt,
                     renewals, age])
    write("library_loans.csv",
          ["loan_id", "MemberID", "book_title", "Genre", "branch", "loan_date", "return_date",
           "due_date", "days_late", "fine_eur", "format", "renewals", "member_age"], rows)


# ---------------------------------------------------------------- bike_trips
def bike_trips():
    stations = ["Central Station", "Harbor Point", "City Hall", "University Ave", "Museum Sq",
                "Park & 5th", "Riverside Dock", "Market St", "Old Mill", "Stadium North",
                "Greenway Loop", "Library Plaza"]
    rows = []
    for i in range(1, 1801):
        start = R.choice(stations)
        end = start if R.random() < 0.08 else R.choice([s for s in stations if s != start])
        d = rand_date(date(2023, 1, 1), date(2023, 12, 31))
        # more trips in summer: resample winter days
        if d.month in (1, 2, 12) and R.random() < 0.5:
            d = rand_date(date(2023, 5, 1), date(2023, 9, 30))
        hour = R.choices(range(24), [1, 1, 1, 1, 1, 2, 5, 9, 12, 7, 5, 5, 6, 6, 6, 7, 9, 12, 10, 7, 5,
                                     4, 3, 2])[0]
        ts = datetime(d.year, d.month, d.day, hour, R.randint(0, 59), R.randint(0, 59))
        member = R.choices(["member", "casual"], [65, 35])[0]
        bike = R.choices(["classic", "electric", "docked"], [50, 40, 10])[0]
        speed = R.uniform(9, 16) if bike != "electric" else R.uniform(14, 22)
        dur = round(max(2.0, R.lognormvariate(2.6 if member == "member" else 3.0, 0.55)), 1)
        dist = round(dur / 60 * speed * (0.3 if start == end else 1.0), 2)
        if R.random() < 0.02:
            dist = None
        ended = ts + timedelta(seconds=int(dur * 60))
        birth = maybe(R.randint(1950, 2006), 0.15)
        temp = round(8 + 12 * (1 - abs(d.month - 7) / 6) + R.gauss(0, 3), 1)
        rows.append([100000 + i, start, end, ts.strftime("%Y-%m-%d %H:%M:%S"),
                     ended.strftime("%Y-%m-%d %H:%M:%S"), dur, dist, member, bike, birth, temp])
    write("bike_trips.csv",
          ["trip_id", "start_station", "end_station", "started_at", "ended_at", "duration_min",
           "distance_km", "member_type", "bike_type", "rider_birth_year", "temp_c"], rows)


# ---------------------------------------------------------------- restaurant_inspections
def restaurant_inspections():
    cuisines = ["Italian", "Chinese", "Mexican", "American", "Japanese", "Indian", "Thai",
                "Caribbean", "Pizza", "Cafe/Bakery"]
    boroughs = ["Manhattan", "Brooklyn", "Queens", "Bronx", "Staten Island"]
    bw = [35, 28, 22, 10, 5]
    words1 = ["Golden", "Lucky", "Blue", "Little", "Royal", "Happy", "Green", "Urban", "Old",
              "Sunny", "Red", "Corner"]
    words2 = {"Italian": "Trattoria", "Chinese": "Dragon", "Mexican": "Taqueria",
              "American": "Diner", "Japanese": "Sushi", "Indian": "Tandoor", "Thai": "Basil",
              "Caribbean": "Island Grill", "Pizza": "Pizza", "Cafe/Bakery": "Bakery"}
    restaurants = []
    used = set()
    while len(restaurants) < 260:
        c = R.choice(cuisines)
        n = f"{R.choice(words1)} {words2[c]}"
        if n in used:
            n = f"{n} {R.choice(['II', 'Express', 'House', '& Bar', 'Kitchen'])}"
        if n in used:
            continue
        used.add(n)
        restaurants.append((n, c, R.choices(boroughs, bw)[0], R.choice([20, 30, 40, 60, 80, 120])))
    rows = []
    for i in range(1, 1201):
        name, cui, bor, seats = R.choice(restaurants)
        d = rand_date(date(2021, 1, 1), date(2024, 12, 31))
        viol = R.choices(range(8), [18, 22, 20, 15, 10, 7, 5, 3])[0]
        crit = 1 if (viol >= 2 and R.random() < 0.15 * viol) else 0
        score = max(0, int(viol * R.uniform(2, 4) + crit * R.randint(5, 12) + R.randint(0, 4)))
        grade = "A" if score <= 13 else ("B" if score <= 27 else "C")
        if R.random() < 0.08:
            grade = None  # grade pending
        inspector = f"INS-{R.randint(1, 25):03d}"
        itype = R.choices(["Initial", "Re-inspection", "Complaint"], [60, 30, 10])[0]
        rows.append([700000 + i * 7, name, cui, bor, d.isoformat(), itype, score, grade, crit,
                     viol, inspector, seats])
    write("restaurant_inspections.csv",
          ["InspectionID", "RestaurantName", "CuisineType", "Borough", "InspectionDate",
           "InspType", "Score", "Grade", "critical_flag", "ViolationCount", "InspectorID",
           "SeatingCapacity"], rows)


# ---------------------------------------------------------------- crop_yields
def crop_yields():
    countries = {"Brazil": "South America", "Argentina": "South America", "Kenya": "Africa",
                 "Nigeria": "Africa", "Ethiopia": "Africa", "India": "Asia", "Vietnam": "Asia",
                 "China": "Asia", "France": "Europe", "Spain": "Europe", "Ukraine": "Europe",
                 "United States": "North America", "Mexico": "North America"}
    crops = {"Wheat": 3.2, "Maize": 5.5, "Rice": 4.6, "Soybeans": 2.7, "Potatoes": 20.0,
             "Sorghum": 1.5}
    rows = []
    for c, reg in countries.items():
        base_rain = R.randint(350, 1800)
        cset = R.sample(list(crops), R.randint(3, 5))
        for crop in cset:
            factor = R.uniform(0.4, 1.6)
            area0 = R.uniform(5e4, 3e6)
            for y in range(2000, 2023):
                trend = 1 + 0.012 * (y - 2000)
                rain = max(100, int(R.gauss(base_rain, base_rain * 0.15)))
                yld = round(crops[crop] * factor * trend * (0.85 + 0.3 * min(rain, 1500) / 1500)
                            * R.uniform(0.9, 1.1), 2)
                area = int(area0 * (1 + 0.005 * (y - 2000)) * R.uniform(0.92, 1.08))
                prod = int(area * yld)
                fert = maybe(round(R.uniform(20, 250) * factor, 1), 0.12)
                irr = round(R.uniform(0, 70), 1)
                if R.random() < 0.03:
                    yld, prod = None, None
                rows.append([c, reg, crop, y, area, yld, prod, rain, fert, irr])
    write("crop_yields.csv",
          ["Country", "Region", "Crop", "Year", "area_ha", "yield_t_per_ha", "production_t",
           "rainfall_mm", "fertilizer_kg_per_ha", "irrigated_pct"], rows)


# ---------------------------------------------------------------- pacientes
def pacientes():
    provincias = ["Madrid", "Barcelona", "Valencia", "Sevilla", "Málaga", "Zaragoza", "Bizkaia",
                  "Asturias"]
    pw = [25, 22, 14, 11, 9, 7, 7, 5]
    diags = {"Neumonía": ("Neumología", 7, 5200), "Insuficiencia cardiaca": ("Cardiología", 9, 7400),
             "Fractura de cadera": ("Traumatología", 10, 9100),
             "Apendicitis": ("Cirugía General", 3, 4300), "EPOC": ("Neumología", 6, 4800),
             "Infarto agudo de miocardio": ("Cardiología", 6, 11800),
             "Ictus": ("Neurología", 11, 8900), "Parto": ("Obstetricia", 2, 2600),
             "Diabetes descompensada": ("Endocrinología", 5, 3900)}
    rows = []
    for i in range(1, 1301):
        dx = R.choice(list(diags))
        serv, mean_days, mean_cost = diags[dx]
        sexo = "M" if dx == "Parto" else R.choice(["H", "M"])
        if dx == "Parto":
            edad = R.randint(18, 44)
        elif dx == "Apendicitis":
            edad = R.randint(8, 60)
        else:
            edad = int(min(max(R.gauss(71, 12), 30), 99))
        fi = rand_date(date(2021, 1, 1), date(2023, 12, 31))
        dias = max(1, int(R.gauss(mean_days, mean_days * 0.4)))
        fa = fi + timedelta(days=dias)
        coste = round(mean_cost * (dias / mean_days) ** 0.7 * R.uniform(0.8, 1.2), 2)
        reing = 1 if R.random() < (0.18 if edad > 70 else 0.07) else 0
        tipo = "Programado" if dx == "Parto" and R.random() < 0.3 else (
            "Urgente" if dx not in ("Parto",) and R.random() < 0.8 else "Programado")
        rows.append([f"P{i:06d}", edad, sexo, R.choices(provincias, pw)[0], fi.isoformat(),
                     maybe(fa.isoformat(), 0.03), dias, dx, serv, tipo, maybe(coste, 0.04), reing,
                     maybe(round(R.gauss(26.5, 4.5), 1), 0.2)])
    write("pacientes.csv",
          ["id_paciente", "edad", "sexo", "provincia", "fecha_ingreso", "fecha_alta",
           "dias_estancia", "diagnostico", "servicio", "tipo_ingreso", "coste_eur", "reingreso",
           "imc"], rows)


# ---------------------------------------------------------------- tienda_online
def tienda_online():
    catalogo = {
        "Electrónica": [("Auriculares Bluetooth", 39.9), ("Cargador USB-C", 14.5),
                        ("Altavoz portátil", 59.0), ("Smartwatch", 129.0)],
        "Hogar": [("Lámpara de mesa", 24.9), ("Juego de sábanas", 34.0), ("Cafetera", 79.0)],
        "Moda": [("Camiseta básica", 12.0), ("Zapatillas running", 65.0), ("Chaqueta vaquera", 49.9)],
        "Libros": [("Novela negra", 18.9), ("Libro de cocina", 24.0), ("Guía de viajes", 21.5)],
        "Deportes": [("Esterilla yoga", 19.9), ("Mancuernas 5kg", 29.0), ("Botella térmica", 15.0)],
        "Juguetes": [("Puzzle 1000 piezas", 16.5), ("Bloques de construcción", 44.0)],
    }
    cw = [22, 18, 20, 12, 16, 12]
    paises = ["España", "Portugal", "Francia", "México", "Argentina", "Chile"]
    paw = [50, 10, 12, 14, 8, 6]
    metodos = ["Tarjeta", "PayPal", "Transferencia", "Contra reembolso", "Bizum"]
    mw = [50, 25, 8, 7, 10]
    rows = []
    for i in range(1, 1601):
        cat = R.choices(list(catalogo), cw)[0]
        prod, precio = R.choice(catalogo[cat])
        d = rand_date(date(2023, 1, 1), date(2024, 12, 31))
        if d.month in (11, 12) and R.random() < 0.0:
            pass
        if R.random() < 0.15:  # campaign bump around November/December
            d = rand_date(date(d.year, 11, 15), date(d.year, 12, 31))
        uds = R.choices([1, 2, 3, 4, 5, 6, 10], [50, 22, 12, 6, 4, 3, 3])[0]
        desc = R.choices([0, 5, 10, 15, 20], [60, 12, 15, 8, 5])[0]
        importe = round(uds * precio * (1 - desc / 100), 2)
        pais = R.choices(paises, paw)[0]
        envio = 0.0 if importe >= 50 else (3.99 if pais in ("España", "Portugal") else 9.99)
        metodo = R.choices(metodos, mw)[0]
        if pais != "España" and metodo == "Bizum":
            metodo = "Tarjeta"
        val = maybe(R.choices([1, 2, 3, 4, 5], [4, 6, 15, 35, 40])[0], 0.35)
        rows.append([20230000 + i, d.isoformat(), f"C{R.randint(1, 600):04d}", cat, prod, uds,
                     precio, desc, importe, envio, metodo, pais, val])
    write("tienda_online.csv",
          ["pedido", "fecha", "cliente_id", "categoria", "producto", "unidades",
           "precio_unitario", "descuento_pct", "importe", "gastos_envio", "metodo_pago", "pais",
           "valoracion"], rows)


def make(out: str) -> None:
    """Write the six tables into the folder `out` (from a fresh seed, so always the same rows)."""
    global OUT, R
    OUT, R = out.rstrip("/") + "/", random.Random(38)
    library_loans()
    bike_trips()
    restaurant_inspections()
    crop_yields()
    pacientes()
    tienda_online()


if __name__ == "__main__":
    make(sys.argv[1] if len(sys.argv) > 1 else ".")
