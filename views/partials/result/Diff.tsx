/** The differences between the draft and the final text. */
import type { DiffOp, SectionChange } from '../../../db/published-result.ts';
import { type Lang, t } from '../../../src/lib/i18n.ts';

const added = (lang: Lang) => t(lang, '［追加］', '[added] ');
const deleted = (lang: Lang) => t(lang, '［削除］', '[deleted] ');

/**
 * A diff as text with <del>/<ins>. Each change also says in words what it is (削除 / 追加), for
 * screen readers and for anyone who cannot tell strike-through from underline.
 */
export function DiffText({ ops, lang }: { ops: DiffOp[]; lang: Lang }) {
  return (
    <>
      {ops.map((o) => {
        if (o.op === 'equal') return <>{o.text}</>;
        if (o.op === 'delete') {
          return (
            <del class="diff-del">
              <span class="diff-label">{deleted(lang)}</span>
              {o.text}
            </del>
          );
        }
        return (
          <ins class="diff-ins">
            <span class="diff-label">{added(lang)}</span>
            {o.text}
          </ins>
        );
      })}
    </>
  );
}

/** The differences between the draft and the final text, section by section. */
export function SectionChanges({
  changes,
  lang,
  showUnchanged = false,
}: {
  changes: SectionChange[];
  lang: Lang;
  showUnchanged?: boolean;
}) {
  const shown = changes.filter((c) => showUnchanged || c.kind !== 'unchanged');
  if (shown.length === 0) {
    return <p>{t(lang, '案からの修正はありません。', 'The final text is the same as the draft.')}</p>;
  }
  return (
    <ol class="section-changes">
      {shown.map((c) => {
        switch (c.kind) {
          case 'added':
            return (
              <li class="change change-added">
                <p class="change-kind">
                  <strong>{t(lang, '追加された項目', 'Section added')}</strong>
                </p>
                <ins class="diff-ins diff-block">
                  <span class="diff-label">{added(lang)}</span>
                  <span class="change-heading">{c.label}</span>
                  <span class="diff-text">{c.body}</span>
                </ins>
              </li>
            );
          case 'removed':
            return (
              <li class="change change-removed">
                <p class="change-kind">
                  <strong>{t(lang, '削除された項目', 'Section removed')}</strong>
                </p>
                <del class="diff-del diff-block">
                  <span class="diff-label">{deleted(lang)}</span>
                  <span class="change-heading">{c.label}</span>
                  <span class="diff-text">{c.body}</span>
                </del>
              </li>
            );
          case 'changed':
            return (
              <li class="change change-changed">
                <p class="change-kind">
                  <strong>{t(lang, '修正された項目', 'Section revised')}</strong>
                </p>
                <p class="change-heading">
                  {c.number ? `${c.number} ` : ''}
                  <DiffText ops={c.heading} lang={lang} />
                </p>
                <p class="diff-text">
                  <DiffText ops={c.body} lang={lang} />
                </p>
              </li>
            );
          default:
            return (
              <li class="change change-unchanged">
                <p class="change-heading">
                  {c.label} {t(lang, '（修正なし）', '(unchanged)')}
                </p>
              </li>
            );
        }
      })}
    </ol>
  );
}
