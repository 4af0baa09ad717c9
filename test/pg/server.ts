/**
 * A temporary PostgreSQL server for the tests and benchmarks: `initdb` in a temporary
 * directory, `pg_ctl start` on a free port of 127.0.0.1 (and a socket in that directory),
 * stopped and removed by `stop()`. PostgreSQL refuses to run as root, so as root it runs as the
 * `postgres` user. Binaries: KOE_PG_BIN, else the newest /usr/lib/postgresql/<version>/bin
 * (Debian's `apt-get install postgresql`), else PATH.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TemporaryServer {
  /** postgres://koe@127.0.0.1:<port>/postgres — the role `koe` is the superuser. */
  url: string;
  port: number;
  stop(): void;
}

function binDir(): string {
  if (process.env.KOE_PG_BIN) return process.env.KOE_PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions[0] ? join(root, versions[0], 'bin') : '';
}

/** Where PostgreSQL's server programs are, or undefined when this machine has none. */
export function findPostgres(): string | undefined {
  const dir = binDir();
  if (dir) return existsSync(join(dir, 'initdb')) ? dir : undefined;
  try {
    execFileSync('initdb', ['--version'], { stdio: 'ignore' });
    return '';
  } catch {
    return undefined;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Starts a server with `settings` (`-c name=value` each). The defaults make tests fast (no
 * fsync: a test server's data need not survive a power cut) and leave synchronous_commit off,
 * so that the tests show Koe turns it on for its own connections.
 */
export async function startTemporaryServer(
  settings: Record<string, string> = { fsync: 'off', full_page_writes: 'off', synchronous_commit: 'off' },
): Promise<TemporaryServer> {
  const bin = findPostgres();
  if (bin === undefined) {
    throw new Error(
      'PostgreSQL is not installed here (apt-get install -y postgresql), and KOE_TEST_DATABASE_URL is not set.',
    );
  }
  const tool = (name: string) => (bin ? join(bin, name) : name);
  const dir = mkdtempSync(join(tmpdir(), 'koe-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (args: string[]) => {
    const command = args.map(quote).join(' ');
    if (asRoot) execFileSync('su', ['postgres', '-c', command], { stdio: 'pipe' });
    else execFileSync('sh', ['-c', command], { stdio: 'pipe' });
  };
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), 0);
  const port = await freePort();
  const data = join(dir, 'data');
  run([tool('initdb'), '-D', data, '-A', 'trust', '-U', 'koe', '--encoding=UTF8', '--locale=C.UTF-8']);
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=300',
    ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`),
  ].join(' ');
  run([tool('pg_ctl'), '-D', data, '-l', join(dir, 'log'), '-o', options, '-w', 'start']);
  return {
    url: `postgres://koe@127.0.0.1:${port}/postgres`,
    port,
    stop() {
      try {
        run([tool('pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
