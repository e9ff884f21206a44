"""Ordered schema migrations for the device database, tracked in SQLite's ``user_version``.

Each release that changes the schema appends one step; steps are never edited once released.
Every step runs in one transaction with the version bump, so a crash mid-upgrade leaves the
previous version intact. A database from a newer app is refused rather than guessed at.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from field_audit.storage.errors import SchemaTooNew

V1 = """
CREATE TABLE inspector_profile (
    id TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL, position TEXT NOT NULL DEFAULT '',
    central_url TEXT, created_at TEXT NOT NULL);
CREATE TABLE edition (
    content_hash TEXT NOT NULL PRIMARY KEY, edition_id TEXT NOT NULL, document TEXT NOT NULL,
    added_at TEXT NOT NULL);
CREATE INDEX ix_edition_edition_id ON edition (edition_id);
CREATE TABLE round (
    id TEXT NOT NULL PRIMARY KEY, fiscal_year_be INTEGER NOT NULL, title_th TEXT NOT NULL,
    title_en TEXT NOT NULL, edition_id TEXT NOT NULL, deadline DATE NOT NULL, briefing_on DATE);
CREATE TABLE lao (
    id TEXT NOT NULL PRIMARY KEY, name_th TEXT NOT NULL, name_en TEXT NOT NULL, kind TEXT NOT NULL,
    province_code TEXT NOT NULL, province_th TEXT NOT NULL, province_en TEXT NOT NULL);
CREATE TABLE committee (
    id TEXT NOT NULL PRIMARY KEY, round_id TEXT NOT NULL REFERENCES round (id),
    name_th TEXT NOT NULL, name_en TEXT NOT NULL);
CREATE TABLE committee_member (
    committee_id TEXT NOT NULL REFERENCES committee (id), inspector_id TEXT NOT NULL,
    name TEXT NOT NULL, role TEXT NOT NULL, public_key TEXT,
    PRIMARY KEY (committee_id, inspector_id));
CREATE TABLE assignment (
    id TEXT NOT NULL PRIMARY KEY, round_id TEXT NOT NULL REFERENCES round (id),
    lao_id TEXT NOT NULL REFERENCES lao (id), committee_id TEXT NOT NULL REFERENCES committee (id),
    visit_date DATE NOT NULL, self_assessment_points INTEGER,
    UNIQUE (round_id, lao_id));
CREATE TABLE self_claim (
    assignment_id TEXT NOT NULL REFERENCES assignment (id), criterion_id TEXT NOT NULL,
    claim TEXT NOT NULL CHECK (claim IN ('met', 'not_met')),
    PRIMARY KEY (assignment_id, criterion_id));
CREATE TABLE audit (
    id TEXT NOT NULL PRIMARY KEY, assignment_id TEXT NOT NULL REFERENCES assignment (id),
    inspector_id TEXT NOT NULL, edition_id TEXT NOT NULL,
    edition_hash TEXT NOT NULL REFERENCES edition (content_hash),
    status TEXT NOT NULL CHECK (status IN ('draft', 'complete', 'sealed', 'synced')),
    revision INTEGER NOT NULL DEFAULT 1, replaces_audit_id TEXT, replaces_hash TEXT,
    sealed_hash TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, sealed_at TEXT);
CREATE INDEX ix_audit_assignment_id ON audit (assignment_id);
CREATE TABLE finding (
    audit_id TEXT NOT NULL REFERENCES audit (id), criterion_id TEXT NOT NULL,
    verdict TEXT CHECK (verdict IN ('met', 'not_met')), note TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
    PRIMARY KEY (audit_id, criterion_id));
CREATE TABLE photo (
    id TEXT NOT NULL PRIMARY KEY, audit_id TEXT NOT NULL REFERENCES audit (id),
    criterion_id TEXT NOT NULL, sha256 TEXT NOT NULL, thumb_sha256 TEXT NOT NULL,
    caption TEXT NOT NULL DEFAULT '', captured_at TEXT, gps_lat REAL, gps_lon REAL,
    width INTEGER NOT NULL, height INTEGER NOT NULL, byte_size INTEGER NOT NULL,
    attached_by TEXT NOT NULL, attached_at TEXT NOT NULL, position INTEGER NOT NULL);
CREATE INDEX ix_photo_audit_id ON photo (audit_id);
CREATE INDEX ix_photo_sha256 ON photo (sha256);
CREATE TABLE outbox (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, ref TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'waiting', attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,
    created_at TEXT NOT NULL, next_attempt_at TEXT);
