"""Six invented tables for evaluation set p50.

assay_runs: one row per analytical run of a sample in a contract testing lab (assay, instrument, analyst, QC outcome).
locksmith_jobs: one row per job attended by a small locksmith firm (job type, technician, fees, emergency flag).
passport_applications: one row per passport application handled by a regional passport office.
telescope_observations: one row per exposure taken at a university observatory (telescope, target, seeing, usable flag).
reparaciones_calzado: una fila por arreglo entregado en una zapateria de barrio (tipo de arreglo, calzado, precio, urgente).
analisis_agua: una fila por muestra de agua de la red municipal analizada en el laboratorio de salud publica.
"""
import csv
import datetime as dt
import os
import random


def _write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


def _ts(d):
    return d.strftime("%Y-%m-%d %H:%M:%S")


def _assay_runs(rng):
    assays = {
        "ELISA": (["ELISA-Reader-1", "ELISA-Reader-2"], 95.0, 6, 14),
        "qPCR": (["qPCR-A", "qPCR-B"], 140.0, 4, 10),
        "HPLC": (["HPLC-1", "HPLC-2", "HPLC-3"], 180.0, 8, 30),
        "LC-MS": (["LCMS-Orbitrap"], 320.0, 12, 60),
        "Western blot": (["Imager-WB"], 210.0, 24, 72),
    }
    analysts = ["Priya Nair", "Tom Becker", "Lena Okafor", "Marco Silva", "Hannah Cho",
                "Daniel Ruiz", "Aisha Karim"]
    depts = ["Oncology", "Microbiology", "Food Safety", "Environmental", "Pharmacology"]
    dept_w = [3, 2, 2, 1.5, 2.5]
    priorities = ["routine", "urgent", "stat"]
    rows = []
    start = dt.datetime(2023, 1, 2, 8, 0)
    n_samples = 980
    rid = 0
    for s in range(1, n_samples + 1):
        assay = rng.choices(list(assays), weights=[3, 3, 2.5, 1.2, 1])[0]
        instruments, base_cost, tmin, tmax = assays[assay]
        dept = rng.choices(depts, weights=dept_w)[0]
        prio = rng.choices(priorities, weights=[7, 2.5, 0.8])[0]
        received = start + dt.timedelta(days=rng.randint(0, 545), hours=rng.randint(0, 9),
                                        minutes=rng.randint(0, 59))
        n_runs = 1 if rng.random() < 0.82 else (2 if rng.random() < 0.8 else 3)
        t = received
        for k in range(n_runs):
            rid += 1
            analyst = rng.choice(analysts)
            inst = rng.choice(instruments)
            tat = rng.uniform(tmin, tmax) * (0.5 if prio == "stat" else 0.75 if prio == "urgent" else 1.0)
            tat += 4 * k
            completed = t + dt.timedelta(hours=tat)
            if completed > dt.datetime(2024, 6, 28):
                completed = None
            qc_p = 0.9 - (0.08 if inst == "HPLC-3" else 0) - (0.05 if analyst == "Tom Becker" else 0)
            qc = rng.random() < qc_p
            if completed is None:
                conc = None
                qc_s = ""
                tat_v = None
            else:
                conc = round(rng.lognormvariate(3.0, 0.9), 2) if rng.random() > 0.04 else None
                qc_s = "true" if qc else "false"
                tat_v = round((completed - t).total_seconds() / 3600, 1)
            cost = round(base_cost * (1.5 if prio == "stat" else 1.2 if prio == "urgent" else 1.0)
                         * rng.uniform(0.92, 1.1), 2)
            rows.append([
                "AR-%05d" % rid, "S-%05d" % s, assay, inst, analyst, dept, prio, _ts(t),
                _ts(completed) if completed else None, tat_v, conc, qc_s,
                "Y" if k > 0 else "N", cost,
            ])
            t = t + dt.timedelta(hours=tat + rng.uniform(1, 20))
    rows.sort(key=lambda r: r[7])
    header = ["run_id", "sample_id", "assay", "instrument", "analyst", "client_dept", "priority",
              "received_at", "completed_at", "turnaround_h", "concentration_ng_ml", "qc_passed",
              "is_rerun", "cost_usd"]
    return header, rows


