"""Loading the plan library: a broken file named with field and reason, the newest edition current."""

import pytest

from commanddesk.plans import library
from tests.plans.conftest import HAZMAT


def test_malformed_file_rejected_others_load(lib):
    """A plan naming an unknown working group is refused with file, field and reason."""
    assert [p.edition for p in lib.plans] == ["2021", "2024"]
    (err,) = lib.errors
    assert err.path.endswith("broken.toml") and "group" in err.field and "nobody" in err.reason
    assert "预案文件有误：broken.toml" in err.message


def test_current_edition_is_the_newest(lib):
    """The newest published edition is the one matched and searched."""
    assert lib.current("t.hazmat").edition == "2024"
    assert [p.edition for p in lib.editions("t.hazmat")] == ["2024", "2021"]


def _edition(folder, name: str, edition: str, approved: str, extra: str = "") -> None:
    text = HAZMAT.format(edition=edition, approved=approved, termination="险情消除后终止。")
    (folder / name).write_text(extra + text, encoding="utf-8")


def test_a_draft_is_listed_but_never_current(tmp_path):
    """A newer draft edition shows in the list while no published edition exists, and is never matched."""
    _edition(tmp_path, "a.toml", "2025", "2025-01-01", 'status = "draft"\n')
    lib = library.load([tmp_path])
    assert lib.current("t.hazmat") is None and lib.current_plans() == []
    assert [p.edition for p in lib.listed()] == ["2025"]
    _edition(tmp_path, "b.toml", "2024", "2024-05-10")
    lib = library.load([tmp_path])
    assert lib.current("t.hazmat").edition == "2024"
    assert [p.edition for p in lib.current_plans()] == ["2024"]


def test_the_same_edition_twice_keeps_the_first_and_names_the_second(tmp_path):
    """Two files with the same id and edition: the first loads, the second is an error, not a silent twin."""
    _edition(tmp_path, "a.toml", "2024", "2024-05-10")
    _edition(tmp_path, "b.toml", "2024", "2024-05-10")
    lib = library.load([tmp_path])
    assert len(lib.plans) == 1
    (err,) = lib.errors
    assert err.path.endswith("b.toml") and "已存在" in err.reason


@pytest.mark.parametrize(("content", "field", "said"), [
    (b"\xff\xfe not utf-8", "（文件）", "UTF-8"),
    ('id = "x"\nedition = "1"\ntier = "galaxy"\n'.encode(), "tier", "galaxy"),
    ('id = "x"\nedition = "1"\ntier = "special"\ncategory = "accident"\ntypes = ["no.such"]\n'.encode(),
     "types", "no.such"),
])
def test_a_bad_file_is_named_with_field_and_reason(tmp_path, content, field, said):
    """Undecodable text, an unknown tier or incident type: refused with the file, the field and why."""
    (tmp_path / "bad.toml").write_bytes(content)
    lib = library.load([tmp_path])
    (err,) = lib.errors
    assert lib.plans == [] and err.field == field and said in err.reason


def test_a_missing_folder_is_no_error(tmp_path):
    """A post that has not made its plans folder yet simply has no plans."""
    lib = library.load([tmp_path / "nowhere"])
    assert lib.plans == [] and lib.errors == []


def test_a_file_too_large_is_refused_unread(tmp_path, monkeypatch):
    """A plan file over the size limit is refused before it is parsed."""
    monkeypatch.setattr(library, "MAX_FILE_BYTES", 100)
    _edition(tmp_path, "a.toml", "2024", "2024-05-10")
    (err,) = library.load([tmp_path]).errors
    assert "文件过大" in err.reason


# --- whose plans a store sees, the cache, and what a plan file's hash says --------------------------------------


def test_a_real_post_never_sees_the_shipped_demonstration_plans():
    """A post's library holds its own folder only; the demo library adds the shipped plans and the demo's imports."""
    assert library.folders(False) == [library.plan_folder(False)]
    assert library.PLANS_DIR in library.folders(True) and library.plan_folder(True) in library.folders(True)
    assert library.plan_folder(True) != library.plan_folder(False)
    assert library.library(False).plans == []
    shipped = library.library(True).plans
    assert shipped and all(p.demo and not p.user for p in shipped)


def test_the_library_is_read_once_until_reloaded():
    """A plan file saved meanwhile appears after reload(), not before (the pages keep one library)."""
    folder = library.plan_folder(False)
    folder.mkdir(parents=True, exist_ok=True)
    first = library.library(False)
    assert library.library(False) is first
    _edition(folder, "t.toml", "2024", "2024-05-10")
    assert library.library(False).plans == []
    again = library.reload(False)
    assert [p.key for p in again.plans] == [("t.hazmat", "2024")] and again.plans[0].user


def test_each_edition_carries_the_hash_of_its_file(tmp_path):
    """An activation records which text was used: the SHA-256 of the file, different for a changed file."""
    import hashlib

    _edition(tmp_path, "a.toml", "2024", "2024-05-10")
    plan = library.load([tmp_path]).plans[0]
    assert plan.content_hash == hashlib.sha256((tmp_path / "a.toml").read_bytes()).hexdigest()
    _edition(tmp_path, "a.toml", "2024", "2024-05-10", "# 修改了一处\n")
    assert library.load([tmp_path]).plans[0].content_hash != plan.content_hash


def test_every_current_plan_is_the_newest_usable_edition(lib):
    """current_plans() gives one plan per id, the same as current() does, and get() finds any edition."""
    assert [p.key for p in lib.current_plans()] == [lib.current("t.hazmat").key] == [("t.hazmat", "2024")]
    assert lib.get("t.hazmat", "2021").termination == "险情消除后终止。"
    assert lib.get("t.hazmat", "1999") is None and lib.current("no.such") is None and lib.editions("no.such") == []
