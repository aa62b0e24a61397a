"""The one QObject the map page talks to through QWebChannel.

Only JSON-like values cross it: numbers and strings. The page calls the slots;
Python listens to the signals.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot


class MapBridge(QObject):
    """Receives the page's events and re-emits them as Qt signals."""

    sig_ready = Signal()
    """The page's channel is connected: clicks will arrive from now on."""

    sig_map_clicked = Signal(float, float)
    """The map background was clicked at (lat, lon) in the basemap's frame."""

    sig_feature_clicked = Signal(str, str, str, float, float)
    """A marker was clicked: kind, id, name, lat, lon (basemap frame)."""

    sig_layer_toggled = Signal(str, bool)
    """The user switched a layer on or off in the legend."""

    sig_zone_drawn = Signal(str)
    """A zone was drawn: JSON {shape: polygon, points: [[lat, lon], …]} or {shape: circle, lat, lon, radius_m}."""

    sig_painted = Signal(str)
    """The page painted twice after ``cd.afterPaint(token)``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tip_source: Callable[[str, str], str] | None = None

    @Slot(str, str, result=str)
    def tip(self, kind: str, rid: str) -> str:
        """The hover text of a marker, asked for when the pointer rests on it."""
        return self.tip_source(kind, rid) if self.tip_source is not None else ""

    @Slot()
    def ready(self) -> None:
        """Called by the page once QWebChannel is connected."""
        self.sig_ready.emit()

    @Slot(float, float)
    def mapClicked(self, lat: float, lon: float) -> None:  # noqa: N802 (called from JavaScript)
        """Called by the page on a click on the map background."""
        self.sig_map_clicked.emit(lat, lon)

    @Slot(str, str, str, float, float)
    def featureClicked(self, kind: str, rid: str, name: str, lat: float, lon: float) -> None:  # noqa: N802
        """Called by the page on a click on a marker."""
        self.sig_feature_clicked.emit(kind, rid, name, lat, lon)

    @Slot(str, bool)
    def layerToggled(self, layer: str, on: bool) -> None:  # noqa: N802
        """Called by the page when a legend switch changes."""
        self.sig_layer_toggled.emit(layer, on)

    @Slot(str)
    def zoneDrawn(self, spec: str) -> None:  # noqa: N802 (called from JavaScript)
        """Called by the page when a polygon or circle has been drawn."""
        self.sig_zone_drawn.emit(spec)

    @Slot(str)
    def painted(self, token: str) -> None:
        """Called by the page after two animation frames."""
        self.sig_painted.emit(token)
