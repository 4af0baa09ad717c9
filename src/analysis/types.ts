/**
 * Public types of the analysis engine. Everything in {@link AnalysisResult} is plain JSON
 * (strings, numbers, arrays, objects): it is cached in a database column and sent to worker
 * threads, so no Dates, Maps or class instances appear in it.
 */

/** One comment as the analysis sees it. */
export interface AnalysisInput {
  id: string | number;
  text: string;
  /** When the comment was received. ISO string or Date; used for bursts and the by-day count. */
  receivedAt?: Date | string;
  /** Draft sections (該当箇所) the comment points at. */
  sectionIds?: readonly (string | number)[];
  /** Submitter category (区分). */
  category?: string | null;
  /** Channel (提出方法): web, post, fax, email, in person… */
  channel?: string | null;
}

export type CommentId = string | number;

export interface AnalyseOptions {
  /** Smallest number of copies (comments) that makes a campaign. Default 3. */
  minCampaignSize?: number;
  /** Smallest number of distinct texts that makes a paraphrase campaign. Default 5. */
  minParaphraseSize?: number;
  /** Cosine (TF-IDF) above which two comments count as "the same point". Default 0.5. */
  paraphraseSimilarity?: number;
  /** Fixed number of top-level themes; default: chosen by data between 4 and 10. */
  themes?: number;
  /** Burst window in minutes. Default 60. */
  burstWindowMinutes?: number;
  /** Seed of the deterministic PRNG used by k-means++. Default 42. */
  seed?: number;
  /** Representatives per theme/group. Default 4. */
  representatives?: number;
  /**
   * Add wall-clock timings to `stats.timingsMs`. Off by default so that the same input gives
   * byte-identical JSON.
   */
  timings?: boolean;
}

/** Comments whose texts are identical after normalisation. */
export interface DuplicateGroup {
  /** Stable id: `d1`, `d2`… in order of size (desc) then first member. */
  id: string;
  count: number;
  memberIds: CommentId[];
  canonicalText: string;
}

export type CampaignKind = 'identical' | 'form_letter' | 'paraphrase';

export interface Burst {
  /** ISO timestamps (UTC) of the first and last comment inside the window. */
  start: string;
  end: string;
  count: number;
}

/** A mass submission: identical copies, a form letter with additions, or paraphrases. */
export interface Campaign {
  /** Stable id: `c1`, `c2`… in order of size (desc). */
  id: string;
  kind: CampaignKind;
  /** Number of comments (copies included). Not a vote count. */
  size: number;
  /** Number of distinct normalised texts in the campaign. */
  uniqueSize: number;
  memberIds: CommentId[];
  /**
   * identical: the text; form_letter: the shared template (sentences most copies contain);
   * paraphrase: the most central comment.
   */
  canonicalText: string;
  /** form_letter only: what each copy added beyond the template (only non-empty additions). */
  additions: { id: CommentId; addedText: string }[];
  /** Mean similarity of members (Jaccard estimate for near-duplicates, cosine for paraphrases). */
  cohesion: number;
  burst?: Burst;
}

export interface CampaignBurst extends Burst {
  campaignId: string;
  /** How many times more comments than the campaign's average rate would give. */
  ratio: number;
}

export interface KeyTerm {
  term: string;
  score: number;
}

export interface ClusterGroup {
  /** `t2.g3`-style id, stable for the same input. */
  id: string;
  /**
   * One line saying what the group is about, taken from a member's own words (the shortest
   * clause carrying most key terms; else the key terms joined by 「・」). Empty for the
   * unclassified theme.
   */
  label: string;
  keyTerms: KeyTerm[];
  /** Comments including copies. */
  size: number;
  /** Distinct normalised texts. */
  uniqueSize: number;
  /** Most central first, then diverse others. */
  representativeIds: CommentId[];
  memberIds: CommentId[];
}

export interface Theme extends ClusterGroup {
  groups: ClusterGroup[];
  /** True for the catch-all theme of comments with no usable terms (too short, symbols only). */
  unclassified?: true;
}

export interface Assignment {
  id: CommentId;
  duplicateGroup?: string;
  campaign?: string;
  theme: string;
  group: string;
}

export interface Breakdowns {
  bySection: Record<string, number>;
  byCategory: Record<string, number>;
  byChannel: Record<string, number>;
  /** Asia/Tokyo calendar date (YYYY-MM-DD) → count. */
  byDay: Record<string, number>;
}

export interface MethodDescription {
  ja: string;
  en: string;
  parameters: Record<string, number | string | boolean>;
}

export interface AnalysisStats {
  comments: number;
  uniqueTexts: number;
  /** Points that were clustered (near-duplicates collapsed into one). */
  clusteredPoints: number;
  vocabulary: number;
  /** Present only with `opts.timings`. */
  timingsMs?: Record<string, number>;
  /** The process's peak resident memory (MB) when each phase ended; only with `opts.timings`. */
  peakRssMB?: Record<string, number>;
}

export interface AnalysisResult {
  version: 1;
  duplicates: DuplicateGroup[];
  campaigns: Campaign[];
  bursts: CampaignBurst[];
  themes: Theme[];
  /** One per input, in input order. */
  assignments: Assignment[];
  breakdowns: Breakdowns;
  method: MethodDescription;
  stats: AnalysisStats;
}

export type ProgressCallback = (done: number, total: number, phase: string) => void;
