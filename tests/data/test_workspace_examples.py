"""The example data is what its seeded script writes, and loads into the tables the docs promise."""

from __future__ import annotations

import pytest

import subprocess
import sys
from conftest import REPO

REPO = REPO


@pytest.mark.slow
def test_make_examples_reproduces_the_committed_files(tmp_path):
    script = REPO / "examples" / "make_examples.py"
    done = subprocess.run([sys.executable, str(script), "--out", str(tmp_path)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    for name in ("loans.csv", "daily_sales.csv", "passengers.csv", "shop/customers.csv", "shop/orders.csv",
                 "shop/products.csv"):
        assert (tmp_path / name).read_bytes() == (REPO / "examples" / "data" / name).read_bytes(), name


def test_examples_load_with_the_documented_shape(examples, open_ws):
    ws = open_ws(examples)
    assert {"loans", "daily_sales", "passengers", "customers", "orders", "products"} <= set(ws.tables)
    rows = {t: ws.row_count(t) for t in ("loans", "daily_sales", "passengers", "customers", "orders", "products")}
    assert rows == {"loans": 2000, "daily_sales": 2924, "passengers": 900, "customers": 500, "orders": 5000,
                    "products": 50}
    assert [c for c, _ in ws.columns("loans")] == [
        "application_id", "applicant_age", "sex", "ethnicity", "region", "income", "loan_amount", "credit_score",
        "employment_years", "purpose", "application_date", "approved"]
    # The planted fairness gap the reviewer should find: moderate, not extreme.
    rates = dict(ws.query("SELECT sex, avg(approved) FROM loans GROUP BY 1").rows)
    assert 0.80 <= rates["Female"] / rates["Male"] <= 0.90
    # Every order joins a customer and a product.
    orphans = ws.scalar("SELECT count(*) FROM orders o LEFT JOIN customers c USING (customer_id) "
                        "LEFT JOIN products p USING (product_id) WHERE c.customer_id IS NULL OR p.product_id IS NULL")
    assert orphans == 0
    early = ws.scalar("SELECT count(*) FROM orders JOIN customers USING (customer_id) WHERE order_date < signup_date")
    assert early == 0
