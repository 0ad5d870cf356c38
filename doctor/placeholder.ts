/**
 * Text left from a template rather than a real value, as in the seeds' requests:
 * `AUTH_CODE_FROM_CONSENT`, `REGISTERED_CLIENT_ID`, `FRESH_JWT_TOKEN` (upper-case words
 * joined by `_`), `<JWT>`, `your-passphrase`, or an unexpanded `$VARIABLE`.
 */
const PLACEHOLDERS: readonly RegExp[] = [/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/, /^<[^<>]+>$/, /^your[-_ ]/i, /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/];

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDERS.some((pattern) => pattern.test(value));
}