"""

# Version 2: sealed results (own and imported, as the exact signed bytes) and the chair's
# rulings on disputed criteria, saved as they are made.
V2 = """
CREATE TABLE sealed_result (
    hash TEXT NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('gecc.sealed-audit', 'gecc.committee-result')),
    result_id TEXT NOT NULL, assignment_id TEXT NOT NULL, inspector_id TEXT NOT NULL,
    revision INTEGER NOT NULL, replaces TEXT, payload BLOB NOT NULL, signature TEXT NOT NULL,
    public_key TEXT NOT NULL, origin TEXT NOT NULL CHECK (origin IN ('sealed_here', 'imported')),
    stored_at TEXT NOT NULL);
CREATE INDEX ix_sealed_result_assignment_id ON sealed_result (assignment_id);
CREATE UNIQUE INDEX ix_sealed_result_result_id ON sealed_result (result_id);
CREATE TABLE committee_ruling (
    assignment_id TEXT NOT NULL REFERENCES assignment (id), criterion_id TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('met', 'not_met')), reason TEXT NOT NULL,
    ruled_by TEXT NOT NULL, ruled_at TEXT NOT NULL,
    PRIMARY KEY (assignment_id, criterion_id));
"""

# Version 3: where each pulled view of the central store stopped, and a log of sync runs.
V3 = """
CREATE TABLE sync_cursor (
    view TEXT NOT NULL PRIMARY KEY, cursor INTEGER NOT NULL, pulled_at TEXT NOT NULL);
CREATE TABLE sync_run (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, finished_at TEXT,
    sent INTEGER NOT NULL DEFAULT 0, refused INTEGER NOT NULL DEFAULT 0,
    pulled INTEGER NOT NULL DEFAULT 0, error TEXT);
"""

# Version 4: what the device needs to check GECC certificates offline: the issuing keys it
# trusts, the revoked certificates, and per issuing key the revocation list it last accepted
# (its counter refuses a replayed older list; the signed document is kept as received).
V4 = """
CREATE TABLE trusted_issuing_key (
    key_id TEXT NOT NULL PRIMARY KEY, public_key TEXT NOT NULL, valid_from DATE NOT NULL,
    valid_until DATE, added_at TEXT NOT NULL);
CREATE TABLE certificate_revocation (
    reference TEXT NOT NULL PRIMARY KEY, key_id TEXT NOT NULL, reason TEXT NOT NULL,
    revoked_at TEXT NOT NULL);
CREATE INDEX ix_certificate_revocation_key_id ON certificate_revocation (key_id);
CREATE TABLE revocation_list_state (
    key_id TEXT NOT NULL PRIMARY KEY, counter INTEGER NOT NULL, list_hash TEXT NOT NULL,
    signed_by TEXT NOT NULL, issued_at TEXT NOT NULL, document BLOB NOT NULL,
    loaded_at TEXT NOT NULL);
"""

# Version 5: the certificates the office issued to this inspector's LAOs, as their QR codes
# carry them (checked against the trust and revocation lists each time they are shown).
V5 = """
CREATE TABLE held_certificate (
    reference TEXT NOT NULL PRIMARY KEY, round_id TEXT NOT NULL, lao_id TEXT NOT NULL,
    qr_text TEXT NOT NULL, received_at TEXT NOT NULL);
CREATE INDEX ix_held_certificate_lao_id ON held_certificate (lao_id);
"""

V6 = """
CREATE TABLE member_key (
    inspector_id TEXT NOT NULL, public_key TEXT NOT NULL, revoked_at TEXT,
    PRIMARY KEY (inspector_id, public_key));
INSERT OR IGNORE INTO member_key (inspector_id, public_key, revoked_at)
    SELECT inspector_id, public_key, NULL FROM committee_member WHERE public_key IS NOT NULL;
CREATE TABLE committee_absence (
    assignment_id TEXT NOT NULL REFERENCES assignment (id), inspector_id TEXT NOT NULL,
    reason TEXT NOT NULL, marked_by TEXT NOT NULL, marked_at TEXT NOT NULL,
    PRIMARY KEY (assignment_id, inspector_id));
"""

# Version 7: the committee as real ones work. Graded answers (a criterion's points, written
# as digits) beside met / not met, so the tables that checked the two words are rebuilt with
# their rows; each audit's scope (the member's share: a JSON list, NULL for every criterion)
# and overall recommendation; a recommendation per finding; evidence records (interviews,
# documents seen, observations); the shares the office planned; the chair's consolidated
# recommendations; a round's whole calendar; the former "secretary" role as joint secretary.
V7 = """
CREATE TABLE finding_v7 (
    audit_id TEXT NOT NULL REFERENCES audit (id), criterion_id TEXT NOT NULL,
    verdict TEXT CHECK (verdict IN ('met', 'not_met') OR verdict GLOB '[0-9]*'),
    note TEXT NOT NULL DEFAULT '', recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
    recommendation TEXT NOT NULL DEFAULT '', PRIMARY KEY (audit_id, criterion_id));
