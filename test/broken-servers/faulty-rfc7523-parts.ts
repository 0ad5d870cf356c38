/**
 * Faulty replacements for the seams of the rfc7523 reference server (reference-server/rfc7523/,
 * SPEC §5), one bug each, for the gallery in index.ts. Each is the correct step with one mistake
 * of the kind real token endpoints make; the storx ones are in faulty-parts.ts.
 */
import { KeyObject } from 'node:crypto';
import { compactVerify, importJWK, jwtVerify, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { rfc7523, setBy } from '../../reference-server/index.js';

type Step = rfc7523.Rfc7523Step;

const utf8 = new TextEncoder();

/** The key the reference verifies a client's assertions with: its secret's UTF-8 bytes, or its registered public key. */
function registeredKey(client: rfc7523.Rfc7523Client): Uint8Array | CryptoKey {
  return client.method === 'client_secret_jwt' ? utf8.encode(client.secret) : client.publicKey;
}

// ── Assembling step lists ───────────────────────────────────────────────────────────────

const referenceSteps = rfc7523.defaultRfc7523Seams.steps;

function stepNamed(name: string): Step {
  const step = referenceSteps.find((candidate) => candidate.name === name);
  if (step === undefined) throw new Error(`the rfc7523 reference server has no step named ${name}`);
  return step;
}

/** The rfc7523 reference server's validation order, with one or more steps changed. */
export const rfc7523Steps = {
  /** The reference steps with each replacement swapped in for the step of its name. */
  replacing(...replacements: readonly Step[]): readonly Step[] {
    return replacements.reduce<readonly Step[]>(
      (steps, replacement) => steps.map((step) => (step === stepNamed(replacement.name) ? replacement : step)),
      referenceSteps,
    );
  },
  /** The reference steps without the ones named. */
  without(...names: readonly string[]): readonly Step[] {
    const dropped = names.map(stepNamed);
    return referenceSteps.filter((step) => !dropped.includes(step));
  },
};

// ── The signature ────────────────────────────────────────────────────────────────────────

/**
 * `verifyAssertion` that lets the token's `alg` choose: `none`, in any spelling, is taken as
 * "nothing to verify" and the claims are read unchecked, as libraries did before RFC 8725 §2.1
 * ("alg": "none" accepted). Any other alg is verified as the reference does.
 */
export const verifyAssertionAcceptingAlgNone: Step = {
  name: 'verifyAssertion',
  run(ctx, env) {
    const jws = setBy(ctx.jws, rfc7523.decodeAssertion);
    if (String(jws.header['alg']).toLowerCase() !== 'none') return rfc7523.verifyAssertion.run(ctx, env);
    ctx.claims = jws.payload as JWTPayload;
    return undefined;
  },
};

/**
 * `verifyAssertion` that checks the signature and `exp` by hand (jose's `compactVerify`, then
 * RFC 7523 §3 item 4: refused once now ≥ exp + leeway) and never reads `nbf`, so an assertion
 * that is not yet valid passes (RFC 7523 §3 item 5: it "MUST NOT be accepted for processing").
 */
export const verifyAssertionIgnoringNbf: Step = {
  name: 'verifyAssertion',
  async run(ctx, env) {
    const client = setBy(ctx.client, rfc7523.lookUpClient);
    try {
      const { payload } = await compactVerify(setBy(ctx.jws, rfc7523.decodeAssertion).compact, registeredKey(client), { algorithms: [client.signingAlg] });
      const claims = JSON.parse(new TextDecoder().decode(payload)) as JWTPayload;
      if (typeof claims.exp !== 'number' || env.now() >= (claims.exp + env.leewaySeconds) * 1000) return 'invalid_client';
      ctx.claims = claims;
      return undefined;
    } catch {
      return 'invalid_client';
    }
  },
};

/**
 * `verifyAssertion` that lets an HS256 header choose HMAC for a `private_key_jwt` client, keyed
 * with the text of its registered public key as SPKI PEM: the alg confusion of RFC 8725 §2.1
 * (node-jsonwebtoken before 4.2.2, CVE-2015-9235). Any other assertion is verified as the reference does.
 */
export const verifyAssertionWithPublicKeyAsHmacSecret: Step = {
  name: 'verifyAssertion',
  async run(ctx, env) {
    const client = setBy(ctx.client, rfc7523.lookUpClient);
    const jws = setBy(ctx.jws, rfc7523.decodeAssertion);
    if (client.method !== 'private_key_jwt' || jws.header['alg'] !== 'HS256') return rfc7523.verifyAssertion.run(ctx, env);
    const pem = KeyObject.from(client.publicKey).export({ type: 'spki', format: 'pem' }).toString();
    try {
      const { payload } = await jwtVerify(jws.compact, utf8.encode(pem), { algorithms: ['HS256'], clockTolerance: env.leewaySeconds, currentDate: new Date(env.now()) });
      ctx.claims = payload;
      return undefined;
    } catch {
      return 'invalid_client';
    }
  },
};

/**
 * `verifyAssertion` that verifies an assertion bringing a `jwk` header with that key, as if the
 * key said who signed (CVE-2018-0114): RFC 7515 §4.1.3 makes it only the key the JWS was signed
 * with, and RFC 8725 §3.10 asks not to trust what a token says of itself. Any other assertion is
 * verified as the reference does.
 */
export const verifyAssertionWithEmbeddedJwk: Step = {
  name: 'verifyAssertion',
  async run(ctx, env) {
    const { header, compact } = setBy(ctx.jws, rfc7523.decodeAssertion);
    const jwk = header['jwk'];
    if (typeof jwk !== 'object' || jwk === null) return rfc7523.verifyAssertion.run(ctx, env);
    try {
      const { payload } = await jwtVerify(compact, await importJWK(jwk as JWK, String(header['alg'])), {
        clockTolerance: env.leewaySeconds,
        currentDate: new Date(env.now()),
      });
      ctx.claims = payload;
      return undefined;
    } catch {
      return 'invalid_client';
    }
  },
};

// ── Who the client is ────────────────────────────────────────────────────────────────────

/**
 * `requireIssuerIsSubject` that asks for an `iss` alone, and never looks at `sub`: RFC 7523 §3
 * item 2.B makes the subject the client_id, and `iss` must equal it (OpenID Connect Core §9).
 */
export const requireIssuerOnly: Step = {
  name: 'requireIssuerIsSubject',
  run(ctx) {
    const { iss } = setBy(ctx.jws, rfc7523.decodeAssertion).payload;
    return typeof iss === 'string' && iss !== '' ? undefined : 'invalid_client';
  },
};

/** `lookUpClient` by the assertion's `iss` instead of its `sub` (RFC 7521 §4.2, RFC 7523 §3 item 2.B: the subject names the client). */
export const lookUpClientByIssuer: Step = {
  name: 'lookUpClient',
  run(ctx, env) {
    const client = env.clients.get(String(setBy(ctx.jws, rfc7523.decodeAssertion).payload['iss']));
    if (client === undefined) return 'invalid_client';
    ctx.client = client;
    return undefined;
  },
};

// ── The jti ──────────────────────────────────────────────────────────────────────────────

/**
 * `requireJti` that takes `jti` as optional, as RFC 7523 §3 item 7 has it (OpenID Connect Core
 * §9 makes it REQUIRED): an assertion without one is remembered by its signature instead.
 */
export const requireJtiOrSignature: Step = {
  name: 'requireJti',
  run(ctx, env) {
    const { jti } = setBy(ctx.claims, rfc7523.verifyAssertion);
    if (jti === undefined) {
      ctx.jti = `signature ${setBy(ctx.jws, rfc7523.decodeAssertion).compact.split('.')[2]}`;
      return undefined;
    }
    return rfc7523.requireJti.run(ctx, env);
  },
};

/**
 * `refuseReplayedJti` that remembers an assertion by its signature instead of its jti: the
 * same assertion is refused again, but a new one carrying a used jti is not (RFC 7523 §3 item 7:
 * "maintaining the set of used "jti" values").
 */
export const refuseReplayedSignature: Step = {
  name: 'refuseReplayedJti',
  run(ctx, env) {
    const signature = setBy(ctx.jws, rfc7523.decodeAssertion).compact.split('.')[2];
    const use = env.usedJtis.record(`signature ${signature}`, (setBy(ctx.exp, rfc7523.requireExpiry) + env.leewaySeconds) * 1000);
    if (use === 'replayed') return 'invalid_client';
    return use === 'first' ? undefined : use;
  },
};
