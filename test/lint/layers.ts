/**
 * The house's import rules, checked by `npm run lint` (and by test/lint/layers.test.ts).
 *
 * Data flows one way: routes → use cases → domain rules and data → db, and out as plain objects
 * into views. Each folder below may import only from the folders it lists (its own folder and
 * npm packages always). A wrong arrow prints the file, the line and the rule, and fails.
 *
 * Try it: add `import { findConsultation } from '../data/consultations.ts';` to any file in
 * src/domain/ and run `npm run lint`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

type Layer =
  | 'db/migrations'
  | 'db'
  | 'views'
  | 'src/lib'
  | 'src/schemas'
  | 'src/http'
  | 'src/analysis'
  | 'src/analysis-runner'
  | 'src/mail'
  | 'src/data'
  | 'src/domain'
  | 'src/usecases'
  | 'src/routes'
  | 'src/cli'
  | 'src/demo'
  | 'src'; // app.tsx, server.tsx, config.ts, env.ts, startup.ts: the composition root

/** What each layer may import (besides itself). `types` entries may be imported with `import type` only. */
const RULES: Record<Layer, { may: Layer[]; types?: Layer[]; why: string }> = {
  'db/migrations': { may: [], why: 'migrations are frozen in time and import no app code' },
  db: { may: [], why: 'the Database type stands alone' },
  'src/lib': { may: ['db'], why: 'lib holds small pure helpers that everything may use' },
  'src/analysis': { may: [], why: 'analysis is data in, data out: no database, no HTTP, no app code' },
  'src/schemas': {
    may: ['src/lib', 'db'],
    why: 'schemas describe input; they decide no rule and run no query',
  },
  'src/domain': {
    may: ['src/lib', 'src/analysis', 'db'],
    why: 'domain rules are plain functions: no queries (use cases call data), no HTTP, no views',
  },
  'src/data': {
    may: ['src/lib', 'src/analysis', 'db', 'db/migrations'],
    why: 'data runs queries; it decides no rule (receipt codes, HMACs, diffs come from the domain)',
  },
  'src/usecases': {
    may: ['src/domain', 'src/data', 'src/lib', 'src/analysis', 'db'],
    types: ['src/schemas'],
    why: 'a use case opens its transaction, checks the rule and writes through data',
  },
  'src/analysis-runner': {
    may: ['src/analysis', 'src/data', 'src/domain', 'src/lib', 'db'],
    why: 'the runner feeds the engine from the database',
  },
  'src/mail': {
    may: ['src/usecases', 'src/domain', 'src/data', 'src/lib', 'views', 'db'],
    why: 'the mail sender is a service like the analysis runner: it reads the outbox, renders views/mail and speaks SMTP',
  },
  'src/http': {
    may: ['src/lib', 'src/schemas', 'src/data', 'src/domain', 'views', 'db'],
    types: ['src'],
    why: 'http is request plumbing (render, validation, sessions, security) shared by routes',
  },
  'src/routes': {
    may: [
      'src/http',
      'src/usecases',
      'src/domain',
      'src/data',
      'src/schemas',
      'src/lib',
      'src/analysis-runner',
      'views',
      'db',
    ],
    types: ['src', 'src/analysis'],
    why: 'routes read input, call use cases or read queries, and render views',
  },
  views: {
    may: ['src/lib', 'db'],
    types: ['src', 'src/domain', 'src/analysis'],
    why: 'views are pure functions of props: they export their own prop types and never import queries',
  },
  'src/cli': {
    may: [
      'src',
      'src/usecases',
      'src/domain',
      'src/data',
      'src/lib',
      'src/analysis',
      'src/analysis-runner',
      'src/demo',
      'db',
      'db/migrations',
      'src/schemas',
    ],
    why: 'the CLI is a composition root of its own',
  },
  'src/demo': {
    may: ['src/usecases', 'src/domain', 'src/data', 'src/lib', 'db', 'src/analysis-runner'],
    types: ['src'],
    why: 'the demo is seeded through the use cases a person would trigger',
  },
  src: {
    may: [
      'src/http',
      'src/routes',
      'src/usecases',
      'src/domain',
      'src/data',
      'src/lib',
      'src/schemas',
      'src/analysis-runner',
      'src/mail',
      'src/demo',
      'src/cli',
      'views',
      'db',
      'db/migrations',
    ],
    why: 'the composition root wires everything',
  },
};

