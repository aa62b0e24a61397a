"""Plans, diffs and action cards as HTML (for the reading view, PDF and print). No Qt."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ..catalogues import label
from .diff import SectionDiff
from .model import CARD_ROLES, DEMO_NOTE, Card, Plan

@dataclass(frozen=True)
class Colours:
    """The colours a plan is drawn in: paper (black on white, for PDF and print) unless the screen's look says."""

    heading: str = "#1a3c6e"
    meta: str = "#555555"
    border: str = "#999999"
    header_bg: str = "#e8edf3"
    demo_fg: str = "#8a4b00"
    demo_bg: str = "#fff3d6"
    add_bg: str = "#e3f5e1"
    del_bg: str = "#fbe3e3"
    levels: tuple[str, str, str, str] = ("#b71c1c", "#e65100", "#a07800", "#1565c0")  # Ⅰ–Ⅳ级


PAPER = Colours()


def style(c: Colours = PAPER) -> str:
    """The page's stylesheet in colours *c*."""
    levels = " ".join(f".lv{n} {{ color: {col}; }}" for n, col in enumerate(c.levels, 1))
    return f"""<style>
 body {{ font-size: 14px; }}
 h1 {{ font-size: 20px; margin: 4px 0; }} h2 {{ font-size: 16px; margin: 14px 0 4px 0; color: {c.heading}; }}
 table {{ border-collapse: collapse; }} td, th {{ border: 1px solid {c.border}; padding: 3px 6px; vertical-align: top; }}
 th {{ background: {c.header_bg}; }} .demo {{ color: {c.demo_fg}; background: {c.demo_bg}; font-weight: bold; }}
 .meta {{ color: {c.meta}; }} .add {{ background: {c.add_bg}; }} .del {{ background: {c.del_bg}; }}
 {levels}
</style>"""


STYLE = style()


def _p(text: str) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())


def demo_banner(plan: Plan) -> str:
    """A warning line on every page of a demonstration plan (empty for a post's own plans)."""
    return f"<p class='demo'>【{plan.status_label}】{escape(DEMO_NOTE)}</p>" if plan.demo else ""


