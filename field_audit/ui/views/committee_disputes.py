"""Where the counted members of a committee disagree, criterion by criterion: who answered
what (met / not met, or points on a graded scale), the majority or the chair's ruling, and
for a disputed criterion the chair's ruling form (one button per possible answer)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from field_audit.domain.answers import Answer, Grade, Verdict
from field_audit.domain.edition import Criterion
from field_audit.ui import theme
from field_audit.ui.i18n import tr
from field_audit.ui.state.committee import CommitteeState
from field_audit.ui.views.common import card, chip, muted, own_node
from field_audit.ui.views.criterion_answer import SOFT, answer_colour, answer_words
from field_audit.ui.views.exchange_parts import said

if TYPE_CHECKING:
    from field_audit.domain.committee import CriterionOutcome
    from field_audit.services.committee_snapshot import CommitteeSnapshot


def words_of(words: tuple[str, str], lang: str) -> str:
    return words[1] if lang == "en" else words[0]


def disagreements_card(committee: CommitteeState, lang: str) -> ft.Control:
    outcomes = committee.snapshot.disagreements()
    title = tr("committee.disagreements", lang, count=len(outcomes))
    rows: list[ft.Control] = [ft.Text(title, size=18, font_family=theme.BOLD)]
    if not outcomes:
        rows.append(said(tr("committee.no_disagreements", lang)))
    rows += [DisputeRow(committee, o, lang, key=o.criterion_id) for o in outcomes]
    return card(ft.Column(rows, spacing=12, horizontal_alignment=ft.CrossAxisAlignment.STRETCH))


@ft.component
def DisputeRow(
    committee: CommitteeState, outcome: CriterionOutcome, lang: str, key: str | None = None
) -> ft.Control:
    """One criterion where members differ: who said what, and the majority or the ruling."""
    snapshot = committee.snapshot
    cid = outcome.criterion_id
    open_dispute = outcome.disputed and outcome.ruling is None
    lines: list[ft.Control] = [_criterion_title(snapshot, outcome, lang)]
    lines.append(ft.Row(_votes(snapshot, outcome, lang), wrap=True, spacing=16, run_spacing=4))
    if outcome.ruling is not None:
        verdict = answer_words(outcome.ruling.verdict, lang)
        text = tr("committee.ruled", lang, verdict=verdict, reason=outcome.ruling.reason)
        lines.append(ft.Text(text, size=15, color=ft.Colors.INDIGO_900))
    elif outcome.majority is not None:
        verdict = answer_words(outcome.majority, lang)
        lines.append(muted(tr("committee.majority", lang, verdict=verdict), size=15))
    if cid in committee.refusals:  # above the form, where the eye is after pressing
        lines.append(said(words_of(committee.refusals[cid], lang), ok=False))
    criterion = snapshot.edition.criterion(cid) if snapshot.edition else None
    open_seal = snapshot.sealed is None or snapshot.stale
    if committee.is_chair and open_seal and outcome.disputed and criterion is not None:
        lines.append(_ruling_form(committee, criterion, lang))
    return ft.Container(
        bgcolor=theme.WARN_SOFT if open_dispute else theme.SURFACE,
        border=ft.Border.all(
            2 if open_dispute else 1, theme.WARN if open_dispute else theme.CARD_BORDER
        ),
        border_radius=ft.BorderRadius.all(8),
        padding=ft.Padding.all(12),
        content=ft.Column(lines, spacing=8),
    )


def _criterion_title(
    snapshot: CommitteeSnapshot, outcome: CriterionOutcome, lang: str
) -> ft.Control:
    cid = outcome.criterion_id
    criterion = snapshot.edition.criterion(cid) if snapshot.edition else None
    title = criterion.title.in_language(lang) if criterion else cid
    tags: list[ft.Control] = [chip(cid, fg=ft.Colors.INDIGO_900, bg=ft.Colors.INDIGO_50)]
    if outcome.ruling is not None:
        tags.append(
            chip(
                tr("committee.ruled_tag", lang),
                fg=ft.Colors.INDIGO_900,
                bg=ft.Colors.INDIGO_100,
                icon=ft.Icons.GAVEL,
            )
        )
    elif outcome.disputed:
        tags.append(
            chip(
                tr("committee.disputed", lang),
                fg=theme.WARN,
                bg=ft.Colors.AMBER_100,
                icon=ft.Icons.GAVEL,
            )
        )
    return ft.Column(
        [ft.Row(tags, spacing=8, wrap=True), ft.Text(title, size=16, font_family=theme.BOLD)],
        spacing=4,
    )


def _votes(snapshot: CommitteeSnapshot, outcome: CriterionOutcome, lang: str) -> list[ft.Control]:
    names = {m.inspector_id: m.name for m in snapshot.members}
    criterion = snapshot.edition.criterion(outcome.criterion_id) if snapshot.edition else None
    votes: list[ft.Control] = []
    for inspector_id, verdict in outcome.votes.items():
        word = answer_words(verdict, lang) if verdict else tr("committee.no_vote", lang)
        text = tr("committee.vote", lang, name=names.get(inspector_id, inspector_id), verdict=word)
        colour = answer_colour(criterion, verdict) if criterion and verdict else theme.MUTED
        icon = ft.Icons.CHECK_CIRCLE if colour == theme.MET else ft.Icons.CANCEL
        votes.append(
            ft.Row(
                [ft.Icon(icon, color=colour, size=18), ft.Text(text, size=15, color=colour)],
                spacing=4,
                tight=True,
            )
        )
    return votes


def _ruling_form(committee: CommitteeState, criterion: Criterion, lang: str) -> ft.Control:
    cid = criterion.id
    answers: list[Answer] = (
        [Grade(step.points) for step in criterion.scale]
        if criterion.graded
        else [Verdict.MET, Verdict.NOT_MET]
    )
    buttons = [_rule_button(committee, criterion, a, lang) for a in answers]
    return ft.ResponsiveRow(
        spacing=10,
        run_spacing=8,
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
        controls=[
            own_node(
                ft.TextField(
                    label=tr("committee.reason", lang, id=cid),
                    value=committee.reason_draft(cid),
                    multiline=True,
                    min_lines=1,
                    max_lines=3,
                    dense=True,
                    on_change=lambda e: committee.type_reason(cid, e.control.value),
                ),
                col={"xs": 12, "md": 6},
            ),
            ft.Row(col={"xs": 12, "md": 6}, spacing=8, wrap=True, controls=buttons),
        ],
    )


def _rule_button(
    committee: CommitteeState, criterion: Criterion, answer: Answer, lang: str
) -> ft.Control:
    """Shows "rule met" (or "rule 3 points"); named "B07 rule met" for screen readers."""
    cid = criterion.id
    word = answer_words(answer, lang)
    label, shown = (
        tr("committee.rule", lang, id=cid, verdict=word),
        tr("committee.rule", lang, id="", verdict=word).strip(),
    )
    colour = answer_colour(criterion, answer)

    async def rule() -> None:
        await committee.rule(cid, answer)

    return ft.Button(
        content=ft.Text(shown, size=15, font_family=theme.BOLD, semantics_label=label),
        color=colour,
        bgcolor=SOFT.get(colour, theme.WARN_SOFT),
        elevation=0,
        height=theme.TOUCH,
        disabled=committee.busy,
        on_click=rule,
    )
