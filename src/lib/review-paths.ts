/** Addresses of the review workspace, shared by its routes (redirects) and views (links). */

export function reviewBase(consultationId: number): string {
  return `/staff/consultations/${consultationId}/review`;
}

/** The comment list's filter as it travels in the address. */
export interface ReviewFilterValues {
  section: string;
  q: string;
  ungrouped: boolean;
}

/** The workspace with the filter (and anything else, such as a notice) in its query. */
export function workspaceHref(
  consultationId: number,
  filter: ReviewFilterValues,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams();
  if (filter.section) params.set('section', filter.section);
  if (filter.q) params.set('q', filter.q);
  if (filter.ungrouped) params.set('ungrouped', '1');
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const qs = params.toString();
  return `${reviewBase(consultationId)}${qs ? `?${qs}` : ''}`;
}
