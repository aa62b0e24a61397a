"""Hostile scenario and action files: each is refused with one Chinese reason (ScenarioError/UserError), never
a traceback, and a damaged reference store stops `drill run` before anything is copied."""

from __future__ import annotations

import hashlib
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commanddesk.cli import main
from commanddesk.drills import runner
from commanddesk.drills.scenario import MAX_FILE_BYTES, ScenarioError, load_scenario
from commanddesk.errors import UserError

HEAD = 'id = "x"\ntitle = "t"\nstart = 2026-04-04T21:20:00+08:00\nduration_minutes = 60\n'
CALL = '[initial_call]\ncategory = "natural"\ntype = "natural.forest_fire"\nplace_text = "某地"\n'

SCENARIOS = {
    "initial_call is text": HEAD + 'initial_call = "x"\n',
    "injects is text": HEAD + 'injects = "abc"\n' + CALL,
    "injects are numbers": HEAD + "injects = [1, 2]\n" + CALL,
    "expect items are numbers": HEAD + "expect = [1]\n" + CALL,
    "within is true": HEAD + CALL + '[[expect]]\naction = "log_call"\nwithin = true\n',
    "within overflows": HEAD + CALL + '[[expect]]\naction = "log_call"\nwithin = 99999999999999\n',
    "start in year 1": HEAD.replace("2026-04-04", "0001-01-01") + CALL,
    "duration overflows": HEAD.replace("= 60", "= 9223372036854775807") + CALL,
    "area is a list": HEAD + "area = [1]\n" + CALL,
    "roles is a number": HEAD + "roles = 5\n" + CALL,
    "nested 5000 deep": HEAD + "x = " + "[" * 5000 + "]" * 5000 + "\n" + CALL,
    "type of another category": HEAD + CALL.replace("natural.forest_fire", "accident.explosion"),
    "counts overflow": HEAD + CALL + "counts = { deaths = 9223372036854775807 }\n",
    "occurred after the call": HEAD + CALL + "occurred_offset_minutes = 30\n",
    "control characters": HEAD + CALL + 'course = "起火\\u0007\\u001b[2J"\n',
    "inject text is a table": HEAD + CALL + '[[injects]]\nid = "a"\nat = 1\nkind = "call"\ntext = {a = 1}\n',
    "grade level is text": HEAD + CALL + '[[expect]]\naction = "grade"\nwithin = 5\nlevel = "high"\n',
}

ACTIONS = {
    "actions is text": 'actions = "x"\n',
    "actions are numbers": "actions = [1, 2]\n",
    "at is inf": '[[actions]]\nat = inf\naction = "log_call"\n',
    "at is nan": '[[actions]]\nat = nan\naction = "log_call"\n',
    "at overflows": '[[actions]]\nat = 1e300\naction = "log_call"\n',
    "at is true": '[[actions]]\nat = true\naction = "log_call"\n',
    "grade without level": '[[actions]]\nat = 2\naction = "grade"\n',
    "grade level is text": '[[actions]]\nat = 2\naction = "grade"\nlevel = "high"\n',
    "items are numbers": '[[actions]]\nat = 2\naction = "issue_material"\nitems = [1, 2]\n',
    "items without item": '[[actions]]\nat = 2\naction = "issue_material"\nitems = [{quantity = 1}]\n',
    "leader is a number": '[[actions]]\nat = 2\naction = "notify_leader"\nleader = 5\n',
    "signer is a table": '[[actions]]\nat = 2\naction = "initial_report"\nsigner = {a = 1}\n',
    "not UTF-8": "动作".encode("gbk"),
    "too large": b"# " + b"x" * (MAX_FILE_BYTES + 1),
}


@pytest.mark.parametrize("name", SCENARIOS)
def test_a_hostile_scenario_is_refused_with_its_reason(tmp_path, name):
    """Wrong types, overflowing numbers and deep nesting name the file and the reason in Chinese."""
    path = tmp_path / "bad.toml"
    path.write_text(SCENARIOS[name], encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    assert "bad.toml" in err.value.message and err.value.reason


@pytest.mark.parametrize("name", ACTIONS)
def test_a_hostile_action_file_is_refused_with_its_reason(tmp_path, name):
    path = tmp_path / "actions.toml"
    data = ACTIONS[name]
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    with pytest.raises(UserError) as err:
        runner.load_actions(path)
    assert "actions.toml" in err.value.message


# TOML values of every kind, nested a little: what a hand-edited file can hold
toml_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2**63, max_value=2**63 - 1) | st.floats()
    | st.text(max_size=20) | st.datetimes(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8)
FIELDS = ("id", "title", "start", "duration_minutes", "initial_call", "injects", "expect", "area", "objectives", "roles")


def _toml(value) -> str:
    """A TOML literal for *value* (None is left out by the caller)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "nan" if value != value else ("inf" if value == float("inf") else "-inf" if value == float("-inf")
                                             else repr(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}" for c in value) + '"'
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value if v is not None) + "]"
    return "{" + ", ".join(f"{_toml(str(k))} = {_toml(v)}" for k, v in value.items() if v is not None) + "}"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.dictionaries(st.sampled_from(FIELDS), toml_values, min_size=1, max_size=3))
def test_any_value_in_any_field_loads_or_is_refused(tmp_path, changes):
    """Whatever a trainer's file holds in a field, loading it gives a scenario or a ScenarioError."""
    base = tomllib.loads(HEAD + CALL)
    base.update({k: v for k, v in changes.items() if v is not None})
    text = "\n".join(f"{_toml(k)} = {_toml(v)}" for k, v in base.items())
    path = tmp_path / "fuzz.toml"
    path.write_text(text, encoding="utf-8")
    try:
        load_scenario(path)
    except ScenarioError as exc:
        assert exc.reason


@pytest.mark.parametrize("content", [b"", b"SQLite format 3\x00" + b"\x00" * 200, "不是数据库".encode() * 50])
def test_drill_run_on_a_bad_reference_store_is_refused_and_leaves_it_alone(tmp_path, capsys, content):
    """`drill run --db` on an empty, truncated or foreign file: exit 2, one Chinese line, the file's bytes unchanged."""
    store = tmp_path / "ref.sqlite"
    store.write_bytes(content)
    before = hashlib.sha256(store.read_bytes()).hexdigest()
    assert main(["drill", "run", "forest-fire-night", "--db", str(store)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "commanddesk drill:" in err[0]
    assert hashlib.sha256(store.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("speed", ["nan", "inf", "-1", "0"])
def test_drill_speed_must_be_a_real_positive_number(capsys, speed):
    assert main(["drill", "run", "forest-fire-night", "--speed", speed]) == 2
    assert "--speed" in capsys.readouterr().err
