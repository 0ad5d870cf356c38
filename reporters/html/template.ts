import escapeHtml from 'escape-html';

/** Markup that is already safe to insert: built by `html`, never from unescaped text. */
export class Markup {
  constructor(readonly text: string) {}
}

/** What may be interpolated into `html`: text is escaped, markup inserted, lists joined, nothing for absent values. */
export type Part = Markup | string | number | boolean | null | undefined | readonly Part[];

/**
 * A tagged template that escapes every interpolated value (escape-html: `& < > " '`, so a
 * value is safe in text and in quoted attributes alike) unless it is already `Markup`.
 * Escaping is the default, so a value from a target's answer can never become markup.
 */
export function html(strings: TemplateStringsArray, ...values: readonly Part[]): Markup {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Markup(out);
}

/** Trusted markup written in this package (the inline style and script). */
export function trusted(text: string): Markup {
  return new Markup(text);
}

function render(value: Part): string {
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false || value === true) return '';
  return escapeHtml(String(value));
}
