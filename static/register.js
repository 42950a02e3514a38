// The register's action form, when JavaScript is on (the form works without it):
// - the owner-person list shows only the people of the chosen owner entity (the page groups every entity's people
//   in optgroups; the server refuses a person of another entity anyway);
// - the link search runs as one types: it fetches the same page with ?q= and takes its #link-results region, and a
//   "Link" button moves the target into the chosen links (a checked box) instead of reloading the page.
(function () {
  // biome-ignore lint/suspicious/noRedundantUseStrict: a classic script (not a module), so the directive counts
  'use strict';

  // ---- Owner person: narrowed to the owner entity ----
  const org = document.getElementById('f-ownerOrgId');
  const person = document.getElementById('f-ownerPersonId');
  if (org && person) {
    const groups = Array.from(person.querySelectorAll('optgroup'));
    const narrow = () => {
      const chosen = person.value;
      let keep = false;
      for (const g of groups) if (g.parentNode) person.removeChild(g);
      for (const g of groups) {
        if (g.getAttribute('data-group') !== org.value) continue;
        person.appendChild(g);
        for (const o of g.querySelectorAll('option')) if (o.value === chosen) keep = true;
      }
      person.value = keep ? chosen : '';
    };
    narrow();
    org.addEventListener('change', narrow);
  }

  // ---- Links: live search, link without reloading ----
  const picker = document.querySelector('[data-link-picker]');
  const search = document.getElementById('link-search');
  const q = document.getElementById('f-link-q');
  const kind = document.getElementById('f-link-kind');
  const results = document.getElementById('link-results');
  if (!picker || !search || !q || !results) return;
  const hint = picker.querySelector('[data-nojs-hint]');
  if (hint) hint.hidden = true;
  const picked = picker.querySelector('[data-picked]');
  const none = picker.querySelector('[data-none]');

  const chosen = () => {
    const set = new Set();
    for (const box of picked.querySelectorAll('input[name="link"]')) if (box.checked) set.add(box.value);
    return set;
  };
  const hideChosen = () => {
    const set = chosen();
    for (const button of results.querySelectorAll('button[name="link"]')) {
      const row = button.closest('li');
      if (row && set.has(button.value)) row.remove();
    }
  };

  let seq = 0;
  const run = () => {
    const mine = ++seq;
    if (!q.value.trim()) {
      results.textContent = '';
      return;
    }
    const url = new URL(search.getAttribute('action').split('#')[0], window.location.href);
    for (const input of search.querySelectorAll('input[type="hidden"]'))
      if (input.name !== 'link' && input.name !== 'picked') url.searchParams.set(input.name, input.value);
    url.searchParams.set('q', q.value);
    if (kind?.value) url.searchParams.set('kind', kind.value);
    fetch(url.toString(), { headers: { accept: 'text/html' }, credentials: 'same-origin' })
      .then((r) => (r.ok ? r.text() : null))
      .then((html) => {
        if (!html || mine !== seq) return;
        const fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('link-results');
        if (!fresh) return;
        results.replaceChildren(...Array.from(fresh.childNodes).map((n) => document.importNode(n, true)));
        hideChosen();
      })
      .catch(() => {
        /* keep the last results; the next keystroke tries again */
      });
  };

  let counter = 0;
  const link = (button) => {
    if (chosen().has(button.value)) return;
    const id = `f-link-js-${++counter}`;
    const row = document.createElement('li');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = id;
    box.name = 'link';
    box.value = button.value;
    box.checked = true;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = button.getAttribute('data-label') || button.value;
    row.append(box, ' ', label);
    picked.appendChild(row);
    if (none) none.hidden = true;
    button.closest('li')?.remove();
    box.focus();
  };

  let timer = null;
  q.addEventListener('input', () => {
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(run, 250);
  });
  if (kind) kind.addEventListener('change', run);
  // Enter in the search box or the Search button: search in place; a "Link" button: add the target in place.
  search.addEventListener('submit', (e) => {
    e.preventDefault();
    const button = e.submitter;
    if (button && button.name === 'link') link(button);
    else run();
  });
  results.addEventListener('click', (e) => {
    const button = e.target.closest?.('button[name="link"]');
    if (!button) return;
    e.preventDefault();
    link(button);
  });
})();
