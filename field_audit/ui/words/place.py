"""Words for keeping the inspector's place and answering quicker (Thai, English)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # reopening where the inspector was
    "place.gone": (
        "ไม่พบงานตรวจที่ท่านเปิดค้างไว้ในเครื่องนี้แล้ว จึงแสดงรายการงานแทน",
        "The audit you were on is no longer on this device, so here are your assignments.",
    ),
    "place.sealed": (
        "ผลการตรวจ{name}ที่ท่านเปิดค้างไว้ปิดผนึกแล้ว เปิดดูได้จากรายการนี้",
        "Your audit of {name} that was open is sealed; open it from this list to read it.",
    ),
    # the bar above the criteria
    "quick.next_unanswered": ("ข้อถัดไปที่ยังไม่ประเมิน", "Next unanswered"),
    "quick.next_unanswered_label": (
        "ไปยังข้อถัดไปที่ยังไม่ประเมิน (เหลือ {count} ข้อ)",
        "Go to the next unanswered criterion ({count} left)",
    ),
    "quick.next_photo": ("ข้อถัดไปที่ต้องมีภาพ", "Next needing a photo"),
    "quick.next_photo_label": (
        "ไปยังข้อถัดไปที่ยังต้องเพิ่มภาพถ่าย (เหลือ {count} ข้อ)",
        "Go to the next criterion still needing a photo ({count} left)",
    ),
    "quick.none_left": ("ไม่เหลือข้อที่ต้องทำแล้ว", "Nothing left to do there"),
    "quick.index": ("สารบัญข้อ", "Index"),
    "quick.index_label": ("เปิดหรือปิดสารบัญรหัสข้อ", "Show or hide the index of criteria"),
    "quick.index_item": ("ไปที่ข้อ {id} ({state})", "Go to {id} ({state})"),
    "quick.index_title": (
        "แตะรหัสข้อเพื่อไปยังข้อนั้น (สีเขียว ผ่าน · สีแดง ไม่ผ่าน · สีเทา ยังไม่ประเมิน)",
        "Tap an id to go there (green met · red not met · grey unanswered)",
    ),
    "quick.state_answered": ("ประเมินแล้ว", "answered"),
    "quick.state_unanswered": ("ยังไม่ประเมิน", "unanswered"),
    "quick.state_photo": ("ต้องเพิ่มภาพ", "needs a photo"),
    "quick.at": ("อยู่ที่ข้อ {id}", "At {id}"),
    "quick.compact": ("แบบย่อ", "Compact"),
    "quick.compact_label": (
        "แสดงแบบย่อ: สิ่งที่ตรวจเหลือบรรทัดเดียว",
        "Compact: what to look for in one line",
    ),
    "quick.on": ("เปิดอยู่", "on"),
    "quick.off": ("ปิดอยู่", "off"),
    # note phrases
    "phrases.title": ("ข้อความที่เคยใช้", "Used before"),
    "phrases.insert": ("{id} แทรกข้อความ: {phrase}", "{id} insert: {phrase}"),
    # the assignments list
    "assignments.progress": ("ประเมินแล้ว {answered}/{total} ข้อ", "Answered {answered}/{total}"),
}
