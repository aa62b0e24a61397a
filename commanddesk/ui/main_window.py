"""The one window: navigation of work areas on the left, the area on the right."""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMainWindow, QStackedWidget, QVBoxLayout, QWidget,
)

from ..clock import format_beijing
from ..pages import PAGE_KEYS, PAGES
from ..services import registry_specs
from . import icons, theme
from .context import AppContext
from .clock_strip import Alarm, ClockStrip
from .incidents import IncidentsPage
from .intake import IntakePage
from .duty_page import DutyPage
from .settings_page import SettingsPage
from .registry_tabs import ContactsPage, MaterialsPage
from .registry_page import RegistryPage
from .tables import ColumnFitter
from .texts import t


def _tr(text: str) -> str:
    return QCoreApplication.translate("nav", text)


# How each page of ``commanddesk.pages`` is built (the list itself, with keys and
# navigation texts, is shared with the command line).
FACTORIES: dict[str, Callable] = {
    "duty": DutyPage,
    "roster": lambda ctx: _roster_page(ctx),
    "handover": lambda ctx: _handover_page(ctx),
    "intake": lambda ctx: IntakePage(ctx),
    "incidents": lambda ctx: IncidentsPage(ctx),
    "warnings": lambda ctx: _warnings_page(ctx),
    "plans": lambda ctx: _plans_page(ctx),
    "map": lambda ctx: _map_page(ctx),
    "teams": lambda ctx: _with_excel(RegistryPage(ctx, registry_specs.TEAMS), ctx),
    "materials": MaterialsPage,
    "ledger": lambda ctx: _ledger_page(ctx),
    "shelters": lambda ctx: _with_excel(RegistryPage(ctx, registry_specs.SHELTERS), ctx),
    "hazards": lambda ctx: _with_excel(RegistryPage(ctx, registry_specs.HAZARDS), ctx),
    "contacts": ContactsPage,
    "drills": lambda ctx: _drills_page(ctx),
    "statistics": lambda ctx: _statistics_page(ctx),
    "settings": SettingsPage,
}
assert tuple(FACTORIES) == PAGE_KEYS, "every page in commanddesk.pages needs a factory here, in the same order"


def _roster_page(ctx):
    from .roster import RosterPage

    return RosterPage(ctx)


def _handover_page(ctx):
    from .handover import HandoverPage

    return HandoverPage(ctx)


def _plans_page(ctx):
    from .plans import PlansPage

    return PlansPage(ctx)


def _warnings_page(ctx):
    from .warnings import WarningsPage

    return WarningsPage(ctx)


def _statistics_page(ctx):
    from .statistics import StatisticsPage

    return StatisticsPage(ctx)


def _drills_page(ctx):
    if ctx.drill is None:  # the real workspace: start a drill; a drill workspace: run it
        from .drill_launcher import DrillLauncher

        return DrillLauncher(ctx)
    from .drill_console import DrillConsole

    return DrillConsole(ctx)


def _map_page(ctx):
    from .map_page import MapPage

    return MapPage(ctx)


def _ledger_page(ctx):
    from .ledger import LedgerPage

    return LedgerPage(ctx)


def _with_excel(page, ctx):
    """Add Excel import/export (with a template) to a registry page."""
    from .spreadsheets import attach

    attach(page, ctx)
    return page


def layout_settings() -> QSettings:
    """Where window layouts live: an INI file in the user's data folder (tests get a temporary one)."""
    from .. import paths

    return QSettings(str(paths.data_dir() / "layout.ini"), QSettings.Format.IniFormat)


def layout_key(actor) -> str:
    """The settings group of one operator's layout (by account id; 'nobody' before sign-in)."""
    return f"operator-{actor.operator_id}" if actor is not None else "nobody"


def _layout_parts(page: QWidget):
    """(name, part) for every splitter and table header of a page, in a stable order.

    A table whose columns are fitted to its content (``tables.fit_columns``) is
    represented by its ColumnFitter: only the widths the user dragged are kept.
    """
    from PySide6.QtWidgets import QHeaderView, QSplitter

    for i, split in enumerate(page.findChildren(QSplitter)):
        yield f"splitter{i}", split
    headers = [h for h in page.findChildren(QHeaderView) if h.orientation() == Qt.Orientation.Horizontal]
    for i, header in enumerate(headers):
        fitter = getattr(header.parent(), "_column_fitter", None)
        yield (f"widths{i}", fitter) if fitter is not None else (f"header{i}", header)


