"""A malformed file in the post's plans/ folder is listed as an error; the other plans still load, search and
match (it used to break the 预案 and 事件 pages and the plans CLI for every plan)."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commanddesk.plans import library
from commanddesk.plans.library import PlanFileError, parse
from commanddesk.plans.search import index_for

BASE = ('id = "p"\ntitle = "t"\ntier = "special"\ncategory = "accident"\nstatus = "published"\nedition = "2026"\n'
        '[[levels]]\nlevel = 1\n')
BAD_FILES = {
    "levels are numbers": 'id = "p"\ntitle = "t"\nlevels = [1, 2]\n',
    "conditions are numbers": BASE + "conditions = [1]\n",
    "measures is text": BASE + 'measures = "x"\n',
    "level is true": BASE.replace("level = 1", "level = true"),
    "nested 3000 deep": "x = " + "[" * 3000 + "]" * 3000,
    "due overflows": BASE + '[[levels.measures]]\nid = "m"\ntext = "t"\ngroup = "g"\ndue_minutes = 99999999999999\n',
    "calls are numbers": BASE + '[[cards]]\nrole = "duty_officer"\ntitle = "t"\nsteps = ["a"]\ncalls = [1]\n',
    "tables are numbers": BASE + '[[appendix]]\nheading = "h"\ntables = [1]\n',
    "not UTF-8": "id = '预案'",
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_user_plan_is_listed_and_the_shipped_plans_still_work(tmp_path, name):
    folder = tmp_path / "plans"
    shutil.copytree(library.PLANS_DIR, folder, ignore=shutil.ignore_patterns("*.md"))
    text = BAD_FILES[name]
    (folder / "zz-bad.toml").write_bytes(text.encode("gbk") if name == "not UTF-8" else text.encode("utf-8"))
    lib = library.load([folder])
    assert [e.path.endswith("zz-bad.toml") for e in lib.errors] == [True]
    assert lib.plans and index_for(lib).search("危险化学品")


toml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8) | st.dates(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=10)
PLAN_KEYS = ("id", "edition", "status", "tier", "category", "types", "approved", "groups", "levels", "cards",
             "contacts", "command", "appendix", "title", "basis")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.dictionaries(st.sampled_from(PLAN_KEYS), toml_values, min_size=1, max_size=4))
def test_any_value_in_any_field_is_a_plan_or_a_plan_file_error(tmp_path, changes):
    data = {"id": "p", "title": "t", "tier": "special", "category": "accident", "edition": "2026",
            "levels": [{"level": 1}]}
    data.update({k: v for k, v in changes.items() if v is not None})
    try:
        parse(tmp_path / "fuzz.toml", data, user=True)
    except PlanFileError as exc:
        assert exc.reason
