/**
 * Words about comments that schemas, routes and views all use: the staff channels, the inbox
 * statuses, and where a consultation's comments live in the staff workspace.
 */
import type { Channel } from '../../db/schema.ts';

/** The channels staff enter; the web form is the citizens' own. */
export const PAPER_CHANNELS = ['post', 'fax', 'email', 'in_person'] as const satisfies readonly Channel[];
export type PaperChannel = (typeof PAPER_CHANNELS)[number];

/** How a comment stands in the inbox: as received, hidden, or published with redactions. */
export const INBOX_STATUSES = ['received', 'hidden', 'redacted'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/** Where the comments of a consultation live in the staff workspace. */
export const commentsPath = (consultationId: number, rest = '') =>
  `/staff/consultations/${consultationId}/comments${rest}`;
