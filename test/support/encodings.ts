import { encode, EncodingMode, EntityLevel } from 'entities';
import escapeHtml from 'escape-html';

/**
 * The encodings a target may echo a request in (frameworks do, in error pages and logs),
 * each as a function of the whole text. All but base64 encode character by character, so a
 * secret inside the text appears as the encoding of the secret; base64 depends on where the
 * secret sits, so the scanner looks for each alignment (secret-scan.ts). Issue 16 item 1.
 */
export const ENCODINGS: Readonly<Record<string, (text: string) => string>> = {
  'as is': (text) => text,
  'JSON-escaped': (text) => jsonEscaped(text),
  'JSON-escaped twice': (text) => jsonEscaped(jsonEscaped(text)),
  'JSON, / escaped (PHP)': (text) => jsonEscaped(text).replaceAll('/', '\\/'),
  'percent-encoded, upper-case hex': (text) => encodeURIComponent(text),
  'percent-encoded, lower-case hex': (text) => encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
  'percent-encoded, every byte': (text) => [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  'percent-encoded twice': (text) => encodeURIComponent(encodeURIComponent(text)),
  'form-encoded (+ for space)': (text) => new URLSearchParams({ v: text }).toString().slice(2),
  'HTML-escaped': (text) => escapeHtml(text),
  'HTML entities, named': (text) => encode(text, { level: EntityLevel.HTML, mode: EncodingMode.Extensive }),
  'HTML entities, decimal': (text) => [...text].map((char) => `&#${char.codePointAt(0)};`).join(''),
  'HTML entities, hex': (text) => [...text].map((char) => `&#x${char.codePointAt(0)!.toString(16)};`).join(''),
  'HTML entities, upper-case hex': (text) => [...text].map((char) => `&#X${char.codePointAt(0)!.toString(16).toUpperCase()};`).join(''),
  '\\u-escaped': (text) => [...text].map((char) => unicodeEscape(char, (hex) => hex)).join(''),
  '\\u-escaped, upper-case hex': (text) => [...text].map((char) => unicodeEscape(char, (hex) => hex.toUpperCase())).join(''),
  base64: (text) => Buffer.from(text, 'utf8').toString('base64'),
  base64url: (text) => Buffer.from(text, 'utf8').toString('base64url'),
};

/** The inside of a JSON string holding `text`. */
function jsonEscaped(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** Each UTF-16 unit of `char` as `\uXXXX`. */
function unicodeEscape(char: string, hexCase: (hex: string) => string): string {
  return [...Array(char.length).keys()].map((i) => `\\u${hexCase(char.charCodeAt(i).toString(16).padStart(4, '0'))}`).join('');
}
