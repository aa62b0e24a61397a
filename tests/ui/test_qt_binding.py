"""The Qt binding does not leak references to None (why PySide6 is pinned to 6.11.3)."""

import sys


def test_void_calls_keep_none_alive(qapp):
    """PySide6 6.12.0 on Python 3.11 lost a reference to None per void call and aborted after ~10,000."""
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(20_000):
        label.setText("x")
    assert sys.getrefcount(None) >= before - 100
