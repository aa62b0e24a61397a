"""Audit entries as sentences in Chinese: who did what to which record, when (Beijing time).

Every screen that shows the audit log goes through ``describe``: no column names, codes, raw dicts
or UTC stamps reach the user. Field labels come from the registry specs; the columns of the
incident, report, clock and dispatch tables (which have no registry screen) are labelled here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..models import AuditEntry
from .audit import table_nouns


ACTION_LABELS = {"insert": "新增", "update": "修改", "delete": "删除", "sign_in": "签到上岗",
                 "sign_in_failed": "签到失败", "screen_locked": "锁屏", "screen_unlocked": "解锁屏幕", "sign_in_off_roster": "不在值班表上签到", "handover_skipped": "未签收交接班记录", "set_pin": "修改 PIN", "plan_import": "导入预案",
                 "plan_publish": "发布预案", "reseal": "结构升级后重新封存",
                 "sign_in_unlocked": "解除锁定"}

HIDDEN = frozenset({"id", "version", "pin_hash", "content_hash", "snapshot", "elements", "changes", "data",
                    "grading_facts", "inputs", "reasons", "response_reasons", "stamped_at", "created_at",
                    "actor_id", "actor_name", "recorder_id", "author_id", "recorded_by", "sent_by",
                    "received_by", "done_by", "terminated_by", "operator_id", "is_drill", "lat", "lon",
                    "seq", "anchor", "satisfied_by", "slot", "occurred_precision", "flags"})

COLUMN_LABELS = {
    "title": "标题", "category": "类别", "type": "类型", "status": "状态", "state": "状态", "grade": "等级",
    "grade_predicted": "预判等级", "response_level": "响应级别", "received_at": "接报时间",
    "occurred_at": "发生时间", "unit_received_at": "事发单位获知时间", "place_text": "地点",
    "jurisdiction_code": "所在区划", "summary": "概要", "counts": "伤亡与损失", "predicted": "预判",
    "warning": "预警", "measures": "措施", "incident_id": "事件", "team_id": "队伍", "dispatch_id": "调派",
    "order_number": "调派单号", "task": "任务", "ordered_at": "调派时间", "departed_at": "出发时间",
    "arrived_at": "到场时间", "left_scene_at": "离场时间", "closed_at": "结束时间", "close_reason": "结束原因",
    "eta_at": "预计到达", "distance_km": "距离（公里）", "travel_minutes": "行进时间（分钟）",
    "assembly_minutes": "集结时间（分钟）", "basis": "依据", "ruleset": "规则表",
    "transferred_from_id": "转调自", "at": "时间", "from_status": "原状态", "to_status": "新状态",
    "reason": "原因", "note": "备注", "doc_number": "单号", "item_id": "物资", "batch": "批次",
    "expires_on": "有效期至", "quantity": "数量", "from_warehouse_id": "调出仓库", "to_warehouse_id": "调入仓库",
    "warehouse_id": "仓库", "stock_line_id": "库存行", "sent_at": "发出时间", "approver": "批准人",
    "kind": "类型", "balance_after": "结存", "counted": "盘点数", "settled": "已核销", "condition": "状况",
    "counterparty": "经手单位", "transfer_id": "调拨单", "request_id": "调用单", "destination": "送达地点",
    "requested_at": "申请时间", "requested": "申请数量", "issued": "已发数量", "minimum": "储备定额",
    "shelter_id": "避难场所", "people": "人数", "occupancy_after": "安置后人数", "group_text": "安置对象",
    "override_reason": "超员或改定理由", "rule_id": "时限规则", "ruleset_version": "规则表版本",
    "name": "名称", "recipient": "接收方", "anchor_at": "起算时间", "due_at": "截止时间",
    "warn_at": "提醒时间", "met_at": "完成时间", "met_by_report_id": "完成所用报告", "late_minutes": "迟报（分钟）",
    "inapplicable_since": "不再适用自", "channel": "方式", "caller_unit": "来电单位", "caller_name": "来电人",
    "caller_post": "来电人职务", "caller_phone": "来电号码", "receipt_edit_reason": "改动接报时间的理由",
    "cause": "起因", "course": "经过", "trend": "趋势", "requests": "请求事项", "notified": "已通知",
    "commander": "现场指挥", "recorder_name": "记录人", "table_id": "定级表", "edition": "版本",
    "suggested": "建议等级", "chosen": "确定等级", "basis_call_id": "依据接报", "grade_basis_call_id": "定级依据接报",
    "response_table_id": "响应表", "author_name": "起草人", "signer": "签发人", "signer_role": "签发人职务",
    "recipient_level": "报送层级", "recipient_person": "接收人", "plan_id": "预案", "plan_title": "预案名称",
    "decider": "决定人", "grounds": "依据", "activated_at": "启动时间", "terminated_at": "终止时间",
    "termination_grounds": "终止依据", "activation_id": "预案启动", "measure_id": "措施", "text": "内容",
    "owner": "责任单位", "level": "级别", "done_at": "完成时间", "corrects_id": "更正", "role": "角色",
    "started_at": "上岗时间", "ended_at": "下岗时间", "workstation": "工作站", "key": "设置项", "value": "取值",
    "english": "英文名", "default_speed_kmh": "默认车速（公里/时）", "assembles_on_order": "接令集结",
    "parent_code": "上级区划", "code": "编码",
}

INCIDENT_STATUS = {"received": "已接报", "graded": "已定级", "response_active": "响应中", "terminated": "已终止",
                   "reviewed": "已复盘", "merged": "已合并", "voided": "已作废"}
GENERIC_STATUS = {"draft": "草稿", "sent": "已报送", "active": "进行中", "open": "未完成", "done": "已完成",
                  "closed": "已结束", "terminated": "已终止", "in_transit": "在途", "partial": "部分到货",
                  "received": "已接收", "full": "已满", "ok": "正常", "not_applicable": "不适用",
                  "stood_down": "已取消调派", "withdrawn": "已撤出", "transferred": "已转调"}


SETTING_LABELS = {
    "issuing_unit": "发文单位", "post_name": "值班岗名称", "post_phone": "值班电话", "doc_prefix": "文号前缀",
    "city_recipient": "市级报送对象", "leader_title": "带班领导称谓", "due_soon_minutes": "时限临近提醒（分钟）",
    "grading_table_production_safety": "生产安全事故定级表", "grading_table_natural_disaster": "自然灾害定级表",
    "alarm_muted": "报警静音", "drill_scenario": "演练脚本", "drill_fired": "已触发的插入事件",
    "drill_started": "演练开始时间", "workspace": "工作区",
}


def _grading_title(table_id: str) -> str:
    """A grading (or response) table by its Chinese title, never its file id."""
    from ..rules import grading

    try:
        table = grading.load_tables().get(table_id)
    except Exception:  # an unreadable rules folder: still no file id on screen
        table = None
    return f"《{table.title}》" if table is not None else "（本机未找到的定级表）"


def _setting_value(key: str, value: str) -> str:
    """A setting's value in words (switches, scenario and rule table titles)."""
    if key == "alarm_muted":
        return "开" if value == "1" else "关"
    if key == "workspace":
        return "演练" if value == "drill" else "真实值班"
    if key == "drill_fired":
        import json

        try:
            return f"{len(json.loads(value)) if value else 0} 条"
        except ValueError:  # written by an older version (a Python repr)
            return f"{value.count('T') if value else 0} 条"
    if key == "drill_scenario":
        from ..drills.scenario import find
        from ..errors import UserError

        try:
            return find(value).title
        except UserError:
            return "（已删除的演练脚本）"
    if key == "drill_started":
        at = _parse_time(value)
        if at is not None:
            from ..clock import format_beijing

            return format_beijing(at, seconds=False)
    if key.startswith("grading_table_"):
        if not value:
            return "国家标准定级表"
        return _grading_title(value)
    return value or "（空）"


