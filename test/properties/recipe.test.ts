import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCompact, verifyHs256 } from '../../jwt/index.js';
import { identifierVariants, redirectUriVariants } from '../../catalogue/near-variants.js';
import { BODY_SIZE_JUDGED, describeRecipe, expWindowVerdict, prepare, type Basis, type Change, type RequestRecipe } from '../../catalogue/properties/recipe.js';
import { requestRecipeArb } from '../../catalogue/properties/arbitraries/index.js';

const NOW = 1_800_000_000;
const basis: Basis = {
  clientId: 'e45fa79a-05f5-4f00-bbfe-bd0a14aead0a',
  secret: '2b4719e00623ad66c4cde8681efc59e9d40bf96cdb43d4b9cf859e27d5252102',
  redirectUri: 'https://myapp.com/callback',
  code: '84feaa9c-6782-417b-b77c-f9642b5562ff',
  codeHeaders: { cookie: 'session=abc' },
  passphrase: 'a-random-passphrase',
  exp: NOW + 120,
  now: NOW,
  leewaySeconds: 0,
  maxLifetimeSeconds: 300,
  otherSecret: 'another-key-entirely',
  callbackUrl: 'http://127.0.0.1:4000',
  callbackToken: 'tok',
};

const verdictOf = (...recipe: Change[]) => prepare(recipe, basis).verdict;
const secretOf = (recipe: RequestRecipe) => prepare(recipe, basis).request.body!.client_secret as string;

