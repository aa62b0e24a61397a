"""A file sealed with a passphrase: AES-256-GCM, the key from the passphrase by scrypt (no Qt).

Evidence bundles (services/evidence.py) and sync packages (services/sync.py) are sealed alike; each kind
starts with its own magic line. The sealed file is ``MAGIC`` + a one-line JSON header (KDF parameters,
salt, nonce) + the ciphertext; the magic and header are authenticated with the content, so a header edited
to weaken the key is refused like a wrong passphrase.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1


class SealError(ValueError):
    """Why a sealed file cannot be opened: ``missing`` (no passphrase), ``header`` (damaged header),
    ``wrong`` (wrong passphrase, or the file was altered). Callers say it in their own words."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    """The 256-bit key scrypt derives from *passphrase* and *salt*."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def seal(data: bytes, passphrase: str, magic: bytes) -> bytes:
    """*data* encrypted and authenticated under *passphrase*; ValueError in Chinese for a weak passphrase."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from .. import cipher

    cipher.check_passphrase(passphrase, new=True)
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    header = json.dumps({"kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": salt.hex(),
                         "nonce": nonce.hex()}, separators=(",", ":")).encode("ascii") + b"\n"
    body = AESGCM(key(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)).encrypt(nonce, data, magic + header)
    return magic + header + body


def is_sealed(data: bytes, magic: bytes) -> bool:
    """Whether *data* starts like a file sealed under *magic*."""
    return data.startswith(magic)


def file_is_sealed(path: Path, magic: bytes) -> bool:
    """Whether the file at *path* is sealed under *magic* (False if it cannot be read)."""
    try:
        with open(path, "rb") as fh:
            return is_sealed(fh.read(len(magic)), magic)
    except OSError:
        return False


def unseal(data: bytes, passphrase: str | None, magic: bytes) -> bytes:
    """What was sealed in *data*; SealError without the right passphrase, or when the file was altered."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if passphrase is None:
        raise SealError("missing")
    try:
        end = data.index(b"\n", len(magic)) + 1
        header = json.loads(data[len(magic):end].decode("ascii"))
        n, r, p = int(header["n"]), int(header["r"]), int(header["p"])
        salt, nonce = bytes.fromhex(header["salt"]), bytes.fromhex(header["nonce"])
        if not (2**10 <= n <= 2**20 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16
                and len(salt) >= 16 and len(nonce) == 12):
            raise ValueError("KDF parameters out of range")
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError) as exc:
        raise SealError("header") from exc
    try:
        return AESGCM(key(passphrase, salt, n, r, p)).decrypt(nonce, data[end:], data[:end])
    except (InvalidTag, ValueError):
        raise SealError("wrong") from None