def _code_lists() -> dict[tuple[str, str], dict[str, str]]:
    """(table or "*", column) → {code: label} for the coded columns outside the registry specs."""
    from ..catalogues import catalogue
    from . import clocks, ledger, reports

    team = dict(catalogue("team_status"))
    kinds = {"report": reports.KIND_LABELS, "stock_movement": ledger.KINDS}
    out: dict[tuple[str, str], dict[str, str]] = {
        ("*", "category"): catalogue("incident_category"), ("*", "type"): catalogue("incident_type"),
        ("incident", "status"): INCIDENT_STATUS, ("rescue_team", "status"): team,
        ("dispatch", "status"): team | GENERIC_STATUS, ("team_status_change", "from_status"): team,
        ("team_status_change", "to_status"): team, ("clock_instance", "state"): clocks.STATE_LABELS | GENERIC_STATUS,
        ("*", "channel"): catalogue("call_channel") | catalogue("report_channel"),
        ("*", "recipient_level"): reports.RECIPIENT_LEVELS | {"": "其他"}, ("*", "role"): catalogue("operator_role"),
        ("*", "status"): GENERIC_STATUS, ("*", "state"): GENERIC_STATUS,
        ("*", "occurred_precision"): catalogue("time_precision"),
    }
    for table, labels in kinds.items():
        out[(table, "kind")] = labels
    return out