const ORDER: Layer[] = (Object.keys(RULES) as Layer[]).sort((a, b) => b.length - a.length);

function layerOf(path: string): Layer | undefined {
  const p = path.split(sep).join('/');
  for (const layer of ORDER) if (p === layer || p.startsWith(`${layer}/`)) return layer;
  return undefined;
}

export interface Violation {
  file: string;
  line: number;
  target: string;
  message: string;
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Checks one file's imports; `file` is relative to `root`. */
export function checkFile(root: string, file: string, source: string): Violation[] {
  const from = layerOf(file);
  if (!from) return [];
  const rule = RULES[from];
  const out: Violation[] = [];
  const lines = source.split('\n');
  // Multi-line import statements: join each statement onto its first line's number.
  for (let i = 0; i < lines.length; i++) {
    let stmt = lines[i] ?? '';
    if (!/^\s*(import|export)\b/.test(stmt)) {
      for (const d of stmt.matchAll(DYNAMIC)) check(i, d[1] ?? '', false);
      continue;
    }
    let j = i;
    while (!/['"][^'"]+['"];?\s*$/.test(stmt) && j < lines.length - 1 && j - i < 60) stmt += ` ${lines[++j]}`;
    const m = stmt.match(IMPORT);
    if (m) check(i, m[3] ?? '', Boolean(m[2]) || allTypeSpecifiers(stmt));
  }
  return out;

  function check(lineIndex: number, spec: string, typeOnly: boolean) {
    if (!spec.startsWith('.')) {
      if (/^tsx\/dist\b/.test(spec))
        out.push({ file, line: lineIndex + 1, target: spec, message: 'imports a private path of tsx' });
      return;
    }
    const target = relative(root, resolve(root, dirname(file), spec));
    const to = layerOf(target);
    if (!to || to === from) return;
    if (rule.may.includes(to)) return;
    if (typeOnly && rule.types?.includes(to)) return;
    const allowed = [...rule.may, ...(rule.types ?? []).map((t) => `${t} (types)`)];
    out.push({
      file,
      line: lineIndex + 1,
      target,
      message: `${from} may not import ${to}${typeOnly ? ' (even types)' : ''}: ${rule.why}. Allowed: ${allowed.join(', ') || 'nothing of the app'}.`,
    });
  }
}

/** `import { type A, type B } from …`: every named specifier is a type. */
function allTypeSpecifiers(stmt: string): boolean {
  const names = stmt.match(/^\s*(?:import|export)\s*\{([^}]*)\}\s*from/)?.[1];
  if (!names) return false;
  const parts = names
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  return parts.length > 0 && parts.every((x) => x.startsWith('type '));
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (/\.(ts|tsx)$/.test(name)) yield p;
  }
}

/** Every violation in the tree under `root` (src, views and db). */
export function checkLayers(root: string): Violation[] {
  const out: Violation[] = [];
  for (const top of ['src', 'views', 'db']) {
    for (const path of walk(join(root, top))) {
      out.push(...checkFile(root, relative(root, path), readFileSync(path, 'utf8')));
    }
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const found = checkLayers(root);
  for (const v of found) console.error(`${v.file}:${v.line}  → ${v.target}\n    ${v.message}`);
  if (found.length > 0) {
    console.error(`\n${found.length} import(s) break the layer rules (test/lint/layers.ts).`);
    process.exitCode = 1;
  } else {
    console.log('layers: every import follows the rules');
  }
}
