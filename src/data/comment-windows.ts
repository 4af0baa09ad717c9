/**
 * A consultation's comments read in windows of a few thousand, newest first, by the index on
 * (consultation_id, received_at, id). A count or a search over 200,000 comments is then many
 * small queries with a turn of the event loop between them, instead of one that holds every
 * other request for the whole scan; and no query carries more than a window's worth of work.
 */
import { type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nextTurn } from '../lib/steps.ts';

/** A comment's place in received order (the inbox's keyset). */
export interface ReceivedKey {
  receivedAt: string;
  id: number;
}

/** A run of comments in received order: older than `before` (when set), down to `from` (when set). */
export interface ReceivedWindow {
  before: ReceivedKey | null;
  from: ReceivedKey | null;
}

/** Rows per window: a window's count or search takes a few milliseconds. */
export const WINDOW_ROWS = 5000;

/** `comments.(received_at, id) < key`: strictly older than `key`. */
export function olderThan(key: ReceivedKey) {
  return sql<SqlBool>`(comments.received_at, comments.id) < (${key.receivedAt}, ${key.id})`;
}

/** The window's bounds as conditions on `comments`. */
export function inWindow(eb: ExpressionBuilder<Database, 'comments'>, w: ReceivedWindow) {
  const conds = [];
  if (w.before) conds.push(olderThan(w.before));
  if (w.from)
    conds.push(sql<SqlBool>`(comments.received_at, comments.id) >= (${w.from.receivedAt}, ${w.from.id})`);
  return eb.and(conds);
}

/**
 * The windows of a consultation's comments, newest first, starting after `start` (older than
 * it) or at the newest. Between two windows the event loop gets a turn.
 */
export async function* receivedWindows(
  db: Kysely<Database>,
  consultationId: number,
  start: ReceivedKey | null,
  size = WINDOW_ROWS,
): AsyncGenerator<ReceivedWindow> {
  let before = start;
  for (;;) {
    const after = before;
    const edge = await db
      .selectFrom('comments')
      .select(['received_at', 'id'])
      .where('consultation_id', '=', consultationId)
      .$if(after !== null, (q) => q.where(olderThan(after as ReceivedKey)))
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .offset(size - 1)
      .executeTakeFirst();
    const from = edge ? { receivedAt: edge.received_at, id: edge.id } : null;
    yield { before, from };
    if (!from) return;
    before = from;
    await nextTurn();
  }
}