def plan_html(plan: Plan, colours: Colours = PAPER) -> str:
    """The whole plan as a readable page, with the level table (paper colours unless the screen's are given)."""
    types = "、".join(label("incident_type", t) for t in plan.types) or "各类突发事件"
    out = [style(colours), demo_banner(plan), f"<h1>{escape(plan.marked_title)}</h1>",
           f"<p class='meta'>{escape(plan.tier_label)} · {escape(plan.issuer)} · {escape(plan.edition)} 版"
           + (f" · {plan.approved.isoformat()} 批准" if plan.approved and plan.status == "published" else "")
           + (f" · 替代 {escape(plan.supersedes)} 版" if plan.supersedes else "")
           + f" · 状态：{escape(plan.status_label)}</p><p class='meta'>适用：{escape(types)}</p>",
           "<h2>适用范围</h2>", _p(plan.scope)]
    if plan.basis:
        out += ["<h2>编制依据</h2>", "<p>" + "；".join(escape(b) for b in plan.basis) + "</p>"]
    cmd = plan.command
    out += ["<h2>组织指挥体系</h2>", f"<p>指挥部：{escape(str(cmd.get('hq', '')))}；总指挥：{escape(str(cmd.get('commander', '')))}"
            + (f"；副总指挥：{escape('、'.join(cmd.get('deputies', [])))}" if cmd.get("deputies") else "") + "</p>"]
    for key, name in (("office", "办公室"), ("onsite", "现场指挥部"), ("experts", "专家组")):
        if cmd.get(key):
            out.append(f"<p>{name}：{escape(str(cmd[key]))}</p>")
    if cmd.get("members"):
        out.append(f"<p>成员单位：{escape('、'.join(cmd['members']))}</p>")
    if plan.groups:
        out.append("<h2>工作组</h2><table width='100%'><tr><th>工作组</th><th>牵头单位</th><th>成员单位</th><th>职责</th></tr>")
        for g in plan.groups:
            out.append(f"<tr><td>{escape(g.name)}</td><td>{escape(g.lead)}</td><td>{escape('、'.join(g.members))}</td>"
                       f"<td>{escape(g.duties)}</td></tr>")
        out.append("</table>")
    out.append("<h2>响应分级</h2><table width='100%'><tr><th>级别</th><th>启动条件（满足其一）</th><th>启动</th></tr>")
    for lv in plan.levels:
        conds = "<br>".join(escape(c.text) + (" <i>（可依研判数字）</i>" if c.predicted else "")
                            + (" <i>（人工研判）</i>" if c.field == "manual" else "") for c in lv.conditions)
        out.append(f"<tr><td class='lv{lv.level}'><b>{lv.name}</b></td><td>{conds}</td><td>{escape(lv.activated_by)}</td></tr>")
    out.append("</table>")
    for lv in plan.levels:
        out.append(f"<h2 class='lv{lv.level}'>{lv.name}措施</h2><p>{escape(lv.summary)}</p><ol>")
        for m in lv.measures:
            due = f"（{m.due_minutes} 分钟内）" if m.due_minutes else ""
            out.append(f"<li>{escape(m.text)} — {escape(plan.group_name(m.group))}{due}</li>")
        out.append("</ol>")
    out += ["<h2>响应升级</h2>", _p(plan.escalation), "<h2>响应终止</h2>", _p(plan.termination)]
    if plan.contacts:
        out.append("<h2>联系方式</h2><table><tr><th>单位</th><th>电话</th><th>备注</th></tr>")
        out += [f"<tr><td>{escape(n)}</td><td>{escape(p)}</td><td>{escape(note)}</td></tr>" for n, p, note in plan.contacts]
        out.append("</table>")
    for card in plan.cards:
        out.append(card_html(card, plan, heading="h2", standalone=False))
    for ch in plan.appendix:
        tag = f"h{min(ch.level + 1, 6)}"
        out += [f"<{tag}>{escape(ch.heading)}</{tag}>", _p(ch.text)]
        for table in ch.tables:
            out.append("<table width='100%'>" + "".join(
                "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in table) + "</table>")
    return "".join(out)


def card_html(card: Card, plan: Plan, heading: str = "h1", standalone: bool = True) -> str:
    """A position action card, compact enough for one A4 page."""
    out = [STYLE if standalone else "", demo_banner(plan) if standalone else "",
           f"<{heading}>{escape(plan.mark(card.title))}</{heading}>",
           f"<p class='meta'>{escape(plan.marked_short)}（{escape(plan.edition)} 版）· 岗位：{escape(CARD_ROLES.get(card.role, card.role))}</p>",
           f"<p><b>启动时机：</b>{escape(card.trigger)}</p><p><b>处置步骤：</b></p><ol>"]
    out += [f"<li>{escape(s)}</li>" for s in card.steps]
    out.append("</ol>")
    if card.calls:
        out.append("<p><b>联系：</b>" + "；".join(f"{escape(w)} {escape(p)}" for w, p in card.calls) + "</p>")
    if card.equipment:
        out.append("<p><b>装备：</b>" + "、".join(escape(e) for e in card.equipment) + "</p>")
    if card.prohibitions:
        out.append("<p><b>禁止：</b>" + "；".join(escape(x) for x in card.prohibitions) + "</p>")
    return "".join(out)


def diff_html(old: Plan, new: Plan, diffs: list[SectionDiff], colours: Colours = PAPER) -> str:
    """Changed sections of two editions, additions green and removals red."""
    out = [style(colours), demo_banner(new), f"<h1>{escape(new.marked_short)}：{escape(old.edition)} 版 → {escape(new.edition)} 版</h1>"]
    changed = [d for d in diffs if d.state != "same"]
    if not changed:
        out.append("<p>两个版本内容相同。</p>")
    for d in changed:
        tag = {"added": "（新增）", "removed": "（删除）", "changed": "（修改）"}[d.state]
        out.append(f"<h2>{escape(d.heading)} {tag}</h2>")
        for sign, text in d.lines:
            css = {"+": "add", "-": "del"}.get(sign, "")
            out.append(f"<p class='{css}'>{escape(sign)} {escape(text)}</p>" if css else f"<p>　{escape(text)}</p>")
    return "".join(out)
