// Searchable pickers (select[multiple].filter-picker): the page works without this script (a plain multiple select).
// With it: the select is hidden and replaced by a search box and a list of check boxes, one per option, kept in step
// with the select (which the form still sends); the number shown and the number chosen are said politely.
(() => {
  const fold = (s) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f\u2068\u2069]/g, '')
      .toLowerCase();

  function enhance(select) {
    const field = select.closest('.field');
    const label = field?.querySelector(`label[for="${select.id}"]`);
    if (!field || !label) return;
    const search = document.createElement('input');
    search.type = 'search';
    search.id = `${select.id}-filter`;
    search.autocomplete = 'off';
    search.className = 'filter-box';
    const searchLabel = document.createElement('label');
    searchLabel.htmlFor = search.id;
    searchLabel.className = 'filter-label';
    searchLabel.textContent = select.getAttribute('data-search-label') || '';
    const status = document.createElement('p');
    status.className = 'hint';
    status.setAttribute('aria-live', 'polite');
    const list = document.createElement('div');
    list.className = 'filter-list';
    list.setAttribute('role', 'group');
    if (!label.id) label.id = `${select.id}-label`;
    list.setAttribute('aria-labelledby', label.id);
    const boxes = [];
    for (const [i, option] of Array.from(select.options).entries()) {
      const row = document.createElement('div');
      row.className = 'checkbox';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.id = `${select.id}-o${i}`;
      box.checked = option.selected;
      const text = document.createElement('label');
      text.htmlFor = box.id;
      text.textContent = option.textContent;
      box.addEventListener('change', () => {
        option.selected = box.checked;
        count();
      });
      row.append(box, text);
      list.append(row);
      boxes.push({ row, option, key: fold(option.textContent || '') });
    }
    const matches = select.getAttribute('data-matches') || '%N%';
    const chosen = select.getAttribute('data-chosen') || '%N%';
    // The number shown (while something is typed) and the number chosen.
    function count() {
      const n = Array.from(select.options).filter((o) => o.selected).length;
      const shown = boxes.filter((b) => !b.row.hidden).length;
      status.textContent =
        (search.value.trim() ? `${matches.replace('%N%', String(shown))} · ` : '') + chosen.replace('%N%', String(n));
    }
    search.addEventListener('input', () => {
      const q = fold(search.value.trim());
      for (const b of boxes) b.row.hidden = Boolean(q) && !b.key.includes(q);
      count();
    });
    // Enter in the search box does not send the form.
    search.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') e.preventDefault();
    });
    // The hint of the plain select (Ctrl-click) gives way to the enhanced one's.
    const hint = document.getElementById(`${select.id}-hint`);
    if (hint && select.getAttribute('data-hint')) hint.textContent = select.getAttribute('data-hint');
    select.hidden = true;
    select.insertAdjacentElement('afterend', list);
    select.insertAdjacentElement('afterend', status);
    select.insertAdjacentElement('afterend', search);
    select.insertAdjacentElement('afterend', searchLabel);
    count();
  }

  for (const select of document.querySelectorAll('select.filter-picker'))
    if (!select.hasAttribute('data-ready')) {
      select.setAttribute('data-ready', '');
      enhance(select);
    }
})();
