import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** ISO-8601 UTC timestamp stored as text. */
type Time = string;
type Flag = 0 | 1;

export type Role = 'admin' | 'staff' | 'council';
export type ConsultationStatus = 'draft' | 'published' | 'withdrawn';
export type Channel = 'web' | 'post' | 'fax' | 'email' | 'in_person';
export type SubmitterKind = 'individual' | 'organisation' | 'anonymous';
export type Category = 'resident' | 'worker' | 'student' | 'business' | 'taxpayer' | 'stakeholder' | 'other';
export type HiddenReason = 'spam' | 'abuse' | 'off_topic' | 'repeated';
export type Outcome = 'revised' | 'not_revised' | 'future_reference' | 'out_of_scope';
export type ModerationAction =
  | 'hide'
  | 'unhide'
  | 'redact'
  | 'unredact'
  | 'group'
  | 'ungroup'
  | 'exclude'
  | 'include';

export const CHANNELS: readonly Channel[] = ['web', 'post', 'fax', 'email', 'in_person'];
export const CATEGORIES: readonly Category[] = [
  'resident',
  'worker',
  'student',
  'business',
  'taxpayer',
  'stakeholder',
  'other',
];
export const HIDDEN_REASONS: readonly HiddenReason[] = ['spam', 'abuse', 'off_topic', 'repeated'];
export const OUTCOMES: readonly Outcome[] = ['revised', 'not_revised', 'future_reference', 'out_of_scope'];
export const ROLES: readonly Role[] = ['admin', 'staff', 'council'];

export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: ColumnType<string, string | undefined, string>;
  role: Role;
  password_hash: string;
  disabled_at: Time | null;
  created_at: Time;
  password_changed_at: Time | null;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: Time;
  last_seen_at: Time;
  expires_at: Time;
}

export interface SetupTokensTable {
  token_hash: string;
  created_at: Time;
  expires_at: Time;
  used_at: Time | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Time;
  actor_id: number | null;
  actor_label: string;
  action: string;
  /** The kind as written (hashed); older entries spell some kinds in the plural. */
  target_type: string | null;
  target_id: string | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
  /** The one name of the kind (migration 0004); derived from target_type, not hashed. */
  target_kind: string | null;
}

export interface ConsultationsTable {
  id: Generated<number>;
  title: string;
  summary: Generated<string>;
  purpose: Generated<string>;
  department: Generated<string>;
  contact: Generated<string>;
  legal_basis: Generated<string>;
  eligibility: Generated<string>;
  submit_postal_address: Generated<string>;
  submit_fax: Generated<string>;
  submit_email: Generated<string>;
  submit_counter: Generated<string>;
  require_name: Generated<Flag>;
  require_address: Generated<Flag>;
  require_category: Generated<Flag>;
  allow_anonymous: Generated<Flag>;
  max_comment_length: Generated<number>;
  opens_at: Time | null;
  closes_at: Time | null;
  short_period_reason: Generated<string>;
  status: Generated<ConsultationStatus>;
  published_at: Time | null;
  withdrawn_at: Time | null;
  withdrawal_reason: Generated<string>;
  result_published_at: Time | null;
  result_note: Generated<string>;
  policy_dropped: Generated<Flag>;
  created_by: number | null;
  created_at: Time;
  updated_at: Time;
}

export interface SectionsTable {
  id: Generated<number>;
  consultation_id: number;
  position: number;
  level: Generated<number>;
  number: Generated<string>;
  heading: string;
  body_md: Generated<string>;
  /** 0 for a section that exists only in the final text. */
  in_draft: Generated<Flag>;
  /** null: the final text keeps the draft's heading/body. */
  final_heading: string | null;
  final_body_md: string | null;
  final_removed: Generated<Flag>;
  created_at: Time;
  updated_at: Time;
}

export interface CorrectionsTable {
  id: Generated<number>;
  consultation_id: number;
  section_id: number;
  at: Time;
  actor_id: number | null;
  note: string;
  before_heading: string;
  before_body_md: string;
  after_heading: string;
  after_body_md: string;
}

export interface DocumentsTable {
  id: Generated<number>;
  consultation_id: number;
  title: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Buffer;
  position: Generated<number>;
  created_by: number | null;
  created_at: Time;
}

export interface ImportBatchesTable {
  id: Generated<number>;
  consultation_id: number;
  filename: string;
  file_sha256: string;
  row_count: number;
  created_by: number | null;
  created_at: Time;
}