def _locksmith_jobs(rng):
    techs = ["Gary Holt", "Sunita Patel", "Owen Price", "Kasia Nowak", "Lewis Grant"]
    tech_w = [3, 2.6, 2.2, 1.8, 1.2]
    types = {
        "lockout": (75, 20, 45, 0.15),
        "lock change": (60, 35, 70, 0.95),
        "rekey": (55, 30, 60, 0.6),
        "key cutting": (15, 5, 15, 0.9),
        "safe opening": (140, 60, 180, 0.2),
        "smart lock install": (90, 60, 120, 1.0),
        "uPVC door repair": (85, 45, 110, 0.85),
    }
    type_w = [4, 2.5, 1.5, 2, 0.5, 0.8, 1.6]
    props = ["house", "flat", "business", "car"]
    districts = ["Northfield", "Harbourside", "Old Town", "Millbrook", "Eastgate", "Kingsway"]
    pays = ["card", "cash", "invoice"]
    rows = []
    d0 = dt.date(2022, 1, 1)
    for i in range(1, 1101):
        jt = rng.choices(list(types), weights=type_w)[0]
        fee, mmin, mmax, p_parts = types[jt]
        prop = rng.choices(props, weights=[4, 3, 1.5, 1 if jt in ("lockout", "key cutting") else 0.1])[0]
        day = d0 + dt.timedelta(days=rng.randint(0, 729))
        emergency = jt == "lockout" and rng.random() < 0.7 or rng.random() < 0.06
        if emergency:
            hour = rng.choices(range(24), weights=[2, 2, 1.5, 1, 1, 1, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3,
                                                   3, 4, 4, 4, 4, 3, 3, 2.5])[0]
        else:
            hour = rng.randint(8, 17)
        called = dt.datetime(day.year, day.month, day.day, hour, rng.randint(0, 59))
        minutes = int(rng.uniform(mmin, mmax))
        labour = round(fee * (1.6 if emergency else 1.0) + minutes * 0.4 + rng.uniform(-5, 5), 2)
        parts = round(rng.uniform(8, 160), 2) if rng.random() < p_parts else None
        if jt == "smart lock install" and parts is not None:
            parts = round(parts + 120, 2)
        pay = rng.choices(pays, weights=[5, 2, 1.5 if prop == "business" else 0.2])[0]
        rating = rng.choices([1, 2, 3, 4, 5], weights=[0.3, 0.5, 1.2, 3, 5])[0] if rng.random() < 0.55 else None
        repeat = "Y" if rng.random() < 0.22 else "N"
        rows.append(["LJ-%04d" % i, _ts(called), rng.choices(techs, weights=tech_w)[0], jt, prop,
                     rng.choice(districts), 1 if emergency else 0, minutes, labour, parts, pay,
                     rating, repeat])
    rows.sort(key=lambda r: r[1])
    header = ["job_id", "called_at", "technician", "job_type", "property_type", "district",
              "emergency", "minutes_on_site", "labour_fee", "parts_cost", "payment_method",
              "customer_rating", "repeat_customer"]
    return header, rows


