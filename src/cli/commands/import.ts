import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { findConsultation, listDraftSections } from '../../data/consultations.ts';
import { findStoredRowHashes } from '../../data/inbox.ts';
import { fileSha256, planImportBytes } from '../../domain/csv-import.ts';
import { intakeRefusalMessage } from '../../domain/intake.ts';
import { importComments } from '../../usecases/intake.ts';
import { positionals, withStore } from '../context.ts';

/**
 * Imports a CSV of comments into a consultation, all rows or none, as the staff import page
 * does. Returns the exit code: 0 imported, 1 refused (bad rows, or the file was imported before).
 */
export async function importCsvFile(
  db: Kysely<Database>,
  secret: string,
  consultationId: number,
  filename: string,
  bytes: Uint8Array,
  now: Date,
  log: (line: string) => void = console.log,
): Promise<number> {
  const consultation = await findConsultation(db, consultationId);
  if (!consultation) {
    log(`No consultation with id ${consultationId}.`);
    return 1;
  }
  const sections = await listDraftSections(db, consultationId);
  const plan = planImportBytes(bytes, { consultation, sections, now, lang: 'en' });
  if (!plan.ok) {
    for (const e of plan.fileErrors) log(e);
    for (const r of plan.rows) for (const e of r.errors) log(`Row ${e.row}, ${e.field}: ${e.message}`);
    log('Nothing was imported.');
    return 1;
  }
  if (plan.ignoredColumns.length > 0) log(`Ignored columns: ${plan.ignoredColumns.join(', ')}`);
  const stored = await findStoredRowHashes(
    db,
    consultationId,
    plan.rows.map((r) => r.rowHash!),
  );
  const outcome = await importComments(
    db,
    secret,
    {
      consultationId,
      filename,
      fileSha256: fileSha256(bytes),
      rows: plan.rows.map((r) => ({
        draft: r.draft!,
        channel: r.channel!,
        receivedAt: r.receivedAt!,
        rowHash: r.rowHash!,
      })),
      actor: null,
    },
    now,
  );
  if (outcome.status === 'refused') {
    log(`${intakeRefusalMessage(outcome.refusal, 'en')} Nothing was imported.`);
    return 1;
  }
  if (outcome.status === 'already_imported') {
    log(`This file was already imported on ${outcome.importedAt} (${outcome.filename}). Nothing changed.`);
    return 1;
  }
  log(
    `Imported ${outcome.created} comments from ${filename} (${plan.rows.length} rows; ${stored.size} already stored and skipped).`,
  );
  return 0;
}

/** `npm run koe -- import <consultation-id> <file.csv>` */
export async function run(args: string[]): Promise<number> {
  const [idArg, file] = positionals(args);
  const id = Number(idArg);
  if (!file || !Number.isInteger(id) || id <= 0) {
    console.error('Usage: npm run koe -- import <consultation-id> <file.csv>');
    return 2;
  }
  const bytes = new Uint8Array(await readFile(resolve(file)));
  return withStore(args, (store, { secret }) =>
    importCsvFile(store.db, secret, id, basename(file), bytes, new Date()),
  );
}
