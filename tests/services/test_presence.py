"""Who is signed in at which seat: a heartbeat row per seat, out of touch when it stops."""

from commanddesk.services import presence
from tests.conftest import sign_in


def test_seats_show_who_is_signed_in_and_a_silent_seat_goes_stale(store, clock):
    officer = sign_in(store, "值班员甲")
    leader = sign_in(store, "领导乙")
    with store.transaction() as s:
        presence.beat(s, "调度席", officer, clock.now())
        presence.beat(s, "带班席", leader, clock.now())
    clock.advance(seconds=30)
    with store.transaction() as s:
        presence.beat(s, "带班席", leader, clock.now())  # this one keeps beating, 调度席 went quiet
    with store.read() as s:
        seen = presence.seats(s, clock.now())
    assert [(x.seat, x.name, x.role_label, x.stale) for x in seen] == [
        ("带班席", "领导乙", "带班领导", False), ("调度席", "值班员甲", "值班员", False)]
    clock.advance(seconds=presence.STALE_SECONDS)
    with store.read() as s:
        seen = presence.seats(s, clock.now())
    assert [(x.seat, x.stale) for x in seen] == [("带班席", False), ("调度席", True)]


def test_a_new_person_at_a_seat_starts_again_and_leaving_removes_the_seat(store, clock):
    officer = sign_in(store, "值班员甲")
    with store.transaction() as s:
        presence.beat(s, "调度席", officer, clock.now())
    clock.advance(minutes=5)
    leader = sign_in(store, "领导乙")
    with store.transaction() as s:
        presence.beat(s, "调度席", leader, clock.now())
    with store.read() as s:
        (seat,) = presence.seats(s, clock.now())
    assert seat.name == "领导乙" and seat.since == clock.now()
    with store.transaction() as s:
        presence.leave(s, "调度席")
    with store.read() as s:
        assert presence.seats(s, clock.now()) == []


def test_a_heartbeat_writes_no_audit_entry(store, clock):
    from sqlalchemy import func, select

    from commanddesk.models import AuditEntry

    officer = sign_in(store, "值班员甲")
    with store.read() as s:
        before = s.scalar(select(func.count()).select_from(AuditEntry))
    for _ in range(3):
        clock.advance(seconds=presence.BEAT_SECONDS)
        with store.transaction() as s:
            presence.beat(s, "调度席", officer, clock.now())
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == before
