"""Evidence records on a criterion card (interviews, documents seen, observations) and the
dialog that adds one. The dialog checks the record with the domain's rule before it is saved,
and says in words what is wrong (personal data in a summary, a missing title)."""

from __future__ import annotations

import flet as ft

from field_audit.domain.evidence_records import (
    WHOM_NAMES,
    DocumentSeen,
    Interview,
    Observation,
    Record,
    Whom,
)
from field_audit.domain.thai_calendar import THAILAND
from field_audit.ui import theme
from field_audit.ui.i18n import tr
from field_audit.ui.state.audit import AuditActions
from field_audit.ui.state.criterion_row import CriterionRow
from field_audit.ui.state.record_editor import KINDS, RecordEditor
from field_audit.ui.views.common import named_dropdown, own_node

KIND_ICONS = {
    "interview": ft.Icons.RECORD_VOICE_OVER,
    "document": ft.Icons.DESCRIPTION,
    "observation": ft.Icons.VISIBILITY,
}
DIALOG_W = 560


def kind_of(record: Record) -> str:
    if isinstance(record, Interview):
        return "interview"
    return "document" if isinstance(record, DocumentSeen) else "observation"


def record_line(record: Record, lang: str) -> str:
    """One record in a line: "สัมภาษณ์ 10.30 น. ประชาชนผู้รับบริการ: รอคิวไม่นาน"."""
    kind = tr(f"records.kind.{kind_of(record)}", lang)
    if isinstance(record, Interview):
        local = record.at.astimezone(THAILAND)
        when = f"{local:%H.%M} น." if lang != "en" else f"{local:%H:%M}"
        who = WHOM_NAMES[record.whom].in_language(lang)
        named = f" ({record.identity})" if record.identity else ""
        return f"{kind} {when} {who}{named}: {record.summary}"
    if isinstance(record, DocumentSeen):
        reference = f" ({record.reference})" if record.reference else ""
        return f"{kind}: {record.title}{reference}"
    assert isinstance(record, Observation)
    return f"{kind}: {record.text}"


def records_section(row: CriterionRow, audit: AuditActions, lang: str) -> ft.Control:
    lines: list[ft.Control] = [_record_row(row.id, i, r, audit, lang) for i, r in row.records]
    if audit.editable:
        lines.append(ft.Row([_add_button(row.id, k, audit, lang) for k in KINDS], wrap=True))
    return ft.Column(lines, spacing=4, tight=True)


def _record_row(
    criterion_id: str, record_id: str, record: Record, audit: AuditActions, lang: str
) -> ft.Control:
    async def remove() -> None:
        await audit.remove_record(criterion_id, record_id)

    parts: list[ft.Control] = [
        ft.Icon(KIND_ICONS[kind_of(record)], size=20, color=ft.Colors.INDIGO_700),
        ft.Text(record_line(record, lang), size=15, expand=True),
    ]
    if audit.editable:
        parts.append(
            ft.IconButton(
                ft.Icon(ft.Icons.DELETE_OUTLINE, semantics_label=tr("records.remove", lang)),
                tooltip=tr("records.remove", lang),
                on_click=remove,
            )
        )
    return ft.Row(parts, spacing=8, vertical_alignment=ft.CrossAxisAlignment.CENTER)


def _add_button(criterion_id: str, kind: str, audit: AuditActions, lang: str) -> ft.Control:
    return ft.TextButton(
        content=ft.Text(
            tr(f"records.add.{kind}", lang),
            size=15,
            semantics_label=tr(f"records.add_label.{kind}", lang, id=criterion_id),
        ),
        height=theme.TOUCH,
        on_click=lambda: audit.records.start(criterion_id, kind),
    )


@ft.component
def RecordDialogHost(editor: RecordEditor, audit: AuditActions, lang: str) -> ft.Control:
    """Nothing in place: portals the open record's dialog to the page."""
    dialog = _dialog(editor, audit, lang) if editor.open_for is not None else None
    ft.use_dialog(dialog)
    return ft.Container(width=0, height=0)


