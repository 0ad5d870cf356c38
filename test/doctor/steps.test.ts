import { describe, expect, it } from 'vitest';
import { diagnose, diagnoseToken, type DoctorRequest, type Finding, type StepName } from '../../doctor/index.js';
import { algNone, otherAlg, signCompact, withClaims, withHeader, withoutClaim, wrongKey, hexDecodedKey, randomText, segments, mintClientSecret } from '../../jwt/index.js';

const CLIENT_ID = 'c0ffee00-1111-4222-8333-444455556666';
const SECRET = 'a'.repeat(8) + '0123456789abcdef0123456789abcdef0123456789abcdef01234567';
const NOW_S = 1_800_000_000;
const NOW_MS = NOW_S * 1000;
const EXP = NOW_S + 120;
const INPUT = { clientId: CLIENT_ID, exp: EXP, secret: SECRET };
const VALID_JWT = await mintClientSecret(INPUT);

function body(overrides: Record<string, unknown> = {}, drop: string[] = []): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    client_id: CLIENT_ID,
    client_secret: VALID_JWT,
    redirect_uri: 'https://app.example/callback',
    code: '84feaa9c-6782-417b-b77c-f9642b5562ff',
    passphrase: '',
    ...overrides,
  };
  for (const name of drop) delete fields[name];
  return fields;
}

function request(overrides: Partial<DoctorRequest> = {}, fields: Record<string, unknown> = body()): DoctorRequest {
  return { format: 'json', method: 'POST', url: null, headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields), ...overrides };
}

function run(req: DoctorRequest, secret: string | null = SECRET) {
  return diagnose(req, { secret, nowMs: NOW_MS });
}

function stepOf(req: DoctorRequest, step: StepName, secret: string | null = SECRET) {
  return run(req, secret).steps.find((s) => s.step === step)!;
}

describe('a valid request (the control every fault below is set against)', () => {
  it('passes every local step; only the server can judge the client, the code and the redirect_uri', () => {
    const diagnosis = run(request());
    expect(diagnosis.verdict.outcome).toBe('no fault found');
    expect(diagnosis.steps.filter((s) => s.mark !== 'pass').map((s) => `${s.step} ${s.mark}`)).toEqual(['client unknown', 'code unknown', 'redirect-uri unknown']);
  });
  it('warns of a Content-Type parameter, which SPEC §1 leaves open; takes the media type in any case', () => {
    for (const value of ['application/json; charset=UTF-8', 'application/json; charset=latin1']) {
      const diagnosis = run(request({ headers: { 'content-type': value } }));
      expect(diagnosis.steps.find((s) => s.step === 'content-type')).toMatchObject({ mark: 'warn', finding: 'CONTENT_TYPE_PARAMETER' });
      expect(diagnosis.verdict.outcome).toBe('no fault found');
    }
    expect(stepOf(request({ headers: { 'content-type': 'Application/JSON' } }), 'content-type').mark).toBe('pass');
  });
  it('accepts a fractional exp (a NumericDate, RFC 7519 §2), extra claims and a missing typ', () => {
    const jwt = signCompact({ alg: 'HS256' }, { client_id: CLIENT_ID, exp: EXP + 0.5, iat: NOW_S }, SECRET);
    const diagnosis = run(request({}, body({ client_secret: jwt })));
    expect(diagnosis.verdict.outcome).toBe('no fault found');
    expect(diagnosis.steps.find((s) => s.step === 'claims')!.line).toBe('client_id a string, exp a number (other claims ignored: iat)');
    expect(diagnosis.steps.find((s) => s.step === 'alg')!.line).toBe('HS256 (typ absent: ignored)');
  });
});

