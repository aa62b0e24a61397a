"""Written reports as a duty room sends them: addressees, send records, sign-off, 文号 per year."""

from datetime import datetime

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from commanddesk.clock import BEIJING
from commanddesk.errors import PermissionDenied, UserError, ValidationError
from commanddesk.models import AuditEntry, Report, ReportSend, TimelineEvent
from commanddesk.services import reports
from commanddesk.services import incidents as svc

ACCIDENT = dict(category="accident", type="accident.explosion", place_text="海晟化工有限公司",
                caller_name="王强", course="车间爆炸", trend="火势蔓延")
FLOOD = dict(category="natural", type="natural.flood", place_text="东海县石榴街道", caller_name="李明",
             course="河堤漫溢")
ADDRESSEES = [
    {"addressing": "main", "recipient": "市委市政府总值班室", "recipient_level": "city"},
    {"addressing": "main", "recipient": "市应急管理局", "recipient_level": "regulator"},
    {"addressing": "cc", "recipient": "区人民政府", "recipient_level": "government"},
    {"addressing": "cc", "recipient": "区公安分局", "recipient_level": "other"},
]


def bj(*parts):
    return datetime(*parts, tzinfo=BEIJING)


def _incident(store, **kw):
    with store.transaction() as s:
        return svc.record_call(s, svc.CallInput(**(kw or ACCIDENT))).incident_id


def _draft(store, incident_id, kind="initial", fill=True):
    """A draft with every gap marked 暂不掌握 (so it is complete)."""
    with store.transaction() as s:
        report = reports.draft(s, incident_id, kind)
        if fill:
            reports.update_draft(s, report.id, [{"key": e["key"], "text": e["text"], "status": "unknown"}
                                                for e in report.elements if e["status"] == "missing"])
        return report.id


def _approve(store, rid, leader="领导乙", pin="123456"):
    with store.transaction() as s:
        return reports.approve(s, rid, leader, pin)


def _send_all(store, rid, channel="fax", at=None):
    with store.transaction() as s:
        return [(r.recipient, r.channel, r.sent_at, r.actor_name) for r in reports.send_to_all(s, rid, channel, at)]


def _report(store, rid) -> Report:
    with store.read() as s:
        r = s.get(Report, rid)
        r.recipients, r.sends  # load before the session closes
        return r


# --- several addressees, one send record each -------------------------------------------------------

def test_each_addressee_gets_its_own_send_record_with_channel_time_and_sender(store, officer, clock):
    iid = _incident(store)
    rid = _draft(store, iid)
    with store.transaction() as s:
        reports.set_recipients(s, rid, ADDRESSEES)
    _approve(store, rid)
    clock.advance(minutes=12)
    with store.transaction() as s:
        report = s.get(Report, rid)
        city, bureau, gov, police = (r.id for r in report.recipients)
        reports.record_send(s, rid, city, "fax", "张科长")
        reports.record_send(s, rid, bureau, "system")
    clock.advance(minutes=3)
    with store.transaction() as s:
        reports.record_send(s, rid, gov, "sms")
        reports.record_send(s, rid, police, "phone")
    with store.read() as s:
        rows = reports.sends(s, rid)
        got = [(r.recipient, r.channel, r.in_writing, r.actor_name, r.recipient_person) for r in rows]
        times = [r.sent_at for r in rows]
        audited = s.scalars(select(AuditEntry).where(AuditEntry.entity == "report_send")).all()
    assert got == [("市委市政府总值班室", "fax", True, "值班员甲", "张科长"), ("市应急管理局", "system", True, "值班员甲", ""),
                   ("区人民政府", "sms", False, "值班员甲", ""), ("区公安分局", "phone", False, "值班员甲", "")]
    assert times[0] == bj(2026, 11, 23, 22, 12) and times[2] == bj(2026, 11, 23, 22, 15)
    assert len(audited) == 4 and all(a.actor_name == "值班员甲" and a.action == "insert" for a in audited)
    report = _report(store, rid)
    assert report.status == "sent" and report.sent_at == bj(2026, 11, 23, 22, 12) and report.channel == "fax"
    assert [(r.addressing, r.recipient) for r in report.recipients][:2] == [
        ("main", "市委市政府总值班室"), ("main", "市应急管理局")]


def test_send_to_all_reaches_every_addressee_not_yet_reached_in_writing(store, officer):
    rid = _draft(store, _incident(store))
    with store.transaction() as s:
        reports.set_recipients(s, rid, ADDRESSEES[:3])
    _approve(store, rid)
    assert [r[0] for r in _send_all(store, rid)] == ["市委市政府总值班室", "市应急管理局", "区人民政府"]
    with pytest.raises(UserError, match="均已书面报送"):
        _send_all(store, rid)