export interface CommentGroupsTable {
  id: Generated<number>;
  consultation_id: number;
  position: Generated<number>;
  summary: Generated<string>;
  response: Generated<string>;
  outcome: Outcome | null;
  revision_note: Generated<string>;
  created_at: Time;
  updated_at: Time;
}

export interface GroupSectionsTable {
  group_id: number;
  section_id: number;
}

export interface CommentsTable {
  id: Generated<number>;
  consultation_id: number;
  receipt_code: string;
  submission_key: string | null;
  channel: Channel;
  received_at: Time;
  entered_by: number | null;
  import_batch_id: number | null;
  import_row_hash: string | null;
  /** What the citizen sent, kept for the record. Never shown publicly. */
  body: string;
  /** The text the public and the council see, when staff redacted it. */
  body_redacted: string | null;
  submitter_kind: SubmitterKind;
  /** An HMAC of the submitter's identity, to count 提出者数 without reading personal data. */
  submitter_key: string;
  name: Generated<string>;
  address: Generated<string>;
  organisation_name: Generated<string>;
  representative: Generated<string>;
  category: Category | null;
  email: Generated<string>;
  phone: Generated<string>;
  hidden_at: Time | null;
  hidden_reason: HiddenReason | null;
  hidden_note: Generated<string>;
  hidden_by: number | null;
  group_id: number | null;
  excluded_reason: string | null;
  created_at: Time;
}

export interface CommentSectionsTable {
  comment_id: number;
  section_id: number;
}

export interface RedactionsTable {
  id: Generated<number>;
  comment_id: number;
  start: number;
  end: number;
  kind: string;
  replacement: string;
  actor_id: number | null;
  at: Time;
}

export interface ModerationEventsTable {
  id: Generated<number>;
  comment_id: number;
  action: ModerationAction;
  reason: Generated<string>;
  note: Generated<string>;
  actor_id: number | null;
  at: Time;
}

/** The version of a consultation's analysis input; raised by triggers (migration 0002). */
export interface AnalysisVersionsTable {
  consultation_id: number;
  version: number;
}

export interface AnalysisCacheTable {
  consultation_id: number;
  /** The analysis_versions.version the result was computed for. */
  input_version: number;
  computed_at: Time;
  result_json: string;
}

/** The result as published (migration 0003): see db/published-result.ts for the JSON. */
export interface PublishedResultsTable {
  consultation_id: number;
  published_at: Time;
  snapshot_json: string;
}

/** A version per public page scope (0: the list, N: consultation N); raised by triggers (migration 0005). */
export interface PageVersionsTable {
  scope: number;
  version: number;
}

/**
 * The identity key (src/analysis/normalise.ts) of a comment's public text, kept so that identical
 * texts are found without normalising every comment again (migration 0003). A change of the
 * text deletes the row (trigger); review fills missing rows.
 */
export interface CommentIdentityTable {
  comment_id: number;
  consultation_id: number;
  key: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface Database {
  settings: SettingsTable;
  users: UsersTable;
  sessions: SessionsTable;
  setup_tokens: SetupTokensTable;
  audit_log: AuditLogTable;
  consultations: ConsultationsTable;
  sections: SectionsTable;
  corrections: CorrectionsTable;
  documents: DocumentsTable;
  import_batches: ImportBatchesTable;
  comment_groups: CommentGroupsTable;
  group_sections: GroupSectionsTable;
  comments: CommentsTable;
  comment_sections: CommentSectionsTable;
  redactions: RedactionsTable;
  moderation_events: ModerationEventsTable;
  analysis_versions: AnalysisVersionsTable;
  analysis_cache: AnalysisCacheTable;
  published_results: PublishedResultsTable;
  comment_identity: CommentIdentityTable;
  page_versions: PageVersionsTable;
}

export type User = Selectable<UsersTable>;
export type Consultation = Selectable<ConsultationsTable>;
export type NewConsultation = Insertable<ConsultationsTable>;
export type ConsultationUpdate = Updateable<ConsultationsTable>;
export type Section = Selectable<SectionsTable>;
export type NewSection = Insertable<SectionsTable>;
export type Comment = Selectable<CommentsTable>;
export type NewComment = Insertable<CommentsTable>;
export type CommentGroup = Selectable<CommentGroupsTable>;
export type DocumentRow = Selectable<DocumentsTable>;
export type Correction = Selectable<CorrectionsTable>;
