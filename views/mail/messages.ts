/**
 * The mails Koe sends, one template per kind, each a pure function of its props (which it
 * exports) in the reader's language. A citizen's mail never carries the comment's text, a name or
 * an address: it names the consultation and the receipt code and links to Koe's pages.
 */
import { formatReceiptCode } from '../../src/lib/format.ts';
import { type Lang, t } from '../../src/lib/i18n.ts';
import { formatDate, formatDateTime } from '../../src/lib/time.ts';
import { type MailBlock, type MailContent, mail, oneLine } from './MailLayout.tsx';

export type { MailContent };

export interface ReceiptMailProps {
  lang: Lang;
  /** The site's name in this language (the city's, from its settings): subject and signature. */
  site: string;
  title: string;
  receiptCode: string;
  receivedAt: string;
  /** Full labels of the sections the comment points at; empty: the whole draft. */
  sectionLabels: string[];
  receiptUrl: string;
  closesAt: string | null;
  notifyResult: boolean;
}

/** 受付番号 by mail: what arrived and when, and where to see how it is treated. */
export function receiptMail(p: ReceiptMailProps): MailContent {
  const { lang } = p;
  const code = formatReceiptCode(p.receiptCode);
  const sections = p.sectionLabels.map((s) => oneLine(s)).join('、') || t(lang, '案全体', 'The whole draft');
  return mail(
    p,
    t(lang, `意見を受け付けました（受付番号 ${code}）`, `Your comment was received (receipt ${code})`),
    [
      {
        p: t(
          lang,
          '次の意見募集へのご意見を受け付けました。ありがとうございました。',
          'Thank you: your comment on the following consultation was received.',
        ),
      },
      {
        facts: [
          [t(lang, '案件', 'Consultation'), oneLine(p.title)],
          [t(lang, '受付番号', 'Receipt code'), code],
          [t(lang, '受付日時', 'Received'), formatDateTime(p.receivedAt, lang)],
          [t(lang, '該当箇所', 'Part of the draft'), sections],
        ],
      },
      {
        link: p.receiptUrl,
        label: t(
          lang,
          '受付内容と、意見の取扱い（結果の公表後は市の考え方）は、次のページで確認できます。',
          'This page shows what was received and how it is treated (after the result, the city’s response):',
        ),
      },
      {
        p: p.notifyResult
          ? t(
              lang,
              `結果を公表したときは、このアドレスにお知らせします${p.closesAt ? `（募集期間は${formatDate(p.closesAt, lang)}まで）` : ''}。`,
              `We will tell this address when the result is published${p.closesAt ? ` (the period ends on ${formatDate(p.closesAt, lang)})` : ''}.`,
            )
          : t(
              lang,
              '結果は、取りまとめ次第、意見募集のページで公表します。',
              'The result will be published on the consultation’s page.',
            ),
      },
      {
        p: t(
          lang,
          'このメールに心当たりのない場合は、破棄してください。意見の本文や氏名・住所は、メールには記載していません。',
          'If you did not send a comment, please ignore this message. It does not contain the comment or any name or address.',
        ),
      },
    ],
  );
}

export interface ResultMailProps {
  lang: Lang;
  /** The site's name in this language (the city's, from its settings): subject and signature. */
  site: string;
  title: string;
  resultUrl: string;
  receipts: { code: string; url: string }[];
}

/** The result is out: the links to the writer's receipts, which show the group and 市の考え方. */
export function resultMail(p: ResultMailProps): MailContent {
  const { lang } = p;
  const blocks: MailBlock[] = [
    {
      p: t(
        lang,
        `ご意見をお寄せいただいた「${oneLine(p.title)}」の結果（意見の概要と市の考え方）を公表しました。`,
        `The result of “${oneLine(p.title)}”, on which you commented, has been published: a summary of the comments and the city’s response.`,
      ),
    },
    { link: p.resultUrl, label: t(lang, '結果の全体：', 'The whole result:') },
    ...p.receipts.map((r) => ({
      link: r.url,
      label: t(
        lang,
        `受付番号 ${formatReceiptCode(r.code)} の意見の取扱い（分類と市の考え方）：`,
        `How your comment ${formatReceiptCode(r.code)} was treated (its group and the city’s response):`,
      ),
    })),
    {
      p: t(
        lang,
        'このお知らせは、意見の提出時に「結果の公表をメールで知らせる」を選んだ方にお送りしています。お送りするのはこの1通だけです。',
        'You receive this because you asked to be told of the result when you sent your comment. This is the only such message.',
      ),
    },
  ];
  return mail(p, t(lang, `結果を公表しました：${p.title}`, `Result published: ${p.title}`), blocks);
}

