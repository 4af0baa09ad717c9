import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { importDraftFile } from '../../src/cli/commands/draft.ts';
import { listDraftSections } from '../../src/data/consultations.ts';
import { migrateToLatest, openStore } from '../../src/data/sqlite.ts';
import { textPdf } from '../helpers-files.ts';
import { makeTestApp, seedConsultation } from '../helpers.ts';

const plan = async () =>
  new Uint8Array(
    await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: [
              new Paragraph({ text: '第1章 総則', heading: HeadingLevel.HEADING_1 }),
              new Paragraph('1 目的'),
              new Paragraph('この計画は、ごみの減量を進めるためのものです。'),
              new Paragraph({ text: '第2章 施策', heading: HeadingLevel.HEADING_1 }),
            ],
          },
        ],
      }),
    ),
  );

async function draftConsultation() {
  const t = await makeTestApp();
  const id = await seedConsultation(t.db, { status: 'draft', published_at: null }, []);
  return { ...t, id };
}

describe('draft:import', () => {
  it('lists the sections of a Word file and saves them, as the import page does', async () => {
    const t = await draftConsultation();
    const lines: string[] = [];
    const opts = { replace: false, dryRun: false, now: new Date('2026-11-24T03:00:00.000Z') };
    expect(await importDraftFile(t.db, t.id, 'plan.docx', await plan(), opts, (l) => lines.push(l))).toBe(0);
    expect(lines).toEqual(['第1章 総則', '  1 目的', '第2章 施策', 'Imported 3 sections from plan.docx.']);
    const sections = await listDraftSections(t.db, t.id);
    expect(sections.map((s) => [s.number, s.heading])).toEqual([
      ['第1章', '総則'],
      ['1', '目的'],
      ['第2章', '施策'],
    ]);
    const audit = await t.db.selectFrom('audit_log').select(['actor_label', 'action']).execute();
    expect(audit).toContainEqual({ actor_label: 'cli', action: 'section.create' });
  });

  it('warns that a PDF’s split is guessed, saves nothing on a dry run, and refuses a published draft', async () => {
    const t = await draftConsultation();
    const lines: string[] = [];
    const pdf = textPdf(['第1章 総則', '本文です。']);
    const dry = { replace: false, dryRun: true, now: new Date() };
    expect(await importDraftFile(t.db, t.id, 'plan.pdf', pdf, dry, (l) => lines.push(l))).toBe(0);
    expect(lines[0]).toBe('Taken from a PDF: the headings and paragraphs are guessed. Check the sections.');
    expect(lines.at(-1)).toBe('1 section found (dry run: nothing was imported).');
    expect(await listDraftSections(t.db, t.id)).toHaveLength(0);

    const published = await seedConsultation(t.db);
    const out: string[] = [];
    const save = { replace: false, dryRun: false, now: new Date() };
    expect(await importDraftFile(t.db, published, 'plan.pdf', pdf, save, (l) => out.push(l))).toBe(1);
    expect(out.at(-1)).toBe(
      'The consultation is published: its draft is frozen (use a correction). Nothing was imported.',
    );
  });

  it('says why a file cannot be imported', async () => {
    const t = await draftConsultation();
    const lines: string[] = [];
    const opts = { replace: false, dryRun: false, now: new Date() };
    expect(
      await importDraftFile(t.db, t.id, 'plan.doc', new Uint8Array([1]), opts, (l) => lines.push(l)),
    ).toBe(1);
    expect(
      await importDraftFile(t.db, t.id, 'plan.docx', new Uint8Array([1]), opts, (l) => lines.push(l)),
    ).toBe(1);
    expect(lines).toEqual([
      'Choose a Word (.docx), PDF, Markdown (.md) or text (.txt) file. Nothing was imported.',
      'This file cannot be read as a Word document (.docx). Check that it opens in Word, and save it again as “Word Document (*.docx)”. Nothing was imported.',
    ]);
  });

  it('runs from the command line on a database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koe-cli-draft-'));
    try {
      const dbFile = join(dir, 'koe.sqlite3');
      const store = openStore(dbFile);
      await migrateToLatest(store.db);
      const id = await seedConsultation(store.db, { status: 'draft', published_at: null }, []);
      await store.close();
      writeFileSync(join(dir, 'plan.docx'), await plan());
      const env = { ...process.env, KOE_DB: dbFile };
      const { stdout } = await promisify(execFile)(
        'npx',
        ['tsx', 'src/cli/main.ts', 'draft:import', String(id), join(dir, 'plan.docx'), '--dry-run'],
        { env },
      );
      expect(stdout).toContain('3 sections found (dry run: nothing was imported).');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
