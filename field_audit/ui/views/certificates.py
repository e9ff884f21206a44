"""The certificate screen: the certificates issued to this inspector's LAOs, each with its
status today and its QR code and reference on a tap; or pick a picture of any certificate's
QR code (or paste its text) and see, in words, whether it is valid, expired, revoked (and
why), not genuine, signed by a key this device does not know, or not a GECC certificate; with
the certificate's fields (dates in พ.ศ.), and its QR code drawn again beside its reference.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from field_audit.domain.thai_calendar import THAILAND, format_date
from field_audit.ui import theme
from field_audit.ui.i18n import tr
from field_audit.ui.state.certificates import HELD, CertificateState
from field_audit.ui.views.common import card, chip, heading, muted, own_node
from field_audit.ui.views.exchange_parts import busy_ring, page_column, said
from field_audit.ui.views.files import pick_files

if TYPE_CHECKING:
    from field_audit.services.certificates import CertificateCheck, HeldCheck
    from sync.protocol.certificates import Certificate, Verdict

QR_SIZE = 220
STATUS_LOOK = {  # status -> (strong colour, soft colour, icon)
    "valid": (ft.Colors.GREEN_800, ft.Colors.GREEN_50, ft.Icons.VERIFIED),
    "expired": (ft.Colors.AMBER_900, ft.Colors.AMBER_50, ft.Icons.EVENT_BUSY),
    "revoked": (ft.Colors.RED_800, ft.Colors.RED_50, ft.Icons.BLOCK),
    "bad_signature": (ft.Colors.RED_800, ft.Colors.RED_50, ft.Icons.GPP_BAD),
    "unknown_key": (ft.Colors.BLUE_GREY_800, ft.Colors.BLUE_GREY_50, ft.Icons.HELP_OUTLINE),
    "not_gecc": (ft.Colors.BLUE_GREY_800, ft.Colors.BLUE_GREY_50, ft.Icons.QR_CODE_2),
}


@ft.component
def CertificateScreen(certificates: CertificateState, lang: str, wide: bool) -> ft.Control:
    parts: list[ft.Control] = [
        heading(tr("cert.title", lang)),
        muted(tr("cert.intro", lang), size=15),
        _trust_line(certificates, lang),
        HeldCard(certificates, lang),
        PickCard(certificates, lang),
    ]
    if certificates.check is not None:
        parts.append(ResultCard(certificates.check, certificates.source, lang, wide))
    parts.append(PasteCard(certificates, lang))
    return page_column(parts)


def _trust_line(certificates: CertificateState, lang: str) -> ft.Control:
    trust = certificates.trust
    if not trust.keys:
        return said(tr("cert.no_trust", lang), ok=False)
    return muted(tr("cert.trust", lang, keys=trust.keys, revoked=trust.revoked), size=14)


@ft.component
def HeldCard(certificates: CertificateState, lang: str) -> ft.Control:
    rows: list[ft.Control] = [ft.Text(tr("cert.held_title", lang), size=18, font_family=theme.BOLD)]
    if not certificates.held:
        rows.append(muted(tr("cert.held_none", lang), size=14))
    rows += [_held_row(certificates, held, lang) for held in certificates.held]
    return card(ft.Column(rows, spacing=10))


def _held_row(certificates: CertificateState, held: HeldCheck, lang: str) -> ft.Control:
    verdict = held.verdict
    strong, soft, icon = STATUS_LOOK[verdict.status.value]
    name = verdict.certificate.lao_name_th if verdict.certificate else held.lao_id

    async def show() -> None:
        await certificates.show_held(held)

    return ft.Row(
        [
            ft.Column(
                [ft.Text(name, size=16, font_family=theme.BOLD), muted(held.reference, size=14)],
                spacing=2,
                expand=True,
            ),
            chip(tr(f"cert.status_{verdict.status.value}", lang), fg=strong, bg=soft, icon=icon),
            ft.OutlinedButton(
                content=tr("cert.held_show", lang, reference=held.reference),
                icon=ft.Icons.QR_CODE,
                height=theme.TOUCH,
                disabled=certificates.busy,
                on_click=show,
            ),
        ],
        spacing=12,
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
    )


@ft.component
def PickCard(certificates: CertificateState, lang: str) -> ft.Control:
    async def pick() -> None:
        picked = await pick_files(images=True)
        if picked:
            await certificates.check_picture(*picked[0])

    controls: list[ft.Control] = [
        ft.FilledButton(
            content=tr("cert.pick", lang),
            icon=ft.Icons.QR_CODE_SCANNER,
            height=theme.TOUCH,
            disabled=certificates.busy,
            on_click=pick,
        )
    ]
    if certificates.busy:
        controls.append(busy_ring(tr("cert.checking", lang)))
    return card(ft.Row(controls, spacing=14, wrap=True))


@ft.component
def ResultCard(check: CertificateCheck, source: str | None, lang: str, wide: bool) -> ft.Control:
    origin = _origin(source, lang)
    if check.verdict is None:
        problem = tr(f"cert.problem_{(check.problem or 'no_text').lower()}", lang)
        return card(ft.Column([muted(origin, size=13), said(problem, ok=False)], spacing=8))
    verdict = check.verdict
    details: list[ft.Control] = [muted(origin, size=13), _status_banner(verdict, lang)]
    if verdict.certificate is not None:
        details.append(_fields(verdict, verdict.certificate, lang))
    elif check.claimed_reference:
        details.append(muted(tr("cert.claimed", lang, reference=check.claimed_reference), size=15))
    body: ft.Control = ft.Column(details, spacing=12, expand=True)
    if check.qr_png is None:
        return card(body)
    qr = _qr(check, verdict, lang)
    if wide:
        return card(ft.Row([body, qr], spacing=20, vertical_alignment=ft.CrossAxisAlignment.START))
    return card(ft.Column([body, qr], spacing=12))


def _origin(source: str | None, lang: str) -> str:
    if source == HELD:
        return tr("cert.from_held", lang)
    return tr("cert.from_picture", lang, file=source) if source else tr("cert.from_text", lang)


def _status_banner(verdict: Verdict, lang: str) -> ft.Control:
    status = verdict.status.value
    strong, soft, icon = STATUS_LOOK[status]
    title = tr(f"cert.status_{status}", lang)
    message = verdict.message(lang).removeprefix(f"{title}: ")  # the title says it already
    message = message[:1].upper() + message[1:]
    return ft.Container(
        bgcolor=soft,
        border=ft.Border.all(2, strong),
        border_radius=ft.BorderRadius.all(10),
        padding=ft.Padding.all(14),
        content=ft.Row(
            [
                ft.Icon(icon, color=strong, size=40),
                ft.Column(
                    [
                        ft.Text(title, size=24, font_family=theme.BOLD, color=strong),
                        ft.Text(message, size=16, color=strong),
                    ],
                    spacing=4,
                    expand=True,
                ),
            ],
            spacing=14,
            vertical_alignment=ft.CrossAxisAlignment.START,
        ),
    )


def _fields(verdict: Verdict, certificate: Certificate, lang: str) -> ft.Control:
    level = certificate.level.name_th if certificate.level else tr("cert.no_level", lang)
    rows = [
        ("cert.field_reference", certificate.reference),
        ("cert.field_lao", certificate.lao_name_th),
        ("cert.field_centre", certificate.service_centre_th),
        (
            "cert.field_score",
            tr("cert.score_value", lang, points=certificate.points, max=certificate.max_points),
        ),
        ("cert.field_level", level),
        ("cert.field_year", tr("cert.year_value", lang, year=certificate.fiscal_year_be)),
        ("cert.field_issued", format_date(certificate.issued_on, lang)),
        ("cert.field_until", format_date(certificate.valid_until, lang)),
    ]
    revocation = verdict.revocation
    if revocation is not None:
        revoked_on = revocation.revoked_at.astimezone(THAILAND).date()
        rows += [
            ("cert.field_revoked", format_date(revoked_on, lang)),
            ("cert.field_reason", revocation.reason),
        ]
    return ft.Column([_field(tr(key, lang), value) for key, value in rows], spacing=6)


def _field(name: str, value: str) -> ft.Control:
    return ft.ResponsiveRow(
        [
            ft.Text(name, col={"xs": 12, "sm": 4}, size=14, color=theme.MUTED),
            ft.Text(value, col={"xs": 12, "sm": 8}, size=16, font_family=theme.BOLD),
        ],
        spacing=8,
        run_spacing=0,
    )


def _qr(check: CertificateCheck, verdict: Verdict, lang: str) -> ft.Control:
    reference = verdict.certificate.reference if verdict.certificate else check.claimed_reference
    label = tr("cert.qr_label", lang, reference=reference or "")
    assert check.qr_png is not None
    return ft.Column(
        [
            ft.Image(src=check.qr_png, width=QR_SIZE, height=QR_SIZE, semantics_label=label),
            ft.Text(reference or "", size=16, font_family=theme.BOLD, selectable=True),
        ],
        horizontal_alignment=ft.CrossAxisAlignment.CENTER,
        spacing=6,
    )


@ft.component
def PasteCard(certificates: CertificateState, lang: str) -> ft.Control:
    text, set_text = ft.use_state("")

    async def show() -> None:
        await certificates.check_text(text)

    return card(
        ft.Column(
            [
                ft.Text(tr("cert.show_title", lang), size=18, font_family=theme.BOLD),
                muted(tr("cert.show_intro", lang), size=14),
                own_node(
                    ft.TextField(
                        label=tr("cert.text", lang),
                        value=text,
                        multiline=True,
                        min_lines=2,
                        max_lines=4,
                        on_change=lambda e: set_text(e.control.value),
                    )
                ),
                ft.Row(
                    [
                        ft.OutlinedButton(
                            content=tr("cert.show", lang),
                            icon=ft.Icons.QR_CODE,
                            height=theme.TOUCH,
                            disabled=certificates.busy,
                            on_click=show,
                        )
                    ]
                ),
            ],
            spacing=10,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        )
    )