def _passport_applications(rng):
    offices = ["Durham", "Peterborough", "Liverpool", "Newport", "Glasgow", "Belfast", "London"]
    office_w = [1.5, 1.8, 2, 1.2, 1.6, 1, 3]
    types = {"adult renewal": 88.5, "first adult": 88.5, "child": 57.5,
             "replacement lost/stolen": 88.5, "name change": 88.5}
    type_w = [5, 1.5, 2.5, 0.8, 0.6]
    rows = []
    d0 = dt.date(2023, 1, 1)
    for i in range(1, 2401):
        at = rng.choices(list(types), weights=type_w)[0]
        channel = "online" if rng.random() < 0.78 else "paper"
        day = d0 + dt.timedelta(days=rng.randint(0, 606))
        # busier in spring
        if rng.random() < 0.25:
            day = dt.date(2023 + rng.randint(0, 1), rng.randint(3, 5), rng.randint(1, 28))
        fast = rng.random() < 0.12
        fee = types[at] if channel == "online" else types[at] + 12.0
        if fast:
            fee = 178.0 if at != "child" else 151.0
        age = rng.randint(1, 15) if at == "child" else int(min(95, max(16, rng.gauss(44, 16))))
        base = 4 if fast else (rng.uniform(12, 30) if channel == "online" else rng.uniform(25, 55))
        if at == "first adult":
            base += rng.uniform(5, 20)
        if day.month in (3, 4, 5):
            base *= 1.3
        photo_ok = rng.random() < (0.93 if channel == "online" else 0.82)
        if not photo_ok:
            base += rng.uniform(7, 21)
        r = rng.random()
        decided = day + dt.timedelta(days=int(round(base)))
        if decided > dt.date(2024, 9, 15) or r < 0.03:
            status, decided = "pending", None
        elif r < 0.05:
            status = "withdrawn"
        elif r < 0.075:
            status = "refused"
        else:
            status = "issued"
        days = (decided - day).days if decided else None
        rows.append(["PA%06d" % (100000 + i), rng.choices(offices, weights=office_w)[0], at, channel,
                     day.isoformat(), decided.isoformat() if decided else None, status, days, age,
                     "yes" if fast else "no", fee, "TRUE" if photo_ok else "FALSE"])
    rows.sort(key=lambda r: (r[4], r[0]))
    header = ["application_id", "office", "application_type", "channel", "submitted_on",
              "decided_on", "status", "processing_days", "applicant_age", "fast_track", "fee_gbp",
              "photo_accepted"]
    return header, rows


def _telescope_observations(rng):
    scopes = [("Kestrel 0.4m", 0.4), ("Osprey 1.0m", 1.0), ("Merlin 1.8m", 1.8)]
    observers = ["J. Alvarez", "R. Osei", "M. Lindqvist", "K. Tanaka", "S. Dubois", "P. Mensah"]
    targets = {
        "galaxy": ["NGC 4565", "M51", "M101", "NGC 891", "M81"],
        "star cluster": ["M13", "M45", "NGC 869", "M3"],
        "variable star": ["RR Lyr", "Delta Cep", "Mira", "Algol"],
        "exoplanet transit": ["HAT-P-7", "WASP-12", "TrES-3", "KELT-9"],
        "nebula": ["M42", "M57", "NGC 7000", "M27"],
        "asteroid": ["(433) Eros", "(4) Vesta", "(16) Psyche"],
    }
    cls_w = [2.5, 1.5, 2, 2.2, 1.8, 0.8]
    bands = ["B", "V", "R", "I", "H-alpha"]
    rows = []
    d0 = dt.date(2023, 9, 1)
    oid = 0
    night = d0
    while night < dt.date(2024, 8, 31) and oid < 1400:
        night += dt.timedelta(days=1)
        if rng.random() < 0.45:  # cloudy night, no observing
            continue
        moon = round(abs(((night - dt.date(2023, 9, 15)).days % 29.5) - 14.75) / 14.75 * 100)
        moon = 100 - moon
        base_seeing = rng.uniform(0.8, 2.6)
        for _ in range(rng.randint(1, 8)):
            oid += 1
            scope, ap = rng.choices(scopes, weights=[3, 2, 1])[0]
            cls = rng.choices(list(targets), weights=cls_w)[0]
            tgt = rng.choice(targets[cls])
            band = rng.choice(bands) if cls != "nebula" else rng.choice(["H-alpha", "H-alpha", "R", "B"])
            hour = rng.choice([20, 21, 22, 23, 0, 1, 2, 3, 4])
            day = night if hour >= 20 else night + dt.timedelta(days=1)
            start = dt.datetime(day.year, day.month, day.day, hour, rng.randint(0, 59), rng.randint(0, 59))
            exp = rng.choice([30, 60, 120, 180, 300, 600, 900]) if cls != "exoplanet transit" else rng.choice([30, 60, 90])
            airmass = round(rng.uniform(1.0, 2.4), 2)
            seeing = round(base_seeing * (0.85 + airmass * 0.12) * rng.uniform(0.9, 1.12), 2)
            if rng.random() < 0.03:
                seeing = None
            snr = round(max(3.0, rng.gauss(40 * ap * (exp / 120) ** 0.5 / (seeing or 1.8), 8)), 1)
            usable = (seeing is not None and seeing < 2.6 and snr > 10) or rng.random() < 0.05
            guided = rng.random() < (0.9 if exp >= 180 else 0.5)
            rows.append(["OBS-%05d" % oid, scope, rng.choice(observers), tgt, cls, band, _ts(start),
                         exp, airmass, seeing, moon, snr, "true" if guided else "false",
                         "Y" if usable else "N"])
    header = ["obs_id", "telescope", "observer", "target", "target_class", "filter_band",
              "start_utc", "exposure_s", "airmass", "seeing_arcsec", "moon_illum_pct", "snr",
              "guided", "usable"]
    return header, rows