export interface ConfirmMailProps {
  lang: Lang;
  /** The site's name in this language (the city's, from its settings): subject and signature. */
  site: string;
  /** '' for every department. */
  department: string;
  confirmUrl: string;
}

/** Double opt-in: nothing else goes to the address until this link is used. */
export function confirmMail(p: ConfirmMailProps): MailContent {
  const { lang } = p;
  const scope = p.department
    ? t(lang, `「${oneLine(p.department)}」の新しい意見募集`, `new consultations of ${oneLine(p.department)}`)
    : t(lang, 'すべての新しい意見募集', 'every new consultation');
  return mail(p, t(lang, 'メール配信の登録確認', 'Please confirm your subscription'), [
    {
      p: t(
        lang,
        `${scope}をメールで受け取る登録の申込みがありました。登録するには、次のページで「登録する」を押してください。`,
        `Someone asked to receive ${scope} by mail at this address. To confirm, open this page and press “Subscribe”.`,
      ),
    },
    { link: p.confirmUrl, label: t(lang, '登録の確認：', 'Confirm:') },
    {
      p: t(
        lang,
        '心当たりのない場合は、このメールを破棄してください。確認されない限り、このアドレスにはお知らせを送りません。',
        'If this was not you, ignore this message: nothing more is sent to this address unless it is confirmed.',
      ),
    },
  ]);
}

export interface OpenedMailProps {
  lang: Lang;
  /** The site's name in this language (the city's, from its settings): subject and signature. */
  site: string;
  title: string;
  summary: string;
  department: string;
  opensAt: string;
  closesAt: string;
  url: string;
  unsubscribeUrl: string;
}

/** A new consultation is open, to its subscribers. */
export function openedMail(p: OpenedMailProps): MailContent {
  const { lang } = p;
  return mail(
    p,
    t(lang, `意見募集を開始しました：${p.title}`, `New consultation: ${p.title}`),
    [
      {
        facts: [
          [t(lang, '案件', 'Consultation'), oneLine(p.title)],
          [t(lang, '担当課', 'Department'), oneLine(p.department)],
          [
            t(lang, '募集期間', 'Comment period'),
            `${formatDate(p.opensAt, lang)} – ${formatDate(p.closesAt, lang)}`,
          ],
        ],
      },
      ...(p.summary ? [{ p: oneLine(p.summary, 400) }] : []),
      { link: p.url, label: t(lang, '案の内容と意見の提出：', 'Read the draft and comment:') },
    ],
    [unsubscribeBlock(lang, p.unsubscribeUrl)],
  );
}

export const unsubscribeBlock = (lang: Lang, url: string): MailBlock => ({
  link: url,
  label: t(lang, '配信の停止（1回の操作で停止します）：', 'Unsubscribe (one click):'),
});

export interface PeriodEndedMailProps {
  site: string;
  title: string;
  closesAt: string;
  commentCount: number;
  reviewUrl: string;
}

/** To the department: the period has ended; the count and the way to review. */
export function periodEndedMail(p: PeriodEndedMailProps): MailContent {
  return mail({ lang: 'ja', site: p.site }, `募集期間が終了しました：${p.title}`, [
    {
      facts: [
        ['案件', oneLine(p.title)],
        ['募集終了', formatDateTime(p.closesAt, 'ja')],
        ['受け付けた意見', `${p.commentCount.toLocaleString('ja-JP')}件`],
      ],
    },
    { link: p.reviewUrl, label: '意見の整理（分類と市の考え方）：' },
  ]);
}

export interface DigestMailProps {
  site: string;
  title: string;
  since: string;
  until: string;
  newCount: number;
  totalCount: number;
  inboxUrl: string;
}

/** To the department, once a day during the period: how many comments came. */
export function digestMail(p: DigestMailProps): MailContent {
  return mail(
    { lang: 'ja', site: p.site },
    `新しい意見 ${p.newCount.toLocaleString('ja-JP')}件：${p.title}`,
    [
      {
        facts: [
          ['案件', oneLine(p.title)],
          ['期間', `${formatDateTime(p.since, 'ja')} – ${formatDateTime(p.until, 'ja')}`],
          ['この期間の意見', `${p.newCount.toLocaleString('ja-JP')}件`],
          ['これまでの合計', `${p.totalCount.toLocaleString('ja-JP')}件`],
        ],
      },
      { link: p.inboxUrl, label: '受け付けた意見の一覧：' },
    ],
  );
}
