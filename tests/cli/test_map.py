"""`commanddesk map export`: a file on success, one Chinese line and exit 2 on bad input."""

import subprocess
import sys


def _run(*args):
    return subprocess.run([sys.executable, "-m", "commanddesk", "map", "export", *args],
                          capture_output=True, text=True)


def test_export_demo_writes_an_offline_file(tmp_path):
    out = tmp_path / "态势.html"
    r = _run("--demo", "-o", str(out), "--json")
    assert r.returncode == 0, r.stderr
    assert '"team": 81' in r.stdout
    text = out.read_text(encoding="utf-8")
    assert "一张图快照" in text and "https://" not in text.split("<body>")[0].split("<script>")[0]


def test_bad_input_is_one_chinese_line(tmp_path):
    for args, words in ((("--demo", "--incident", "甲", "-o", str(tmp_path / "a.html")), "事件编号"),
                        (("--demo", "--incident", "99999", "-o", str(tmp_path / "a.html")), "不存在"),  # 999: a past (演示) one
                        (("--demo", "-o", str(tmp_path / "a.txt")), ".html"),
                        (("--db", str(tmp_path / "none.sqlite"), "-o", str(tmp_path / "a.html")), "数据库不存在"),
                        (("--demo",), "缺少参数")):
        r = _run(*args)
        assert r.returncode == 2 and words in r.stderr, (args, r.stderr)
        assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
