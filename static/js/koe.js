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

  // A comment being written is kept in this browser until it is sent, so that Back, Reload or
  // closing the tab by mistake does not lose it: the text, the chosen sections and the kind in
  // localStorage (it survives closing the browser), the personal fields only in sessionStorage
  // (gone with the tab, on a shared computer too). The receipt page clears both.
  const KEPT_DAYS = 30;
  const LOCAL = ['body', 'submitter_kind', 'category'];
  const PERSONAL = [
    'name',
    'postal_code',
    'address',
    'organisation_name',
    'representative',
    'email',
    'phone',
  ];
  const draftKey = (id) => `koe-draft:${id}`;
  function store(kind) {
    try {
      return kind === 'local' ? window.localStorage : window.sessionStorage;
    } catch {
      return null; // storage switched off: the form still works, it just is not kept
    }
  }
  function read(kind, id) {
    try {
      return JSON.parse(store(kind)?.getItem(draftKey(id)) ?? 'null');
    } catch {
      return null;
    }
  }
  function write(kind, id, value) {
    try {
      if (value) store(kind)?.setItem(draftKey(id), JSON.stringify(value));
      else store(kind)?.removeItem(draftKey(id));
    } catch {
      // Full or switched off: nothing more to do.
    }
  }
  function clearDraft(id) {
    write('local', id, null);
    write('session', id, null);
  }
  function saveDraft(form) {
    const data = new FormData(form);
    const text = (name) => String(data.get(name) ?? '');
    const local = { savedAt: Date.now(), sections: data.getAll('sections').map(String) };
    for (const name of LOCAL) local[name] = text(name);
    const personal = {};
    for (const name of PERSONAL) personal[name] = text(name);
    const typed = local.body.trim() !== '' || local.sections.length > 0;
    write('local', form.dataset.draft, typed ? local : null);
    write('session', form.dataset.draft, PERSONAL.some((n) => personal[n] !== '') ? personal : null);
  }
  /** Fills empty fields of a freshly loaded form from the kept draft; true when it did. */
  function restoreDraft(form) {
    const id = form.dataset.draft;
    const local = read('local', id);
    if (local && !(Date.now() - local.savedAt < KEPT_DAYS * 86400000)) {
      clearDraft(id);
      return false;
    }
    const saved = { ...(read('session', id) ?? {}), ...(local ?? {}) };
    let filled = false;
    for (const name of [...LOCAL, ...PERSONAL]) {
      const value = saved[name];
      const field = form.elements.namedItem(name);
      if (!value || !field) continue;
      if (field instanceof RadioNodeList) {
        for (const radio of field) radio.checked = radio.value === value;
      } else if (field.value === '') {
        field.value = value;
        if (name !== 'category') filled = true;
      }
    }
    for (const box of form.querySelectorAll('input[name="sections"]')) {
      if ((saved.sections ?? []).includes(box.value) && !box.checked) {
        box.checked = true;
        filled = true;
      }
    }
    return filled;
  }
  function attachDraft(form) {
    if (form.dataset.draftReady) return;
    form.dataset.draftReady = '1';
    if (form.dataset.draftRestore && restoreDraft(form)) {
      const status = document.getElementById('draft-restored');
      if (status) {
        status.className = 'draft-status notice notice-success';
        status.textContent = status.dataset.text;
      }
      form.querySelector('textarea')?.dispatchEvent(new Event('input'));
    } else if (!form.dataset.draftRestore) {
      saveDraft(form); // a form the server filled (errors, "go back and edit") is the draft now
    }
    const save = () => saveDraft(form);
    form.addEventListener('input', save);
    form.addEventListener('change', save);
    form.querySelector('[data-draft-discard]')?.addEventListener('click', () => {
      for (const field of form.querySelectorAll(
        'textarea, input[type="text"], input[type="email"], input[type="tel"]',
      )) {
        if (field.name !== '_csrf') field.value = '';
      }
      for (const box of form.querySelectorAll('input[type="checkbox"]')) box.checked = false;
      const first = form.querySelector('input[name="submitter_kind"]');
      if (first) first.checked = true;
      const select = form.querySelector('select[name="category"]');
      if (select) select.value = '';
      clearDraft(form.dataset.draft);
      followKind(form);
      form.querySelector('textarea')?.dispatchEvent(new Event('input'));
      document.getElementById('draft-restored')?.replaceChildren();
    });
  }

  function enhance(root) {
    root.querySelectorAll('textarea[data-maxlength]').forEach(attachCounter);
    root.querySelectorAll('[data-print]').forEach((b) => {
      if (b.dataset.printReady) return;
      b.dataset.printReady = '1';
      b.addEventListener('click', () => window.print());
    });
    root.querySelectorAll('form[data-draft]').forEach(attachDraft);
    for (const done of root.querySelectorAll('[data-draft-clear]')) clearDraft(done.dataset.draftClear);
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
