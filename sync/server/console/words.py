"""The console's words in Thai and English, and the words of committee roles.

``say(key, lang, **values)`` gives the English text for ``"en"`` and Thai otherwise; a key with
no entry is a bug (KeyError). Committee roles are shown through ``COMMITTEE_ROLES`` keyed by the
role string the store keeps, so a role the store learns later appears under its own string until
its words are added here. Words of more than a line or two live in ``words_more``.
"""

from __future__ import annotations

from sync.server.console.words_evidence import EVIDENCE
from sync.server.console.words_more import MORE
from sync.server.console.words_pages import PAGES
from sync.server.console.words_results import RESULTS

# key -> (Thai, English)
WORDS: dict[str, tuple[str, str]] = {
    "app_title": ("ระบบงานศูนย์ราชการสะดวก", "GECC office console"),
    "app_subtitle": ("สำนักงานผู้ดูแลการตรวจประเมิน", "The office that runs the assessment"),
    "skip": ("ข้ามไปยังเนื้อหา", "Skip to the content"),
    "other_language": ("English", "ภาษาไทย"),
    "nav_rounds": ("รอบการประเมิน", "Rounds"),
    "nav_results": ("ผลที่ได้รับ", "Results inbox"),
    "nav_certificates": ("ใบรับรอง", "Certificates"),
    "nav_keys": ("กุญแจผู้ตรวจ", "Inspectors' keys"),
    "nav_log": ("บันทึกการใช้งาน", "Audit log"),
    "nav_stats": ("สถิติ", "Statistics"),
    "nav_accounts": ("บัญชีผู้ใช้", "Accounts"),
    "nav_main": ("เมนูหลัก", "Main menu"),
    "signed_in_as": ("ผู้ใช้: {name} ({role})", "Signed in: {name} ({role})"),
    "my_account": ("บัญชีของท่าน", "Your account"),
    "log_out": ("ออกจากระบบ", "Sign out"),
    "log_in": ("เข้าสู่ระบบ", "Sign in"),
    "username": ("ชื่อผู้ใช้", "Username"),
    "password": ("รหัสผ่าน", "Password"),
    "login_title": ("เข้าสู่ระบบงานของสำนักงาน", "Sign in to the office console"),
    "login_hint": (
        "บัญชีผู้ใช้ออกให้โดยผู้ดูแลระบบของสำนักงาน ใส่รหัสผ่านผิดติดต่อกัน 5 ครั้ง บัญชีจะถูกล็อก",
        "Accounts are made by the office's admin. Five wrong passwords in a row lock the account.",
    ),
    "role_admin": ("ผู้ดูแลระบบ", "admin"),
    "role_clerk": ("เจ้าหน้าที่ธุรการ", "clerk"),
    "role_secretary": ("เลขานุการคณะกรรมการ", "secretary"),
    "role_approver": ("ผู้มีอำนาจพิจารณา", "approver"),
    "role_viewer": ("ผู้ดูข้อมูล", "viewer"),
    "accounts_title": ("บัญชีผู้ใช้ของสำนักงาน", "Office accounts"),
    "name": ("ชื่อ-นามสกุล", "Name"),
    "role": ("บทบาท", "Role"),
    "state": ("สถานะ", "State"),
    "active": ("ใช้งาน", "active"),
    "disabled": ("ปิดใช้งาน", "disabled"),
    "locked": ("ถูกล็อก", "locked"),
    "new_account": ("เพิ่มบัญชีผู้ใช้", "Add an account"),
    "new_password": ("รหัสผ่านใหม่", "New password"),
    "current_password": ("รหัสผ่านปัจจุบัน", "Current password"),
    "password_hint": (
        "อย่างน้อย 12 ตัวอักษร และไม่มีชื่อผู้ใช้อยู่ในรหัสผ่าน",
        "At least 12 characters, not containing the username",
    ),
    "create": ("บันทึก", "Save"),
    "save": ("บันทึก", "Save"),
    "unlock": ("ปลดล็อก", "Unlock"),
    "disable": ("ปิดใช้งาน", "Disable"),
    "enable": ("เปิดใช้งาน", "Enable"),
    "change_role": ("เปลี่ยนบทบาท", "Change the role"),
    "set_password": ("ตั้งรหัสผ่านใหม่", "Set a new password"),
    "change_password": ("เปลี่ยนรหัสผ่าน", "Change the password"),
    "done": ("เรียบร้อย", "Done"),
    "refused": ("ทำไม่ได้", "Refused"),
    "forbidden_title": ("ไม่มีสิทธิ์", "Not allowed"),
    "back_home": ("กลับหน้าหลัก", "Back to the start"),
    "error_title": ("ทำรายการไม่สำเร็จ", "That did not work"),
    "account_created": ("เพิ่มบัญชี {username} แล้ว", "Account {username} added"),
    "account_changed": ("แก้ไขบัญชี {username} แล้ว", "Account {username} changed"),
    "password_changed": ("เปลี่ยนรหัสผ่านแล้ว", "The password is changed"),
    "none_yet": ("ยังไม่มี", "None yet"),
    "search": ("ค้นหา", "Search"),
    "filter": ("กรอง", "Filter"),
    "all": ("ทั้งหมด", "All"),
    "previous": ("ก่อนหน้า", "Previous"),
    "next": ("ถัดไป", "Next"),
    "page_of": ("หน้า {page} จาก {pages}", "Page {page} of {pages}"),
    "yes": ("ใช่", "yes"),
    "no": ("ไม่ใช่", "no"),
    "download": ("ดาวน์โหลด", "Download"),
    "optional": ("(ถ้ามี)", "(optional)"),
}
WORDS.update(MORE)
WORDS.update(PAGES)
WORDS.update(RESULTS)
WORDS.update(EVIDENCE)


def say(key: str, lang: str, **values: object) -> str:
    """The text ``key`` in ``lang`` (English for "en", Thai otherwise) with ``values``."""
    thai, english = WORDS[key]
    return (english if lang == "en" else thai).format(**values)
