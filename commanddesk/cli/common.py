"""What every verb of the command line shares: argparse's complaints in Chinese and the exit-2 error."""

from __future__ import annotations

import argparse
import re
import sys

# argparse's own complaints, said in Chinese
ARGPARSE_MESSAGES = (
    (r"the following arguments are required: (.*)", "缺少参数：{0}"),
    (r"unrecognized arguments: (.*)", "无法识别的参数：{0}（用法见 commanddesk --help）"),
    (r"argument (\S+): invalid choice: '?([^' ]*)'?.*", "参数 {0} 的取值“{1}”无效"),
    (r"argument (\S+): expected one argument", "参数 {0} 后面缺少取值"),
    (r"argument (\S+): not allowed with argument (\S+)", "参数 {0} 与 {1} 不能同时使用"),
    (r"argument (\S+): invalid (?:int|float) value: '?([^']*)'?", "参数 {0} 的取值“{1}”应为数字"),
    (r"one of the arguments (.*) is required", "缺少参数：须给出 {0} 之一"),
    (r"argument (\S+): ([^a-zA-Z]*[\u4e00-\u9fff].*)", "参数 {0}：{1}"),  # our own type checks' Chinese
)


class BadInput(Exception):
    """One clear line for the user; exit status 2."""


def chinese_error(message: str) -> str:
    """argparse's message in Chinese (the original in brackets when it is not one we know)."""
    for pattern, chinese in ARGPARSE_MESSAGES:
        m = re.fullmatch(pattern, message.strip())
        if m:
            return chinese.format(*m.groups())
    return f"参数有误（{message}）"


def refuse(prog: str, message: str) -> int:
    """Print ``prog: message`` on stderr and return exit status 2."""
    print(f"{prog}: {message}", file=sys.stderr)
    return 2


def complain_in_chinese(prog: str, *parsers: argparse.ArgumentParser) -> None:
    """Make each parser's usage errors one Chinese line prefixed with *prog*, exit status 2."""

    def error(message: str):
        print(f"{prog}: {chinese_error(message)}", file=sys.stderr)
        raise SystemExit(2)

    for parser in parsers:
        parser.error = error
