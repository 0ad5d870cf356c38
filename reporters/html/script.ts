/**
 * The report's only script, inline and offline: the filters (failed only, by level, by
 * category), and opening every <details> for printing in browsers that do not honour the
 * print style's `::details-content` rule.
 */
export const SCRIPT = `
(() => {
  const form = document.getElementById('filters');
  const results = [...document.querySelectorAll('details.result')];
  const sections = [...document.querySelectorAll('section.category')];
  function applyFilters() {
    const failedOnly = form.elements.failedOnly.checked;
    const level = form.elements.level.value;
    const category = form.elements.category.value;
    for (const result of results) {
      const d = result.dataset;
      result.hidden = (failedOnly && d.status !== 'failed') || (level !== '' && d.level !== level) || (category !== '' && d.category !== category);
    }
    for (const section of sections) section.hidden = !section.querySelector('details.result:not([hidden])');
    document.getElementById('shown').textContent = results.filter((r) => !r.hidden).length + ' of ' + results.length + ' shown';
  }
  form.addEventListener('change', applyFilters);
  form.addEventListener('reset', () => setTimeout(applyFilters));
  applyFilters();
  let openedForPrint = [];
  window.addEventListener('beforeprint', () => {
    openedForPrint = [...document.querySelectorAll('details:not([open])')];
    for (const d of openedForPrint) d.open = true;
  });
  window.addEventListener('afterprint', () => {
    for (const d of openedForPrint) d.open = false;
    openedForPrint = [];
  });
})();
`;
