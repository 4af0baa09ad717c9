import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Consultation, Section } from '../../db/schema.ts';
import type { DocumentItem } from '../partials/documents/types.ts';
import type { Phase } from '../../src/domain/lifecycle.ts';
import { t } from '../../src/lib/i18n.ts';
import { renderMarkdownCached } from '../../src/lib/markdown.ts';
import { formatDate } from '../../src/lib/time.ts';
import type { PageCtx } from '../context.ts';
import { Period, PhaseBadge } from '../partials/period.tsx';
import { SectionToc } from '../partials/SectionToc.tsx';

export interface CorrectionNote {
  id: number;
  at: string;
  note: string;
  section_id: number;
  number: string;
  heading: string;
}

export interface ConsultationPageProps {
  ctx: PageCtx;
  consultation: Consultation;
  phase: Phase;
  sections: Section[];
  documents: DocumentItem[];
  corrections: CorrectionNote[];
  /** The published result, rendered by the results module, shown above the draft. */
  result?: Child;
}

export const sectionAnchor = (s: Pick<Section, 'id'>) => `section-${s.id}`;

export function sectionLabel(s: Pick<Section, 'number' | 'heading'>): string {
  return s.number ? `${s.number} ${s.heading}` : s.heading;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(n / 1024))} KB`;
}

export function ConsultationPage(props: ConsultationPageProps) {
  const { ctx, consultation: c, phase, sections, documents, corrections } = props;
  const { lang } = ctx;
  const open = phase === 'open';
  return (
    <article class="consultation">
      <p class="breadcrumb no-print">
        <a href="/">{t(lang, '意見募集の一覧', 'All consultations')}</a>
      </p>
      <h1>{c.title}</h1>
      <PhaseBadge phase={phase} lang={lang} c={c} now={ctx.now} />
      {phase === 'withdrawn' ? (
        <div class="notice notice-warning" role="status">
          <p>
            <strong>
              {t(lang, 'この意見募集は中止しました。', 'This consultation was withdrawn.')}
              {c.withdrawn_at ? ` (${formatDate(c.withdrawn_at, lang)})` : ''}
            </strong>
          </p>
          <p>
            {t(lang, '理由：', 'Reason: ')}
            {c.withdrawal_reason}
          </p>
        </div>
      ) : null}
      {open ? (
        <p class="actions no-print">
          <a class="button" href={`/consultations/${c.id}/comment`}>
            {t(lang, 'この案に意見を書く', 'Comment on this draft')}
          </a>
        </p>
      ) : null}
      {phase === 'scheduled' ? (
        <p class="notice">
          {t(
            lang,
            '意見の受付は募集期間の初日から始まります。',
            'Comments can be sent from the first day of the period.',
          )}
        </p>
      ) : null}
      {phase === 'closed' ? (
        <p class="notice">
          {t(
            lang,
            '意見の募集は終了しました。お寄せいただいた意見と市の考え方は、取りまとめ次第このページで公表します。',
            'The comment period has ended. The comments received and the city’s response will be published on this page.',
          )}
        </p>
      ) : null}

      {props.result}

      <section aria-labelledby="h-overview">
        <h2 id="h-overview">{t(lang, '概要', 'Overview')}</h2>
        {c.summary ? <p>{c.summary}</p> : null}
        <dl class="meta">
          {c.purpose ? (
            <>
              <dt>{t(lang, '目的', 'Purpose')}</dt>
              <dd>{c.purpose}</dd>
            </>
          ) : null}
          <dt>{t(lang, '募集期間', 'Comment period')}</dt>
          <dd>
            <Period c={c} lang={lang} western />
            {c.short_period_reason ? (
              <p class="hint">
                {t(lang, '期間を30日未満とした理由：', 'Why the period is shorter than 30 days: ')}
                {c.short_period_reason}
              </p>
            ) : null}
          </dd>
          {c.published_at ? (
            <>
              <dt>{t(lang, '案の公表日', 'Draft published')}</dt>
              <dd>{formatDate(c.published_at, lang)}</dd>
            </>
          ) : null}
          <dt>{t(lang, '担当課', 'Department')}</dt>
          <dd>{c.department}</dd>
          {c.contact ? (
            <>
              <dt>{t(lang, '問い合わせ先', 'Contact')}</dt>
              <dd class="pre">{c.contact}</dd>
            </>
          ) : null}
          {c.legal_basis ? (
            <>
              <dt>{t(lang, '根拠', 'Legal basis')}</dt>
              <dd>{c.legal_basis}</dd>
            </>
          ) : null}
          <dt>{t(lang, '意見を提出できる方', 'Who may comment')}</dt>
          <dd>{c.eligibility || t(lang, 'どなたでも', 'Anyone')}</dd>
        </dl>
      </section>

      {phase !== 'result_published' && phase !== 'withdrawn' ? (
        <WaysToSubmit ctx={ctx} c={c} open={open} />
      ) : null}

      {documents.length > 0 ? (
        <section aria-labelledby="h-documents">
          <h2 id="h-documents">{t(lang, '関連資料', 'Related documents')}</h2>
          <ul>
            {documents.map((d) => (
              <li>
                <a href={`/consultations/${c.id}/documents/${d.id}`}>{d.title || d.filename}</a>{' '}
                <span class="hint">
                  （{d.filename.split('.').pop()?.toUpperCase()}、{formatBytes(d.size)}）
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {corrections.length > 0 ? (
        <section aria-labelledby="h-corrections">
          <h2 id="h-corrections">{t(lang, '正誤（案の訂正）', 'Corrections to the draft')}</h2>
          <ul>
            {corrections.map((k) => (
              <li>
                <time datetime={k.at}>{formatDate(k.at, lang)}</time>{' '}
                <a href={`#section-${k.section_id}`}>{sectionLabel(k)}</a>：{k.note}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="h-draft">
        <h2 id="h-draft">{t(lang, '案の本文', 'The draft')}</h2>
        <nav aria-labelledby="h-toc" class="toc">
          <h3 id="h-toc">{t(lang, '目次', 'Contents')}</h3>
          <SectionToc sections={sections} href={(s) => `#${sectionAnchor(s)}`} />
        </nav>
        {sections.map((s) => {
          const Heading = s.level <= 1 ? 'h3' : 'h4';
          return (
            <section
              id={sectionAnchor(s)}
              class={`section level-${s.level}`}
              aria-labelledby={`${sectionAnchor(s)}-h`}
            >
              <div class="section-heading">
                <Heading id={`${sectionAnchor(s)}-h`}>
                  {s.number ? <span class="section-number">{s.number}</span> : null}
                  {s.heading}
                </Heading>
                {open ? (
                  <a class="comment-link no-print" href={`/consultations/${c.id}/comment?section=${s.id}`}>
                    {t(lang, 'この箇所に意見を書く', 'Comment on this part')}
                    <span class="visually-hidden">{`（${sectionLabel(s)}）`}</span>
                  </a>
                ) : null}
              </div>
              <div class="section-body">{raw(renderMarkdownCached(s.body_md))}</div>
            </section>
          );
        })}
      </section>
    </article>
  );
}

