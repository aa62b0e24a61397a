"""Statutory rules as data: grading tables and reporting-clock rules, no Qt.

The rule files live in ``commanddesk/data/rules/``; ``grading`` and ``clocks``
read them into frozen dataclasses and hold the pure engines. A bad file stops
loading with a :class:`RuleFileError` naming the file and the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..paths import PACKAGE_DATA

RULES_DATA = PACKAGE_DATA / "rules"

_TYPE_NAMES = {str: ("文本", "text"), int: ("整数", "integer"), bool: ("真假值 true/false", "boolean"),
               list: ("列表", "list"), date: ("日期（如 2024-01-20）", "date"), dict: ("表", "table")}
_REQUIRED = object()


class RuleFileError(UserError):
    """A rule file is missing a field or holds a value the engines cannot use."""

    def __init__(self, path: Path | str, field: str, reason: str, english: str = "") -> None:
        self.path = Path(path)
        self.field = field
        self.reason = reason
        message = f"规则文件有误：{path}，字段 {field}：{reason}"
        if english:
            message += f"\nBad rule file {path}, field {field}: {english}"
        super().__init__(message)


class FieldReader:
    """Typed access to one TOML table of a rule file; errors name the file and field."""

    def __init__(self, path: Path, data: Mapping[str, Any], prefix: str = "") -> None:
        self.path = path
        self.data = data
        self.prefix = prefix

    def name(self, key: str) -> str:
        """The dotted field name used in error messages."""
        return f"{self.prefix}{key}"

    def fail(self, key: str, reason: str, english: str) -> RuleFileError:
        """An error about field *key* of this table."""
        return RuleFileError(self.path, self.name(key), reason, english)

    def get(self, key: str, kind: type, default: Any = _REQUIRED) -> Any:
        """The value of *key*, checked to be of *kind*; *default* if absent and optional."""
        if key not in self.data:
            if default is _REQUIRED:
                raise self.fail(key, "缺少此字段", "missing field")
            return default
        value = self.data[key]
        wrong_bool = kind is int and isinstance(value, bool)
        if wrong_bool or not isinstance(value, kind):
            zh, en = _TYPE_NAMES.get(kind, (kind.__name__, kind.__name__))
            raise self.fail(key, f"应为{zh}，而不是“{value!r}”", f"expected {en}, got {value!r}")
        return value

    def text(self, key: str, default: Any = _REQUIRED) -> str:
        """A non-blank text field."""
        value = self.get(key, str, default)
        if value is not default and not value.strip():
            raise self.fail(key, "不能为空", "must not be blank")
        return value

    def choice(self, key: str, allowed: Mapping[str, Any] | tuple[str, ...], default: Any = _REQUIRED) -> str:
        """A text field whose value must be one of *allowed*."""
        value = self.get(key, str, default)
        if value is not default and value not in allowed:
            options = "、".join(allowed)
            raise self.fail(key, f"“{value}”不是可用的取值（可用：{options}）",
                            f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def strings(self, key: str, allowed: Mapping[str, Any] | tuple[str, ...] | None = None) -> tuple[str, ...]:
        """An optional list of texts, each one of *allowed* when given."""
        items = self.get(key, list, [])
        for item in items:
            if not isinstance(item, str) or (allowed is not None and item not in allowed):
                raise self.fail(key, f"含有不可用的取值“{item}”", f"unknown value {item!r}")
        return tuple(items)
