"""Registry validation: every bad input is refused in Chinese, nothing saved is lost."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from commanddesk.errors import ConflictError, PermissionDenied, UserError, ValidationError
from commanddesk.models import RescueTeam, TeamType
from commanddesk.services import registry, registry_specs
from tests.conftest import sign_in

TEAM = {"code": "T001", "name": "开发区消防应急救援队", "team_type": "fire", "tier": "fire",
        "headcount": "40", "on_duty": "12", "lat": "34.65", "lon": "119.30"}


@pytest.fixture
def with_type(store, officer):
    with store.transaction() as s:
        s.add(TeamType(code="fire", name="消防应急救援队"))
    return store


def _create(store, values, spec=registry_specs.TEAMS):
    with store.transaction() as s:
        return registry.create(s, spec, values)


def test_create_and_list(with_type):
    """A valid team is stored with numbers parsed and labels resolved."""
    tid = _create(with_type, TEAM)
    with with_type.read() as s:
        row = registry.get_row(s, registry_specs.TEAMS, tid)
    assert row.values["headcount"] == 40 and row.values["lat"] == 34.65
    assert row.texts["team_type"] == "消防应急救援队" and row.texts["status"] == "待命"


@pytest.mark.parametrize("change, field, words", [
    ({"headcount": "-3"}, "headcount", "不能小于 0"),
    ({"headcount": "四十"}, "headcount", "须为整数"),
    ({"name": "   "}, "name", "不能为空"),
    ({"on_duty": "50"}, "on_duty", "不能多于总人数"),
    ({"team_type": "nonexistent"}, "team_type", "不在可选范围"),
    ({"lat": "91"}, "lat", "不能大于"),
    ({"lat": "10", "lon": "10"}, "lon", "中国境内"),
    ({"lat": ""}, "lat", "同时填写"),
    ({"duty_phone": "0518-<script>"}, "duty_phone", "只能包含数字"),
    ({"name": "甲" * 101}, "name", "不能超过 100 个字"),
    ({"name": "消防\x00队"}, "name", "控制字符"),
    ({"leader": "张\n三"}, "leader", "不能换行"),
])
def test_invalid_team_refused(with_type, change, field, words):
    """Each malformed field gets a clear Chinese message naming the field."""
    with pytest.raises(ValidationError) as err:
        _create(with_type, {**TEAM, **change})
    assert err.value.field == field and words in err.value.message
    with with_type.read() as s:
        assert s.query(RescueTeam).count() == 0


def test_duplicate_code_refused_and_original_kept(with_type):
    """A second team with the same code is refused; the first is unchanged."""
    _create(with_type, TEAM)
    with pytest.raises(ValidationError, match="编号不能重复"):
        _create(with_type, {**TEAM, "name": "另一个队"})
    with with_type.read() as s:
        assert [t.name for t in s.scalars(select(RescueTeam))] == [TEAM["name"]]


def test_invalid_edit_loses_nothing(with_type):
    """A refused edit leaves the stored record exactly as it was."""
    tid = _create(with_type, TEAM)
    with pytest.raises(ValidationError):
        with with_type.transaction() as s:
            registry.update(s, registry_specs.TEAMS, tid, {**TEAM, "name": "新名字", "headcount": "-1"})
    with with_type.read() as s:
        t = s.get(RescueTeam, tid)
        assert (t.name, t.headcount) == (TEAM["name"], 40)


def test_two_seats_do_not_overwrite_each_other(with_type):
    """An edit based on a stale copy is refused and says which fields changed."""
    tid = _create(with_type, TEAM)
    with with_type.read() as s:
        seen_by_b = registry.get_row(s, registry_specs.TEAMS, tid)
    with with_type.transaction() as s:  # seat A edits first
        registry.update(s, registry_specs.TEAMS, tid, {"headcount": "45"})
    with pytest.raises(ConflictError, match="总人数"):
        with with_type.transaction() as s:
            registry.update(s, registry_specs.TEAMS, tid, {"leader": "王五"}, expected=seen_by_b)
    with with_type.read() as s:
        assert s.get(RescueTeam, tid).headcount == 45


def test_trainer_may_not_edit_registry(with_type):
    """A trainer gets a refusal that names the roles that may."""
    sign_in(with_type, "导调丙")
    with pytest.raises(PermissionDenied, match="值班员"):
        _create(with_type, TEAM)


def test_delete_warehouse_with_stock_refused(store, officer):
    """A depot that still holds stock cannot be deleted."""
    wid = _create(store, {"code": "W1", "name": "开发区应急物资储备库", "level": "county"}, registry_specs.WAREHOUSES)
    iid = _create(store, {"code": "M1", "name": "救生衣", "category": "flood", "unit": "件"}, registry_specs.ITEMS)
    _create(store, {"warehouse_id": wid, "item_id": iid, "quantity": "500"}, registry_specs.STOCK)
    with pytest.raises(UserError, match="仍有库存"):
        with store.transaction() as s:
            registry.delete(s, registry_specs.WAREHOUSES, wid)
    with pytest.raises(UserError, match="不能删除"):
        with store.transaction() as s:
            registry.delete(s, registry_specs.ITEMS, iid)


def test_perishable_stock_needs_expiry(store, officer):
    """Food and water lines must carry an expiry date."""
    wid = _create(store, {"code": "W1", "name": "库", "level": "town"}, registry_specs.WAREHOUSES)
    iid = _create(store, {"code": "M2", "name": "饮用水", "category": "living", "unit": "箱",
                          "perishable": True}, registry_specs.ITEMS)
    with pytest.raises(ValidationError, match="到期日期"):
        _create(store, {"warehouse_id": wid, "item_id": iid, "quantity": "10"}, registry_specs.STOCK)
    with pytest.raises(ValidationError, match="格式如"):
        _create(store, {"warehouse_id": wid, "item_id": iid, "quantity": "10", "expires_on": "明年"},
                registry_specs.STOCK)
    _create(store, {"warehouse_id": wid, "item_id": iid, "quantity": "10", "expires_on": "2027-05-01"},
            registry_specs.STOCK)


def test_shelter_capacity_not_below_occupancy(store, officer):
    """Occupancy is kept by placements; capacity cannot be cut below the people already there."""
    sid = _create(store, {"code": "S1", "name": "体育馆", "level": "fixed", "kind": "building",
                          "capacity": "800", "occupancy": "900"}, registry_specs.SHELTERS)
    from commanddesk.models import Shelter

    with store.transaction() as s:
        assert s.get(Shelter, sid).occupancy == 0  # not editable through the registry
        s.get(Shelter, sid).occupancy = 500
    with pytest.raises(ValidationError, match="不能小于当前已安置人数"):
        with store.transaction() as s:
            registry.update(s, registry_specs.SHELTERS, sid, {"capacity": "400"})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.dictionaries(
    st.sampled_from([f.key for f in registry_specs.TEAMS.fields if f.editable]),
    st.one_of(st.text(max_size=120), st.integers(-10**12, 10**12).map(str), st.none(),
              st.floats(allow_nan=True).map(str))))
def test_fuzzed_team_input_never_corrupts(with_type, values):
    """Arbitrary input either saves a valid team or is refused with a UserError."""
    with with_type.read() as s:
        before = s.query(RescueTeam).count()
    try:
        _create(with_type, {**TEAM, "code": "F" + str(abs(hash(str(values))))[:10], **values})
    except UserError as exc:
        assert exc.message
        with with_type.read() as s:
            assert s.query(RescueTeam).count() == before
        return
    with with_type.read() as s:
        for t in s.scalars(select(RescueTeam)):
            assert t.headcount >= t.on_duty >= 0 and t.name.strip()


def test_team_with_dispatch_history_cannot_be_deleted(demo_store):
    """A team that has been dispatched keeps its record; the refusal says what to do instead."""
    from commanddesk.services import dispatch, dispatch_recommend, incidents

    with demo_store.transaction() as s:
        iid = incidents.record_call(s, incidents.CallInput(category="accident", type="accident.fire",
                                                           place_text="墟沟街道某仓库")).incident_id
        team = dispatch_recommend.recommend(s, iid).candidates[0]
        dispatch.dispatch(s, iid, [team.team_id], "灭火救援")
    with pytest.raises(UserError, match="有调派记录"):
        with demo_store.transaction() as s:
            registry.delete(s, registry_specs.TEAMS, team.team_id)
