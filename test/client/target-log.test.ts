import { randomBytes } from 'node:crypto';
import { appendFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SensitiveValues } from '../../client/redaction.js';
import { readTargetLog } from '../../client/target-log.js';
import { TargetLogFile } from '../../containers/log-file.js';
import { ENCODINGS } from '../support/encodings.js';
import { emptyLogFile } from '../support/log-file.js';

/** A stored secret, a passphrase and an access grant of a run, registered as the target client registers them. */
function runValues() {
  const values = { storedSecret: randomBytes(32).toString('hex'), passphrase: `pass-${randomBytes(9).toString('base64url')}`, grant: randomBytes(32).toString('base64url') };
  const sensitive = new SensitiveValues();
  sensitive.add(values.storedSecret, 'stored secret');
  sensitive.add(values.passphrase, 'passphrase');
  sensitive.add(values.grant, 'access grant');
  return { values, sensitive };
}

describe("the target's log as LOG-NO-SECRET reads it (SPEC §7)", () => {
  it.each(Object.keys(ENCODINGS))('finds a stored secret logged %s, by line number and kind, the line redacted', async (encoding) => {
    const { values, sensitive } = runValues();
    const log = await emptyLogFile();
    try {
      const line = `WARN jwt check failed: ${ENCODINGS[encoding]!(`{"client_id":"c1","key":"${values.storedSecret}"}`)}`;
      await writeFile(log.path, `listening on :10100\n${line}\nPOST /api/v0/oauth2/token 401\n`);
      const read = await readTargetLog({ path: log.path, source: '--target-log t.log', fromByte: 0 }, sensitive);
      expect(read).toMatchObject({ source: '--target-log t.log', lines: 3 });
      if (!('secrets' in read)) throw new Error('unread');
      expect(read.secrets.map(({ line, kinds }) => [line, kinds])).toEqual([[2, ['stored secret']]]);
      expect(read.secrets[0]!.text).toMatch(/^WARN jwt check failed: /);
      expect(sensitive.kindsIn(read.secrets[0]!.text)).toEqual([]);
    } finally {
      await log.remove();
    }
  });

  it('names each kind a line holds, and never a line without one', async () => {
    const { values, sensitive } = runValues();
    const log = await emptyLogFile();
    try {
      await writeFile(log.path, `granted ${values.grant} for passphrase ${encodeURIComponent(values.passphrase)}\r\nnothing here\n`);
      const read = await readTargetLog({ path: log.path, source: 's', fromByte: 0 }, sensitive);
      expect('secrets' in read && read.secrets.map(({ line, kinds }) => [line, [...kinds].sort()])).toEqual([[1, ['access grant', 'passphrase']]]);
    } finally {
      await log.remove();
    }
  });

  it("strips every JWS's signature from the lines it shows, a JWT the run does not know included, whatever else is redacted inside it", async () => {
    const { values, sensitive } = runValues();
    const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
    sensitive.add(header, 'client_secret');
    const unknown = `${header}.${Buffer.from('{"client_id":"c1"}').toString('base64url')}.${randomBytes(32).toString('base64url')}`;
    const log = await emptyLogFile();
    try {
      await writeFile(log.path, `client_secret ${unknown} key ${values.storedSecret}\n`);
      const read = await readTargetLog({ path: log.path, source: 's', fromByte: 0 }, sensitive);
      if (!('secrets' in read)) throw new Error('unread');
      expect(read.secrets[0]!.text).toBe(`client_secret [redacted client_secret].${unknown.split('.')[1]}.[signature redacted] key [redacted stored secret]`);
    } finally {
      await log.remove();
    }
  });

  it('judges only the lines written during the run, numbered in the whole file; a log truncated during the run from its start', async () => {
    const { values, sensitive } = runValues();
    const log = await emptyLogFile();
    try {
      const earlier = `${'a line of an earlier run\n'.repeat(9)}another\n`;
      await writeFile(log.path, earlier);
      const fromByte = earlier.length;
      await appendFile(log.path, `started\nkey ${values.storedSecret}\n`);
      const read = await readTargetLog({ path: log.path, source: 's', fromByte }, sensitive);
      expect(read).toMatchObject({ lines: 2, secrets: [{ line: 12, kinds: ['stored secret'] }] });
      await writeFile(log.path, `key ${values.storedSecret}\n`);
      expect(await readTargetLog({ path: log.path, source: 's', fromByte }, sensitive)).toMatchObject({ lines: 1, secrets: [{ line: 1 }] });
    } finally {
      await log.remove();
    }
  });

  it("writes back the log's last lines, redacted with every value of the run, for the report's tail", async () => {
    const { values, sensitive } = runValues();
    const file = new TargetLogFile();
    try {
      expect(file.redactedTail()).toBeNull();
      file.push(`first\nkey ${values.storedSecret}\ngranted ${values.grant}\n`);
      await readTargetLog(file.sourceFor('container x (abc)', 2), sensitive);
      expect(file.redactedTail()).toEqual(['key [redacted stored secret]', 'granted [redacted access grant]']);
    } finally {
      file.remove();
    }
  });

  it('tells a log gone after the run as unreadable, saying what to check', async () => {
    const { sensitive } = runValues();
    const read = await readTargetLog({ path: '/nonexistent/grantproof/target.log', source: '--target-log /nonexistent/grantproof/target.log', fromByte: 0 }, sensitive);
    expect(read).toEqual({ source: '--target-log /nonexistent/grantproof/target.log', unreadable: expect.stringMatching(/could not be read after the run \(ENOENT\): check that the file is still there/) });
  });
});

describe('the temporary file a started target logs to', () => {
  it('writes whole lines as they arrive, the values it holds redacted, only for this user, and is gone once removed', async () => {
    const { statSync, readFileSync, existsSync } = await import('node:fs');
    const file = new TargetLogFile([{ value: 'db-password-0123456789', kind: 'environment value' }]);
    file.push('connecting with db-pass');
    file.push('word-0123456789\nready\npartial');
    expect(readFileSync(file.path, 'utf8')).toBe('connecting with [redacted environment value]\nready\n');
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
    expect(file.sourceFor('container x (abc)')).toEqual({ path: file.path, source: 'container x (abc)', fromByte: 0 });
    file.remove();
    file.remove();
    expect(existsSync(file.path)).toBe(false);
  });
});
