"""Taking a command vehicle's store out as a new file: the sync screen's and ``sync init``'s way in.

Apart from services/sync.py because it opens a second store (the store module installs sync's hooks,
so sync itself may not import it). No Qt here.
"""

from __future__ import annotations

from pathlib import Path

from . import sync


def take_out(post, target: Path, site: str, actor=None) -> sync.InitResult:
    """Make a new vehicle store file *target* from the open *post* store (``sync.init``); on any refusal
    the file is removed again, so a failed take-out leaves nothing behind."""
    from ..store import open_store

    target = Path(target)
    if target.exists():
        raise sync.SyncRefused(f"“{target}”已存在，不会覆盖。")
    if not target.parent.is_dir():
        raise sync.SyncRefused(f"文件夹“{target.parent}”不存在。")
    vehicle = open_store(target, post.clock)
    try:
        result = sync.init(post, vehicle, site, actor=actor)
    except BaseException:
        vehicle.close()
        target.unlink(missing_ok=True)
        raise
    vehicle.close()
    return result
