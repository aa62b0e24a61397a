"""`commanddesk stats --from D --to D [--db PATH|URL | --demo] [--json]`: the 统计 page's figures on the command line (no Qt).

The same ``services.statistics.compute`` as the page; bad dates or store end with
exit status 2 and one Chinese line.
"""

from __future__ import annotations

import json
import sys
from datetime import date

from .common import BadInput, complain_in_chinese


def add_parsers(subparsers) -> None:
    """Add the ``stats`` sub-command to *subparsers*."""
    p = subparsers.add_parser("stats", help="统计：事件按月、类型、等级，报告按时率，预警（与统计页相同）")
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD", help="起始日期（北京时间，含）")
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD", help="截止日期（北京时间，含）")
    from .warnings import where_arguments

    where_arguments(p)
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    complain_in_chinese("commanddesk stats", p)


def _date(text: str, what: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise BadInput(f"{what}“{text}”应为 YYYY-MM-DD 格式的日期") from None
    if not 1900 <= day.year <= 2200:  # the period is widened to Beijing days: 0001 or 9999 would overflow
        raise BadInput(f"{what}“{text}”的年份应在 1900 至 2200 之间")
    return day


def run(args) -> int:
    """Run ``stats``; 0 on success, 2 on bad input."""
    from ..services import statistics

    try:
        start, end = _date(args.start, "起始日期"), _date(args.end, "截止日期")
        if end < start:
            raise BadInput("截止日期不能早于起始日期")
        from .warnings import opened

        with opened(args) as store, store.read() as s:
            st = statistics.compute(s, start, end)
    except BadInput as exc:
        print(f"commanddesk stats: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(st.as_dict(), ensure_ascii=False, indent=1))
        return 0
    rate = st.on_time_rate
    print(f"{start.isoformat()} 至 {end.isoformat()}：事件 {st.incidents} 起（不含演练、作废、合并）；"
          f"报告时限 {st.decided} 项，按时 {st.on_time} 项（{f'{rate:.1%}' if rate is not None else '—'}）")
    print(f"上年同期：事件 {st.last_year_incidents} 起")
    for title, table in (("按月", st.by_month), ("上年同期按月", st.last_year_by_month), ("按类型", st.by_type),
                         ("按等级", st.by_grade), ("按乡镇（街道）", st.by_division), ("迟报分钟", st.late_minutes),
                         ("预警按类型", st.warnings_by_type)):
        print(f"{title}：" + "，".join(f"{k} {v}" for k, v in table.items()))
    for title, d in (("接报至首报", st.to_first_report), ("派出至到场", st.to_arrival), ("预警接收至首次转发", st.to_forward)):
        if d is not None and d.n:
            print(f"{title}：{d.n} 项，中位 {d.median:g} 分钟；" + "，".join(f"{k} {v}" for k, v in d.bins.items()))
    for year, kinds in st.drills_by_year.items():
        print(f"{year} 年演练：" + "，".join(f"{k} {v}" for k, v in kinds.items()))
    for r in st.rules:
        print(f"  {r.rule_id} {r.name}：按时 {r.on_time}，迟报 {r.late}，超时未报 {r.overdue}")
    return 0
