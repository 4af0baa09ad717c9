import type { Channel, HiddenReason, Outcome } from './schema.ts';

/**
 * What a published result stores (`published_results.snapshot_json`): the result as the city
 * published it, computed once by src/usecases/publish-result.ts and served as it is. A stored
 * row outlives the code that wrote it, so this shape changes only with a migration.
 */

/** A piece of a character diff. Joining equal + delete gives the old text, equal + insert the new. */
export type DiffOp = { op: 'equal' | 'insert' | 'delete'; text: string };

/** One paragraph of a revised section as a reader sees it (Markdown marks removed). */
export type ParagraphChange =
  | { kind: 'equal'; text: string }
  | { kind: 'added'; text: string }
  | { kind: 'removed'; text: string }
  | { kind: 'changed'; ops: DiffOp[] };

interface ChangeOf {
  id: number;
  number: string;
  /** The section's full label (「第2章 1 市民の声を聴く仕組みの充実」). */
  label: string;
}

/**
 * How one section changed between the draft and the final text. `heading`/`body` are the
 * Markdown source (open data); `paragraphs` is the readable text people see.
 */
export type SectionChange =
  | (ChangeOf & { kind: 'added'; heading: string; body: string; paragraphs: string[] })
  | (ChangeOf & { kind: 'removed'; heading: string; body: string; paragraphs: string[] })
  | (ChangeOf & { kind: 'changed'; heading: DiffOp[]; body: DiffOp[]; paragraphs: ParagraphChange[] })
  | (ChangeOf & { kind: 'unchanged'; heading: string });

/** A row of the result table (No. / 該当箇所 / 意見の概要 / 件数 / 市の考え方 / 修正). */
export interface ResultGroup {
  id: number;
  /** The number shown in the table (1, 2, 3 … in the staff's order). */
  no: number;
  summary: string;
  response: string;
  outcome: Outcome | null;
  revisionNote: string;
  sections: { id: number; number: string; heading: string; label: string }[];
  /** Comments in the group, hidden ones not counted. */
  commentCount: number;
}

/** The counts of a result: 提出者数, 意見数, by channel, and the comments outside the table. */
export interface ResultCounts {
  /** 提出者数: distinct submitters (by submitter key) over every received comment. */
  submitterCount: number;
  /** 意見数: every received comment. */
  commentCount: number;
  byChannel: { channel: Channel; comments: number; submitters: number }[];
  excluded: { count: number; reasons: { reason: string; count: number }[] };
  hidden: { count: number; reasons: { reason: HiddenReason; count: number }[] };
}

export interface PublishedResultSnapshot extends ResultCounts {
  groups: ResultGroup[];
  changes: SectionChange[];
}
