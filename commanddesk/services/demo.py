"""The bundled demo county: CSV files in data/demo, loaded into a fresh store.

Building the demo store takes a second or two, so it is built once into the
user cache (keyed by a hash of the data files and the schema revision) and
each ``--demo`` start gets a fresh copy of that template.
"""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from .. import migrations, paths
from ..models import (
    Contact, HazardSite, Jurisdiction, MaterialItem, Organisation, RescueTeam,
    Shelter, StockLine, TeamType, Warehouse,
)
from . import auth

DEMO_DIR = paths.PACKAGE_DATA / "demo"
DEMO_OFFICER = "李晓明"  # the duty officer --demo signs in as (see operators.csv)


def _rows(name: str) -> list[dict[str, str]]:
    with open(DEMO_DIR / name, encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def _num(text: str, kind: type = int):
    return kind(text) if text != "" else None


def _flag(text: str) -> bool:
    return text in ("1", "是", "true")


def load(session: Session) -> dict[str, int]:
    """Insert the whole demo data set; return the number of rows per table."""
    counts: dict[str, int] = {}

    def add(objs: list, key: str) -> None:
        session.add_all(objs)
        session.flush()
        counts[key] = len(objs)

    add([Jurisdiction(code=r["code"], name=r["name"], level=r["level"],
                      parent_code=r["parent_code"] or None, lat=_num(r["lat"], float),
                      lon=_num(r["lon"], float))
         for r in sorted(_rows("jurisdictions.csv"), key=lambda r: len(r["code"]))], "jurisdictions")
    add([TeamType(code=r["code"], name=r["name"], english=r["english"],
                  default_speed_kmh=int(r["default_speed_kmh"]),
                  assembles_on_order=_flag(r["assembles_on_order"]))
         for r in _rows("team_types.csv")], "team_types")
    orgs = [Organisation(code=r["code"], name=r["name"], kind=r["kind"],
                         jurisdiction_code=r["jurisdiction_code"] or None, address=r["address"],
                         duty_phone=r["duty_phone"], notes=r["notes"])
            for r in _rows("organisations.csv")]
    add(orgs, "organisations")
    org_id = {o.code: o.id for o in orgs}
    add([Contact(name=r["name"], organisation_id=org_id.get(r["organisation_code"]), post=r["post"],
                 office_phone=r["office_phone"], mobile=r["mobile"], duty_role=r["duty_role"],
                 notes=r["notes"])
         for r in _rows("contacts.csv")], "contacts")
    add([RescueTeam(code=r["code"], name=r["name"], team_type=r["team_type"], tier=r["tier"],
                    lead_unit=r["lead_unit"], host=r["host"], headcount=int(r["headcount"]),
                    on_duty=int(r["on_duty"]), standing=_flag(r["standing"]),
                    capabilities=r["capabilities"], equipment=r["equipment"],
                    base_address=r["base_address"], jurisdiction_code=r["jurisdiction_code"] or None,
                    lat=_num(r["lat"], float), lon=_num(r["lon"], float), leader=r["leader"],
                    duty_phone=r["duty_phone"], radio_channel=r["radio_channel"])
         for r in _rows("teams.csv")], "teams")
    houses = [Warehouse(code=r["code"], name=r["name"], level=r["level"], mode=r["mode"],
                        jurisdiction_code=r["jurisdiction_code"] or None, address=r["address"],
                        lat=_num(r["lat"], float), lon=_num(r["lon"], float), manager=r["manager"],
                        phone=r["phone"], area_m2=_num(r["area_m2"]))
              for r in _rows("warehouses.csv")]
    add(houses, "warehouses")
    items = [MaterialItem(code=r["code"], name=r["name"], category=r["category"], unit=r["unit"],
                          spec=r["spec"], perishable=_flag(r["perishable"]),
                          shelf_life_days=_num(r["shelf_life_days"]),
                          for_vulnerable=_flag(r["for_vulnerable"]))
             for r in _rows("items.csv")]
    add(items, "items")
    house_id = {w.code: w.id for w in houses}
    item_id = {i.code: i.id for i in items}
    add([StockLine(warehouse_id=house_id[r["warehouse_code"]], item_id=item_id[r["item_code"]],
                   quantity=int(r["quantity"]), batch=r["batch"],
                   expires_on=date.fromisoformat(r["expires_on"]) if r["expires_on"] else None)
         for r in _rows("stock.csv")], "stock")
    add([Shelter(code=r["code"], name=r["name"], level=r["level"], kind=r["kind"],
                 indoor=_flag(r["indoor"]), address=r["address"],
                 jurisdiction_code=r["jurisdiction_code"] or None, lat=_num(r["lat"], float),
                 lon=_num(r["lon"], float), capacity=int(r["capacity"]),
                 area_m2=_num(r["area_m2"]), facilities=r["facilities"], manager=r["manager"],
                 phone=r["phone"])
         for r in _rows("shelters.csv")], "shelters")
    add([HazardSite(code=r["code"], name=r["name"], kind=r["kind"], risk_level=r["risk_level"],
                    jurisdiction_code=r["jurisdiction_code"] or None, address=r["address"],
                    lat=_num(r["lat"], float), lon=_num(r["lon"], float), owner_unit=r["owner_unit"],
                    contact_name=r["contact_name"], phone=r["phone"], notes=r["notes"])
         for r in _rows("hazard_sites.csv")], "hazard_sites")
    ops = _rows("operators.csv")
    for r in ops:
        auth.create_operator(session, r["name"], r["role"], r["pin"], r["post"], check=False)
    counts["operators"] = len(ops)
    return counts


def fingerprint() -> str:
    """Hash of the demo files, the loader and the schema: names the cached template."""
    h = hashlib.sha256(migrations.HEAD.encode())
    for f in sorted(DEMO_DIR.iterdir()) + [Path(__file__)]:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def template() -> Path:
    """Path of the demo template database, building it first if needed."""
    from ..store import open_store

    target = paths.cache_dir() / f"demo-{fingerprint()}.sqlite"
    if target.exists():
        return target
    tmp = target.with_suffix(f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    store = open_store(tmp)
    try:
        with store.transaction() as session:
            load(session)
    finally:
        store.close()  # the last connection closing folds the WAL into the file
    for old in paths.cache_dir().glob("demo-*.sqlite"):
        old.unlink(missing_ok=True)
    os.replace(tmp, target)
    return target


def fresh_copy() -> Path:
    """A new private copy of the demo database for this run."""
    folder = paths.data_dir() / "demo"
    folder.mkdir(exist_ok=True)
    dest = folder / f"demo-{os.getpid()}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dest}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template(), dest)
    return dest


def discard(path: Path) -> None:
    """Remove a demo copy and its WAL files."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
