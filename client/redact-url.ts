/**
 * A URL as it may be shown or stored: a password in it and the values of its query
 * parameters (where API keys tend to hide) are replaced. Nothing the user passes is
 * echoed unredacted.
 */
export function redactUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return '[unparseable URL]';
  }
  if (url.password) url.password = 'redacted';
  for (const key of [...new Set(url.searchParams.keys())]) url.searchParams.set(key, 'redacted');
  return url.toString();
}
