import type { Category, Channel, HiddenReason, Outcome } from '../../../db/schema.ts';
import type { ConsultationFields } from '../../data/staff-consultations.ts';

/**
 * The demo's content is plain data: who said what, on which day, and where staff put it.
 * Dates are offsets in Tokyo calendar days from the consultation's opening day, so that
 * src/demo/seed.ts can place everything relative to the moment of seeding.
 *
 * Every person, address, phone number and email in the demo is invented.
 */
export interface DemoSection {
  /** A short key the comments and groups point at. */
  key: string;
  level: 1 | 2;
  number: string;
  heading: string;
  body_md: string;
  /** The final text, when the result revised this section. */
  final_body_md?: string;
  final_heading?: string;
  /** true: the section exists only in the final text (added after the comments). */
  addedInFinal?: boolean;
}

export interface DemoPerson {
  kind: 'individual' | 'organisation';
  name: string;
  address: string;
  category: Category;
  organisationName?: string;
  representative?: string;
  email?: string;
  phone?: string;
}

export interface DemoComment {
  person: DemoPerson;
  channel: Channel;
  /** Tokyo days after the opening day (0 = the opening day). */
  day: number;
  /** Hour of day in Tokyo (0–23) when it was received. */
  hour: number;
  /** Keys of the sections it points at; empty = the whole draft. */
  sections: string[];
  body: string;
  /** Key of the group staff placed it in. */
  group?: string;
  hidden?: { reason: HiddenReason; note: string };
  excluded?: string;
  /** Substrings (personal data) staff replaced with ［個人情報のため削除］ in the public text. */
  redact?: string[];
}

export interface DemoGroup {
  key: string;
  summary: string;
  response: string;
  outcome: Outcome | null;
  revisionNote?: string;
  sections: string[];
}

/** The consultation's fixed fields; status, dates and authorship are set by the seeder. */
export type DemoConsultationFields = Omit<ConsultationFields, 'opens_at' | 'closes_at'>;

export interface DemoConsultation {
  fields: DemoConsultationFields;
  sections: DemoSection[];
  comments: DemoComment[];
  groups: DemoGroup[];
  /** The note published with the result (only for a consultation whose result is published). */
  resultNote?: string;
}

export const REDACTED = '［個人情報のため削除］';
