"""A synthetic, clearly marked (演示) history for a demo store: years of a busy county.

How incidents are drawn is a :class:`Profile`: ``SCALE`` (the default, the ten-year store of the
benchmarks: kinds evenly, report clocks often late) or ``COUNTY`` (the one year the --demo store
shows: a county's mix of kinds, nearly all 一般, the post's townships, the shipped clock rules met
late now and then).

Written with bulk Core inserts, one transaction per batch, so that a ten-year store is built in
minutes: per year 10,000 incidents (each with its call, grading, two report clocks, a written 初报
sent by fax and two timeline entries), 30 drills (exercise incidents, kept apart from the real ones
as the app keeps them), 100,000 ledger movements (receipts and issues in pairs on the demo's stock
lines) and 1,000 rescue teams. Every title ends in "（演示）" (grading facts stay empty: the grading
rules refuse facts they do not know). Each inserted row gets an ``insert`` audit entry carrying the
digest of the row as stored, chained and signed like the app's own entries, so ``commanddesk audit
verify`` and the ledger check pass on the result; when the rows give fewer entries than
*audit_per_year* asks for, sign-ins make up the rest.

The ledger's history comes before the demo's opening balances (期初, dated when the store was
made): each pair takes a line from 0 up and back to 0, so every line still adds up to its stock.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import select, text

from ..clock import to_beijing
from ..models import (
    AuditEntry, CallRecord, ClockInstance, Grading, Incident, Jurisdiction, Operator, Report, ReportSend,
    RescueTeam, Setting, StockLine, StockMovement, TeamType, TimelineEvent,
)
from . import audit

MARK = "（演示）"
INCIDENTS_PER_YEAR = 10_000
AUDIT_PER_YEAR = 100_000
MOVEMENTS_PER_YEAR = 100_000
TEAMS_PER_YEAR = 1_000
DRILLS_PER_YEAR = 30
BATCH = 2_000  # incidents per transaction
KINDS = (("natural", "natural.rainstorm", "强降雨内涝"), ("natural", "natural.flood", "河道洪水"),
         ("accident", "accident.fire", "火灾"), ("accident", "accident.traffic", "道路交通事故"),
         ("accident", "accident.hazmat", "危险化学品泄漏"), ("health", "health.food", "食物中毒"),
         ("social", "social.crowd", "人员聚集"))


@dataclass(frozen=True)
class Clock:
    """A reporting deadline every synthetic incident gets, and how its completion is drawn."""

    rule_id: str
    name: str
    kind: str
    recipient: str
    minutes: int
    late_share: float | None  # share met late; None: met evenly from 5 minutes to 20 past the deadline
    by_report: bool = False  # met by the incident's written 初报 (its send time)


@dataclass(frozen=True)
class Profile:
    """How the synthetic incidents are drawn: kinds, grades, the two deadlines per incident, places."""

    kinds: tuple[tuple[str, str, str, float], ...]  # category, type, words of the title, weight
    grades: tuple[float, float, float, float]  # weights of 一般, 较大, 重大, 特别重大
    clocks: dict[str, tuple[Clock, Clock]]  # by category, "*" for the rest
    townships: bool = False  # places are the store's townships, named
    seasonal: bool = False  # natural disasters mostly in the flood season (June to September)


# the ten-year store of the scale benchmarks: kinds evenly, report clocks late often (a load to count)
SCALE = Profile(tuple(k + (1.0,) for k in KINDS), (90, 8, 1.8, 0.2),
                {"*": (Clock("city_initial", "向市应急局初报", "report", "市应急管理局", 30, None),
                       Clock("county_written", "书面报告", "report", "市应急管理局", 60, None, True))})
_LEADER = Clock("C-LEADER-10", "报告带班领导", "notify", "带班领导", 10, 0.06)
# the year the --demo store shows on its 统计 page: a county's mix (roads and fires first, rain in summer),
# nearly all 一般, the rules of data/rules/clocks/default.toml met late now and then (demo proportions)
COUNTY = Profile(
    (("accident", "accident.road_traffic", "道路交通事故", 34), ("accident", "accident.fire", "火灾", 22),
     ("accident", "accident.construction", "建筑施工事故", 5), ("accident", "accident.water_traffic", "水上交通事故", 3),
     ("accident", "accident.hazmat", "危险化学品泄漏", 3), ("accident", "accident.special_equipment", "特种设备事故", 2),
     ("natural", "natural.rainstorm", "强降雨内涝", 9), ("natural", "natural.flood", "河道汛情", 3),
     ("natural", "natural.geohazard", "山体崩塌", 2), ("natural", "natural.typhoon", "台风影响", 1),
     ("health", "health.poisoning", "食物中毒", 4), ("social", "social.mass_incident", "人员聚集", 8)),
    (99.2, 0.7, 0.1, 0.0),
    {"natural": (_LEADER, Clock("C-DIS-2H", "灾情初报（2 小时）", "written", "连云港市应急管理局", 120, 0.04, True)),
     "*": (_LEADER, Clock("C-LEVEL-2H", "逐级上报（2 小时）", "written", "连云港市应急管理局", 120, 0.03, True))},
    townships=True, seasonal=True)
TABLES = (Incident.__table__, CallRecord.__table__, Grading.__table__, ClockInstance.__table__,
          Report.__table__, ReportSend.__table__, TimelineEvent.__table__, StockMovement.__table__,
          RescueTeam.__table__)
CITY = "连云港市人民政府总值班室"


def _next_id(conn, table) -> int:
    return (conn.execute(select(table.c.id).order_by(table.c.id.desc()).limit(1)).scalar() or 0) + 1


def _digests(conn, table, lo: int, hi: int) -> list[tuple[str, str]]:
    sql, _pk, n = audit._select_sql(table)
    rows = conn.execute(text(f"{sql} WHERE id BETWEEN :lo AND :hi ORDER BY id"), {"lo": lo, "hi": hi})
    return [(str(r[0]), audit._digest_values(table.name, tuple(r[n:]))) for r in rows]


def _kind(rnd: random.Random, profile: Profile, month: int) -> tuple[str, str, str]:
    """An incident kind by the profile's weights; out of the flood season most natural disasters are drawn again."""
    while True:
        cat, typ, word, _w = rnd.choices(profile.kinds, [k[3] for k in profile.kinds])[0]
        if not (profile.seasonal and cat == "natural" and not 6 <= month <= 9 and rnd.random() < 0.85):
            return cat, typ, word


