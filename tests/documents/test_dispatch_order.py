"""The dispatch order (调派单) as HTML: every field on the page, teams numbered, nothing taken as markup."""

import re

from commanddesk.documents.dispatch_order import order_html
from commanddesk.services.dispatch_order import OrderDocument, OrderTeam


def _doc(*teams: OrderTeam, **over) -> OrderDocument:
    base = dict(order_number="调派〔2026〕第 0042 号", issuing_unit="连云港市应急管理局", post_name="市应急指挥中心值班室",
                post_phone="0518-85800000", incident_title="某化工企业储罐泄漏", incident_type="危险化学品事故",
                grade="较大（Ⅲ级）", place="徐圩新区石化基地罐区", issued_at="2026-11-23 22:05", issued_by="李晓明",
                teams=teams)
    base.update(over)
    return OrderDocument(**base)


def _team(name="市危化救援队", task="堵漏并警戒", **over) -> OrderTeam:
    base = dict(name=name, type_name="危化品救援", leader="王强", phone="13800000001", radio="信道 3", strength="18 / 20",
                task=task, eta="22:40")
    base.update(over)
    return OrderTeam(**base)


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_every_field_of_the_order_is_on_the_page():
    """Heading, number, incident, place, time in Beijing, who signed, the post's phone and the signature lines."""
    doc = _doc(_team())
    text = _text(order_html(doc))
    for value in ("连云港市应急管理局", "应急救援队伍调派单", "调派〔2026〕第 0042 号", "某化工企业储罐泄漏", "危险化学品事故",
                  "徐圩新区石化基地罐区", "2026-11-23 22:05（北京时间）", "李晓明", "较大（Ⅲ级）", "市应急指挥中心值班室",
                  "值班电话：0518-85800000", "带班领导签发", "接令人", "接令时间"):
        assert value in text, value


def test_teams_are_numbered_in_order_with_contact_and_task():
    """One row per team, numbered from 1, each with its leader, phone, radio, strength, task and ETA."""
    html = order_html(_doc(_team("甲队", "堵漏"), _team("乙队", "警戒", eta="23:10")))
    rows = re.findall(r"<tr><td>(\d+)</td><td>(.*?)<br/>", html)
    assert rows == [("1", "甲队"), ("2", "乙队")]
    text = _text(html)
    assert "王强" in text and "13800000001" in text and "信道 3" in text and "18 / 20" in text
    assert text.index("堵漏") < text.index("警戒") and "23:10" in text


def test_text_typed_by_people_is_never_markup():
    """A task or place with < > & shows as typed and cannot break the table."""
    html = order_html(_doc(_team(name="<b>伪造</b>队", task="水深>2米 & 夜间"), place="A&B<script>"))
    assert "<script>" not in html and "<b>伪造</b>" not in html
    assert "&lt;b&gt;伪造&lt;/b&gt;队" in html and "水深&gt;2米 &amp; 夜间" in html and "A&amp;B&lt;script&gt;" in html


def test_an_order_without_teams_still_prints_its_header():
    """No teams: the table has only its header row, the rest of the order is whole."""
    html = order_html(_doc())
    assert html.count("<tr") == 5 and "序号" in html and "请接令后立即按任务出动" in html
    assert html.startswith("<html>") and html.endswith("</html>")


def test_it_lays_out_in_a_qt_text_document(qapp):
    """The HTML is the simple kind QTextDocument prints: it loads, with both tables and the order number."""
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(order_html(_doc(_team(), _team("乙队"))))
    plain = doc.toPlainText()
    assert "调派〔2026〕第 0042 号" in plain and "乙队" in plain and doc.pageCount() >= 1