def test_addressees_need_a_main_one_and_no_duplicates(store, officer):
    rid = _draft(store, _incident(store))
    with pytest.raises(ValidationError, match="主送"):
        with store.transaction() as s:
            reports.set_recipients(s, rid, ADDRESSEES[2:])
    with pytest.raises(ValidationError, match="两次"):
        with store.transaction() as s:
            reports.set_recipients(s, rid, ADDRESSEES[:1] * 2)


def test_a_followup_keeps_the_addressees_of_the_previous_report(store, officer, clock):
    iid = _incident(store)
    rid = _draft(store, iid)
    with store.transaction() as s:
        reports.set_recipients(s, rid, ADDRESSEES)
    _approve(store, rid)
    _send_all(store, rid)
    clock.advance(minutes=30)
    follow = _draft(store, iid, "followup")
    assert [r.recipient for r in _report(store, follow).recipients] == [a["recipient"] for a in ADDRESSEES]


# --- sign-off by the 带班领导 ----------------------------------------------------------------------------

def test_unapproved_report_cannot_be_sent_in_writing_but_may_be_phoned_first(store, officer, clock):
    iid = _incident(store)
    rid = _draft(store, iid)
    for channel in ("fax", "system", "in_person"):
        with pytest.raises(UserError, match="尚未经带班领导审批"):
            _send_all(store, rid, channel)
    clock.advance(minutes=5)
    with store.transaction() as s:
        reports.record_send(s, rid, s.get(Report, rid).recipients[0].id, "phone")  # 先电话
    report = _report(store, rid)
    assert report.status == "draft" and not report.doc_number and len(report.sends) == 1
    with store.transaction() as s:  # still editable after the call
        reports.update_draft(s, rid, title="关于海晟化工爆炸事故的初报")


def test_approval_records_who_and_when_and_signs_the_report(store, officer, clock):
    rid = _draft(store, _incident(store))
    clock.advance(minutes=7)
    _approve(store, rid)
    report = _report(store, rid)
    assert (report.approver, report.approved_at, report.signer) == ("领导乙", bj(2026, 11, 23, 22, 7), "领导乙")
    with store.read() as s:
        assert reports.is_approved(s.get(Report, rid))
        events = [e.summary for e in s.scalars(select(TimelineEvent).where(TimelineEvent.incident_id == report.incident_id))]
    assert "带班领导领导乙审批初报" in events


def test_wrong_pin_or_a_duty_officer_cannot_approve(store, officer):
    rid = _draft(store, _incident(store))
    with pytest.raises(PermissionDenied, match="PIN 不正确"):
        _approve(store, rid, pin="999999")
    with pytest.raises(PermissionDenied, match="PIN 不正确"):
        _approve(store, rid, leader="无此人")
    with pytest.raises(PermissionDenied, match="不是带班领导"):
        _approve(store, rid, leader="值班员甲")
    assert not _report(store, rid).approver


def test_the_leader_at_their_own_seat_approves_without_typing_the_pin_again(store):
    from tests.conftest import sign_in

    sign_in(store, "领导乙")
    rid = _draft(store, _incident(store))
    with store.transaction() as s:
        reports.approve(s, rid, "领导乙")
    assert _report(store, rid).approver == "领导乙"


def test_an_incomplete_report_cannot_be_approved(store, officer):
    rid = _draft(store, _incident(store), fill=False)
    with pytest.raises(ValidationError, match="要素未齐"):
        _approve(store, rid)


@pytest.mark.parametrize("edit", [
    dict(elements=[{"key": "extent", "text": "厂区周边 300 米"}]),
    dict(title="关于另一标题的初报"),
    dict(urgency="flash"),
    dict(copy_number="3"),
])
def test_an_edit_after_approval_voids_it(store, officer, edit):
    rid = _draft(store, _incident(store))
    _approve(store, rid)
    with store.transaction() as s:
        reports.update_draft(s, rid, **edit)
    report = _report(store, rid)
    assert report.approver == "" and report.approved_at is None and report.signer == ""
    with pytest.raises(UserError, match="尚未经带班领导审批"):
        _send_all(store, rid)
    with store.read() as s:
        assert any("审批作废" in e.summary for e in s.scalars(select(TimelineEvent)))


def test_changing_the_addressees_after_approval_voids_it(store, officer):
    rid = _draft(store, _incident(store))
    _approve(store, rid)
    with store.transaction() as s:
        reports.set_recipients(s, rid, ADDRESSEES)
    assert not _report(store, rid).approver


def test_saving_the_same_text_keeps_the_approval(store, officer):
    rid = _draft(store, _incident(store))
    _approve(store, rid)
    report = _report(store, rid)
    with store.transaction() as s:
        reports.update_draft(s, rid, report.elements, report.title, signer="领导乙")
    assert _report(store, rid).approver == "领导乙"


# --- 文号 restart each year, held unique by the database ---------------------------------------------

