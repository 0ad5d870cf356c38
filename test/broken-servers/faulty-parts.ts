/**
 * Faulty replacements for the reference server's seams, one bug each, for the gallery in
 * index.ts. Each is the correct part (reference-server/) with one mistake of the kind real
 * token endpoints make.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { compactVerify } from 'jose';
import { decodeCompact } from '../../jwt/index.js';
import {
  clientAddressOf,
  type ClientAddressOf,
  capLifetime,
  checkExpiry,
  clientAuthenticationSteps,
  codeIssuedToClient,
  codeSessionPresented,
  codeUnexpired,
  redemptionRules,
  defaultSeams,
  errorDescriptions,
  isJsonMediaType,
  noStoreHeaders,
  parseJsonObject,
  parseTokenRequest,
  readClaims,
  parseClientSecret,
  writeTokenError,
  writeTokenSuccess,
  type TokenRequest,
  readTokenFields,
  tokenRequestFields,
  runSteps,
  setBy,
  verifySignature,
  findRedeemableCode as findRedeemableCodeStep,
  lookUpClient,
  writeJson,
  type BodyParser,
  type ErrorWriter,
  type RedemptionRule,
  type RegisteredClient,
  type Step,
  type StepEnv,
  type StepOutcome,
  type SuccessWriter,
  type TokenContext,
} from '../../reference-server/index.js';

// ── Assembling step lists ───────────────────────────────────────────────────────────────

const referenceSteps = defaultSeams.steps;

function stepNamed(name: string): Step {
  const step = referenceSteps.find((candidate) => candidate.name === name);
  if (step === undefined) throw new Error(`the reference server has no step named ${name}`);
  return step;
}

/** The reference steps with each replacement swapped in for the step of its name. */
export function replacingSteps(...replacements: readonly Step[]): readonly Step[] {
  return replacements.reduce<readonly Step[]>(
    (steps, replacement) => steps.map((step) => (step === stepNamed(replacement.name) ? replacement : step)),
    referenceSteps,
  );
}

/** The reference steps without the one named. */
export function withoutStep(name: string): readonly Step[] {
  const dropped = stepNamed(name);
  return referenceSteps.filter((step) => step !== dropped);
}

/** The reference steps with the one named `moved` run just before the one named `before`. */
export function movingStepBefore(moved: string, before: string): readonly Step[] {
  const step = stepNamed(moved);
  const rest = referenceSteps.filter((other) => other !== step);
  const at = rest.indexOf(stepNamed(before));
  return [...rest.slice(0, at), step, ...rest.slice(at)];
}

// ── Signatures and algorithms ───────────────────────────────────────────────────────────

const algOf = (ctx: TokenContext): string => String(setBy(ctx.jws, parseClientSecret).header['alg']);

/** An alg check that lets `none` through, in any spelling. */
export const allowAlgNone: Step = {
  name: 'requireHs256',
  run: (ctx) => (algOf(ctx) === 'HS256' || algOf(ctx).toLowerCase() === 'none' ? undefined : 'invalid_client'),
};

/** A signature check that trusts an unsigned JWT. */
export const skipSignatureForAlgNone: Step = {
  name: 'verifySignature',
  run: (ctx, env) => (algOf(ctx).toLowerCase() === 'none' ? undefined : verifySignature.run(ctx, env)),
};

const hmacAlgorithms = ['HS256', 'HS384', 'HS512'];

export const allowAnyHmacAlg: Step = {
  name: 'requireHs256',
  run: (ctx) => (hmacAlgorithms.includes(algOf(ctx)) ? undefined : 'invalid_client'),
};

/** jose, but with every HMAC algorithm allowed: the header picks the one used. */
export const verifyAnyHmacAlg: Step = {
  name: 'verifySignature',
  async run(ctx) {
    const key = new TextEncoder().encode(setBy(ctx.client, lookUpClient).secret);
    try {
      await compactVerify(ctx.request.client_secret, key, { algorithms: hmacAlgorithms });
      return undefined;
    } catch {
      return 'invalid_client';
    }
  },
};

export const allowAlgInAnyCase: Step = {
  name: 'requireHs256',
  run: (ctx) => (algOf(ctx).toUpperCase() === 'HS256' ? undefined : 'invalid_client'),
};