describe('a request recipe', () => {
  it('with no change is the fully valid request, which must be accepted', () => {
    const { request, verdict } = prepare([], basis);
    expect(verdict).toBe('accept');
    expect(request.headers).toEqual(basis.codeHeaders);
    expect(request.body).toMatchObject({ client_id: basis.clientId, redirect_uri: basis.redirectUri, code: basis.code, passphrase: basis.passphrase });
    const jwt = request.body!.client_secret as string;
    expect(verifyHs256(jwt, basis.secret)).toBe(true);
    expect(decodeCompact(jwt)).toMatchObject({ ok: true, header: { alg: 'HS256', typ: 'JWT' }, payload: { client_id: basis.clientId, exp: basis.exp } });
    expect(describeRecipe([])).toBe('the valid request, unchanged');
  });

  it.each([
    ['alg with a trailing space', { part: 'header', name: 'alg', value: 'HS256 ' }],
    ['alg none', { part: 'header', name: 'alg', value: 'none' }],
    ['alg removed', { part: 'header', name: 'alg', value: undefined }],
    ['a crit header', { part: 'header', name: 'crit', value: ['exp'] }],
    ['client_id claim removed', { part: 'claim', name: 'client_id', value: undefined }],
    ['the JWT client_id upper-cased', { part: 'claim client_id', variant: 'upper case' }],
    ['exp as numeric text', { part: 'claim', name: 'exp', value: String(NOW + 60) }],
    ['exp zero', { part: 'claim', name: 'exp', value: 0 }],
    ['exp just past the boundary', { part: 'exp offset', seconds: -2 }],
    ['a signature by another key', { part: 'signature', change: { kind: 'other key' } }],
    ['a key embedded as jwk', { part: 'signature', change: { kind: 'embedded jwk' } }],
    ['a truncated signature', { part: 'signature', change: { kind: 'truncated', bytes: 1 } }],
    ['a flipped bit', { part: 'signature', change: { kind: 'bit flipped', bit: 255 } }],
    ['an empty signature', { part: 'signature', change: { kind: 'empty' } }],
    ['code missing', { part: 'field', name: 'code', value: undefined }],
    ['passphrase a boolean', { part: 'field', name: 'passphrase', value: true }],
    ['client_secret replaced by text', { part: 'field', name: 'client_secret', value: basis.secret }],
    ['the code with a trailing space', { part: 'field near', name: 'code', variant: 'a trailing space' }],
    ['redirect_uri with a fragment', { part: 'redirect_uri near', variant: 'a fragment' }],
    ['a text/plain body', { part: 'content type', value: 'text/plain' }],
    ['no Content-Type', { part: 'content type', value: undefined }],
    ['a form-encoded body', { part: 'form encoded' }],
  ] satisfies [string, Change][])('with %s must be refused', (_, change) => {
    expect(verdictOf(change)).toBe('reject');
  });

  it.each([
    ['a kid', { part: 'header', name: 'kid', value: 'key-1' }],
    ['no typ', { part: 'header', name: 'typ', value: undefined }],
    ['a jku naming the listener', { part: 'header url', name: 'jku' }],
    ['an unregistered extra claim', { part: 'claim', name: 'scope', value: ['read'] }],
    ['an extra body field', { part: 'field', name: 'state', value: { nested: true } }],
    ['an empty passphrase (SPEC §1: "passphrase may be empty")', { part: 'field', name: 'passphrase', value: '' }],
    ['any passphrase text', { part: 'field', name: 'passphrase', value: 'ä passphrase\n' }],
    ['exp 2 s ahead', { part: 'exp offset', seconds: 2 }],
    ['exp 2 s inside the maximum lifetime', { part: 'exp offset', seconds: 298 }],
    ['the code lower-cased (unchanged)', { part: 'field near', name: 'code', variant: 'lower case' }],
  ] satisfies [string, Change][])('with %s must be accepted', (_, change) => {
    expect(verdictOf(change)).toBe('accept');
  });

  it.each([
    ['another typ', { part: 'header', name: 'typ', value: 'at+jwt' }],
    ['b64 (RFC 7797) without crit', { part: 'header', name: 'b64', value: false }],
    ['a future nbf', { part: 'claim', name: 'nbf', value: NOW + 100 }],
    ['exp with a fraction', { part: 'exp offset', seconds: 60.5 }],
    ['exp within 2 s of the boundary', { part: 'exp offset', seconds: 1 }],
    ['exp past the maximum lifetime (a SHOULD)', { part: 'exp offset', seconds: 3600 }],
    ['Content-Type with a charset', { part: 'content type', value: 'application/json; charset=utf-8' }],
    ['a duplicate key', { part: 'duplicate key', name: 'code', value: basis.code }],
    ['a body over the judged size', { part: 'field', name: 'note', value: 'x'.repeat(BODY_SIZE_JUDGED) }],
  ] satisfies [string, Change][])('with %s may get either answer', (_, change) => {
    expect(verdictOf(change)).toBe('either');
  });

  it('lets a refusal win over a change whose answer is left open', () => {
    expect(verdictOf({ part: 'content type', value: 'Application/Json' }, { part: 'signature', change: { kind: 'absent' } })).toBe('reject');
  });

  it('signs every header and claim change with the stored secret, so only the change itself is judged', () => {
    const jwt = secretOf([{ part: 'header', name: 'kid', value: 7 }, { part: 'claim', name: 'scope', value: 'x' }]);
    expect(verifyHs256(jwt, basis.secret)).toBe(true);
    for (const change of [{ kind: 'other key' }, { kind: 'truncated', bytes: 3 }, { kind: 'bit flipped', bit: 0 }, { kind: 'other alg', alg: 'HS512' }] as const) {
      expect(verifyHs256(secretOf([{ part: 'signature', change }]), basis.secret), change.kind).toBe(false);
    }
  });

  it('names jku and x5u under the harness listener, with the request\'s own token', () => {
    const jwt = secretOf([{ part: 'header url', name: 'x5u' }]);
    expect(decodeCompact(jwt)).toMatchObject({ ok: true, header: { x5u: 'http://127.0.0.1:4000/x5u/tok' } });
  });

  it('sends duplicate keys as raw JSON that still carries its fields, so their secrets are redacted', () => {
    const { request } = prepare([{ part: 'duplicate key', name: 'client_id', value: 'other' }], basis);
    expect(request.body).toBeUndefined();
    expect(request.raw!.contentType).toBe('application/json');
    expect(request.raw!.text).toMatch(/^\{"client_id":"e45f[^}]*,"client_id":"other"\}$/);
    expect(request.raw!.carries).toMatchObject({ passphrase: basis.passphrase });
  });

  it('form-encodes the fields, JSON-encoding those that are no strings', () => {
    const { request } = prepare([{ part: 'form encoded' }, { part: 'field', name: 'passphrase', value: 5 }], basis);
    const form = new URLSearchParams(request.raw!.text);
    expect(form.get('client_id')).toBe(basis.clientId);
    expect(form.get('passphrase')).toBe('5');
  });
});

describe('the exp window (SPEC §1 step 5, 2 s clear of each boundary)', () => {
  it('refuses from leeway + 2 s past, accepts from 2 s after the leeway to 2 s inside the maximum lifetime', () => {
    const limits = { leewaySeconds: 30, maxLifetimeSeconds: 300 };
    expect(expWindowVerdict(-32, limits)).toBe('reject');
    expect(expWindowVerdict(-31, limits)).toBe('either');
    expect(expWindowVerdict(-28, limits)).toBe('accept');
    expect(expWindowVerdict(298, limits)).toBe('accept');
    expect(expWindowVerdict(299, limits)).toBe('either');
  });
});

describe('the near variants', () => {
  it('each change a UUID client_id and a redirect URI', () => {
    for (const [name, change] of Object.entries(identifierVariants)) {
      if (name !== 'lower case') expect(change(basis.clientId), name).not.toBe(basis.clientId);
    }
    for (const [name, change] of Object.entries(redirectUriVariants)) {
      if (name !== 'the trailing slash removed') expect(change(basis.redirectUri), name).not.toBe(basis.redirectUri);
    }
  });
});

describe('the request arbitrary', () => {
  it('draws the valid request unchanged at least one time in ten, and never more than three changes', () => {
    const recipes = fc.sample(requestRecipeArb(basis), { seed: 1, numRuns: 2000 });
    expect(recipes.filter((recipe) => recipe.length === 0).length).toBeGreaterThan(200);
    expect(Math.max(...recipes.map((recipe) => recipe.length))).toBeLessThanOrEqual(3);
  });

  it('draws the valid request with an empty passphrase, which the oracle accepts (REQ-PASSPHRASE-EMPTY)', () => {
    const emptied = fc
      .sample(requestRecipeArb(basis), { seed: 1, numRuns: 2000 })
      .filter((recipe) => recipe.length === 1 && recipe[0]!.part === 'field' && recipe[0]!.name === 'passphrase' && recipe[0]!.value === '');
    expect(emptied.length).toBeGreaterThan(5);
    for (const recipe of emptied) expect(prepare(recipe, basis).verdict).toBe('accept');
  });

  it('always builds a request and a one-line description', () => {
    fc.assert(
      fc.property(requestRecipeArb(basis), (recipe) => {
        const { request, verdict } = prepare(recipe, basis);
        expect(['accept', 'reject', 'either']).toContain(verdict);
        expect(request.body !== undefined || request.raw !== undefined).toBe(true);
        expect(describeRecipe(recipe)).not.toContain('\n');
      }),
    );
  });
});
