"""Loading the plan library: a broken file named with field and reason, the newest edition current."""


def test_malformed_file_rejected_others_load(lib):
    """A plan naming an unknown working group is refused with file, field and reason."""
    assert [p.edition for p in lib.plans] == ["2021", "2024"]
    (err,) = lib.errors
    assert err.path.endswith("broken.toml") and "group" in err.field and "nobody" in err.reason
    assert "预案文件有误：broken.toml" in err.message


def test_current_edition_is_the_newest(lib):
    """The newest published edition is the one matched and searched."""
    assert lib.current("t.hazmat").edition == "2024"
    assert [p.edition for p in lib.editions("t.hazmat")] == ["2024", "2021"]