/** How a hand-written check compares the signature it computed with the one sent. */
type SignatureComparison = (expected: Buffer, presented: Buffer) => boolean;

const wholeSignature: SignatureComparison = (expected, presented) =>
  expected.length === presented.length && timingSafeEqual(expected, presented);

/** Only as many bytes as were sent: a truncated (or empty) signature passes. */
const signaturePrefix: SignatureComparison = (expected, presented) =>
  expected.subarray(0, presented.length).equals(presented);

/** A hand-written HMAC-SHA256 check in place of jose, whatever the header's alg says. */
function handWrittenHs256(compare: SignatureComparison): Step {
  return {
    name: 'verifySignature',
    run(ctx) {
      const token = ctx.request.client_secret;
      const signingInput = token.slice(0, token.lastIndexOf('.'));
      const presented = Buffer.from(token.slice(token.lastIndexOf('.') + 1), 'base64url');
      const expected = createHmac('sha256', setBy(ctx.client, lookUpClient).secret).update(signingInput).digest();
      return compare(expected, presented) ? undefined : 'invalid_client';
    },
  };
}

export const verifyHs256ByHand = handWrittenHs256(wholeSignature);
export const verifySignaturePrefix = handWrittenHs256(signaturePrefix);

/**
 * The correct signature check, but a failed one is logged with the client's stored secret,
 * as StorX's handler logs it ("JWT check failed for client … with key …") to debug clients
 * that sign with the wrong key: the answer is right, the log holds the credential.
 */
export const verifySignatureLoggingSecret: Step = {
  name: 'verifySignature',
  async run(ctx, env) {
    const refusal = await verifySignature.run(ctx, env);
    if (refusal !== undefined) {
      const client = setBy(ctx.client, lookUpClient);
      env.log(`WARN jwt check failed for client ${client.id} with key ${client.secret}`);
    }
    return refusal;
  },
};

/** jose, keyed with the hex decoding of the stored secret instead of its UTF-8 text. */
export const verifyWithHexDecodedKey: Step = {
  name: 'verifySignature',
  async run(ctx) {
    const key = Buffer.from(setBy(ctx.client, lookUpClient).secret, 'hex');
    try {
      await compactVerify(ctx.request.client_secret, key, { algorithms: ['HS256'] });
      return undefined;
    } catch {
      return 'invalid_client';
    }
  },
};

/**
 * Fetches the key set a `jku` (or the certificate an `x5u`) names before verifying with the
 * stored secret anyway: a server-side request forgery waiting to happen (RFC 8725 §3.10).
 */
export const fetchHeaderUrlsFirst: Step = {
  name: 'verifySignature',
  async run(ctx, env) {
    const { header } = setBy(ctx.jws, parseClientSecret);
    for (const url of [header['jku'], header['x5u']]) {
      if (typeof url === 'string') await fetch(url).catch(() => undefined);
    }
    return verifySignature.run(ctx, env);
  },
};

/** How loosely `laxParse` reads a compact JWS. */
interface Laxity {
  /** Go's base64.RawURLEncoding without Strict(): bits past the last byte are not checked. */
  readonly trailingBits: 'checked' | 'ignored';
  /** Go's encoding/json: a byte that is not UTF-8 is read as U+FFFD, not refused. */
  readonly invalidUtf8: 'refused' | 'replaced';
}

