"""Reading CAP 1.2 files: what is accepted and the four kinds of refusal, plus hostile XML."""

from datetime import datetime, timedelta, timezone

import pytest

from commanddesk import cap

ALERT = """<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>{ident}</identifier>
  <sender>{sender}</sender>
  <sent>2026-11-23T21:30:00+08:00</sent>
  <status>{status}</status>
  <msgType>{msg_type}</msgType>
  <scope>Public</scope>
  {refs}
  <info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>{event}</event>
    <urgency>Expected</urgency>
    <severity>{severity}</severity>
    <certainty>Likely</certainty>
    <effective>2026-11-23T21:30:00+08:00</effective>
    <expires>{expires}</expires>
    <senderName>示例县气象台</senderName>
    <headline>{headline}</headline>
    <description>预计未来 6 小时内降雨量将达 100 毫米以上。</description>
    <instruction>做好防御准备。</instruction>
    <area>
      <areaDesc>示例县</areaDesc>
      <polygon>31.70,119.90 31.80,119.90 31.80,120.00 31.70,119.90</polygon>
      <geocode><valueName>GB/T 2260</valueName><value>{geocode}</value></geocode>
    </area>
  </info>
</alert>
"""


def alert(ident="W-1", msg_type="Alert", refs="", event="暴雨红色预警", severity="Extreme",
          headline="示例县气象台发布暴雨红色预警", expires="2026-11-24T09:30:00+08:00", status="Actual",
          sender="qx@example.cn", geocode="320412") -> bytes:
    if refs:
        refs = f"<references>{refs}</references>"
    return ALERT.format(ident=ident, msg_type=msg_type, refs=refs, event=event, severity=severity,
                        headline=headline, expires=expires, status=status, sender=sender,
                        geocode=geocode).encode("utf-8")


def test_an_alert_is_read_with_colour_area_and_times():
    msg = cap.parse(alert())
    assert (msg.identifier, msg.msg_type, msg.colour, msg.geocodes) == ("W-1", "Alert", "red", ("320412",))
    assert msg.expires == datetime(2026, 11, 24, 1, 30, tzinfo=timezone.utc)
    assert msg.polygon[0] == (31.70, 119.90) and len(msg.polygon) == 4
    assert msg.sender_name == "示例县气象台"


def test_colour_falls_back_on_severity_when_not_in_words():
    msg = cap.parse(alert(event="大风", headline="大风预警", severity="Moderate"))
    assert msg.colour == "yellow"


def test_update_needs_references():
    with pytest.raises(cap.CapError, match="references"):
        cap.parse(alert(msg_type="Update"))
    msg = cap.parse(alert(ident="W-2", msg_type="Update", refs="qx@example.cn,W-1,2026-11-23T21:30:00+08:00"))
    assert msg.references == (("qx@example.cn", "W-1", "2026-11-23T21:30:00+08:00"),)


@pytest.mark.parametrize("data, words", [
    (b"this is not xml <<<", "不是格式正确的 XML"),
    (alert().replace(b"urn:oasis:names:tc:emergency:cap:1.2", b"urn:oasis:names:tc:emergency:cap:1.1"), "命名空间"),
    (alert().replace(b"<identifier>W-1</identifier>", b""), "缺少必填元素 identifier"),
    (alert().replace(b"<area>", b"<areaX>").replace(b"</area>", b"</areaX>"), "info/area"),
    (alert(severity="Catastrophic"), "severity"),
    (alert().replace(b"<msgType>Alert</msgType>", b"<msgType>Notice</msgType>"), "msgType"),
    (alert(expires="2026-11-24 09:30"), "带时区"),
    (b"", "空的"),
])
def test_bad_files_are_refused_with_one_chinese_reason(data, words):
    with pytest.raises(cap.CapError) as err:
        cap.parse(data)
    assert words in err.value.message
    assert "\n" not in err.value.message and err.value.message.endswith("未作任何改动。")


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&xxe;</identifier></alert>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&lol3;</identifier></alert>"""


@pytest.mark.parametrize("data", [XXE, LAUGHS])
def test_hostile_xml_is_refused_before_parsing(data):
    with pytest.raises(cap.CapError, match="DOCTYPE"):
        cap.parse(data)


def test_oversized_file_is_refused():
    with pytest.raises(cap.CapError, match="MB"):
        cap.parse(b" " * (cap.MAX_BYTES + 1))
