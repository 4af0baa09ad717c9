import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const TOPICS = ['バスの本数', '図書館の開館時間', '公園の遊具', 'ごみの分別', '保育園の定員', '道路の段差'];
const ASKS = ['を見直してほしい。', 'を増やしてください。', 'について説明がほしい。', 'は今のままでよい。'];

/** A CSV of `n` short comments whose `--json` analysis is far larger than a pipe's 64 KB buffer. */
function writeCommentsCsv(dir: string, n: number): string {
  const lines = ['comment-id,comment-body'];
  for (let i = 1; i <= n; i++) {
    const text = `${TOPICS[i % TOPICS.length]}${ASKS[(i * 7) % ASKS.length]}（${i}番目の意見、地区${i % 13}）`;
    lines.push(`${i},"${text}"`);
  }
  const file = join(dir, 'comments.csv');
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return file;
}

describe('koe analyse', () => {
  it('writes the whole JSON to a pipe before it exits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koe-analyse-'));
    dirs.push(dir);
    const file = writeCommentsCsv(dir, 1500);
    // Through a shell pipe, exactly as `npm run koe -- analyse … --json | jq` runs it: a CLI that
    // exits before its output has drained loses everything past the pipe's 64 KB buffer.
    const { stdout } = await run(
      'sh',
      ['-c', '"$0" --import tsx src/cli/main.ts analyse "$1" --json | cat', process.execPath, file],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    expect(Buffer.byteLength(stdout)).toBeGreaterThan(128 * 1024);
    const json = JSON.parse(stdout) as { count: number; rows: { row: number; theme: string }[] };
    expect(json.count).toBe(1500);
    expect(json.rows).toHaveLength(1500);
    expect(json.rows.at(-1)?.row).toBe(1500);
  });
});
