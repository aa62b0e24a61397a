"""The store fixture runs every test here on SQLite and on a real PostgreSQL.

Tests marked ``sqlite_only`` (they edit the file with sqlite3, read PRAGMAs or
copy the file) run on SQLite alone.
"""

import pytest


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    if request.param == "postgresql" and request.node.get_closest_marker("sqlite_only"):
        pytest.skip("只适用于 SQLite 文件的测试")
    return request.param
