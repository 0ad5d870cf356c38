import { describe, expect, it } from 'vitest';
import { requirementById } from '../../catalogue/index.js';
import { diagnose, renderJson, renderText, type DiagnoseOptions, type Diagnosis, type DoctorRequest, type StepName } from '../../doctor/index.js';
import { assertionRefusalOf, GRANT_TYPE_MISSING, VERIFIER_MISSING } from '../../doctor/assertion-refusal.js';
import {
  algConfusion,
  algNoneJws,
  audMissing,
  audOtherServer,
  clientAssertionInput,
  freshJwkPair,
  issNotSub,
  JWT_BEARER_ASSERTION_TYPE,
  jtiMissing,
  mintClientAssertion,
  nbfInFuture,
  publicJwkOf,
  signJws,
  withClaimJws,
  wrongKeyJws,
  type JwsInput,
} from '../../jwt/index.js';

const CLIENT_ID = 's6BhdRkqt3';
/** 64 hex characters, as the seeds' secrets: so that a hex-decoded key can be tried. */
const SECRET = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const AUDIENCE = 'https://as.example/oauth2/token';
const NOW_S = 1_800_000_000;
const NOW_MS = NOW_S * 1000;
/** RFC 7636 Appendix B's verifier. */
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const SECRET_KEY = { kind: 'secret', secret: SECRET } as const;
const { privateJwk, publicJwk } = freshJwkPair('ES256');
const CLIENT_JWK = { ...privateJwk, kid: 'client-key-1', alg: 'ES256' };

/** The `JwsInput` of a valid client_secret_jwt assertion issued 5 s before now. */
const secretInput = (): JwsInput => clientAssertionInput({ clientId: CLIENT_ID, audience: AUDIENCE, key: SECRET_KEY, now: NOW_S - 5, jti: 'c4f1e2a0-0b1d-4b1e-9d6e-3f1a2b3c4d5e' });
const VALID = await mintClientAssertion({ clientId: CLIENT_ID, audience: AUDIENCE, key: SECRET_KEY, now: NOW_S - 5 });

type Pairs = readonly (readonly [string, string])[];

/** SPEC §5's valid form, with `assertion` as client_assertion. */
function validPairs(assertion: string = VALID): Pairs {
  return [
    ['grant_type', 'authorization_code'],
    ['code', 'SplxlOBeZQQYbYS6WxSbIA'],
    ['redirect_uri', 'https://client.example/cb'],
    ['code_verifier', VERIFIER],
    ['client_assertion_type', JWT_BEARER_ASSERTION_TYPE],
    ['client_assertion', assertion],
  ];
}

function formRequest(pairs: Pairs, overrides: Partial<DoctorRequest> = {}): DoctorRequest {
  return { format: 'form', method: 'POST', url: null, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(pairs.map(([n, v]): [string, string] => [n, v])).toString(), ...overrides };
}

function run(request: DoctorRequest, options: Partial<DiagnoseOptions> = {}): Diagnosis {
  return diagnose(request, { secret: SECRET, nowMs: NOW_MS, profile: 'rfc7523', audience: AUDIENCE, ...options });
}

const replace = (name: string, value: string) => validPairs().map(([n, v]): readonly [string, string] => [n, n === name ? value : v]);
const without = (name: string) => validPairs().filter(([n]) => n !== name);

function notPassed(diagnosis: Diagnosis): string[] {
  return diagnosis.steps.filter((s) => s.mark !== 'pass').map((s) => `${s.step} ${s.mark}`);
}

