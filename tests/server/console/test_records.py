"""The audit log searched by officer, LAO, action and date; a round as an Excel workbook whose
Thai text opens intact; the statistics with server-drawn SVG charts and their tables."""

from __future__ import annotations

import io
from collections.abc import Callable

from openpyxl import load_workbook

from tests.server.certified import certify
from tests.server.console.office import Office, flash_of
from tests.server.helpers import World


def test_the_log_is_searched_by_officer_lao_action_and_date(
    world: World, office: Callable[[str], Office]
) -> None:
    clerk = office("clerk")
    form = {"passed": "no", "reason": "เอกสารไม่ครบ", "on": "2017-02-03"}
    flash_of(clerk, clerk.post("/office/rounds/fy2560/laos/pattaya/screening", form))
    admin = office("admin")
    found = admin.get("/office/log?officer_name=clerk&lao=pattaya&action=pipeline.")
    assert "pipeline.record" in found.text
    assert "นายสมศักดิ์ ธุรการ" in found.text  # the officer's name beside the username
    assert "เอกสารไม่ครบ" in found.text
    other = admin.get("/office/log?officer_name=clerk&lao=krabi-town&action=pipeline.record")
    assert "เอกสารไม่ครบ" not in other.text
    before = admin.get("/office/log?officer_name=clerk&until=2000-01-01")
    assert "pipeline.record" not in before.text
    assert office("viewer").get("/office/log").status_code == 403


def test_a_round_exports_as_a_workbook_with_thai_intact(
    world: World, office: Callable[[str], Office]
) -> None:
    certify(world, "cm-city")
    answer = office("viewer").get("/office/rounds/fy2560/export.xlsx")
    assert answer.status_code == 200
    book = load_workbook(io.BytesIO(answer.content), read_only=True)
    assert book.sheetnames == ["อปท. ในรอบ", "สรุปรายจังหวัด"]
    rows = list(book["อปท. ในรอบ"].iter_rows(values_only=True))
    assert rows[0][:2] == ("รหัส อปท.", "ชื่อ อปท.")
    by_id = {row[0]: row for row in rows[2:]}
    assert set(by_id) == {"cm-city", "pattaya", "krabi-town"}
    chiang_mai = by_id["cm-city"]
    assert chiang_mai[1] == "เทศบาลนครเชียงใหม่"
    assert chiang_mai[10] == "ผ่านเกณฑ์"
    assert chiang_mai[11] == 80
    assert chiang_mai[13] == "ให้การรับรอง"
    summary = list(book["สรุปรายจังหวัด"].iter_rows(values_only=True))
    assert len(summary) == 2 + 3  # two heading rows, three provinces


def test_statistics_are_charts_with_their_tables(
    world: World, office: Callable[[str], Office]
) -> None:
    viewer = office("viewer")
    page = viewer.get("/office/stats")
    assert page.status_code == 200
    assert "เทศบาลนคร" in page.text
    assert '<img src="/office/stats/provinces.svg"' in page.text
    chart = viewer.get("/office/stats/kinds.svg")
    assert chart.headers["content-type"] == "image/svg+xml"
    assert b"<script" not in chart.content
    assert "เทศบาลเมือง" in chart.content.decode("utf-8")
    assert viewer.get("/office/stats/nothing.svg").status_code == 404
