"""Fixtures of the documents' tests: the 2560 edition, an office with every setting, and its
emblem (a drawing made here: the project ships no official artwork)."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from field_audit.documents.views import Office


def emblem_png() -> bytes:
    """A round emblem in the office's colours, drawn here."""
    image = Image.new("RGBA", (400, 400), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 390, 390), fill=(160, 120, 40), outline=(110, 80, 20), width=12)
    draw.ellipse((70, 70, 330, 330), fill=(250, 244, 225))
    draw.polygon([(200, 95), (235, 175), (320, 180), (255, 235), (275, 315), (200, 270),
                  (125, 315), (145, 235), (80, 180), (165, 175)], fill=(25, 60, 130))  # fmt: skip
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


OFFICE = Office(
    name_th="กรมส่งเสริมการปกครองท้องถิ่น",
    address_th="ถนนนครราชสีมา เขตดุสิต\nกรุงเทพมหานคร 10300",
    emblem=emblem_png(),
    signatory_name="นายสมศักดิ์ ตัวอย่าง",
    signatory_position="อธิบดีกรมส่งเสริมการปกครองท้องถิ่น",
    verify_url="https://gecc.example.go.th/verify",
    letter_prefix="มท 0810.4/",
    responsible_unit="กองพัฒนาและส่งเสริมการบริหารงานท้องถิ่น",
    contact_phone="0 2241 9000 ต่อ 4112",
    contact_email="gecc@example.go.th",
)


@pytest.fixture
def office() -> Office:
    return OFFICE