describe('doctor --profile rfc7523: a valid request (the control every fault below is set against)', () => {
  it('passes every step with the client secret; only the server can judge the client, the code and the redirect_uri', () => {
    const diagnosis = run(formRequest(validPairs()));
    expect(notPassed(diagnosis)).toEqual(['client unknown', 'code unknown', 'redirect-uri unknown']);
    expect(diagnosis.steps.map((s) => s.step)).toEqual<StepName[]>([
      'method', 'content-type', 'parameters', 'assertion-type', 'jws', 'alg', 'iss-sub', 'client', 'client-id', 'aud', 'exp', 'nbf', 'jti', 'iat', 'signature', 'code', 'redirect-uri', 'code-verifier',
    ]);
    expect(diagnosis.verdict).toEqual({ outcome: 'no fault found', line: 'no fault found: the server should authenticate the client if it knows it with this key; the code, redirect_uri and code_verifier are for it to judge' });
    expect(diagnosis.steps.find((s) => s.step === 'signature')!.line).toBe('HMAC-SHA256 verifies with the given secret (key: its UTF-8 bytes)');
  });

  it.each([
    ['a private JWK', CLIENT_JWK],
    ['its public JWK', { ...publicJwkOf(CLIENT_JWK) }],
  ])('passes every step for a private_key_jwt client, verified with %s', async (_, jwk) => {
    const assertion = await mintClientAssertion({ clientId: CLIENT_ID, audience: AUDIENCE, key: { kind: 'private-jwk', jwk: CLIENT_JWK }, now: NOW_S - 5 });
    const diagnosis = run(formRequest(validPairs(assertion)), { secret: null, jwk });
    expect(notPassed(diagnosis)).toEqual(['client unknown', 'code unknown', 'redirect-uri unknown']);
    expect(diagnosis.steps.find((s) => s.step === 'alg')!.line).toBe("ES256 (private_key_jwt: the JWK's alg)");
    expect(diagnosis.steps.find((s) => s.step === 'signature')!.line).toBe('ES256 verifies with the given JWK\'s public key (kid "client-key-1")');
  });

  it('says "?" for the signature without a key, and which aud the assertion names without --audience', () => {
    const diagnosis = run(formRequest(validPairs()), { secret: null, audience: undefined });
    expect(diagnosis.steps.find((s) => s.step === 'signature')).toMatchObject({ mark: 'unknown' });
    expect(diagnosis.steps.find((s) => s.step === 'aud')).toMatchObject({
      mark: 'unknown',
      line: `aud names "${AUDIENCE}": it must be the server's token endpoint URL or its issuer, as a string (give --audience URL to check)`,
    });
    expect(diagnosis.verdict.line).toMatch(/^no fault found \(the signature was not checked\)/);
    // A curl command line's own URL is the token endpoint: an aud naming it passes.
    expect(run(formRequest(validPairs(), { format: 'curl', url: AUDIENCE }), { audience: undefined }).steps.find((s) => s.step === 'aud')).toMatchObject({ mark: 'pass' });
  });

  it('takes a JSON body as the parameters, to refuse it at Content-Type with 400 (415 conforms too)', () => {
    const body = JSON.stringify(Object.fromEntries(validPairs()));
    const diagnosis = run({ format: 'json', method: 'POST', url: null, headers: { 'content-type': 'application/json' }, body });
    expect(diagnosis.verdict).toMatchObject({ outcome: 'refused', status: 400, error: null, step: 'content-type', line: '400 (RFC 6749 §4.1.3); also conforming: 415' });
    expect(notPassed(diagnosis)).toEqual(['content-type fail', 'client unknown', 'code unknown', 'redirect-uri unknown']);
  });
});

interface BrokenCase {
  readonly name: string;
  readonly request: () => DoctorRequest;
  readonly options?: Partial<DiagnoseOptions>;
  readonly step: StepName;
  readonly finding: string;
  readonly line: string;
  readonly verdict: string;
}

const INVALID_CLIENT = '401 invalid_client';
const ALSO_400 = '; also conforming: 400 invalid_client';

