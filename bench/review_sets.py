"""The reviewer's control sets (issue 16): tables that describe no people, and tables whose protected
attributes have abbreviated or Spanish names. Written after the rules, from everyday data; split
into a development part and a locked part by SPLIT_SEED (docs/ethics.md).

Each table is a spec: name, columns, and for each column a way to draw a value. `planted` names the
protected attributes a table holds (column -> attribute): the reviewer must find each one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, Callable

SPLIT_SEED = 16  # the issue's number; random.Random(SPLIT_SEED).shuffle over each set, first half dev
ROWS = 60


def pick(*values: Any) -> Callable[[random.Random, int], Any]:
    return lambda rng, i: rng.choice(values)


def cycle(*values: Any) -> Callable[[random.Random, int], Any]:
    return lambda rng, i: values[i % len(values)]


def num(low: float, high: float, digits: int = 0) -> Callable[[random.Random, int], Any]:
    return lambda rng, i: round(rng.uniform(low, high), digits) if digits else rng.randint(int(low), int(high))


def seq(start: int = 1) -> Callable[[random.Random, int], Any]:
    return lambda rng, i: start + i


@dataclass
class TableSpec:
    name: str
    columns: dict[str, Callable[[random.Random, int], Any]]
    planted: dict[str, str] = field(default_factory=dict)  # protected column -> attribute

    def rows(self, seed: int = 0) -> list[list[Any]]:
        rng = random.Random(f"{self.name}:{seed}")
        return [[draw(rng, i) for draw in self.columns.values()] for i in range(ROWS)]


SHIPS = ("Queen Mary", "Victory", "Cutty Sark", "Endurance", "Mayflower", "Beagle", "Bounty", "Vasa",
         "Lady Elgin", "Sir Winston Churchill", "Santa Maria", "Golden Hind", "Nautilus", "Argo")
NON_PERSON = [
    TableSpec("ships", {"Name": cycle(*SHIPS), "Type": pick("brig", "frigate", "liner", "schooner"),
                        "Tonnage": num(100, 80000), "Launched": num(1600, 1990), "Builder": pick(
                            "John Brown", "Harland and Wolff", "Chatham Dockyard", "Scott"), "Flag": pick(
                            "UK", "Spain", "Sweden", "USA")}),
    TableSpec("products", {"product_id": seq(1000), "name": cycle("Widget Pro", "Dr Pepper 33cl", "Gadget Mini",
                                                                  "Lamp XL", "Desk Oak", "Chair Mesh", "Mug Blue"),
                           "category": pick("home", "office", "drinks"), "price": num(1, 500, 2),
                           "stock": num(0, 900), "color": pick("white", "black", "red", "blue")}),
    TableSpec("mountains", {"name": cycle("Everest", "K2", "Mont Blanc", "Aconcagua", "Denali", "Kilimanjaro",
                                          "Elbrus", "Mount Cook", "Matterhorn", "Teide"),
                            "height_m": num(2000, 8848), "range": pick("Himalaya", "Alps", "Andes", "Rockies"),
                            "country": pick("Nepal", "Pakistan", "France", "Argentina"),
                            "first_ascent": num(1786, 1965)}),
    TableSpec("cities", {"name": cycle("Paris", "Lima", "Oslo", "Madrid", "Kyoto", "Accra", "Quito", "Perth"),
                         "country": pick("France", "Peru", "Norway", "Spain"), "population": num(50000, 9000000),
                         "area_km2": num(50, 2000, 1), "founded": num(500, 1900), "capital": pick("yes", "no")}),
    TableSpec("films", {"title": cycle("The Godfather", "Little Miss Sunshine", "Dr. Strangelove", "Alien", "Up",
                                       "Heat", "Vertigo", "Jaws"), "year": num(1950, 2023),
                        "director": pick("Coppola", "Kubrick", "Scott", "Hitchcock"), "runtime_min": num(80, 200),
                        "budget_musd": num(1, 300, 1), "rating": num(1, 10, 1)}),
    TableSpec("rios", {"nombre": cycle("Ebro", "Tajo", "Duero", "Guadalquivir", "Miño", "Júcar", "Segura"),
                       "longitud_km": num(200, 1100), "caudal_m3s": num(10, 700, 1),
                       "pais": pick("España", "Portugal"), "desemboca_en": pick("Atlántico", "Mediterráneo")}),
    TableSpec("airports", {"name": cycle("Heathrow", "Barajas", "Schiphol", "Changi", "Narita", "El Dorado"),
                           "iata": cycle("LHR", "MAD", "AMS", "SIN", "NRT", "BOG"), "elevation_ft": num(0, 8400),
                           "runways": num(1, 6), "passengers_m": num(5, 90, 1)}),
    TableSpec("planets", {"name": cycle("Mercury", "Venus", "Earth", "Mars", "Jupiter", "Saturn", "Uranus",
                                        "Neptune"), "mass_earths": num(0, 320, 3), "moons": num(0, 95),
                          "orbit_days": num(88, 60190), "type": pick("rocky", "gas giant", "ice giant")}),
    TableSpec("productos", {"codigo": seq(1), "nombre": cycle("Aceite de oliva", "Queso manchego", "Jamón",
                                                              "Turrón", "Vino tinto", "Pan"),
                            "categoria": pick("alimentación", "bebidas"), "precio": num(1, 90, 2),
                            "unidades": num(0, 300), "proveedor": pick("Norte SL", "Sur SA", "Centro")}),
    TableSpec("sensors", {"sensor_id": seq(1), "name": cycle("temp-north", "temp-south", "hum-roof", "co2-lab"),
                          "reading": num(-10, 45, 2), "unit": pick("C", "%", "ppm"),
                          "recorded_at": cycle(*[f"2024-0{m}-1{d} 10:00:00" for m in range(1, 10)
                                                 for d in range(0, 9)])}),
    TableSpec("books", {"title": cycle("Don Quijote", "Hamlet", "Ulysses", "Dracula", "Emma", "Beloved"),
                        "author": pick("Cervantes", "Shakespeare", "Joyce", "Stoker", "Austen", "Morrison"),
                        "year": num(1600, 1990), "pages": num(100, 1200), "language": pick("es", "en")}),
    TableSpec("restaurants", {"name": cycle("La Tasca", "Golden Dragon", "Chez Marie", "Mr. Noodle", "Pizza Roma",
                                            "El Faro", "Sushi Bar"), "cuisine": pick("spanish", "chinese",
                                                                                     "french", "italian"),
                              "rating": num(1, 5, 1), "price_level": pick("$", "$$", "$$$"),
                              "seats": num(10, 200)}),
    TableSpec("barcos", {"nombre": cycle("Juan Sebastián de Elcano", "Santísima Trinidad", "Victoria",
                                         "Nao Santa María", "Galatea"), "eslora_m": num(20, 120, 1),
                         "botadura": num(1700, 1990), "astillero": pick("Cádiz", "Ferrol", "Cartagena"),
                         "tipo": pick("goleta", "fragata", "navío")}),
    TableSpec("teams", {"name": cycle("Red Lions", "Blue Sharks", "Green Hawks", "Black Bears", "White Wolves"),
                        "city": pick("Boston", "Denver", "Austin"), "founded": num(1880, 2010),
                        "titles": num(0, 20), "stadium_capacity": num(10000, 90000)}),
    TableSpec("weather", {"station": cycle("Madrid-Retiro", "Bilbao", "Sevilla", "Valencia"),
                          "fecha": cycle(*[f"2023-{m:02d}-{d:02d}" for m in range(1, 13) for d in (1, 15)]),
                          "temp_max": num(-2, 44, 1), "lluvia_mm": num(0, 80, 1), "viento_kmh": num(0, 90)}),
    TableSpec("companies", {"name": cycle("Acme Corp", "Globex", "Initech", "Umbrella", "Hooli", "Stark Ind"),
                            "sector": pick("tech", "energy", "retail"), "revenue_musd": num(10, 90000, 1),
                            "employees": num(10, 200000), "founded": num(1850, 2015)}),
    TableSpec("species", {"name": cycle("Lynx pardinus", "Ursus arctos", "Aquila adalberti", "Canis lupus",
                                        "Gyps fulvus"), "class": pick("mammal", "bird"),
                          "population": num(100, 20000), "status": pick("endangered", "vulnerable", "least concern"),
                          "habitat": pick("forest", "mountain", "wetland")}),
    TableSpec("cars", {"model": cycle("Model S", "Golf", "Corolla", "Civic", "Ibiza", "Clio"),
                       "make": pick("Tesla", "VW", "Toyota", "Honda", "Seat", "Renault"),
                       "year": num(2000, 2024), "price_eur": num(8000, 90000), "age": num(0, 24),
                       "color": pick("white", "black", "grey", "red")}),
    TableSpec("museos", {"nombre": cycle("Prado", "Reina Sofía", "Thyssen", "Guggenheim", "MNAC"),
                         "ciudad": pick("Madrid", "Bilbao", "Barcelona"), "visitantes": num(100000, 3000000),
                         "fundado": num(1819, 1997), "obras": num(1000, 30000)}),
    TableSpec("songs", {"title": cycle("Yesterday", "Imagine", "Hallelujah", "Volare", "Bamboleo"),
                        "artist": pick("The Beatles", "Lennon", "Cohen", "Modugno", "Gipsy Kings"),
                        "year": num(1958, 1990), "duration_s": num(120, 420), "bpm": num(60, 180)}),
]

PROTECTED = [
    TableSpec("survey", {"resp_id": seq(1), "ethn": pick("black", "hisp", "other"), "sexo": pick("H", "M"),
                         "agegrp": pick("18-29", "30-44", "45-64", "65+"), "income": num(900, 9000)},
              {"ethn": "race/ethnicity", "sexo": "sex", "agegrp": "age"}),
    TableSpec("census", {"SERIAL": seq(1), "RACE": pick(1, 2, 3, 4), "SEX": pick(1, 2), "AGE": num(0, 95),
                         "MARST": pick(1, 2, 3, 4, 5, 6), "CITIZEN": pick(0, 1, 2), "INCTOT": num(0, 90000)},
              {"RACE": "race/ethnicity", "SEX": "sex", "AGE": "age", "MARST": "marital status",
               "CITIZEN": "nationality"}),
    TableSpec("encuesta", {"id": seq(1), "edad": num(18, 90), "género": pick("mujer", "hombre"),
                           "raza": pick("blanca", "negra", "asiática", "otra"), "ingreso": num(500, 6000)},
              {"edad": "age", "género": "sex", "raza": "race/ethnicity"}),
    TableSpec("patients", {"pid": seq(1), "gndr": pick("F", "M"), "ethnicity_cd": pick("H", "NH", "U"),
                           "dob": cycle(*[f"19{y}-0{m}-15" for y in range(40, 99) for m in range(1, 10)]),
                           "los_days": num(1, 30)},
              {"gndr": "sex", "ethnicity_cd": "race/ethnicity", "dob": "age"}),
    TableSpec("hr", {"emp_id": seq(1), "GENDER_CD": pick("F", "M", "X"), "marital": pick("single", "married"),
                     "nacionalidad": pick("ES", "FR", "MA", "RO"), "salary": num(20000, 90000)},
              {"GENDER_CD": "sex", "marital": "marital status", "nacionalidad": "nationality"}),
    TableSpec("loans", {"loan_id": seq(1), "applicant_race": pick("White", "Black", "Asian"),
                        "applicant_sex": pick("Male", "Female"), "applicant_age": num(18, 80),
                        "amount": num(1000, 500000), "approved": pick(0, 1)},
              {"applicant_race": "race/ethnicity", "applicant_sex": "sex", "applicant_age": "age"}),
    TableSpec("alumnos", {"id_alumno": seq(1), "etnia": pick("gitana", "paya", "otra"), "sexo": pick("F", "M"),
                          "edad": num(12, 18), "discapacidad": pick("sí", "no"), "nota": num(0, 10, 1)},
              {"etnia": "race/ethnicity", "sexo": "sex", "edad": "age", "discapacidad": "disability"}),
    TableSpec("voters", {"voter_no": seq(1), "race_eth": pick("W", "B", "H", "A"), "gend": pick("F", "M"),
                         "birth_yr": num(1930, 2005), "relig": pick("none", "catholic", "protestant"),
                         "turnout": pick(0, 1)},
              {"race_eth": "race/ethnicity", "gend": "sex", "birth_yr": "age", "relig": "religion"}),
    TableSpec("pacientes", {"nhc": seq(1), "sexo_cod": pick(1, 2), "fecha_nac": cycle(
        *[f"19{y}-0{m}-01" for y in range(30, 99) for m in range(1, 10)]), "estado_civil": pick(
        "soltero", "casado", "viudo"), "embarazo": pick("sí", "no"), "dias_ingreso": num(1, 40)},
              {"sexo_cod": "sex", "fecha_nac": "age", "estado_civil": "marital status", "embarazo": "pregnancy"}),
    TableSpec("wages", {"worker": seq(1), "grp": pick("white", "black", "asian", "hispanic"),
                        "sex_cat": pick("male", "female"), "age_band": pick("<30", "30-50", ">50"),
                        "hourly_wage": num(8, 60, 2)},
              {"grp": "race/ethnicity", "sex_cat": "sex", "age_band": "age"}),
    TableSpec("clientes", {"id_cliente": seq(1), "grupo_edad": pick("joven", "adulto", "mayor"),
                           "genero": pick("F", "M"), "origen_etnico": pick("europeo", "latino", "africano"),
                           "gasto": num(10, 900, 2)},
              {"grupo_edad": "age", "genero": "sex", "origen_etnico": "race/ethnicity"}),
    TableSpec("staff", {"staff_no": seq(1), "Ethnicity": pick("White British", "Asian", "Black", "Mixed"),
                        "Disabled": pick("Y", "N"), "Age": num(18, 67), "Gender": pick("Woman", "Man"),
                        "grade": pick("A", "B", "C")},
              {"Ethnicity": "race/ethnicity", "Disabled": "disability", "Age": "age", "Gender": "sex"}),
    TableSpec("respondents", {"rid": seq(1), "hispanic": pick(0, 1), "race": pick("white", "black", "other"),
                              "agecat": pick(1, 2, 3, 4), "marstat": pick(1, 2, 3), "score": num(0, 100)},
              {"hispanic": "race/ethnicity", "race": "race/ethnicity", "agecat": "age", "marstat": "marital status"}),
    TableSpec("solicitudes", {"num_solicitud": seq(1), "edad_solicitante": num(18, 75),
                              "sexo_solicitante": pick("mujer", "hombre"), "nacionalidad": pick("ES", "CO", "MA"),
                              "importe": num(1000, 90000)},
              {"edad_solicitante": "age", "sexo_solicitante": "sex", "nacionalidad": "nationality"}),
    TableSpec("members", {"member_id": seq(1), "yob": num(1940, 2006), "sex": pick("F", "M"),
                          "ethnic": pick("white", "asian", "black", "hispanic"), "religion": pick("none", "muslim",
                                                                                                  "christian"),
                          "fee": num(10, 90)},
              {"yob": "age", "sex": "sex", "ethnic": "race/ethnicity", "religion": "religion"}),
    TableSpec("empleados", {"legajo": seq(1), "edad": num(20, 65), "estado_civil": pick("soltera", "casada"),
                            "raza": pick("blanca", "mestiza", "indígena", "afrodescendiente"),
                            "sueldo": num(500, 5000)},
              {"edad": "age", "estado_civil": "marital status", "raza": "race/ethnicity"}),
    TableSpec("trial", {"subject": seq(1), "SEX": pick("F", "M"), "RACE": pick("WHITE", "BLACK", "ASIAN"),
                        "ETHNIC": pick("HISPANIC OR LATINO", "NOT HISPANIC OR LATINO"), "AGE": num(18, 85),
                        "dose_mg": pick(10, 20, 40)},
              {"SEX": "sex", "RACE": "race/ethnicity", "ETHNIC": "race/ethnicity", "AGE": "age"}),
    TableSpec("hogares", {"id_hogar": seq(1), "edad_jefe": num(18, 95), "sexo_jefe": pick("H", "M"),
                          "nacionalidad_jefe": pick("española", "extranjera"), "ingresos": num(0, 8000)},
              {"edad_jefe": "age", "sexo_jefe": "sex", "nacionalidad_jefe": "nationality"}),
    TableSpec("athletes", {"bib": seq(1), "gender": pick("F", "M"), "age_grp": pick("U20", "Senior", "Master"),
                           "nation": pick("KEN", "ETH", "USA"), "time_s": num(7000, 12000)},
              {"gender": "sex", "age_grp": "age"}),
    TableSpec("claims", {"claim_no": seq(1), "claimant_age": num(18, 90), "claimant_gender": pick("F", "M"),
                         "race_cd": pick("W", "B", "A", "O"), "paid": num(0, 50000, 2)},
              {"claimant_age": "age", "claimant_gender": "sex", "race_cd": "race/ethnicity"}),
]


def split(specs: list[TableSpec]) -> tuple[list[TableSpec], list[TableSpec]]:
    """(development part, locked part): a seeded shuffle, halves."""
    order = list(specs)
    random.Random(SPLIT_SEED).shuffle(order)
    half = len(order) // 2
    return order[:half], order[half:]


# A second locked part, written after the first locked part had been read (two rules were fixed on
# it, see docs/ethics.md) and measured once: part "fresh".
FRESH_NON_PERSON = [
    TableSpec("bridges", {"name": cycle("Golden Gate", "Tower Bridge", "Puente de Vizcaya", "Millau Viaduct",
                                        "Brooklyn Bridge", "Pont Neuf"), "span_m": num(50, 1300),
                          "opened": num(1600, 2004), "material": pick("steel", "stone", "concrete"),
                          "vehicles_per_day": num(1000, 150000)}),
    TableSpec("volcanoes", {"Name": cycle("Etna", "Teide", "Fuji", "Krakatoa", "Vesuvius", "Pinatubo",
                                          "Cotopaxi"), "Elevation": num(800, 6000), "Last Eruption": num(79, 2023),
                            "Country": pick("Italy", "Spain", "Japan", "Indonesia"), "Type": pick(
                                "stratovolcano", "shield")}),
    TableSpec("hoteles", {"nombre": cycle("Hotel Sol", "Gran Hotel Miramar", "Parador de León", "Hostal Luz"),
                          "estrellas": num(1, 5), "habitaciones": num(10, 400), "ciudad": pick(
                              "León", "Málaga", "Gijón"), "precio_noche": num(40, 400, 2)}),
    TableSpec("stocks", {"ticker": cycle("AAPL", "MSFT", "SAN", "ITX", "BBVA"), "name": cycle(
        "Apple Inc", "Microsoft", "Banco Santander", "Inditex", "BBVA"), "close": num(3, 400, 2),
        "volume": num(10000, 9000000), "trade_date": cycle(*[f"2024-03-{d:02d}" for d in range(1, 29)])}),
    TableSpec("parks", {"park_name": cycle("Yellowstone", "Doñana", "Banff", "Kruger", "Yosemite"),
                        "area_km2": num(100, 20000), "established": num(1872, 1990),
                        "visitors": num(10000, 5000000), "biome": pick("forest", "wetland", "savanna")}),
    TableSpec("lenguajes", {"nombre": cycle("Python", "Rust", "Go", "Haskell", "C", "Lua"),
                            "año": num(1972, 2015), "paradigma": pick("funcional", "imperativo", "multiparadigma"),
                            "tipado": pick("estático", "dinámico"), "popularidad": num(1, 100)}),
    TableSpec("trains", {"name": cycle("Flying Scotsman", "Orient Express", "AVE 103", "Shinkansen N700",
                                       "Mallard"), "top_speed_kmh": num(100, 350), "built": num(1920, 2015),
                         "operator": pick("LNER", "Renfe", "JR Central"), "cars": num(4, 16)}),
    TableSpec("recipes", {"name": cycle("Paella", "Tortilla", "Gazpacho", "Ratatouille", "Lasagna", "Pho"),
                          "cuisine": pick("spanish", "french", "italian", "vietnamese"), "minutes": num(10, 180),
                          "calories": num(100, 1200), "servings": num(1, 8)}),
    TableSpec("asteroids", {"designation": cycle("433 Eros", "1 Ceres", "4 Vesta", "99942 Apophis"),
                            "name": cycle("Eros", "Ceres", "Vesta", "Apophis"), "diameter_km": num(0, 950, 2),
                            "discovered": num(1801, 2004), "orbit_class": pick("main belt", "Apollo", "Aten")}),
    TableSpec("vinos", {"nombre": cycle("Viña Tondonia", "Pesquera", "Marqués de Riscal", "Vega Sicilia"),
                        "denominacion": pick("Rioja", "Ribera del Duero", "Priorat"), "añada": num(1990, 2020),
                        "precio": num(8, 400, 2), "puntos": num(80, 100)}),
]

FRESH_PROTECTED = [
    TableSpec("benefits", {"case_no": seq(1), "claimant_sex": pick("F", "M"), "claimant_ethn": pick(
        "white", "black", "asian", "other"), "claimant_dob": cycle(*[f"19{y}-05-0{m}" for y in range(40, 99)
                                                                     for m in range(1, 9)]), "award": num(0, 900)},
              {"claimant_sex": "sex", "claimant_ethn": "race/ethnicity", "claimant_dob": "age"}),
    TableSpec("encuesta_salud", {"folio": seq(1), "sexo_entrevistado": pick("hombre", "mujer"),
                                 "edad_entrevistado": num(15, 90), "etnia_declarada": pick("mestiza", "indígena",
                                                                                            "blanca"),
                                 "imc": num(15, 40, 1)},
              {"sexo_entrevistado": "sex", "edad_entrevistado": "age", "etnia_declarada": "race/ethnicity"}),
    TableSpec("recruits", {"cand_id": seq(1), "Gender": pick("female", "male"), "AgeGroup": pick("18-25", "26-35"),
                           "Ethnic Origin": pick("Asian", "Black", "White", "Mixed"), "Religion": pick(
                               "None", "Christian", "Muslim"), "hired": pick(0, 1)},
              {"Gender": "sex", "AgeGroup": "age", "Ethnic Origin": "race/ethnicity", "Religion": "religion"}),
    TableSpec("padron", {"id": seq(1), "sexo": pick("H", "M"), "año_nacimiento": num(1920, 2020),
                         "nacionalidad": pick("española", "marroquí", "rumana"), "distrito": pick("1", "2", "3")},
              {"sexo": "sex", "año_nacimiento": "age", "nacionalidad": "nationality"}),
    TableSpec("insurance", {"policy": seq(1), "insured_age": num(18, 80), "insured_gender": pick("F", "M"),
                            "marital_stat": pick("S", "M", "D"), "premium": num(200, 3000, 2)},
              {"insured_age": "age", "insured_gender": "sex", "marital_stat": "marital status"}),
    TableSpec("becas", {"expediente": seq(1), "genero": pick("F", "M"), "edad": num(17, 30),
                        "discapacidad_reconocida": pick("sí", "no"), "importe_beca": num(500, 6000)},
              {"genero": "sex", "edad": "age", "discapacidad_reconocida": "disability"}),
    TableSpec("nhanes", {"SEQN": seq(1), "RIAGENDR": pick(1, 2), "RIDAGEYR": num(0, 80), "RIDRETH1": pick(1, 2, 3, 4),
                         "DMDMARTL": pick(1, 2, 3), "BMXBMI": num(15, 45, 1)},
              {"RIAGENDR": "sex", "RIDAGEYR": "age", "RIDRETH1": "race/ethnicity", "DMDMARTL": "marital status"}),
    TableSpec("tenants", {"unit": seq(1), "head_race": pick("White", "Black", "Asian", "Hispanic"),
                          "head_sex": pick("F", "M"), "head_age": num(18, 95), "rent": num(400, 3000)},
              {"head_race": "race/ethnicity", "head_sex": "sex", "head_age": "age"}),
    TableSpec("socios_club", {"num_socio": seq(1), "fecha_de_nacimiento": cycle(
        *[f"19{y}-0{m}-10" for y in range(40, 99) for m in range(1, 9)]), "sexo": pick("F", "M"),
        "religion": pick("católica", "ninguna", "otra"), "cuota": num(10, 60)},
              {"fecha_de_nacimiento": "age", "sexo": "sex", "religion": "religion"}),
    TableSpec("arrests", {"arrest_id": seq(1), "subject_race": pick("white", "black", "hispanic", "asian"),
                          "subject_sex": pick("male", "female"), "subject_age": num(14, 80),
                          "charge": pick("theft", "assault", "fraud")},
              {"subject_race": "race/ethnicity", "subject_sex": "sex", "subject_age": "age"}),
]
