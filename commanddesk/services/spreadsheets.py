"""Excel (.xlsx) templates, export and import for the registries (openpyxl, no Qt).

A sheet has one header row of field labels and one record per row; choices
and references are written as their Chinese labels and read back from labels
or codes. An import first checks every row and reports each bad cell (row,
column, reason); a file with any error imports nothing. Rows are matched to
existing records by a natural key (code; for stock depot + item + batch; for
contacts name + organisation), only changed records are written, so importing
the same file twice changes nothing the second time. Stock quantities go
through the ledger (posted as stocktake movements), like edits on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import UserError, ValidationError
from . import auth, registry, registry_specs
from .registry import Field, RegistrySpec

EXCHANGED = ("teams", "warehouses", "items", "stock", "shelters", "hazards", "organisations", "contacts")
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "teams": ("code",), "warehouses": ("code",), "items": ("code",), "shelters": ("code",), "hazards": ("code",),
    "organisations": ("code",), "stock": ("warehouse_id", "item_id", "batch"), "contacts": ("name", "organisation_id"),
}
CHOICES_SHEET = "取值"
GUIDE_SHEET = "填表说明"
KIND_TEXT = {"text": "文本", "multiline": "文本（可多行）", "int": "整数", "float": "数字", "bool": "是 / 否",
             "choice": "下拉选择", "ref": "下拉选择", "date": "日期（如 2027-06-30）", "phone": "电话号码"}
_AMBIGUOUS = object()
FORMULA_STARTS = ("=", "+", "-", "@")
MAX_ROWS = 200_000  # data rows of one sheet (a 100,000-row registry re-imports in well under a minute)
MAX_COLUMNS = 64  # columns read (every registry has fewer than 30)
MAX_UNZIPPED = 400 * 1024 * 1024  # an .xlsx is a zip: what its parts may unpack to (100,000 rows are ~60 MB)


@dataclass(frozen=True)
class CellError:
    """One refused cell (or row, when *column* is empty)."""

    row: int
    column: str
    field: str
    reason: str

    def text(self) -> str:
        """The error as one line: where (row, column, field) and why."""
        where = f"第 {self.row} 行" + (f" {self.column} 列（{self.field}）" if self.column else "")
        return f"{where}：{self.reason}"


@dataclass(frozen=True)
class ImportResult:
    """What an import did, or why it did nothing."""

    registry: str
    rows: int
    created: int
    updated: int
    unchanged: int
    errors: tuple[CellError, ...]

    @property
    def ok(self) -> bool:
        """Whether the import found no errors."""
        return not self.errors

    def message(self) -> str:
        """One line for the user."""
        if self.errors:
            bad_rows = len({e.row for e in self.errors})
            return (f"文件有 {len(self.errors)} 处错误（涉及 {bad_rows} 行），未导入任何数据。"
                    "请按错误清单修改后重新导入。")
        return (f"已导入 {self.rows} 行：新增 {self.created} 条，更新 {self.updated} 条，"
                f"未变化 {self.unchanged} 条。")


def spec_for(key: str) -> RegistrySpec:
    """The registry a sheet exchanges (user accounts are never exchanged)."""
    if key not in EXCHANGED:
        raise UserError(f"“{key}”不能通过 Excel 导入导出。")
    return registry_specs.REGISTRIES[key]


def columns(spec: RegistrySpec) -> tuple[Field, ...]:
    """The fields a sheet has, in order."""
    return tuple(f for f in spec.fields if f.kind != "pin")


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


# --- labels both ways ---------------------------------------------------------

def _lookups(session: Session, spec: RegistrySpec) -> dict[str, dict[str, Any]]:
    """For each choice/ref/bool field: accepted text → stored value (labels, codes, names)."""
    from ..models import MaterialItem, Organisation, Warehouse

    out: dict[str, dict[str, Any]] = {}
    for f in columns(spec):
        if f.kind not in ("choice", "ref", "bool"):
            continue
        table: dict[str, Any] = {}

        def put(text: Any, value: Any) -> None:
            """Let the cell text *text* stand for *value*; a text meaning two values is marked ambiguous."""
            text = str(text).strip()
            if text == "":
                return
            if text in table and table[text] != value:
                table[text] = _AMBIGUOUS
            else:
                table[text] = value
        pairs = registry.choices(session, f)
        for value, text in pairs:
            put(text, value)
        for value, text in pairs:
            put(value, value)
            put(f"{text}（{value}）", value)
        if f.kind == "bool":
            for text in ("1", "true", "True", "TRUE", "Y"):
                put(text, True)
            for text in ("0", "false", "False", "FALSE", "N"):
                put(text, False)
        extra = {"warehouse": Warehouse, "item": MaterialItem, "organisation": Organisation}.get(f.ref or "")
        if extra is not None:
            for ident, code, name in session.execute(select(extra.id, extra.code, extra.name)):
                put(code, ident)
                put(name, ident)
        out[f.key] = table
    return out


def _texts(session: Session, spec: RegistrySpec) -> dict[str, dict[Any, str]]:
    """For each choice/ref field: stored value → the text written to the sheet (unambiguous)."""
    out = {}
    for f in columns(spec):
        if f.kind not in ("choice", "ref"):
            continue
        pairs = registry.choices(session, f)
        counts: dict[str, int] = {}
        for _v, t in pairs:
            counts[t] = counts.get(t, 0) + 1
        out[f.key] = {v: (t if counts[t] == 1 else f"{t}（{v}）") for v, t in pairs}
    return out


# --- writing ------------------------------------------------------------------

def _workbook(session: Session, spec: RegistrySpec, rows: int):
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = spec.title[:31]
    lists = wb.create_sheet(CHOICES_SHEET)
    guide = wb.create_sheet(GUIDE_SHEET)
    texts = _texts(session, spec)
    head_fill = PatternFill("solid", fgColor="FFD9E1F2")
    need_fill = PatternFill("solid", fgColor="FFFCE4D6")
    guide.append(["列", "字段", "必填", "类型", "可填的值 / 说明"])
    list_col = 0
    for i, f in enumerate(columns(spec)):
        cell = ws.cell(row=1, column=i + 1, value=f.label)
        cell.font = Font(bold=True, color="FFB00020" if f.required else "FF000000")
        cell.fill = need_fill if f.required else head_fill
        cell.alignment = Alignment(horizontal="center")
        note = ("必填。" if f.required else "") + (f.hint or "") + ("（只读，导入时忽略）" if not f.editable else "")
        if note:
            cell.comment = Comment(note, "commanddesk")
        ws.column_dimensions[_letter(i)].width = max(10, min(36, len(f.label) * 2 + 6))
        allowed = ""
        values: list[str] = []
        if f.kind in ("choice", "ref"):
            values = list(texts[f.key].values())
        elif f.kind == "bool":
            values = ["是", "否"]
        if values and f.editable:
            list_col += 1
            letter = _letter(list_col - 1)
            lists.cell(row=1, column=list_col, value=f.label)
            for r, v in enumerate(values, start=2):
                lists.cell(row=r, column=list_col, value=v)
            dv = DataValidation(type="list", formula1=f"'{CHOICES_SHEET}'!${letter}$2:${letter}${len(values) + 1}",
                                allow_blank=not f.required, showErrorMessage=True, errorTitle="取值不在列表中",
                                error=f"“{f.label}”请从下拉列表中选择。")
            dv.add(f"{_letter(i)}2:{_letter(i)}{max(rows, 0) + 1000}")
            ws.add_data_validation(dv)
            allowed = "、".join(values[:12]) + ("……（见“取值”表）" if len(values) > 12 else "")
        if f.kind in ("text", "phone", "multiline"):
            for r in range(2, rows + 1002):
                ws.cell(row=r, column=i + 1).number_format = "@"  # keep codes and phone numbers as text
        if f.kind in ("int", "float") and (f.minimum is not None or f.maximum is not None):
            allowed = f"{f.minimum:g} 至 {f.maximum:g}" if f.maximum is not None else f"不小于 {f.minimum:g}"
        guide.append([_letter(i), f.label, "是" if f.required else "", KIND_TEXT.get(f.kind, f.kind),
                      "；".join(x for x in (allowed, f.hint, "" if f.editable else "只读，导入时忽略") if x)])
    key = "、".join(spec.field(k).label for k in NATURAL_KEYS[spec.key])
    guide.append([])
    guide.append(["", f"按“{key}”对应已有记录：已有则更新，没有则新增；文件中没有的记录不会被删除。"])
    guide.append(["", "导入前逐行检查，任何一行有错误则整个文件不导入，并列出每个错误的行、列和原因。"])
    if spec.key == "stock":
        guide.append(["", "库存数量的变化按“盘点”记入出入库台账（事由：Excel 导入）。"])
    for letter, width in zip("ABCDE", (6, 16, 6, 18, 80)):
        guide.column_dimensions[letter].width = width
    lists.sheet_state = "hidden"
    ws.freeze_panes = "A2"
    return wb, ws, texts


def _cell_value(f: Field, value: Any, texts: dict[str, dict[Any, str]]) -> Any:
    if value is None:
        return None
    if f.kind in ("choice", "ref"):
        return texts[f.key].get(value, str(value))
    if f.kind == "bool":
        return "是" if value else "否"
    return value


def put(ws, row: int, column: int, value: Any):
    """Write one cell; text is always text: a value beginning with "=" (or "+", "-", "@") is never a formula
    (=HYPERLINK(…) or a =cmd|… DDE call in a registry field would run on a colleague's machine), and it
    reads back as the same text."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        cell.data_type = "s"
        cell.quotePrefix = True  # Excel and LibreOffice show it as text and keep it so when edited
    return cell


def write_template(session: Session, spec: RegistrySpec, path: Path | str) -> None:
    """An empty sheet with headers, drop-downs and a guide sheet."""
    wb, _ws, _texts = _workbook(session, spec, 0)
    _save(wb, path)


def export(session: Session, spec: RegistrySpec, path: Path | str) -> int:
    """Write every record of a registry to *path*; return the number of rows."""
    rows = registry.list_rows(session, spec)
    wb, ws, texts = _workbook(session, spec, len(rows))
    for r, row in enumerate(rows, start=2):
        for c, f in enumerate(columns(spec), start=1):
            put(ws, r, c, _cell_value(f, row.values.get(f.key), texts))
    _save(wb, path)
    return len(rows)


def _save(wb, path: Path | str) -> None:
    try:
        wb.save(str(path))
    except OSError as exc:
        raise UserError(f"无法写入文件：{path}（{exc.strerror or exc}）") from exc


# --- reading and checking -----------------------------------------------------

@dataclass(frozen=True)
class Sheet:
    """The cells of an .xlsx as read (no database needed): header and the non-empty rows with their numbers."""

    name: str
    header: list[str]
    body: list[tuple[int, list[Any]]]


def check_archive(path: Path | str) -> None:
    """Refuse an .xlsx that is no zip, unpacks to too much (a zip bomb) or declares XML entities, before a
    parser sees it."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > 10_000 or sum(i.file_size for i in infos) > MAX_UNZIPPED:
                raise UserError(f"Excel 文件解压后过大（超过 {MAX_UNZIPPED // 1024 // 1024} MB），未导入：{Path(path).name}")
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    with z.open(info) as fh:
                        head = fh.read(4096)
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise UserError(f"Excel 文件含文档类型声明（DOCTYPE/ENTITY），不是 Excel 保存的文件，未导入：{Path(path).name}")
    except FileNotFoundError:
        raise UserError(f"文件不存在：{path}") from None
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
        raise UserError(f"无法读取 Excel 文件（须为 .xlsx）：{Path(path).name}（{type(exc).__name__}）") from None


def rows_of(path: Path | str, sheet_title: str | None = None) -> list[tuple]:
    """Every row of the sheet named *sheet_title* (else the first) as values, at most MAX_ROWS + 1 rows and
    MAX_COLUMNS columns, whatever the file's own <dimension> claims. UserError for a file that is no .xlsx."""
    from openpyxl import load_workbook

    check_archive(path)
    try:
        wb = load_workbook(str(path), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise UserError(f"无法读取 Excel 文件（须为 .xlsx）：{Path(path).name}（{type(exc).__name__}）") from None
    try:
        ws = wb[sheet_title] if sheet_title and sheet_title in wb.sheetnames else wb.worksheets[0]
        if not hasattr(ws, "reset_dimensions"):
            raise UserError(f"Excel 文件的第一张表不是工作表：{Path(path).name}")
        ws.reset_dimensions()  # a forged <dimension ref="A1:XFD1048576"/> would make every row 16,384 cells
        rows = []
        for row in ws.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            rows.append(row)
            if len(rows) > MAX_ROWS + 1:
                raise UserError(f"Excel 文件超过 {MAX_ROWS} 行，未导入：{Path(path).name}。请分成几个文件导入。")
    except UserError:
        raise
    except Exception as exc:  # a damaged sheet is found only while reading it
        raise UserError(f"无法读取 Excel 文件（已损坏）：{Path(path).name}（{type(exc).__name__}）") from None
    finally:
        wb.close()
    return rows


def read(path: Path | str, spec: RegistrySpec) -> Sheet:
    """The header and the non-empty rows of a registry sheet (read before the import's transaction, so the
    write lock is not held while a large file is parsed)."""
    rows = rows_of(path, spec.title[:31])
    if not rows:
        return Sheet(Path(path).name, [], [])
    header = ["" if h is None else str(h).strip().rstrip("＊*").strip() for h in rows[0]]
    while header and not header[-1]:
        header.pop()
    body = [(i, list(r)) for i, r in enumerate(rows[1:], start=2)
            if any(v not in (None, "") and not (isinstance(v, str) and not v.strip()) for v in r)]
    return Sheet(Path(path).name, header, body)


def _convert(f: Field, value: Any, lookups: dict[str, dict[str, Any]]) -> tuple[Any, str | None]:
    """A cell as a raw registry input, or an error reason."""
    if isinstance(value, str):
        value = value.strip()
    if value in (None, ""):
        return "", None
    if f.kind in ("choice", "ref", "bool"):
        if isinstance(value, bool):
            value = "1" if value else "0"
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        hit = lookups[f.key].get(str(value))
        if hit is _AMBIGUOUS:
            return None, f"“{value}”对应多条记录，请改填编号或代码"
        if hit is None:
            return None, f"“{value}”不在可选范围内"
        return hit, None
    if f.kind == "int" and isinstance(value, float):
        return (int(value), None) if value.is_integer() else (str(value), None)
    if f.kind == "date" and isinstance(value, datetime):
        return value.date(), None
    if f.kind in ("text", "multiline", "phone") and isinstance(value, float) and value.is_integer():
        return str(int(value)), None
    if f.kind in ("text", "multiline", "phone") and not isinstance(value, str):
        return str(value), None
    return value, None


@dataclass
class _Planned:
    row: int
    record_id: int | None
    values: dict[str, Any]


def check(session: Session, spec: RegistrySpec, source: Path | str | Sheet) -> tuple[list[_Planned], int, list[CellError]]:
    """Read (unless already read) and validate a file: (changes to make, unchanged rows, every error found)."""
    sheet = source if isinstance(source, Sheet) else read(source, spec)
    header, body = sheet.header, sheet.body
    cols = {f.label: f for f in columns(spec)}
    errors: list[CellError] = []
    if not header:
        return [], 0, [CellError(1, "", "", "文件是空的（第一行应为列名）")]
    positions: dict[str, int] = {}
    for i, name in enumerate(header):
        if not name:
            continue
        if name not in cols:
            errors.append(CellError(1, _letter(i), name, f"无法识别的列名“{name}”（列名须与模板一致）"))
        elif cols[name].key in positions:
            errors.append(CellError(1, _letter(i), name, "列名重复"))
        else:
            positions[cols[name].key] = i
    for f in columns(spec):
        if f.key not in positions and (f.required or f.key in NATURAL_KEYS[spec.key]) and f.editable:
            errors.append(CellError(1, "", f.label, f"缺少必需的列“{f.label}”"))
    if errors:
        return [], 0, errors
    lookups = _lookups(session, spec)
    stored = _Stored(session, spec)
    planned: list[_Planned] = []
    unchanged = 0
    seen_keys: dict[tuple, int] = {}
    seen_unique: dict[tuple[str, Any], int] = {}
    for rownum, cells in body:
        raw: dict[str, Any] = {}
        row_errors: list[CellError] = []
        for f in columns(spec):
            if f.key not in positions or not f.editable:
                continue
            i = positions[f.key]
            value, problem = _convert(f, cells[i] if i < len(cells) else None, lookups)
            if problem is None and f.kind not in ("choice", "ref", "bool"):
                try:
                    value = registry._clean(session, spec, f, value, True)
                except ValidationError as exc:
                    problem = exc.message
            if problem is None and value == "" and f.required:
                problem = f"“{f.label}”不能为空。"
            if problem is not None:
                row_errors.append(CellError(rownum, _letter(i), f.label, problem))
            elif value in ("", None) and f.key in stored.not_null and f.kind not in ("text", "multiline", "phone"):
                continue  # a blank cell of a column that cannot be empty: the default for a new record, else as it is
            else:
                raw[f.key] = value
        if row_errors:
            errors.extend(row_errors)
            continue
        key = tuple(raw.get(k) if raw.get(k) is not None else "" for k in NATURAL_KEYS[spec.key])
        if key in seen_keys:
            errors.append(CellError(rownum, "", "", f"与第 {seen_keys[key]} 行是同一条记录（"
                                    + "、".join(spec.field(k).label for k in NATURAL_KEYS[spec.key]) + "相同）"))
            continue
        seen_keys[key] = rownum
        dup = next(((f, seen_unique[(f.key, raw[f.key])]) for f in columns(spec)
                    if f.unique and raw.get(f.key) not in (None, "") and (f.key, raw[f.key]) in seen_unique), None)
        if dup is not None:
            f, other = dup
            errors.append(CellError(rownum, _letter(positions[f.key]), f.label,
                                    f"与第 {other} 行的{f.label}“{raw[f.key]}”重复"))
            continue
        for f in columns(spec):
            if f.unique and raw.get(f.key) not in (None, ""):
                seen_unique[(f.key, raw[f.key])] = rownum
        try:
            record_id, values = stored.match(key)
        except UserError as exc:
            errors.append(CellError(rownum, "", "", exc.message))
            continue
        if values is not None and all(values.get(k, _AMBIGUOUS) == v for k, v in raw.items()):
            unchanged += 1  # as stored already: nothing to check or write (a re-imported export)
            continue
        try:
            clean = registry.validate(session, spec, raw, record_id)
        except ValidationError as exc:
            column = _letter(positions[exc.field]) if exc.field in positions else ""
            errors.append(CellError(rownum, column, spec.field(exc.field).label if exc.field else "", exc.message))
            continue
        if record_id is not None:
            existing = session.get(spec.model, record_id)
            changed = {k: v for k, v in clean.items() if k in raw and getattr(existing, k) != v}
            if not changed:
                unchanged += 1
                continue
            planned.append(_Planned(rownum, record_id, changed))
        else:
            planned.append(_Planned(rownum, None, raw))
    return planned, unchanged, errors


class _Stored:
    """The registry's records by natural key, read once (one query instead of one per row of the file)."""

    def __init__(self, session: Session, spec: RegistrySpec) -> None:
        from sqlalchemy import inspect as sa_inspect

        mapper = sa_inspect(spec.model)
        attrs = {a.key: a for a in mapper.column_attrs}
        self.keys = NATURAL_KEYS[spec.key]
        self.fields = [f.key for f in columns(spec) if f.key in attrs]
        self.not_null = {k for k in self.fields
                         if not all(c.nullable for c in attrs[k].columns) and k not in ("id",)}
        wanted = ["id", *dict.fromkeys([*self.keys, *self.fields])]
        self.by_key: dict[tuple, tuple[int, dict] | object] = {}
        for row in session.execute(select(*(getattr(spec.model, k) for k in wanted))):
            values = dict(zip(wanted, row))
            key = tuple(values[k] for k in self.keys)
            self.by_key[key] = _AMBIGUOUS if key in self.by_key else (values["id"], values)
        self.spec = spec

    def match(self, key: tuple) -> tuple[int | None, dict | None]:
        """(id, stored values) of the record with this natural key, (None, None) for a new one."""
        probe = tuple(None if v in (None, "") and name.endswith("_id") else v for name, v in zip(self.keys, key))
        hit = self.by_key.get(probe)
        if hit is _AMBIGUOUS:
            raise UserError("数据库中有多条记录与本行对应（" + "、".join(
                self.spec.field(k).label for k in self.keys) + "相同），无法确定更新哪一条")
        return hit if hit is not None else (None, None)


def import_file(session: Session, spec: RegistrySpec, path: Path | str | Sheet) -> ImportResult:
    """Check the whole file (or a Sheet read by ``read`` before the transaction); if it is clean, create and
    update records in this transaction."""
    from sqlalchemy.exc import IntegrityError

    auth.require(session.info.get("actor"), spec.permission)
    planned, unchanged, errors = check(session, spec, path)
    rows = len(planned) + unchanged
    if errors:
        return ImportResult(spec.key, rows, 0, 0, 0, tuple(errors))
    created = updated = 0
    session.info["ledger_reason"] = f"Excel 导入：{path.name if isinstance(path, Sheet) else Path(path).name}"
    try:
        for p in planned:
            if p.record_id is None:
                registry.create(session, spec, p.values)
                created += 1
            else:
                registry.update(session, spec, p.record_id, p.values)
                updated += 1
    except ValidationError as exc:
        raise ValidationError(f"第 {p.row} 行：{exc.message}", exc.field) from exc
    except IntegrityError as exc:  # a rule only the database knows (the whole import is rolled back)
        raise ValidationError(f"第 {p.row} 行：数据库拒绝保存此行（{exc.orig}），未导入任何数据。") from None
    finally:
        session.info.pop("ledger_reason", None)
    return ImportResult(spec.key, rows, created, updated, unchanged, ())


def today_name(spec: RegistrySpec, when: date) -> str:
    """A default file name such as 救援队伍-20261123.xlsx."""
    return f"{spec.title}-{when:%Y%m%d}.xlsx"