const BROKEN: readonly BrokenCase[] = [
  {
    name: 'the same code twice',
    request: () => formRequest([...validPairs(), ['code', 'another-code']]),
    step: 'parameters',
    finding: 'PARAMETER_DUPLICATE',
    line: 'code 2 times: a parameter MUST NOT be included more than once (RFC 6749 §3.2)',
    verdict: '400 invalid_request (RFC 6749 §3.2, §4.1.3)',
  },
  {
    name: 'grant_type=password',
    request: () => formRequest(replace('grant_type', 'password')),
    step: 'parameters',
    finding: 'GRANT_TYPE_UNSUPPORTED',
    line: 'grant_type "password": a code is redeemed with grant_type=authorization_code (RFC 6749 §4.1.3)',
    verdict: '400 unsupported_grant_type (RFC 6749 §3.2, §4.1.3)',
  },
  {
    name: 'another client_assertion_type',
    request: () => formRequest(replace('client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer')),
    step: 'assertion-type',
    finding: 'ASSERTION_TYPE_WRONG',
    line: `client_assertion_type "urn:ietf:params:oauth:client-assertion-type:saml2-bearer" is not ${JWT_BEARER_ASSERTION_TYPE}`,
    verdict: `${INVALID_CLIENT} (RFC 7521 §4.2)${ALSO_400}, 400 invalid_request`,
  },
  {
    name: 'an Authorization: Basic header beside the assertion',
    request: () => formRequest(validPairs(), { format: 'curl', url: AUDIENCE, headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${SECRET}`).toString('base64')}` } }),
    step: 'assertion-type',
    finding: 'TWO_AUTH_METHODS',
    line: 'an Authorization: Basic header beside the assertion: a client MUST NOT use more than one authentication method in a request',
    verdict: '400 invalid_request (RFC 6749 §2.3); also conforming: 401 invalid_client, 400 invalid_client',
  },
  {
    name: 'the client secret sent as client_assertion',
    request: () => formRequest(replace('client_assertion', SECRET)),
    step: 'jws',
    finding: 'RAW_SECRET_SENT',
    line: 'client_assertion is the client secret itself, not a JWT signed with it',
    verdict: `${INVALID_CLIENT} (RFC 7521 §4.2)${ALSO_400}, 400 invalid_request`,
  },
  {
    name: 'client_secret sent instead of an assertion (client_secret_post)',
    request: () => formRequest([...without('client_assertion'), ['client_secret', SECRET]]),
    step: 'jws',
    finding: 'NOT_A_JWS',
    line: 'no client_assertion (client_secret is sent instead: that is client_secret_post, not a JWT assertion)',
    verdict: `${INVALID_CLIENT} (RFC 7521 §4.2)${ALSO_400}, 400 invalid_request`,
  },
  {
    name: 'alg none',
    request: () => formRequest(validPairs(algNoneJws(secretInput(), 'none', 'empty'))),
    step: 'alg',
    finding: 'ALG_NONE',
    line: 'alg "none": an unsigned assertion authenticates no one',
    verdict: `${INVALID_CLIENT} (RFC 7515 §4.1.1, RFC 8725 §2.1)${ALSO_400}`,
  },
  {
    name: 'an HMAC keyed with a private_key_jwt client\'s public key',
    request: () => formRequest(validPairs(algConfusion(clientAssertionInput({ clientId: CLIENT_ID, audience: AUDIENCE, key: { kind: 'private-jwk', jwk: CLIENT_JWK }, now: NOW_S - 5 }), 'jwk-json'))),
    options: { secret: null, jwk: CLIENT_JWK },
    step: 'alg',
    finding: 'ALG_CONFUSION',
    line: 'alg HS256 for a private_key_jwt client: an HMAC keyed with its public key would be a forgery anyone can make (RFC 8725 §2.1)',
    verdict: `${INVALID_CLIENT} (RFC 7515 §4.1.1, RFC 8725 §2.1)${ALSO_400}`,
  },
  {
    name: 'iss ≠ sub',
    request: () => formRequest(validPairs(issNotSub(secretInput(), 'https://as.example'))),
    step: 'iss-sub',
    finding: 'ISS_NOT_SUB',
    line: `iss "https://as.example" ≠ sub "${CLIENT_ID}": for client authentication both are the client_id`,
    verdict: `${INVALID_CLIENT} (RFC 7523 §3 items 1, 2.B)${ALSO_400}`,
  },
  {
    name: 'a client_id other than the assertion\'s sub',
    request: () => formRequest([...validPairs(), ['client_id', 'another-client']]),
    step: 'client-id',
    finding: 'CLIENT_ID_MISMATCH',
    line: `the assertion is for "${CLIENT_ID}", client_id names "another-client"`,
    verdict: `${INVALID_CLIENT} (RFC 7521 §4.2)${ALSO_400}, 400 invalid_request`,
  },
  {
    name: 'aud missing',
    request: () => formRequest(validPairs(audMissing(secretInput()))),
    step: 'aud',
    finding: 'AUD_MISSING',
    line: 'no aud: it must name the server, its token endpoint URL or its issuer',
    verdict: `${INVALID_CLIENT} (RFC 7523 §3 item 3)${ALSO_400}`,
  },
  {
    name: 'aud another server\'s, with --audience',
    request: () => formRequest(validPairs(audOtherServer(secretInput(), `${AUDIENCE}/`))),
    step: 'aud',
    finding: 'AUD_NOT_THIS_SERVER',
    line: `aud "${AUDIENCE}/" does not name ${AUDIENCE} ("${AUDIENCE}/" differs only in scheme, case or a trailing slash: aud is compared as a string)`,
    verdict: `${INVALID_CLIENT} (RFC 7523 §3 item 3)${ALSO_400}`,
  },
  {
    name: 'expired',
    request: () => formRequest(validPairs(withClaimJws(secretInput(), 'exp', NOW_S - 90))),
    step: 'exp',
    finding: 'EXPIRED',
    line: 'expired 1 minute 30 seconds ago: 2027-01-15T07:58:30Z, ',
    verdict: `${INVALID_CLIENT} (RFC 7523 §3 item 4)${ALSO_400}`,
  },
  {
    name: 'nbf ahead',
    request: () => formRequest(validPairs(nbfInFuture(secretInput(), 65))),
    step: 'nbf',
    finding: 'NOT_YET_VALID',
    line: 'not valid for another 1 minute: 2027-01-15T08:01:00Z, ',
    verdict: `${INVALID_CLIENT} (RFC 7523 §3 item 5)${ALSO_400}`,
  },
  {
    name: 'no jti',
    request: () => formRequest(validPairs(jtiMissing(secretInput()))),
    step: 'jti',
    finding: 'JTI_MISSING',
    line: 'no jti: a client assertion carries a fresh unique jti',
    verdict: `${INVALID_CLIENT} (OIDC Core §9)${ALSO_400}`,
  },
  {
    name: 'a wrong secret',
    request: () => formRequest(validPairs(wrongKeyJws(secretInput(), { kind: 'secret', secret: 'not-the-client-secret' }))),
    step: 'signature',
    finding: 'SIGNATURE_MISMATCH',
    line: 'does not verify with the given secret, nor with it hex-decoded: the assertion was signed with another secret',
    verdict: `${INVALID_CLIENT} (RFC 7523 §3 item 9)${ALSO_400}`,
  },
  {
    name: 'the secret hex-decoded (the seeds\' mistake)',
    request: () => formRequest(validPairs(wrongKeyJws(secretInput(), { kind: 'secret', secret: Buffer.from(SECRET, 'hex') }))),
    step: 'signature',
    finding: 'HEX_DECODED_KEY',
    line: 'signed with the secret hex-decoded (32 bytes), not with its text: the server keys HMAC with the UTF-8 bytes of the secret (OIDC Core §9)',
    verdict: `${INVALID_CLIENT} (RFC 7523 §3 item 9)${ALSO_400}`,
  },
  {
    name: 'another private key',
    request: () => formRequest(validPairs(signJws({ ...clientAssertionInput({ clientId: CLIENT_ID, audience: AUDIENCE, key: { kind: 'private-jwk', jwk: CLIENT_JWK }, now: NOW_S - 5 }), key: { kind: 'private-jwk', jwk: freshJwkPair('ES256').privateJwk } }))),
    options: { secret: null, jwk: publicJwk },
    step: 'signature',
    finding: 'SIGNATURE_MISMATCH',
    line: "does not verify with the given JWK's public key: the assertion was signed with another key",
    verdict: `${INVALID_CLIENT} (RFC 7523 §3 item 9)${ALSO_400}`,
  },
  {
    name: 'template text for the code',
    request: () => formRequest(replace('code', 'AUTH_CODE_FROM_CONSENT')),
    step: 'code',
    finding: 'PLACEHOLDER',
    line: 'code "AUTH_CODE_FROM_CONSENT" is a placeholder, not a code the authorization response returned',
    verdict: '400 invalid_grant (RFC 6749 §4.1.3)',
  },
  {
    name: 'no code_verifier',
    request: () => formRequest(without('code_verifier')),
    step: 'code-verifier',
    finding: 'VERIFIER_MISSING',
    line: 'no code_verifier: a code issued with a code_challenge is redeemed with its verifier',
    verdict: '400 invalid_grant (RFC 7636 §4.5); also conforming: 400 invalid_request',
  },
  {
    name: 'a code_verifier too short',
    request: () => formRequest(replace('code_verifier', 'abc')),
    step: 'code-verifier',
    finding: 'VERIFIER_MALFORMED',
    line: 'code_verifier has 3 characters, not 43 to 128 (RFC 7636 §4.1)',
    verdict: '400 invalid_grant (RFC 7636 §4.5); also conforming: 400 invalid_request',
  },
];

