"""Generate the example datasets in examples/data/ (seeded, so every run writes the same bytes).

    python examples/make_examples.py            # writes examples/data/
    python examples/make_examples.py --out DIR  # somewhere else

Everything here is synthetic: no row describes a real person. Names are drawn from short lists,
e-mail addresses use the reserved domains example.com / example.org.

Planted patterns (so the tools and the ethics reviewer have something honest to find):
- loans.csv: approval depends on credit score, income relative to loan amount and employment years,
  AND carries a moderate direct penalty for `sex` = Female and for two `ethnicity` groups; income is
  slightly lower for Female applicants (a weak proxy). About 2% of employment_years are missing.
- daily_sales.csv: weekly and yearly seasonality, a slow trend, a promo lift, temperature by region.
- passengers.csv: survival depends on sex, class and age (children first); ~8% of ages missing,
  two missing embarkation ports.
- shop/: customers, orders and products that join on customer_id and product_id; a few cancelled
  and returned orders; unit_price sometimes discounted from the list price.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
from pathlib import Path

import numpy as np

SEED = 20240611
HERE = Path(__file__).resolve().parent

FIRST_F = ["Maria", "Ana", "Laura", "Sofia", "Emma", "Olivia", "Grace", "Alice", "Clara", "Elena",
           "Lucia", "Julia", "Nora", "Ines", "Ruth", "Hannah", "Chloe", "Marta", "Irene", "Paula"]
FIRST_M = ["James", "John", "Carlos", "David", "Pablo", "Thomas", "Lucas", "Daniel", "Hugo", "Mario",
           "Samuel", "Peter", "Adam", "Jorge", "Oscar", "Leo", "Henry", "Ivan", "Marco", "Victor"]
LAST = ["Smith", "Garcia", "Johnson", "Martinez", "Brown", "Lopez", "Wilson", "Gonzalez", "Taylor",
        "Perez", "Moore", "Sanchez", "Clark", "Ramirez", "Lewis", "Torres", "Walker", "Flores", "Hall",
        "Rivera", "Young", "Gomez", "King", "Diaz", "Wright", "Ruiz", "Scott", "Alvarez", "Green", "Moreno"]


def _write(path: Path, header: list[str], rows) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            w.writerow(["" if v is None else v for v in row])
    tmp.replace(path)


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def make_loans(rng: np.random.Generator, n: int = 2000):
    sex = rng.choice(["Female", "Male"], size=n, p=[0.47, 0.53])
    ethnicity = rng.choice(["White", "Black", "Hispanic", "Asian", "Other"], size=n,
                           p=[0.55, 0.15, 0.17, 0.09, 0.04])
    region = rng.choice(["North", "South", "East", "West"], size=n, p=[0.3, 0.25, 0.25, 0.2])
    age = np.clip(rng.normal(41, 12, n).round(), 18, 78).astype(int)
    employment = np.clip(rng.gamma(2.2, 3.2, n) * (age - 17) / 30, 0, age - 18).round(1)
    income = rng.lognormal(np.log(52000), 0.45, n) * np.where(sex == "Female", 0.92, 1.0)
    income = (income * (1 + 0.01 * np.minimum(employment, 20))).round(-2)
    purpose = rng.choice(["home", "car", "education", "business", "personal"], size=n,
                         p=[0.3, 0.25, 0.12, 0.13, 0.2])
    base_amount = {"home": 120000, "car": 18000, "education": 15000, "business": 45000, "personal": 8000}
    amount = np.array([base_amount[p] for p in purpose]) * rng.lognormal(0, 0.4, n)
    amount = amount.round(-2)
    credit = np.clip(rng.normal(680, 65, n) + 1.5 * np.minimum(employment, 20), 300, 850).round().astype(int)
    start = dt.date(2023, 1, 1)
    days = rng.integers(0, 730, n)
    ratio = amount / income
    logit = (0.018 * (credit - 680) - 0.55 * np.log(ratio + 0.05) + 0.05 * np.minimum(employment, 15) - 0.1
             - 0.45 * (sex == "Female") - 0.5 * np.isin(ethnicity, ["Black", "Hispanic"]))
    approved = (rng.random(n) < _sigmoid(logit)).astype(int)
    missing_emp = rng.random(n) < 0.02
    rows = []
    for i in range(n):
        rows.append([f"A{i + 1:06d}", age[i], sex[i], ethnicity[i], region[i], f"{income[i]:.0f}",
                     f"{amount[i]:.0f}", credit[i], None if missing_emp[i] else f"{employment[i]:.1f}",
                     purpose[i], (start + dt.timedelta(days=int(days[i]))).isoformat(), approved[i]])
    rows.sort(key=lambda r: (r[10], r[0]))
    return (["application_id", "applicant_age", "sex", "ethnicity", "region", "income", "loan_amount",
             "credit_score", "employment_years", "purpose", "application_date", "approved"], rows)


def make_daily_sales(rng: np.random.Generator):
    regions = {"North": (8.0, 9.0, 1.0), "South": (18.0, 7.0, 1.3), "East": (13.0, 8.0, 0.9),
               "West": (15.0, 6.0, 1.1)}
    start, end = dt.date(2023, 1, 1), dt.date(2024, 12, 31)
    n_days = (end - start).days + 1
    rows = []
    for d in range(n_days):
        day = start + dt.timedelta(days=d)
        doy = day.timetuple().tm_yday
        for region, (t_mean, t_amp, scale) in regions.items():
            temp = t_mean - t_amp * np.cos(2 * np.pi * (doy - 15) / 365.25) + rng.normal(0, 2.5)
            promo = int(rng.random() < 0.12)
            weekly = 1.25 if day.weekday() >= 5 else (0.9 if day.weekday() == 0 else 1.0)
            yearly = 1 + 0.25 * np.sin(2 * np.pi * (doy - 80) / 365.25) + (0.35 if day.month == 12 else 0)
            trend = 1 + 0.15 * d / n_days
            mean = 120 * scale * weekly * yearly * trend * (1.3 if promo else 1.0)
            units = int(rng.poisson(mean))
            price = 12.5 * (0.85 if promo else 1.0) * rng.normal(1, 0.02)
            rows.append([day.isoformat(), region, units, f"{units * price:.2f}", promo, f"{temp:.1f}"])
    return ["date", "region", "units", "revenue", "promo", "temperature"], rows


def make_passengers(rng: np.random.Generator, n: int = 900):
    pclass = rng.choice([1, 2, 3], size=n, p=[0.24, 0.21, 0.55])
    sex = rng.choice(["female", "male"], size=n, p=[0.36, 0.64])
    age = np.clip(rng.normal(np.select([pclass == 1, pclass == 2], [38, 30], 26), 14), 0.4, 80)
    age = np.where(age < 1, age.round(2), age.round())
    fare = np.select([pclass == 1, pclass == 2], [rng.lognormal(np.log(80), 0.6, n),
                                                   rng.lognormal(np.log(20), 0.4, n)],
                     rng.lognormal(np.log(9), 0.45, n)).round(2)
    embarked = rng.choice(["S", "C", "Q"], size=n, p=[0.72, 0.19, 0.09])
    logit = 2.6 * (sex == "female") - 2.1 + 1.1 * (3 - pclass) - 0.018 * (age - 30) + 1.2 * (age < 12)
    survived = (rng.random(n) < _sigmoid(logit)).astype(int)
    missing_age = rng.random(n) < 0.08
    missing_port = set(rng.choice(n, size=2, replace=False).tolist())
    rows = []
    for i in range(n):
        female = sex[i] == "female"
        first = rng.choice(FIRST_F if female else FIRST_M)
        title = ("Miss" if age[i] < 18 or rng.random() < 0.4 else "Mrs") if female else ("Master" if age[i] < 13 else "Mr")
        name = f"{rng.choice(LAST)}, {title}. {first}"
        rows.append([i + 1, name, sex[i], None if missing_age[i] else f"{age[i]:g}", pclass[i], f"{fare[i]:.2f}",
                     None if i in missing_port else embarked[i], survived[i]])
    return ["passenger_id", "name", "sex", "age", "pclass", "fare", "embarked", "survived"], rows


def make_shop(rng: np.random.Generator, n_customers: int = 500, n_orders: int = 5000, n_products: int = 50):
    categories = {"Electronics": ["Headphones", "Charger", "Speaker", "Keyboard", "Mouse", "Webcam", "Monitor"],
                  "Home": ["Lamp", "Kettle", "Blanket", "Mug", "Vase", "Clock", "Cushion"],
                  "Books": ["Novel", "Cookbook", "Atlas", "Notebook", "Guide", "Comic", "Diary"],
                  "Sports": ["Yoga mat", "Bottle", "Ball", "Racket", "Gloves", "Rope", "Bag"],
                  "Toys": ["Puzzle", "Blocks", "Kite", "Robot", "Doll", "Train", "Cards"]}
    price_level = {"Electronics": 60, "Home": 25, "Books": 15, "Sports": 30, "Toys": 20}
    adjectives = ["Classic", "Compact", "Deluxe", "Eco", "Mini", "Pro", "Smart", "Travel", "Vintage", "Basic"]
    products, seen = [], set()
    cats = list(categories)
    while len(products) < n_products:
        cat = cats[len(products) % len(cats)]
        pname = f"{rng.choice(adjectives)} {rng.choice(categories[cat])}"
        if pname in seen:
            continue
        seen.add(pname)
        price = round(float(price_level[cat] * rng.lognormal(0, 0.45)), 2)
        products.append([f"P{len(products) + 1:03d}", pname, cat, f"{price:.2f}"])

    countries = ["Spain", "France", "Germany", "Italy", "Portugal", "United Kingdom", "Mexico", "Argentina"]
    segments = ["Consumer", "Corporate", "Home Office"]
    customers = []
    signup = []
    for i in range(n_customers):
        female = rng.random() < 0.5
        first = str(rng.choice(FIRST_F if female else FIRST_M))
        last = str(rng.choice(LAST))
        domain = "example.com" if rng.random() < 0.7 else "example.org"
        email = f"{first.lower()}.{last.lower()}{i + 1}@{domain}"
        day = dt.date(2022, 1, 1) + dt.timedelta(days=int(rng.integers(0, 900)))
        signup.append(day)
        customers.append([f"C{i + 1:04d}", f"{first} {last}", email,
                          rng.choice(countries, p=[0.3, 0.15, 0.15, 0.1, 0.08, 0.1, 0.07, 0.05]),
                          rng.choice(segments, p=[0.6, 0.25, 0.15]), day.isoformat()])

    activity = rng.gamma(0.9, 1.0, n_customers)
    activity /= activity.sum()
    popularity = rng.gamma(1.2, 1.0, n_products)
    popularity /= popularity.sum()
    last_day = dt.date(2024, 12, 31)
    orders = []
    for j in range(n_orders):
        c = int(rng.choice(n_customers, p=activity))
        p = int(rng.choice(n_products, p=popularity))
        span = (last_day - signup[c]).days
        day = signup[c] + dt.timedelta(days=int(rng.integers(0, max(span, 1))))
        qty = int(min(1 + rng.poisson(0.7), 10))
        list_price = float(products[p][3])
        unit = list_price * (0.9 if rng.random() < 0.15 else 1.0)
        status = rng.choice(["delivered", "shipped", "cancelled", "returned"], p=[0.82, 0.08, 0.06, 0.04])
        if day > last_day - dt.timedelta(days=10) and status == "delivered":
            status = "shipped"
        orders.append([f"O{j + 1:05d}", customers[c][0], products[p][0], day.isoformat(), qty,
                       f"{unit:.2f}", status])
    orders.sort(key=lambda r: (r[3], r[0]))
    # Renumber so order_id follows time, as a real system would.
    for k, row in enumerate(orders):
        row[0] = f"O{k + 1:05d}"
    return (
        (["customer_id", "name", "email", "country", "segment", "signup_date"], customers),
        (["order_id", "customer_id", "product_id", "order_date", "quantity", "unit_price", "status"], orders),
        (["product_id", "product_name", "category", "price"], products),
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(HERE / "data"), help="output folder (default examples/data)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    # One generator per file, so changing one dataset does not change the others.
    _write(out / "loans.csv", *make_loans(np.random.default_rng([SEED, 1])))
    _write(out / "daily_sales.csv", *make_daily_sales(np.random.default_rng([SEED, 2])))
    _write(out / "passengers.csv", *make_passengers(np.random.default_rng([SEED, 3])))
    customers, orders, products = make_shop(np.random.default_rng([SEED, 4]))
    _write(out / "shop" / "customers.csv", *customers)
    _write(out / "shop" / "orders.csv", *orders)
    _write(out / "shop" / "products.csv", *products)
    for path in sorted(out.rglob("*.csv")):
        print(f"{path.relative_to(out)}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
