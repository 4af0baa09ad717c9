/**
 * The differences between the draft and the final text, on the text as people read it (Markdown
 * marks removed): each section's paragraphs with the changes inside the paragraph they belong
 * to, and the 新旧対照表 (修正前 / 修正後, changed sections only) that Japanese cities publish.
 */
import type { DiffOp, ParagraphChange, SectionChange } from '../../../db/published-result.ts';
import { type Lang, t } from '../../../src/lib/i18n.ts';

const added = (lang: Lang) => t(lang, '［追加］', '[added] ');
const deleted = (lang: Lang) => t(lang, '［削除］', '[deleted] ');

/**
 * A diff as text with <del>/<ins>. Each change also says in words what it is (削除 / 追加), for
 * screen readers and for anyone who cannot tell strike-through from underline. `side` shows only
 * the text before (with what was deleted marked) or after (with what was added marked).
 */
export function DiffText({ ops, lang, side }: { ops: DiffOp[]; lang: Lang; side?: 'before' | 'after' }) {
  return (
    <>
      {ops.map((o) => {
        if (o.op === 'equal') return <>{o.text}</>;
        if (o.op === 'delete') {
          if (side === 'after') return null;
          return (
            <del class="diff-del">
              <span class="diff-label">{deleted(lang)}</span>
              {o.text}
            </del>
          );
        }
        if (side === 'before') return null;
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

const headingChanged = (ops: DiffOp[]) => ops.some((o) => o.op !== 'equal');

function Added({ text, lang }: { text: string; lang: Lang }) {
  return (
    <ins class="diff-ins">
      <span class="diff-label">{added(lang)}</span>
      {text}
    </ins>
  );
}

function Deleted({ text, lang }: { text: string; lang: Lang }) {
  return (
    <del class="diff-del">
      <span class="diff-label">{deleted(lang)}</span>
      {text}
    </del>
  );
}

/** A revised section's paragraphs, each change inside its paragraph (or one side of them). */
function ChangedParagraphs({
  paragraphs,
  lang,
  side,
}: {
  paragraphs: ParagraphChange[];
  lang: Lang;
  side?: 'before' | 'after';
}) {
  return (
    <>
      {paragraphs.map((p) => {
        switch (p.kind) {
          case 'equal':
            return <p>{p.text}</p>;
          case 'added':
            return side === 'before' ? null : (
              <p>
                <Added text={p.text} lang={lang} />
              </p>
            );
          case 'removed':
            return side === 'after' ? null : (
              <p>
                <Deleted text={p.text} lang={lang} />
              </p>
            );
          default:
            return (
              <p>
                <DiffText ops={p.ops} lang={lang} side={side} />
              </p>
            );
        }
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
                <div class="diff-block diff-block-added">
                  <p class="change-heading">
                    <Added text={c.label} lang={lang} />
                  </p>
                  {c.paragraphs.map((text) => (
                    <p>
                      <ins class="diff-ins">{text}</ins>
                    </p>
                  ))}
                </div>
              </li>
            );
          case 'removed':
            return (
              <li class="change change-removed">
                <p class="change-kind">
                  <strong>{t(lang, '削除された項目', 'Section removed')}</strong>
                </p>
                <div class="diff-block diff-block-removed">
                  <p class="change-heading">
                    <Deleted text={c.label} lang={lang} />
                  </p>
                  {c.paragraphs.map((text) => (
                    <p>
                      <del class="diff-del">{text}</del>
                    </p>
                  ))}
                </div>
              </li>
            );
          case 'changed':
            return (
              <li class="change change-changed">
                <p class="change-kind">
                  <strong>{t(lang, '修正された項目', 'Section revised')}</strong>
                </p>
                <p class="change-heading">{c.label}</p>
                {headingChanged(c.heading) ? (
                  <p>
                    {t(lang, '見出し：', 'Heading: ')}
                    <DiffText ops={c.heading} lang={lang} />
                  </p>
                ) : null}
                <div class="diff-text">
                  <ChangedParagraphs paragraphs={c.paragraphs} lang={lang} />
                </div>
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

/** The heading of one side of a section in the 新旧対照表. */
function SideHeading({
  change,
  side,
  lang,
}: {
  change: SectionChange;
  side: 'before' | 'after';
  lang: Lang;
}) {
  if (change.kind === 'changed' && headingChanged(change.heading)) {
    return (
      <p class="change-heading">
        {change.number ? `${change.number} ` : ''}
        <DiffText ops={change.heading} lang={lang} side={side} />
      </p>
    );
  }
  return <p class="change-heading">{change.label}</p>;
}

/** One side of a section in the 新旧対照表: 修正前 with what was deleted marked, or 修正後 with what was added. */
function ComparisonCell({
  change,
  side,
  label,
  lang,
}: {
  change: SectionChange;
  side: 'before' | 'after';
  label: string;
  lang: Lang;
}) {
  // A section that exists on one side only is named on the other.
  const absent =
    side === 'before'
      ? change.kind === 'added' && t(lang, '（新設）', '(new section)')
      : change.kind === 'removed' && t(lang, '（削除）', '(removed)');
  const Whole = side === 'before' ? Deleted : Added;
  return (
    <td>
      <span class="cell-label">{label}</span>
      {absent ? (
        <p>{absent}</p>
      ) : (
        <>
          <SideHeading change={change} side={side} lang={lang} />
          {change.kind === 'added' || change.kind === 'removed' ? (
            change.paragraphs.map((text) => (
              <p>
                <Whole text={text} lang={lang} />
              </p>
            ))
          ) : change.kind === 'changed' ? (
            <ChangedParagraphs paragraphs={change.paragraphs} lang={lang} side={side} />
          ) : null}
        </>
      )}
    </td>
  );
}

/**
 * 新旧対照表: for each section the final text changed, the draft (修正前) beside the final text
 * (修正後), the changed parts marked. Narrow screens show the two sides one under the other.
 */
export function ComparisonTable({ changes, lang }: { changes: SectionChange[]; lang: Lang }) {
  const shown = changes.filter((c) => c.kind !== 'unchanged');
  if (shown.length === 0) return null;
  const before = t(lang, '修正前（案）', 'Before (draft)');
  const after = t(lang, '修正後', 'After (final)');
  return (
    <div class="table-scroll">
      <table class="comparison-table stacking-table">
        <caption>
          {t(lang, '新旧対照表（修正のあった項目のみ）', 'Old and new text (changed sections only)')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{before}</th>
            <th scope="col">{after}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((c) => (
            <tr>
              <ComparisonCell change={c} side="before" label={before} lang={lang} />
              <ComparisonCell change={c} side="after" label={after} lang={lang} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