def _save_part(part):
    if isinstance(part, ColumnFitter):
        return json.dumps(part.user_widths())
    return part.saveState()


def _restore_part(part, value) -> None:
    if isinstance(part, ColumnFitter):
        try:
            widths = json.loads(str(value))
        except ValueError:
            return
        if isinstance(widths, dict):
            part.restore_widths(widths)
    else:
        part.restoreState(value)


class MainWindow(QMainWindow):
    """Navigation + stacked pages + a status bar with the operator and database."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        if ctx.window_factory is None:  # a drill started from this window opens another of the same kind
            ctx.window_factory = type(self)
        title = self.tr("commanddesk 值班与应急指挥")
        if ctx.demo:
            title += self.tr("（演示数据）")
        if ctx.drill is not None:
            title = self.tr("【演练】") + title
        self.setWindowTitle(title)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(140)
        self.nav.setIconSize(QSize(20, 20))
        self.stack = QStackedWidget()
        self.pages: dict[str, object] = {}
        for i, (key, text) in enumerate(PAGES):
            item = QListWidgetItem(_tr(text))
            item.setData(Qt.ItemDataRole.UserRole, key)
            if f"page.{key}" in icons.GLYPHS:
                item.setIcon(icons.icon(f"page.{key}"))
            self.nav.addItem(item)
            self.stack.addWidget(QLabel())  # placeholder until the page is first opened
            if i < 10:  # Alt+1 … Alt+9, then Alt+0
                shortcut = f"Alt+{(i + 1) % 10}"
                item.setToolTip(shortcut)
                sc = QShortcut(QKeySequence(shortcut), self)
                sc.activated.connect(lambda k=key: self.show_page(k))
        self.nav.currentRowChanged.connect(lambda row: self.show_page(PAGES[row][0]))
        self.strip = ClockStrip(ctx)
        self.strip.sig_open_incident.connect(self.open_incident)
        self.strip.sig_open_page.connect(self.show_page)
        self.alarm = Alarm(self, ctx)
        self.strip.sig_overdue.connect(self.alarm.trigger)
        central = QWidget()
        col = QVBoxLayout(central)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        if ctx.drill is not None:
            col.addWidget(self._drill_banner())
        from .live import Heartbeat, LiveUpdates, LostBanner

        self.live = LiveUpdates(ctx, self)  # other seats' changes (PostgreSQL); nothing on SQLite
        self.heartbeat = Heartbeat(ctx, self.live, self)  # who is at this seat, for the 值班 page
        col.addWidget(LostBanner(self.live))
        if ctx.drill is not None:  # a drill window's strip holds drill clocks only: say so (真实 vs 演练)
            strip_row = QHBoxLayout()
            strip_row.setSpacing(0)
            tag = QLabel(self.tr("演练时限"))
            tag.setObjectName("drill_strip_tag")
            tag.setStyleSheet("background:#6a1b9a; color:white; font-weight:bold; padding:0 8px;")
            strip_row.addWidget(tag)
            strip_row.addWidget(self.strip, 1)
            col.addLayout(strip_row)
        else:
            col.addWidget(self.strip)
        row = QHBoxLayout()
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        col.addLayout(row, 1)
        self.setCentralWidget(central)
        sc = QShortcut(QKeySequence("Ctrl+N"), self)
        sc.setContext(Qt.ShortcutContext.ApplicationShortcut)
        sc.activated.connect(self.new_call)
        sc = QShortcut(QKeySequence("F2"), self)  # the action card of whatever incident is selected
        sc.setContext(Qt.ShortcutContext.ApplicationShortcut)
        sc.activated.connect(self.action_card)
        sc = QShortcut(QKeySequence("F9"), self)  # every running clock, by urgency, from anywhere
        sc.setContext(Qt.ShortcutContext.ApplicationShortcut)
        sc.activated.connect(self.strip.open_list)
        self._layout_key: str | None = None  # set by show_for_operator: then the layout is remembered
        self._roll = QTimer(self)  # recurring report slots roll forward; clocks re-derive
        self._roll.timeout.connect(self.resync_clocks)
        self._roll.start(60_000)
        self.resync_clocks()  # a clock that ran out while the app was closed shows overdue now

        self.operator_label = QLabel()
        self.operator_label.setObjectName("status_operator")
        self.db_label = QLabel()
        self.db_label.setObjectName("status_db")
        self.time_label = QLabel()
        bar = self.statusBar()
        bar.addWidget(self.operator_label)
        bar.addWidget(self.db_label, 1)
        bar.addPermanentWidget(self.time_label)
        from ..services import clocks

        if problem := clocks.ruleset_problem():  # the post's clock overrides are broken: say so on every seat
            warn = QLabel(self.tr("时限配置有误，按内置规则计时"))
            warn.setObjectName("status_rules_problem")
            warn.setStyleSheet("color:#c62828; font-weight:bold;")
            warn.setToolTip(problem)
            bar.addPermanentWidget(warn)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(1000)
        menu = self.menuBar().addMenu(self.tr("值班(&D)"))
        act = menu.addAction(self.tr("换班签到…"))
        act.setShortcut(QKeySequence("Ctrl+Shift+L"))
        act.triggered.connect(self.change_shift)
        icons.set_icon(act, "sign_in")
        act = menu.addAction(self.tr("锁定"))
        act.setShortcut(QKeySequence("Ctrl+L"))
        act.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        act.triggered.connect(lambda: self.idle_lock.lock("manual"))
        self.lock_action = act
        act = menu.addAction(self.tr("指挥车同步…"))
        act.setShortcut(QKeySequence("Ctrl+Shift+Y"))
        act.triggered.connect(lambda: self.open_sync())
        icons.set_icon(act, "sync")
        self.sync_action = act
        self.mute_action = menu.addAction(self.tr("报警静音"))
        self.mute_action.setCheckable(True)
        self.mute_action.toggled.connect(self.set_muted)
        icons.set_icon(self.mute_action, "mute")
        act = menu.addAction(self.tr("退出"))
        act.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        act.triggered.connect(self.close)
        icons.set_icon(act, "quit")
        self._view_menu()
        from .idle_lock import IdleLock

        self.idle_lock = IdleLock(self, ctx)  # covers the window after idle_lock_minutes without input
        ctx.notifier.sig_signed_in.connect(self._signed_in)
        from ..services import settings

        with ctx.store.read() as s:
            muted = settings.get(s, "alarm_muted") == "1"
        self.alarm.muted = muted
        self.mute_action.blockSignals(True)
        self.mute_action.setChecked(muted)
        self.mute_action.blockSignals(False)
        self.update_status()
        self.show_page("duty")
        self.live.start()
        self.heartbeat.beat()
        from .upkeep import Upkeep

        self.upkeep = Upkeep(ctx, self.statusBar(), self)  # ANALYZE/VACUUM on the post's schedule
        self.upkeep.start()
        from .backups import AutoBackup

        self.auto_backup = AutoBackup(ctx, self.statusBar(), self)  # on start and daily (services/backup_auto)
        self.auto_backup.start()

    def _view_menu(self) -> None:
        """视图: the night look and large type, applied at once and remembered on this machine."""
        menu = self.menuBar().addMenu(self.tr("视图(&V)"))
        self.night_action = menu.addAction(self.tr("夜间模式"))
        self.night_action.setCheckable(True)
        self.night_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        icons.set_icon(self.night_action, "night")
        self.large_action = menu.addAction(self.tr("大字号"))
        self.large_action.setCheckable(True)
        icons.set_icon(self.large_action, "large")
        languages = menu.addMenu(self.tr("界面语言"))
        icons.set_icon(languages.menuAction(), "language")
        self.language_actions = {}
        current = getattr(QCoreApplication.instance(), "_cd_language", "zh")
        for code, name in (("zh", "中文"), ("en", "English")):
            act = languages.addAction(name)
            act.setCheckable(True)
            act.setChecked(code == current)
            act.triggered.connect(lambda _on=False, c=code: self.set_language(c))
            self.language_actions[code] = act
        self._look_changed()
        self.night_action.toggled.connect(lambda on: self.set_look(night=on))
        self.large_action.toggled.connect(lambda on: self.set_look(large=on))
        theme.state().changed.connect(self._look_changed)

    def set_language(self, code: str) -> None:
        """Remember the interface language; it takes effect at the next start (every text is set once)."""
        from PySide6.QtWidgets import QMessageBox

        settings = layout_settings()
        settings.setValue("look/lang", code)
        settings.sync()
        current = getattr(QCoreApplication.instance(), "_cd_language", "zh")
        for c, act in self.language_actions.items():
            act.setChecked(c == code)
        if code != current:
            QMessageBox.information(self, self.tr("界面语言"),
                                    self.tr("界面语言将在下次启动 commanddesk 时改为 %1。").replace(
                                        "%1", "English" if code == "en" else "中文"))

    def set_look(self, night: bool | None = None, large: bool | None = None) -> None:
        """Switch the whole app to the night or day look and/or large type; keep the choice."""
        theme.apply(None if night is None else ("night" if night else "day"), large)
        theme.remember()

    def _look_changed(self) -> None:
        for action, on in ((self.night_action, theme.current().name == "night"),
                           (self.large_action, theme.state().large)):
            action.blockSignals(True)
            action.setChecked(on)
            action.blockSignals(False)
        for i in range(self.nav.count()):
            key = self.nav.item(i).data(Qt.ItemDataRole.UserRole)
            if f"page.{key}" in icons.GLYPHS:
                self.nav.item(i).setIcon(icons.icon(f"page.{key}"))
        icons.recolour()
        self.strip.update()

    def set_muted(self, muted: bool) -> None:
        """Silence the alarm sound (the strip still flashes); remembered in the store."""
        from ..services import settings

        self.alarm.muted = muted
        with self.ctx.store.transaction() as s:
            settings.put(s, "alarm_muted", "1" if muted else "0")

    def open_sync(self) -> None:
        """指挥车同步: take a vehicle out, exchange packages, decide conflicts (ui/sync.py)."""
        from .sync import SyncDialog

        SyncDialog(self.ctx, self).exec()

    def change_shift(self) -> None:
        """Hand over: the next operator signs in; the current shift ends."""
        from .signin import SignInDialog

        SignInDialog(self.ctx, self).exec()

    def _signed_in(self) -> None:
        self.update_status()
        self._open_first()
        for page in self.pages.values():
            if hasattr(page, "refresh_permission"):
                page.refresh_permission()
            if hasattr(page, "reload") and page.isVisible():
                page.reload()

    def _drill_banner(self) -> QWidget:
        """The 演练 banner that stays on screen for the whole drill."""
        from PySide6.QtWidgets import QPushButton

        bar = QWidget()
        bar.setObjectName("drill_banner")
        bar.setStyleSheet("#drill_banner{background:#6a1b9a;} QLabel{color:white; font-weight:bold; font-size:14px;}")
        row = QHBoxLayout(bar)
        row.setContentsMargins(8, 4, 8, 4)
        self.drill_label = QLabel(self.tr("演练 EXERCISE — 非真实事件：") + self.ctx.drill.scenario.title)
        self.drill_news = QLabel()
        self.drill_news.setObjectName("drill_news")
        from PySide6.QtWidgets import QSizePolicy

        self.drill_news.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        back = QPushButton(self.tr("返回真实值班"))
        back.setToolTip(self.tr("显示真实值班窗口；导调员返回时演练暂停"))
        back.clicked.connect(self.back_to_real)
        row.addWidget(self.drill_label)
        row.addWidget(self.drill_news, 1)
        self.real_watch = None
        if getattr(self.ctx.drill, "real_ctx", None) is not None:  # real duty stays in sight during a drill
            from .real_duty import RealDutyWatch

            self.real_watch = RealDutyWatch(self.ctx.drill, self)
            row.addWidget(self.real_watch)
        row.addWidget(back)
        return bar

    def drill_notice(self, text: str) -> None:
        """Show the newest inject to the trainees."""
        self.drill_news.setText("　最新：" + text[:80])

    def back_to_real(self) -> None:
        """A real call during a drill: show the real workspace (a trainer's return also pauses the drill)."""
        from ..errors import UserError

        run = self.ctx.drill
        try:
            run.drill.pause(self.ctx.actor)
        except UserError:  # a trainee may leave for real duty but not stop the drill's clock
            pass
        if run.real_window is not None:
            run.real_window.show()
        self.hide()

    def new_call(self) -> None:
        """Ctrl+N from anywhere: answer a call in the intake form."""
        self.show_page("intake")
        page = self.page("intake")
        if page.incident_id is not None or not any(
                w.text() for w in page.w.values() if isinstance(w, QLineEdit) and w is not page.w["received_at"]):
            page.new_call()
        page.w["caller_unit"].setFocus()

    def selected_incident(self) -> int | None:
        """The incident the current page has selected (incidents, intake in follow-up, duty board, map)."""
        key = PAGE_KEYS[self.stack.currentIndex()]
        page = self.pages.get(key)
        if page is None:
            return None
        if key == "duty":
            board = getattr(page, "board", None)
            row = board.current() if board is not None and hasattr(board, "current") else None
            lines = getattr(page, "lines", [])
            pos = board.rows.source_row(row) if row is not None else -1
            return lines[pos].id if 0 <= pos < len(lines) else None
        for name in ("current_id", "incident_id", "focused_incident"):
            value = getattr(page, name, None)
            if isinstance(value, int):
                return value
        return None

    def action_card(self) -> None:
        """F2 anywhere: the position action card of the selected incident's plan."""
        incident_id = self.selected_incident()
        if incident_id is None:
            self.statusBar().showMessage(self.tr("请先选择一个事件，再按 F2 打开处置卡。"), 6000)
            return
        page = self.page("incidents")
        if page.current_id != incident_id:
            page.show_incident(incident_id)
        panel = page.plan_panel
        before = getattr(panel, "card_dialog", None)
        panel.show_card()
        if getattr(panel, "card_dialog", None) is before:  # refused: say why where the user looks
            self.statusBar().showMessage(panel.message.text(), 8000)

    def open_incident(self, incident_id: int) -> None:
        """Show one incident on the incidents page."""
        self.show_page("incidents")
        page = self.page("incidents")
        page.reload()
        page.select(incident_id)

    def pick_place(self) -> None:
        """From the intake form: click the map to set the place."""
        self.show_page("map")
        self.page("map").start_pick()

    def place_picked(self, lat: float, lon: float, text: str) -> None:
        """A place clicked on the map goes into the intake form."""
        self.show_page("intake")
        self.page("intake").set_place(lat, lon, text)

    def open_record(self, kind: str, record_id: int) -> None:
        """A marker was clicked: show its record."""
        if kind == "incident":
            self.open_incident(record_id)
            return
        key = {"team": "teams", "shelter": "shelters", "hazard": "hazards"}.get(kind)
        if kind == "warehouse":
            self.show_page("materials")
            self.page("materials").pages["warehouses"].select_id(record_id)
        elif key:
            self.show_page(key)
            self.page(key).select_id(record_id)

    RECOMMENDED_ON_MAP = 3  # the dispatch recommendation's first teams, as the 调派 panel lists them

    def show_incident_on_map(self, incident_id: int) -> None:
        """The map centred on an incident: rings, dispatched teams by status and the first recommended
        teams (outlined, 推荐), each with its straight line and distance."""
        from ..errors import UserError
        from ..services import dispatch_recommend

        try:
            with self.ctx.store.read() as s:
                rec = dispatch_recommend.recommend(s, incident_id, limit=self.RECOMMENDED_ON_MAP)
            recommended = [c.team_id for c in rec.candidates]
        except UserError:  # gone meanwhile: the map says so when it looks for the incident
            recommended = []
        self.show_page("map")
        self.page("map").focus_incident(incident_id, recommended)

    def follow_up(self, incident_id: int) -> None:
        """Log a further call about an incident."""
        self.show_page("intake")
        self.page("intake").follow_up(incident_id)

    def resync_clocks(self) -> None:
        """Re-derive every open incident's clocks (e.g. the next 续报 slot)."""
        from ..services import clocks

        with self.ctx.store.transaction() as s:
            clocks.sync_all(s, self.ctx.store.clock.now())
        self.strip.reload()

    # --- the remembered layout: per operator, in QSettings --------------------------------------------
    def show_for_operator(self) -> None:
        """Show the window as the operator on duty left it; maximised the first time."""
        self._layout_key = layout_key(self.ctx.actor)
        saved = layout_settings()
        saved.beginGroup(self._layout_key)
        geometry = saved.value("geometry")
        state = saved.value("state")
        saved.endGroup()
        restored = geometry is not None and self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        for key in self.pages:
            self._restore_page(key)
        if restored:
            self.show()
        else:
            self.showMaximized()
        self._open_first()

    def _open_first(self) -> None:
        """The page sign-in asked for (交接班 after taking a handover over), once."""
        first = getattr(self.ctx, "open_first", None)
        if first:
            self.ctx.open_first = None
            self.show_page(first)

    def save_layout(self) -> None:
        """Remember window geometry, splitter positions and column widths of the built pages."""
        if self._layout_key is None:
            return
        key = layout_key(self.ctx.actor) if self.ctx.actor is not None else self._layout_key
        saved = layout_settings()
        saved.beginGroup(key)
        saved.setValue("geometry", self.saveGeometry())
        saved.setValue("state", self.saveState())
        for page_key, widget in self.pages.items():
            for name, part in _layout_parts(widget):
                saved.setValue(f"{page_key}/{name}", _save_part(part))
        saved.endGroup()
        saved.sync()

    def _restore_page(self, key: str) -> None:
        if self._layout_key is None:
            return
        saved = layout_settings()
        saved.beginGroup(self._layout_key)
        for name, part in _layout_parts(self.pages[key]):
            value = saved.value(f"{key}/{name}")
            if value is not None:
                _restore_part(part, value)
        saved.endGroup()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Keep the layout, leave the seat list and stop the background work before the window goes."""
        self.save_layout()
        self.heartbeat.leave()
        self.live.stop()
        self.upkeep.stop()
        self.auto_backup.stop()
        self.auto_backup.wait(10)  # a backup under way finishes (its temporary file is not left behind)
        super().closeEvent(event)

    def page(self, key: str):
        """The page widget for *key*, built on first use (keeps start-up fast)."""
        if key not in self.pages:
            pos = PAGE_KEYS.index(key)
            widget = FACTORIES[key](self.ctx)
            widget.setObjectName(f"page_{key}")
            icons.decorate(widget)
            old = self.stack.widget(pos)
            self.stack.insertWidget(pos, widget)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.pages[key] = widget
            self._restore_page(key)
            if key == "intake":
                widget.sig_saved.connect(self.open_incident)
            elif key == "incidents":
                widget.sig_follow_up.connect(self.follow_up)
                widget.sig_show_on_map.connect(self.show_incident_on_map)
                widget.sig_current_changed.connect(self.strip.set_focus)
            elif key in ("duty", "statistics"):  # both list incidents that open on the 事件 page
                widget.sig_open_incident.connect(self.open_incident)
            elif key == "map":
                widget.sig_place_picked.connect(self.place_picked)
                widget.sig_open_record.connect(self.open_record)
        return self.pages[key]

    def show_page(self, key: str) -> None:
        """Switch to a work area."""
        widget = self.page(key)
        self.stack.setCurrentWidget(widget)
        pos = PAGE_KEYS.index(key)
        if self.nav.currentRow() != pos:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(pos)
            self.nav.blockSignals(False)

    def update_status(self) -> None:
        """Show who is on duty and which database is open."""
        actor = self.ctx.actor
        if actor is None:
            self.operator_label.setText(self.tr("未签到（只读）"))
        else:
            self.operator_label.setText(self.tr("值班：%1（%2）").replace("%1", actor.name)
                                        .replace("%2", t(actor.role_label)))
        run = self.ctx.drill
        if run is not None:  # a drill is named by its scenario and start, not by its database file
            started = format_beijing(run.started_at, False) if getattr(run, "started_at", None) else ""
            self.db_label.setText(self.tr("演练：%1 · %2 开始（独立的演练数据库，与真实数据隔离）")
                                  .replace("%1", run.scenario.title).replace("%2", started))
        else:
            self.db_label.setText(self.tr("数据库：%1").replace("%1", self.ctx.store.label)
                                  + (self.tr("  〔演示数据〕") if self.ctx.demo else "")
                                  + (self.tr("  〔已加密〕") if self.ctx.store.encrypted else ""))
        self._tick()

    def _tick(self) -> None:
        self.time_label.setText(format_beijing(self.ctx.store.clock.now())
                                + (self.tr(" 演练模拟时间") if self.ctx.drill is not None else self.tr(" 北京时间")))
