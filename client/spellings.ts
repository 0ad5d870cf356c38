/**
 * The spellings of a sensitive value that decoding a text cannot bring back, so they are
 * looked for as they are: form encoding's `+` for a space (the HTML form
 * `application/x-www-form-urlencoded` serializer; `%20` is decoded), and base64 and base64url
 * (RFC 4648 §4, §5) of the value's UTF-8 bytes, wherever it sits in the encoded text.
 * Percent-encoding, HTML character references and JSON/`\u` escapes are decoded instead
 * (decoded-view.ts), since a target may mix them freely.
 */
export function spellingsOf(value: string): { form: string; encoding: string }[] {
  const forms = [{ form: value, encoding: 'as is' }];
  if (value.includes(' ')) forms.push({ form: value.replaceAll(' ', '+'), encoding: 'form-encoded' });
  const bytes = Buffer.from(value, 'utf8');
  for (let shift = 0; shift < 3; shift += 1) {
    for (const alphabet of ['base64', 'base64url'] as const) forms.push({ form: base64Core(bytes, shift, alphabet), encoding: `${alphabet}, at offset ${shift} mod 3` });
  }
  return forms.filter(({ form }, i) => forms.findIndex((other) => other.form === form) === i);
}

/**
 * The characters of the base64 of `bytes` that do not depend on what surrounds them when
 * they sit `shift` bytes after a 3-byte boundary of the encoded text: a character covers 6
 * bits, so those overlapping the `shift` bytes before or the bytes after are left out.
 */
export function base64Core(bytes: Buffer, shift: number, alphabet: 'base64' | 'base64url'): string {
  const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString(alphabet);
  return encoded.slice(Math.ceil((8 * shift) / 6), Math.floor((8 * (shift + bytes.length)) / 6));
}

/**
 * The parts of a header value that are credentials of their own, which a target may echo
 * apart from the whole: each cookie's value (`session=<id>`, RFC 6265 §4.2.1), and the
 * credentials after an authentication scheme (`Bearer <token>`, RFC 9110 §11.4).
 */
export function credentialParts(value: string): string[] {
  const parts = value.split(/[;,]/).flatMap((item) => {
    const pair = /^\s*[^=\s]+=(.+)$/.exec(item);
    return pair ? [pair[1]!.trim()] : [];
  });
  const scheme = /^\s*[A-Za-z][\w!#$%&'*+.^`|~-]*\s+(\S+)\s*$/.exec(value);
  if (scheme) parts.push(scheme[1]!);
  return parts;
}
