"""Words of the sync screen, and the central store's refusal codes in plain words."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "sync.open": ("ซิงค์", "Sync"),
    "sync.open_label": ("ส่งและรับข้อมูลกับศูนย์ข้อมูลกลาง", "Send to and receive from the central store"),
    "sync.title": ("ส่งและรับข้อมูลกับศูนย์ข้อมูลกลาง", "Sync with the central store"),
    "sync.address": ("ที่อยู่ศูนย์ข้อมูลกลาง", "Central store address"),
    "sync.address_save": ("บันทึกที่อยู่", "Save the address"),
    "sync.address_bad": (
        "ที่อยู่ต้องขึ้นต้นด้วย https:// หรือ http://",
        "The address must start with https:// or http://",
    ),
    "sync.address_saved": ("บันทึกที่อยู่แล้ว", "Address saved"),
    "sync.no_address": (
        "ยังไม่ได้ตั้งที่อยู่ศูนย์ข้อมูลกลาง กรอกที่อยู่ด้านบนก่อน",
        "No central store address yet: enter it above first",
    ),
    "unlock.missing": ("กรุณาใส่รหัสผ่านกุญแจ", "Please enter the key's passphrase"),
    "sync.passphrase": ("รหัสผ่านกุญแจของผู้ตรวจ", "Your key's passphrase"),
    "sync.passphrase_hint": (
        "ใช้ลงนามคำขอส่งข้อมูล กุญแจจะถูกปลดล็อกไว้ในหน่วยความจำจนกว่าจะปิดแอป ไม่บันทึกลงเครื่อง",
        "Signs the requests; the key stays unlocked in memory until the app closes, never on disk",
    ),
    "sync.unlocked": ("กุญแจปลดล็อกแล้วสำหรับการใช้งานครั้งนี้", "Key unlocked for this session"),
    "sync.lock": ("ล็อกกุญแจ", "Lock the key"),
    "sync.now": ("ซิงค์ตอนนี้", "Sync now"),
    "sync.retry": ("ส่งรายการที่ถูกปฏิเสธหรือรออยู่อีกครั้งทันที", "Send refused and waiting items now"),
    "sync.running": ("กำลังซิงค์...", "Syncing..."),
    "sync.items": ("ส่งแล้ว {done}/{total} รายการ", "Sent {done} of {total} items"),
    "sync.bytes": ("ภาพถ่าย {sent}/{total}", "Photos {sent} of {total}"),
    "sync.pulling": (
        "กำลังรับงานและผลล่าสุดจากศูนย์ข้อมูลกลาง",
        "Receiving the latest from the central store",
    ),
    "sync.last": ("ซิงค์ล่าสุด {when}", "Last sync {when}"),
    "sync.last_counts": (
        "ส่ง {sent} · ถูกปฏิเสธ {refused} · รับ {pulled} รายการ",
        "sent {sent} · refused {refused} · received {pulled}",
    ),
    "sync.never": ("ยังไม่เคยซิงค์", "Never synced"),
    "sync.stopped": (
        "หยุดก่อนเสร็จ: ติดต่อศูนย์ข้อมูลกลางไม่ได้ รายการที่เหลือยังรออยู่ ลองใหม่เมื่อมีสัญญาณ",
        "Stopped early: the central store could not be reached; the rest waits, try again"
        " when online",
    ),
    "sync.key_refused": (
        "ศูนย์ข้อมูลกลางไม่รับกุญแจของเครื่องนี้ ({code}): ยังไม่ได้ลงทะเบียน หรือถูกเพิกถอนแล้ว"
        " ไม่มีรายการใดถูกส่ง ทุกรายการยังรออยู่ ให้เจ้าหน้าที่ลงทะเบียนกุญแจ (ลายนิ้วมือที่หน้ากุญแจของท่าน)",
        "The central store does not accept this device's key ({code}): not enrolled yet, or"
        " revoked. Nothing was sent and everything waits; have the office enrol the key (its"
        " fingerprint is on My key)",
    ),
    "sync.done": (
        "ซิงค์เสร็จ: ส่ง {sent} · ถูกปฏิเสธ {refused} · รับ {pulled} รายการ",
        "Sync done: sent {sent} · refused {refused} · received {pulled}",
    ),
    "sync.deferred": (
        "ซิงค์เสร็จ: ส่ง {sent} · ถูกปฏิเสธ {refused} · รับ {pulled} รายการ"
        " · รอส่งภายหลัง {deferred} รายการ เพราะครั้งก่อนติดต่อไม่ได้ (กดส่งทันทีเพื่อไม่ต้องรอ)",
        "Sync done: sent {sent} · refused {refused} · received {pulled} · {deferred} waiting a"
        " little after a network failure (Send now does not wait)",
    ),
    "sync.requeued": (
        "นำรายการที่ถูกปฏิเสธกลับเข้าคิว {count} รายการ",
        "{count} refused items queued again",
    ),
    "sync.outbox": (
        "รายการที่รอส่ง ({waiting} รอ · {refused} ถูกปฏิเสธ)",
        "Outbox ({waiting} waiting · {refused} refused)",
    ),
    "sync.outbox_empty": ("ยังไม่มีผลที่ปิดผนึกแล้วรอส่ง", "No sealed result to send yet"),
    "sync.kind_audit": ("ผลการตรวจ ฉบับที่ {revision}", "Audit, revision {revision}"),
    "sync.kind_committee": ("ผลของคณะกรรมการ", "Committee result"),
    "sync.state_waiting": ("รอส่ง", "Waiting"),
    "sync.state_sent": ("ส่งแล้ว", "Sent"),
    "sync.state_refused": ("ถูกปฏิเสธ", "Refused"),
    "sync.attempts": ("พยายามแล้ว {count} ครั้ง", "{count} attempts"),
    "sync.waits_until": ("ลองส่งอีกครั้งหลัง {time}", "Next try after {time}"),
    "sync.reason": ("เหตุผล: {reason}", "Reason: {reason}"),
    "sync.refused_other": (
        "ศูนย์ข้อมูลกลางปฏิเสธรายการนี้ ({code})",
        "The central store refused this item ({code})",
    ),
    "sync.unreachable": (
        "ติดต่อศูนย์ข้อมูลกลางไม่ได้ครั้งล่าสุด จะลองใหม่ในการซิงค์ครั้งถัดไป",
        "The central store could not be reached last time; the next sync tries again",
    ),
}

# The central store's stable refusal codes (sync.server.errors), in words an inspector acts on.
REFUSALS: dict[str, tuple[str, str]] = {
    "BAD_SIGNATURE": (
        "ลายมือชื่อดิจิทัลตรวจสอบไม่ผ่าน ข้อมูลในเครื่องอาจเสียหายหรือถูกแก้ไข",
        "The digital signature does not verify: the data on this device may be damaged or altered",
    ),
    "UNKNOWN_KEY": (
        "ศูนย์ข้อมูลกลางไม่รู้จักกุญแจของเครื่องนี้ ให้เจ้าหน้าที่ลงทะเบียนกุญแจก่อน",
        "The central store does not know this device's key: have it enrolled first",
    ),
    "KEY_REVOKED": (
        "กุญแจของเครื่องนี้ถูกเพิกถอนแล้ว ติดต่อเจ้าหน้าที่เพื่อลงทะเบียนกุญแจใหม่",
        "This device's key was revoked: contact the office to enrol a new one",
    ),
    "CLOCK_SKEW": (
        "นาฬิกาของเครื่องไม่ตรงกับศูนย์ข้อมูลกลาง ตั้งวันและเวลาให้ถูกต้อง",
        "This device's clock is off: set the date and time",
    ),
    "NOT_ASSIGNED": (
        "ท่านไม่ได้รับมอบหมายให้ตรวจ อปท. นี้ในระบบกลาง",
        "You are not assigned to this LAO at the central store",
    ),
    "NOT_CHAIR": (
        "เฉพาะประธานคณะกรรมการเท่านั้นที่ส่งผลของคณะกรรมการได้",
        "Only the committee's chair may send the committee's result",
    ),
    "SIGNER_MISMATCH": (
        "ผู้ลงนามในผลไม่ตรงกับเจ้าของกุญแจที่ส่ง",
        "The result's signer is not the key's owner",
    ),
    "CONFLICT": (
        "ศูนย์ข้อมูลกลางมีผลฉบับอื่นของการตรวจนี้อยู่แล้ว ให้ส่งเป็นฉบับแก้ไข",
        "The central store already has a different version of this result: send a correction",
    ),
    "SUPERSEDED": (
        "ผลนี้เป็นฉบับเก่า มีฉบับที่ใหม่กว่าอยู่แล้ว",
        "This is an older revision: a newer one is already there",
    ),
    "REPLACES_UNKNOWN": (
        "ฉบับแก้ไขนี้อ้างถึงฉบับเดิมที่ศูนย์ข้อมูลกลางยังไม่มี ส่งฉบับเดิมก่อน",
        "This correction names a revision the central store lacks: send that one first",
    ),
    "CATALOG_MISMATCH": (
        "ผลนี้ใช้เกณฑ์คนละฉบับกับรอบการประเมิน",
        "The result uses another edition of the criteria than the round",
    ),
    "PHOTO_MISSING": (
        "ภาพถ่ายที่ผลอ้างถึงยังไม่ถึงศูนย์ข้อมูลกลาง ลองส่งอีกครั้ง",
        "A photo the result names has not arrived: try again",
    ),
    "PHOTO_HASH_MISMATCH": (
        "ภาพถ่ายที่ส่งไม่ตรงกับที่ผลระบุ ภาพในเครื่องอาจเสียหาย",
        "A photo sent does not match the result: the photo on this device may be damaged",
    ),
    "PHOTO_TOO_LARGE": ("ภาพถ่ายมีขนาดใหญ่เกินกำหนด", "A photo is too large"),
    "REQUEST_TOO_LARGE": ("ข้อมูลที่ส่งมีขนาดใหญ่เกินกำหนด", "The request is too large"),
    "MEMBER_AUDIT_MISSING": (
        "ผลของกรรมการบางคนยังไม่ถึงศูนย์ข้อมูลกลาง",
        "A member's audit has not reached the central store",
    ),
    "MEMBER_AUDIT_INVALID": (
        "ผลของกรรมการบางคนตรวจสอบไม่ผ่าน",
        "A member's audit did not verify",
    ),
    "CONSOLIDATION_MISMATCH": (
        "ผลรวมของคณะกรรมการไม่ตรงกับที่ศูนย์ข้อมูลกลางคำนวณได้",
        "The committee's result differs from the central store's own consolidation",
    ),
    "MALFORMED_RESULT": ("ข้อมูลผลการตรวจมีรูปแบบไม่ถูกต้อง", "The result is malformed"),
    "NOT_CANONICAL": ("ข้อมูลผลการตรวจมีรูปแบบไม่ถูกต้อง", "The result is malformed"),
    "INVALID_INPUT": ("ข้อมูลที่ส่งไม่ถูกต้อง", "The data sent is not valid"),
    "NOT_FOUND": ("ศูนย์ข้อมูลกลางไม่พบข้อมูลที่อ้างถึง", "The central store has no such record"),
    "NOT_ON_DEVICE": (
        "ไม่พบผลที่ปิดผนึกแล้วนี้ในเครื่อง",
        "The sealed result is missing on this device",
    ),
}
