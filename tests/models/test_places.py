"""Divisions, units and people to call: a division tree, unique units, a person outliving their unit's record."""

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from commanddesk.models import Contact, Jurisdiction, Organisation, SyncChange


def _units(store):
    with store.transaction() as s:
        s.add(Jurisdiction(code="320700", name="连云港市", level="city"))
        s.add(Jurisdiction(code="320771", name="开发区", level="zone", parent_code="320700", lat=34.6, lon=119.3))
        s.flush()
        org = Organisation(code="ORG1", name="开发区管委会", kind="government", jurisdiction_code="320771")
        org.contacts.append(Contact(name="王强", post="值班主任", mobile="13800000001", duty_role="leader"))
        org.contacts.append(Contact(name="李娜", post="联络员", duty_role="liaison"))
        s.add(org)
        s.flush()
        return org.id


def test_a_unit_and_its_people_are_kept_together(store, officer):
    """A unit lists its contacts; each contact points back at the unit; the division knows its parent."""
    org_id = _units(store)
    with store.read() as s:
        org = s.get(Organisation, org_id)
        assert sorted(c.name for c in org.contacts) == ["李娜", "王强"]
        assert all(c.organisation is org for c in org.contacts)
        zone = s.get(Jurisdiction, "320771")
        assert s.get(Jurisdiction, zone.parent_code).name == "连云港市"


def test_a_division_must_hang_under_a_known_one(store, officer):
    """A parent code that does not exist is refused by the database."""
    with pytest.raises(IntegrityError):
        with store.transaction() as s:
            s.add(Jurisdiction(code="999999", name="无处", level="town", parent_code="888888"))


@pytest.mark.parametrize("field", ["code", "name"])
def test_two_units_cannot_share_a_code_or_a_name(store, officer, field):
    """The contacts page finds a unit by code and by name: both are unique."""
    _units(store)
    clash = dict(code="ORG2", name="别的单位", kind="enterprise")
    clash[field] = {"code": "ORG1", "name": "开发区管委会"}[field]
    with pytest.raises(IntegrityError):
        with store.transaction() as s:
            s.add(Organisation(**clash))


def test_people_stay_when_their_unit_is_removed(store, officer):
    """Deleting a unit's record keeps its people in the address book, without a unit."""
    org_id = _units(store)
    with store.transaction() as s:
        s.delete(s.get(Organisation, org_id))
    with store.read() as s:
        people = s.scalars(select(Contact).order_by(Contact.name)).all()
    assert [c.name for c in people] == ["李娜", "王强"] and all(c.organisation_id is None for c in people)


def test_units_and_people_travel_to_the_vehicles(store, officer):
    """Both are synced records: each gets its own identity and its insert is logged for the next exchange."""
    _units(store)
    with store.read() as s:
        uids = [o.sync_uid for o in s.scalars(select(Organisation))] + [c.sync_uid for c in s.scalars(select(Contact))]
        logged = set(s.scalars(select(SyncChange.uid).where(SyncChange.op == "insert")))
    assert len(set(uids)) == 3 and all(len(u) == 32 for u in uids)
    assert set(uids) <= logged
