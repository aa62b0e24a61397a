"""A response plan as frozen dataclasses (see docs/plan-format.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

ROMAN = {1: "Ⅰ", 2: "Ⅱ", 3: "Ⅲ", 4: "Ⅳ"}
TIERS = {"overall": "总体预案", "special": "专项预案", "department": "部门预案", "township": "乡镇（街道）预案",
         "village": "村（社区）预案", "enterprise": "企业（单位）预案"}
CARD_ROLES = {"duty_officer": "值班员", "township_head": "乡镇（街道）负责人", "team_leader": "救援队伍负责人",
              "enterprise_post": "企业岗位"}
COUNT_FIELDS = frozenset({"deaths", "missing", "dead_missing", "serious_injuries", "injuries", "trapped",
                          "relocated", "collapsed_rooms", "collapsed_households", "affected", "direct_loss"})
FIELDS = COUNT_FIELDS | {"grade", "type", "flag", "warning", "measure", "manual"}
OPS = (">=", ">", "<=", "<", "==", "in")
# "demo": shipped demonstration data, usable like a published plan but only in demo stores
STATUSES = {"published": "已发布", "draft": "草稿", "demo": "演示"}
USABLE = frozenset({"published", "demo"})
DEMO_MARK = "演示"
DEMO_NOTE = "演示数据：虚构单位与电话，未经任何机关批准，不得用于实际处置"


def level_name(level: int) -> str:
    """Ⅱ级响应."""
    return f"{ROMAN[level]}级响应"


@dataclass(frozen=True)
class Condition:
    """One trigger condition of a response level (any one suffices)."""

    text: str
    field: str
    op: str = ""
    value: object = None
    predicted: bool = False
    measure: str = ""


@dataclass(frozen=True)
class Measure:
    """An actionable item of a level, owned by a working group."""

    id: str
    text: str
    group: str
    due_minutes: int | None = None


@dataclass(frozen=True)
class Level:
    """One response level with its conditions and measures."""

    level: int
    activated_by: str
    summary: str
    conditions: tuple[Condition, ...]
    measures: tuple[Measure, ...]

    @property
    def name(self) -> str:
        """The level's name, e.g. Ⅱ级响应."""
        return level_name(self.level)


@dataclass(frozen=True)
class Group:
    """A working group (工作组)."""

    id: str
    name: str
    lead: str
    members: tuple[str, ...]
    duties: str


@dataclass(frozen=True)
class Card:
    """A position action card (应急处置卡)."""

    role: str
    title: str
    trigger: str
    steps: tuple[str, ...]
    calls: tuple[tuple[str, str], ...]
    equipment: tuple[str, ...]
    prohibitions: tuple[str, ...]


@dataclass(frozen=True)
class Chapter:
    """A chapter of an imported document: its heading, depth (1 = 一、), text and tables (rows of cells)."""

    heading: str
    level: int
    text: str
    tables: tuple[tuple[tuple[str, ...], ...], ...] = ()


@dataclass(frozen=True)
class Plan:
    """One edition of a plan."""

    id: str
    edition: str
    status: str
    title: str
    short: str
    tier: str
    category: str
    types: tuple[str, ...]
    jurisdiction_code: str
    jurisdiction: str
    issuer: str
    approved: date | None
    supersedes: str
    scope: str
    basis: tuple[str, ...]
    principles: str
    command: dict[str, object]
    groups: tuple[Group, ...]
    levels: tuple[Level, ...]
    escalation: str
    termination: str
    contacts: tuple[tuple[str, str, str], ...]
    cards: tuple[Card, ...]
    appendix: tuple[Chapter, ...] = ()  # chapters of an imported document, in order
    path: str = ""
    user: bool = False  # from the user's plan folder rather than shipped
    content_hash: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str]:
        """(id, edition): what names one edition of a plan."""
        return (self.id, self.edition)

    @property
    def demo(self) -> bool:
        """Shipped demonstration data, not a post's own plan."""
        return self.status == "demo"

    @property
    def usable(self) -> bool:
        """May be matched and activated (published, or demo in a demo store)."""
        return self.status in USABLE

    @property
    def status_label(self) -> str:
        """已发布, 草稿 or 演示."""
        return STATUSES.get(self.status, self.status)

    @property
    def marked_title(self) -> str:
        """The title with 【演示】/【草稿】 in front when it is not a post's published plan."""
        return self.mark(self.title)

    @property
    def marked_short(self) -> str:
        """The short title, marked like ``marked_title``."""
        return self.mark(self.short)

    def mark(self, text: str) -> str:
        """*text* with 【演示】 or 【草稿】 in front unless the plan is a post's published one."""
        if self.status == "published":
            return text
        return f"【{self.status_label}】{text}"

    @property
    def tier_label(self) -> str:
        """The tier in words: 总体预案, 专项预案 …"""
        return TIERS.get(self.tier, self.tier)

    def level(self, n: int) -> Level | None:
        """The level numbered *n*, if the plan has it."""
        return next((lv for lv in self.levels if lv.level == n), None)

    def group(self, group_id: str) -> Group | None:
        """The working group with this id, or None."""
        return next((g for g in self.groups if g.id == group_id), None)

    def group_name(self, group_id: str) -> str:
        """The working group's name (its id when the plan does not define it)."""
        g = self.group(group_id)
        return g.name if g else group_id

    def card(self, role: str) -> Card | None:
        """The action card for *role*, or None."""
        return next((c for c in self.cards if c.role == role), None)

    def sections(self) -> list[tuple[str, str]]:
        """(heading, text) of every readable part, for search, diff and export."""
        out = [("适用范围", self.scope)]
        if self.basis:
            out.append(("编制依据", "\n".join(self.basis)))
        if self.principles:
            out.append(("工作原则", self.principles))
        cmd = self.command
        lines = [f"指挥部：{cmd.get('hq', '')}", f"总指挥：{cmd.get('commander', '')}"]
        if cmd.get("deputies"):
            lines.append("副总指挥：" + "、".join(cmd["deputies"]))
        for key, name in (("office", "办公室"), ("onsite", "现场指挥部"), ("experts", "专家组")):
            if cmd.get(key):
                lines.append(f"{name}：{cmd[key]}")
        if cmd.get("members"):
            lines.append("成员单位：" + "、".join(cmd["members"]))
        out.append(("组织指挥体系", "\n".join(lines)))
        for g in self.groups:
            out.append((f"工作组：{g.name}", f"牵头单位：{g.lead}\n成员单位：{'、'.join(g.members)}\n职责：{g.duties}"))
        for lv in self.levels:
            body = [f"启动：{lv.activated_by}", lv.summary, "启动条件（满足其一）："]
            body += [f"　{c.text}" for c in lv.conditions]
            body.append("响应措施：")
            body += [f"　{m.text}（{self.group_name(m.group)}" + (f"，{m.due_minutes} 分钟内）" if m.due_minutes else "）")
                     for m in lv.measures]
            out.append((lv.name, "\n".join(body)))
        out.append(("响应升级", self.escalation))
        out.append(("响应终止", self.termination))
        if self.contacts:
            out.append(("联系方式", "\n".join(f"{n}　{p}　{note}".strip() for n, p, note in self.contacts)))
        for c in self.cards:
            out.append((c.title, f"启动：{c.trigger}\n" + "\n".join(f"{i}. {s}" for i, s in enumerate(c.steps, 1))))
        for ch in self.appendix:
            rows = "\n".join(" | ".join(cells) for table in ch.tables for cells in table)
            out.append((ch.heading, "\n".join(x for x in (ch.text, rows) if x)))
        return out