INSERT INTO finding_v7 (audit_id, criterion_id, verdict, note, recorded_by, recorded_at)
    SELECT audit_id, criterion_id, verdict, note, recorded_by, recorded_at FROM finding;
DROP TABLE finding;
ALTER TABLE finding_v7 RENAME TO finding;
CREATE TABLE committee_ruling_v7 (
    assignment_id TEXT NOT NULL REFERENCES assignment (id), criterion_id TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('met', 'not_met') OR verdict GLOB '[0-9]*'),
    reason TEXT NOT NULL, ruled_by TEXT NOT NULL, ruled_at TEXT NOT NULL,
    PRIMARY KEY (assignment_id, criterion_id));
INSERT INTO committee_ruling_v7 SELECT * FROM committee_ruling;
DROP TABLE committee_ruling;
ALTER TABLE committee_ruling_v7 RENAME TO committee_ruling;
CREATE TABLE self_claim_v7 (
    assignment_id TEXT NOT NULL REFERENCES assignment (id), criterion_id TEXT NOT NULL,
    claim TEXT NOT NULL CHECK (claim IN ('met', 'not_met') OR claim GLOB '[0-9]*'),
    PRIMARY KEY (assignment_id, criterion_id));
INSERT INTO self_claim_v7 SELECT * FROM self_claim;
DROP TABLE self_claim;
ALTER TABLE self_claim_v7 RENAME TO self_claim;
ALTER TABLE audit ADD COLUMN scope TEXT;
ALTER TABLE audit ADD COLUMN recommendation TEXT NOT NULL DEFAULT '';
CREATE TABLE evidence_record (
    id TEXT NOT NULL PRIMARY KEY, audit_id TEXT NOT NULL REFERENCES audit (id),
    criterion_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('interview', 'document', 'observation')),
    at TEXT, whom TEXT CHECK (whom IN ('citizen', 'staff', 'lao_officer')),
    text TEXT NOT NULL DEFAULT '', identity TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '', reference TEXT NOT NULL DEFAULT '', page_photo TEXT,
    position INTEGER NOT NULL, recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL);
CREATE INDEX ix_evidence_record_audit_id ON evidence_record (audit_id);
CREATE TABLE planned_share (
    assignment_id TEXT NOT NULL REFERENCES assignment (id), inspector_id TEXT NOT NULL,
    criteria TEXT NOT NULL, PRIMARY KEY (assignment_id, inspector_id));
CREATE TABLE committee_recommendation (
    assignment_id TEXT NOT NULL REFERENCES assignment (id), criterion_id TEXT NOT NULL,
    text TEXT NOT NULL, written_by TEXT NOT NULL, written_at TEXT NOT NULL,
    PRIMARY KEY (assignment_id, criterion_id));
ALTER TABLE round ADD COLUMN opens_on DATE;
ALTER TABLE round ADD COLUMN screening_until DATE;
ALTER TABLE round ADD COLUMN visits_from DATE;
ALTER TABLE round ADD COLUMN visits_until DATE;
ALTER TABLE round ADD COLUMN results_on DATE;
UPDATE committee_member SET role = 'joint_secretary' WHERE role = 'secretary';
"""

# Which clock a photo's capture time came from (EXIF DateTimeOriginal, IFD0 DateTime, or the
# device's when the app took the photo itself).
V8 = """
ALTER TABLE photo ADD COLUMN captured_from TEXT;
"""

# Version 9: the inspector's own settings on this device, by name (where they were in which
# audit, the compact audit screen): small values that survive a closed tab and a restart.
V9 = """
CREATE TABLE device_setting (
    name TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL);
"""

MIGRATIONS: tuple[str, ...] = (V1, V2, V3, V4, V5, V6, V7, V8, V9)
LATEST_VERSION = len(MIGRATIONS)


def schema_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(path: Path, *, target: int = LATEST_VERSION) -> int:
    """Bring the database at ``path`` up to ``target``; returns the version it was at."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        found = schema_version(connection)
        if found > LATEST_VERSION:
            raise SchemaTooNew(found, LATEST_VERSION)
        for version in range(found + 1, target + 1):
            _apply(connection, version)
        return found
    finally:
        connection.close()


def _apply(connection: sqlite3.Connection, version: int) -> None:
    connection.execute("BEGIN IMMEDIATE")
    try:
        for statement in _statements(MIGRATIONS[version - 1]):
            connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {version:d}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
