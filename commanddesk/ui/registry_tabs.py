"""Pages made of several registries as tabs: 物资 (warehouses, stock, items) and 通讯录 (contacts, organisations)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QTabWidget, QVBoxLayout

from ..services import registry, registry_specs
from ..services.registry import Row
from .context import AppContext
from .registry_page import RegistryPage
from .texts import t


class TabbedRegistries(QTabWidget):
    """Several registry pages as tabs (e.g. warehouses, stock, catalogue)."""

    def __init__(self, ctx: AppContext, specs, parent=None) -> None:
        super().__init__(parent)
        self.pages: dict[str, RegistryPage] = {}
        from .spreadsheets import attach

        for spec in specs:
            page = RegistryPage(ctx, spec)
            attach(page, ctx)
            self.pages[spec.key] = page
            self.addTab(page, t(spec.title))

    def refresh_permission(self) -> None:
        """Enable what the signed-in operator may do."""
        for p in self.pages.values():
            p.refresh_permission()


class MaterialsPage(TabbedRegistries):
    """物资: warehouses (with their stock beside them), stock lines and the catalogue."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(ctx, (registry_specs.WAREHOUSES, registry_specs.STOCK, registry_specs.ITEMS), parent)
        self.ctx = ctx
        houses = self.pages["warehouses"]
        self.stock_box = QGroupBox(self.tr("本库库存"))
        self.stock_label = QLabel()
        self.stock_label.setObjectName("warehouse_stock_summary")
        self.stock_label.setWordWrap(True)
        self.stock_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.btn_stock = QPushButton(self.tr("查看本库库存明细"))
        self.btn_stock.clicked.connect(self.show_stock_of_current)
        sl = QVBoxLayout(self.stock_box)
        sl.addWidget(self.stock_label)
        sl.addWidget(self.btn_stock)
        houses.extra_slot.addWidget(self.stock_box)
        houses.sig_selected.connect(self._warehouse_selected)

    def _warehouse_selected(self, row: Row | None) -> None:
        if row is None:
            self.stock_label.setText("")
            return
        with self.ctx.store.read() as s:
            lines = registry.list_rows(s, registry_specs.STOCK, warehouse_id=row.id)
        total = sum(r.values["quantity"] for r in lines)
        kinds = len({r.values["item_id"] for r in lines})
        top = sorted(lines, key=lambda r: -r.values["quantity"])[:6]
        self.stock_label.setText(
            self.tr("%1 种物资，%2 个库存行，合计 %3 件/套。").replace("%1", str(kinds))
            .replace("%2", str(len(lines))).replace("%3", f"{total:,}")
            + ("\n" + "；".join(f"{r.texts['item_id']} {r.values['quantity']:,}" for r in top) if top else ""))

    def show_stock_of_current(self) -> None:
        """Jump to the stock tab filtered to the selected warehouse."""
        row = self.pages["warehouses"].current
        if row is None:
            return
        stock = self.pages["stock"]
        self.setCurrentWidget(stock)
        stock.filter.setText(row.values["name"])


class ContactsPage(TabbedRegistries):
    """通讯录: organisations and people."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(ctx, (registry_specs.CONTACTS, registry_specs.ORGANISATIONS), parent)
