/**
 * Starting a new consultation from an earlier one: a choice of the earlier ones (a plain GET
 * form, so it works without JavaScript), and on the form filled from one, what was taken.
 */
import { type Lang, t } from '../../../src/lib/i18n.ts';
import { Notice } from '../forms.tsx';

export interface CopySource {
  id: number;
  title: string;
}

export interface CopyFromProps {
  lang: Lang;
  /** Earlier consultations to start from, newest first. */
  choices: CopySource[];
  /** The one this form was filled from. */
  from?: CopySource;
}

export function CopyFrom({ lang, choices, from }: CopyFromProps) {
  return (
    <>
      {from ? (
        <Notice>
          {t(
            lang,
            `「${from.title}」をもとに入力しました：概要、意見を受け付ける提出者と記入事項、提出方法、個人情報の取扱いの説明です。案文・資料・寄せられた意見は写していません。件名と募集期間を確かめて、作成してください。`,
            `Filled in from “${from.title}”: the overview, who may comment and what they must give, the ways to send a comment and the notice on personal data. Its draft, documents and comments are not copied. Check the title and set the period, then create.`,
          )}
        </Notice>
      ) : null}
      {choices.length > 0 ? (
        <form method="get" action="/staff/consultations/new" class="copy-from">
          <div class="field">
            <label for="f-from">
              {t(lang, '以前の意見募集をもとに作成', 'Start from an earlier consultation')}
            </label>
            <p class="hint" id="f-from-hint">
              {t(
                lang,
                '概要・提出者の条件・提出方法・個人情報の取扱いの説明を写します（案文と意見は写しません）。',
                'Copies the overview, who may comment, the ways to send a comment and the notice on personal data (not the draft or the comments).',
              )}
            </p>
            <select id="f-from" name="from" aria-describedby="f-from-hint">
              {choices.map((c) => (
                <option value={String(c.id)} selected={c.id === from?.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="button-secondary">
            {t(lang, 'この案件の内容を写す', 'Copy from this one')}
          </button>
        </form>
      ) : null}
    </>
  );
}