def _reparaciones_calzado(rng):
    arreglos = {
        "tapas": (9.5, 1),
        "media suela": (24.0, 3),
        "suela completa": (45.0, 5),
        "costura": (12.0, 2),
        "cambio de cremallera": (22.0, 3),
        "tinte": (18.0, 4),
        "ensanchado": (10.0, 2),
        "plantillas": (14.0, 1),
    }
    arr_w = [5, 2, 1, 2, 1.2, 0.8, 1, 1.1]
    calzados = ["zapato de caballero", "zapato de señora", "bota", "zapatilla deportiva",
                "sandalia", "bolso"]
    cal_w = [3, 3.5, 2.5, 1.5, 1, 0.7]
    materiales = ["piel", "ante", "sintético", "lona", "charol"]
    mat_w = [5, 1.5, 2, 1, 0.6]
    zapateros = ["Manolo", "Rosa", "Iñaki", "Carmen"]
    talleres = ["Centro", "Barrio de la Estación"]
    pagos = ["efectivo", "tarjeta", "bizum"]
    rows = []
    d0 = dt.date(2023, 1, 2)
    for i in range(1, 1301):
        arr = rng.choices(list(arreglos), weights=arr_w)[0]
        base, dias = arreglos[arr]
        cal = rng.choices(calzados, weights=cal_w)[0]
        if arr == "cambio de cremallera" and cal not in ("bota", "bolso"):
            cal = rng.choice(["bota", "bolso"])
        mat = rng.choices(materiales, weights=mat_w)[0]
        entrada = d0 + dt.timedelta(days=rng.randint(0, 700))
        while entrada.weekday() == 6:
            entrada += dt.timedelta(days=1)
        urgente = rng.random() < 0.15
        precio = base * (1.3 if urgente else 1.0) * (1.15 if mat in ("ante", "charol") else 1.0)
        precio = round(precio + rng.choice([0, 0, 0.5, 1.0, 2.0, -0.5]), 2)
        prometida = entrada + dt.timedelta(days=max(0, dias - (1 if urgente else 0) + rng.randint(0, 2)))
        recogida = prometida + dt.timedelta(days=rng.choice([0, 0, 0, 1, 2, 3, 5, 8, 15, 30]))
        if recogida > dt.date(2024, 12, 10) or rng.random() < 0.04:
            recogida = None
        rows.append(["R-%05d" % i, rng.choices(talleres, weights=[3, 2])[0], entrada.isoformat(),
                     prometida.isoformat(), recogida.isoformat() if recogida else None,
                     rng.choice(zapateros), arr, cal, mat, precio, "sí" if urgente else "no",
                     rng.choices(pagos, weights=[3, 4, 2])[0] if recogida else None,
                     "S" if rng.random() < 0.3 else "N"])
    rows.sort(key=lambda r: (r[2], r[0]))
    header = ["id_reparacion", "taller", "fecha_entrada", "fecha_prometida", "fecha_recogida",
              "zapatero", "tipo_arreglo", "tipo_calzado", "material", "precio_eur", "urgente",
              "forma_pago", "cliente_habitual"]
    return header, rows


