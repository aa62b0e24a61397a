"""What a written incident report says, free of Qt, plus its plain-text form.

The PDF (``pdf.py``) and Word (``docx.py``) writers lay out the same
:class:`ReportDocument`; the wording they share (numbering, how a missing or
unknown element reads, the date line) lives here so all three agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from commanddesk.clock import BEIJING, to_beijing

STATUS_OK = "ok"
STATUS_MISSING = "missing"   # not filled in yet: blocks sign-off, printed as MISSING_TEXT
STATUS_UNKNOWN = "unknown"   # deliberately marked as not yet known, printed as UNKNOWN_TEXT

MISSING_TEXT = "【待核实】"
UNKNOWN_TEXT = "暂不掌握"
MASTHEAD = "值班信息"
EXERCISE_MASTHEAD = "值班信息（演练）"
WATERMARK = "演练 EXERCISE — 非真实事件"
CHANGES_HEADING = "较上次报告的变化"
UNSIGNED = "（待签发）"
CC_LABEL = "抄送："

_DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True)
class Element:
    """One mandatory element of a report, e.g. 时间 or 已造成后果."""

    key: str
    label: str
    text: str
    status: str = STATUS_OK


@dataclass(frozen=True)
class ReportDocument:
    """Everything printed on one written report (初报, 续报N, 核报, 终报 or 补报)."""

    issuing_unit: str
    kind_label: str
    doc_number: str
    title: str
    recipient: str
    signer: str
    author: str
    issued_at: datetime
    elements: tuple[Element, ...]
    changes: tuple[str, ...] = ()
    contact: str = ""
    exercise: bool = False
    late_note: str = ""
    copy_number: str = ""            # 份号, six digits, e.g. 000003
    classification: str = ""         # 密级: 秘密 / 机密 / 绝密, or ""
    urgency: str = ""                # 紧急程度: 特急 / 加急, or ""
    cc: tuple[str, ...] = ()         # 抄送机关, printed in the 版记
    printer: str = ""                # 印发机关 (the issuing unit when "")
    printed_on: datetime | None = None  # 印发日期 (the issue time when None)
    duty_officer: str = ""           # 值班员 of the shift that drafted it (from the roster)
    duty_leader: str = ""            # 带班领导 of that shift, or ""


def chinese_number(n: int) -> str:
    """Write 1..99 as Chinese numerals: 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一."""
    if not 0 < n < 100:
        raise ValueError(f"only 1..99 can be numbered, got {n}")
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[units] if units else "")


def format_issued(value: datetime) -> str:
    """Format a time in Beijing time as on a report, e.g. 2026年11月23日22时41分.

    A naive value is taken to be Beijing time already (as ``clock.ensure_utc``
    does); minutes keep two digits so 22时05分 cannot be misread.
    """
    t = to_beijing(value)
    return f"{t.year}年{t.month}月{t.day}日{t.hour}时{t.minute:02d}分"


def element_text(element: Element) -> str:
    """The text printed after an element's label.

    A missing element, or one marked ok but left empty, prints 【待核实】; an
    unknown one prints 暂不掌握, followed by whatever partial text it has.
    """
    text = element.text.strip()
    if element.status == STATUS_UNKNOWN:
        return f"{UNKNOWN_TEXT}；{text}" if text else UNKNOWN_TEXT
    if element.status == STATUS_MISSING or not text:
        return MISSING_TEXT
    return text


def is_missing(element: Element) -> bool:
    """True when the element prints as 【待核实】."""
    return element_text(element) == MISSING_TEXT


def numbered(doc: ReportDocument) -> list[tuple[str, Element]]:
    """Each element with its heading, e.g. ("一、时间：", element)."""
    return [(f"{chinese_number(i)}、{el.label}：", el) for i, el in enumerate(doc.elements, 1)]


def masthead(doc: ReportDocument) -> str:
    """The red second line of the 版头: 值班信息, or 值班信息（演练） for a drill."""
    return EXERCISE_MASTHEAD if doc.exercise else MASTHEAD


def signer_text(doc: ReportDocument) -> str:
    """签发人：name, or 签发人：（待签发） for an unsigned draft."""
    return f"签发人：{doc.signer or UNSIGNED}"


def intro(doc: ReportDocument) -> str:
    """The opening sentence, e.g. 现将有关情况初报如下： for a 初报."""
    return f"现将有关情况{doc.kind_label[:2]}如下："


def header_marks(doc: ReportDocument) -> list[str]:
    """The lines above the 版头, top left (GB/T 9704 7.2.1–7.2.3): 份号, 密级, 紧急程度."""
    return [m for m in (doc.copy_number, doc.classification, doc.urgency) if m]


def cc_text(doc: ReportDocument) -> str:
    """抄送：A，B。 (full-width comma between units, a full stop at the end), or ""."""
    return f"{CC_LABEL}{'，'.join(doc.cc)}。" if doc.cc else ""


def printed_text(doc: ReportDocument) -> tuple[str, str]:
    """(印发机关, 印发日期) of the 版记, e.g. ("开发区应急管理局", "2026年11月23日印发")."""
    t = to_beijing(doc.printed_on or doc.issued_at)
    return doc.printer or doc.issuing_unit, f"{t.year}年{t.month}月{t.day}日印发"


NOTE_CHARS = 26  # one body line after the two-character indent


def note_lines(doc: ReportDocument) -> list[str]:
    """附注 under the date (GB/T 9704 7.3.6), in parentheses: （联系人：…　电话：…；拟稿人：…；值班员：…　带班领导：…）.

    When they do not fit one line each part gets its own, so a 附注
    never breaks inside a name or a number.
    """
    parts = [s for s in (doc.contact, author_text(doc), duty_text(doc)) if s]
    one = f"（{'；'.join(parts)}）" if parts else ""
    if not one or _width(one) <= NOTE_CHARS:
        return [one] if one else []
    return [f"（{p}）" for p in parts]


def _width(text: str) -> float:
    """Width in body characters: ASCII letters and digits take about half a character."""
    return sum(0.5 if c.isascii() else 1 for c in text)


def note_text(doc: ReportDocument) -> str:
    """The 附注 as one string (lines joined by a line break), or ""."""
    return "\n".join(note_lines(doc))


def duty_text(doc: ReportDocument) -> str:
    """值班员：李某　带班领导：王某 (either part left out when blank), or ""."""
    parts = [f"{lab}：{name}" for lab, name in (("值班员", doc.duty_officer), ("带班领导", doc.duty_leader)) if name]
    return "　".join(parts)


def author_text(doc: ReportDocument) -> str:
    """拟稿人：name, or "" when there is no author."""
    return f"拟稿人：{doc.author}" if doc.author else ""


def plain_text(doc: ReportDocument) -> str:
    """The report as plain text, for previews and SMS or fax cover sheets."""
    lines: list[str] = []
    if doc.exercise:
        lines.append(f"【{WATERMARK}】")
    lines += header_marks(doc)
    lines += [doc.issuing_unit, masthead(doc), f"{doc.doc_number}　{doc.kind_label}　{signer_text(doc)}",
              format_issued(doc.issued_at)]
    if doc.late_note:
        lines.append(doc.late_note)
    lines += ["", doc.title, "", f"{doc.recipient}："]
    if doc.changes:
        lines.append(f"{CHANGES_HEADING}：")
        lines += [f"  {c}" for c in doc.changes]
    lines.append(intro(doc))
    lines += [head + element_text(el) for head, el in numbered(doc)]
    lines += ["", doc.issuing_unit, format_issued(doc.issued_at)]
    lines += note_lines(doc)
    lines.append("")
    if doc.cc:
        lines.append(cc_text(doc))
    lines.append("　".join(printed_text(doc)))
    return "\n".join(lines)


def sample_report(kind_label: str = "初报", exercise: bool = False) -> ReportDocument:
    """A realistic, filled-in report for previews, demos, tests and benchmarks.

    Long enough to take two A4 pages; one element is missing and one unknown so
    every way an element can print is shown.
    """
    el = Element
    elements = (
        el("time", "时间", "2026年11月23日21时52分许。"),
        el("place", "地点", "连云港经济技术开发区临港产业区化工园区纬三路18号，连云港海晟化工有限公司"
                           "二号车间。"),
        el("source", "信息来源", "21时55分，开发区消防救援大队接110指挥中心转警；22时03分，企业安全负责人"
                               "王志刚电话报告开发区应急管理局值班室。"),
        el("cause", "起因性质", "初步判断为二号车间硝化釜反应失控引发爆炸，属生产安全事故，具体原因正在调查。"),
        el("course", "基本过程", "21时52分许，二号车间硝化釜发生爆炸并引发火灾，车间屋顶局部坍塌。"
                               "爆炸时车间内当班人员11人，其中8人自行撤离，3人被困。消防救援力量22时08分到场，"
                               "22时31分火势得到控制，被困人员搜救工作正在进行。\n"
                               "厂区其余车间已全部停产，人员已疏散至南门集合点。"),
        el("consequences", "已造成后果", "截至22时40分，已造成3人死亡、5人受伤（其中2人重伤），"
                                       "另有3人失联；直接经济损失正在统计。"),
        el("extent", "影响范围", "周边约300米范围内部分门窗玻璃破损；下风向约2公里处有刺激性气味。"),
        el("trend", "发展趋势", "", STATUS_UNKNOWN),
        el("handling", "处置情况", "开发区管委会主要负责同志已赶赴现场，成立现场指挥部，组织消防、公安、卫健、"
                                 "生态环境等部门开展救援处置；伤员已送市第一人民医院救治。"),
        el("planned", "拟采取措施", "继续全力搜救失联人员；持续监测大气、水体环境质量，防止次生环境事件；"
                                  "做好善后工作。"),
        el("requests", "请求事项", "", STATUS_MISSING),
        el("commander", "现场指挥负责人及联系方式", "开发区管委会副主任陈立新，手机13905186627。"),
    )
    changes = ("死亡人数：3 → 5", "受伤人数：5 → 7（其中重伤 2 → 3）", "失联人数：3 → 1") \
        if kind_label.startswith("续报") else ()
    return ReportDocument(
        issuing_unit="连云港经济技术开发区应急管理局",
        kind_label=kind_label,
        doc_number="开应急值〔2026〕17号",
        title=f"关于连云港海晟化工有限公司爆炸事故的{kind_label}",
        recipient="连云港市人民政府总值班室",
        signer="周建华",
        author="王丽",
        issued_at=datetime(2026, 11, 23, 22, 41, tzinfo=BEIJING).astimezone(timezone.utc),
        elements=elements,
        changes=changes,
        contact="联系人：李晓明　电话：0518-80143699",
        exercise=exercise,
        late_note="",
        cc=("连云港市应急管理局", "连云港经济技术开发区党工委办公室"),
    )


__all__ = [
    "CC_LABEL", "CHANGES_HEADING", "EXERCISE_MASTHEAD", "MASTHEAD", "MISSING_TEXT", "STATUS_MISSING", "STATUS_OK",
    "STATUS_UNKNOWN", "UNKNOWN_TEXT", "UNSIGNED", "WATERMARK", "Element", "ReportDocument", "author_text",
    "cc_text", "chinese_number", "duty_text", "element_text", "format_issued", "header_marks", "intro", "is_missing",
    "masthead", "note_lines", "note_text", "numbered", "plain_text", "printed_text", "sample_report", "signer_text",
]
