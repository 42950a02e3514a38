// Time-zone choices (select.time-zone): the page works without this script (a plain select grouped by region).
// With it: a search box above the list that keeps only the zones whose name or label contains what is typed (accents,
// case and underscores ignored), with the number found said politely; and, where the server asks for it
// (data-browser-hint: the first sign-in's step), the browser's own zone selected and named in the hint.
(() => {
  const fold = (s) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f\u2068\u2069]/g, '')
      .replace(/_/g, ' ')
      .toLowerCase();

  /** The option for a zone name: the same name, or one the browser resolves to the same zone (an older alias). */
  function optionFor(select, zone) {
    const options = Array.from(select.options);
    const same = options.find((o) => o.value === zone);
    if (same) return same;
    return (
      options.find((o) => {
        try {
          return new Intl.DateTimeFormat('en', { timeZone: o.value }).resolvedOptions().timeZone === zone;
        } catch {
          return false; // a zone this browser does not know
        }
      }) ?? null
    );
  }

  function suggestBrowserZone(select) {
    const template = select.getAttribute('data-browser-hint');
    if (!template) return;
    let zone = '';
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    } catch {
      return;
    }
    const option = zone ? optionFor(select, zone) : null;
    if (!option) return;
    select.value = option.value;
    const hint = document.getElementById(`${select.id}-hint`);
    if (hint) hint.textContent = template.replace('%ZONE%', option.value);
  }

  function addSearch(select) {
    const field = select.closest('.field');
    if (!field) return;
    const id = `${select.id}-search`;
    const box = document.createElement('div');
    box.className = 'field zone-search';
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = select.getAttribute('data-search-label') || '';
    const input = document.createElement('input');
    input.type = 'search';
    input.id = id;
    input.autocomplete = 'off';
    input.setAttribute('aria-controls', select.id);
    const status = document.createElement('p');
    status.className = 'hint';
    status.setAttribute('aria-live', 'polite');
    box.append(label, input, status);
    field.parentNode.insertBefore(box, field);
    const template = select.getAttribute('data-matches') || '%N%';
    input.addEventListener('input', () => {
      const q = fold(input.value.trim());
      let shown = 0;
      for (const group of select.querySelectorAll('optgroup')) {
        let any = false;
        for (const option of group.querySelectorAll('option')) {
          const match = !q || fold(`${option.value} ${option.textContent}`).includes(q);
          option.hidden = !match;
          if (match) {
            any = true;
            shown++;
          }
        }
        group.hidden = !any;
      }
      status.textContent = q ? template.replace('%N%', String(shown)) : '';
    });
  }

  for (const select of document.querySelectorAll('select.time-zone'))
    if (!select.hasAttribute('data-ready')) {
      select.setAttribute('data-ready', '');
      suggestBrowserZone(select);
      addSearch(select);
    }
})();
