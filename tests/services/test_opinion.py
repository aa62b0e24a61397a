"""The 舆情 log: items recorded against an incident or none, responses added, shown in the daily report."""

from datetime import timedelta

import pytest

from commanddesk.errors import UserError, ValidationError
from commanddesk.services import daily, incidents, opinion


def test_items_with_their_incident_and_response_reach_the_daily_report(store, officer, clock):
    with store.transaction() as s:
        inc = incidents.record_call(s, incidents.CallInput(category="accident", type="accident.hazmat",
                                                           place_text="某罐区", counts={"deaths": 1})).incident_id
        hot = opinion.record(s, "微博", "网传罐区爆炸致多人死亡的视频", heat="高", link="https://example.cn/p/1",
                             incident_id=inc)
        opinion.record(s, "本地论坛", "有人询问道路为何封闭", seen_at=clock.now() - timedelta(minutes=20))
        assert hot.recorded_by == "值班员甲"
    with store.transaction() as s:
        opinion.respond(s, hot.id, "已报区委宣传部，发布情况通报", heat="中")
        opinion.respond(s, hot.id, "通报发布后热度下降")
    with store.read() as s:
        (v,) = opinion.for_incident(s, inc)
        assert v.heat == "中" and v.response == "已报区委宣传部，发布情况通报\n通报发布后热度下降"
        assert [x.source for x in opinion.recent(s)] == ["微博", "本地论坛"]
        r = daily.build(s, daily.today(s))
    text = dict(r.sections)["舆情"]
    assert text.startswith("发现舆情 2 条。") and f"涉及 #{inc}" in text and "尚未采取应对措施" in text
    assert r.opinion_items == 2


def test_bad_items_are_refused(store, officer, clock):
    with store.transaction() as s:
        for kwargs, field in (({"source": "", "text": "内容"}, "来源"), ({"source": "微博", "text": " "}, "内容"),
                              ({"source": "微博", "text": "x", "heat": "极高"}, "热度"),
                              ({"source": "微博", "text": "x", "link": "http://a b"}, "空格"),
                              ({"source": "微博", "text": "x", "incident_id": 999}, "#999"),
                              ({"source": "微博", "text": "x", "seen_at": clock.now() + timedelta(hours=1)}, "晚于")):
            with pytest.raises(ValidationError, match=field):
                opinion.record(s, **kwargs)
        with pytest.raises(UserError):
            opinion.respond(s, 12345, "回应")
    with store.read() as s:
        assert opinion.recent(s) == []
        assert dict(daily.build(s, daily.today(s)).sections)["舆情"] == "未发现涉及本辖区的突发事件舆情。"