def _registry_labels() -> dict[str, tuple[dict[str, str], dict[str, str]]]:
    """table → ({column: label}, {column: code list name}) from the registry specs."""
    from .registry_specs import REGISTRIES

    return {spec.model.__tablename__: ({f.key: f.label for f in spec.fields},
                                       {f.key: f.catalogue for f in spec.fields if f.catalogue})
            for spec in REGISTRIES.values()}


def ruleset_title(stored: str) -> str:
    """A rule set as people name it (its title and edition) from the id@version stored on records."""
    from ..rules import dispatch as dispatch_rules

    rid, _, version = stored.partition("@")
    try:
        rules = dispatch_rules.load()
    except Exception:  # an unreadable rule file: still no id on screen
        rules = None
    if rules is not None and rules.id == rid and rules.title:
        return f"《{rules.title}》{version} 版" if version else f"《{rules.title}》"
    return f"调派规则表 {version} 版" if version else "调派规则表"


def _parse_time(text: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if value.tzinfo is None:  # naive times in the store are UTC
        from datetime import timezone

        value = value.replace(tzinfo=timezone.utc)
    return value


def _value(table: str, key: str, value: Any, codes: dict[str, str], lists) -> str:
    """One stored value as the user reads it."""
    from ..catalogues import label
    from ..clock import format_beijing

    if value is None or value == "" or value == [] or value == {}:
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if key in codes:
        return label(codes[key], str(value))
    coded = lists.get((table, key)) or lists.get(("*", key))
    if coded is not None and isinstance(value, str):
        return coded.get(value, value)
    if key in ("grade", "grade_predicted", "suggested", "chosen") and isinstance(value, int):
        from .incidents import grade_label

        return grade_label(value)
    if key == "ruleset" and isinstance(value, str):
        return ruleset_title(value)
    if key in ("table_id", "response_table_id") and isinstance(value, str):
        return _grading_title(value)
    if key.endswith("_id") and isinstance(value, int):
        return f"#{value}"
    if isinstance(value, str) and len(value) >= 16 and value[4:5] == "-" and value[10:11] == "T":
        at = _parse_time(value)
        if at is not None:
            return format_beijing(at, seconds=False)
    if isinstance(value, dict):
        from .incidents import COUNT_LABELS

        parts = [f"{COUNT_LABELS.get(k, '')}{v}" for k, v in value.items() if k in COUNT_LABELS and v]
        return "，".join(parts) or "（空）"
    if isinstance(value, list):
        return "、".join(str(v) for v in value if not isinstance(v, dict | list)) or "（空）"
    return str(value)


@dataclass(frozen=True)
class Described:
    """An audit entry as the audit screen shows it."""

    at: str  # Beijing time, e.g. 2026-11-23 22:00:00
    actor: str
    action: str  # 新增 / 修改 / 删除 / 签到上岗 …
    subject: str  # e.g. 救援队伍 #1
    detail: str  # what changed, e.g. 状态由 待命 改为 已通知
    sentence: str  # e.g. 李晓明 将 救援队伍 #1 状态由 待命 改为 已通知

    def line(self) -> str:
        """Time and sentence on one line."""
        return f"{self.at}　{self.sentence}"


def describe(entry: AuditEntry) -> Described:
    """Turn one audit entry into Chinese: who did what to which record, when (Beijing time)."""
    from ..clock import format_beijing

    table = entry.entity
    noun = table_nouns().get(table, "记录")
    field_labels, codes = _registry_labels().get(table, ({}, {}))
    lists = _code_lists()
    try:
        before = json.loads(entry.before) if entry.before else {}
        after = json.loads(entry.after) if entry.after else {}
    except ValueError:
        before, after = {}, {}
    who = entry.actor_name or "系统"
    at = format_beijing(entry.at)
    action = ACTION_LABELS.get(entry.action, "记录")
    ident = entry.entity_id or ""
    subject = f"{noun} #{ident}" if ident and table not in ("setting", "plan") else noun

    def lab(key: str) -> str | None:
        if key in HIDDEN:
            return None
        return field_labels.get(key) or COLUMN_LABELS.get(key)

    def show(key: str, value: Any) -> str:
        return _value(table, key, value, codes, lists)

    if table == "setting" and entry.action in ("insert", "update"):
        value = (after or {}).get("value", "")
        name = SETTING_LABELS.get(ident, "其他设置")
        detail = f"{name}：{_setting_value(ident, value or '')}"
        subject = f"设置「{name}」"
        sentence = f"{who} 将{subject}设为 {_setting_value(ident, value or '')}"
    elif entry.action == "update":
        keys = [k for k in after if lab(k)]
        parts = [f"{lab(k)}由 {show(k, before.get(k))} 改为 {show(k, after.get(k))}" for k in keys]
        detail = "，".join(parts) or "内部记录"
        sentence = f"{who} 将 {subject} {detail}" if parts else f"{who} 更新了 {subject} 的内部记录"
    elif entry.action in ("insert", "delete"):
        data = after if entry.action == "insert" else before
        parts = [f"{lab(k)} {show(k, v)}" for k, v in data.items() if lab(k) and v not in (None, "", [], {})]
        detail = "；".join(parts)
        name = data.get("name") or data.get("title")
        named = f"{subject}（{name}）" if name else subject
        sentence = f"{who} {action}{named}" + (f"：{detail}" if detail and entry.action == "insert" else "")
    elif entry.action == "sign_in":
        role = show("role", after.get("role")) if after.get("role") else ""
        detail = f"角色：{role}" if role else ""
        sentence = f"{who} 签到上岗" + (f"（{role}）" if role else "")
    elif entry.action == "sign_in_failed":
        detail = f"账户名：{ident}"
        if after.get("locked"):
            sentence = f"以“{ident}”签到被拒绝（连续输错 PIN，账户已锁定）"
        else:
            sentence = f"以“{ident}”签到失败（姓名或 PIN 不正确，或账户已停用）"
    elif entry.action == "sign_in_unlocked":
        detail = f"账户名：{ident}"
        sentence = f"{who} 解除了“{ident}”的签到锁定"
    elif entry.action == "reseal":
        if after.get("reason") == "drill":
            detail = "建立演练工作区后记录该行的状态"
            sentence = f"系统在建立演练工作区时重新封存了 {subject}"
        else:
            detail = "数据库结构升级后记录该行的新状态"
            sentence = f"系统在数据库结构升级后重新封存了 {subject}"
    elif entry.action == "set_pin":
        detail = ""
        sentence = f"{who} 修改了 {subject} 的 PIN"
    elif entry.action in ("plan_import", "plan_publish"):
        source = after.get("source", "")
        detail = f"来源文件 {source}" if source else ""
        sentence = f"{who} {action}“{ident}”" + (f"（{detail}）" if detail else "")
    else:
        detail = ""
        sentence = f"{who} 对 {subject} 进行了操作"
    return Described(at, who, action, subject, detail, sentence)
