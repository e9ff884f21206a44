"""Recommendations to the LAO (ข้อเสนอแนะ) on the committee screen: what each member
recommended, per criterion and overall, and the chair's consolidated text beside it, which the
committee's sealed result carries."""

from __future__ import annotations

import flet as ft

from field_audit.domain.answers import is_met
from field_audit.services.committee_snapshot import OVERALL
from field_audit.ui import theme
from field_audit.ui.i18n import tr
from field_audit.ui.state.committee import CommitteeState
from field_audit.ui.views.committee_disputes import words_of
from field_audit.ui.views.common import card, muted, own_node
from field_audit.ui.views.exchange_parts import said


@ft.component
def RecommendationsCard(committee: CommitteeState, lang: str) -> ft.Control:
    snapshot = committee.snapshot
    subjects = [OVERALL, *_criteria_to_recommend_on(committee)]
    lines: list[ft.Control] = [
        ft.Text(tr("committee.recommendations", lang), size=18, font_family=theme.BOLD),
        muted(tr("committee.recommendations_hint", lang), size=14),
    ]
    if not snapshot.suggestions and not snapshot.recommendations and not committee.is_chair:
        lines.append(said(tr("committee.no_recommendations", lang)))
    lines += [_subject(committee, subject, lang) for subject in subjects]
    return card(ft.Column(lines, spacing=12, horizontal_alignment=ft.CrossAxisAlignment.STRETCH))


def _criteria_to_recommend_on(committee: CommitteeState) -> list[str]:
    """In the edition's order: criteria a member recommended on, the chair did, or that the
    committee found not met (where the LAO most needs advice)."""
    snapshot = committee.snapshot
    wanted = set(snapshot.suggestions) | set(snapshot.recommendations)
    result, edition = snapshot.consolidated, snapshot.edition
    if result is not None and edition is not None:
        for criterion_id, answer in result.verdicts.items():
            criterion = edition.criterion(criterion_id)
            if criterion is not None and not is_met(criterion, answer):
                wanted.add(criterion_id)
    order = list(edition.criterion_ids) if edition else sorted(wanted)
    return [c for c in order if c in wanted]


def _subject(committee: CommitteeState, subject: str, lang: str) -> ft.Control:
    snapshot = committee.snapshot
    what = subject or tr("committee.recommendation_overall", lang)
    criterion = snapshot.edition.criterion(subject) if snapshot.edition and subject else None
    heading = f"{subject} {criterion.title.in_language(lang)}" if criterion else what
    lines: list[ft.Control] = [ft.Text(heading, size=16, font_family=theme.BOLD)]
    lines += [
        ft.Text(f"{name}: {text}", size=15, color=ft.Colors.BLUE_GREY_800)
        for name, text in snapshot.suggestions.get(subject, ())
    ]
    editable = committee.is_chair and (snapshot.sealed is None or snapshot.stale)
    if editable:
        lines.append(_chair_field(committee, subject, what, lang))
    elif snapshot.recommendations.get(subject):
        text = tr("committee.recommendation_kept", lang, text=snapshot.recommendations[subject])
        lines.append(ft.Text(text, size=15, font_family=theme.BOLD))
    refusal = committee.refusals.get(f"recommend:{subject}")
    if refusal is not None:
        lines.append(said(words_of(refusal, lang), ok=False))
    return ft.Column(lines, spacing=6, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)


def _chair_field(committee: CommitteeState, subject: str, what: str, lang: str) -> ft.Control:
    async def save() -> None:
        await committee.save_recommendation(subject)

    field = ft.TextField(
        label=tr("committee.recommendation_field", lang, what=what),
        value=committee.recommendation_draft(subject),
        multiline=True,
        min_lines=1,
        max_lines=5,
        on_change=lambda e: committee.type_recommendation(subject, e.control.value),
        on_blur=save,
    )
    return own_node(field)
