"""The errors a duty officer sees: each carries its Chinese message as given, and is caught as a UserError."""

import pytest

from commanddesk.errors import ConflictError, PermissionDenied, StoreError, UserError, ValidationError


@pytest.mark.parametrize("kind", [UserError, StoreError, ValidationError, PermissionDenied, ConflictError])
def test_the_message_is_shown_as_it_is(kind):
    """str() and .message give exactly the text the raiser wrote, so the UI can show it unchanged."""
    exc = kind("数据库文件是只读的。")
    assert exc.message == str(exc) == "数据库文件是只读的。"
    with pytest.raises(UserError):
        raise exc


def test_a_validation_error_names_the_field_at_fault():
    """The form can put the cursor in the field that was refused; without a field it is None."""
    assert ValidationError("电话号码格式不对", field="phone").field == "phone"
    assert ValidationError("内容不能为空").field is None


def test_kinds_are_told_apart():
    """A caller can catch a conflict without catching a refused permission."""
    with pytest.raises(ConflictError):
        try:
            raise ConflictError("已被其他席位修改")
        except PermissionDenied:  # pragma: no cover - must not catch it
            pytest.fail("a conflict is not a permission error")