/** Each fault, the step that must catch it, the finding, and what the server answers. */
const FAULTS: readonly [string, StepName, Finding, string | null, () => DoctorRequest][] = [
  ['GET instead of POST', 'method', 'METHOD_NOT_POST', null, () => request({ method: 'GET', body: null })],
  ['no Content-Type', 'content-type', 'CONTENT_TYPE_NOT_JSON', 'invalid_request', () => request({ headers: {} })],
  ['text/plain', 'content-type', 'CONTENT_TYPE_NOT_JSON', 'invalid_request', () => request({ headers: { 'content-type': 'text/plain' } })],
  ['broken JSON', 'body', 'BODY_NOT_JSON_OBJECT', 'invalid_request', () => request({ body: '{"client_id": ' })],
  ['a JSON array', 'body', 'BODY_NOT_JSON_OBJECT', 'invalid_request', () => request({ body: '[]' })],
  ['code missing', 'fields', 'FIELD_MISSING', 'invalid_request', () => request({}, body({}, ['code']))],
  ['passphrase a number', 'fields', 'FIELD_NOT_STRING', 'invalid_request', () => request({}, body({ passphrase: 1234 }))],
  ['an empty redirect_uri', 'fields', 'FIELD_EMPTY', 'invalid_request', () => request({}, body({ redirect_uri: '' }))],
  ['random text', 'jws', 'NOT_A_JWS', 'invalid_client', () => request({}, body({ client_secret: randomText() }))],
  ['two segments', 'jws', 'NOT_A_JWS', 'invalid_client', () => request({}, body({ client_secret: segments(INPUT, 2) }))],
  ['a bcrypt stored secret sent raw', 'jws', 'RAW_SECRET_SENT', 'invalid_client', () => request({}, body({ client_secret: `$2a$10$${'N9qo8uLOickgx2ZMRZoMye'.repeat(3).slice(0, 53)}` }))],
  ['alg none', 'alg', 'ALG_NONE', 'invalid_client', () => request({}, body({ client_secret: algNone(INPUT, 'None', 'hmac') }))],
  ['alg HS512', 'alg', 'ALG_NOT_HS256', 'invalid_client', () => request({}, body({ client_secret: otherAlg(INPUT, 'HS512') }))],
  ['a crit header', 'alg', 'CRIT_HEADER', 'invalid_client', () => request({}, body({ client_secret: withHeader(INPUT, { alg: 'HS256', typ: 'JWT', crit: ['b64'], b64: true }) }))],
  ['no exp', 'claims', 'CLAIM_MISSING', 'invalid_client', () => request({}, body({ client_secret: withoutClaim(INPUT, 'exp') }))],
  ['no client_id', 'claims', 'CLAIM_MISSING', 'invalid_client', () => request({}, body({ client_secret: withoutClaim(INPUT, 'client_id') }))],
  ['exp a numeric string', 'claims', 'CLAIM_NOT_TYPED', 'invalid_client', () => request({}, body({ client_secret: withClaims(INPUT, { client_id: CLIENT_ID, exp: String(EXP) }) }))],
  ['a template client_id in the JWT', 'client', 'PLACEHOLDER', 'invalid_client', () => request({}, body({ client_secret: withClaims(INPUT, { client_id: 'REGISTERED_CLIENT_ID', exp: EXP }) }))],
  ['signed with another key', 'signature', 'SIGNATURE_MISMATCH', 'invalid_client', () => request({}, body({ client_secret: wrongKey(INPUT, 'another-secret-entirely') }))],
  ['signed with the secret plus a newline', 'signature', 'SECRET_WHITESPACE', 'invalid_client', () => request({}, body({ client_secret: wrongKey(INPUT, `${SECRET}\n`) }))],
  ['a template code', 'code', 'PLACEHOLDER', 'invalid_code', () => request({}, body({ code: 'AUTH_CODE_FROM_CONSENT' }))],
];

