-- Data as schema version 8 wrote it (version 7's data plus the inspector's settings on the
-- device: where they were in which audit, and the compact audit screen).
INSERT INTO inspector_profile VALUES ('insp-1', 'นายสมชาย ใจดี', 'ผู้ทรงคุณวุฒิ', NULL, '2026-11-01T02:00:00.000000+00:00');
INSERT INTO edition VALUES ('hash-v1', 'gecc-2563', '{}', '2026-11-01T02:00:00.000000+00:00');
INSERT INTO round VALUES ('fy2570', 2570, 'รอบปีงบประมาณ พ.ศ. 2570', 'FY 2570', 'gecc-2563', '2027-01-29', '2026-12-08', '2026-11-01', '2027-02-15', '2027-02-16', '2027-04-30', '2027-06-30');
INSERT INTO lao VALUES ('pattaya', 'เมืองพัทยา', 'Pattaya City', 'เมืองพัทยา', '20', 'ชลบุรี', 'Chon Buri');
INSERT INTO committee VALUES ('c3', 'fy2570', 'ชุดที่ 3', 'Subcommittee 3');
INSERT INTO committee_member VALUES ('c3', 'insp-1', 'นายสมชาย ใจดี', 'chair', 'new-key');
INSERT INTO committee_member VALUES ('c3', 'insp-2', 'นางสาวมาลี ดีงาม', 'joint_secretary', NULL);
INSERT INTO assignment VALUES ('a-1', 'fy2570', 'pattaya', 'c3', '2027-03-03', 68);
INSERT INTO self_claim VALUES ('a-1', 'O1', '4');
INSERT INTO audit VALUES ('audit-1', 'a-1', 'insp-1', 'gecc-2563', 'hash-v1', 'sealed', 1, NULL, NULL, 'h1', '2027-03-03T02:00:00.000000+00:00', '2027-03-03T02:10:00.000000+00:00', '2027-03-03T03:00:00.000000+00:00', '["P01","O1"]', 'ควรขยายเวลาให้บริการ');
INSERT INTO finding VALUES ('audit-1', 'P01', 'met', 'ป้ายชัดเจน', 'insp-1', '2027-03-03T02:05:00.000000+00:00', '');
INSERT INTO finding VALUES ('audit-1', 'O1', '4', '', 'insp-1', '2027-03-03T02:06:00.000000+00:00', 'ควรสำรวจทุกไตรมาส');
INSERT INTO evidence_record VALUES ('r-1', 'audit-1', 'O1', 'interview', '2027-03-03T02:30:00.000000+00:00', 'citizen', 'รอคิวไม่นาน', '', '', '', NULL, 0, 'insp-1', '2027-03-03T02:31:00.000000+00:00');
INSERT INTO evidence_record VALUES ('r-2', 'audit-1', 'O1', 'document', NULL, NULL, '', '', 'รายงานผลสำรวจความพึงพอใจ', 'ชบ 52001/123', NULL, 1, 'insp-1', '2027-03-03T02:32:00.000000+00:00');
INSERT INTO evidence_record VALUES ('r-3', 'audit-1', 'P01', 'observation', NULL, NULL, 'มีป้ายบอกทางทุกชั้น', '', '', '', NULL, 0, 'insp-1', '2027-03-03T02:33:00.000000+00:00');
INSERT INTO planned_share VALUES ('a-1', 'insp-1', '["P01","O1"]');
INSERT INTO committee_recommendation VALUES ('a-1', '', 'ควรพัฒนาระบบคิวออนไลน์', 'insp-1', '2027-03-03T05:00:00.000000+00:00');
INSERT INTO sealed_result VALUES ('h1', 'gecc.sealed-audit', 'audit-1', 'a-1', 'insp-1', 1, NULL, X'7B7D', 'sig', 'key', 'sealed_here', '2027-03-03T03:00:00.000000+00:00');
INSERT INTO committee_ruling VALUES ('a-1', 'O2', '3', 'มีหลักฐานบางส่วน', 'insp-1', '2027-03-03T04:00:00.000000+00:00');
INSERT INTO sync_cursor VALUES ('assignments', 42, '2027-03-02T01:00:00.000000+00:00');
INSERT INTO held_certificate VALUES ('GECC-2570-20-0001', 'fy2570', 'pattaya', 'GECC1:NCFOXN%TSMAHN-H', '2026-11-20T03:00:00.000000+00:00');
INSERT INTO member_key VALUES ('insp-1', 'old-key', '2026-11-30T03:00:00.000000+00:00');
INSERT INTO member_key VALUES ('insp-1', 'new-key', NULL);
INSERT INTO committee_absence VALUES ('a-1', 'insp-2', 'ลาป่วย', 'insp-1', '2027-03-03T05:00:00.000000+00:00');
INSERT INTO device_setting VALUES ('place', '{"assignment": "a-1", "criterion": "O1"}', '2027-03-03T02:40:00.000000+00:00');
INSERT INTO device_setting VALUES ('audit.compact', 'on', '2027-03-03T02:41:00.000000+00:00');
