"""A synthetic, clearly marked (演示) history for a demo store: years of incidents and audit entries.

Written with bulk Core inserts, one transaction per batch, so that a ten-year store (100,000
incidents, 1,000,000 audit entries) is built in minutes. Every incident's title ends in
"（演示）" (its grading facts stay empty: the grading rules refuse facts they do not know). Each inserted row gets an ``insert`` audit
entry carrying the digest of the row as stored, chained and signed like the app's own entries, so
``commanddesk audit verify`` passes on the result; the rest of the entries are sign-ins.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from sqlalchemy import select, text

from ..models import AuditEntry, CallRecord, ClockInstance, Grading, Incident, Jurisdiction, Operator
from . import audit

MARK = "（演示）"
INCIDENTS_PER_YEAR = 10_000
AUDIT_PER_YEAR = 100_000
BATCH = 2_000  # incidents per transaction
KINDS = (("natural", "natural.rainstorm", "强降雨内涝"), ("natural", "natural.flood", "河道洪水"),
         ("accident", "accident.fire", "火灾"), ("accident", "accident.traffic", "道路交通事故"),
         ("accident", "accident.hazmat", "危险化学品泄漏"), ("health", "health.food", "食物中毒"),
         ("social", "social.crowd", "人员聚集"))
TABLES = (Incident.__table__, CallRecord.__table__, Grading.__table__, ClockInstance.__table__)


def _next_id(conn, table) -> int:
    return (conn.execute(select(table.c.id).order_by(table.c.id.desc()).limit(1)).scalar() or 0) + 1


def _digests(conn, table, lo: int, hi: int) -> list[tuple[str, str]]:
    sql, _pk, n = audit._select_sql(table)
    rows = conn.execute(text(f"{sql} WHERE id BETWEEN :lo AND :hi ORDER BY id"), {"lo": lo, "hi": hi})
    return [(str(r[0]), audit._digest_values(table.name, tuple(r[n:]))) for r in rows]


def fill(store, years: int, *, incidents_per_year: int = INCIDENTS_PER_YEAR,
         audit_per_year: int = AUDIT_PER_YEAR, seed: int = 22,
         progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Add *years* of history ending now to an open demo *store*; return rows written per table."""
    rnd = random.Random(seed)
    total = years * incidents_per_year
    audit_total = years * audit_per_year
    now = store.clock.now().astimezone(timezone.utc).replace(microsecond=0)
    start = now - timedelta(days=365 * years)
    span = (now - timedelta(days=1) - start).total_seconds()
    key = store.seal.key
    counts = {"incidents": 0, "calls": 0, "gradings": 0, "clocks": 0, "audit": 0}
    with store.engine.connect() as conn:
        codes = [c for c in conn.execute(select(Jurisdiction.code)).scalars()] or [None]
        ops = conn.execute(select(Operator.id, Operator.name)).all() or [(None, "系统")]
        prev = conn.execute(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).scalar() or audit.GENESIS
        ids = {t.name: _next_id(conn, t) for t in TABLES + (AuditEntry.__table__,)}
    done = 0
    while done < total:
        n = min(BATCH, total - done)
        # entries written so far are spread evenly: this batch's share of the filler sign-ins
        filler = (audit_total * (done + n)) // total - (audit_total * done) // total - 5 * n
        t0 = start + timedelta(seconds=span * done / total)
        t1 = start + timedelta(seconds=span * (done + n) / total)
        step = (t1 - t0) / n
        inc, calls, grades, clocks = [], [], [], []
        for i in range(n):
            iid, cid = ids["incident"] + i, ids["call_record"] + i
            cat, typ, word = rnd.choice(KINDS)
            received = t0 + step * i + timedelta(seconds=rnd.randrange(max(1, int(step.total_seconds()))))
            received = received.replace(microsecond=0)
            grade = rnd.choices((4, 3, 2, 1), (90, 8, 1.8, 0.2))[0]
            code = rnd.choice(codes)
            op_id, op_name = rnd.choice(ops)
            deaths = 0 if grade == 4 else rnd.randrange(1, 3 * (5 - grade) + 3)
            counts_ = {"deaths": deaths} if deaths else {}
            place = f"演示地点 {iid % 500 + 1} 号"
            inc.append(dict(id=iid, version=1, title=f"{place}{word}{MARK}", category=cat, type=typ,
                            status="terminated", grade=grade, grade_predicted=False, grade_basis_call_id=cid,
                            response_level=None, grading_facts={}, received_at=received,
                            occurred_at=received - timedelta(minutes=rnd.randrange(5, 60)),
                            occurred_precision="exact", unit_received_at=None, place_text=place,
                            jurisdiction_code=code, lat=None, lon=None, summary="演示数据：合成的历史事件",
                            counts=counts_, predicted={}, flags=[], warning="", measures={}, is_drill=False,
                            recorded_by=op_id))
            calls.append(dict(id=cid, incident_id=iid, seq=1, received_at=received, stamped_at=received,
                              receipt_edit_reason="", channel="phone", caller_unit="演示单位", caller_name="演示来电人",
                              caller_post="", caller_phone="", occurred_at=received - timedelta(minutes=10),
                              occurred_precision="exact", place_text=place, category=cat, type=typ,
                              counts=counts_, predicted={}, cause="", course=f"{word}（演示数据）", measures="",
                              trend="", requests="", notified="", commander="", recorder_id=op_id,
                              recorder_name=op_name, original_message="", suggestions={}))
            graded = received + timedelta(minutes=rnd.randrange(3, 30))
            grades.append(dict(id=ids["grading"] + i, incident_id=iid, at=graded, actor_id=op_id, table_id="",
                               edition="", content_hash="", inputs=counts_, suggested=grade, chosen=grade,
                               predicted=False, override_reason="", reasons=["演示数据"], basis_call_id=cid,
                               response_level=None, response_table_id="", response_reasons=[]))
            for j, (rule, name, minutes) in enumerate((("city_initial", "向市应急局初报", 30),
                                                        ("county_written", "书面报告", 60))):
                due = received + timedelta(minutes=minutes)
                met = received + timedelta(minutes=rnd.randrange(5, minutes + 20))
                late = max(0, int((met - due).total_seconds() // 60))
                clocks.append(dict(id=ids["clock_instance"] + 2 * i + j, incident_id=iid, warning_id=None,
                                   rule_id=rule, ruleset_version="demo", slot="", name=name, kind="report",
                                   recipient="市应急管理局", anchor="received", anchor_at=received, due_at=due,
                                   warn_at=due - timedelta(minutes=10), satisfied_by=[],
                                   state="met_late" if late else "met", met_at=met, met_by_report_id=None,
                                   late_minutes=late or None, note="演示数据", inapplicable_since=None,
                                   created_at=received))
        with store.engine.begin() as conn:
            for table, rows in zip(TABLES, (inc, calls, grades, clocks)):
                conn.execute(table.insert(), rows)
            entries = []
            aid = ids["audit_log"]

            def add(at, actor, action, entity, entity_id, after, digest):
                nonlocal prev, aid
                a = audit.canonical(after)
                h = audit.entry_hash(prev, at, actor[0], actor[1], action, entity, entity_id, "", a, digest)
                entries.append(dict(id=aid, at=at, actor_id=actor[0], actor_name=actor[1], action=action,
                                    entity=entity, entity_id=entity_id, before="", after=a, prev_hash=prev,
                                    hash=h, digest=digest, mac=audit.entry_mac(key, h) if key else ""))
                prev, aid = h, aid + 1

            by_table = {t.name: _digests(conn, t, ids[t.name], ids[t.name] + len(rows) - 1)
                        for t, rows in zip(TABLES, (inc, calls, grades, clocks))}
            for i, row in enumerate(inc):
                actor = (row["recorded_by"], calls[i]["recorder_name"])
                at = row["received_at"]
                add(at, actor, "insert", "incident", *_pair(by_table["incident"][i], {"title": row["title"]}))
                add(at, actor, "insert", "call_record", *_pair(by_table["call_record"][i], {"incident_id": row["id"]}))
                add(grades[i]["at"], actor, "insert", "grading",
                    *_pair(by_table["grading"][i], {"incident_id": row["id"], "chosen": row["grade"]}))
                for j in (0, 1):
                    add(grades[i]["at"], actor, "insert", "clock_instance",
                        *_pair(by_table["clock_instance"][2 * i + j], {"incident_id": row["id"]}))
            for k in range(max(0, filler)):
                actor = ops[k % len(ops)]
                add((t0 + (t1 - t0) * k / max(1, filler)).replace(microsecond=0), actor, "sign_in", "shift", "",
                    {"role": "duty_officer", "note": "演示数据"}, "")
            for c in range(0, len(entries), 20_000):
                conn.execute(AuditEntry.__table__.insert(), entries[c:c + 20_000])
        for t, rows in zip(TABLES, (inc, calls, grades, clocks)):
            ids[t.name] += len(rows)
        ids["audit_log"] = aid
        counts["incidents"] += n
        counts["calls"] += n
        counts["gradings"] += n
        counts["clocks"] += 2 * n
        counts["audit"] += len(entries)
        done += n
        if progress:
            progress(done, total)
    if counts["audit"]:
        audit.write_anchor(store.seal, (ids["audit_log"] - 1, prev))
    return counts


def _pair(ident_digest: tuple[str, str], after: dict) -> tuple[str, dict, str]:
    return ident_digest[0], after, ident_digest[1]
