"""Texts composed in the interface language: catalogue labels, shift names, the permission refusal."""

import os
import subprocess
import sys

CODE = """
import sys
from datetime import date
from PySide6.QtWidgets import QApplication
from commanddesk import app as a
from commanddesk.services import auth
from commanddesk.ui import texts
q = QApplication([])
a.install_translations(q, sys.argv[1])
officer = auth.Actor(1, "李晓明", auth.Role.DUTY_OFFICER)
print(texts.t("待命"), texts.t("特别重大"), sep="|")
print(texts.shift_text(date(2026, 12, 4), "白班"), texts.times_text("17:30–次日08:30"), sep="|")
print(texts.refusal(officer, auth.Permission.MANAGE_USERS))
print(texts.refusal(None, auth.Permission.RECORD_CALL))
print(auth.refusal(officer, auth.Permission.MANAGE_USERS))
"""


def _run(lang: str) -> list[str]:
    r = subprocess.run([sys.executable, "-c", CODE, lang], capture_output=True, text=True, timeout=60,
                       env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 0, r.stderr
    return r.stdout.strip().splitlines()


def test_english_says_labels_shifts_and_refusals_in_english_and_the_service_keeps_chinese():
    en = _run("en")
    assert en[0] == "Standing by|Grade I"
    assert en[1] == "12-04 Day shift|17:30–next day 08:30"
    assert en[2] == "Not allowed to manage user accounts: needs Administrator (current role: Duty officer)."
    assert en[3] == "Not allowed to record calls: sign in first."
    assert en[4] == "无权执行「管理用户账户」：需要 系统管理员（当前角色：值班员）。"  # the log and documents stay Chinese


def test_chinese_stays_as_the_service_says_it():
    zh = _run("zh")
    assert zh[0] == "待命|特别重大"
    assert zh[1] == "12月4日白班|17:30–次日08:30"
    assert zh[2] == zh[4] == "无权执行「管理用户账户」：需要 系统管理员（当前角色：值班员）。"
    assert zh[3] == "无权执行「记录接报」：请先签到上岗。"