function WaysToSubmit({ ctx, c, open }: { ctx: PageCtx; c: Consultation; open: boolean }) {
  const { lang } = ctx;
  return (
    <section aria-labelledby="h-ways">
      <h2 id="h-ways">{t(lang, '意見の提出方法', 'How to send a comment')}</h2>
      <p>
        {t(
          lang,
          '次のいずれかの方法でお寄せください。郵送は募集期間最終日の消印まで有効です。',
          'Use any of the following. Letters postmarked by the last day of the period are accepted.',
        )}
      </p>
      <dl class="ways">
        <dt>{t(lang, 'Webフォーム', 'Web form')}</dt>
        <dd>
          {open ? (
            <a href={`/consultations/${c.id}/comment`}>
              {t(lang, '意見入力フォームへ', 'Open the comment form')}
            </a>
          ) : (
            t(lang, '募集期間中に、このページから送信できます。', 'Available on this page during the period.')
          )}
        </dd>
        {c.submit_postal_address ? (
          <>
            <dt>{t(lang, '郵送', 'Post')}</dt>
            <dd class="pre">{c.submit_postal_address}</dd>
          </>
        ) : null}
        {c.submit_fax ? (
          <>
            <dt>FAX</dt>
            <dd>{c.submit_fax}</dd>
          </>
        ) : null}
        {c.submit_email ? (
          <>
            <dt>{t(lang, '電子メール', 'Email')}</dt>
            <dd>
              <a href={`mailto:${c.submit_email}`}>{c.submit_email}</a>
            </dd>
          </>
        ) : null}
        {c.submit_counter ? (
          <>
            <dt>{t(lang, '持参', 'In person')}</dt>
            <dd class="pre">{c.submit_counter}</dd>
          </>
        ) : null}
      </dl>
      <p class="hint">
        {t(
          lang,
          'Web以外で提出する場合は、件名、該当箇所、意見、氏名、住所（団体の場合は名称・所在地・代表者名）をお書きください。',
          'When not using the web form, please include the title, the part of the draft, your comment, your name and address (for an organisation: its name, address and representative).',
        )}
      </p>
    </section>
  );
}
