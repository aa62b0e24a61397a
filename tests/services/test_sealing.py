"""Sealed files: what goes in comes out with the right passphrase, and nothing else opens or alters them."""

import json

import pytest

from commanddesk import cipher
from commanddesk.services import sealing
from commanddesk.services.sealing import SealError, file_is_sealed, is_sealed, seal, unseal

MAGIC = b"CDTEST-SEALED-1\n"
PASS = "correct horse battery"


@pytest.fixture(scope="module")
def sealed():
    return seal("值班日志 第3号\n".encode("utf-8"), PASS, MAGIC)


def test_round_trip(sealed):
    assert is_sealed(sealed, MAGIC)
    assert "值班日志".encode("utf-8") not in sealed
    assert unseal(sealed, PASS, MAGIC) == "值班日志 第3号\n".encode("utf-8")


def test_two_seals_of_the_same_data_differ(sealed):
    assert seal("值班日志 第3号\n".encode("utf-8"), PASS, MAGIC) != sealed


def test_wrong_passphrase(sealed):
    with pytest.raises(SealError) as err:
        unseal(sealed, "another passphrase", MAGIC)
    assert err.value.kind == "wrong"


def test_no_passphrase(sealed):
    with pytest.raises(SealError) as err:
        unseal(sealed, None, MAGIC)
    assert err.value.kind == "missing"


def test_altered_content_is_refused_like_a_wrong_passphrase(sealed):
    altered = sealed[:-1] + bytes([sealed[-1] ^ 1])
    with pytest.raises(SealError) as err:
        unseal(altered, PASS, MAGIC)
    assert err.value.kind == "wrong"


def _with_header(sealed: bytes, **changes) -> bytes:
    end = sealed.index(b"\n", len(MAGIC)) + 1
    header = json.loads(sealed[len(MAGIC):end])
    header.update(changes)
    return MAGIC + json.dumps(header, separators=(",", ":")).encode("ascii") + b"\n" + sealed[end:]


def test_header_weakened_within_range_is_refused_as_wrong(sealed):
    """The header is authenticated: a cheaper KDF setting written in does not open the file."""
    with pytest.raises(SealError) as err:
        unseal(_with_header(sealed, n=2**10), PASS, MAGIC)
    assert err.value.kind == "wrong"


@pytest.mark.parametrize("changes", [{"n": 2**8}, {"n": 3000}, {"r": 0}, {"p": 99}, {"salt": "ab"},
                                     {"nonce": "00"}, {"salt": "zz" * 16}])
def test_header_out_of_range_is_damaged(sealed, changes):
    with pytest.raises(SealError) as err:
        unseal(_with_header(sealed, **changes), PASS, MAGIC)
    assert err.value.kind == "header"


@pytest.mark.parametrize("data", [MAGIC, MAGIC + b"not json\n", MAGIC + b"[1,2]\n", MAGIC + b"{}\n",
                                  MAGIC + b"\xff\xfe\n"])
def test_damaged_header(data):
    with pytest.raises(SealError) as err:
        unseal(data, PASS, MAGIC)
    assert err.value.kind == "header"


def test_weak_passphrase_is_refused_in_chinese():
    with pytest.raises(ValueError, match=f"新口令至少 {cipher.MIN_LENGTH} 个字符"):
        seal(b"x", "a" * (cipher.MIN_LENGTH - 1), MAGIC)
    with pytest.raises(ValueError, match="口令不能为空"):
        seal(b"x", "", MAGIC)


def test_file_is_sealed(tmp_path, sealed):
    path = tmp_path / "bundle.bin"
    path.write_bytes(sealed)
    plain = tmp_path / "plain.txt"
    plain.write_bytes(b"hello")
    assert file_is_sealed(path, MAGIC)
    assert not file_is_sealed(plain, MAGIC)
    assert not file_is_sealed(path, b"OTHER-MAGIC\n")
    assert not file_is_sealed(tmp_path / "absent.bin", MAGIC)
    assert not file_is_sealed(tmp_path, MAGIC)  # a directory cannot be read


def test_key_depends_on_passphrase_and_salt():
    salt = bytes(16)
    k = sealing.key("口令一二三四五六七八", salt, 2**10, 8, 1)
    assert len(k) == 32
    assert k == sealing.key("口令一二三四五六七八", salt, 2**10, 8, 1)
    assert k != sealing.key("口令一二三四五六七九", salt, 2**10, 8, 1)
    assert k != sealing.key("口令一二三四五六七八", bytes([1]) * 16, 2**10, 8, 1)
