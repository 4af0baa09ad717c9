/**
 * `npm run koe -- <command> [args]`: the operators' tool. Each command is a module exporting
 * `run(args): Promise<exit code>`; add a line to COMMANDS to add one.
 */
type Command = { summary: string; load: () => Promise<(args: string[]) => Promise<number>> };

const COMMANDS: Record<string, Command> = {
  'users:add': {
    summary: '<email> --role <admin|staff|council> [--name <name>]  new account; password from TTY or stdin',
    load: async () => (await import('./commands/users.ts')).add,
  },
  'users:list': {
    summary: 'accounts: email, role, disabled, created',
    load: async () => (await import('./commands/users.ts')).list,
  },
  'users:disable': {
    summary: '<email>  disable an account and end its sessions',
    load: async () => (await import('./commands/users.ts')).disable,
  },
  'audit:verify': {
    summary: 'check the audit log hash chain (exit 1 when broken)',
    load: async () => (await import('./commands/audit.ts')).verify,
  },
  'db:migrate': {
    summary: 'apply pending database migrations',
    load: async () => (await import('./commands/db.ts')).migrate,
  },
  'db:backup': {
    summary: '<file>  consistent copy of the live database (SQLite online backup)',
    load: async () => (await import('./commands/db.ts')).backup,
  },
  'db:copy': {
    summary: '--from <sqlite file> --to <postgres url>  move every row to PostgreSQL, counts compared',
    load: async () => (await import('./commands/db.ts')).copy,
  },
  serve: {
    summary: '[--workers N] [--demo]  run Koe; N processes on this machine need PostgreSQL',
    load: async () => (await import('./commands/serve.ts')).serve,
  },
  import: {
    summary: '<consultation-id> <file.csv>  import comments from a CSV (UTF-8 or Shift_JIS), all or nothing',
    load: async () => (await import('./commands/import.ts')).run,
  },
  'draft:import': {
    summary:
      '<consultation-id> <file.docx|.pdf|.md|.txt> [--replace] [--dry-run]  split a draft file into sections and save them',
    load: async () => (await import('./commands/draft.ts')).run,
  },
  analyse: {
    summary: '<file.csv> [--column <name>] [--json]  analyse comments in any CSV',
    load: async () => (await import('./commands/analyse.ts')).run,
  },
};

function usage(): void {
  console.log('Usage: npm run koe -- <command> [options]   (add --demo to use the demo database)\n');
  for (const [name, c] of Object.entries(COMMANDS)) console.log(`  ${name.padEnd(16)} ${c.summary}`);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help') {
    usage();
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Unknown command: ${name}\n`);
    usage();
    return 2;
  }
  const run = await command.load();
  return run(args);
}

// The process ends on its own once the command is done. No process.exit(): output to a pipe is
// written asynchronously, and exiting before it has drained cuts it at the pipe's buffer (64 KB).
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
