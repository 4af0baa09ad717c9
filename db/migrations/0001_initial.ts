import type { Kysely } from 'kysely';
import { type Ddl, ddl, run } from './dialect.ts';

/**
 * The schema for the whole product (product.md), not only the first part: accounts, the
 * consultation and its draft, comments with their moderation, groups and the result, the
 * audit log. Frozen once merged: later changes go in new migrations.
 *
 * Times are ISO-8601 UTC strings (`2026-11-24T01:00:00.000Z`), so they sort as text.
 * Enum-like columns carry CHECK constraints so that a bad value cannot be stored by any path.
 *
 * On PostgreSQL (dialect.ts) the same tables get an identity column for each id and BYTEA for
 * documents; emails compare exactly (the app stores them lower-cased; SQLite's NOCASE stays as it
 * was), and full-text search is a trigram index (pg_trgm) instead of the FTS5 table.
 */
const tables = (d: Ddl) => [
  `CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  )`,
  `CREATE TABLE users (
    id ${d.id},
    email TEXT NOT NULL UNIQUE${d.engine === 'sqlite' ? ' COLLATE NOCASE' : ''},
    display_name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'council')),
    password_hash TEXT NOT NULL,
    disabled_at TEXT,
    created_at TEXT NOT NULL,
    password_changed_at TEXT
  )`,
  `CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  )`,
  `CREATE INDEX sessions_user ON sessions(user_id)`,
  `CREATE TABLE setup_tokens (
    token_hash TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
  )`,
  `CREATE TABLE audit_log (
    id ${d.id},
    at TEXT NOT NULL,
    actor_id INTEGER REFERENCES users(id),
    actor_label TEXT NOT NULL,
    action TEXT NOT NULL,
    target_type TEXT,
    target_id TEXT,
    before_json TEXT,
    after_json TEXT,
    ip TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  )`,
  `CREATE INDEX audit_log_action ON audit_log(action, at)`,
  `CREATE TABLE consultations (
    id ${d.id},
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    purpose TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    legal_basis TEXT NOT NULL DEFAULT '',
    eligibility TEXT NOT NULL DEFAULT '',
    submit_postal_address TEXT NOT NULL DEFAULT '',
    submit_fax TEXT NOT NULL DEFAULT '',
    submit_email TEXT NOT NULL DEFAULT '',
    submit_counter TEXT NOT NULL DEFAULT '',
    require_name INTEGER NOT NULL DEFAULT 1 CHECK (require_name IN (0, 1)),
    require_address INTEGER NOT NULL DEFAULT 1 CHECK (require_address IN (0, 1)),
    require_category INTEGER NOT NULL DEFAULT 1 CHECK (require_category IN (0, 1)),
    allow_anonymous INTEGER NOT NULL DEFAULT 0 CHECK (allow_anonymous IN (0, 1)),
    max_comment_length INTEGER NOT NULL DEFAULT 4000 CHECK (max_comment_length BETWEEN 100 AND 100000),
    opens_at TEXT,
    closes_at TEXT,
    short_period_reason TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'withdrawn')),
    published_at TEXT,
    withdrawn_at TEXT,
    withdrawal_reason TEXT NOT NULL DEFAULT '',
    result_published_at TEXT,
    result_note TEXT NOT NULL DEFAULT '',
    policy_dropped INTEGER NOT NULL DEFAULT 0 CHECK (policy_dropped IN (0, 1)),
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`,
  `CREATE TABLE sections (
    id ${d.id},
    consultation_id INTEGER NOT NULL REFERENCES consultations(id),
    position INTEGER NOT NULL,
    level INTEGER NOT NULL DEFAULT 1 CHECK (level BETWEEN 1 AND 4),
    number TEXT NOT NULL DEFAULT '',
    heading TEXT NOT NULL,
    body_md TEXT NOT NULL DEFAULT '',
    in_draft INTEGER NOT NULL DEFAULT 1 CHECK (in_draft IN (0, 1)),
    final_heading TEXT,
    final_body_md TEXT,
    final_removed INTEGER NOT NULL DEFAULT 0 CHECK (final_removed IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`,
  `CREATE INDEX sections_consultation ON sections(consultation_id, position)`,
  `CREATE TABLE corrections (
    id ${d.id},
    consultation_id INTEGER NOT NULL REFERENCES consultations(id),
    section_id INTEGER NOT NULL REFERENCES sections(id),
    at TEXT NOT NULL,
    actor_id INTEGER REFERENCES users(id),
    note TEXT NOT NULL,
    before_heading TEXT NOT NULL,
    before_body_md TEXT NOT NULL,
    after_heading TEXT NOT NULL,
    after_body_md TEXT NOT NULL
  )`,
  `CREATE INDEX corrections_consultation ON corrections(consultation_id, at)`,
  `CREATE TABLE documents (
    id ${d.id},
    consultation_id INTEGER NOT NULL REFERENCES consultations(id),
    title TEXT NOT NULL,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    data ${d.bytes} NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL
  )`,
  `CREATE INDEX documents_consultation ON documents(consultation_id, position)`,
  `CREATE TABLE import_batches (
    id ${d.id},
    consultation_id INTEGER NOT NULL REFERENCES consultations(id),
    filename TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    row_count INTEGER NOT NULL,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL,
    UNIQUE (consultation_id, file_sha256)
  )`,
  `CREATE TABLE comment_groups (
    id ${d.id},
    consultation_id INTEGER NOT NULL REFERENCES consultations(id),
    position INTEGER NOT NULL DEFAULT 0,
    summary TEXT NOT NULL DEFAULT '',
    response TEXT NOT NULL DEFAULT '',
    outcome TEXT CHECK (outcome IN ('revised', 'not_revised', 'future_reference', 'out_of_scope')),
    revision_note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`,
  `CREATE INDEX comment_groups_consultation ON comment_groups(consultation_id, position)`,
  `CREATE TABLE group_sections (
    group_id INTEGER NOT NULL REFERENCES comment_groups(id) ON DELETE CASCADE,
    section_id INTEGER NOT NULL REFERENCES sections(id),
    PRIMARY KEY (group_id, section_id)
  )`,
  `CREATE TABLE comments (
    id ${d.id},
    consultation_id INTEGER NOT NULL REFERENCES consultations(id),
    receipt_code TEXT NOT NULL UNIQUE,
    submission_key TEXT UNIQUE,
    channel TEXT NOT NULL CHECK (channel IN ('web', 'post', 'fax', 'email', 'in_person')),
    received_at TEXT NOT NULL,
    entered_by INTEGER REFERENCES users(id),
    import_batch_id INTEGER REFERENCES import_batches(id),
    import_row_hash TEXT,
    body TEXT NOT NULL,
    body_redacted TEXT,
    submitter_kind TEXT NOT NULL CHECK (submitter_kind IN ('individual', 'organisation', 'anonymous')),
    submitter_key TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    organisation_name TEXT NOT NULL DEFAULT '',
    representative TEXT NOT NULL DEFAULT '',
    category TEXT CHECK (category IN ('resident', 'worker', 'student', 'business', 'taxpayer', 'stakeholder', 'other')),
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    hidden_at TEXT,
    hidden_reason TEXT CHECK (hidden_reason IN ('spam', 'abuse', 'off_topic', 'repeated')),
    hidden_note TEXT NOT NULL DEFAULT '',
    hidden_by INTEGER REFERENCES users(id),
    group_id INTEGER REFERENCES comment_groups(id) ON DELETE SET NULL,
    excluded_reason TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (consultation_id, import_row_hash)
  )`,
  `CREATE INDEX comments_consultation_received ON comments(consultation_id, received_at, id)`,
  `CREATE INDEX comments_consultation_group ON comments(consultation_id, group_id)`,
  `CREATE INDEX comments_consultation_channel ON comments(consultation_id, channel)`,
  `CREATE INDEX comments_consultation_category ON comments(consultation_id, category)`,
  `CREATE TABLE comment_sections (
    comment_id INTEGER NOT NULL REFERENCES comments(id),
    section_id INTEGER NOT NULL REFERENCES sections(id),
    PRIMARY KEY (comment_id, section_id)
  )${d.engine === 'sqlite' ? ' WITHOUT ROWID' : ''}`,
  `CREATE INDEX comment_sections_section ON comment_sections(section_id, comment_id)`,
  `CREATE TABLE redactions (
    id ${d.id},
    comment_id INTEGER NOT NULL REFERENCES comments(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    replacement TEXT NOT NULL,
    actor_id INTEGER REFERENCES users(id),
    at TEXT NOT NULL
  )`,
  `CREATE INDEX redactions_comment ON redactions(comment_id)`,
  `CREATE TABLE moderation_events (
    id ${d.id},
    comment_id INTEGER NOT NULL REFERENCES comments(id),
    action TEXT NOT NULL CHECK (action IN ('hide', 'unhide', 'redact', 'unredact', 'group', 'ungroup', 'exclude', 'include')),
    reason TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    actor_id INTEGER REFERENCES users(id),
    at TEXT NOT NULL
  )`,
  `CREATE INDEX moderation_events_comment ON moderation_events(comment_id, at)`,
  `CREATE TABLE analysis_cache (
    consultation_id INTEGER PRIMARY KEY REFERENCES consultations(id),
    fingerprint TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    result_json TEXT NOT NULL
  )`,
];

