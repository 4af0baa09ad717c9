/**
 * "Accounted for", the one way every query says it: a comment is placed in a group, excluded
 * with a reason, or hidden by moderation (the rule: `isAccountedFor` in src/domain/results.ts).
 * Queries ask for the comments still to place — progress counts them, the review lists them,
 * publishing refuses while there are any, adoption of suggestions places them. Migration 0003
 * makes an exclusion's reason non-empty, so "excluded" is `excluded_reason IS NOT NULL`, and
 * indexes exactly these comments (comments_unaccounted), so the condition must stay this one.
 */
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';

type CommentsEb = ExpressionBuilder<Database, 'comments'>;

/** The comment still needs a place: no group, no exclusion, not hidden (partial index comments_unaccounted). */
export function notAccountedFor(eb: CommentsEb) {
  return eb.and([
    eb('comments.group_id', 'is', null),
    eb('comments.excluded_reason', 'is', null),
    eb('comments.hidden_at', 'is', null),
  ]);
}