def _numbered(store, clock, at):
    clock.set(at)
    iid = _incident(store)
    rid = _draft(store, iid)
    _approve(store, rid)
    _send_all(store, rid)
    return _report(store, rid).doc_number


def test_document_numbers_restart_at_beijing_midnight_on_new_year(store, officer, clock):
    first = _numbered(store, clock, bj(2026, 12, 31, 23, 58))
    second = _numbered(store, clock, bj(2026, 12, 31, 23, 59))
    # 2027-01-01 00:00 Beijing is still 2026-12-31 in UTC: the Beijing year counts.
    third = _numbered(store, clock, bj(2027, 1, 1, 0, 0))
    fourth = _numbered(store, clock, bj(2027, 1, 1, 0, 30))
    assert [first, second, third, fourth] == ["应急值〔2026〕1号", "应急值〔2026〕2号", "应急值〔2027〕1号",
                                              "应急值〔2027〕2号"]


def test_the_database_refuses_two_reports_with_the_same_number_in_a_year(store, officer, clock):
    _numbered(store, clock, bj(2026, 11, 23, 22, 0))
    rid = _draft(store, _incident(store))
    with pytest.raises(IntegrityError):
        with store.transaction() as s:
            r = s.get(Report, rid)
            r.doc_year, r.doc_seq = 2026, 1


def test_a_phone_send_does_not_take_a_number(store, officer, clock):
    rid = _draft(store, _incident(store))
    with store.transaction() as s:
        reports.record_send(s, rid, s.get(Report, rid).recipients[0].id, "phone")
    assert _numbered(store, clock, bj(2026, 11, 23, 23, 0)) == "应急值〔2026〕1号"


# --- elements ------------------------------------------------------------------------------------------

def test_an_accident_report_asks_for_the_unit_profile_first_and_a_disaster_does_not(store, officer):
    accident = _draft(store, _incident(store), fill=False)
    flood = _draft(store, _incident(store, **FLOOD), fill=False)
    assert _report(store, accident).elements[0]["label"] == "事故发生单位概况"
    assert "事故发生单位概况" in reports.missing(_report(store, accident))
    assert all(e["key"] != "unit_profile" for e in _report(store, flood).elements)


def test_time_elements_are_written_in_years_months_days_hours_minutes(store, officer, clock):
    clock.set(bj(2026, 11, 23, 22, 5))
    rid = _draft(store, _incident(store, **ACCIDENT, occurred_at=bj(2026, 11, 23, 21, 52)), fill=False)
    texts = {e["key"]: e["text"] for e in _report(store, rid).elements}
    assert texts["time"] == "事发时间2026年11月23日21时52分；接报时间2026年11月23日22时05分"
    assert texts["source"].startswith("2026年11月23日22时05分，")
    assert "-" not in texts["time"]


def test_a_followup_starts_from_the_previous_reports_extent_trend_and_measures(store, officer, clock):
    iid = _incident(store)
    rid = _draft(store, iid, fill=False)
    carried = {"unit_profile": "海晟化工，精细化工企业，从业 320 人", "extent": "厂区周边 500 米",
               "trend": "火势已得到控制", "planned": "继续搜救失联人员"}
    with store.transaction() as s:
        gaps = [e["key"] for e in s.get(Report, rid).elements if e["status"] == "missing" and e["key"] not in carried]
        reports.update_draft(s, rid, [{"key": k, "text": v} for k, v in carried.items()]
                             + [{"key": k, "text": "", "status": "unknown"} for k in gaps])
    _approve(store, rid)
    _send_all(store, rid)
    clock.advance(minutes=40)
    follow = _report(store, _draft(store, iid, "followup", fill=False))
    texts = {e["key"]: e["text"] for e in follow.elements}
    assert {k: texts[k] for k in carried} == carried
    assert "影响范围" not in reports.missing(follow)
    assert "请求事项" in reports.missing(follow)  # not carried: each report asks afresh


def test_urgency_classification_and_copy_number_are_checked(store, officer):
    rid = _draft(store, _incident(store))
    with store.transaction() as s:
        reports.update_draft(s, rid, urgency="urgent", classification="secret", copy_number="12")
    report = _report(store, rid)
    assert (report.urgency, report.classification, report.copy_number) == ("urgent", "secret", "000012")
    for bad in (dict(urgency="asap"), dict(classification="internal"), dict(copy_number="12a")):
        with pytest.raises(ValidationError):
            with store.transaction() as s:
                reports.update_draft(s, rid, **bad)


def test_the_old_single_recipient_send_still_works_once_approved(store, officer):
    rid = _draft(store, _incident(store))
    _approve(store, rid)
    with store.transaction() as s:
        sent = reports.send(s, rid, "fax", "市人民政府总值班室")
        assert sent.status == "sent" and sent.doc_number
    with pytest.raises(UserError, match="已报送"):
        with store.transaction() as s:
            reports.send(s, rid, "fax", "市人民政府总值班室")
    with store.read() as s:
        assert s.scalar(select(ReportSend.recipient).where(ReportSend.report_id == rid)) == "市人民政府总值班室"


