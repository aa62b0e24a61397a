"""安置: an incident's evacuated people placed in the nearest shelters, never above capacity without a reason."""

import pytest
from sqlalchemy import select

from commanddesk.models import Shelter
from commanddesk.services import incidents
from commanddesk.ui.context import AppContext
from commanddesk.ui.shelters import SheltersPanel
from tests.conftest import sign_in


@pytest.fixture
def ctx(demo_store):
    return AppContext(demo_store, demo=True)


@pytest.fixture
def hazmat(demo_store):
    """A hazmat leak at the 徐圩 tank farm, just received."""
    with demo_store.transaction() as s:
        return incidents.record_call(s, incidents.CallInput(
            category="accident", type="accident.hazmat", place_text="徐圩新区石化基地罐区",
            caller_unit="徐圩新区管理委员会", counts={"trapped": 2})).incident_id


@pytest.fixture
def w(qtbot, ctx, hazmat):
    panel = SheltersPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(1200, 700)
    panel.show()
    panel.load(hazmat)
    return panel


def test_shelter_panel_capacity_and_override(w):
    """Placing more people than free places is refused until overridden with a reason."""
    target = min(w.options[:5], key=lambda o: o.free)
    w.select(target.shelter_id)
    w.people.setText(str(target.free + 5))
    assert not w.assign_selected() and "超员" in w.message.text()
    w.override.setChecked(True)
    w.override_reason.setText("夜间转运困难")
    assert w.assign_selected(), w.message.text()
    assert w.history.rows.rowCount() == 1 and w.history.rows.text(0, 5) == "夜间转运困难"


def test_the_nearest_open_shelter_comes_first_and_is_chosen(w, demo_store):
    """Shelters are listed nearest first, none that is closed, and the first is selected with its free places."""
    dists = [o.distance_km for o in w.options]
    assert dists == sorted(dists) and w.table.rows.rowCount() == len(w.options)
    with demo_store.read() as s:
        closed = {sh.name for sh in s.scalars(select(Shelter).where(Shelter.status.in_(("closing", "closed"))))}
    assert not closed & {o.name for o in w.options}
    first = w.options[0]
    assert w.current() == first and w.chosen.text() == f"{first.name}：空余 {first.free:,} 人"
    assert w.btn_assign.isEnabled() and not w.btn_release.isEnabled()  # nobody of this incident placed yet


def test_placing_then_releasing_updates_list_and_record(qtbot, w):
    """People placed show in 本事件安置 and the record; the form empties; release takes them out again."""
    o = w.current()
    w.people.setText("30")
    w.group.setText("低洼片区居民")
    with qtbot.waitSignal(w.sig_changed) as changed:
        assert w.assign_selected(), w.message.text()
    assert changed.args == [w.incident_id]
    now = w.current()
    assert now.shelter_id == o.shelter_id and now.placed_here == 30 and now.occupancy == o.occupancy + 30
    assert w.people.text() == "" and w.group.text() == ""
    assert w.btn_release.isEnabled()
    assert w.history.rows.text(0, 2) == "+30" and w.history.rows.text(0, 4) == "低洼片区居民"
    w.people.setText("40")
    assert not w.release_selected() and ("不能离开 40 人" in w.message.text() or "只有 30 人" in w.message.text())
    w.people.setText("30")
    assert w.release_selected(), w.message.text()
    assert w.current().placed_here == 0 and w.history.rows.text(0, 2) == "-30"


def test_a_number_that_is_not_one_is_refused(w):
    """人数 must be a whole number above zero; the message says which."""
    w.people.setText("三十")
    assert not w.assign_selected() and "须为整数" in w.message.text()
    w.people.setText("0")
    assert not w.assign_selected() and "须大于 0" in w.message.text()


def test_a_trainer_sees_but_may_not_place(w, demo_store):
    """Without the right to edit registries both buttons are off."""
    sign_in(demo_store, "陈静", "333333")
    w.refresh_permission()
    assert not w.btn_assign.isEnabled() and not w.btn_release.isEnabled()


def test_another_seats_placement_shows_without_a_click(w, ctx, demo_store):
    """A change to shelters announced by the notifier re-reads the list (occupancy from the other seat)."""
    o = w.current()
    with demo_store.transaction() as s:
        s.get(Shelter, o.shelter_id).occupancy += 7
    ctx.notifier.sig_data_changed.emit("shelters")
    assert w.current().occupancy == o.occupancy + 7
