"""A whole round in the office console, in Debian's Chromium with JavaScript off, against the
central store served by uvicorn: the first admin is made with ``gecc-central user add`` and
makes the other accounts; a clerk opens the round, imports LAOs, records the pipeline facts and
the screening, sets up the committee, enrols the inspectors' keys and plans the visit; the
inspectors' devices (the real sync client) send their sealed results; the secretary reviews them
on the visit page; the approver records the decision and prepares the certificate; a second
officer confirms it, and it verifies at /verify. A screenshot of every page in Thai, the main
ones in English, and axe-core over every page at 1366x768 and 390x844 (JavaScript on, for
axe): no violation of WCAG 2.1 A/AA or best practice."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from field_audit.domain.edition import load_bundled_edition
from field_audit.seal.bundles import export_bundle, import_bundle
from field_audit.seal.committee import Sitting, seal_committee
from sync.server.cli import app as cli
from sync.server.settings import Settings
from tests.server.certified import with_issuing_key
from tests.server.console.browser import CHROMIUM, CHROMIUM_ARGS, PHONE, Officer
from tests.server.console.devices import Inspector
from tests.server.test_sync_over_uvicorn import Server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium"
    ),
]
PASSWORD = "รหัสผ่านของสำนักงาน-2570"
STAFF = (
    ("clerk", "นายสมศักดิ์ ธุรการ", "clerk"),
    ("secretary", "นางวิไล เลขานุการ", "secretary"),
    ("approver", "นายอนุมัติ ลงนาม", "approver"),
    ("approver2", "นางสาวยืนยัน สองคน", "approver"),
)
LAOS = (
    "lao_id,name_th,kind,province_code,province_th,name_en,latitude,longitude\n"
    "cm-city,เทศบาลนครเชียงใหม่,เทศบาลนคร,50,เชียงใหม่,Chiang Mai City,18.7883,98.9853\n"
    "lampang,เทศบาลนครลำปาง,เทศบาลนคร,52,ลำปาง,Lampang City,18.2888,99.4908\n"
    "pattaya,เมืองพัทยา,เมืองพัทยา,20,ชลบุรี,Pattaya City,12.9236,100.8825\n"
)
FACTS = {
    "self_assessed_on": "2017-01-05",
    "form_filled_on": "2017-01-06",
    "governor_endorsed_on": "2017-01-12",
    "posted_on": "2017-01-20",
    "emailed_on": "2017-01-20",
}


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Server, dict[str, str]]]:
    """The central store on disk, its first admin made on the command line, served."""
    data_dir = tmp_path / "central"
    settings = with_issuing_key(Settings(data_dir=data_dir), tmp_path)
    env = {
        "GECC_CENTRAL_DATA_DIR": str(data_dir),
        "GECC_CENTRAL_ISSUING_KEY_FILE": str(settings.issuing_key_file),
        "GECC_CENTRAL_ISSUING_KEY_PASSPHRASE": str(settings.issuing_key_passphrase),
    }
    made = CliRunner().invoke(
        cli,
        ["user", "add", "admin", "--name", "นางสาวดวงใจ ผู้ดูแล", "--role", "admin"],
        env=env,
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert made.exit_code == 0, made.output
    running = Server(data_dir)
    running.env.update(env)
    running.start()
    yield running, env
    running.stop()


def test_a_whole_round_in_the_office_console(  # noqa: PLR0912 - the round, in order
    served: tuple[Server, dict[str, str]], tmp_path: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    running, _env = served
    files = _files(tmp_path)
    chair = Inspector.at(tmp_path / "chair", "insp-chair", "นางสาวพิมพ์ชนก ศรีสวัสดิ์")
    member = Inspector.at(tmp_path / "member", "insp-a", "นายสมชาย ใจดี")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        officers: list[Officer] = []

        def open_as(username: str) -> Officer:
            officer = Officer.open(browser, running.base)
            officer.log_in(username, PASSWORD)
            expect(officer.page.locator("header .who")).to_contain_text("ผู้ใช้:")
            officers.append(officer)
            return officer

        # The admin makes the accounts.
        admin = open_as("admin")
        admin.go("/office/accounts")
        for username, name, role in STAFF:
            admin.page.fill("#new-username", username)
            admin.page.fill("#new-name", name)
            admin.page.select_option("#new-role", role)
            admin.page.fill("#new-password", PASSWORD)
            admin.submit("/office/accounts")
            expect(admin.page.locator(".flash.ok")).to_contain_text(username)
        admin.shot("accounts-th")

        # The clerk opens the round and imports the LAOs.
        clerk = open_as("clerk")
        clerk.go("/office/rounds")
        for field, value in {
            "#round_id": "fy2560", "#fiscal_year_be": "2560", "#deadline": "2017-01-31",
            "#briefing_on": "2016-12-15", "#visits_from": "2017-02-15",
            "#visits_until": "2017-03-31",
        }.items():  # fmt: skip
            clerk.page.fill(field, value)
        clerk.submit("/office/rounds")
        expect(clerk.page.locator(".flash.ok")).to_contain_text("fy2560")
        clerk.shot("rounds-th")
        clerk.go("/office/rounds/fy2560")
        clerk.page.set_input_files("#laos-file", str(files["laos"]))
        clerk.submit("/office/rounds/fy2560/laos")
        expect(clerk.page.locator(".flash.ok")).to_contain_text("3")

        # ... records each LAO's facts, its self-assessment, documents and screening.
        for lao in ("lampang", "cm-city"):
            clerk.go(f"/office/rounds/fy2560/laos/{lao}")
            for name, day in FACTS.items():
                clerk.page.fill(f"#f-{name}", day)
            clerk.page.check("input[name=word]")
            clerk.page.check("input[name=pdf]")
            clerk.submit("/pipeline")
            expect(clerk.page.locator(".flash.ok")).to_be_visible()
            clerk.page.set_input_files("#claims-file", str(files[f"claims-{lao}"]))
            clerk.form("/self-assessment").first.locator("button").click()
            expect(clerk.page.locator(".flash.ok")).to_contain_text("60")
        clerk.page.set_input_files("#doc-file", str(files["pdf"]))
        clerk.submit("/office/documents")
        expect(clerk.page.locator(".flash.ok")).to_contain_text("ใบสมัคร")
        clerk.go("/office/rounds/fy2560/laos/cm-city")
        clerk.page.check("input[name=passed][value=yes]")
        clerk.page.fill("#s-on", "2017-02-03")
        clerk.submit("/screening")
        expect(clerk.page.locator(".flash.ok")).to_be_visible()
        expect(clerk.page.locator("ol.steps li.done")).to_have_count(7)
        clerk.shot("lao-th")

        # ... sets up the committee, enrols the inspectors' keys, plans the visit.
        clerk.go("/office/rounds/fy2560/committees")
        clerk.page.fill("#nc-id", "c1")
        clerk.page.fill("#nc-name", "คณะอนุกรรมการตรวจประเมินภาคเหนือ")
        clerk.page.fill("#nc-chair", f"{chair.inspector_id}:{chair.name}")
        clerk.page.fill("#nc-members", f"{member.inspector_id}:{member.name}:member")
        clerk.submit("/office/rounds/fy2560/committees")
        expect(clerk.page.locator(".flash.ok")).to_contain_text("c1")
        for inspector in (chair, member):
            text, fingerprint = inspector.enrolment
            clerk.go("/office/keys")
            clerk.page.fill("#k-inspector", inspector.inspector_id)
            clerk.page.fill("#k-text", text)
            clerk.page.fill("#k-fp", fingerprint)
            clerk.submit("/office/keys")
            expect(clerk.page.locator(".flash.ok")).to_contain_text(fingerprint)
        clerk.shot("keys-th")
        clerk.go("/office/rounds/fy2560/committees")
        clerk.page.fill("#v-lao", "cm-city")
        clerk.page.fill("#v-date", "2017-03-14")
        clerk.submit("/office/rounds/fy2560/visits")
        expect(clerk.page.locator(".flash.ok")).to_be_visible()
        clerk.page.fill("#v-lao", "lampang")
        clerk.page.fill("#v-date", "2017-03-15")
        clerk.submit("/office/rounds/fy2560/visits")
        expect(clerk.page.locator(".flash.error")).to_be_visible()  # not screened: refused
        clerk.shot("committees-th")
        clerk.go("/office/rounds/fy2560")
        clerk.shot("round-th")

        # The devices: sync, seal, the member's bundle to the chair, the committee's seal.
        edition = load_bundled_edition()
        for inspector in (chair, member):
            inspector.sync(running.base)
        assignment = _assignment_of(chair)
        visit = f"/office/visits/{assignment}"
        chair.seal(assignment, edition, late_photo=True)
        audit = member.seal(assignment, edition)
        member.sync(running.base)
        bundle = export_bundle(member.device.db, member.device.photos, audit, tmp_path / "a.gecc")
        import_bundle(chair.device.db, chair.device.photos, bundle)
        seal_committee(
            chair.device.db, Sitting(assignment, "c1"), chair.key,
            chair_id=chair.inspector_id, chair_name=chair.name,
        )  # fmt: skip
        chair.sync(running.base)

        # The secretary reviews them on the visit page.
        secretary = open_as("secretary")
        secretary.go("/office/results?round=fy2560")
        expect(secretary.page.locator("tbody tr")).to_have_count(3)
        secretary.shot("results-th")
        secretary.page.locator("tbody a").first.click()
        expect(secretary.page.locator("h1")).to_contain_text("เทศบาลนครเชียงใหม่")
        expect(secretary.page.locator("#plausibility-heading + p")).to_contain_text("1")
        committee_form = secretary.page.locator("tr", has_text="ผลของคณะกรรมการ").locator("form")
        committee_form.locator("input[name=comment]").fill("ครบถ้วนตามเกณฑ์")
        committee_form.locator("button").click()
        expect(secretary.page.locator(".flash.ok")).to_be_visible()
        secretary.shot("visit-th")

        # The approver decides and prepares the certificate; a second officer confirms it.
        approver = open_as("approver")
        approver.go("/office/rounds/fy2560/decisions")
        approver.page.check("input[name=certify][value=yes]")
        approver.page.fill("#basis-1", "มติคณะกรรมการอำนวยการ ครั้งที่ 2/2560 วันที่ 28 มีนาคม 2560")
        approver.page.fill("#on-1", "2017-03-28")
        approver.submit("/decisions/cm-city")
        expect(approver.page.locator(".flash.ok")).to_be_visible()
        approver.submit("/certificates/cm-city/preparation")
        expect(approver.page.locator(".flash.ok")).to_be_visible()
        approver.shot("decisions-th")
        second = open_as("approver2")
        second.go("/office/rounds/fy2560/decisions")
        second.submit("/certificates/cm-city/confirmation")
        issued = second.page.locator(".flash.ok")
        expect(issued).to_contain_text("GECC-2560-50-0001")
        second.go("/office/certificates/GECC-2560-50-0001")
        second.shot("certificate-th")
        second.page.get_by_role("link", name="ตรวจสอบที่หน้าสาธารณะ /verify").click()
        expect(second.page.locator("#verdict")).to_have_attribute("data-code", "VALID")

        # The log, the certificates, the statistics; the same pages in English.
        approver.go("/office/log")
        expect(approver.page.locator("tbody")).to_contain_text("certificate.confirm")
        approver.shot("log-th")
        for name, path in (("certificates", "/office/certificates"), ("stats", "/office/stats")):
            approver.go(path)
            approver.shot(f"{name}-th")
        approver.page.get_by_role("link", name="English").click()
        expect(approver.page.locator("h1")).to_have_text("Statistics")
        for name, path in (*ENGLISH, ("visit", visit)):
            approver.go(path)
            approver.shot(f"{name}-en")

        hosts = set().union(*(o.hosts for o in officers))
        assert hosts == {running.base.removeprefix("http://")}  # nothing from anywhere else

        # axe-core over every page, as each officer sees it, on a laptop and on a phone.
        problems = []
        for viewport in (None, PHONE):
            for username, paths in {**AXE_PAGES, "secretary": [visit, *RESULTS]}.items():
                looking = Officer.open(browser, running.base, javascript=True, viewport=viewport)
                if username:
                    looking.log_in(username, PASSWORD)
                for path in paths:
                    looking.go(path)
                    problems += [f"{path} {viewport}: {p}" for p in looking.axe()]
                if viewport is PHONE and username == "secretary":
                    looking.go(paths[0])
                    looking.shot("visit-th-phone")
                looking.page.context.close()
        browser.close()
    assert problems == [], "\n".join(problems)


ENGLISH = (
    ("round", "/office/rounds/fy2560"),
    ("lao", "/office/rounds/fy2560/laos/cm-city"),
    ("results", "/office/results?round=fy2560"),
    ("decisions", "/office/rounds/fy2560/decisions"),
    ("certificate", "/office/certificates/GECC-2560-50-0001"),
)
AXE_PAGES = {
    "": ["/office/login", "/verify"],
    "admin": ["/office/accounts", "/office/account"],
    "clerk": [
        "/office/rounds",
        "/office/rounds/fy2560",
        "/office/rounds/fy2560/laos/cm-city",
        "/office/rounds/fy2560/committees",
        "/office/keys",
        "/office/log",  # the refusal page: a clerk may not read the log
    ],
    "approver": [
        "/office/rounds/fy2560/decisions",
        "/office/certificates",
        "/office/certificates/GECC-2560-50-0001",
        "/office/log",
        "/office/stats",
    ],
}


RESULTS = ["/office/results", "/office/results?round=fy2560&state=approved"]


def _assignment_of(inspector: Inspector) -> str:
    from field_audit.storage.assignments import list_assignments

    [assignment] = list_assignments(inspector.device.db, inspector_id=inspector.inspector_id)
    return assignment.assignment_id


def _files(folder: Path) -> dict[str, Path]:
    edition = load_bundled_edition()
    files = {"laos": folder / "laos.csv", "pdf": folder / "ใบสมัคร.pdf"}
    files["laos"].write_text(LAOS, encoding="utf-8-sig")
    files["pdf"].write_bytes(b"%PDF-1.4\n% the application form\n" + os.urandom(64))
    for lao in ("cm-city", "lampang"):
        path = folder / f"claims-{lao}.csv"
        rows = [f"{lao},{c},ผ่าน" for c in edition.criterion_ids]
        path.write_text("lao_id,criterion_id,claim\n" + "\n".join(rows) + "\n", encoding="utf-8")
        files[f"claims-{lao}"] = path
    return files
