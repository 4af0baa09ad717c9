import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import { type Database, ROLES, type Role } from '../../../db/schema.ts';
import { appendAudit } from '../../data/audit.ts';
import { deleteUserSessions } from '../../data/sessions.ts';
import {
  countActiveAdmins,
  findUserByEmail,
  insertUser,
  listUsers,
  normaliseEmail,
  setUserDisabled,
} from '../../data/users.ts';
import { hashPassword, newPasswordErrors } from '../../lib/auth.ts';
import { option, positionals, withStore } from '../context.ts';

const CLI = 'cli';

type Outcome = { ok: true; message: string } | { ok: false; message: string };

/** Creates an account from the command line; every check the admin page makes, and audited. */
export async function addUser(
  db: Kysely<Database>,
  input: { email: string; role: string; name?: string; password: string },
  now: Date,
): Promise<Outcome> {
  const email = normaliseEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    return { ok: false, message: `Not an email address: ${input.email}` };
  if (!ROLES.includes(input.role as Role)) {
    return {
      ok: false,
      message: `--role must be one of ${ROLES.join(', ')} (got ${input.role || 'nothing'})`,
    };
  }
  const errors = newPasswordErrors('en', input.password, input.password);
  if (errors.password) return { ok: false, message: errors.password };
  if (await findUserByEmail(db, email))
    return { ok: false, message: `An account for ${email} already exists.` };
  const passwordHash = await hashPassword(input.password);
  const role = input.role as Role;
  const displayName = input.name?.trim() ?? '';
  const id = await db.transaction().execute(async (trx) => {
    const id = await insertUser(trx, { email, displayName, role, passwordHash }, now);
    await appendAudit(
      trx,
      {
        actorId: null,
        actorLabel: CLI,
        action: 'user.create',
        targetType: 'user',
        targetId: id,
        after: { email, display_name: displayName, role },
      },
      now,
    );
    return id;
  });
  return { ok: true, message: `Created ${role} account ${email} (id ${id}).` };
}

/** Lines of a plain table: email, role, disabled, created. */
export async function listUserLines(db: Kysely<Database>): Promise<string[]> {
  const users = await listUsers(db);
  if (users.length === 0) return ['No accounts yet.'];
  const rows = [
    ['email', 'role', 'disabled', 'created'],
    ...users.map((u) => [u.email, u.role, u.disabled_at ? `yes (${u.disabled_at})` : 'no', u.created_at]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
}

/** Disables an account and ends its sessions; the last active administrator stays. */
export async function disableUser(db: Kysely<Database>, emailTyped: string, now: Date): Promise<Outcome> {
  const user = await findUserByEmail(db, emailTyped);
  if (!user) return { ok: false, message: `No account for ${normaliseEmail(emailTyped)}.` };
  if (user.disabled_at) return { ok: true, message: `${user.email} was already disabled.` };
  if (user.role === 'admin' && (await countActiveAdmins(db)) <= 1) {
    return { ok: false, message: `${user.email} is the last active administrator and cannot be disabled.` };
  }
  await db.transaction().execute(async (trx) => {
    await setUserDisabled(trx, user.id, now);
    const ended = await deleteUserSessions(trx, user.id);
    await appendAudit(
      trx,
      {
        actorId: null,
        actorLabel: CLI,
        action: 'user.disable',
        targetType: 'user',
        targetId: user.id,
        before: { disabled_at: null },
        after: { disabled_at: now.toISOString(), sessions_ended: ended },
      },
      now,
    );
  });
  return { ok: true, message: `Disabled ${user.email}; their sessions have ended.` };
}

/**
 * The password: asked twice on a terminal without echo, or the first line of stdin when piped
 * (`printf '%s\n' "$PW" | npm run koe -- users:add …`), so it never appears in the shell history.
 */
export async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trim();
  }
  const first = await askHidden('Password (at least 12 characters): ');
  const second = await askHidden('Password again: ');
  if (first !== second) throw new Error('The two passwords do not match.');
  return first;
}

function askHidden(prompt: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(prompt, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

export async function add(args: string[]): Promise<number> {
  const [email] = positionals(args, ['role', 'name']);
  const role = option(args, 'role');
  if (!email || !role) {
    console.error(
      'Usage: npm run koe -- users:add <email> --role <admin|staff|council> [--name <display name>]',
    );
    return 2;
  }
  const password = await readPassword();
  return withStore(args, async (store) => {
    const out = await addUser(store.db, { email, role, name: option(args, 'name'), password }, new Date());
    (out.ok ? console.log : console.error)(out.message);
    return out.ok ? 0 : 1;
  });
}

export async function list(args: string[]): Promise<number> {
  return withStore(args, async (store) => {
    for (const line of await listUserLines(store.db)) console.log(line);
    return 0;
  });
}

export async function disable(args: string[]): Promise<number> {
  const [email] = positionals(args);
  if (!email) {
    console.error('Usage: npm run koe -- users:disable <email>');
    return 2;
  }
  return withStore(args, async (store) => {
    const out = await disableUser(store.db, email, new Date());
    (out.ok ? console.log : console.error)(out.message);
    return out.ok ? 0 : 1;
  });
}
