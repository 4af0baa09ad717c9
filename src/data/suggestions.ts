/**
 * Staff's choices about the analysis's suggested groups (migration 0009), and what planning the
 * suggestions reads: which comments are still unplaced.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, SuggestionChoicesTable } from '../../db/schema.ts';
import { notAccountedFor } from './accounted-for.ts';
import { chunks } from './chunks.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface SuggestionChoiceRow {
  suggestionId: string;
  choice: SuggestionChoicesTable['choice'];
  summary: string | null;
  mergedInto: string | null;
}

/** The choices made on the suggestions of one analysis version. */
export async function listSuggestionChoices(
  db: Db,
  consultationId: number,
  version: number,
): Promise<SuggestionChoiceRow[]> {
  const rows = await db
    .selectFrom('suggestion_choices')
    .select(['suggestion_id', 'choice', 'summary', 'merged_into'])
    .where('consultation_id', '=', consultationId)
    .where('analysis_version', '=', version)
    .orderBy('suggestion_id')
    .execute();
  return rows.map((r) => ({
    suggestionId: r.suggestion_id,
    choice: r.choice,
    summary: r.summary,
    mergedInto: r.merged_into,
  }));
}

/** Records choices (each replaces the suggestion's earlier one). */
export async function saveSuggestionChoices(
  db: Kysely<Database>,
  consultationId: number,
  version: number,
  choices: readonly SuggestionChoiceRow[],
  actorId: number | null,
  now: Date,
): Promise<void> {
  if (choices.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const c of choices) {
      const values = {
        choice: c.choice,
        summary: c.summary,
        merged_into: c.mergedInto,
        updated_at: now.toISOString(),
        updated_by: actorId,
      };
      await trx
        .insertInto('suggestion_choices')
        .values({
          consultation_id: consultationId,
          analysis_version: version,
          suggestion_id: c.suggestionId,
          ...values,
        })
        .onConflict((oc) =>
          oc.columns(['consultation_id', 'analysis_version', 'suggestion_id']).doUpdateSet(values),
        )
        .execute();
    }
  });
}

/** Forgets the choice made on a suggestion (a dropped one comes back, a merged one stands alone). */
export async function deleteSuggestionChoice(
  db: Db,
  consultationId: number,
  version: number,
  suggestionId: string,
): Promise<void> {
  await db
    .deleteFrom('suggestion_choices')
    .where('consultation_id', '=', consultationId)
    .where('analysis_version', '=', version)
    .where('suggestion_id', '=', suggestionId)
    .execute();
}

/** Which of `ids` are comments of the consultation still to place (neither grouped nor excluded). */
export async function listUnplacedAmong(
  db: Db,
  consultationId: number,
  ids: readonly number[],
): Promise<number[]> {
  const out: number[] = [];
  for (const chunk of chunks(ids)) {
    const rows = await db
      .selectFrom('comments')
      .select('id')
      .where('consultation_id', '=', consultationId)
      .where('id', 'in', chunk)
      .where(notAccountedFor)
      .execute();
    out.push(...rows.map((r) => r.id));
  }
  return out.sort((a, b) => a - b);
}
