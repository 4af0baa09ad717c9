// Koe's small enhancements. Everything works without this file; it only adds comfort.
(() => {
  const lang = document.documentElement.lang === 'en' ? 'en' : 'ja';

  // Live character counter for textareas with data-maxlength. It counts exactly as the server
  // does (src/lib/text.ts), in linear time: control and invisible characters removed, NFC,
  // trimmed, then code points without combining marks. (Segmenting by grapheme is
  // quadratic on long runs and would freeze the page on a long paste.)
  const INVISIBLE =
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u061C]/g;
  function characterCount(text) {
    const clean = text.replace(INVISIBLE, '').replace(/\r\n?/g, '\n').normalize('NFC').trim();
    let n = 0;
    for (const _ of clean.replace(/\p{M}/gu, '')) n++;
    return n;
  }
  function attachCounter(area) {
    if (area.dataset.counterReady) return;
    area.dataset.counterReady = '1';
    const max = Number(area.dataset.maxlength);
    const out = document.createElement('p');
    out.className = 'counter';
    out.id = `${area.id}-counter`;
    out.setAttribute('aria-live', 'polite');
    area.insertAdjacentElement('afterend', out);
    const described = area.getAttribute('aria-describedby');
    area.setAttribute('aria-describedby', [described, out.id].filter(Boolean).join(' '));
    let last = '';
    const update = () => {
      const n = characterCount(area.value);
      const over = n > max;
      out.classList.toggle('over', over);
      const text =
        lang === 'en'
          ? `${n.toLocaleString('en')} / ${max.toLocaleString('en')} characters${over ? ' — too long' : ''}`
          : `${n.toLocaleString('ja-JP')} / ${max.toLocaleString('ja-JP')} 文字${over ? '（超えています）' : ''}`;
      // Screen readers hear the count only near or over the limit, not on every keystroke.
      const state = over ? 'over' : n > max * 0.9 ? 'near' : 'ok';
      out.setAttribute('aria-live', state === 'ok' ? 'off' : 'polite');
      if (text !== last) out.textContent = text;
      last = text;
    };
    area.addEventListener('input', update);
    update();
  }

  // Who is commenting: fields of the other kinds are hidden, and each marker says 必須 or 任意
  // for the kind chosen (without JavaScript the markers name the kind instead).
  function followKind(form) {
    const picked = form.querySelector('input[name="submitter_kind"]:checked');
    if (!picked) return;
    const kind = picked.value;
    form.querySelectorAll('.kind-field[data-kinds]').forEach((field) => {
      field.hidden = !field.dataset.kinds.split(' ').includes(kind);
    });
    form.querySelectorAll('[data-required-for]').forEach((marker) => {
      const required = marker.dataset.requiredFor.split(' ').includes(kind);
      marker.textContent = required ? marker.dataset.required : marker.dataset.optional;
      marker.className = required ? 'req' : 'opt';
    });
  }

  function enhance(root) {
    root.querySelectorAll('textarea[data-maxlength]').forEach(attachCounter);
    root.querySelectorAll('[data-print]').forEach((b) => {
      if (b.dataset.printReady) return;
      b.dataset.printReady = '1';
      b.addEventListener('click', () => window.print());
    });
    root.querySelectorAll('form').forEach((form) => {
      if (!form.querySelector('input[name="submitter_kind"]') || form.dataset.kindReady) return;
      form.dataset.kindReady = '1';
      followKind(form);
      form.addEventListener('change', (e) => {
        if (e.target.name === 'submitter_kind') followKind(form);
      });
    });
  }

  document.addEventListener('DOMContentLoaded', () => enhance(document));
  // After htmx swaps a step in place, move focus to its heading so screen readers follow.
  document.addEventListener('htmx:after:swap', (e) => {
    enhance(document);
    const target = e.detail?.ctx?.target;
    const scope = target?.isConnected ? target : document;
    const heading = scope.querySelector ? scope.querySelector('.flow-title, .error-summary, h1') : null;
    const summary = document.querySelector('#comment-flow .error-summary');
    const focusEl = summary || heading || document.querySelector('#comment-flow h1');
    if (focusEl) focusEl.focus();
  });
  // Print buttons are only useful with JavaScript; without it they stay hidden.
  document.documentElement.classList.add('js');
})();
