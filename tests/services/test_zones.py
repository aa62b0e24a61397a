"""Zones: drawn, named, stored, audited; areas and lengths a user can check by hand."""

import math

import pytest
from sqlalchemy import select

from commanddesk.errors import PermissionDenied, ValidationError
from commanddesk.models import AuditEntry
from commanddesk.services import zones

from ..conftest import sign_in

SQUARE = [(34.60, 119.20), (34.60, 119.21), (34.61, 119.21), (34.61, 119.20)]  # ≈ 915 m × 1112 m


def test_polygon_and_circle_are_stored_with_area_and_audited(store, officer):
    with store.transaction() as s:
        zones.add(s, "警戒区", "罐区警戒区", points=SQUARE)
        zones.add(s, "evacuation", "下风向疏散区", centre=(34.62, 119.30), radius_m=500)
    with store.read() as s:
        got = zones.listed(s)
        audit = s.scalars(select(AuditEntry.entity).where(AuditEntry.entity == "map_zone")).all()
    square, circle = got
    assert square.kind == "cordon" and square.shape == "polygon" and len(square.points) == 4
    assert square.area_m2 == pytest.approx(915.5 * 1111.9, rel=0.01)
    assert square.perimeter_m == pytest.approx(2 * (915.5 + 1111.9), rel=0.01)
    assert circle.area_m2 == pytest.approx(math.pi * 500 ** 2) and circle.label.startswith("下风向疏散区（疏散区，约 0.79 平方公里")
    assert len(audit) == 2


def test_bad_zones_are_refused_and_nothing_is_stored(store, officer):
    for kwargs, field in (({"kind": "禁区", "name": "甲", "points": SQUARE}, "kind"),
                          ({"kind": "管控区", "name": " ", "points": SQUARE}, "name"),
                          ({"kind": "管控区", "name": "乙", "points": SQUARE[:2]}, "points"),
                          ({"kind": "管控区", "name": "丙", "centre": (51.5, -0.1), "radius_m": 100}, "points"),
                          ({"kind": "管控区", "name": "丁", "centre": (34.6, 119.2), "radius_m": 0}, "radius"),
                          ({"kind": "管控区", "name": "戊"}, "points")):
        with pytest.raises(ValidationError) as exc, store.transaction() as s:
            zones.add(s, **kwargs)
        assert exc.value.field == field
    with store.read() as s:
        assert zones.listed(s) == []


def test_removing_needs_the_right_and_is_audited(store, officer):
    with store.transaction() as s:
        zid = zones.add(s, "管控区", "交通管制", points=SQUARE).id
    sign_in(store, "导调丙")  # a trainer does not handle incidents
    with pytest.raises(PermissionDenied), store.transaction() as s:
        zones.remove(s, zid)
    sign_in(store, "值班员甲")
    with store.transaction() as s:
        zones.remove(s, zid)
    with store.read() as s:
        assert zones.listed(s) == []
        assert "delete" in s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "map_zone")).all()
