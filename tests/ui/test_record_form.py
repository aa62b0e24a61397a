"""The detail form built from a registry's fields: what it shows, what it hands back, how it refuses."""

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from commanddesk.services.registry import Field, Row
from commanddesk.ui.record_form import RecordForm

FIELDS = (
    Field("name", "名称", required=True),
    Field("notes", "备注", kind="multiline"),
    Field("kind", "类别", kind="choice", required=True, default="fire"),
    Field("unit_id", "所属单位", kind="ref"),
    Field("pin", "PIN", kind="pin"),
    Field("expires", "有效期", kind="date", hint="到期后提醒"),
    Field("code", "编号", editable=False),
)


@pytest.fixture
def form(qtbot):
    f = RecordForm(FIELDS)
    qtbot.addWidget(f)
    f.set_choices({"kind": [("fire", "消防"), ("rescue", "救援")],
                   "unit_id": [(7, "开发区管委会"), (9, "海州区应急局")]})
    f.show()
    return f


def _row(**values) -> Row:
    texts = {k: str(v) for k, v in values.items()}
    return Row(id=1, version=1, values=values, texts=texts, haystack="")


def test_each_kind_gets_the_widget_a_user_expects(form):
    """Text in a line, notes in a box, choices in drop-downs, the PIN hidden, a date's example shown,
    the required mark on the label, a read-only field greyed out and the hint as a tooltip."""
    w = form.widgets
    assert isinstance(w["name"], QLineEdit) and isinstance(w["notes"], QPlainTextEdit)
    assert isinstance(w["kind"], QComboBox) and not w["kind"].isEditable()
    assert w["unit_id"].isEditable()  # type to find among many
    assert w["pin"].echoMode() == QLineEdit.EchoMode.Password
    assert w["expires"].placeholderText() == "2027-06-30" and w["expires"].toolTip() == "到期后提醒"
    assert not w["code"].isEnabled()
    from PySide6.QtWidgets import QFormLayout

    layout = form.findChild(QFormLayout)
    labels = [layout.labelForField(w[f.key]).text() for f in FIELDS]
    assert labels[0] == "名称＊" and labels[1] == "备注"


def test_a_new_record_starts_from_the_defaults(form):
    """An empty form: the default choice picked, an optional reference left blank."""
    form.load(None)
    v = form.values()
    assert v["kind"] == "fire" and v["unit_id"] is None and v["name"] == "" and "code" not in v


def test_a_loaded_record_comes_back_unchanged_and_the_pin_is_never_shown(form):
    """Loading a record fills every field (the PIN box stays empty); values() hands it back."""
    form.load(_row(name="开发区消防站", notes="两行\n备注", kind="rescue", unit_id=9, pin="1234",
                   expires="2027-01-01", code="T001"))
    assert form.widgets["pin"].text() == "" and form.widgets["code"].text() == "T001"
    assert form.values() == {"name": "开发区消防站", "notes": "两行\n备注", "kind": "rescue", "unit_id": 9,
                             "pin": "", "expires": "2027-01-01"}


def test_typing_a_reference_that_matches_nothing_is_passed_on_as_text(qtbot, form):
    """A name typed into the reference box that is not in the list goes to the service as text to judge."""
    form.load(None)
    form.widgets["unit_id"].setEditText("不存在的单位")
    assert form.values()["unit_id"] == "不存在的单位"


def test_only_the_users_edits_count_as_edits(qtbot, form):
    """Loading a record does not mark the form edited; typing does."""
    edits: list = []
    form.sig_edited.connect(lambda: edits.append(True))
    form.load(_row(name="甲", kind="fire"))
    assert edits == []
    qtbot.keyClicks(form.widgets["name"], "x")
    assert edits


def test_a_locked_form_can_be_read_but_not_changed(form):
    """Without the right to edit, text stays selectable but read-only and the drop-downs are off."""
    form.set_editable(False)
    assert form.widgets["name"].isReadOnly() and form.widgets["notes"].isReadOnly()
    assert not form.widgets["kind"].isEnabled()
    form.set_editable(True)
    assert not form.widgets["name"].isReadOnly() and form.widgets["kind"].isEnabled()
    assert not form.widgets["code"].isEnabled()  # never editable stays so


def test_a_refusal_names_the_field_and_goes_away_on_the_next_load(qtbot, form):
    """The message shows under the form, the culprit is framed and gets the cursor; loading clears both."""
    form.widgets["name"].setFocus()
    form.show_error("有效期格式应为 2027-06-30", "expires")
    assert form.error.isVisible() and form.error.text() == "有效期格式应为 2027-06-30"
    assert form.widgets["expires"].property("invalid") == "true"
    assert form.widgets["name"].property("invalid") == "false"
    qtbot.waitUntil(lambda: form.widgets["expires"].hasFocus())
    form.load(None)
    assert not form.error.isVisible() and form.widgets["expires"].property("invalid") == "false"
