"""Taking a vehicle's store out as a new file: made whole, or not at all."""

import pytest
from sqlalchemy import select

from commanddesk.models import SyncState
from commanddesk.services import sync, takeout
from commanddesk.store import open_store
from tests.conftest import sign_in


@pytest.fixture
def backend():
    return "sqlite"  # the vehicle is always a file; the post on a server is tests/services/test_sync.py's


def test_a_leader_takes_out_a_vehicle_file_that_knows_its_site(store, tmp_path):
    """The new file opens as the vehicle 车1, with the post's accounts to sign in with."""
    leader = sign_in(store, "领导乙")
    target = tmp_path / "vehicle.sqlite"
    result = takeout.take_out(store, target, "车1", actor=leader)
    assert result.site == "车1" and target.is_file()
    vehicle = open_store(target, store.clock)
    try:
        with vehicle.read() as s:
            assert s.scalar(select(SyncState)).site == "车1"
        assert sign_in(vehicle, "值班员甲").name == "值班员甲"
    finally:
        vehicle.close()


def test_an_existing_file_is_never_overwritten(store, tmp_path):
    """A file already there is refused in Chinese and left byte for byte."""
    target = tmp_path / "vehicle.sqlite"
    target.write_bytes(b"somebody's work")
    with pytest.raises(sync.SyncRefused, match="已存在，不会覆盖"):
        takeout.take_out(store, target, "车1", actor=sign_in(store, "领导乙"))
    assert target.read_bytes() == b"somebody's work"


def test_a_missing_folder_is_named(store, tmp_path):
    """A target in a folder that does not exist is refused before anything is made."""
    target = tmp_path / "no" / "vehicle.sqlite"
    with pytest.raises(sync.SyncRefused, match="不存在") as err:
        takeout.take_out(store, target, "车1", actor=sign_in(store, "领导乙"))
    assert str(target.parent) in err.value.message and not target.parent.exists()


@pytest.mark.parametrize("site, who", [("车 1", "领导乙"), ("车1", "值班员甲")])
def test_a_refused_take_out_leaves_no_file_behind(store, tmp_path, site, who):
    """A bad site name or an operator who may not set up vehicles: refused, and the half-made file is gone."""
    target = tmp_path / "vehicle.sqlite"
    with pytest.raises(Exception) as err:
        takeout.take_out(store, target, site, actor=sign_in(store, who))
    assert getattr(err.value, "message", "")  # a reason fit to show
    assert not target.exists()
