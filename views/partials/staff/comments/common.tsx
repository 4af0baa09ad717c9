import type { Category, Channel, Consultation } from '../../../../db/schema.ts';
import type { RedactionKind } from '../../../../src/domain/redaction.ts';
import { commentsPath, type InboxStatus } from '../../../../src/lib/comments.ts';
import { type Lang, t } from '../../../../src/lib/i18n.ts';
import { categoryLabel, channelLabel } from '../../../../src/lib/labels.ts';
import type { PageCtx } from '../../../context.ts';

/** A section of the draft as a choice in a list: its id and its name. */
export interface SectionOption {
  id: number;
  label: string;
}

export function statusLabel(s: InboxStatus, lang: Lang): string {
  if (s === 'hidden') return t(lang, '非表示', 'Hidden');
  if (s === 'redacted') return t(lang, '一部削除して公開', 'Published redacted');
  return t(lang, '受付済', 'Received');
}

/** Status in words (and a border style), never by colour alone. */
export function StatusBadge({ status, lang }: { status: InboxStatus; lang: Lang }) {
  return <span class={`badge badge-comment-${status}`}>{statusLabel(status, lang)}</span>;
}

export function categoryText(c: Category | null, lang: Lang): string {
  return c ? categoryLabel(c, lang) : t(lang, '記載なし', 'Not given');
}

export function channelText(c: Channel, lang: Lang): string {
  return channelLabel(c, lang);
}

export function redactionKindLabel(k: RedactionKind | string, lang: Lang): string {
  const labels: Record<string, [string, string]> = {
    name: ['氏名', 'Name'],
    address: ['住所', 'Address'],
    phone: ['電話番号', 'Phone number'],
    email: ['メールアドレス', 'Email address'],
    postal: ['郵便番号', 'Postal code'],
    manual: ['手入力で指定', 'Chosen by staff'],
  };
  const pair = labels[k];
  return pair ? t(lang, pair[0], pair[1]) : k;
}

export type Tab = 'inbox' | 'new' | 'import' | 'none';

/** Breadcrumb, title and the three ways into this consultation's comments. */
export function CommentsHeader({
  ctx,
  consultation: c,
  title,
  tab,
}: {
  ctx: PageCtx;
  consultation: Pick<Consultation, 'id' | 'title'>;
  title: string;
  tab: Tab;
}) {
  const { lang } = ctx;
  const items: [Tab, string, string][] = [
    ['inbox', commentsPath(c.id), t(lang, '意見の一覧', 'All comments')],
    ['new', commentsPath(c.id, '/new'), t(lang, '紙・メールの意見を入力', 'Enter a paper comment')],
    ['import', commentsPath(c.id, '/import'), t(lang, 'CSVから取り込む', 'Import a CSV')],
  ];
  return (
    <>
      <nav class="breadcrumb no-print" aria-label={t(lang, '現在位置', 'You are here')}>
        <a href="/staff">{t(lang, '職員トップ', 'Staff home')}</a>
        {' › '}
        <a href={`/staff/consultations/${c.id}`}>{c.title}</a>
        {' › '}
        <a href={commentsPath(c.id)}>{t(lang, '意見', 'Comments')}</a>
      </nav>
      <h1>{title}</h1>
      <nav class="comment-tabs no-print" aria-label={t(lang, '意見の作業', 'Comment tasks')}>
        <ul>
          {items.map(([key, href, label]) => (
            <li>
              <a href={href} aria-current={key === tab ? 'page' : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