def test_the_printed_report_carries_addressees_marks_and_cc_in_the_record(store, officer):
    """主送 joined on the 主送 line, 抄送 in the 版记, 紧急程度 and 份号 above the 版头."""
    from commanddesk.documents.model import cc_text, plain_text

    rid = _draft(store, _incident(store))
    with store.transaction() as s:
        reports.set_recipients(s, rid, ADDRESSEES)
        reports.update_draft(s, rid, urgency="flash", copy_number="7")
    _approve(store, rid)
    _send_all(store, rid)
    with store.read() as s:
        doc = reports.document(s, s.get(Report, rid))
    assert doc.recipient == "市委市政府总值班室、市应急管理局"
    assert cc_text(doc) == "抄送：区人民政府，区公安分局。"
    assert (doc.urgency, doc.copy_number, doc.signer, doc.doc_number) == ("特急", "000007", "领导乙", "应急值〔2026〕1号")
    assert plain_text(doc).split("\n")[:2] == ["000007", "特急"]


def test_a_send_reads_as_a_chinese_sentence_in_the_audit_log(store, officer):
    """The audit screen says who sent what to whom by which channel, with no codes."""
    import re

    from commanddesk.services import audit_sentences, overview

    rid = _draft(store, _incident(store))
    with store.transaction() as s:
        reports.set_recipients(s, rid, ADDRESSEES[:2])
    _approve(store, rid)
    _send_all(store, rid, "system")
    with store.read() as s:
        lines = [audit_sentences.describe(e) for e in overview.recent_audit(s, 80)]
    sends = [d.sentence for d in lines if d.subject.startswith("报告报送记录")]
    assert len(sends) == 2
    bureau = next(t for t in sends if "接收方 市应急管理局" in t)
    assert "报送层级 行业主管部门" in bureau and "方式 政务" in bureau and bureau.startswith("值班员甲 新增")
    for d in lines:
        if d.subject.startswith(("报告报送记录", "报告接收单位", "报告 #")):
            assert not re.search(r"[A-Za-z]{3,}", d.line()), d.line()


def _roster(store, leader, officer_name, day=None, slot=1):
    from datetime import date

    from commanddesk.services import roster

    with store.transaction() as s:
        roster.set_shift(s, day or date(2026, 11, 23), slot, leader=leader, officer=officer_name)


def test_a_draft_names_the_rostered_officer_and_leader_on_the_printed_report(store, officer, clock):
    """At 22:00 the night shift has 带班领导 王某 and 值班员 李某: the draft and its 附注 name both."""
    from commanddesk.documents.model import note_lines, plain_text

    _roster(store, "王某", "李某")
    rid = _draft(store, _incident(store))
    with store.read() as s:
        report = s.get(Report, rid)
        assert reports.duty(report) == ("李某", "王某")
        doc = reports.document(s, report)
    assert (doc.duty_officer, doc.duty_leader) == ("李某", "王某")
    assert any("值班员：李某　带班领导：王某" in line for line in note_lines(doc))
    assert "值班员：李某　带班领导：王某" in plain_text(doc)


def test_a_draft_with_nobody_rostered_names_the_signed_in_officer_and_no_leader(store, officer, clock):
    """Only the day shift is rostered; a draft at 22:00 falls back to whoever is signed in."""
    from commanddesk.documents.model import plain_text

    _roster(store, "王某", "李某", slot=0)
    rid = _draft(store, _incident(store))
    with store.read() as s:
        report = s.get(Report, rid)
        assert reports.duty(report) == ("值班员甲", "")
        text = plain_text(reports.document(s, report))
    assert "值班员：值班员甲" in text and "带班领导：" not in text


def test_a_typed_officer_or_leader_is_kept(store, officer, clock):
    """What the user typed wins over the roster, at drafting and afterwards; the edit voids an approval."""
    _roster(store, "王某", "李某")
    iid = _incident(store)
    with store.transaction() as s:
        rid = reports.draft(s, iid, duty_leader="赵某").id
    with store.read() as s:
        assert reports.duty(s.get(Report, rid)) == ("李某", "赵某")
    with store.transaction() as s:
        reports.update_draft(s, rid, [{"key": e["key"], "text": e["text"], "status": "unknown"}
                                      for e in s.get(Report, rid).elements if e["status"] == "missing"])
    _approve(store, rid)
    with store.transaction() as s:
        reports.update_draft(s, rid, duty_officer="孙某")
    with store.read() as s:
        report = s.get(Report, rid)
        assert reports.duty(report) == ("孙某", "赵某")
        assert not reports.is_approved(report)
