"""What every verb shares: argparse's complaints as one Chinese line and exit status 2."""

import argparse

import pytest

from commanddesk.cli.common import chinese_error, complain_in_chinese, refuse


def parser():
    p = argparse.ArgumentParser(prog="commanddesk demo")
    p.add_argument("--db", required=True)
    p.add_argument("--count", type=int)
    p.add_argument("--kind", choices=["a", "b"])
    group = p.add_mutually_exclusive_group()
    group.add_argument("--json", action="store_true")
    group.add_argument("--text", action="store_true")
    complain_in_chinese("commanddesk demo", p)
    return p


@pytest.mark.parametrize("argv, line", [
    ([], "commanddesk demo: 缺少参数：--db"),
    (["--db", "x", "--bogus"], "commanddesk demo: 无法识别的参数：--bogus（用法见 commanddesk --help）"),
    (["--db", "x", "--kind", "c"], "commanddesk demo: 参数 --kind 的取值“c”无效"),
    (["--db"], "commanddesk demo: 参数 --db 后面缺少取值"),
    (["--db", "x", "--json", "--text"], "commanddesk demo: 参数 --text 与 --json 不能同时使用"),
    (["--db", "x", "--count", "三"], "commanddesk demo: 参数 --count 的取值“三”应为数字"),
])
def test_usage_errors_are_one_chinese_line_and_exit_2(capsys, argv, line):
    with pytest.raises(SystemExit) as done:
        parser().parse_args(argv)
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert err.strip() == line
    assert "usage:" not in err and "Traceback" not in err


def test_our_own_chinese_type_errors_keep_their_text():
    assert chinese_error("argument --at: 时间格式应为 2026-11-23 22:00") == "参数 --at：时间格式应为 2026-11-23 22:00"


def test_one_of_required():
    assert chinese_error("one of the arguments --db --demo is required") == "缺少参数：须给出 --db --demo 之一"


def test_an_unknown_complaint_is_kept_in_brackets():
    assert chinese_error("something new") == "参数有误（something new）"


def test_refuse_prints_one_line_and_returns_2(capsys):
    assert refuse("commanddesk duty", "找不到事件 7。") == 2
    captured = capsys.readouterr()
    assert captured.err == "commanddesk duty: 找不到事件 7。\n"
    assert captured.out == ""