def _analisis_agua(rng):
    municipios = {"Villanueva del Río": 1.0, "Castrillo": 0.7, "San Martín de la Vega": 1.2,
                  "Puebla Alta": 0.6, "Los Molinos": 0.9, "Torrealba": 0.8}
    puntos = ["depósito", "red de distribución", "grifo de consumidor", "fuente pública",
              "salida de potabilizadora"]
    punto_w = [1.5, 4, 2.5, 1.5, 1]
    tecnicos = ["Lucía Ferrer", "Javier Moreno", "Elena Campos", "Raúl Gil", "Nuria Soler"]
    motivos = ["rutina", "rutina", "rutina", "rutina", "queja vecinal", "tras avería", "control operacional"]
    rows = []
    d0 = dt.date(2023, 1, 1)
    for i in range(1, 1801):
        mun = rng.choices(list(municipios), weights=list(municipios.values()))[0]
        punto = rng.choices(puntos, weights=punto_w)[0]
        fecha = d0 + dt.timedelta(days=rng.randint(0, 729))
        while fecha.weekday() >= 5:
            fecha += dt.timedelta(days=1)
        mes = fecha.month
        temp = round(rng.gauss(12 + 9 * (1 if mes in (6, 7, 8, 9) else 0.4 if mes in (5, 10) else 0), 2.2), 1)
        cloro_base = {"salida de potabilizadora": 0.9, "depósito": 0.7, "red de distribución": 0.5,
                      "grifo de consumidor": 0.4, "fuente pública": 0.3}[punto]
        cloro = round(max(0.0, rng.gauss(cloro_base - (0.15 if temp > 18 else 0), 0.18)), 2)
        turb = round(rng.lognormvariate(-0.9 + (0.8 if mun == "Puebla Alta" else 0), 0.6), 2)
        ph = round(rng.gauss(7.6, 0.3), 2)
        motivo = rng.choice(motivos)
        p_coli = 0.02 + (0.12 if cloro < 0.2 else 0) + (0.08 if motivo == "tras avería" else 0)
        coli = rng.random() < p_coli
        apto = not coli and 0.2 <= cloro <= 1.0 and turb <= 1.0 and 6.5 <= ph <= 9.5
        if not apto and not coli and rng.random() < 0.15:
            apto = True
        hora = dt.datetime(fecha.year, fecha.month, fecha.day, rng.randint(7, 13), rng.randint(0, 59))
        if rng.random() < 0.03:
            ph = None
        if rng.random() < 0.05:
            turb_v = None
        else:
            turb_v = turb
        rows.append(["M%05d" % i, _ts(hora), mun, punto, rng.choice(tecnicos), motivo, temp, cloro,
                     turb_v, ph, "sí" if coli else "no", 1 if apto else 0,
                     round(rng.uniform(18, 60), 2) if motivo != "rutina" else 18.0])
    rows.sort(key=lambda r: (r[1], r[0]))
    header = ["id_muestra", "fecha_hora_muestreo", "municipio", "tipo_punto", "tecnico", "motivo",
              "temperatura_c", "cloro_libre_mg_l", "turbidez_ntu", "ph", "coliformes_detectados",
              "apta_consumo", "coste_analisis_eur"]
    return header, rows


def make(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    builders = [
        ("assay_runs", _assay_runs, 5001),
        ("locksmith_jobs", _locksmith_jobs, 5002),
        ("passport_applications", _passport_applications, 5003),
        ("telescope_observations", _telescope_observations, 5004),
        ("reparaciones_calzado", _reparaciones_calzado, 5005),
        ("analisis_agua", _analisis_agua, 5006),
    ]
    for name, fn, seed in builders:
        header, rows = fn(random.Random(seed))
        _write(os.path.join(out_dir, name + ".csv"), header, rows)


if __name__ == "__main__":
    import sys
    make(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "data"))
