import type { SessionUser } from '../src/env.ts';
import type { City } from '../src/lib/city.ts';
import type { Lang } from '../src/lib/i18n.ts';

/** What every page needs to know about the request, built once per request by `pageCtx(c)`. */
export interface PageCtx {
  lang: Lang;
  csrfToken: string;
  user: SessionUser | null;
  /** Path and query of the current request, for the language switch and return links. */
  url: string;
  now: Date;
  /** The city's name, links and notice (its settings). */
  city: City;
}
