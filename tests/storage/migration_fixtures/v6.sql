-- Data as schema version 6 wrote it (version 5's data plus every key of a member, one revoked,
-- and a member the chair recorded absent).
INSERT INTO inspector_profile VALUES ('insp-1', 'นายสมชาย ใจดี', 'ผู้ทรงคุณวุฒิ', NULL, '2026-11-01T02:00:00.000000+00:00');
INSERT INTO edition VALUES ('hash-v1', 'gecc-2560', '{}', '2026-11-01T02:00:00.000000+00:00');
INSERT INTO round VALUES ('fy2570', 2570, 'รอบปีงบประมาณ พ.ศ. 2570', 'FY 2570', 'gecc-2560', '2027-01-29', '2026-12-08');
INSERT INTO lao VALUES ('pattaya', 'เมืองพัทยา', 'Pattaya City', 'เมืองพัทยา', '20', 'ชลบุรี', 'Chon Buri');
INSERT INTO committee VALUES ('c3', 'fy2570', 'ชุดที่ 3', 'Subcommittee 3');
INSERT INTO committee_member VALUES ('c3', 'insp-1', 'นายสมชาย ใจดี', 'chair', 'new-key');
INSERT INTO committee_member VALUES ('c3', 'insp-2', 'นางสาวมาลี ดีงาม', 'member', NULL);
INSERT INTO assignment VALUES ('a-1', 'fy2570', 'pattaya', 'c3', '2026-12-03', 68);
INSERT INTO audit VALUES ('audit-1', 'a-1', 'insp-1', 'gecc-2560', 'hash-v1', 'sealed', 1, NULL, NULL, 'h1', '2026-12-03T02:00:00.000000+00:00', '2026-12-03T02:10:00.000000+00:00', '2026-12-03T03:00:00.000000+00:00');
INSERT INTO finding VALUES ('audit-1', 'B01', 'met', 'ป้ายชัดเจน', 'insp-1', '2026-12-03T02:05:00.000000+00:00');
INSERT INTO sealed_result VALUES ('h1', 'gecc.sealed-audit', 'audit-1', 'a-1', 'insp-1', 1, NULL, X'7B7D', 'sig', 'key', 'sealed_here', '2026-12-03T03:00:00.000000+00:00');
INSERT INTO committee_ruling VALUES ('a-1', 'A03', 'met', 'มีหลักฐาน', 'insp-1', '2026-12-03T04:00:00.000000+00:00');
INSERT INTO sync_cursor VALUES ('assignments', 42, '2026-12-02T01:00:00.000000+00:00');
INSERT INTO held_certificate VALUES ('GECC-2570-20-0001', 'fy2570', 'pattaya', 'GECC1:NCFOXN%TSMAHN-H', '2026-11-20T03:00:00.000000+00:00');
INSERT INTO member_key VALUES ('insp-1', 'old-key', '2026-11-30T03:00:00.000000+00:00');
INSERT INTO member_key VALUES ('insp-1', 'new-key', NULL);
INSERT INTO committee_absence VALUES ('a-1', 'insp-2', 'ลาป่วย', 'insp-1', '2026-12-03T05:00:00.000000+00:00');
