"""The office's review of results: the admin endpoint, its transitions, and the audit log."""

from __future__ import annotations

from sqlmodel import select

from sync.server.models import AuditLogRecord
from tests.server.helpers import World, admin_headers, audit_payload
from tests.server.test_results import refused


def review(world: World, result_hash: str, state: str, comment: str = "") -> dict[str, object]:
    body = {"state": state, "comment": comment, "reviewer": "somsri"}
    answer = world.api.request(
        "PUT", f"/v1/admin/results/{result_hash}/review", json=body, headers=admin_headers()
    )
    return {"status": answer.status_code, **answer.json()}


def test_office_staff_review_a_result_with_a_comment(world: World) -> None:
    signed = world.member_a.seal(audit_payload(world, world.member_a))
    world.member_a.upload_result(signed)
    assert review(world, signed.hash, "has_issues")["code"] == "INVALID_INPUT"
    issues = review(world, signed.hash, "has_issues", "ภาพเกณฑ์ B07 ไม่ชัด")
    assert (issues["status"], issues["review"]) == (200, issues["review"])
    assert issues["review"]["state"] == "has_issues"  # type: ignore[index]
    assert review(world, signed.hash, "approved")["status"] == 200
    refusal = review(world, signed.hash, "rejected", "no")
    assert (refusal["status"], refusal["code"]) == (409, "INVALID_TRANSITION")
    assert refusal["details"]["allowed"] == ["has_issues"]  # type: ignore[index]
    stored = world.api.request("GET", f"/v1/admin/results/{signed.hash}", headers=admin_headers())
    assert stored.json()["review"]["reviewer"] == "somsri"
    with world.central.session() as session:
        actions = [e.action for e in session.exec(select(AuditLogRecord)).all()]
    assert actions.count("review.set") == 2
    assert "result.receive" in actions


def test_an_unknown_result_cannot_be_reviewed(world: World) -> None:
    assert review(world, "0" * 64, "approved")["code"] == "NOT_FOUND"
    bad = world.api.request(
        "PUT",
        f"/v1/admin/results/{'0' * 64}/review",
        json={"state": "done", "reviewer": "x"},
        headers=admin_headers(),
    )
    refused(bad, 422, "INVALID_REQUEST")
