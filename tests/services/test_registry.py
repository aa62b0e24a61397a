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
