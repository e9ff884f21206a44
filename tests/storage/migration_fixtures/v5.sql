-- Data as schema version 5 wrote it (version 4's data plus a certificate held for an LAO).
INSERT INTO inspector_profile VALUES ('insp-1', 'นายสมชาย ใจดี', 'ผู้ทรงคุณวุฒิ', NULL, '2026-11-01T02:00:00.000000+00:00');
INSERT INTO edition VALUES ('hash-v1', 'gecc-2560', '{}', '2026-11-01T02:00:00.000000+00:00');
INSERT INTO round VALUES ('fy2570', 2570, 'รอบปีงบประมาณ พ.ศ. 2570', 'FY 2570', 'gecc-2560', '2027-01-29', '2026-12-08');
INSERT INTO lao VALUES ('pattaya', 'เมืองพัทยา', 'Pattaya City', 'เมืองพัทยา', '20', 'ชลบุรี', 'Chon Buri');
INSERT INTO committee VALUES ('c3', 'fy2570', 'ชุดที่ 3', 'Subcommittee 3');
INSERT INTO assignment VALUES ('a-1', 'fy2570', 'pattaya', 'c3', '2026-12-03', 68);
INSERT INTO audit VALUES ('audit-1', 'a-1', 'insp-1', 'gecc-2560', 'hash-v1', 'sealed', 1, NULL, NULL, 'h1', '2026-12-03T02:00:00.000000+00:00', '2026-12-03T02:10:00.000000+00:00', '2026-12-03T03:00:00.000000+00:00');
INSERT INTO finding VALUES ('audit-1', 'B01', 'met', 'ป้ายชัดเจน', 'insp-1', '2026-12-03T02:05:00.000000+00:00');
INSERT INTO sealed_result VALUES ('h1', 'gecc.sealed-audit', 'audit-1', 'a-1', 'insp-1', 1, NULL, X'7B7D', 'sig', 'key', 'sealed_here', '2026-12-03T03:00:00.000000+00:00');
INSERT INTO committee_ruling VALUES ('a-1', 'A03', 'met', 'มีหลักฐาน', 'insp-1', '2026-12-03T04:00:00.000000+00:00');
INSERT INTO finding VALUES ('audit-1', 'B02', 'not_met', '', 'insp-1', '2026-12-03T02:06:00.000000+00:00');
INSERT INTO sync_cursor VALUES ('assignments', 42, '2026-12-02T01:00:00.000000+00:00');
INSERT INTO sync_run VALUES (1, '2026-12-02T01:00:00.000000+00:00', '2026-12-02T01:00:05.000000+00:00', 2, 0, 5, NULL);
INSERT INTO trusted_issuing_key VALUES ('Zb3f9cXK2pE', 'kP3Xq0s2a9b8c7d6e5f4g3h2i1j0kLmNoPqRsTuVwXy', '2026-10-01', '2027-03-14', '2027-03-20T02:00:00.000000+00:00');
INSERT INTO trusted_issuing_key VALUES ('Qm7t1nVw0aA', 'AAAAbbbbCCCCddddEEEEffffGGGGhhhhIIIIjjjjKKK', '2027-03-14', NULL, '2027-03-20T02:00:00.000000+00:00');
INSERT INTO certificate_revocation VALUES ('GECC-2570-20-0003', 'Zb3f9cXK2pE', 'ศูนย์บริการปิดปรับปรุงเกินหกเดือน', '2027-05-01T03:00:00.000000+00:00');
INSERT INTO revocation_list_state VALUES ('Zb3f9cXK2pE', 4, 'c0ffee', 'Qm7t1nVw0aA', '2027-05-01T03:00:00.000000+00:00', X'7B7D', '2027-05-02T01:00:00.000000+00:00');
INSERT INTO held_certificate VALUES ('GECC-2570-20-0001', 'fy2570', 'pattaya', 'GECC1:NCFOXN%TSMAHN-H', '2026-11-20T03:00:00.000000+00:00');
