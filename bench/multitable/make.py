"""Two seeded multi-table databases and their questions, for text-to-SQL on schemas of 10+ tables.

    python bench/multitable/make.py /tmp/multitable      # writes dev.json and databases/<db>/<db>.duckdb
    python bench/bench_nsql.py --dev /tmp/multitable/dev.json --arm agent
    python bench/bench_nsql.py --dev /tmp/multitable/dev.json --arm baseline

`library` (11 tables) and `airline` (10 tables) are made here, seeded, with foreign keys between
them; neither is a bundled example nor shares a schema with any benchmark set, and the questions
(questions.json, gold SQL written by hand) were written for this bench, not taken from the planner's
fixtures. The files use DuckDB-NSQL's layout, so bench_nsql.py and `dsagent eval` read them as they
are. Every gold query is checked to run, to return rows, and (with ORDER BY ... LIMIT) to have no tie
at the cut, so one right answer exists.
"""

from __future__ import annotations

import json
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
FIRST = ["Ana", "Ben", "Chloe", "David", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kemal", "Lena",
         "Marta", "Nils", "Olga", "Pablo", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wim", "Yara"]
LAST = ["Alves", "Berg", "Costa", "Dahl", "Esposito", "Fischer", "Garcia", "Hansen", "Ivanova", "Jensen",
        "Kowalski", "Larsen", "Moreau", "Novak", "Okafor", "Petrov", "Rossi", "Silva", "Tanaka", "Weber"]
COUNTRIES = ["Spain", "France", "Germany", "Italy", "Portugal", "Poland", "Sweden", "Japan", "Brazil", "Canada"]


def names(rng: np.random.Generator, n: int) -> list[str]:
    seen: set[str] = set()
    out = []
    while len(out) < n:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name not in seen or len(seen) >= len(FIRST) * len(LAST):
            seen.add(name)
            out.append(name)
    return out


def day(rng: np.random.Generator, start: date, days: int) -> date:
    return start + timedelta(days=int(rng.integers(0, days)))


def library(con, rng: np.random.Generator) -> None:
    cities = ["Lisbon", "Porto", "Braga", "Coimbra", "Faro", "Aveiro"]
    branches = [(i + 1, f"{c} {kind} Library", c, int(rng.integers(1950, 2015)))
                for i, (c, kind) in enumerate(zip(cities, ["Central", "North", "Riverside", "Old Town", "Harbour", "Park"]))]
    genres = [(i + 1, g) for i, g in enumerate(["Fiction", "Science Fiction", "Mystery", "History", "Biography",
                                                 "Poetry", "Science", "Children", "Travel"])]
    authors = [(i + 1, n, str(rng.choice(COUNTRIES[:6])), int(rng.integers(1920, 1995)))
               for i, n in enumerate(names(rng, 60))]
    publishers = [(i + 1, p, c) for i, (p, c) in enumerate([
        ("Aurora Press", "Spain"), ("Blue Door", "France"), ("Kranich Verlag", "Germany"), ("Lumen", "Italy"),
        ("Mar Alto", "Portugal"), ("North Shelf", "Sweden"), ("Tinta Nova", "Spain"), ("Vogel & Sohn", "Germany")])]
    words = ["River", "Night", "Glass", "Garden", "Stone", "Winter", "Letters", "Map", "Harbour", "Silence", "Fire",
             "Orchard", "Mirror", "Atlas", "Tide", "Crown", "Lantern", "Field", "Echo", "Bridge"]
    author_weight = rng.dirichlet(np.ones(len(authors)) * 0.6)
    books = []
    for i in range(240):
        title = f"The {rng.choice(words)} of {rng.choice(words)} {i + 1}"
        books.append((i + 1, title, int(rng.choice(len(authors), p=author_weight)) + 1,
                      int(rng.integers(1, len(publishers) + 1)), int(rng.integers(1, len(genres) + 1)),
                      int(rng.integers(1960, 2025)), int(rng.integers(90, 900))))
    copies, copy_id = [], 0
    for b in books:
        for _ in range(int(rng.integers(1, 4))):
            copy_id += 1
            copies.append((copy_id, b[0], int(rng.integers(1, len(branches) + 1)),
                           day(rng, date(2005, 1, 1), 6500), str(rng.choice(["good", "fair", "poor"], p=[.6, .3, .1]))))
    members = [(i + 1, n, int(rng.integers(1, len(branches) + 1)), day(rng, date(2015, 1, 1), 3650),
                str(rng.choice(["standard", "student", "senior", "family"], p=[.5, .2, .15, .15])))
               for i, n in enumerate(names(rng, 400))]
    popularity = rng.dirichlet(np.ones(len(copies)) * 0.3)
    loans, fines = [], []
    for i in range(3000):
        loan_day = day(rng, date(2022, 1, 1), 1000)
        due = loan_day + timedelta(days=21)
        back = None if rng.random() < 0.05 else loan_day + timedelta(days=int(rng.integers(1, 40)))
        loans.append((i + 1, int(rng.choice(len(copies), p=popularity)) + 1, int(rng.integers(1, len(members) + 1)),
                      loan_day, due, back))
        if back is not None and back > due:
            fines.append((len(fines) + 1, i + 1, round(0.25 * (back - due).days, 2), bool(rng.random() < 0.7)))
    events = [(i + 1, int(rng.integers(1, len(branches) + 1)),
               str(rng.choice(["Reading club", "Author talk", "Story time", "Workshop", "Film night"])),
               day(rng, date(2023, 1, 1), 700), int(rng.integers(5, 120))) for i in range(150)]
    staff = [(i + 1, n, int(rng.integers(1, len(branches) + 1)),
              str(rng.choice(["librarian", "assistant", "manager", "technician"], p=[.45, .35, .1, .1])),
              int(rng.integers(18, 60)) * 1000) for i, n in enumerate(names(rng, 45))]
    ddl = {
        "branches": "branch_id INTEGER PRIMARY KEY, name VARCHAR, city VARCHAR, opened_year INTEGER",
        "genres": "genre_id INTEGER PRIMARY KEY, name VARCHAR",
        "authors": "author_id INTEGER PRIMARY KEY, name VARCHAR, country VARCHAR, birth_year INTEGER",
        "publishers": "publisher_id INTEGER PRIMARY KEY, name VARCHAR, country VARCHAR",
        "books": "book_id INTEGER PRIMARY KEY, title VARCHAR, author_id INTEGER REFERENCES authors(author_id), "
                 "publisher_id INTEGER REFERENCES publishers(publisher_id), genre_id INTEGER REFERENCES genres(genre_id), "
                 "pub_year INTEGER, pages INTEGER",
        "copies": "copy_id INTEGER PRIMARY KEY, book_id INTEGER REFERENCES books(book_id), "
                  "branch_id INTEGER REFERENCES branches(branch_id), acquired_date DATE, condition VARCHAR",
        "members": "member_id INTEGER PRIMARY KEY, name VARCHAR, branch_id INTEGER REFERENCES branches(branch_id), "
                   "joined_date DATE, membership_type VARCHAR",
        "loans": "loan_id INTEGER PRIMARY KEY, copy_id INTEGER REFERENCES copies(copy_id), "
                 "member_id INTEGER REFERENCES members(member_id), loan_date DATE, due_date DATE, return_date DATE",
        "fines": "fine_id INTEGER PRIMARY KEY, loan_id INTEGER REFERENCES loans(loan_id), amount DECIMAL(8,2), paid BOOLEAN",
        "events": "event_id INTEGER PRIMARY KEY, branch_id INTEGER REFERENCES branches(branch_id), title VARCHAR, "
                  "event_date DATE, attendees INTEGER",
        "staff": "staff_id INTEGER PRIMARY KEY, name VARCHAR, branch_id INTEGER REFERENCES branches(branch_id), "
                 "role VARCHAR, salary INTEGER",
    }
    rows = {"branches": branches, "genres": genres, "authors": authors, "publishers": publishers, "books": books,
            "copies": copies, "members": members, "loans": loans, "fines": fines, "events": events, "staff": staff}
    load(con, ddl, rows)


def airline(con, rng: np.random.Generator) -> None:
    airports = [("MAD", "Barajas", "Madrid", "Spain"), ("BCN", "El Prat", "Barcelona", "Spain"),
                ("CDG", "Charles de Gaulle", "Paris", "France"), ("FRA", "Frankfurt Main", "Frankfurt", "Germany"),
                ("MUC", "Franz Josef Strauss", "Munich", "Germany"), ("FCO", "Fiumicino", "Rome", "Italy"),
                ("LIS", "Humberto Delgado", "Lisbon", "Portugal"), ("ARN", "Arlanda", "Stockholm", "Sweden"),
                ("NRT", "Narita", "Tokyo", "Japan"), ("GRU", "Guarulhos", "Sao Paulo", "Brazil"),
                ("YYZ", "Pearson", "Toronto", "Canada"), ("WAW", "Chopin", "Warsaw", "Poland")]
    coords = {"MAD": (40.5, -3.6), "BCN": (41.3, 2.1), "CDG": (49.0, 2.5), "FRA": (50.0, 8.6), "MUC": (48.4, 11.8),
              "FCO": (41.8, 12.2), "LIS": (38.8, -9.1), "ARN": (59.6, 17.9), "NRT": (35.8, 140.4),
              "GRU": (-23.4, -46.5), "YYZ": (43.7, -79.6), "WAW": (52.2, 21.0)}
    models = [("A320", "Airbus", 180), ("A321", "Airbus", 220), ("A350", "Airbus", 325), ("737-800", "Boeing", 189),
              ("787-9", "Boeing", 290), ("E190", "Embraer", 100), ("CRJ900", "Bombardier", 90)]
    aircraft = []
    for i in range(30):
        m = models[int(rng.integers(0, len(models)))]
        aircraft.append((i + 1, m[0], m[1], m[2], int(rng.integers(1998, 2024))))
    codes = [a[0] for a in airports]
    routes, seen = [], set()
    while len(routes) < 40:
        o, d = rng.choice(codes, 2, replace=False)
        # One route per pair of airports: A→B and B→A would share a distance and tie "the longest".
        if (o, d) in seen or (d, o) in seen:
            continue
        seen.add((o, d))
        (la1, lo1), (la2, lo2) = coords[o], coords[d]
        lat1, lon1, lat2, lon2 = map(np.radians, (la1, lo1, la2, lo2))
        km = 6371 * 2 * np.arcsin(np.sqrt(np.sin((lat2 - lat1) / 2) ** 2
                                          + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2))
        routes.append((len(routes) + 1, str(o), str(d), int(round(km))))
    flights = []
    for i in range(1200):
        cancelled = bool(rng.random() < 0.04)
        flights.append((i + 1, int(rng.integers(1, len(routes) + 1)), int(rng.integers(1, len(aircraft) + 1)),
                        day(rng, date(2024, 1, 1), 366), int(rng.integers(5, 23)),
                        None if cancelled else int(max(0, rng.normal(12, 25))), cancelled))
    passengers = [(i + 1, n, str(rng.choice(COUNTRIES)), str(rng.choice(["none", "silver", "gold", "platinum"],
                                                                           p=[.55, .25, .15, .05])))
                  for i, n in enumerate(names(rng, 500))]
    bookings, bags = [], []
    for i in range(5000):
        f = flights[int(rng.integers(0, len(flights)))]
        cls = str(rng.choice(["economy", "premium", "business"], p=[.75, .15, .1]))
        km = routes[f[1] - 1][3]
        price = round(float((40 + 0.09 * km) * {"economy": 1, "premium": 1.8, "business": 3.5}[cls]
                            * rng.uniform(0.7, 1.4)), 2)
        bookings.append((i + 1, f[0], int(rng.integers(1, len(passengers) + 1)), cls, price,
                         f[3] - timedelta(days=int(rng.integers(1, 120)))))
        for _ in range(int(rng.integers(0, 3))):
            bags.append((len(bags) + 1, i + 1, round(float(rng.uniform(5, 30)), 1), bool(rng.random() < 0.01)))
    crew = [(i + 1, n, str(rng.choice(["pilot", "first officer", "cabin crew"], p=[.25, .25, .5])),
             str(rng.choice(codes))) for i, n in enumerate(names(rng, 80))]
    assignments, pairs = [], set()
    for f in flights:
        for c in rng.choice(len(crew), 3, replace=False):
            if (f[0], int(c) + 1) not in pairs:
                pairs.add((f[0], int(c) + 1))
                assignments.append((f[0], int(c) + 1))
    points = [(p[0], y, int(rng.integers(0, 20000))) for p in passengers for y in (2023, 2024) if rng.random() < 0.6]
    ddl = {
        "airports": "code VARCHAR PRIMARY KEY, name VARCHAR, city VARCHAR, country VARCHAR",
        "aircraft": "aircraft_id INTEGER PRIMARY KEY, model VARCHAR, manufacturer VARCHAR, seats INTEGER, year_built INTEGER",
        "routes": "route_id INTEGER PRIMARY KEY, origin VARCHAR REFERENCES airports(code), "
                  "destination VARCHAR REFERENCES airports(code), distance_km INTEGER",
        "flights": "flight_id INTEGER PRIMARY KEY, route_id INTEGER REFERENCES routes(route_id), "
                   "aircraft_id INTEGER REFERENCES aircraft(aircraft_id), departure_date DATE, departure_hour INTEGER, "
                   "delay_minutes INTEGER, cancelled BOOLEAN",
        "passengers": "passenger_id INTEGER PRIMARY KEY, name VARCHAR, country VARCHAR, frequent_flyer_tier VARCHAR",
        "bookings": "booking_id INTEGER PRIMARY KEY, flight_id INTEGER REFERENCES flights(flight_id), "
                    "passenger_id INTEGER REFERENCES passengers(passenger_id), fare_class VARCHAR, price DECIMAL(10,2), "
                    "booked_date DATE",
        "baggage": "bag_id INTEGER PRIMARY KEY, booking_id INTEGER REFERENCES bookings(booking_id), weight_kg DOUBLE, "
                   "lost BOOLEAN",
        "crew": "crew_id INTEGER PRIMARY KEY, name VARCHAR, role VARCHAR, base_airport VARCHAR REFERENCES airports(code)",
        "crew_assignments": "flight_id INTEGER REFERENCES flights(flight_id), crew_id INTEGER REFERENCES crew(crew_id)",
        "loyalty_points": "passenger_id INTEGER REFERENCES passengers(passenger_id), year INTEGER, points INTEGER",
    }
    rows = {"airports": airports, "aircraft": aircraft, "routes": routes, "flights": flights,
            "passengers": passengers, "bookings": bookings, "baggage": bags, "crew": crew,
            "crew_assignments": assignments, "loyalty_points": points}
    load(con, ddl, rows)


def load(con, ddl: dict[str, str], rows: dict[str, list[tuple]]) -> None:
    for table, columns in ddl.items():
        con.execute(f"CREATE TABLE {table} ({columns})")
        data = rows[table]
        if data:
            marks = ", ".join("?" * len(data[0]))
            con.executemany(f"INSERT INTO {table} VALUES ({marks})", data)


def check(con, db: str, items: list[dict]) -> list[str]:
    """Problems with a gold query: it fails, returns nothing, or ties at its LIMIT."""
    problems = []
    for n, x in enumerate(items):
        if x["db_id"] != db:
            continue
        try:
            rows = con.execute(x["query"]).fetchall()
        except Exception as exc:  # noqa: BLE001 - reported, the set is not written
            problems.append(f"{n}: {exc}")
            continue
        if not rows:
            problems.append(f"{n}: no rows")
        sql = " ".join(x["query"].lower().split())
        if " order by " in sql and " limit " in sql:
            limit = int(sql.rsplit(" limit ", 1)[1].split()[0].rstrip(";"))
            unlimited = con.execute(x["query"].rsplit("LIMIT", 1)[0]).fetchall()
            at = x.get("order_column", -1)  # where the ordering value is in a row of the result
            if len(unlimited) > limit and unlimited[limit - 1][at] == unlimited[limit][at]:
                problems.append(f"{n}: a tie at the LIMIT")
    return problems


def main() -> int:
    import duckdb

    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    out = Path(sys.argv[1])
    items = json.loads((HERE / "questions.json").read_text(encoding="utf-8"))
    problems = []
    for db, make in (("library", library), ("airline", airline)):
        folder = out / "databases" / db
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        con = duckdb.connect(str(folder / f"{db}.duckdb"))
        make(con, np.random.default_rng(20261203))
        problems += [f"{db} {p}" for p in check(con, db, items)]
        con.close()
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    (out / "dev.json").write_text(json.dumps(items, indent=1), encoding="utf-8")
    print(f"{out / 'dev.json'}: {len(items)} questions over library (11 tables) and airline (10 tables)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
