import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { verifyAuditLog } from '../../usecases/audit-log.ts';
import { withStore } from '../context.ts';

/** The verdict as printed, and the exit code: 0 when the chain holds, 1 when it is broken. */
export async function verifyReport(db: Kysely<Database>): Promise<{ code: number; lines: string[] }> {
  const r = await verifyAuditLog(db);
  if (r.ok) {
    return {
      code: 0,
      lines: [
        `OK: ${r.count} audit log entries, hash chain intact.`,
        `Last hash: ${r.lastHash} (keep a copy elsewhere: removing the newest entries is only visible against it)`,
      ],
    };
  }
  return {
    code: 1,
    lines: [
      `BROKEN at entry ${r.brokenId} (${r.reason}): ${r.detail}.`,
      `${r.count} entries before it verified.`,
    ],
  };
}

export async function verify(args: string[]): Promise<number> {
  return withStore(args, async (store) => {
    const { code, lines } = await verifyReport(store.db);
    for (const line of lines) (code === 0 ? console.log : console.error)(line);
    return code;
  });
}