def _met(rnd: random.Random, received: datetime, clock: Clock) -> datetime:
    """When a deadline was met: on time mostly, or late by up to half its length, as the profile says."""
    if clock.late_share is None:
        return received + timedelta(minutes=rnd.randrange(5, clock.minutes + 20))
    due = received + timedelta(minutes=clock.minutes)
    if rnd.random() < clock.late_share:
        return due + timedelta(minutes=rnd.randint(1, max(5, clock.minutes // 2)))
    return received + timedelta(seconds=rnd.randrange(max(60, clock.minutes * 12), clock.minutes * 60))


def _share(total: int, done: int, n: int, whole: int) -> int:
    """How many of *total* things fall into the slice [done, done + n) of *whole* (spread evenly)."""
    return (total * (done + n)) // whole - (total * done) // whole


def fill(store, years: int, *, incidents_per_year: int = INCIDENTS_PER_YEAR,
         audit_per_year: int = AUDIT_PER_YEAR, seed: int = 22,
         progress: Callable[[int, int], None] | None = None, profile: Profile = SCALE,
         movements_per_year: int = MOVEMENTS_PER_YEAR, teams_per_year: int = TEAMS_PER_YEAR,
         drills_per_year: int = DRILLS_PER_YEAR) -> dict[str, int]:
    """Add *years* of history ending now to an open demo *store*; return rows written per kind.

    ``progress(done, total)`` counts incidents. Pass 0 for *movements_per_year*, *teams_per_year*
    or *drills_per_year* to leave that part out.
    """
    rnd = random.Random(seed)
    total = max(1, years * incidents_per_year)
    audit_total = years * audit_per_year
    moves_total, teams_total, drills_total = (years * movements_per_year, years * teams_per_year,
                                              years * drills_per_year)
    now = store.clock.now().astimezone(timezone.utc).replace(microsecond=0)
    start = now - timedelta(days=365 * years)
    span = (now - timedelta(days=1) - start).total_seconds()
    key = store.seal.key
    counts = {"incidents": 0, "calls": 0, "gradings": 0, "clocks": 0, "reports": 0, "report_sends": 0,
              "timeline": 0, "drills": 0, "movements": 0, "teams": 0, "audit": 0}
    with store.engine.connect() as conn:
        codes = [c for c in conn.execute(select(Jurisdiction.code)).scalars()] or [None]
        towns = [(c, n) for c, n in conn.execute(select(Jurisdiction.code, Jurisdiction.name)
                                                 .where(Jurisdiction.level == "town").order_by(Jurisdiction.code))]
        ops = conn.execute(select(Operator.id, Operator.name)).all() or [(None, "系统")]
        prev = conn.execute(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).scalar() or audit.GENESIS
        ids = {t.name: _next_id(conn, t) for t in TABLES + (AuditEntry.__table__,)}
        lines = conn.execute(select(StockLine.id, StockLine.warehouse_id, StockLine.item_id, StockLine.batch,
                                    StockLine.expires_on)).all()
        team_types = [c for c in conn.execute(select(TeamType.code)).scalars()] or ["social"]
        prefix = conn.execute(select(Setting.value).where(Setting.key == "doc_prefix")).scalar() or "应急值"
        team_base = conn.execute(select(RescueTeam.id).order_by(RescueTeam.id.desc()).limit(1)).scalar() or 0
    if not lines:
        moves_total = 0
    doc_seq: dict[int, int] = {}
    doc_day: dict[str, int] = {}
    entries: list[dict] = []
    aid = ids["audit_log"]

    def add(at, actor, action, entity, entity_id, after, digest):
        nonlocal prev, aid
        a = audit.canonical(after)
        h = audit.entry_hash(prev, at, actor[0], actor[1], action, entity, entity_id, "", a, digest)
        entries.append(dict(id=aid, at=at, actor_id=actor[0], actor_name=actor[1], action=action,
                            entity=entity, entity_id=entity_id, before="", after=a, prev_hash=prev,
                            hash=h, digest=digest, mac=audit.entry_mac(key, h) if key else ""))
        prev, aid = h, aid + 1

    def uid() -> str:
        return f"{rnd.getrandbits(128):032x}"

    def doc(kind_prefix: str, at: datetime) -> str:
        stem = f"{kind_prefix}{to_beijing(at):%Y%m%d}-"
        doc_day[stem] = doc_day.get(stem, 0) + 1
        return f"{stem}{doc_day[stem]:03d}"

    done = 0
    while done < total:
        n = min(BATCH, total - done)
        d = _share(drills_total, done, n, total)
        m = _share(moves_total, done, n, total) // 2 * 2
        k = _share(teams_total, done, n, total)
        t0 = start + timedelta(seconds=span * done / total)
        t1 = start + timedelta(seconds=span * (done + n) / total)
        step = (t1 - t0) / (n + d)
        rows: dict[str, list[dict]] = {t.name: [] for t in TABLES}
        meta: dict[str, list[tuple]] = {t.name: [] for t in TABLES}  # (at, actor, audit "after") per row

        def put(table: str, row: dict, at, actor, after: dict) -> None:
            rows[table].append(row)
            meta[table].append((at, actor, after))

        def nid(table: str) -> int:
            return ids[table] + len(rows[table])

        for i in range(n + d):
            drill = i >= n  # the batch's drills come after its incidents
            iid, cid = nid("incident"), nid("call_record")
            received = t0 + step * i + timedelta(seconds=rnd.randrange(max(1, int(step.total_seconds()))))
            received = received.replace(microsecond=0)
            cat, typ, word = _kind(rnd, profile, to_beijing(received).month)
            grade = rnd.choices((4, 3, 2, 1), profile.grades)[0]
            code, town = rnd.choice(towns) if profile.townships and towns else (rnd.choice(codes), "")
            op_id, op_name = rnd.choice(ops)
            actor = (op_id, op_name)
            deaths = 0 if grade == 4 else rnd.randrange(1, 3 * (5 - grade) + 3)
            counts_ = {"deaths": deaths} if deaths else {}
            place = f"{town}演示地点 {iid % 50 + 1} 号" if town else f"演示地点 {iid % 500 + 1} 号"
            title = f"{'演练：' if drill else ''}{place}{word}{MARK}"
            put("incident", dict(
                id=iid, version=1, title=title, category=cat, type=typ,
                status="terminated", grade=grade, grade_predicted=False, grade_basis_call_id=cid,
                response_level=None, grading_facts={}, received_at=received,
                occurred_at=received - timedelta(minutes=rnd.randrange(5, 60)),
                occurred_precision="exact", unit_received_at=None, place_text=place,
                jurisdiction_code=code, lat=None, lon=None,
                summary="演示数据：合成的演练事件" if drill else "演示数据：合成的历史事件",
                counts=counts_, predicted={}, flags=[], warning="", measures={}, is_drill=drill,
                recorded_by=op_id, sync_uid=uid()), received, actor, {"title": title})
            put("call_record", dict(
                id=cid, incident_id=iid, seq=1, received_at=received, stamped_at=received,
                receipt_edit_reason="", channel="phone", caller_unit="演示单位", caller_name="演示来电人",
                caller_post="", caller_phone="", occurred_at=received - timedelta(minutes=10),
                occurred_precision="exact", place_text=place, category=cat, type=typ,
                counts=counts_, predicted={}, cause="", course=f"{word}（演示数据）", measures="",
                trend="", requests="", notified="", commander="", recorder_id=op_id,
                recorder_name=op_name, original_message="", suggestions={}, sync_uid=uid()),
                received, actor, {"incident_id": iid})
            graded = received + timedelta(minutes=rnd.randrange(3, 30))
            put("grading", dict(
                id=nid("grading"), incident_id=iid, at=graded, actor_id=op_id, table_id="",
                edition="", content_hash="", inputs=counts_, suggested=grade, chosen=grade,
                predicted=False, override_reason="", reasons=["演示数据"], basis_call_id=cid,
                response_level=None, response_table_id="", response_reasons=[], sync_uid=uid()),
                graded, actor, {"incident_id": iid, "chosen": grade})
            pair = profile.clocks.get(cat) or profile.clocks["*"]
            written = pair[1]
            sent = (received + timedelta(minutes=rnd.randrange(5, 50)) if written.late_share is None
                    else _met(rnd, received, written))
            report_id = nid("report")
            for c in pair:
                due = received + timedelta(minutes=c.minutes)
                met = sent if c.by_report else _met(rnd, received, c)
                late = max(0, int((met - due).total_seconds() // 60))
                put("clock_instance", dict(
                    id=nid("clock_instance"), incident_id=iid, warning_id=None,
                    rule_id=c.rule_id, ruleset_version="demo", slot="", name=c.name, kind=c.kind,
                    recipient=c.recipient, anchor="received", anchor_at=received, due_at=due,
                    warn_at=due - timedelta(minutes=min(10, c.minutes // 3)), satisfied_by=[],
                    state="met_late" if late else "met", met_at=met,
                    met_by_report_id=report_id if c.by_report else None,
                    late_minutes=late or None, note="演示数据", inapplicable_since=None,
                    created_at=received), graded, actor, {"incident_id": iid})
            year = to_beijing(sent).year
            doc_seq[year] = doc_seq.get(year, 0) + 1
            when = f"{to_beijing(received):%Y年%-m月%-d日%-H时%-M分}"
            elements = [{"key": "time", "label": "时间", "text": f"接报时间{when}", "status": "ok"},
                        {"key": "place", "label": "地点", "text": place, "status": "ok"},
                        {"key": "course", "label": "事件经过", "text": f"{word}（演示数据）", "status": "ok"}]
            rtitle = f"关于{title}的{'演练' if drill else ''}初报"
            put("report", dict(
                id=report_id, incident_id=iid, kind="initial", seq=0, title=rtitle,
                doc_number=f"{prefix}〔{year}〕{doc_seq[year]}号", elements=elements, changes=[],
                snapshot={"counts": counts_, "predicted": {}, "grade": grade}, summary="", status="sent",
                author_id=op_id, author_name=op_name, created_at=graded, signer=op_name, signer_role="",
                channel="fax", recipient_level="city", recipient=CITY, recipient_person="", sent_at=sent,
                late_minutes=None, content_hash=f"{rnd.getrandbits(256):064x}", copy_number="",
                classification="", urgency="", doc_year=year, doc_seq=doc_seq[year], approver_id=op_id,
                approver=op_name, approved_at=sent - timedelta(minutes=1), approved_hash=""),
                sent, actor, {"incident_id": iid, "kind": "initial"})
            rows["report"][-1]["approved_hash"] = rows["report"][-1]["content_hash"]
            put("report_send", dict(
                id=nid("report_send"), report_id=report_id, recipient_id=None, recipient=CITY,
                recipient_level="city", recipient_person="", channel="fax", in_writing=True, sent_at=sent,
                sent_by=op_id, actor_name=op_name, recorded_at=sent), sent, actor, {"report_id": report_id})
            for at, kind, summary in ((received, "call", f"接报（电话，演示单位）：{place}{word}"),
                                      (sent, "report", f"初报已传真报送{CITY}")):
                put("timeline_event", dict(
                    id=nid("timeline_event"), incident_id=iid, at=at, kind=kind, summary=summary,
                    actor_id=op_id, actor_name=op_name, data={}, corrects_id=None, sync_uid=uid()),
                    at, actor, {"incident_id": iid, "kind": kind})
        for j in range(k):
            number = team_base + counts["teams"] + j + 1
            ttype = team_types[number % len(team_types)]
            head = rnd.randrange(8, 120)
            name = f"演示{number}号应急队{MARK}"
            put("rescue_team", dict(
                id=nid("rescue_team"), version=1, code=f"YS{number:05d}", name=name, team_type=ttype,
                tier=rnd.choice(("professional", "social", "militia", "enterprise")), lead_unit="演示单位",
                host="演示单位", headcount=head, on_duty=rnd.randrange(0, head + 1), standing=rnd.random() < 0.3,
                capabilities="演示数据", equipment="", base_address=f"演示地点 {number % 500 + 1} 号",
                jurisdiction_code=rnd.choice(codes), lat=round(rnd.uniform(34.1, 34.9), 5),
                lon=round(rnd.uniform(118.7, 119.7), 5), leader="演示队长", duty_phone="", radio_channel="",
                status="available"), t0, ops[0], {"name": name})
        gap = (t1 - t0) * 2 / max(1, m)  # one pair after another: a line's balance reads right in time order
        for j in range(0, m, 2):
            line_id, house, item, batch, expires = lines[rnd.randrange(len(lines))]
            op = ops[j % len(ops)]
            q = rnd.randrange(1, 200)
            at_in = (t0 + (t1 - t0) * j / max(1, m)).replace(microsecond=0)
            at_out = (at_in + gap * rnd.uniform(0.2, 0.9)).replace(microsecond=0)
            for at, kind, delta, balance, reason in ((at_in, "receipt", q, q, "演示数据：采购入库"),
                                                     (at_out, "issue", -q, 0, "演示数据：应急出库")):
                put("stock_movement", dict(
                    id=nid("stock_movement"), doc_number=doc("RK" if delta > 0 else "CK", at), kind=kind, at=at,
                    warehouse_id=house, item_id=item, stock_line_id=line_id, batch=batch, expires_on=expires,
                    quantity=delta, balance_after=balance, counted=None, settled=0, condition="", reason=reason,
                    counterparty="演示单位", approver="", incident_id=None, team_id=None, transfer_id=None,
                    request_id=None, actor_id=op[0], actor_name=op[1], sync_uid=uid()),
                    at, op, {"stock_line_id": line_id, "quantity": delta})
        with store.engine.begin() as conn:
            for table in TABLES:
                if rows[table.name]:
                    conn.execute(table.insert(), rows[table.name])
            stamped = []
            for table in TABLES:
                got = rows[table.name]
                if got:
                    digests = _digests(conn, table, ids[table.name], ids[table.name] + len(got) - 1)
                    stamped += [(at, actor, table.name, ident, after, digest)
                                for (at, actor, after), (ident, digest) in zip(meta[table.name], digests)]
            stamped.sort(key=lambda e: e[0])  # the log reads as things happened
            for at, actor, entity, ident, after, digest in stamped:
                add(at, actor, "insert", entity, ident, after, digest)
            filler = _share(audit_total, done, n, total) - len(stamped)
            for f in range(max(0, filler)):
                actor = ops[f % len(ops)]
                add((t0 + (t1 - t0) * f / max(1, filler)).replace(microsecond=0), actor, "sign_in", "shift", "",
                    {"role": "duty_officer", "note": "演示数据"}, "")
            for c in range(0, len(entries), 20_000):
                conn.execute(AuditEntry.__table__.insert(), entries[c:c + 20_000])
        for table in TABLES:
            ids[table.name] += len(rows[table.name])
        for kind, table in (("calls", "call_record"), ("gradings", "grading"), ("clocks", "clock_instance"),
                            ("reports", "report"), ("report_sends", "report_send"), ("timeline", "timeline_event"),
                            ("movements", "stock_movement"), ("teams", "rescue_team")):
            counts[kind] += len(rows[table])
        counts["incidents"] += n
        counts["drills"] += d
        counts["audit"] += len(entries)
        entries.clear()
        done += n
        if progress:
            progress(done, total)
    if counts["audit"]:
        audit.write_anchor(store.seal, (aid - 1, prev))
    return counts
