import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** Every consultation the public may see, with the dates the feed announces. */
export function listFeedConsultations(db: Kysely<Database>) {
  return db
    .selectFrom('consultations')
    .select([
      'id',
      'title',
      'summary',
      'department',
      'published_at',
      'opens_at',
      'closes_at',
      'result_published_at',
      'withdrawn_at',
    ])
    .where('status', 'in', ['published', 'withdrawn'])
    .execute();
}
