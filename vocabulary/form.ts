/**
 * Parameters as `application/x-www-form-urlencoded` (RFC 6749 Appendix B), in order: a string
 * as it is, an array's items as the parameter repeated (REQ-DUPLICATE-PARAM), any other value
 * as its JSON text.
 */
export function formEncoded(fields: Readonly<Record<string, unknown>>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, typeof item === 'string' ? item : (JSON.stringify(item) ?? ''));
  }
  return params.toString();
}