/**
 * Full-text search over comment text. SQLite: an FTS5 table with the trigram tokenizer, kept by
 * triggers. PostgreSQL: a GIN trigram index (pg_trgm ships with PostgreSQL; a trusted extension,
 * so the database's owner may create it) that serves `ILIKE '%…%'` directly.
 */
const fullText = (d: Ddl) =>
  d.engine === 'postgres'
    ? [
        `CREATE EXTENSION IF NOT EXISTS pg_trgm`,
        `CREATE INDEX comments_body_trgm ON comments USING gin (body gin_trgm_ops)`,
      ]
    : [
        `CREATE VIRTUAL TABLE comments_fts USING fts5(body, content='comments', content_rowid='id', tokenize='trigram')`,
        `CREATE TRIGGER comments_fts_insert AFTER INSERT ON comments BEGIN
          INSERT INTO comments_fts(rowid, body) VALUES (new.id, new.body);
        END`,
        `CREATE TRIGGER comments_fts_update AFTER UPDATE OF body ON comments BEGIN
          INSERT INTO comments_fts(comments_fts, rowid, body) VALUES ('delete', old.id, old.body);
          INSERT INTO comments_fts(rowid, body) VALUES (new.id, new.body);
        END`,
      ];

export async function up(db: Kysely<unknown>): Promise<void> {
  const d = ddl(db);
  await run(db, [...tables(d), ...fullText(d)]);
}

export async function down(): Promise<void> {
  throw new Error('The initial migration cannot be reverted; restore a backup instead.');
}
