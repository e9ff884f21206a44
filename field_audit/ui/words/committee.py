"""Words of the committee screen: members' audits, disagreements, rulings, seal and bundles."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "committee.open": ("คณะกรรมการ", "Committee"),
    "committee.open_label": ("ผลของคณะกรรมการ {name}", "The committee's result for {name}"),
    "committee.title": ("ผลการตรวจของคณะกรรมการ", "The committee's result"),
    "committee.chair_is": ("ประธาน: {name}", "Chair: {name}"),
    "committee.you_chair": ("ท่านเป็นประธานคณะกรรมการชุดนี้", "You chair this committee"),
    "committee.you_member": (
        "ท่านเป็นกรรมการ ประธานเป็นผู้วินิจฉัยข้อที่เห็นต่างและปิดผนึกผล",
        "You are a member: the chair rules on disputes and seals the result",
    ),
    "committee.members": ("กรรมการและผลการตรวจ", "Members and their audits"),
    "committee.roll_counts": (
        "กรรมการ {total} คน: นับผลแล้ว {counted} · ไม่มา {absent} · รอผล {awaited}",
        "{total} members: {counted} counted · {absent} absent · {awaited} awaited",
    ),
    "committee.no_seats": (
        "เครื่องนี้ยังไม่มีรายชื่อกรรมการของคณะนี้ กรุณาซิงค์ก่อน",
        "This device has no member list for this committee yet: sync first",
    ),
    "committee.presence.counted": ("นับผลแล้ว", "counted"),
    "committee.presence.absent": ("ไม่มา", "absent"),
    "committee.presence.awaited": ("รอผล", "awaited"),
    "committee.absent_because": ("ไม่มา — เหตุผล: {reason}", "Absent — reason: {reason}"),
    "committee.awaited_hint": (
        "ยังไม่มีผลที่ปิดผนึกของกรรมการคนนี้ในเครื่อง นำเข้าชุดข้อมูลของท่าน หรือประธานบันทึกว่าไม่มาพร้อมเหตุผล",
        "No sealed audit of this member here yet: import their bundle, or the chair records"
        " them absent with a reason",
    ),
    "committee.absence_reason": ("เหตุผลที่ {name} ไม่มา", "Why {name} is absent"),
    "committee.absence_record": ("บันทึกว่า {name} ไม่มา", "Record {name} absent"),
    "committee.absence_undo": ("ยกเลิกการบันทึกว่า {name} ไม่มา", "Take back {name}'s absence"),
    "committee.quorum_ok": (
        "ครบองค์ประชุม: นับผลได้ {counted} จาก {total} คน (ต้องมีอย่างน้อย {needed} คน)",
        "Quorum met: {counted} of {total} counted (at least {needed} needed)",
    ),
    "committee.quorum_short": (
        "ยังไม่ครบองค์ประชุม: นับผลได้ {counted} จาก {total} คน (ต้องมีอย่างน้อย {needed} คน)",
        "No quorum yet: {counted} of {total} counted (at least {needed} needed)",
    ),
    "committee.awaiting_members": (
        "ยังนับกรรมการไม่ครบ รอผลของ {names} — คะแนนของคณะกรรมการจะแสดงเมื่อนับครบทุกคน",
        "Not every member is accounted for: waiting for {names}. The committee's score"
        " shows once every member is counted or recorded absent",
    ),
    "committee.stale": (
        "มีผลของกรรมการเข้ามาหรือเปลี่ยนไปหลังจากปิดผนึก ต้องรวมผลและปิดผนึกใหม่",
        "A member's audit arrived or changed after the seal: consolidate and seal again",
    ),
    "committee.seal_blocked_awaited": (
        "ยังปิดผนึกไม่ได้: ต้องนับกรรมการให้ครบทุกคนก่อน (รอผลของ {names})",
        "Not yet: every member must be accounted for first (waiting for {names})",
    ),
    "committee.seal_blocked_quorum": (
        "ยังปิดผนึกไม่ได้: ไม่ครบองค์ประชุม (นับได้ {counted} คน ต้องมีอย่างน้อย {needed} คน)",
        "Not yet: no quorum ({counted} counted, at least {needed} needed)",
    ),
    "committee.no_members": (
        "ยังไม่มีผลการตรวจที่ปิดผนึกแล้วของการตรวจนี้ในเครื่อง นำเข้าชุดข้อมูล (.gecc) จากกรรมการ"
        " หรือปิดผนึกผลของท่านก่อน",
        "No sealed audit of this visit on this device yet: import members' bundles (.gecc),"
        " or seal your own audit first",
    ),
    "committee.member_line": (
        "ฉบับที่ {revision} · {points}/{max} คะแนน · {verdict}",
        "revision {revision} · {points}/{max} points · {verdict}",
    ),
    "committee.member_share": (
        "ฉบับที่ {revision} · ประเมินตามส่วนที่ได้รับ {count} ข้อ",
        "revision {revision} · assessed a share of {count} criteria",
    ),
    "committee.unassessed": (
        "ยังไม่มีกรรมการคนใดประเมินข้อ {ids} กรรมการที่รับผิดชอบต้องประเมินและส่งผลก่อน",
        "Nobody has assessed {ids} yet: a member must assess them and send the result first",
    ),
    "committee.seal_blocked_unassessed": (
        "ยังไม่มีกรรมการคนใดประเมินข้อ {ids}",
        "Nobody has assessed {ids} yet",
    ),
    "committee.recommendations": ("ข้อเสนอแนะต่อ อปท.", "Recommendations to the LAO"),
    "committee.recommendations_hint": (
        "ประธานรวบรวมข้อเสนอแนะของกรรมการเป็นข้อเสนอแนะของคณะกรรมการ",
        "The chair puts the members' recommendations together as the committee's",
    ),
    "committee.recommendation_overall": ("ข้อเสนอแนะโดยรวม", "Overall"),
    "committee.recommendation_field": (
        "ข้อเสนอแนะของคณะกรรมการ {what}",
        "The committee's recommendation, {what}",
    ),
    "committee.recommendation_kept": ("คณะกรรมการ: {text}", "The committee: {text}"),
    "committee.no_recommendations": (
        "ยังไม่มีข้อเสนอแนะจากกรรมการ",
        "No member has recommended anything yet",
    ),
    "committee.fingerprint": ("ลายนิ้วมือกุญแจ {fingerprint}", "Key fingerprint {fingerprint}"),
    "committee.you": ("(ท่าน)", "(you)"),
    "committee.import": ("นำเข้าชุดข้อมูลของกรรมการ", "Import members' bundles"),
    "committee.importing": ("กำลังตรวจสอบและนำเข้า...", "Checking and importing..."),
    "committee.imported": (
        "นำเข้าแล้ว: {file} — ผลการตรวจของ {name} ({count} รายการใหม่)",
        "Imported {file}: {name}'s result ({count} new)",
    ),
    "committee.imported_elsewhere": (
        "นำเข้าแล้ว: {file} — ผลของ {name} สำหรับ {lao} (การตรวจอื่น)",
        "Imported {file}: {name}'s result for {lao} (another visit)",
    ),
    "committee.refused": ("ไม่นำเข้า {file}: {reason}", "Not imported {file}: {reason}"),
    "committee.disagreements": (
        "ข้อที่กรรมการเห็นต่างกัน ({count} ข้อ)",
        "Where members disagree ({count})",
    ),
    "committee.no_disagreements": (
        "ไม่มีข้อที่กรรมการผู้ประเมินเห็นต่างกัน",
        "No criterion where the members who assessed it differ",
    ),
    "committee.disputed": ("ต้องให้ประธานวินิจฉัย", "disputed: the chair rules"),
    "committee.ruled_tag": ("ประธานวินิจฉัยแล้ว", "ruled by the chair"),
    "committee.majority": (
        "เสียงข้างมาก: {verdict} — ประธานกลับผลเสียงข้างมากไม่ได้",
        "Majority: {verdict} — the chair cannot overrule a majority",
    ),
    "committee.ruled": (
        "ประธานวินิจฉัย: {verdict} — เหตุผล: {reason}",
        "Chair ruled {verdict}: {reason}",
    ),
    "committee.vote": ("{name}: {verdict}", "{name}: {verdict}"),
    "committee.no_vote": ("ไม่ได้ประเมิน", "no verdict"),
    "committee.reason": ("เหตุผลของประธาน ({id})", "Chair's reason ({id})"),
    "committee.rule": ("{id} วินิจฉัยว่า{verdict}", "{id} rule {verdict}"),
    "committee.waiting_ruling": (
        "รอประธานวินิจฉัย {count} ข้อ: {ids}",
        "Waiting for the chair's ruling on {count}: {ids}",
    ),
    "committee.score": ("คะแนนของคณะกรรมการ", "The committee's score"),
    "committee.sealed": (
        "ปิดผนึกผลของคณะกรรมการแล้ว โดย {name} เมื่อ {when}",
        "The committee's result was sealed by {name} on {when}",
    ),
    "committee.seal_title": ("ปิดผนึกผลของคณะกรรมการ", "Seal the committee's result"),
    "committee.seal_hint": (
        "เมื่อปิดผนึกแล้วจะแก้ไขไม่ได้ ผลจะรอส่งไปยังศูนย์ข้อมูลกลางในหน้าซิงค์",
        "Once sealed it cannot change; it waits on the sync screen to go to the central store",
    ),
    "committee.seal": ("ปิดผนึกผลของคณะกรรมการ", "Seal the committee's result"),
    "committee.seal_blocked": (
        "ยังปิดผนึกไม่ได้: ต้องวินิจฉัยข้อที่เห็นต่างให้ครบก่อน",
        "Not yet: rule on every disputed criterion first",
    ),
    "committee.just_sealed": ("ปิดผนึกผลของคณะกรรมการแล้ว", "The committee's result is sealed"),
    "committee.export_own": ("ส่งออกผลของท่าน (.gecc)", "Export your result (.gecc)"),
    "committee.export_committee": (
        "ส่งออกผลของคณะกรรมการ (.gecc)",
        "Export the committee's result (.gecc)",
    ),
    "committee.exported": ("บันทึกไฟล์แล้วที่ {path}", "Saved as {path}"),
    "committee.share": ("แลกเปลี่ยนผล", "Share results"),
    "committee.share_hint": (
        "ส่งออกเป็นไฟล์ .gecc แล้วส่งให้ประธานทาง USB, AirDrop หรือแอปสื่อสาร"
        " ประธานนำเข้าไฟล์ที่นี่ ทุกลายมือชื่อและภาพถ่ายจะถูกตรวจสอบก่อนนำเข้า",
        "Export a .gecc file and give it to the chair by USB, AirDrop or a messenger;"
        " the chair imports it here, every signature and photo checked first",
    ),
    "committee.problem": ("ยังรวมผลไม่ได้: {reason}", "Cannot consolidate yet: {reason}"),
}