function laxParse(laxity: Laxity): Step {
  const base64url = (segment: string): Buffer | undefined => {
    if (!/^[A-Za-z0-9_-]*$/.test(segment)) return undefined;
    const bytes = Buffer.from(segment, 'base64url');
    return laxity.trailingBits === 'ignored' || bytes.toString('base64url') === segment ? bytes : undefined;
  };
  const utf8 = new TextDecoder('utf-8', { fatal: laxity.invalidUtf8 === 'refused' });
  const object = (segment: string): Record<string, unknown> | undefined => {
    const bytes = base64url(segment);
    try {
      const value: unknown = bytes === undefined ? undefined : JSON.parse(utf8.decode(bytes));
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    name: 'parseClientSecret',
    run(ctx) {
      const [header = '', payload = '', signature = '', ...rest] = ctx.request.client_secret.split('.');
      const jws = { header: object(header), payload: object(payload) };
      if (rest.length > 0 || base64url(signature) === undefined || jws.header === undefined || jws.payload === undefined) return 'invalid_client';
      ctx.jws = { header: jws.header, payload: jws.payload, compact: ctx.request.client_secret };
      return undefined;
    },
  };
}

/** A JWT spelled another way passes as new: its signature's unused bits are not checked, and used JWTs are kept by their text. */
export const parseIgnoringTrailingBits = laxParse({ trailingBits: 'ignored', invalidUtf8: 'refused' });

/** A header or payload that is not UTF-8 is read with U+FFFD in place of the bad byte. */
export const parseReplacingInvalidUtf8 = laxParse({ trailingBits: 'checked', invalidUtf8: 'replaced' });

/** Keeps a used JWT until its exp, not exp + leeway: inside the leeway it can be used again (a cache TTL of exp − now). */
export const refuseReplayedJwtUntilExp: Step = {
  name: 'refuseReplayedJwt',
  run(ctx, env) {
    const { exp } = setBy(ctx.claims, readClaims);
    const use = env.usedJwts.record(ctx.request.client_secret, exp * 1000);
    if (use === 'replayed') return 'invalid_client';
    return use === 'first' ? undefined : use;
  },
};

/** Takes `client_secret` for the stored secret itself when it matches, a JWT otherwise. */
export const acceptRawStoredSecret: Step = {
  name: 'authenticateClient',
  run(ctx, env) {
    const client = env.clients.get(ctx.request.client_id);
    if (client !== undefined && client.secret === ctx.request.client_secret) {
      ctx.client = client;
      return undefined;
    }
    return runSteps(clientAuthenticationSteps, ctx, env);
  },
};

// ── Claims ──────────────────────────────────────────────────────────────────────────────

const payloadOf = (ctx: TokenContext) => setBy(ctx.jws, parseClientSecret).payload;

/** Falls back to the body's client_id when the JWT names none. */
export const readClientIdFromBody: Step = {
  name: 'readClaims',
  run(ctx) {
    const { client_id: clientId = ctx.request.client_id, exp } = payloadOf(ctx);
    if (typeof clientId !== 'string' || typeof exp !== 'number' || !Number.isFinite(exp)) return 'invalid_client';
    ctx.claims = { clientId, exp };
    return undefined;
  },
};

/** Reads the claims like the reference, except that a missing exp means "never expires". */
export const readMissingExpAsNever: Step = {
  name: 'readClaims',
  run(ctx, env) {
    const { client_id: clientId, exp } = payloadOf(ctx);
    if (exp !== undefined) return readClaims.run(ctx, env);
    if (typeof clientId !== 'string') return 'invalid_client';
    ctx.claims = { clientId, exp: Number.POSITIVE_INFINITY };
    return undefined;
  },
};

/** The lifetime cap, skipped for a JWT that never expires. */
export const capFiniteLifetime: Step = {
  name: 'capLifetime',
  run: (ctx, env) => (setBy(ctx.claims, readClaims).exp === Number.POSITIVE_INFINITY ? undefined : capLifetime.run(ctx, env)),
};

/** Coerces exp with Number(): "9999999999", null, true and {} all become numbers. */
export const readExpWithNumber: Step = {
  name: 'readClaims',
  run(ctx) {
    const { client_id: clientId, exp } = payloadOf(ctx);
    if (typeof clientId !== 'string' || exp === undefined) return 'invalid_client';
    ctx.claims = { clientId, exp: Number(exp) };
    return undefined;
  },
};

/** Expiry with a hard-coded 60 s leeway, whatever the server is configured with. */
export const checkExpiryWith60sLeeway: Step = {
  name: 'checkExpiry',
  run: (ctx, env) => (env.now() / 1000 >= setBy(ctx.claims, readClaims).exp + 60 ? 'client_secret_expired' : undefined),
};

/**
 * Treats a JWT with fewer than 30 s left as expired already: a clock-skew allowance applied
 * the wrong way round. The example cases mint JWTs a minute or more from expiry.
 */
export const checkExpiryRequiring30sLeft: Step = {
  name: 'checkExpiry',
  async run(ctx, env) {
    const outcome: StepOutcome = await checkExpiry.run(ctx, env);
    return outcome ?? (setBy(ctx.claims, readClaims).exp - env.now() / 1000 < 30 ? 'client_secret_expired' : undefined);
  },
};

/** The reference expiry check, answering invalid_client instead of client_secret_expired. */
export const checkExpiryAsInvalidClient: Step = {
  name: 'checkExpiry',
  async run(ctx, env) {
    const outcome: StepOutcome = await checkExpiry.run(ctx, env);
    return outcome === 'client_secret_expired' ? 'invalid_client' : outcome;
  },
};

export const matchClientIdIgnoringCase: Step = {
  name: 'matchClientId',
  run: (ctx) =>
    setBy(ctx.claims, readClaims).clientId.toLowerCase() === ctx.request.client_id.toLowerCase() ? undefined : 'invalid_client',
};

/** Dereferences the client lookup without checking it, like `db.get(id).secret`: a TypeError. */
export const lookUpClientUnchecked: Step = {
  name: 'lookUpClient',
  run(ctx, env) {
    const { id, secret, redirectUri } = env.clients.get(setBy(ctx.claims, readClaims).clientId) as RegisteredClient;
    ctx.client = { id, secret, redirectUri };
  },
};

/**
 * Refuses a JWT whose header holds anything besides alg and typ, as a strict header schema
 * would: a `kid` (SPEC §1 edge cases: ignored) gets invalid_client.
 */
export const refuseHeaderExtras: Step = {
  name: 'parseClientSecret',
  run(ctx, env) {
    const decoded = decodeCompact(ctx.request.client_secret);
    if (decoded.ok && Object.keys(decoded.header).some((name) => name !== 'alg' && name !== 'typ')) return 'invalid_client';
    return parseClientSecret.run(ctx, env);
  },
};

/** Reads the signature's first byte without checking there is one: an empty signature part crashes (500). */
export const parseCrashingOnEmptySignature: Step = {
  name: 'parseClientSecret',
  run(ctx, env) {
    const signature = Buffer.from(ctx.request.client_secret.split('.')[2] ?? '', 'base64url');
    if (signature.at(0) === undefined) throw new TypeError("Cannot read properties of undefined (reading '0')");
    return parseClientSecret.run(ctx, env);
  },
};

// ── Codes and redirect URIs ─────────────────────────────────────────────────────────────

/**
 * Trims trailing whitespace off the code before looking it up, as an input sanitiser would:
 * `code + "\n"` redeems. The example cases change the code only inside it, or its case.
 */
export const findTrimmedCode = findCodeMeeting(redemptionRules, (code) => code.trimEnd());

/** The reference code lookup, checking only some of the redemption rules, or looking up a normalised code. */
function findCodeMeeting(rules: readonly RedemptionRule[], lookUp: (code: string) => string = (code) => code): Step {
  return {
    name: 'findRedeemableCode',
    run(ctx, env) {
      const grant = env.codes.find(lookUp(ctx.request.code));
      const nowMs = env.now();
      if (grant === undefined || !rules.every((rule) => rule(grant, ctx, nowMs))) return 'invalid_code';
      ctx.grant = grant;
      return undefined;
    },
  };
}

export const findCodeOfAnyClient = findCodeMeeting([codeUnexpired, codeSessionPresented]);

/** Treats a code it cannot find as a malformed request: invalid_request, not invalid_code. */
export const findCodeMissAsInvalidRequest: Step = {
  name: 'findRedeemableCode',
  run: (ctx, env) => (env.codes.find(ctx.request.code) === undefined ? 'invalid_request' : findRedeemableCodeStep.run(ctx, env)),
};
export const findCodeIgnoringExpiry = findCodeMeeting([codeIssuedToClient, codeSessionPresented]);

/** Per server: the one code each client redeemed last (the only redemption remembered). */
const lastRedeemed = new WeakMap<object, Map<string, string>>();

function lastRedeemedBy(env: StepEnv): Map<string, string> {
  const remembered = lastRedeemed.get(env.codes) ?? new Map<string, string>();
  lastRedeemed.set(env.codes, remembered);
  return remembered;
}

/**
 * Remembers only the last code each client redeemed, in a one-entry "cache": a code redeemed
 * twice in a row is refused, but after another code of the same client it redeems again.
 * The example cases (one code, reused or raced) never see it; a sequence of redemptions does.
 */
export const rememberOnlyLastRedeemedCode: readonly Step[] = [
  {
    name: 'findRedeemableCode',
    run(ctx, env) {
      const refused = findRedeemableCodeStep.run(ctx, env);
      if (refused) return refused;
      return lastRedeemedBy(env).get(ctx.request.client_id) === ctx.request.code ? 'invalid_code' : undefined;
    },
  },
  {
    name: 'consumeCode',
    run(ctx, env) {
      lastRedeemedBy(env).set(ctx.request.client_id, setBy(ctx.grant, findRedeemableCodeStep).code);
      return undefined;
    },
  },
];

/** Awaits a 50 ms "database round trip" before consuming, and ignores whether it removed anything. */
export const consumeCodeAfterRoundTrip: Step = {
  name: 'consumeCode',
  async run(ctx, env) {
    const { code } = setBy(ctx.grant, findRedeemableCodeStep);
    await delay(50);
    env.codes.consume(code);
    return undefined;
  },
};

function redirectUriComparedBy(matches: (issuedFor: string, presented: string) => boolean): Step {
  return {
    name: 'matchRedirectUri',
    run: (ctx) =>
      matches(setBy(ctx.grant, findRedeemableCodeStep).redirectUri, ctx.request.redirect_uri) ? undefined : 'invalid_redirect_uri',
  };
}

export const matchRedirectUriPrefix = redirectUriComparedBy((issuedFor, presented) => presented.startsWith(issuedFor));

const looseUri = (uri: string): string => uri.toLowerCase().replace(/\/+$/, '');
export const matchRedirectUriLoosely = redirectUriComparedBy((issuedFor, presented) => looseUri(issuedFor) === looseUri(presented));

// ── The request body ────────────────────────────────────────────────────────────────────

export const parseAnyContentType: BodyParser = ({ bytes }) => {
  const body = parseJsonObject(bytes);
  return body === undefined ? 'invalid_request' : readTokenFields(body);
};

/** JSON.parse without a try: a syntax error escapes to the server's catch-all. */
export const parseJsonUnguarded: BodyParser = ({ contentType, bytes }) => {
  if (!isJsonMediaType(contentType)) return 'invalid_request';
  const body: unknown = JSON.parse(bytes.toString('utf8'));
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
  return isObject ? readTokenFields(body as Record<string, unknown>) : 'invalid_request';
};

/**
 * Validates booleans with a `.length` read that throws: a crash (500) for a field sent as
 * `true`, a type the example cases never send (they send numbers, null, arrays, objects).
 */
export const parseCrashingOnBooleans = parseJsonThen((body) => {
  for (const value of Object.values(body)) if (typeof value === 'boolean') throw new TypeError('Cannot read properties of a boolean');
  return body;
});

/** Takes Content-Type for application/json only when it is exactly that string. */
export const parseExactContentTypeOnly: BodyParser = ({ contentType, bytes }) => {
  const body = contentType === 'application/json' ? parseJsonObject(bytes) : undefined;
  return body === undefined ? 'invalid_request' : readTokenFields(body);
};

/** Reads the body with wrong field handling applied to the JSON object first. */
function parseJsonThen(adjust: (body: Record<string, unknown>) => Record<string, unknown>): BodyParser {
  return ({ contentType, bytes }) => {
    const body = isJsonMediaType(contentType) ? parseJsonObject(bytes) : undefined;
    return body === undefined ? 'invalid_request' : readTokenFields(adjust(body));
  };
}

/** Refuses any member besides the five fields, as a schema with `additionalProperties: false` would. */
export const parseRefusingExtraFields: BodyParser = ({ contentType, bytes }) => {
  const body = isJsonMediaType(contentType) ? parseJsonObject(bytes) : undefined;
  const known: readonly string[] = tokenRequestFields;
  if (body === undefined || Object.keys(body).some((name) => !known.includes(name))) return 'invalid_request';
  return readTokenFields(body);
};

/** Takes an empty passphrase for a missing one, as a truthiness check (`if (!body.passphrase)`) does: invalid_request. */
export const parseRefusingEmptyPassphrase: BodyParser = (body) => {
  const request = parseTokenRequest(body);
  return request !== 'invalid_request' && request.passphrase === '' ? 'invalid_request' : request;
};

export const parseDefaultingPassphrase = parseJsonThen((body) => ({ passphrase: '', ...body }));

export const parseCoercingToString = parseJsonThen((body) =>
  Object.fromEntries(Object.entries(body).map(([name, value]) => [name, String(value)])),
);

// ── Answers ─────────────────────────────────────────────────────────────────────────────

const LONGEST_FIELD = 1000;
const hasLongField = (request: TokenRequest) => Object.values(request).some((value) => typeof value === 'string' && value.length > LONGEST_FIELD);

/** Refuses any request with a field over 1,000 characters, before looking at the JWT. */
export const refuseLongFields: Step = {
  name: 'parseClientSecret',
  run: (ctx, env) => (hasLongField(ctx.request) ? 'invalid_request' : parseClientSecret.run(ctx, env)),
};

/** ... and answers it 413 with an error code SPEC §1 does not have. */
export const writeLongFieldsAsTooLarge: ErrorWriter = (res, answer, request) =>
  request !== undefined && hasLongField(request)
    ? writeJson(res, 413, { error: 'request_too_large' }, noStoreHeaders)
    : writeTokenError(res, answer, request);

const hasFractionalExp = (request?: TokenRequest) => {
  const decoded = request ? decodeCompact(request.client_secret) : undefined;
  return decoded?.ok === true && typeof decoded.payload.exp === 'number' && !Number.isInteger(decoded.payload.exp);
};

/** Refuses an exp with a fraction (SPEC §1 leaves that open)... */
export const refuseFractionalExp: Step = {
  name: 'readClaims',
  run: (ctx, env) => (hasFractionalExp(ctx.request) ? 'invalid_client' : readClaims.run(ctx, env)),
};

/** ... quoting the whole JWT in error_description. */
export const writeFractionalExpQuotingJwt: ErrorWriter = (res, answer, request) =>
  hasFractionalExp(request)
    ? writeJson(res, answer.status, { error: answer.error, error_description: `exp must be an integer in ${request?.client_secret ?? ''}` }, noStoreHeaders)
    : writeTokenError(res, answer, request);

export const writeErrorEchoingSecret: ErrorWriter = (res, { status, error }, request) =>
  writeJson(
    res,
    status,
    { error, error_description: `${errorDescriptions[error]} client_secret: ${request?.client_secret ?? ''}` },
    noStoreHeaders,
  );

export const writeErrorAsText: ErrorWriter = (res, { status, error }) => {
  res.writeHead(status, { ...noStoreHeaders, 'Content-Type': 'text/plain' });
  res.end(error);
};

/** Hands every method to the token handler, which finds no JSON body: 400 invalid_request, not 405. */
export const answerOtherMethodAsBadRequest = (res: Parameters<typeof writeTokenError>[0]) => writeTokenError(res, { status: 400, error: 'invalid_request' });

/** Grants `read write` whatever scopes the code was issued for, as a handler with its scopes hard-coded would. */
/**
 * Answers every origin with credentialed CORS access, as a CORS middleware set to
 * `origin: true, credentials: true` does: it echoes the request's Origin.
 */
export const writeSuccessReflectingOrigin: SuccessWriter = (res, success) => {
  const origin = res.req.headers.origin;
  if (origin !== undefined) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
  }
  writeTokenSuccess(res, success);
};

/** A fixed CORS allow-list with credentials: correct, the harness's random origin is never on it. */
export const writeSuccessAllowingOneOrigin: SuccessWriter = (res, success) => {
  res.setHeader('Access-Control-Allow-Origin', 'https://app.example');
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  writeTokenSuccess(res, success);
};

/** `*` with credentials: browsers refuse the pair, so it is a misconfiguration that opens nothing. */
export const writeSuccessWildcardWithCredentials: SuccessWriter = (res, success) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  writeTokenSuccess(res, success);
};

export const writeSuccessWithFixedScopes: SuccessWriter = (res, success) => writeTokenSuccess(res, { ...success, scopes: ['read', 'write'] });

export const writeSuccessCacheable: SuccessWriter = (res, success) => writeJson(res, 200, success);

/**
 * StorX's limiter: the client address read from any peer's X-Forwarded-For, X-Real-IP and the
 * like, as if every peer were a trusted proxy, so a fresh value on each request is a fresh limit.
 */
export const clientAddressTrustingAnyone: ClientAddressOf = (req) => clientAddressOf(req, () => true);
