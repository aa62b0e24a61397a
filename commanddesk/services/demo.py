"""The bundled demo county: CSV files in data/demo, loaded into a fresh store.

Building the demo store takes a second or two, so it is built once into the
user cache (keyed by a hash of the data files and the schema revision) and
each ``--demo`` start gets a fresh copy of that template.

What ``--demo`` opens also holds a year of synthetic past incidents (services/history,
each titled …（演示）, closed) so the 统计 page has a real-shaped year to show. That year
ends the day before it was made, so it is a second template, rebuilt on the first start
of each Beijing day; :func:`template` stays the county alone (drills copy it and must
not hold incidents).
"""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
from datetime import date
from pathlib import Path

from typing import TYPE_CHECKING

from .. import migrations, paths

if TYPE_CHECKING:  # the ORM is imported when the demo is built, not when a copy is made
    from sqlalchemy.orm import Session

DEMO_DIR = paths.PACKAGE_DATA / "demo"
DEMO_OFFICER = "李晓明"  # the duty officer --demo signs in as (see operators.csv)
# the synthetic past year of the --demo store: about 100 incidents a month, as a busy county post logs
# (a demo figure, not a statistic), with their sign-ins (two shifts a day) in the audit log
HISTORY_INCIDENTS = 1_200
HISTORY_AUDIT = HISTORY_INCIDENTS * 5 + 730


