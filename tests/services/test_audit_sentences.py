"""Audit entries read as Chinese sentences: labels not codes, Beijing time, no raw JSON."""

from sqlalchemy import select

from commanddesk.models import AuditEntry
from commanddesk.services import audit_sentences, registry, registry_specs


def _add_org(store, code="O1", name="区应急局"):
    with store.transaction() as s:
        return registry.create(s, registry_specs.ORGANISATIONS, {"code": code, "name": name, "kind": "department"})


def test_entries_read_as_sentences(store, officer):
    """The log shows labelled fields and code labels, not raw JSON."""
    from commanddesk.services import overview

    oid = _add_org(store)
    with store.transaction() as s:
        registry.update(s, registry_specs.ORGANISATIONS, oid, {"kind": "enterprise"})
    with store.read() as s:
        entries = overview.recent_audit(s, 2)
    action, what, text = overview.describe(entries[0])
    assert (action, what) == ("修改", f"单位 #{oid}")
    assert text == "类别由 部门 改为 企业"
    assert audit_sentences.describe(entries[0]).sentence == f"值班员甲 将 单位 #{oid} 类别由 部门 改为 企业"


def test_team_status_change_reads_as_a_sentence_in_beijing_time(demo_store, clock):
    """A team put on alert reads "李晓明 将 救援队伍 #1 状态由 待命 改为 已通知", stamped in Beijing time."""
    import re

    from commanddesk.models import RescueTeam
    from commanddesk.services import dispatch, incidents, overview

    with demo_store.transaction() as s:
        assert s.get(RescueTeam, 1).status == "available"
        iid = incidents.record_call(s, incidents.CallInput(
            category="accident", type="accident.explosion", place_text="开发区朝阳街道纬三路")).incident_id
        dispatch.dispatch(s, iid, [1], "赶赴现场灭火")
    with demo_store.read() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.entity == "rescue_team", AuditEntry.action == "update")
                         .order_by(AuditEntry.id.desc()))
        d = audit_sentences.describe(entry)
        newest = [audit_sentences.describe(e) for e in overview.recent_audit(s, 10)]
    assert "李晓明 将 救援队伍 #1 状态由 待命 改为 已通知" in d.sentence
    # 22:00 Beijing is 14:00 UTC: the entry shows the wall clock of the post, not the stored UTC
    assert d.at == "2026-11-23 22:00:00" and d.line().startswith("2026-11-23 22:00:00")
    assert "14:00" not in d.line()
    for line in newest:  # no column names, codes, dicts or ISO stamps in any of this action's entries
        text = line.line()
        assert not re.search(r"[a-z]+_[a-z]+|[{}]|\d{4}-\d\d-\d\dT|available|alerted", text), text


def test_every_kind_of_entry_reads_as_chinese(store, officer, clock):
    """Sign-ins, failed sign-ins, inserts, deletes and settings: no raw text, no English."""
    import re

    from commanddesk.errors import PermissionDenied
    from commanddesk.services import accounts, overview, settings

    oid = _add_org(store)
    with store.transaction() as s:
        registry.delete(s, registry_specs.ORGANISATIONS, oid)
        settings.put(s, "due_soon_minutes", "7", check=False)
    try:
        with store.transaction() as s:
            accounts.sign_in(s, "值班员甲", "0000")
    except PermissionDenied:
        pass
    with store.transaction() as s:
        try:
            accounts.sign_in(s, "无此人", "0000")
        except PermissionDenied:
            pass
    with store.read() as s:
        lines = [audit_sentences.describe(e) for e in overview.recent_audit(s, 50)]
    sentences = [d.sentence for d in lines]
    assert "值班员甲 签到上岗（值班员）" in sentences
    assert any(t.startswith("值班员甲 新增单位 #") and "区应急局" in t and "类别 部门" in t for t in sentences)
    assert any(t.startswith("值班员甲 删除单位 #") for t in sentences)
    assert any("“无此人”签到失败" in t for t in sentences)
    for d in lines:
        assert not re.search(r"[A-Za-z]{3,}|[{}]", d.line().replace("PIN", "")), d.line()


def test_ruleset_ids_read_as_titles():
    """dispatch-default@2026.1 is shown as the rule file's Chinese title and edition."""
    title = audit_sentences.ruleset_title("dispatch-default@2026.1")
    assert "dispatch-default" not in title and "2026.1 版" in title and "《" in title