describe('each check catches the fault it is for', () => {
  it.each(FAULTS)('%s → %s %s', (_, step, finding, error, build) => {
    const diagnosis = run(build());
    const result = diagnosis.steps.find((s) => s.step === step)!;
    expect([result.mark, result.finding]).toEqual(['fail', finding]);
    expect(diagnosis.verdict).toMatchObject({ outcome: 'refused', step, error });
    expect(diagnosis.next[0]).toMatch(/\w/);
  });

  it('a secret given with a trailing newline, the JWT signed with the trimmed one', () => {
    expect(stepOf(request(), 'signature', `${SECRET}\n`)).toMatchObject({ mark: 'fail', finding: 'SECRET_WHITESPACE' });
  });

  it('a JWT keyed with the hex-decoded secret (the seeds\' mistake) is told apart from another key', () => {
    const hexSecret = '2b4719e00623ad66c4cde8681efc59e9d40bf96cdb43d4b9cf859e27d5252102';
    const jwt = hexDecodedKey({ ...INPUT, secret: hexSecret })!;
    expect(stepOf(request({}, body({ client_secret: jwt })), 'signature', hexSecret)).toMatchObject({ mark: 'fail', finding: 'HEX_DECODED_KEY' });
    expect(stepOf(request({}, body({ client_secret: wrongKey(INPUT, 'x'.repeat(32)) })), 'signature', hexSecret)).toMatchObject({ finding: 'SIGNATURE_MISMATCH' });
  });

  it('the stored secret sent raw, recognised with the secret given even when it is no hex', () => {
    expect(stepOf(request({}, body({ client_secret: SECRET })), 'jws')).toMatchObject({ mark: 'fail', finding: 'RAW_SECRET_SENT' });
    expect(stepOf(request({}, body({ client_secret: 'opaque secret text' })), 'jws', 'opaque secret text').finding).toBe('RAW_SECRET_SENT');
  });

  it('an expired JWT whose signature fails is invalid_client, not client_secret_expired (SPEC §1: step 4 before 5)', () => {
    const diagnosis = run(request({}, body({ client_secret: wrongKey({ ...INPUT, exp: NOW_S - 60 }, 'another-secret-entirely') })));
    expect(diagnosis.steps.find((s) => s.step === 'exp')).toMatchObject({ mark: 'fail', finding: 'EXPIRED' });
    expect(diagnosis.verdict).toMatchObject({ step: 'signature', error: 'invalid_client' });
  });

  it('expired at exp itself (RFC 7519 §4.1.4: "on or after"), not a second before', async () => {
    const at = (exp: number) => run(request({}, body({ client_secret: withClaims(INPUT, { client_id: CLIENT_ID, exp }) }))).steps.find((s) => s.step === 'exp')!;
    expect(at(NOW_S)).toMatchObject({ mark: 'fail', finding: 'EXPIRED' });
    expect(at(NOW_S).line).toMatch(/^expired less than a second ago: /);
    expect(at(NOW_S + 1)).toMatchObject({ mark: 'pass' });
    expect(at(NOW_S + 1).line).toMatch(/^expires in 1 second: /);
  });

  it('warns of a JWT living longer than 5 minutes, and of an exp in milliseconds', () => {
    const far = stepOf(request({}, body({ client_secret: withClaims(INPUT, { client_id: CLIENT_ID, exp: NOW_S + 301 }) })), 'exp');
    expect(far).toMatchObject({ mark: 'warn', finding: 'EXP_TOO_FAR' });
    const millis = stepOf(request({}, body({ client_secret: withClaims(INPUT, { client_id: CLIENT_ID, exp: NOW_MS + 60_000 }) })), 'exp');
    expect(millis.line).toContain('exp looks like milliseconds');
    expect(stepOf(request({}, body({ client_secret: withClaims(INPUT, { client_id: CLIENT_ID, exp: NOW_S + 300 }) })), 'exp').mark).toBe('pass');
  });

  it('a template passphrase is a warning and is never shown', () => {
    const fields = stepOf(request({}, body({ passphrase: 'your-passphrase' })), 'fields');
    expect(fields).toMatchObject({ mark: 'warn', finding: 'PLACEHOLDER' });
    expect(fields.line).not.toContain('your-passphrase');
  });

  it('without the secret the signature is unknown, and no fault makes the verdict "no fault found"', () => {
    const diagnosis = run(request(), null);
    expect(diagnosis.steps.find((s) => s.step === 'signature')!.mark).toBe('unknown');
    expect(diagnosis.verdict.line).toMatch(/^no fault found \(the signature was not checked\)/);
  });
});

describe('diagnoseToken (grantproof jwt decode)', () => {
  it('runs the client_secret steps on a token alone, and step 6 when a client_id is given', () => {
    const alone = diagnoseToken(VALID_JWT, { secret: SECRET, nowMs: NOW_MS, clientId: null });
    expect(alone.steps.map((s) => `${s.step} ${s.mark}`)).toEqual(['jws pass', 'alg pass', 'claims pass', 'signature pass', 'exp pass']);
    expect(alone.payload).toEqual({ client_id: CLIENT_ID, exp: EXP });
    const other = diagnoseToken(VALID_JWT, { secret: null, nowMs: NOW_MS, clientId: 'someone-else' });
    expect(other.steps.at(-1)).toMatchObject({ step: 'client-id', mark: 'fail', finding: 'CLIENT_ID_MISMATCH' });
  });
});
