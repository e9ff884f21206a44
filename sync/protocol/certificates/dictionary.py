"""The zlib preset dictionary of QR format ``GECC1``: Thai words that certificates repeat.

Deflate on a payload of 250 bytes has little history to refer back to, so a certificate's Thai
names (three UTF-8 bytes a letter) compress poorly. A preset dictionary (RFC 1950, FDICT) gives
the compressor that history: the kinds of LAO, the service centre's usual names, the level
names and the 77 provinces. For a typical certificate it saves about 75 bytes, which is
3 QR versions (see ``scripts/bench/certificates.py``).

FROZEN: this text is part of format ``GECC1``. Changing one byte makes every printed
certificate undecodable; a new dictionary needs a new prefix (``GECC2:``). Deflate reaches
nearer text more cheaply, so the commonest words come last.
"""

from __future__ import annotations

_PROVINCES = (
    "กรุงเทพมหานคร สมุทรปราการ นนทบุรี ปทุมธานี พระนครศรีอยุธยา อ่างทอง ลพบุรี สิงห์บุรี ชัยนาท"
    " สระบุรี ชลบุรี ระยอง จันทบุรี ตราด ฉะเชิงเทรา ปราจีนบุรี นครนายก สระแก้ว นครราชสีมา"
    " บุรีรัมย์ สุรินทร์ ศรีสะเกษ อุบลราชธานี ยโสธร ชัยภูมิ อำนาจเจริญ บึงกาฬ หนองบัวลำภู ขอนแก่น"
    " อุดรธานี เลย หนองคาย มหาสารคาม ร้อยเอ็ด กาฬสินธุ์ สกลนคร นครพนม มุกดาหาร เชียงใหม่ ลำพูน"
    " ลำปาง อุตรดิตถ์ แพร่ น่าน พะเยา เชียงราย แม่ฮ่องสอน นครสวรรค์ อุทัยธานี กำแพงเพชร ตาก"
    " สุโขทัย พิษณุโลก พิจิตร เพชรบูรณ์ ราชบุรี กาญจนบุรี สุพรรณบุรี นครปฐม สมุทรสาคร สมุทรสงคราม"
    " เพชรบุรี ประจวบคีรีขันธ์ นครศรีธรรมราช กระบี่ พังงา ภูเก็ต สุราษฎร์ธานี ระนอง ชุมพร สงขลา"
    " สตูล ตรัง พัทลุง ปัตตานี ยะลา นราธิวาส"
)
_COMMON = (
    " ระดับพื้นฐาน ระดับก้าวหน้า ระดับเป็นเลิศ องค์การบริหารส่วนจังหวัด องค์การบริหารส่วนตำบล"
    " เทศบาลตำบล เทศบาลเมือง เมืองพัทยา ศูนย์บริการร่วม (One Stop Service)"
    " ศูนย์ราชการสะดวก (GECC) เทศบาลนคร gecc-2560 GECC-25"
)

GECC1_DICTIONARY = (_PROVINCES + _COMMON).encode("utf-8")
"""The preset dictionary, 2351 bytes; its Adler-32 (in every GECC1 zlib header) is fixed."""