def _rows(name: str) -> list[dict[str, str]]:
    with open(DEMO_DIR / name, encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def _num(text: str, kind: type = int):
    return kind(text) if text != "" else None


def _flag(text: str) -> bool:
    return text in ("1", "是", "true")


def load(session: Session) -> dict[str, int]:
    """Insert the whole demo data set; return the number of rows per table."""
    from ..models import (
        Contact, HazardSite, Jurisdiction, MaterialItem, Organisation, RescueTeam,
        Shelter, StockLine, TeamType, Warehouse,
    )
    from . import accounts, settings

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
    _open_ledger(session)
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
    for r in _rows("settings.csv"):
        settings.put(session, r["key"], r["value"], check=False)
    from .plans import DEMO_SETTING

    settings.put(session, DEMO_SETTING, "1", check=False)  # the shipped demonstration plans are for this store only
    ops = _rows("operators.csv")
    for r in ops:
        accounts.create_operator(session, r["name"], r["role"], r["pin"], r["post"], check=False)
    counts["operators"] = len(ops)
    return counts


def _open_ledger(session: Session) -> None:
    """Post the demo stock as opening entries and give county and city depots reserve quotas.

    The quotas are made up for the demo: half of each item's opening stock, so
    that large issues raise low-stock alerts.
    """
    from sqlalchemy import func, select

    from ..models import StockLevel, StockLine, Warehouse
    from . import ledger

    ledger.open_balances(session, "演示数据：期初库存")
    totals = session.execute(
        select(StockLine.warehouse_id, StockLine.item_id, func.sum(StockLine.quantity))
        .join(Warehouse, Warehouse.id == StockLine.warehouse_id)
        .where(Warehouse.level.in_(("city", "county")))
        .group_by(StockLine.warehouse_id, StockLine.item_id)).all()
    session.add_all([StockLevel(warehouse_id=w, item_id=i, minimum=q // 2) for w, i, q in totals if q >= 2])
    session.flush()


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


def history_template(clock=None) -> Path:
    """Path of the demo template with its synthetic past year (ending yesterday), built first if needed.

    Named by the template's fingerprint, the generator's and the Beijing day of *clock* (default the
    system clock), so a new day, new demo data or a new generator builds it again; older ones go.
    """
    from ..clock import SystemClock, to_beijing
    from ..store import open_store
    from . import history

    clock = clock or SystemClock()
    h = hashlib.sha256(fingerprint().encode())
    h.update(Path(history.__file__).read_bytes())
    h.update(f"{HISTORY_INCIDENTS}/{HISTORY_AUDIT}".encode())
    day = to_beijing(clock.now()).date()
    target = paths.cache_dir() / f"demoyear-{h.hexdigest()[:16]}-{day:%Y%m%d}.sqlite"
    if target.exists():
        return target
    tmp = target.with_suffix(f".tmp{os.getpid()}")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template(), tmp)
    store = open_store(tmp, clock)
    try:
        history.fill(store, 1, incidents_per_year=HISTORY_INCIDENTS, audit_per_year=HISTORY_AUDIT,
                     profile=history.COUNTY, movements_per_year=0, teams_per_year=0, drills_per_year=0)
    finally:
        store.close()
    os.replace(tmp, target)
    # keep this one and the one before (a run whose clock is on another day, e.g. tests, need not rebuild)
    older = sorted(paths.cache_dir().glob("demoyear-*.sqlite"), key=_mtime, reverse=True)
    for old in [f for f in older if f != target][1:]:
        old.unlink(missing_ok=True)
    return target


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # gone meanwhile (another process tidied up)
        return 0.0


def fresh_copy(clock=None) -> Path:
    """A new private copy of the demo database (with its past year) for this run."""
    folder = paths.data_dir() / "demo"
    folder.mkdir(exist_ok=True)
    dest = folder / f"demo-{os.getpid()}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dest}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(history_template(clock), dest)
    return dest


def discard(path: Path) -> None:
    """Remove a demo copy and its WAL files."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def stage_incidents(store) -> list[int]:
    """Put three incidents received minutes ago into a demo copy, so its clocks run live.

    Times are relative to the store's clock: the hazmat leak's city clock is in
    its last minutes, the explosion is being worked, the rainstorm needs zero reports.
    """
    from datetime import timedelta

    from sqlalchemy import select

    from ..models import Operator
    from . import auth, incidents, reports

    now = store.clock.now()
    with store.transaction() as session:
        op = session.scalar(select(Operator).where(Operator.name == DEMO_OFFICER))
        session.info["actor"] = auth.Actor(op.id, op.name, auth.Role(op.role))
        from . import duty_demo

        duty_demo.stage_roster(session)  # first: the calls' leader clocks and the draft name who is on duty
        why = "演示数据：模拟此前接报的来电"
        ids = []
        calls = (
            (40, incidents.CallInput(
                category="natural", type="natural.rainstorm", place_text="板桥街道", caller_unit="板桥街道办事处",
                caller_name="孙海涛", caller_post="应急办主任", caller_phone="0518-82200116",
                counts={"relocated": 230}, cause="持续强降雨", course="低洼片区积水 0.5 米，230 人已转移安置",
                measures="街道启动防汛Ⅳ级响应，开放板桥中学避难点", trend="夜间仍有强降雨",
                flags=frozenset({"disaster_unstable"}), occurred_at=now - timedelta(hours=3),
                jurisdiction_code="320703005", lat=34.615, lon=119.455)),
            (17, incidents.CallInput(
                category="accident", type="accident.hazmat", place_text="徐圩新区石化基地罐区",
                caller_unit="徐圩新区管理委员会", caller_name="钱伟", caller_phone="0518-86350011",
                counts={"deaths": 2, "trapped": 6}, predicted={"deaths": 10},
                cause="储罐管线泄漏引发闪爆", course="罐区东侧管廊闪爆，6 名作业人员被困",
                measures="园区消防站已出动，周边 1 公里疏散", occurred_at=now - timedelta(minutes=26),
                jurisdiction_code="320791", lat=34.571, lon=119.585)),
            (12, incidents.CallInput(
                category="accident", type="accident.explosion", place_text="连云港海晟化工有限公司",
                caller_unit="连云港海晟化工有限公司", caller_name="王强", caller_post="安全科科长",
                caller_phone="13912345678", counts={"deaths": 3, "serious_injuries": 12},
                cause="反应釜超压", course="二车间反应釜爆炸并起火", measures="企业启动应急预案，疏散员工 200 余人",
                commander="李建 13805180000", occurred_at=now - timedelta(minutes=20),
                jurisdiction_code="320791", lat=34.567, lon=119.561)),
        )
        for minutes_ago, call in calls:
            call.received_at = now - timedelta(minutes=minutes_ago)
            call.receipt_edit_reason = why
            ids.append(incidents.record_call(session, call).incident_id)
        leader = "周建华"
        reports.notify_leader(session, ids[0], leader, at=now - timedelta(minutes=35))
        reports.notify_leader(session, ids[2], leader, at=now - timedelta(minutes=9))
        reports.draft(session, ids[2], "initial")
        from . import dispatch, dispatch_recommend

        best = [c.team_id for c in dispatch_recommend.recommend(session, ids[1], limit=2).candidates]
        if best:  # the tank-farm flash fire has teams on the way, so the map has something to show
            dispatch.dispatch(session, ids[1], best, "到罐区东侧向现场指挥部报到，负责灭火和被困人员搜救")
        from . import warnings

        warnings.stage_demo(session)  # two live warnings, one from the shipped CAP file
        duty_demo.stage(session, ids)  # roster, leaders' instructions, the previous shift's handover
    return ids
