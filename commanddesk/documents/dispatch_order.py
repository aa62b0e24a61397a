"""The dispatch order (调派单) as simple HTML, for QTextDocument printing or PDF."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..services.dispatch_order import OrderDocument


def order_html(doc: OrderDocument) -> str:
    """The dispatch order as simple HTML (for QTextDocument printing or PDF)."""
    e = html.escape
    rows = "".join(
        f"<tr><td>{i}</td><td>{e(t.name)}<br/><small>{e(t.type_name)}</small></td><td>{e(t.leader)}<br/>{e(t.phone)}"
        f"<br/><small>{e(t.radio)}</small></td><td>{e(t.strength)}</td><td>{e(t.task)}</td><td>{e(t.eta)}</td></tr>"
        for i, t in enumerate(doc.teams, 1))
    return (
        "<html><body style='font-size:11pt'>"
        f"<p align='center' style='color:#d40000;font-size:20pt;font-weight:bold'>{e(doc.issuing_unit)}</p>"
        "<p align='center' style='font-size:18pt;font-weight:bold'>应急救援队伍调派单</p>"
        f"<p align='right'>{e(doc.order_number)}</p>"
        "<table width='100%' cellspacing='0' cellpadding='4' border='1' style='border-collapse:collapse'>"
        f"<tr><td width='18%'>事件</td><td colspan='3'>{e(doc.incident_title)}</td></tr>"
        f"<tr><td>类型 / 等级</td><td>{e(doc.incident_type)}</td><td width='18%'>事发地点</td>"
        f"<td>{e(doc.place)}</td></tr>"
        f"<tr><td>调派时间</td><td>{e(doc.issued_at)}（北京时间）</td><td>签发值班员</td><td>{e(doc.issued_by)}</td></tr>"
        f"<tr><td>事件等级</td><td colspan='3'>{e(doc.grade)}</td></tr>"
        "</table><p></p>"
        "<table width='100%' cellspacing='0' cellpadding='4' border='1' style='border-collapse:collapse'>"
        "<tr style='font-weight:bold'><td>序号</td><td>队伍</td><td>负责人 / 联系</td><td>在岗 / 总数</td>"
        f"<td>任务</td><td>预计到达</td></tr>{rows}</table>"
        "<p>请接令后立即按任务出动，出发、到场、返回时向值班室报告。</p>"
        f"<p>{e(doc.post_name)}　值班电话：{e(doc.post_phone)}</p>"
        "<p>带班领导签发：＿＿＿＿＿＿　　接令人：＿＿＿＿＿＿　　接令时间：＿＿＿＿＿＿</p>"
        "</body></html>")
