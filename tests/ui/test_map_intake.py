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


def test_incident_opens_the_map_centred_on_it(qtbot, window):
    """在地图上查看 on the incidents page shows the map focused on that incident."""
    from commanddesk.models import Incident

    with window.ctx.store.transaction() as s:
        inc = Incident(title="测试：地图居中", category="accident", received_at=window.ctx.store.clock.now(),
                       grade=3, lat=34.62, lon=119.28, place_text="测试地点")
        s.add(inc)
        s.flush()
        inc_id = inc.id
    page = window.page("incidents")
    page.reload()
    page.select(inc_id)
    page.action_buttons["在地图上查看"].click()
    map_page = window.page("map")
    assert window.stack.currentWidget() is map_page and map_page.focused_incident == inc_id
