/**
 * How a section of a draft is named wherever people see it: inbox, review, CSVs, the result
 * table, the council summary. Subsections restart their numbers in each chapter (four sections
 * numbered 「2」 in one draft), so a section is named with the numbers of the sections it sits in:
 * 「第2章 1 市民の声を聴く仕組みの充実」.
 */

/** What naming needs of a section. */
export interface SectionRef {
  id: number;
  level: number;
  number: string;
  heading: string;
}

/** 「1 協働の原則」: a section's own number and heading. */
export function ownLabel(s: Pick<SectionRef, 'number' | 'heading'>): string {
  return [s.number, s.heading].filter((x) => x !== '').join(' ');
}

/**
 * The full, unambiguous label of every section, from the draft's sections in reading order:
 * the numbers of its enclosing sections (their heading where they have no number), then its own
 * number and heading.
 */
export function sectionLabels(sections: readonly SectionRef[]): Map<number, string> {
  const out = new Map<number, string>();
  const open: SectionRef[] = [];
  for (const s of sections) {
    while (open.length > 0 && (open[open.length - 1]?.level ?? 0) >= s.level) open.pop();
    const path = open.map((a) => a.number || a.heading);
    out.set(s.id, [...path, ownLabel(s)].join(' '));
    open.push(s);
  }
  return out;
}

/** The full label of one section among all of its draft's sections ('' when not found). */
export function sectionLabel(sections: readonly SectionRef[], id: number): string {
  return sectionLabels(sections).get(id) ?? '';
}