def _dialog(editor: RecordEditor, audit: AuditActions, lang: str) -> ft.AlertDialog:
    assert editor.open_for is not None
    criterion_id, kind = editor.open_for
    body = _fields(editor, kind, audit, criterion_id, lang)
    if editor.problem is not None:
        body.append(ft.Text(editor.problem.in_language(lang), color=theme.NOT_MET, size=15))

    async def save() -> None:
        record = editor.record()
        photos = {t.item.sha256 for t in audit.photos.of(criterion_id).tiles}
        if record is None or editor.problems(record, photos):
            return
        await audit.add_record(criterion_id, record)
        editor.close()

    return ft.AlertDialog(
        title=ft.Text(tr(f"records.dialog.{kind}", lang, id=criterion_id), size=20),
        content=ft.Column(body, spacing=10, tight=True, width=DIALOG_W),
        actions=[
            ft.TextButton(content=tr("records.cancel", lang), on_click=editor.close),
            ft.FilledButton(content=tr("records.save", lang), on_click=save),
        ],
        on_dismiss=editor.close,
    )


def _fields(
    editor: RecordEditor, kind: str, audit: AuditActions, criterion_id: str, lang: str
) -> list[ft.Control]:
    if kind == "interview":
        return _interview_fields(editor, lang)
    if kind == "document":
        return _document_fields(editor, audit, criterion_id, lang)
    return [_text_field(editor, "text", tr("records.observation", lang), multiline=True)]


def _interview_fields(editor: RecordEditor, lang: str) -> list[ft.Control]:
    fields: list[ft.Control] = [
        ft.Text(tr("records.pdpa", lang), size=14, color=theme.MUTED),
        named_dropdown(
            ft.Dropdown(
                label=tr("records.whom", lang),
                value=editor.fields.get("whom", Whom.CITIZEN.value),
                options=[
                    ft.DropdownOption(key=w.value, text=WHOM_NAMES[w].in_language(lang))
                    for w in Whom
                ],
                on_select=lambda e: editor.type("whom", e.control.value or Whom.CITIZEN.value),
            )
        ),
        _text_field(editor, "time", tr("records.time", lang)),
        _text_field(editor, "text", tr("records.summary", lang), multiline=True),
        ft.Checkbox(
            label=tr("records.identity_choice", lang),
            height=theme.TOUCH,
            value=editor.record_identity,
            on_change=lambda e: editor.choose_identity(bool(e.control.value)),
        ),
    ]
    if editor.record_identity:
        fields.append(_text_field(editor, "identity", tr("records.identity", lang)))
    return fields


def _document_fields(
    editor: RecordEditor, audit: AuditActions, criterion_id: str, lang: str
) -> list[ft.Control]:
    tiles = audit.photos.of(criterion_id).tiles
    options = [ft.DropdownOption(key="", text=tr("records.no_page_photo", lang))]
    options += [
        ft.DropdownOption(key=t.item.sha256, text=t.caption or f"#{n}")
        for n, t in enumerate(tiles, start=1)
    ]
    return [
        _text_field(editor, "title", tr("records.doc_title", lang)),
        _text_field(editor, "reference", tr("records.doc_reference", lang)),
        named_dropdown(
            ft.Dropdown(
                label=tr("records.page_photo", lang),
                value=editor.fields.get("page_photo", ""),
                options=options,
                on_select=lambda e: editor.type("page_photo", e.control.value or ""),
            )
        ),
    ]


def _text_field(
    editor: RecordEditor, name: str, label: str, *, multiline: bool = False
) -> ft.Control:
    field = ft.TextField(
        label=label,
        value=editor.fields.get(name, ""),
        multiline=multiline,
        min_lines=3 if multiline else 1,
        max_lines=6 if multiline else 1,
        on_change=lambda e: editor.type(name, e.control.value),
    )
    return own_node(field)
