"""The office as its documents name it, from the central store's settings (read once, at the
edge): the issuing body, its address and emblem, the signatory, the /verify address, the letter
prefix and the unit that owns the matter."""

from __future__ import annotations

from field_audit.documents.views import Office
from sync.server.settings import Settings


def office_of(settings: Settings) -> Office:
    """The ``Office`` of these settings (the emblem file, checked when the settings were, read
    now, so a replaced file shows on the next document)."""
    emblem_file = settings.office_emblem_file
    return Office(
        name_th=settings.office_name,
        address_th="\n".join(line.strip() for line in settings.office_address.split("|")),
        emblem=emblem_file.read_bytes() if emblem_file is not None else None,
        signatory_name=settings.signatory_name,
        signatory_position=settings.signatory_position,
        verify_url=settings.verify_url,
        letter_prefix=settings.letter_prefix,
        responsible_unit=settings.responsible_unit,
        contact_phone=settings.contact_phone,
        contact_email=settings.contact_email,
    )


SETTING_OF = {
    "name_th": "GECC_CENTRAL_OFFICE_NAME",
    "emblem": "GECC_CENTRAL_OFFICE_EMBLEM_FILE",
    "signatory_name": "GECC_CENTRAL_SIGNATORY_NAME",
    "signatory_position": "GECC_CENTRAL_SIGNATORY_POSITION",
    "verify_url": "GECC_CENTRAL_VERIFY_URL",
    "responsible_unit": "GECC_CENTRAL_RESPONSIBLE_UNIT",
}


def unset_settings(office: Office) -> list[str]:
    """The variables of the parts a printed document needs and the office has not set."""
    return [SETTING_OF[part] for part in office.unset()]
