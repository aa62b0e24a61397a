"""commanddesk db restore: a checked backup put in place, the old file kept; refusals one Chinese line, exit 2."""

import json

from commanddesk.cli import main


def test_db_restore_to_a_new_path_and_refusals(store, tmp_path, capsys):
    db, bak, new = str(tmp_path / "test.sqlite"), tmp_path / "b.sqlite", tmp_path / "new.sqlite"
    assert main(["db", "backup", "--db", db, "--to", str(bak)]) == 0
    capsys.readouterr()
    assert main(["db", "restore", "--from", str(bak), "--db", str(new), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["replaced"] is None and new.exists()
    for args, words in ((["--from", str(bak), "--db", db], "正被 commanddesk 打开"),
                        (["--db", db], "--from"),
                        (["--from", str(tmp_path / "none"), "--db", str(tmp_path / "x.sqlite")], "不存在")):
        assert main(["db", "restore", *args]) == 2
        err = capsys.readouterr().err.strip()
        assert err.count("\n") == 0 and words in err
    assert not (tmp_path / "x.sqlite").exists()
