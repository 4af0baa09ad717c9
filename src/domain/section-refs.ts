/**
 * Reading a section reference that a person wrote (a CSV cell, mostly): 「第2章 1」, 「2-1」, the
 * full label 「第2章 1 市民の声を聴く仕組みの充実」, a heading, or a number that is unique in the
 * draft (「第1章」). Subsections restart their numbers in each chapter, so a bare 「2」 can name
 * four sections: a reference that fits more than one section is refused with the candidates,
 * never resolved to one of them.
 */
import { type Lang, t } from '../lib/i18n.ts';
import { type SectionRef, sectionLabels } from '../lib/sections.ts';

export type SectionMatch =
  | { kind: 'found'; id: number }
  | { kind: 'ambiguous'; ref: string; candidates: string[] }
  | { kind: 'unknown'; ref: string };

/** How a reference is compared: width, case, spaces and the many dashes do not matter. */
function key(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/[‐‑‒–—―−ー]/g, '-');
}

/** The number in 「第2章」, 「(1)」 or 「2」, for the short form 「2-1」. */
function digitsOf(number: string): string | undefined {
  return /\d+/.exec(number.normalize('NFKC'))?.[0];
}

/** The sections of one draft, ready to read references against. */
export interface SectionIndex {
  /** Full, unambiguous label of each section, by id. */
  labels: Map<number, string>;
  resolve(ref: string): SectionMatch;
  /** References that work in this draft, to show as examples (each resolves to one section). */
  examples: string[];
}

export function sectionIndex(sections: readonly SectionRef[]): SectionIndex {
  const labels = sectionLabels(sections);
  const byKey = new Map<string, Set<number>>();
  const add = (form: string, id: number) => {
    const k = key(form);
    if (!k) return;
    const ids = byKey.get(k) ?? new Set<number>();
    ids.add(id);
    byKey.set(k, ids);
  };
  // The path of each section: the numbers (or headings) of the sections it sits in, then its own.
  const paths = new Map<number, SectionRef[]>();
  const open: SectionRef[] = [];
  for (const s of sections) {
    while (open.length > 0 && (open[open.length - 1]?.level ?? 0) >= s.level) open.pop();
    const path = [...open, s];
    paths.set(s.id, path);
    open.push(s);
    add(labels.get(s.id) ?? '', s.id);
    add(`${s.number} ${s.heading}`, s.id);
    add(s.heading, s.id);
    add(s.number, s.id);
    if (path.length > 1) {
      const names = path.map((p) => p.number || p.heading);
      add(names.join(''), s.id);
      add(names.join('-'), s.id);
      const digits = path.map((p) => digitsOf(p.number));
      if (digits.every((d) => d !== undefined)) {
        add(digits.join('-'), s.id);
        add(digits.join('.'), s.id);
      }
    }
  }

  function resolve(ref: string): SectionMatch {
    const ids = byKey.get(key(ref));
    if (!ids || ids.size === 0) return { kind: 'unknown', ref };
    if (ids.size === 1) return { kind: 'found', id: [...ids][0]! };
    return { kind: 'ambiguous', ref, candidates: [...ids].map((id) => labels.get(id) ?? '') };
  }

  return { labels, resolve, examples: examplesOf(sections, paths, resolve) };
}

/**
 * Up to three references that name one section each in this draft: a subsection by its chapter
 * (preferably one whose own number repeats, which is where people go wrong), the same in the
 * short form, and a chapter.
 */
function examplesOf(
  sections: readonly SectionRef[],
  paths: Map<number, SectionRef[]>,
  resolve: (ref: string) => SectionMatch,
): string[] {
  const unique = (ref: string, id: number) => {
    const m = resolve(ref);
    return m.kind === 'found' && m.id === id;
  };
  const out: string[] = [];
  const nested = sections.filter((s) => (paths.get(s.id)?.length ?? 0) > 1 && s.number);
  const sub = nested.find((s) => !unique(s.number, s.id)) ?? nested[0];
  if (sub) {
    const path = paths.get(sub.id) ?? [];
    const long = path.map((p) => p.number || p.heading).join(' ');
    if (unique(long, sub.id)) out.push(long);
    const digits = path.map((p) => digitsOf(p.number));
    const short = digits.join('-');
    if (digits.every((d) => d !== undefined) && unique(short, sub.id)) out.push(short);
  }
  const top = sections.find(
    (s) => (paths.get(s.id)?.length ?? 0) === 1 && s.number && unique(s.number, s.id),
  );
  if (top) out.push(top.number);
  if (out.length === 0) {
    const any = sections.find((s) => unique(s.heading, s.id));
    if (any) out.push(any.heading);
  }
  return out;
}

/** Every reference in one cell: separated by 「、」「,」「;」 or line breaks. */
export function splitReferences(cell: string): string[] {
  return cell
    .normalize('NFKC')
    .split(/[,、;\n\r]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Reads a cell of references. A part that names no section as a whole but is made of words that
 * each name one («第1章 第2章», as earlier versions accepted) counts as those sections.
 */
export function resolveReferences(
  index: SectionIndex,
  cell: string,
): { ids: number[]; problems: SectionMatch[] } {
  const ids: number[] = [];
  const problems: SectionMatch[] = [];
  for (const part of splitReferences(cell)) {
    const whole = index.resolve(part);
    if (whole.kind === 'found') {
      ids.push(whole.id);
      continue;
    }
    const words = whole.kind === 'unknown' ? part.split(/\s+/) : [];
    const each = words.length > 1 ? words.map((w) => index.resolve(w)) : [];
    if (each.length > 0 && each.every((m) => m.kind === 'found')) {
      for (const m of each) if (m.kind === 'found') ids.push(m.id);
      continue;
    }
    problems.push(each.find((m) => m.kind === 'ambiguous') ?? whole);
  }
  return { ids: [...new Set(ids)], problems };
}

const MAX_CANDIDATES = 8;

/** What went wrong with a reference, and how to write it so that it names one section. */
export function referenceProblem(problem: SectionMatch, examples: readonly string[], lang: Lang): string {
  const ex = (open: string, close: string, sep: string) =>
    examples.map((e) => `${open}${e}${close}`).join(sep);
  const howJa = examples.length
    ? `${ex('「', '」', '')}のように章から番号で書くか、見出しをそのまま書いてください。`
    : '見出しをそのまま書いてください。';
  const howEn = examples.length
    ? `Write the numbers from the chapter down, like ${ex('"', '"', ' or ')}, or the heading as it is.`
    : 'Write the heading as it is.';
  if (problem.kind === 'ambiguous') {
    const shown = problem.candidates.slice(0, MAX_CANDIDATES);
    const more = problem.candidates.length - shown.length;
    return t(
      lang,
      `該当箇所「${problem.ref}」に当たる箇所が案に${problem.candidates.length}つあります（${shown.join('、')}${more > 0 ? `、ほか${more}件` : ''}）。どれか一つに決められないため取り込めません。${howJa}`,
      `Section "${problem.ref}" fits ${problem.candidates.length} parts of the draft (${shown.join('; ')}${more > 0 ? `; ${more} more` : ''}), so it cannot be read as one. ${howEn}`,
    );
  }
  const ref = problem.kind === 'unknown' ? problem.ref : '';
  return t(
    lang,
    `該当箇所「${ref}」は案にありません。${howJa}空欄なら案全体への意見になります。`,
    `Section "${ref}" is not in the draft. ${howEn} Leave it empty for a comment on the whole draft.`,
  );
}
