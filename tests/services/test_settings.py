"""Post settings: whole-number settings are checked in the service, whoever calls it."""

import pytest

from commanddesk.errors import PermissionDenied, ValidationError
from commanddesk.services import settings
from tests.conftest import sign_in


def test_idle_minutes_are_checked_and_only_the_administrator_sets_them(store):
    sign_in(store, "管理员丁")
    for junk in ("", "ten", "-5", "241", "1e3", "٣"):
        with pytest.raises(ValidationError, match="闲置锁屏"), store.transaction() as s:
            settings.put(s, "idle_lock_minutes", junk)
    with store.transaction() as s:
        settings.put(s, "idle_lock_minutes", "030")
    with store.read() as s:
        assert settings.get(s, "idle_lock_minutes") == "30"
    sign_in(store, "值班员甲")
    with pytest.raises(PermissionDenied), store.transaction() as s:
        settings.put(s, "idle_lock_minutes", "0")
    with store.read() as s:
        assert settings.get(s, "idle_lock_minutes") == "30"
