import type { Kysely } from 'kysely';
import type { Category, Channel, Database, SubmitterKind } from '../../db/schema.ts';
import { receiveComment } from '../../src/usecases/intake.ts';
import { publishResult } from '../../src/usecases/publish-result.ts';
import { TEST_SECRET } from '../helpers.ts';

/** Stores a comment through the app's own insert, with personal fields that tests can look for. */
export async function seedComment(
  db: Kysely<Database>,
  consultationId: number,
  opts: {
    body: string;
    channel?: Channel;
    sectionIds?: number[];
    name?: string;
    address?: string;
    email?: string;
    phone?: string;
    kind?: SubmitterKind;
    category?: Category | null;
    receivedAt?: string;
  },
): Promise<{ id: number; receiptCode: string }> {
  const outcome = await receiveComment(
    db,
    TEST_SECRET,
    {
      consultationId,
      channel: opts.channel ?? 'web',
      receivedAt: new Date(opts.receivedAt ?? '2026-11-10T01:00:00.000Z'),
      draft: {
        sectionIds: opts.sectionIds ?? [],
        body: opts.body,
        submitterKind: opts.kind ?? 'individual',
        name: opts.name ?? '',
        address: opts.address ?? '',
        organisationName: '',
        representative: '',
        category: opts.category === undefined ? 'resident' : opts.category,
        email: opts.email ?? '',
        phone: opts.phone ?? '',
      },
    },
    new Date(opts.receivedAt ?? '2026-11-10T01:00:00.000Z'),
  );
  if (!outcome.ok) throw new Error(`The fixture comment was refused: ${outcome.refusal}`);
  return { id: outcome.comment.id, receiptCode: outcome.comment.receiptCode };
}

/** The ids of a consultation's sections (one function for every test: test/helpers.ts). */
export { sectionIdsOf } from '../helpers.ts';

/**
 * Publishes the result as staff do, through the publish use case: it refuses what publishing
 * refuses (the test then fails with the reasons), and stores the result as the public sees it.
 */
export async function publishResultNow(
  db: Kysely<Database>,
  consultationId: number,
  at: string,
  input: { note?: string; policyDropped?: boolean } = {},
): Promise<void> {
  const outcome = await publishResult(
    db,
    consultationId,
    { note: input.note ?? '', policyDropped: input.policyDropped ?? false },
    { id: null, label: 'test' },
    new Date(at),
  );
  if (!outcome.published)
    throw new Error(`The result cannot be published: ${JSON.stringify(outcome.problems)}`);
}
