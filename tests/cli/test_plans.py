"""`commanddesk plans search|match|import` for scripting: Chinese types, demo marks, exit status 2 on bad input."""

import json
import re
import shutil

import docx
import pytest

from commanddesk.cli import main

CJK = re.compile(r"[\u4e00-\u9fff]")


def _out(capsys, *args) -> tuple[int, str, str]:
    try:
        code = main(["plans", *args])
    except SystemExit as exc:  # argparse's own refusals
        code = exc.code
    got = capsys.readouterr()
    return code, got.out, got.err


def test_search_json_marks_demo_plans(capsys):
    """A two-character term finds sections, as JSON; every hit from the demo library says it is a demo."""
    code, out, _ = _out(capsys, "search", "堵漏", "--json", "--demo")
    hits = json.loads(out)
    assert code == 0 and hits and all("<b>堵漏</b>" in h["snippet"] for h in hits)
    assert all(h["demo"] and h["marked_title"].startswith("【演示】") for h in hits)


def test_search_ranks_the_plan_about_the_term_first(capsys):
    """滑坡 is mentioned by several plans; the geological-hazard plan comes first."""
    code, out, _ = _out(capsys, "search", "滑坡", "--json", "--demo")
    hits = json.loads(out)
    assert code == 0 and len({h["plan_id"] for h in hits}) >= 2
    assert hits[0]["plan_id"] == "special.geohazard" and hits[0]["about"]
    first_other = next(i for i, h in enumerate(hits) if h["plan_id"] != "special.geohazard")
    assert all(h["plan_id"] == "special.geohazard" for h in hits[:first_other])


def test_search_text_output_says_demo(capsys):
    code, out, _ = _out(capsys, "search", "转移安置", "--demo")
    lines = out.splitlines()
    assert code == 0 and lines[-1].startswith("共 ") and all(line.startswith("【演示】") for line in lines[:-1])


def test_match_json(capsys):
    """A chemical explosion with 3 dead: the hazmat plan at Ⅲ, marked as a demo plan."""
    code, out, _ = _out(capsys, "match", "--kind", "accident", "--type", "explosion", "--level", "较大",
                        "--deaths", "3", "--json", "--demo")
    first = json.loads(out)[0]
    assert code == 0 and first["plan"] == "special.hazmat" and first["level"] == 3
    assert "Ⅲ级响应条件" in first["reason"] and first["demo"] and first["status"] == "demo"


@pytest.mark.parametrize("word, plan_id", [
    ("台风", "special.typhoon"),
    ("山体滑坡", "special.geohazard"),
    ("泥石流", "special.geohazard"),
    ("地质灾害", "special.geohazard"),
    ("危险化学品爆炸", "special.hazmat"),
    ("大面积停电", "special.power_outage"),
    ("森林火灾", "special.forest_fire"),
    ("山火", "special.forest_fire"),
])
def test_match_accepts_chinese_types_and_synonyms(capsys, word, plan_id):
    """--type takes the Chinese name or a common synonym; --kind may be left out."""
    code, out, _ = _out(capsys, "match", "--type", word, "--json", "--demo")
    assert code == 0 and json.loads(out)[0]["plan"] == plan_id


def test_match_chinese_kind_and_measure(capsys):
    """Chinese category names work; measured values reach the conditions: an 80 % outage is Ⅰ."""
    code, out, _ = _out(capsys, "match", "--kind", "事故灾难", "--type", "停电", "--measure", "outage_share=0.8", "--demo")
    first = out.splitlines()[0]
    assert code == 0 and first.startswith("【演示】") and "Ⅰ级响应" in first


def test_a_new_post_has_no_plans_and_is_told_how_to_import(capsys, store):
    """Without --demo the shipped plans are not there: no match, and one line on how to import."""
    code, out, err = _out(capsys, "match", "--type", "台风", "--db", str(store.path))
    assert code == 0 and "没有适用的预案" in out
    assert "plans import" in err and "--demo" in err
    code, out, err = _out(capsys, "search", "台风", "--json")
    assert code == 0 and json.loads(out) == []


