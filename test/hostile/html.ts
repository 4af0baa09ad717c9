/**
 * Reading the app's HTML the way a browser would, without a browser: the forms of a page with
 * their fields (so the suite posts what the app's own forms send), the links of a page, and the
 * markup that would run script (so the suite can tell escaped text from live markup).
 */

/** One control of a form, as the page declares it. */
export interface FormField {
  name: string;
  /** input type, or 'textarea' / 'select' / 'button'. */
  kind: string;
  value: string;
  checked: boolean;
  /** A select's option values; for radios of one name, every value is a separate field. */
  options: string[];
  accept: string;
  /** Out of people's reach (tabindex -1 on a text field: a honeypot that only bots fill). */
  trap?: boolean;
}

export interface PageForm {
  method: 'get' | 'post';
  /** The path it posts to (no query, no origin). */
  action: string;
  multipart: boolean;
  fields: FormField[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes character references in text or an attribute value. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

const ATTR = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** The attributes of a start tag's inside (`<input a="b" c>` → { a: 'b', c: '' }), names lower-cased. */
export function attributes(tagInside: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tagInside.matchAll(ATTR)) {
    const name = (m[1] ?? '').toLowerCase();
    if (!name || name in out) continue;
    out[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

/** Every start tag of the page: its name (lower case), attributes and offset. */
export function startTags(html: string): { tag: string; attrs: Record<string, string>; at: number }[] {
  const out: { tag: string; attrs: Record<string, string>; at: number }[] = [];
  // Text inside <script>/<style> and comments is not markup.
  const clean = html.replace(/<!--[\s\S]*?-->/g, (s) => ' '.repeat(s.length));
  for (const m of clean.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
    out.push({ tag: (m[1] ?? '').toLowerCase(), attrs: attributes(m[2] ?? ''), at: m.index ?? 0 });
  }
  return out;
}

function pathOf(url: string, base: string): string {
  return new URL(url || base, `http://localhost${base}`).pathname;
}

/** The forms of a page. `pageUrl` resolves relative actions (an empty action posts to the page). */
export function formsOf(html: string, pageUrl: string): PageForm[] {
  const forms: PageForm[] = [];
  for (const m of html.matchAll(/<form\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/form>/gi)) {
    const attrs = attributes(m[1] ?? '');
    const inner = m[2] ?? '';
    const fields: FormField[] = [];
    const buttons: { name: string; value: string; formaction: string }[] = [];
    for (const tag of inner.matchAll(
      /<(input|textarea|select|button)\b((?:[^>"']|"[^"]*"|'[^']*')*)>(?:([\s\S]*?)<\/\1>)?/gi,
    )) {
      const kind = (tag[1] ?? '').toLowerCase();
      const a = attributes(tag[2] ?? '');
      const body = tag[3] ?? '';
      if (kind === 'button') {
        if ((a.type ?? 'submit') === 'submit') {
          buttons.push({ name: a.name ?? '', value: a.value ?? '', formaction: a.formaction ?? '' });
        }
        continue;
      }
      if (!a.name || 'disabled' in a) continue;
      if (kind === 'textarea') {
        fields.push({
          name: a.name,
          kind,
          value: decodeEntities(body),
          checked: false,
          options: [],
          accept: '',
        });
      } else if (kind === 'select') {
        const options = [...body.matchAll(/<option\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/option>/gi)];
        const values = options.map((o) => {
          const oa = attributes(o[1] ?? '');
          return { value: oa.value ?? decodeEntities(o[2] ?? '').trim(), selected: 'selected' in oa };
        });
        const chosen = values.find((v) => v.selected) ?? values.find((v) => v.value !== '') ?? values[0];
        fields.push({
          name: a.name,
          kind,
          value: chosen?.value ?? '',
          checked: false,
          options: values.map((v) => v.value),
          accept: '',
        });
      } else {
        const type = (a.type ?? 'text').toLowerCase();
        if (type === 'submit' || type === 'image' || type === 'reset') {
          if (a.name) buttons.push({ name: a.name, value: a.value ?? '', formaction: a.formaction ?? '' });
          continue;
        }
        fields.push({
          name: a.name,
          kind: type,
          value: a.value ?? (type === 'checkbox' || type === 'radio' ? 'on' : ''),
          checked: 'checked' in a,
          options: [],
          accept: a.accept ?? '',
          trap: a.tabindex === '-1' && type === 'text',
        });
      }
    }
    const method = (attrs.method ?? 'get').toLowerCase() === 'post' || attrs['hx-post'] ? 'post' : 'get';
    const base = attrs['hx-post'] || attrs.action || '';
    const multipart = (attrs.enctype ?? '').toLowerCase() === 'multipart/form-data';
    const withButton = (b?: { name: string; value: string }) =>
      b?.name
        ? [
            ...fields,
            { name: b.name, kind: 'button', value: b.value, checked: true, options: [], accept: '' },
          ]
        : fields;
    // Each submit button with its own formaction is a form of its own; a named button sends its value.
    const plain = buttons.filter((b) => !b.formaction);
    forms.push({
      method,
      action: pathOf(base, pageUrl),
      multipart,
      fields: withButton(plain[0]),
    });
    for (const b of buttons.filter((b) => b.formaction)) {
      forms.push({ method: 'post', action: pathOf(b.formaction, pageUrl), multipart, fields: withButton(b) });
    }
  }
  return forms;
}

/** The same-site links of a page (path and query), for learning the query parameters a page reads. */
export function linksOf(html: string, pageUrl: string): URL[] {
  const out: URL[] = [];
  for (const t of startTags(html)) {
    if (t.tag !== 'a' || !t.attrs.href) continue;
    try {
      const u = new URL(t.attrs.href, `http://localhost${pageUrl}`);
      if (u.origin === 'http://localhost') out.push(u);
    } catch {
      // A link that is not a URL is the page's business, not a hostile-input finding.
    }
  }
  return out;
}

/** Our own scripts: the only <script> elements a page may have. */
const OWN_SCRIPT = /^\/static\/(vendor|js)\/[A-Za-z0-9._-]+\.js$/;
const LIVE_URL = /^\s*(javascript|vbscript|data)\s*:/i;
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data', 'poster']);

/**
 * What in a page would run script or load something the app did not put there: a <script> that
 * is not ours, an event-handler attribute, a javascript:/data: URL, an element that embeds
 * (iframe, object, embed), or a <base>/<meta refresh>. Returns one line per finding.
 */
export function liveMarkup(html: string): string[] {
  const found: string[] = [];
  for (const { tag, attrs, at } of startTags(html)) {
    const where = html.slice(at, at + 80).replace(/\s+/g, ' ');
    if (tag === 'script' && !OWN_SCRIPT.test(attrs.src ?? '')) found.push(`script: ${where}`);
    if (['iframe', 'object', 'embed', 'base', 'frame', 'frameset', 'applet'].includes(tag)) {
      found.push(`${tag}: ${where}`);
    }
    if (tag === 'meta' && (attrs['http-equiv'] ?? '').toLowerCase() === 'refresh')
      found.push(`meta refresh: ${where}`);
    for (const [name, value] of Object.entries(attrs)) {
      if (/^on[a-z]/.test(name)) found.push(`${name}= on <${tag}>: ${where}`);
      // hx-on:* and hx-vals="js:…" run script through htmx.
      if (/^hx-on/.test(name) || (/^hx-(vals|headers)$/.test(name) && /^\s*js:/i.test(value))) {
        found.push(`${name} on <${tag}>: ${where}`);
      }
      // Control characters are dropped from URLs by browsers: "java\tscript:" still runs.
      const squeezed = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
      if (
        URL_ATTRS.has(name) &&
        LIVE_URL.test(squeezed) &&
        !/^data:image\/(png|jpeg|gif|webp);/i.test(squeezed)
      ) {
        found.push(`${name}=${value.slice(0, 40)} on <${tag}>: ${where}`);
      }
    }
  }
  return found;
}
