"""The map's web view: calls made before the page loaded wait and then run in order; page errors are kept."""

import json
import logging

from commanddesk.map.page import MapView, js_call

from .conftest import js, spin


def test_a_call_is_plain_javascript_with_json_arguments():
    """Arguments are JSON (Chinese kept as written, quotes escaped), so a name can never break out of the call."""
    assert js_call("focus", 34.6, 119.2, 12) == "cd.focus(34.6,119.2,12)"
    assert js_call("label", '某"化工"厂', {"a": [1, None, True]}) == 'cd.label("某\\"化工\\"厂",{"a":[1,null,true]})'
    assert js_call("clear") == "cd.clear()"


def test_calls_made_before_the_page_loaded_run_once_it_has_in_order(qtbot, qapp):
    """The app draws layers before the page is ready; nothing is lost and the order is kept, callbacks answered."""
    view = MapView()
    qtbot.addWidget(view)
    assert not view.loaded
    answers: list = []
    view.run("window.__seen = ['a']")
    view.run("window.__seen.push('b'); 'b'", answers.append)
    view.run("window.__seen.push('c')")
    view.run("undefinedFunction()")  # one failing call does not stop the ones after it
    view.run("window.__seen.push('d')")
    with qtbot.waitSignal(view.sig_loaded, timeout=15000) as loaded:
        view.show()
    assert loaded.args == [True] and view.loaded
    spin(lambda: answers)
    assert answers == ["b"]
    assert js(view, "window.__seen") == ["a", "b", "c", "d"]
    view.close()


def test_page_errors_are_kept_and_logged_warnings_only_logged(qtbot, qapp, caplog):
    """A JavaScript error in the page is recorded with its source and logged as an error; a warning is only logged."""
    view = MapView()
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.sig_loaded, timeout=15000):
        view.show()
    before = list(view.page().errors)
    with caplog.at_level(logging.WARNING, logger="commanddesk.map.page"):
        view.run("console.warn('注意：测试警告')")
        view.run("console.error('测试错误')")
        spin(lambda: len(view.page().errors) > len(before))
    new = view.page().errors[len(before):]
    assert len(new) == 1 and "测试错误" in new[0]
    levels = {r.levelname for r in caplog.records if "测试" in r.getMessage()}
    assert levels == {"ERROR", "WARNING"}
    assert json.dumps(view.page().errors)  # plain strings, fit for a report
    view.close()
