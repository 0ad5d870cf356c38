import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseContainerFlags, recordedContainerOptions, type ContainerFlags } from '../../cli/container-flags.js';
import { UsageError } from '../../cli/errors.js';
import { endpointUrls } from '../../containers/endpoints.js';
import { LogTail } from '../../containers/log-tail.js';
import { redactedLog, withTargetLog } from '../../containers/target-log.js';
import { targetLogTail } from '../../reporters/target-log.js';
import type { RunResults } from '../../results/model.js';
import { grantproof } from '../support/run-cli.js';

const flags = (extra: Partial<ContainerFlags & { target: string; stateUrl: string; fixtures: string }>) => ({ env: [], ...extra });

describe('container flags', () => {
  it('default to the reference server: port 10100, SPEC paths, waiting on the token path for 60 s', () => {
    expect(parseContainerFlags(flags({ targetImage: 'team/token-service:1.4' }))).toEqual({
      image: 'team/token-service:1.4',
      port: 10100,
      tokenPath: '/api/v0/oauth2/token',
      statePath: '/provider-states',
      waitPath: '/api/v0/oauth2/token',
      waitTimeoutMs: 60_000,
      env: {},
    });
  });

  it('take every setting, and record --env values redacted', () => {
    const options = parseContainerFlags(
      flags({ targetImage: 'svc', targetPort: '8080', tokenPath: '/oauth/token', statePath: '/test/states', waitPath: '/health', waitTimeout: '2.5', env: ['DB_PASSWORD=p=w', 'MODE=test'] }),
    )!;
    expect(options).toMatchObject({ port: 8080, tokenPath: '/oauth/token', statePath: '/test/states', waitPath: '/health', waitTimeoutMs: 2500, env: { DB_PASSWORD: 'p=w', MODE: 'test' } });
    expect(recordedContainerOptions(options)).toMatchObject({ env: { DB_PASSWORD: '[redacted]', MODE: '[redacted]' }, waitTimeout: 2.5 });
  });

  it('are none without --target-image', () => {
    expect(parseContainerFlags(flags({ target: 'http://127.0.0.1:1/token' }))).toBeNull();
  });

  it.each([
    [flags({ targetImage: 'svc', target: 'http://127.0.0.1:1/token' }), /--target-image starts the target itself: drop --target/],
    [flags({ targetImage: 'svc', stateUrl: 'http://127.0.0.1:1/s' }), /drop --target, --state-url and --fixtures/],
    [flags({ targetPort: '8080', env: ['A=b'] }), /--target-port, --env describe a container target: give --target-image too/],
    [flags({ targetImage: 'svc', targetPort: '0' }), /--target-port takes the port/],
    [flags({ targetImage: 'svc', tokenPath: 'api/token' }), /--token-path takes a path starting with \//],
    [flags({ targetImage: 'svc', waitTimeout: '0' }), /--wait-timeout takes a number of seconds above 0/],
    [flags({ targetImage: 'two words' }), /--target-image takes an image name/],
  ])('refuse %j', (given, message) => {
    expect(() => parseContainerFlags(given)).toThrow(UsageError);
    expect(() => parseContainerFlags(given)).toThrow(message);
  });

  it('never echo an --env value they refuse', () => {
    expect(() => parseContainerFlags(flags({ targetImage: 'svc', env: ['=SECRET-VALUE-123'] }))).toThrow(/^--env takes NAME=value, NAME letters, digits and underscores \(the value is not shown here\)$/);
  });

  it('reach the command line: exit 2, one line, nothing written', async () => {
    const run = await grantproof(['run', '--target-image', 'svc', '--target', 'http://127.0.0.1:1/token']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim()).toMatch(/^grantproof: --target-image starts the target itself[^\n]*$/);
    expect(existsSync(path.join(run.outDir, 'results.json'))).toBe(false);
  });
});

describe('endpointUrls', () => {
  it('builds the token and state URLs from the mapped port', () => {
    expect(endpointUrls('127.0.0.1', 32768, { tokenPath: '/api/v0/oauth2/token', statePath: '/provider-states' })).toEqual({
      tokenUrl: 'http://127.0.0.1:32768/api/v0/oauth2/token',
      stateUrl: 'http://127.0.0.1:32768/provider-states',
    });
  });

  it('brackets an IPv6 host (RFC 3986 §3.2.2)', () => {
    expect(endpointUrls('::1', 1, { tokenPath: '/t', statePath: '/s' }).tokenUrl).toBe('http://[::1]:1/t');
  });
});

describe('LogTail', () => {
  it('joins lines cut across chunks and keeps only the last ones', () => {
    const tail = new LogTail(3);
    for (const chunk of ['one\ntw', 'o\r\nthree\nfo', 'ur\nfive']) tail.push(chunk);
    expect(tail.lines()).toEqual(['three', 'four', 'five']);
  });

  it('keeps the last complete lines when the stream ended on a newline', () => {
    const tail = new LogTail(2);
    tail.push('a\nb\nc\n');
    expect(tail.lines()).toEqual(['b', 'c']);
  });
});

describe('redactedLog', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJjbGllbnRfaWQiOiJlNDVmYTc5YS0wNWY1LTRmMDAtYmJmZS1iZDBhMTRhZWFkMGEiLCJleHAiOjE3NTEwMTk1NTN9.UsHQ3A0EHWRahd4_zDf58Kjr4oLF7DsMfoIamqV6oZo';

  it('strips the signature of every JWS and replaces the values the run was given', () => {
    const log = redactedLog('container svc (abc)', [`verify ${jwt} failed`, 'db password hunter2-but-longer', 'gateway key gw-key-0123456789'], [
      { value: 'hunter2-but-longer', kind: 'environment value' },
      { value: 'gw-key-0123456789', kind: 'header value' },
    ]);
    expect(log).toEqual({
      source: 'container svc (abc)',
      lines: [
        `verify ${jwt.slice(0, jwt.lastIndexOf('.'))}.[signature redacted] failed`,
        'db password [redacted environment value]',
        'gateway key [redacted header value]',
      ],
    });
  });

  it('leaves dotted text that is no JWS alone: host names, versions, file names', () => {
    const lines = ['listening on api.example.com', 'token service 1.4.2', 'loaded config.prod.yaml'];
    expect(redactedLog('s', lines, []).lines).toEqual(lines);
  });
});

describe('the target log in the reports', () => {
  const results = (verdict: RunResults['verdict']) => ({ verdict }) as RunResults;
  const log = { source: 'container svc (abc)', lines: Array.from({ length: 25 }, (_, i) => `line ${i + 1}`) };

  it('is kept in results.json only when the run is not conformant', () => {
    expect(withTargetLog(results('conformant'), log)).not.toHaveProperty('targetLog');
    expect(withTargetLog(results('not conformant'), log).targetLog).toBe(log);
    expect(withTargetLog(results('no verdict'), log).targetLog).toBe(log);
    expect(withTargetLog(results('no verdict'), null)).not.toHaveProperty('targetLog');
  });

  it('shows its last 20 lines on the terminal', () => {
    const text = targetLogTail({ ...results('no verdict'), targetLog: log });
    expect(text.split('\n').slice(1)).toEqual(['last 20 log lines of the target container svc (abc) (the last 25 in results.json):', ...log.lines.slice(5).map((l) => `  | ${l}`)]);
    expect(targetLogTail({ ...results('no verdict'), targetLog: { source: 'container svc (abc)', lines: [] } })).toBe('\nthe target container svc (abc) logged nothing');
  });
});
