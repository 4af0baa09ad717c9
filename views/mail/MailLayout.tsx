/**
 * What every mail shares: the text and HTML made from the same lines, a subject on one line, the
 * site's name and the footer. A template writes its content as blocks; values are escaped by
 * hono/jsx in the HTML and kept to one line where the text puts them on one.
 */
import type { Child } from 'hono/jsx';
import { type Lang, t } from '../../src/lib/i18n.ts';
import { cleanLine } from '../../src/lib/text.ts';

/** A rendered message: subject, plain text and HTML. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** One block of a mail, shown the same way in the text and in the HTML. */
export type MailBlock =
  | { p: string }
  /** Label: value lines (a table in the HTML). */
  | { facts: [label: string, value: string][] }
  | { link: string; label: string }
  | { list: string[] };

/** A value on one line, without control characters, at most `max` characters long. */
export function oneLine(value: string, max = 200): string {
  const v = cleanLine(value);
  return v.length > max ? `${v.slice(0, max - 1)}…` : v;
}

const footer = (lang: Lang, extra: MailBlock[]): MailBlock[] => [
  ...extra,
  {
    p: t(
      lang,
      'このメールは送信専用のアドレスから送っています。返信はできません。',
      'This message comes from an address that does not receive replies.',
    ),
  },
];

function textOf(blocks: MailBlock[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if ('p' in b) out.push(b.p);
    else if ('facts' in b) out.push(b.facts.map(([k, v]) => `${k}: ${v}`).join('\n'));
    else if ('link' in b) out.push(`${b.label}\n${b.link}`);
    else out.push(b.list.map((item) => `- ${item}`).join('\n'));
  }
  return `${out.join('\n\n')}\n`;
}

function Block({ b }: { b: MailBlock }): Child {
  if ('p' in b) return <p>{b.p}</p>;
  if ('facts' in b)
    return (
      <table>
        <tbody>
          {b.facts.map(([k, v]) => (
            <tr>
              <th scope="row" style="text-align:left;padding-right:1em;vertical-align:top">
                {k}
              </th>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  if ('link' in b)
    return (
      <p>
        {b.label}
        <br />
        <a href={b.link}>{b.link}</a>
      </p>
    );
  return (
    <ul>
      {b.list.map((item) => (
        <li>{item}</li>
      ))}
    </ul>
  );
}

/**
 * The message from its subject and blocks: the text part line for line, the HTML part the same
 * blocks, signed with the site's name. `after` goes below the content, above the standard footer (an unsubscribe link).
 */
export function mail(
  { lang, site }: { lang: Lang; site: string },
  subject: string,
  blocks: MailBlock[],
  after: MailBlock[] = [],
): MailContent {
  const all = [...blocks, ...footer(lang, after)];
  const fullSubject = oneLine(`【${site}】${subject}`, 250);
  const html = (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <title>{fullSubject}</title>
      </head>
      <body style="font-family:sans-serif;line-height:1.6">
        {all.map((b) => (
          <Block b={b} />
        ))}
        <p style="color:#555">{site}</p>
      </body>
    </html>
  );
  return {
    subject: fullSubject,
    text: `${textOf(all)}\n${site}\n`,
    html: `<!doctype html>${html}`,
  };
}