describe('doctor --profile rfc7523: each broken thing is the first failing step, with the answer SPEC §5 gives', () => {
  it.each(BROKEN.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const diagnosis = run(c.request(), c.options);
    const first = diagnosis.steps.find((s) => s.mark === 'fail');
    expect(first).toMatchObject({ step: c.step, finding: c.finding });
    expect(first!.line.startsWith(c.line)).toBe(true);
    expect(diagnosis.verdict).toMatchObject({ outcome: 'refused', step: c.step, line: c.verdict });
    // Never the secret, a signature or the private key, in either rendering.
    const signature = new URLSearchParams(c.request().body!).get('client_assertion')?.split('.')[2];
    for (const output of [renderText({ request: c.request(), diagnosis, target: null }), renderJson({ request: c.request(), diagnosis, target: null })]) {
      expect(output).not.toContain(SECRET);
      if (signature) expect(output).not.toContain(signature);
      expect(output).not.toContain(CLIENT_JWK.d!);
    }
  });

  it('judges exp and nbf with the server\'s leeway', () => {
    const expired = formRequest(validPairs(withClaimJws(secretInput(), 'exp', NOW_S - 20)));
    expect(run(expired).verdict).toMatchObject({ step: 'exp' });
    expect(run(expired, { leewaySeconds: 30 }).steps.find((s) => s.step === 'exp')).toMatchObject({ mark: 'pass' });
    const early = formRequest(validPairs(nbfInFuture(secretInput(), 25)));
    expect(run(early, { leewaySeconds: 30 }).steps.find((s) => s.step === 'nbf')).toMatchObject({ mark: 'pass' });
  });

  it('names the first next action for the decisive step', () => {
    expect(run(formRequest(without('code_verifier'))).next[0]).toBe('send the code_verifier whose S256 challenge the authorization request carried');
    expect(run(formRequest(validPairs(audMissing(secretInput())))).next[0]).toBe("set aud to the server's token endpoint URL (or its issuer, if it takes that)");
  });

  it('renders the rfc7523 groups and labels', () => {
    const request = formRequest(validPairs(jtiMissing(secretInput())));
    const text = renderText({ request, diagnosis: run(request), target: null });
    expect(text).toContain('Request: a form body\n');
    expect(text).toContain('client_assertion (RFC 7521 §4.2, RFC 7523 §3)\n');
    expect(text).toMatch(/^ {2}✗ jti {13}no jti: a client assertion carries a fresh unique jti$/m);
    expect(text).toMatch(/^ {2}✓ signature {7}HMAC-SHA256 verifies/m);
    expect(text).toContain('Verdict: 401 invalid_client (OIDC Core §9); also conforming: 400 invalid_client');
  });
});

describe('the refusals of the parameter and verifier steps, read from the catalogue (SPEC §5)', () => {
  it('takes a parameter sent twice and another grant_type from their requirements, and a missing grant_type or code_verifier from the variant that differs', () => {
    expect(assertionRefusalOf('REQ-DUPLICATE-PARAM')).toEqual({ status: 400, error: 'invalid_request' });
    expect(assertionRefusalOf('REQ-GRANT-TYPE')).toEqual({ status: 400, error: 'unsupported_grant_type' });
    expect(GRANT_TYPE_MISSING).toEqual({ status: 400, error: 'invalid_request', alsoConforming: [{ status: 400, error: 'unsupported_grant_type' }] });
    expect(VERIFIER_MISSING).toEqual({ status: 400, error: 'invalid_grant', alsoConforming: [{ status: 400, error: 'invalid_request' }] });
    expect(requirementById('REQ-GRANT-TYPE')?.expect.rfc7523).toMatchObject({ error: 'unsupported_grant_type' });
  });
});
