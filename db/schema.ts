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
  /** Set by an admin's temporary password: the next sign-in leads to the password change first. */
  must_change_password: Generated<Flag>;
  last_login_at: Time | null;
}

/** A department (担当課) of the city (migration 0007). */
export interface DepartmentsTable {
  id: Generated<number>;
  name: string;
  created_at: Time;
}

/** Which departments an account works for. */
export interface UserDepartmentsTable {
  user_id: number;
  department_id: number;
}

/** The city's logo (one row, id 1). */
export interface CityLogoTable {
  id: number;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Buffer;
  updated_at: Time;
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
  /** The department's name as the public sees it, copied from `departments` by the app. */
  department: Generated<string>;
  /** Who works on it: staff of this department (migration 0007); null only for old drafts. */
  department_id: ColumnType<number | null, number | null | undefined, number | null>;
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
  /** Migration 0006: the kinds of submitter accepted besides anonymous ones. */
  allow_individual: Generated<Flag>;
  allow_organisation: Generated<Flag>;
  /** The 区分 offered, space-separated category codes ('' = none asked). */
  categories: Generated<string>;
  /** The form asks for an explicit tick of consent to the notice. */
  require_consent: Generated<Flag>;
  /** How personal data is used, as the form shows it ('' = the standard notice). */
  consent_notice: Generated<string>;
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
  /** 郵便番号 (migration 0006), personal like the address. */
  postal_code: Generated<string>;
  /** The submitter ticked the consent box of the form (migration 0006). */
  consented: Generated<Flag>;
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

/** A fixed window of hits per key: the public rate limits, shared by every process (migration 0010). */
export interface RateLimitsTable {
  key: string;
  window_start: Time;
  hits: number;
}

/**
 * The lease of a consultation's one running analysis job (migration 0010): the process that took
 * the row (`owner`) runs it and reports progress here; a lease whose heartbeat stopped may be
 * taken over.
 */
export interface AnalysisJobsTable {
  consultation_id: number;
  version: number;
  owner: string;
  phase: string;
  percent: Generated<number>;
  error: string | null;
  started_at: Time;
  heartbeat_at: Time;
}

export type MailKind =
  | 'receipt'
  | 'result'
  | 'subscription_confirm'
  | 'consultation_opened'
  | 'period_ended'
  | 'digest';
export type MailStatus = 'pending' | 'sending' | 'sent' | 'failed';
export type MailFailure =
  | 'gave_up'
  | 'rejected'
  | 'bounced'
  | 'uncertain'
  | 'interrupted'
  | 'address_failing'
  | 'invalid'
  /** No longer to be sent: unsubscribed, confirmed already, the consultation withdrawn. */
  | 'cancelled';

/** A message to send (migration 0008): written with its cause, delivered by the sender. */
export interface OutboxTable {
  id: Generated<number>;
  kind: MailKind;
  recipient: string;
  lang: 'ja' | 'en';
  /** What the message is about (ids); the sender builds the text from it when sending. */
  payload_json: string;
  dedupe_key: string | null;
  message_id: string;
  status: Generated<MailStatus>;
  attempts: Generated<number>;
  /** Not to be sent before this time: the next try after a temporary failure. */
  not_before: Time;
  claimed_at: Time | null;
  sent_at: Time | null;
  failure: MailFailure | null;
  last_error: Generated<string>;
  created_at: Time;
}

/** A web comment's language and whether its writer asked to hear of the result. */
export interface CommentMailTable {
  comment_id: number;
  lang: 'ja' | 'en';
  notify_result: Generated<Flag>;
}

/** An address that asked to hear of new consultations. Personal data: never exported. */
export interface MailSubscriptionsTable {
  id: Generated<number>;
  email: string;
  email_key: string;
  /** '' for every department. */
  department: Generated<string>;
  lang: 'ja' | 'en';
  confirm_token: string;
  unsubscribe_token: string;
  requested_at: Time;
  confirmed_at: Time | null;
  unsubscribed_at: Time | null;
}

/** An address a mail server refused permanently (5xx at submission). */
export interface MailAddressesTable {
  address_key: string;
  failing_since: Time;
  reason: Generated<string>;
}

/** What has been announced by mail for a consultation: 'opened', 'closed', 'digest:YYYY-MM-DD'. */
export interface MailMilestonesTable {
  consultation_id: number;
  milestone: string;
  at: Time;
}

/**
 * Staff's choices about the analysis's suggested groups, per analysis version (migration 0009):
 * renamed (summary), dropped, or merged into another suggestion (merged_into).
 */
export interface SuggestionChoicesTable {
  consultation_id: number;
  analysis_version: number;
  /** The engine's group id, e.g. t1.g2. */
  suggestion_id: string;
  choice: 'renamed' | 'dropped' | 'merged';
  summary: string | null;
  merged_into: string | null;
  updated_at: Time;
  updated_by: number | null;
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
  rate_limits: RateLimitsTable;
  analysis_jobs: AnalysisJobsTable;
  outbox: OutboxTable;
  comment_mail: CommentMailTable;
  mail_subscriptions: MailSubscriptionsTable;
  mail_addresses: MailAddressesTable;
  mail_milestones: MailMilestonesTable;
  departments: DepartmentsTable;
  user_departments: UserDepartmentsTable;
  city_logo: CityLogoTable;
  suggestion_choices: SuggestionChoicesTable;
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
export type OutboxRow = Selectable<OutboxTable>;
export type Department = Selectable<DepartmentsTable>;
