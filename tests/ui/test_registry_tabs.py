"""物资 and 通讯录: several registries as tabs, the warehouse's stock beside it."""

import pytest

from commanddesk.ui.context import AppContext
from commanddesk.ui.registry_tabs import ContactsPage, MaterialsPage
from tests.conftest import sign_in


@pytest.fixture
def materials(qtbot, demo_store):
    page = MaterialsPage(AppContext(demo_store, demo=True))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def test_the_tabs_are_named_for_what_they_hold(qtbot, demo_store, materials):
    """物资 holds warehouses, stock and the catalogue; 通讯录 contacts and organisations."""
    assert list(materials.pages) == ["warehouses", "stock", "items"]
    assert materials.count() == 3 and all(materials.tabText(i) for i in range(3))
    contacts = ContactsPage(AppContext(demo_store, demo=True))
    qtbot.addWidget(contacts)
    assert list(contacts.pages) == ["contacts", "organisations"]


def test_warehouse_shows_its_stock(qtbot, window):
    """Selecting a warehouse summarises its stock beside it; the button opens the stock tab on it."""
    window.show_page("materials")
    mats = window.page("materials")
    houses = mats.pages["warehouses"]
    houses.select_id(houses.model.row(0).id)
    assert "种物资" in mats.stock_label.text()
    mats.show_stock_of_current()
    stock = mats.pages["stock"]
    assert stock.isVisible() and stock.model.rowCount() >= 40


def test_the_summary_counts_what_the_warehouse_holds(materials):
    """Kinds, stock lines and the total add up to the stock tab's rows of that warehouse."""
    houses = materials.pages["warehouses"]
    first = houses.model.row(0)
    houses.select_id(first.id)
    materials.show_stock_of_current()
    stock = materials.pages["stock"]
    assert stock.filter.text() == first.values["name"]
    lines = [stock.model.row(i) for i in range(stock.model.rowCount())]
    mine = [r for r in lines if r.values["warehouse_id"] == first.id]
    total = sum(r.values["quantity"] for r in mine)
    text = materials.stock_label.text()
    assert f"{len(mine)} 个库存行" in text and f"合计 {total:,} 件/套" in text


def test_a_new_warehouse_has_no_stock_summary(materials):
    """A new warehouse being entered: an empty summary, and the button stays on the warehouses tab."""
    materials.pages["warehouses"].start_new()
    assert materials.stock_label.text() == ""
    materials.show_stock_of_current()
    assert materials.currentWidget() is materials.pages["warehouses"]


def test_a_trainer_may_edit_no_tab(materials, demo_store):
    """After a trainer signs in, refresh_permission locks every tab, not only the one in view."""
    sign_in(demo_store, "陈静", "333333")
    materials.refresh_permission()
    assert not any(p.btn_new.isEnabled() for p in materials.pages.values())
