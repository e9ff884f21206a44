"""The committee's roll on the committee screen: every member of the assigned committee,
counted (their sealed audit imported), absent (with the chair's reason) or awaited, and
whether the counted members make a quorum. The chair records an awaited member absent here,
with a reason, or takes an absence back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from field_audit.domain.attendance import Attendance, Presence
from field_audit.domain.roles import Role, parse_role, role_name
from field_audit.ui import theme
from field_audit.ui.i18n import tr
from field_audit.ui.state.committee import CommitteeState
from field_audit.ui.views.common import card, chip, muted, own_node
from field_audit.ui.views.exchange_parts import said

if TYPE_CHECKING:
    from field_audit.services.committee_snapshot import MemberLine

PRESENCE_LOOK = {
    Presence.COUNTED: (ft.Icons.VERIFIED_USER, theme.MET, ft.Colors.GREEN_50),
    Presence.ABSENT: (ft.Icons.EVENT_BUSY, ft.Colors.BLUE_GREY_800, ft.Colors.BLUE_GREY_50),
    Presence.AWAITED: (ft.Icons.HOURGLASS_TOP, theme.WARN, theme.WARN_SOFT),
}


@ft.component
def RollCard(committee: CommitteeState, lang: str) -> ft.Control:
    snapshot = committee.snapshot
    roll = snapshot.roll
    rows: list[ft.Control] = [
        ft.Text(tr("committee.members", lang), size=18, font_family=theme.BOLD),
        muted(
            tr(
                "committee.roll_counts",
                lang,
                total=len(roll.attendances),
                counted=len(roll.counted),
                absent=len(roll.absent),
                awaited=len(roll.awaited),
            ),
            size=15,
        ),
    ]
    if not roll.attendances:
        rows.append(said(tr("committee.no_seats", lang), ok=False))
    rows += [
        MemberRow(committee, attendance, lang, key=attendance.seat.inspector_id)
        for attendance in roll.attendances
    ]
    rows.append(_quorum_line(committee, lang))
    return card(ft.Column(rows, spacing=10))


def _quorum_line(committee: CommitteeState, lang: str) -> ft.Control:
    roll = committee.snapshot.roll
    counted, needed, total = len(roll.counted), roll.needed, len(roll.attendances)
    if roll.quorum_met:
        return said(tr("committee.quorum_ok", lang, counted=counted, total=total, needed=needed))
    text = tr("committee.quorum_short", lang, counted=counted, total=total, needed=needed)
    return ft.Text(text, size=15, color=theme.WARN)


@ft.component
def MemberRow(
    committee: CommitteeState, attendance: Attendance, lang: str, key: str | None = None
) -> ft.Control:
    seat = attendance.seat
    icon, fg, bg = PRESENCE_LOOK[attendance.presence]
    own = seat.inspector_id == committee.inspector.id
    name = f"{seat.name} {tr('committee.you', lang)}" if own else seat.name
    role = role_name(seat.role, lang)
    lines: list[ft.Control] = [
        ft.Row(
            [
                ft.Text(name, size=16, font_family=theme.BOLD),
                chip(role, fg=ft.Colors.INDIGO_900, bg=ft.Colors.INDIGO_50),
                chip(tr(f"committee.presence.{attendance.presence}", lang), fg=fg, bg=bg),
            ],
            wrap=True,
            spacing=8,
            run_spacing=4,
        )
    ]
    lines += _details(committee, attendance, lang)
    snapshot = committee.snapshot
    open_roll = snapshot.sealed is None or snapshot.stale
    if committee.is_chair and parse_role(seat.role) is not Role.CHAIR and open_roll:
        lines += _absence_controls(committee, attendance, lang)
    return ft.Row(
        [ft.Icon(icon, color=fg), ft.Column(lines, spacing=4, expand=True)],
        vertical_alignment=ft.CrossAxisAlignment.START,
    )


def _details(committee: CommitteeState, attendance: Attendance, lang: str) -> list[ft.Control]:
    if attendance.presence is Presence.ABSENT:
        return [ft.Text(tr("committee.absent_because", lang, reason=attendance.reason), size=15)]
    if attendance.presence is Presence.AWAITED:
        return [muted(tr("committee.awaited_hint", lang), size=14)]
    member = committee.snapshot.member(attendance.seat.inspector_id)
    return _audit_lines(member, lang) if member is not None else []


def _audit_lines(member: MemberLine, lang: str) -> list[ft.Control]:
    """A member's sealed audit: its revision and score, or the share it covers."""
    if member.share is not None:
        facts = tr("committee.member_share", lang, revision=member.revision, count=member.share)
    else:
        verdict = tr("score.meets" if member.meets_criteria else "score.does_not_meet", lang)
        facts = tr(
            "committee.member_line",
            lang,
            revision=member.revision,
            points=member.points,
            max=member.max_points,
            verdict=verdict,
        )
    fingerprint = tr("committee.fingerprint", lang, fingerprint=member.fingerprint)
    return [ft.Text(facts, size=15), muted(fingerprint, size=13)]


def _absence_controls(
    committee: CommitteeState, attendance: Attendance, lang: str
) -> list[ft.Control]:
    member_id, name = attendance.seat.inspector_id, attendance.seat.name
    if attendance.presence is Presence.ABSENT:

        async def take_back() -> None:
            await committee.clear_absence(member_id)

        return [_button(tr("committee.absence_undo", lang, name=name), take_back, committee)]
    if attendance.presence is not Presence.AWAITED:
        return []

    async def record() -> None:
        await committee.mark_absent(member_id)

    field = ft.TextField(
        label=tr("committee.absence_reason", lang, name=name),
        value=committee.reason_draft(f"absent:{member_id}"),
        dense=True,
        on_change=lambda e: committee.type_reason(f"absent:{member_id}", e.control.value),
    )
    controls: list[ft.Control] = [
        ft.ResponsiveRow(
            [
                own_node(field, col={"xs": 12, "md": 7}),
                ft.Container(
                    _button(tr("committee.absence_record", lang, name=name), record, committee),
                    col={"xs": 12, "md": 5},
                ),
            ],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
            run_spacing=6,
        )
    ]
    refusal = committee.refusals.get(f"absent:{member_id}")
    if refusal is not None:
        controls.append(said(refusal[1] if lang == "en" else refusal[0], ok=False))
    return controls


def _button(label: str, on_click: object, committee: CommitteeState) -> ft.Control:
    return ft.OutlinedButton(
        content=label,
        icon=ft.Icons.EVENT_BUSY,
        height=theme.TOUCH,
        disabled=committee.busy,
        on_click=on_click,  # type: ignore[arg-type]
    )
