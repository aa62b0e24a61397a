"""commanddesk evidence: export a bundle (signed; --encrypt seals it), --verify it; exit 0 intact, 1 altered,
2 refused with one Chinese line and no file. Works on an encrypted store too (two passphrases, two options)."""

import json
import zipfile

import pytest

from commanddesk.cli import main
from commanddesk.services import encryption
from commanddesk.services import incidents as svc
from tests.conftest import sign_in

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def db(store, clock):
    sign_in(store, "值班员甲")
    with store.transaction() as s:
        svc.record_call(s, svc.CallInput(category="accident", type="accident.explosion", place_text="海州区某化工厂",
                                         caller_name="东方明珠", course="车间爆炸", counts={"deaths": 1}))
    path = store.path
    store.close()
    return path


def _err(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "Traceback" not in err, err
    return err


def test_export_verify_and_refusals(db, tmp_path, capsys, monkeypatch, clock):
    out = tmp_path / "事件1-证据包.zip"
    common = ["--db", str(db), "--operator", "值班员甲"]
    assert main(["evidence", "--incident", "1", "-o", str(out), *common, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["audit_entries"] > 3 and not data["encrypted"] and out.exists()
    assert main(["evidence", "--verify", str(out), "--db", str(db)]) == 0
    assert "签名密钥是本指挥部的" in capsys.readouterr().out

    altered = tmp_path / "altered.zip"
    with zipfile.ZipFile(out) as z, zipfile.ZipFile(altered, "w") as w:
        for name in z.namelist():
            w.writestr(name, z.read(name).replace("东方明珠".encode(), "西方".encode()))
    assert main(["evidence", "--verify", str(altered)]) == 1
    assert "未通过校验" in capsys.readouterr().out

    for args, words in ((["--incident", "1", "-o", str(out), *common], "已存在"),
                        (["--incident", "77", "-o", str(tmp_path / "n.zip"), *common], "没有编号"),
                        (["--incident", "1", *common], "-o"),
                        (["--verify", str(tmp_path / "none.zip")], "不存在")):
        assert main(["evidence", *args]) == 2
        assert words in _err(capsys)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["evidence", "--incident", "1", "-o", str(tmp_path / "s.zip"), "--encrypt", *common]) == 2
    assert "--bundle-passphrase-file" in _err(capsys) and not (tmp_path / "s.zip").exists()

    # the store encrypted as well: --passphrase-file opens it, --bundle-passphrase-file seals the bundle
    encryption.encrypt(db, "车上的数据库口令", clock)
    store_key, bundle_key = tmp_path / "store.txt", tmp_path / "bundle.txt"
    store_key.write_text("车上的数据库口令\n", encoding="utf-8")
    bundle_key.write_text("给审查组的证据包口令\n", encoding="utf-8")
    sealed = tmp_path / "sealed.zip"
    assert main(["evidence", "--incident", "1", "-o", str(sealed), *common, "--encrypt",
                 "--passphrase-file", str(store_key), "--bundle-passphrase-file", str(bundle_key)]) == 0
    capsys.readouterr()
    assert "东方明珠".encode() not in sealed.read_bytes()
    assert main(["evidence", "--verify", str(sealed)]) == 2
    assert "需要口令" in _err(capsys)
    assert main(["evidence", "--verify", str(sealed), "--bundle-passphrase-file", str(store_key)]) == 2
    assert "口令不正确" in _err(capsys)
    assert main(["evidence", "--verify", str(sealed), "--bundle-passphrase-file", str(bundle_key)]) == 0
    assert "证据包完整" in capsys.readouterr().out


def test_the_bundle_carries_each_written_report_as_a_pdf(db, tmp_path, capsys, qapp):
    """Each report of the incident as printed (drawn by Qt, the app's QApplication here), hashed in the
    manifest like the rest; --no-pdf leaves them out."""
    from pypdf import PdfReader

    from commanddesk.services import evidence, reports
    from commanddesk.store import open_store

    store = open_store(db)
    try:
        sign_in(store, "值班员甲")
        with store.transaction() as s:
            report = reports.draft(s, 1, "initial")
            reports.update_draft(s, report.id, [{"key": e["key"], "text": e["text"], "status": "unknown"}
                                                for e in report.elements if e["status"] == "missing"])
    finally:
        store.close()
    out = tmp_path / "with-pdf.zip"
    assert main(["evidence", "--incident", "1", "-o", str(out), "--db", str(db), "--operator", "值班员甲"]) == 0
    assert "报告 PDF 1 份" in capsys.readouterr().out
    with zipfile.ZipFile(out) as z:
        pdfs = [n for n in z.namelist() if n.startswith("reports/")]
        assert pdfs == [f"reports/{report.id}-初报.pdf"]
        text = PdfReader(z.open(pdfs[0])).pages[0].extract_text()
        assert "初报" in text and json.loads(z.read("manifest.json"))["files"][pdfs[0]]["size"] > 1000
    assert evidence.verify(out).ok
    bare = tmp_path / "bare.zip"
    assert main(["evidence", "--incident", "1", "-o", str(bare), "--db", str(db), "--operator", "值班员甲",
                 "--no-pdf"]) == 0
    assert "--no-pdf" in capsys.readouterr().out
    with zipfile.ZipFile(bare) as z:
        assert not [n for n in z.namelist() if n.startswith("reports/")]