def test_a_demo_database_has_the_demo_library(capsys, demo_template, tmp_path):
    """--db on a demo store uses the demonstration library."""
    db = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, db)
    code, out, _ = _out(capsys, "match", "--type", "台风", "--relocated", "150000", "--json", "--db", str(db))
    assert code == 0 and json.loads(out)[0]["plan"] == "special.typhoon"


@pytest.mark.parametrize("args", [
    ["match", "--kind", "weather", "--type", "x"],
    ["match", "--type", "火星撞地球", "--demo"],
    ["match", "--kind", "事故", "--type", "台风", "--demo"],
    ["match", "--kind", "accident", "--type", "explosion", "--deaths", "-1", "--demo"],
    ["match", "--kind", "accident", "--type", "explosion", "--deaths", "三", "--demo"],
    ["match", "--kind", "accident", "--type", "explosion", "--measure", "wind", "--demo"],
    ["match", "--kind", "accident", "--type", "flood", "--demo"],
    ["match", "--type", "台风", "--level", "很大", "--demo"],
    ["match", "--type", "台风", "--warning", "紫", "--demo"],
    ["match", "--demo"],
    ["match", "--type", "台风", "--bogus"],
    ["match", "--type", "台风", "--db", "/nonexistent/x.sqlite"],
    ["match", "--type", "台风", "--db", "x.sqlite", "--demo"],
    ["search", "  "],
    ["search", "台风", "--level", "9", "--demo"],
    ["search", "台风", "--tier", "galaxy", "--demo"],
    ["search", "台风", "--category", "天气", "--demo"],
    ["import", "/nonexistent/plan.docx"],
])
def test_bad_input_exit_2_with_one_chinese_line(capsys, args):
    """Nonsense gets status 2 and exactly one line, in Chinese."""
    code, out, err = _out(capsys, *args)
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and lines[0].startswith("commanddesk") and CJK.search(lines[0]), err
    assert out == ""


def _word(path):
    d = docx.Document()
    d.add_paragraph("云山街道防汛应急预案")
    d.add_paragraph("一、总则")
    d.add_paragraph("（一）适用范围")
    d.add_paragraph("适用于街道辖区内暴雨、洪涝灾害的防范与处置。")
    d.add_paragraph("二、组织体系")
    d.add_paragraph("三、响应分级")
    t = d.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate((("级别", "启动条件"), ("Ⅳ级", "转移 50 人以上"), ("Ⅲ级", "转移 200 人以上"))):
        t.rows[r].cells[0].text, t.rows[r].cells[1].text = a, b
    d.save(str(path))


def test_import_dry_run_prints_what_it_found_and_stores_nothing(capsys, tmp_path):
    src = tmp_path / "云山防汛.docx"
    _word(src)
    code, out, _ = _out(capsys, "import", str(src), "--dry-run", "--demo")
    assert code == 0
    assert "标题：云山街道防汛应急预案" in out
    assert "\n  一、总则\n      （一）适用范围\n" in out
    assert "二、组织体系（无正文）" in out
    assert "响应分级表，3 行 × 2 列" in out and "试运行" in out
    from commanddesk.plans import library

    assert not library.plan_folder(True).exists() or not list(library.plan_folder(True).glob("*.toml"))


def test_import_stores_a_draft_and_audits_it(capsys, store, tmp_path):
    """Into the store's library as a draft; JSON tells the chapters tree; the store's audit log has the import."""
    from sqlalchemy import text

    from commanddesk.plans import library

    src = tmp_path / "yunshan.docx"
    _word(src)
    code, out, _ = _out(capsys, "import", str(src), "--json", "--db", str(store.path))
    found = json.loads(out)
    assert code == 0 and found["title"] == "云山街道防汛应急预案" and not found["demo"]
    assert [c["heading"] for c in found["chapters"]] == ["一、总则", "二、组织体系", "三、响应分级"]
    assert found["chapters"][0]["children"][0]["heading"] == "（一）适用范围"
    assert found["tables"][0]["levels"] is True
    (plan,) = library.reload(False).plans
    assert plan.status == "draft" and plan.title == "云山街道防汛应急预案" and found["stored"] == plan.path
    with store.read() as s:
        actions = [r[0] for r in s.execute(text("SELECT action FROM audit_log"))]
    assert "plan_import" in actions
