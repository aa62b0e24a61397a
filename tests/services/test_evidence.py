"""Evidence bundles: signed, checked file by file and entry by entry, sealed with a passphrase on request;
every change to a bundle is found, and refusals write nothing."""

import io
import json
import zipfile

import pytest
from sqlalchemy import select

from commanddesk.errors import PermissionDenied
from commanddesk.models import AuditEntry
from commanddesk.services import evidence
from commanddesk.services import incidents as svc
from tests.conftest import sign_in

CALLER = "司马文静"
PASSPHRASE = "审查组的口令-甲"


@pytest.fixture
def incident(store, clock):
    sign_in(store, "值班员甲")
    with store.transaction() as s:
        result = svc.record_call(s, svc.CallInput(
            category="accident", type="accident.explosion", place_text="海州区某化工厂", caller_unit="海州区某化工厂",
            caller_name=CALLER, caller_phone="13700001234", course="车间爆炸", counts={"deaths": 2}))
    clock.advance(minutes=5)
    with store.transaction() as s:
        svc.record_call(s, svc.CallInput(category="accident", type="accident.explosion", place_text="海州区某化工厂",
                                         caller_name="续报人", course="又有 1 人死亡", counts={"deaths": 3}),
                        result.incident_id)
    return result.incident_id


def _export(store, incident_id, target, passphrase=None):
    with store.transaction() as s:
        return evidence.build(s, incident_id, target, clock=store.clock, passphrase=passphrase)


def _rezip(path, out, change):
    """Copy the bundle at *path* to *out* with member contents changed by *change(name, bytes)*."""
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, change(name, data))
    out.write_bytes(buf.getvalue())


def test_a_bundle_holds_the_incident_and_its_audit_trail_and_verifies(store, incident, tmp_path):
    result = _export(store, incident, tmp_path / "e.zip")
    with zipfile.ZipFile(result.target) as z:
        assert set(z.namelist()) == {"manifest.json", "manifest.sig", *evidence.FILES}
        rows = json.loads(z.read("incident.json"))
        entries = [json.loads(x) for x in z.read("audit.jsonl").splitlines()]
    assert rows["incident"][0]["id"] == incident and len(rows["call_record"]) == 2
    assert {r["caller_name"] for r in rows["call_record"]} == {CALLER, "续报人"}
    assert {"grading", "clock_instance", "timeline_event"} <= set(rows)
    assert result.entries == len(entries) > 5 and {e["entity"] for e in entries} >= {"incident", "call_record"}
    check = evidence.verify(result.target)
    assert check.ok, check.problems
    assert "证据包完整" in check.message() and check.manifest["incident"]["id"] == incident
    with store.read() as s:
        head = s.execute(select(AuditEntry.action, AuditEntry.entity_id).order_by(AuditEntry.id.desc()).limit(1)).one()
    assert tuple(head) == ("evidence_export", str(incident))  # who exported what is itself in the log


@pytest.mark.parametrize(("what", "found"), [("file", "incident.json 与清单的校验值不符"), ("manifest", "签名无效"),
                                           ("entry", "audit.jsonl 与清单的校验值不符"),
                                           ("link", "chain.jsonl 与清单的校验值不符")])
def test_every_change_to_a_bundle_is_found(store, incident, tmp_path, what, found):
    original = _export(store, incident, tmp_path / "e.zip").target
    changed = tmp_path / "changed.zip"

    def change(name, data):
        if what == "file" and name == "incident.json":
            return data.replace(CALLER.encode(), "别人".encode())
        if what == "manifest" and name == "manifest.json":
            m = json.loads(data)
            m["entries"] += 1
            return json.dumps(m).encode()
        if what == "entry" and name == "audit.jsonl":
            return data.replace(b'"deaths\\":3', b'"deaths\\":0').replace(b'3', b'0', 1)
        if what == "link" and name == "chain.jsonl":
            lines = data.splitlines()
            return b"\n".join(lines[:1] + lines[2:]) + b"\n"
        return data

    _rezip(original, changed, change)
    check = evidence.verify(changed)
    assert not check.ok and any(found in p for p in check.problems), check.problems


def test_an_edited_entry_is_found_even_when_re_signed(store, incident, tmp_path):
    """Someone re-signs a doctored bundle with a key of their own: the entry no longer matches its hash,
    and against the post's key the signer is not the post."""
    import hashlib

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    original = _export(store, incident, tmp_path / "e.zip")
    with zipfile.ZipFile(original.target) as z:
        members = {n: z.read(n) for n in z.namelist()}
    lines = members["audit.jsonl"].splitlines()
    doctored = [json.loads(x) for x in lines]
    target = next(e for e in doctored if '"deaths"' in e["after"] or "deaths" in e["after"])
    target["after"] = target["after"].replace("3", "0").replace("2", "0")
    members["audit.jsonl"] = b"".join(json.dumps(e, ensure_ascii=False).encode() + b"\n" for e in doctored)
    manifest = json.loads(members["manifest.json"])
    manifest["files"]["audit.jsonl"] = {"sha256": hashlib.sha256(members["audit.jsonl"]).hexdigest(),
                                        "size": len(members["audit.jsonl"])}
    forger = Ed25519PrivateKey.generate()
    manifest["public_key"] = forger.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    members["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    members["manifest.sig"] = forger.sign(evidence.canonical(manifest)).hex().encode()
    out = tmp_path / "forged.zip"
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    check = evidence.verify(out, expected_key=original.public_key)
    assert not check.ok
    assert any(f"第 {target['id']} 条审计记录的内容与其哈希不符" in p for p in check.problems)
    assert check.key_known is False and any("不是本指挥部的" in p for p in check.problems)


def test_a_sealed_bundle_shows_nothing_without_the_passphrase(store, incident, tmp_path):
    result = _export(store, incident, tmp_path / "e.zip", PASSPHRASE)
    data = result.target.read_bytes()
    assert result.encrypted and evidence.is_sealed(data)
    assert CALLER.encode() not in data and b"manifest.json" not in data  # not even the zip's names
    with pytest.raises(evidence.EvidenceRefused, match="需要口令"):
        evidence.verify(result.target)
    with pytest.raises(evidence.EvidenceRefused, match="口令不正确"):
        evidence.verify(result.target, "不是这个口令呀")
    flipped = tmp_path / "flipped.zip"
    flipped.write_bytes(data[:-40] + bytes([data[-40] ^ 1]) + data[-39:])
    with pytest.raises(evidence.EvidenceRefused, match="改动"):
        evidence.verify(flipped, PASSPHRASE)
    check = evidence.verify(result.target, PASSPHRASE)
    assert check.ok and check.encrypted


def test_refusals_write_nothing(store, incident, tmp_path):
    taken = tmp_path / "taken.zip"
    taken.write_bytes(b"keep")
    with pytest.raises(evidence.EvidenceRefused, match="已存在"):
        _export(store, incident, taken)
    with pytest.raises(evidence.EvidenceRefused, match="没有编号"):
        _export(store, 987654, tmp_path / "none.zip")
    with pytest.raises(evidence.EvidenceRefused, match="至少"):
        _export(store, incident, tmp_path / "short.zip", "short")
    sign_in(store, "导调丙")  # a trainer handles no real incident
    with pytest.raises(PermissionDenied):
        _export(store, incident, tmp_path / "trainer.zip")
    assert taken.read_bytes() == b"keep" and sorted(p.name for p in tmp_path.glob("*.zip")) == ["taken.zip"]
    assert not list(tmp_path.glob(".*.zip.*"))  # no temporary file left either
