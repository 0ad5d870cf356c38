/**
 * The report's only script, inline and offline: the filters (failed only, which counts
 * known failures as the failures they are; by level; by category) over the matrix and the
 * evidence, and, for printing in browsers that do not honour the print style's
 * `::details-content` rule, opening the exchanges the printed report shows in full.
 */
export const SCRIPT = `
(() => {
  const form = document.getElementById('filters');
  const results = [...document.querySelectorAll('details.result')];
  const groups = [...document.querySelectorAll('section.evidence-of')];
  const sections = [...document.querySelectorAll('section.category')];
  const FAILED = ['failed', 'known-failure'];
  function applyFilters() {
    const failedOnly = form.elements.failedOnly.checked;
    const level = form.elements.level.value;
    const category = form.elements.category.value;
    for (const element of [...results, ...groups]) {
      const d = element.dataset;
      element.hidden = (failedOnly && !FAILED.includes(d.status)) || (level !== '' && d.level !== level) || (category !== '' && d.category !== category);
    }
    for (const section of sections) section.hidden = !section.querySelector('details.result:not([hidden])');
    document.getElementById('shown').textContent = results.filter((r) => !r.hidden).length + ' of ' + results.length + ' shown';
  }
  form.addEventListener('change', applyFilters);
  form.addEventListener('reset', () => setTimeout(applyFilters));
  applyFilters();
  let openedForPrint = [];
  window.addEventListener('beforeprint', () => {
    openedForPrint = [...document.querySelectorAll('details.evidence.printed:not([open])')];
    for (const d of openedForPrint) d.open = true;
  });
  window.addEventListener('afterprint', () => {
    for (const d of openedForPrint) d.open = false;
    openedForPrint = [];
  });
})();
`;
