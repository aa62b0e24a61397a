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


# --- the paged list (a county keeps thousands of records) ---------------------------------------------------

def _many_teams(store, n=450):
    """*n* teams in one bulk insert: codes YS00001…, every third a 消防 team on standby, every seventh on the scene."""
    from sqlalchemy import insert

    with store.transaction() as s:
        s.add_all([TeamType(code="fire", name="消防应急救援队"), TeamType(code="flood", name="防汛抗旱应急队")])
        s.flush()
        s.execute(insert(RescueTeam), [
            {"code": f"YS{i:05d}", "name": f"{'消防' if i % 3 == 0 else '防汛'}第{i}队",
             "team_type": "fire" if i % 3 == 0 else "flood", "tier": "professional", "headcount": i,
             "on_duty": 0, "status": "on_scene" if i % 7 == 0 else "available", "lead_unit": "开发区应急管理局_甲%"
             if i == 5 else "开发区应急管理局", "version": 1} for i in range(1, n + 1)])


def test_list_page_lists_a_page_in_order_with_the_counts(store, officer):
    """200 at a time in the registry's order; the count covers all; the last page says there is no more."""
    _many_teams(store)
    spec = registry_specs.TEAMS
    with store.read() as s:
        first = registry.list_page(s, spec)
        last = registry.list_page(s, spec, offset=400)
        beyond = registry.list_page(s, spec, offset=450)
    assert [r.texts["code"] for r in first.rows] == [f"YS{i:05d}" for i in range(1, 201)]
    assert (first.matching, first.total, first.more) == (450, 450, True)
    assert [r.texts["code"] for r in last.rows] == [f"YS{i:05d}" for i in range(401, 451)]
    assert (last.matching, last.more) == (450, False)
    assert (beyond.rows, beyond.matching, beyond.more) == ([], 450, False)
    assert first.rows[0].texts["team_type"] == "防汛抗旱应急队" and first.rows[0].texts["status"] == "待命"


@pytest.mark.parametrize("text, expect", [
    ("消防", lambda i: i % 3 == 0),  # in the name (and the type's label)
    ("消防应急救援队", lambda i: i % 3 == 0),  # the label of the type column: its code fire is matched
    ("到场", lambda i: i % 7 == 0),  # a code list's label: status on_scene
    ("ys0010", lambda i: 100 <= i <= 109),  # letters in either case
    ("消防 到场", lambda i: i % 21 == 0),  # every word must match, each in some column
    ("_甲%", lambda i: i == 5),  # LIKE's wildcards are plain characters here
    ("没有这样的队", lambda i: False),
])
def test_list_page_filters_in_the_store(store, officer, text, expect):
    """The filter is asked of the store: every match is counted, not only those of the first page."""
    _many_teams(store)
    with store.read() as s:
        page = registry.list_page(s, registry_specs.TEAMS, text, limit=1000)
        first = registry.list_page(s, registry_specs.TEAMS, text, limit=10)
    wanted = [f"YS{i:05d}" for i in range(1, 451) if expect(i)]
    assert [r.texts["code"] for r in page.rows] == wanted
    assert (page.matching, page.total, page.more) == (len(wanted), 450, False)
    assert (first.matching, first.more) == (len(wanted), len(wanted) > 10)
    assert [r.texts["code"] for r in first.rows] == wanted[:10]


def test_list_page_sorts_in_the_store(store, officer):
    """A column sorts the whole registry, numbers as numbers and code lists by their labels."""
    _many_teams(store)
    spec = registry_specs.TEAMS
    with store.read() as s:
        most = registry.list_page(s, spec, sort="headcount", descending=True, limit=3)
        by_type = registry.list_page(s, spec, sort="team_type", limit=450)
    assert [r.values["headcount"] for r in most.rows] == [450, 449, 448]
    labels = [r.texts["team_type"] for r in by_type.rows]
    assert labels == sorted(labels) and labels[0] == "消防应急救援队"  # 消 before 防 by code point, as the labels


def test_list_page_keeps_fixed_columns(store, officer):
    """*where* fixes columns: the counts are of those records only."""
    _many_teams(store)
    with store.read() as s:
        page = registry.list_page(s, registry_specs.TEAMS, "第1", where={"status": "on_scene"})
    assert page.total == 450 // 7 and all(r.values["status"] == "on_scene" for r in page.rows)
    assert [r.texts["code"] for r in page.rows] == [f"YS{i:05d}" for i in range(1, 451) if i % 7 == 0
                                                    and "第1" in f"第{i}队"]
