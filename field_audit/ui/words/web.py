"""Words of the web page around the app: its loading screen and the page shown when the app's
local service has stopped. Both languages show at once there (the page has no language switch
of its own), Thai first.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "web.title": ("ตรวจประเมินศูนย์ราชการสะดวก", "GECC field audit"),
    "web.loading": ("กำลังเปิดแอปตรวจประเมิน…", "Opening the field audit app…"),
    "web.stopped_title": ("แอปหยุดทำงานแล้ว", "The app has stopped"),
    "web.stopped_what": (
        "โปรแกรม field-audit ในเครื่องนี้ ซึ่งเป็นตัวให้บริการหน้านี้ ได้หยุดทำงาน หน้านี้จึงบันทึก"
        "อะไรเพิ่มไม่ได้ คำตอบและภาพที่บันทึกไว้แล้วยังอยู่ครบในเครื่อง",
        "The field-audit program on this computer, which serves this page, has stopped, so this "
        "page cannot save anything more. Answers and photos already saved are safe on this "
        "device.",
    ),
    "web.stopped_todo": ("วิธีแก้", "What to do"),
    "web.stopped_restart": (
        "เปิดหน้าต่างคำสั่ง (Terminal หรือ Command Prompt) แล้วสั่ง field-audit app อีกครั้ง",
        "Open a terminal (Terminal or Command Prompt) and run field-audit app again.",
    ),
    "web.stopped_reload": (
        "กดปุ่มด้านล่างเพื่อโหลดหน้านี้ใหม่ หรือเปิดที่อยู่ที่คำสั่งพิมพ์ออกมา",
        "Press the button below to reload this page, or open the address the command prints.",
    ),
    "web.reload": ("โหลดหน้านี้ใหม่", "Reload this page"),
}
