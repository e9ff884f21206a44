"""Words of the inspector's own work on site: photos on a criterion (ui/views/photos.py), the
signing key (ui/views/key_setup.py) and sealing (ui/views/seal.py)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # photos on a criterion (ui/views/photos.py)
    "photos.add": ("เพิ่มภาพ", "Add photos"),
    "photos.add_label": ("เพิ่มภาพ {id}", "Add photos to {id}"),
    "camera.take": ("ถ่ายภาพ", "Take a photo"),
    "camera.take_label": ("ถ่ายภาพ {id}", "Take a photo for {id}"),
    "camera.title": ("ถ่ายภาพประกอบข้อ {id}", "Take photos for {id}"),
    "camera.shutter": ("ถ่าย", "Shoot"),
    "camera.done": ("เสร็จ", "Done"),
    "camera.starting": ("กำลังเปิดกล้อง…", "Starting the camera…"),
    "camera.taking": ("กำลังถ่ายภาพ…", "Taking the photo…"),
    "camera.hint": (
        "ภาพที่ถ่ายจะแนบกับข้อนี้ทันที พร้อมเวลาและตำแหน่งของเครื่อง",
        "Each photo is attached here at once, with this device's time and position",
    ),
    "camera.taken": ("ถ่ายและแนบแล้ว {count} ภาพ", "{count} taken and attached"),
    "camera.unavailable": (
        'ใช้กล้องไม่ได้ (ไม่มีกล้อง หรือไม่ได้รับอนุญาต) ใช้ปุ่ม "เพิ่มภาพ" เพื่อเลือกไฟล์แทน',
        'No camera can be used (none, or not allowed); use "Add photos" to pick files instead',
    ),
    "camera.file_name": ("ภาพถ่ายในแอป {at}", "photo taken in the app {at}"),
    "photos.importing": ("กำลังนำเข้าภาพ {done}/{total}", "Importing photos {done}/{total}"),
    "photos.stored": ("{name}: บันทึกแล้ว", "{name}: saved"),
    "photos.duplicate": (
        "{name}: มีภาพนี้ในเครื่องแล้ว เก็บไว้ชุดเดียวและแนบกับข้อนี้ด้วย",
        "{name}: already on this device; kept once and attached here too",
    ),
    "photos.already_here": (
        "{name}: ภาพนี้แนบกับข้อนี้อยู่แล้ว จึงไม่แนบซ้ำ",
        "{name}: already attached to this criterion, so not added again",
    ),
    "photos.refused": ("{name}: ไม่รับภาพนี้ — {reason}", "{name}: not accepted — {reason}"),
    "photos.dismiss": ("ปิดรายงานการนำเข้า", "Dismiss the import report"),
    "photos.thumb_label": ("ภาพ {id} ที่ {number}", "{id} photo {number}"),
    "photos.title": ("ภาพประกอบข้อ {id} ({number}/{count})", "Photo for {id} ({number}/{count})"),
    "photos.caption": ("คำอธิบายภาพ", "Caption"),
    "photos.no_caption": ("ไม่มีคำอธิบายภาพ", "No caption"),
    "photos.size": ("{width}×{height} พิกเซล", "{width}×{height} pixels"),
    "photos.taken": ("ถ่ายเมื่อ {when}", "taken {when}"),
    "photos.time_from.exif_datetime_original": (
        "เวลาจาก EXIF DateTimeOriginal ของกล้อง",
        "time from the camera's EXIF DateTimeOriginal",
    ),
    "photos.time_from.exif_datetime": (
        "เวลาจาก EXIF DateTime (เวลาที่สร้างไฟล์ ไม่มีเวลาถ่ายจริง)",
        "time from EXIF DateTime (when the file was made; no shutter time)",
    ),
    "photos.time_from.device": (
        "ถ่ายในแอป เวลาจากนาฬิกาของเครื่องนี้",
        "taken in the app; time from this device's clock",
    ),
    "photos.no_time": ("ไม่ทราบเวลาถ่าย (ไม่มีข้อมูล EXIF)", "time taken unknown (no EXIF)"),
    "photos.position": ("ตำแหน่ง {lat}, {lon}", "position {lat}, {lon}"),
    "photos.unreadable": (
        "อ่านไฟล์ไม่ได้ เบราว์เซอร์ไม่ได้ส่งข้อมูลของไฟล์มา ลองเลือกใหม่หรือคัดลอกไฟล์ลงเครื่องก่อน",
        "the file could not be read: the browser sent none of its data; pick it again or copy it"
        " onto the device first",
    ),
    "photos.file_missing": (
        "ไม่พบไฟล์ภาพนี้ในเครื่อง (แสดงภาพย่อแทน)",
        "The photo file is not on this device (showing the thumbnail)",
    ),
    "photos.remove": ("ลบภาพ", "Remove photo"),
    "photos.remove_ask": (
        "ลบภาพนี้ออกจากข้อ {id} หรือไม่ ลบแล้วเรียกคืนไม่ได้",
        "Remove this photo from {id}? This cannot be undone.",
    ),
    "photos.remove_yes": ("ยืนยันลบภาพ", "Yes, remove it"),
    "photos.cancel": ("ยกเลิก", "Cancel"),
    "photos.close": ("ปิด", "Close"),
    # the signing key (ui/views/key_setup.py)
    "key.menu": ("กุญแจของท่าน", "Your key"),
    "key.title": ("กุญแจลงนามของผู้ตรวจประเมิน", "Your signing key"),
    "key.intro": (
        "ตั้งรหัสผ่านเพื่อสร้างกุญแจสำหรับลงนามผลการตรวจประเมินในเครื่องนี้ "
        "ต้องยาวอย่างน้อย 8 ตัวอักษร และต้องใช้ทุกครั้งที่ปิดผนึกผล จดจำไว้ให้ดี",
        "Set a passphrase for the key that signs your audits on this device: at least "
        "8 characters, asked each time you seal. Keep it in mind.",
    ),
    "key.passphrase": ("รหัสผ่าน", "Passphrase"),
    "key.again": ("ยืนยันรหัสผ่านอีกครั้ง", "Passphrase again"),
    "key.mismatch": ("รหัสผ่านทั้งสองช่องไม่ตรงกัน", "The two passphrases differ"),
    "key.create": ("สร้างกุญแจ", "Create the key"),
    "key.creating": ("กำลังสร้างกุญแจ…", "Making the key…"),
    "key.fingerprint": ("ลายนิ้วมือกุญแจ", "Key fingerprint"),
    "key.read_aloud": (
        "อ่านตัวเลข 30 หลักนี้ให้เจ้าหน้าที่สำนักงานเทียบ หรือให้สแกนคิวอาร์โค้ด เพื่อลงทะเบียนกุญแจ",
        "Read these 30 digits to the office, or let them scan the QR code, to enrol the key.",
    ),
    "key.qr_label": ("คิวอาร์โค้ดลงทะเบียนกุญแจ", "Key enrolment QR code"),
    "key.made_on": ("สร้างเมื่อ {date}", "Made on {date}"),
    "key.central": ("ที่อยู่ศูนย์ข้อมูลกลาง (ไม่บังคับ)", "Central store address (optional)"),
    "key.central_help": (
        "เช่น https://gecc.example.go.th ใช้เมื่อส่งผลการประเมิน เว้นว่างได้",
        "e.g. https://gecc.example.go.th, used to send results; may be left blank",
    ),
    "key.central_bad": (
        "ที่อยู่ต้องขึ้นต้นด้วย http:// หรือ https://",
        "The address must start with http:// or https://",
    ),
    "key.central_save": ("บันทึกที่อยู่", "Save the address"),
    "key.central_saved": ("บันทึกที่อยู่แล้ว", "Address saved"),
    "key.continue": ("ไปยังงานที่ได้รับมอบหมาย", "Go to my assignments"),
    "key.back_to_seal": ("กลับไปปิดผนึกผลการประเมิน", "Back to sealing"),
    # sealing (ui/views/seal.py)
    "seal.action": ("ปิดผนึกผลการประเมิน", "Seal"),
    "seal.title": ("ปิดผนึกผลการประเมิน", "Seal the audit"),
    "seal.intro": (
        "เมื่อปิดผนึกด้วยกุญแจของท่านแล้ว ผลการประเมินจะแก้ไขไม่ได้อีก หากต้องแก้ภายหลังให้เปิดฉบับแก้ไข ซึ่งจะอ้างถึงฉบับนี้",
        "Once sealed with your key, the audit can no longer change; to change "
        "it later you open a corrected revision that names this one.",
    ),
    "seal.met": ("ผ่าน (ข้อ)", "met"),
    "seal.not_met": ("ไม่ผ่าน (ข้อ)", "not met"),
    "seal.unanswered": ("ยังไม่ประเมิน (ข้อ)", "unanswered"),
    "seal.photos": ("ภาพถ่าย (ภาพ)", "photos"),
    "seal.missing": (
        "ยังปิดผนึกไม่ได้ ยังขาดอีก {count} รายการ",
        "Not ready to seal: {count} things are missing",
    ),
    "seal.missing_hint": ("แตะรายการเพื่อไปยังข้อนั้น", "Tap an item to go to that criterion"),
    "seal.ready": ("ประเมินครบทุกข้อแล้ว พร้อมปิดผนึก", "Every criterion is done: ready to seal"),
    "seal.passphrase": ("รหัสผ่านกุญแจลงนาม", "Signing key passphrase"),
    "seal.passphrase_missing": ("กรุณาใส่รหัสผ่าน", "Please enter the passphrase"),
    "seal.photos_coming": (
        "ยังนำเข้าภาพไม่เสร็จ กรุณารอให้เสร็จก่อนปิดผนึก",
        "Photos are still being taken in: wait for them before sealing",
    ),
    "seal.confirm": ("ปิดผนึก", "Seal"),
    "seal.sealing": ("กำลังปิดผนึก…", "Sealing…"),
    "seal.no_key": (
        "ยังไม่มีกุญแจลงนามในเครื่องนี้ ต้องสร้างกุญแจก่อนจึงจะปิดผนึกได้",
        "There is no signing key on this device: create one before sealing.",
    ),
    "seal.make_key": ("สร้างกุญแจ", "Create my key"),
    "seal.back": ("กลับไปที่การตรวจ", "Back to the audit"),
    "seal.report": ("รายงานผลการประเมินของท่าน (PDF)", "Your report (PDF)"),
    "seal.report_saved": ("บันทึกรายงานไว้ที่ {path}", "Report saved to {path}"),
    "audit.revision": ("ฉบับที่ {number}", "Revision {number}"),
    "audit.correct": ("แก้ไข (เปิดฉบับแก้ไข)", "Correct (open a revision)"),
    "audit.only": ("แสดงเฉพาะข้อ {id}", "Only {id}"),
    "app.back_short": ("ย้อนกลับ", "Back"),
}
