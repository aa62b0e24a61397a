"""Full-text search over plans, short Chinese terms included.

SQLite's trigram tokenizer only matches terms of three or more characters, and
on SQLite 3.40 a LIKE on the FTS table with fewer returns nothing. So each term
of 3+ characters goes through the trigram index (MATCH); shorter terms are
found by a substring scan of the sections kept in memory (a few ms for 10,000
sections, several times faster than LIKE); a query's terms must all occur in
the plan.
"""

from __future__ import annotations

import html
import re
import sqlite3
from dataclasses import dataclass

from .library import Library
from .model import Plan


@dataclass(frozen=True)
class Hit:
    """A plan section that matches, with a highlighted snippet (HTML, <b> marks hits)."""

    plan_id: str
    edition: str
    title: str
    tier: str
    category: str
    section: str
    snippet: str
    status: str = "published"
    about: bool = False  # the plan is about the query (title, scope or incident type), not merely mentioning it

    @property
    def marked_title(self) -> str:
        """The plan title with its 演示/草稿 mark."""
        from .model import STATUSES

        return self.title if self.status == "published" else f"【{STATUSES.get(self.status, self.status)}】{self.title}"


class SearchIndex:
    """An in-memory index of every current plan's sections.

    Plans whose title or scope contains a term, or that are written for the
    incident type the term names (滑坡 → 地质灾害), rank above plans that only
    mention it somewhere. A term that names an incident type but occurs
    nowhere literally (山火) is looked up by the type's other words.
    """

    def __init__(self, lib: Library, plans: list[Plan] | None = None) -> None:
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self.db.executescript("""
            CREATE TABLE section (id INTEGER PRIMARY KEY, plan_id TEXT, edition TEXT, title TEXT, tier TEXT,
                                  category TEXT, levels TEXT, heading TEXT, body TEXT, status TEXT);
            CREATE INDEX ix_section_filter ON section (tier, category);
            CREATE VIRTUAL TABLE section_fts USING fts5(heading, body, content='section', content_rowid='id',
                                                        tokenize='trigram');
        """)
        rows = []
        self.plans: dict[str, tuple[frozenset[str], str, str]] = {}  # id → types, folded title, folded scope
        for plan in plans if plans is not None else lib.current_plans():
            levels = ",".join(str(lv.level) for lv in plan.levels)
            self.plans[plan.id] = (frozenset(plan.types), (plan.title + plan.short).casefold(), plan.scope.casefold())
            head = (plan.id, plan.edition, plan.title, plan.tier, plan.category, levels)
            rows.append((*head, "标题", plan.title, plan.status))
            for heading, body in plan.sections():
                rows.append((*head, heading, body, plan.status))
        self.db.executemany("INSERT INTO section (plan_id, edition, title, tier, category, levels, heading, body, status) "
                            "VALUES (?,?,?,?,?,?,?,?,?)", rows)
        # id, plan_id, tier, category, levels, folded text: for short terms and Python-side filters
        self.memory = [(i, r[0], r[3], r[4], "," + r[5] + ",", (r[6] + "\n" + r[7]).casefold())
                       for i, r in enumerate(rows, start=1)]
        self.db.execute("INSERT INTO section_fts (section_fts) VALUES ('rebuild')")
        self.db.commit()

    def _find(self, term: str, filters: list[str], fargs: list, tier, category, want_level: str) -> dict[int, str]:
        """section id → plan id of the sections containing *term*."""
        if len(term) >= 3:
            sql = ("SELECT s.id, s.plan_id FROM section s WHERE "
                   + " AND ".join(["s.id IN (SELECT rowid FROM section_fts WHERE section_fts MATCH ?)", *filters]))
            return dict(self.db.execute(sql, ['"' + term.replace('"', '""') + '"', *fargs]).fetchall())
        folded = term.casefold()
        return {sid: pid for sid, pid, tr, cat, lv, text in self.memory
                if folded in text and (not tier or tr == tier)
                and (not category or cat in (category, "all"))
                and (not want_level or want_level in lv)}

    def _plan_score(self, plan_id: str, words: list[str], types: set[str]) -> int:
        """How much a plan is about one query term (0: it merely mentions it)."""
        plan_types, title, scope = self.plans.get(plan_id, (frozenset(), "", ""))
        score = 0
        if any(w.casefold() in title for w in words):
            score += 100
        if types & plan_types:
            score += 60 + 30 // len(plan_types)  # a plan for this type alone beats one covering ten
        if any(w.casefold() in scope for w in words):
            score += 30
        return score

    def search(self, text: str, tier: str | None = None, category: str | None = None,
               level: int | None = None, limit: int = 50) -> list[Hit]:
        """Sections of plans that contain every term of *text* (anywhere in the plan).

        Plans about the terms come first; within a plan, sections matching more of the terms.
        """
        from .. import vocabulary

        terms = [t for t in re.split(r"\s+", text.strip()) if t]
        if not terms:
            return []
        filters, fargs = [], []
        if tier:
            filters.append("s.tier = ?")
            fargs.append(tier)
        if category:
            filters.append("(s.category = ? OR s.category = 'all')")
            fargs.append(category)
        if level:
            filters.append("(',' || s.levels || ',') LIKE ?")
            fargs.append(f"%,{int(level)},%")
        want_level = f",{int(level)}," if level else ""
        per_term: list[dict[int, str]] = []
        used: list[list[str]] = []  # the words actually searched for each term
        about: list[set[str]] = []
        for t in terms:
            types = vocabulary.types_about(t)
            found = self._find(t, filters, fargs, tier, category, want_level)
            words = [t]
            if not found and types:  # 山火 written nowhere: look for 森林火灾, 林火 …
                words = [w for code in sorted(types) for w in vocabulary.vocabulary().words(code) if w != t]
                for w in words:
                    found.update(self._find(w, filters, fargs, tier, category, want_level))
            per_term.append(found)
            used.append(words)
            about.append(types)
        plans = set.intersection(*(set(found.values()) for found in per_term))
        if not plans:
            return []
        rank = {pid: sum(self._plan_score(pid, words, types) for words, types in zip(used, about)) for pid in plans}
        score: dict[int, int] = {}
        owner: dict[int, str] = {}
        for found in per_term:
            for sid, pid in found.items():
                if pid in plans:
                    score[sid] = score.get(sid, 0) + 1
                    owner[sid] = pid
        best = sorted(score, key=lambda sid: (-rank[owner[sid]], -score[sid], sid))[:limit]
        marks = ",".join("?" * len(best))
        rows = {r[0]: r[1:] for r in self.db.execute(
            f"SELECT id, plan_id, edition, title, tier, category, heading, body, status FROM section WHERE id IN ({marks})",
            best)}
        shown = [w for words in used for w in words]
        return [Hit(pid, ed, title, tier_, cat, heading, snippet(body, shown), status, rank[pid] > 0)
                for pid, ed, title, tier_, cat, heading, body, status in (rows[sid] for sid in best)]


def snippet(body: str, terms: list[str], width: int = 60) -> str:
    """Escaped text around the first hit, every term wrapped in <b>…</b>."""
    low = body.casefold()
    first = min((i for i in (low.find(t.casefold()) for t in terms) if i >= 0), default=0)
    start = max(0, first - width // 3)
    piece = body[start:start + width].replace("\n", " ")
    out = html.escape(piece)
    for t in sorted(terms, key=len, reverse=True):
        out = re.sub(re.escape(html.escape(t)), lambda m: f"<b>{m.group(0)}</b>", out, flags=re.IGNORECASE)
    return ("…" if start else "") + out + ("…" if start + width < len(body) else "")


_INDEX: dict[int, SearchIndex] = {}


def index_for(lib: Library) -> SearchIndex:
    """The search index of a library (built on first use)."""
    key = id(lib)
    if key not in _INDEX:
        _INDEX.clear()
        _INDEX[key] = SearchIndex(lib)
    return _INDEX[key]
