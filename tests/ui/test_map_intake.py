"""A click on the map, through the QWebChannel bridge, lands in the intake form's place field."""


def test_map_click_sets_intake_place(qtbot, window):
    """Pick on map from the intake form; the bridge's click reaches the place field with coordinates."""
    window.new_call()
    intake = window.page("intake")
    intake.btn_map.click()
    map_page = window.page("map")
    assert window.stack.currentWidget() is map_page and map_page.picking
    map_page.view.bridge.sig_map_clicked.emit(34.6503, 119.3001)  # what map.js sends through QWebChannel
    assert window.stack.currentWidget() is intake
    assert intake.w["place_text"].text()
    place = intake._place()
    assert abs(place.lat - 34.6503) < 0.01 and abs(place.lon - 119.3001) < 0.01
    inp = intake.collect()
    assert inp.lat == place.lat and inp.lon == place.lon
