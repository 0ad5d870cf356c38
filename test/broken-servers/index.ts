/**
 * The gallery of deliberately broken token endpoints: the reference server of either profile
 * with one bug each, built through its `faults` option. The harness must fail each on the
 * requirement named in `catches` (SPEC §2, §5); gallery.test.ts shows each bug is really there.
 */
import { catalogue } from '../../catalogue/index.js';
import { refusalCodesOf } from '../../vocabulary/expectation.js';
import { codeRedemptionSteps, clientAuthenticationSteps, defaultStatuses, type ReferenceServerOptions, type Rfc7523ServerOptions } from '../../reference-server/index.js';
import {
  acceptRawStoredSecret,
  clientAddressTrustingAnyone,
  answerOtherMethodAsBadRequest,
  findCodeMissAsInvalidRequest,
  parseCrashingOnEmptySignature,
  parseRefusingExtraFields,
  refuseHeaderExtras,
  allowAlgInAnyCase,
  allowAlgNone,
  allowAnyHmacAlg,
  capFiniteLifetime,
  checkExpiryAsInvalidClient,
  checkExpiryWith60sLeeway,
  consumeCodeAfterRoundTrip,
  checkExpiryRequiring30sLeft,
  findTrimmedCode,
  parseCrashingOnBooleans,
  refuseFractionalExp,
  refuseLongFields,
  writeFractionalExpQuotingJwt,
  writeLongFieldsAsTooLarge,
  rememberOnlyLastRedeemedCode,
  fetchHeaderUrlsFirst,
  findCodeIgnoringExpiry,
  findCodeOfAnyClient,
  lookUpClientUnchecked,
  matchClientIdIgnoringCase,
  matchRedirectUriLoosely,
  matchRedirectUriPrefix,
  movingStepBefore,
  parseAnyContentType,
  parseExactContentTypeOnly,
  parseIgnoringTrailingBits,
  parseReplacingInvalidUtf8,
  refuseReplayedJwtUntilExp,
  parseCoercingToString,
  parseDefaultingPassphrase,
  parseRefusingEmptyPassphrase,
  parseJsonUnguarded,
  readClientIdFromBody,
  readExpWithNumber,
  readMissingExpAsNever,
  replacingSteps,
  skipSignatureForAlgNone,
  verifyAnyHmacAlg,
  verifyHs256ByHand,
  verifySignaturePrefix,
  verifyWithHexDecodedKey,
  withoutStep,
  writeErrorAsText,
  writeErrorEchoingSecret,
  writeSuccessCacheable,
  writeSuccessAllowingOneOrigin,
  writeSuccessReflectingOrigin,
  writeSuccessWildcardWithCredentials,
  writeSuccessWithFixedScopes,
  verifySignatureLoggingSecret,
} from './faulty-parts.js';
import {
  lookUpClientByIssuer,
  requireIssuerOnly,
  refuseReplayedSignature,
  requireJtiOrSignature,
  rfc7523Steps,
  verifyAssertionAcceptingAlgNone,
  verifyAssertionIgnoringNbf,
  verifyAssertionWithEmbeddedJwk,
  verifyAssertionWithPublicKeyAsHmacSecret,
} from './faulty-rfc7523-parts.js';
import { checkCodeVerifierWhenSent, defaultGrantTypeToAuthorizationCode, parseFormTakingFirstValues } from './faulty-rfc7523-grant-parts.js';

/**
 * What a gallery server is: the reference server of profile storx (SPEC §1) or, with
 * `profile: 'rfc7523'`, of profile rfc7523 (SPEC §5), whose `faults` replace its own seams. A
 * run against an rfc7523 one is made with `--profile rfc7523` (test/support/gallery-server.ts).
 */
export type GalleryServerOptions = ReferenceServerOptions | Rfc7523ServerOptions;

export interface BrokenServer<Options extends GalleryServerOptions = GalleryServerOptions> {
  /** Short and unique, kebab-case. */
  name: string;
  /** The bug, in one sentence. */
  bug: string;
  /** The SPEC §2 (or, for an rfc7523 server, §5) requirement ID that must fail against this server. */
  catches: string;
  /** Other IDs this bug legitimately also fails. */
  alsoFails?: string[];
  /** Its bug is worth a warning only, though `catches` is a MUST (RESP-CORS-CREDENTIALS: `*` with credentials, SPEC §2). */
  warnsOnly?: true;
  /** Arguments the run needs to reach the bug (a leeway the server has, say). */
  runArgs?: string[];
  /** Every example-based case lets it through: only the property stage can catch it (issue 3's proof). */
  blindSpotOfExamples?: true;
  /**
   * Its one finding is `catches`, a SHOULD: on every stage and many seeds (whole-run.test.ts,
   * whole-run.soak.test.ts) it must warn that and pass every MUST, the property stage included.
   */
  wholeRun?: true;
  /**
   * Its bug is in its own log (LOG-NO-SECRET, SPEC §7): the gallery serves it with a log file,
   * and the run reads that file with `--target-log`.
   */
  logsTo?: 'file';
  options: Options;
  /**
   * The server without the bug, which its demonstration compares with, when that is not
   * `options` without `faults`: a missing rate limit is fixed by having one.
   */
  fixedBy?: Options;
}

/**
 * The rate limit of the abuse stage's gallery servers: a burst of 10 per address, then one
 * every 30 s, so the preflight and the positive control (3 requests) leave it 7 to spend.
 */
export const GALLERY_RATE_LIMIT = { burst: 10, refillPerSecond: 10 / 300 } as const;

/** Every requirement whose case expects a refusal (its typed expectation): an unreadable error fails them all. */
const everyErrorCase = catalogue.filter((r) => r.stage === 'conformance' && refusalCodesOf(r.expect.storx ?? { rule: '' }).length > 0).map((r) => r.id);

/** The broken servers of profile storx (SPEC §1). */
export const brokenServers: BrokenServer<ReferenceServerOptions>[] = [
  // ── The algorithm and the signature ──
  {
    name: 'alg-none-accepted',
    bug: 'Accepts an unsigned JWT whose alg is none, in any spelling, without checking any signature.',
    catches: 'AUTH-ALG-NONE',
    alsoFails: ['AUTH-EXP-PRECEDENCE', 'ORDER-CLIENT-FIRST'],
    options: { faults: { steps: replacingSteps(allowAlgNone, skipSignatureForAlgNone) } },
  },
  {
    name: 'any-hmac-alg',
    bug: 'Accepts HS384 and HS512 as well, signed with the stored secret.',
    catches: 'AUTH-ALG-OTHER',
    options: { faults: { steps: replacingSteps(allowAnyHmacAlg, verifyAnyHmacAlg) } },
  },
  {
    name: 'alg-case-insensitive',
    bug: 'Compares alg case-insensitively, so hs256 or Hs256 pass as HS256.',
    catches: 'AUTH-ALG-OTHER',
    options: { faults: { steps: replacingSteps(allowAlgInAnyCase, verifyHs256ByHand) } },
  },
  {
    name: 'signature-not-verified',
    bug: 'Decodes the JWT without verifying its signature.',
    catches: 'AUTH-WRONG-KEY',
    alsoFails: ['AUTH-SIG-TAMPERED', 'AUTH-EXP-PRECEDENCE', 'ORDER-CLIENT-FIRST'],
    options: { faults: { steps: withoutStep('verifySignature') } },
  },
  {
    name: 'signature-prefix-compared',
    bug: 'Compares only as many signature bytes as were sent, so a truncated or stripped signature passes.',
    catches: 'AUTH-SIG-TAMPERED',
    options: { faults: { steps: replacingSteps(verifySignaturePrefix) } },
  },
  {
    name: 'hex-decoded-key',
    bug: 'Keys the HMAC with the hex decoding of the stored secret instead of its UTF-8 text.',
    catches: 'RESP-SUCCESS',
    options: { faults: { steps: replacingSteps(verifyWithHexDecodedKey) } },
  },
  {
    name: 'crit-ignored',
    bug: 'Leaves crit to its JOSE library, which accepts the b64 extension (RFC 7797) it implements.',
    catches: 'AUTH-HEADER-CRIT',
    options: { faults: { steps: withoutStep('refuseCriticalExtensions') } },
  },
  {
    name: 'header-urls-fetched',
    bug: 'Fetches the URL a jku or x5u header names before verifying with the stored secret.',
    catches: 'AUTH-HEADER-URL-FETCH',
    options: { faults: { steps: replacingSteps(fetchHeaderUrlsFirst) } },
  },
  // ── What client_secret and its claims may be ──
  {
    name: 'raw-secret-accepted',
    bug: 'Accepts the raw stored secret as client_secret, besides a JWT.',
    catches: 'AUTH-MALFORMED-JWT',
    options: { faults: { steps: [acceptRawStoredSecret, ...codeRedemptionSteps] } },
  },
  {
    name: 'client-id-from-body',
    bug: "Looks the client up by the body's client_id when the JWT names none.",
    catches: 'AUTH-CLIENT-ID-MISSING',
    options: { faults: { steps: replacingSteps(readClientIdFromBody) } },
  },
  {
    name: 'missing-exp-never-expires',
    bug: 'Treats a JWT without exp as never expiring.',
    catches: 'AUTH-EXP-MISSING',
    options: { faults: { steps: replacingSteps(readMissingExpAsNever, capFiniteLifetime) } },
  },
  {
    name: 'exp-coerced-with-number',
    bug: 'Coerces exp with Number(), so a numeric string, null, true or an object passes as a date.',
    catches: 'AUTH-EXP-INVALID',
    options: { faults: { steps: replacingSteps(readExpWithNumber) } },
  },
  // ── Expiry ──
  {
    name: 'exp-never-checked',
    bug: 'Never checks whether the JWT has expired.',
    catches: 'AUTH-EXP-PAST',
    options: { faults: { steps: withoutStep('checkExpiry') } },
  },
  {
    name: 'leeway-hard-coded-60s',
    bug: 'Allows a hard-coded 60 s of leeway whatever the configured leeway is.',
    catches: 'AUTH-EXP-PAST',
    options: { faults: { steps: replacingSteps(checkExpiryWith60sLeeway) } },
  },
  {
    name: 'expired-as-invalid-client',
    bug: 'Answers invalid_client instead of client_secret_expired for an expired JWT.',
    catches: 'AUTH-EXP-PAST',
    options: { faults: { steps: replacingSteps(checkExpiryAsInvalidClient) } },
  },
  {
    name: 'exp-before-signature',
    bug: 'Checks exp before the signature, so a forged expired JWT gets client_secret_expired.',
    catches: 'AUTH-EXP-PRECEDENCE',
    options: { faults: { steps: movingStepBefore('checkExpiry', 'verifySignature') } },
  },
  {
    name: 'no-max-lifetime',
    bug: 'Accepts a JWT however far ahead its exp lies.',
    catches: 'AUTH-EXP-TOO-FAR',
    options: { faults: { steps: withoutStep('capLifetime') } },
  },
  {
    name: 'jwt-reusable',
    bug: 'Accepts the same JWT any number of times.',
    catches: 'AUTH-REPLAY',
    options: { faults: { steps: withoutStep('refuseReplayedJwt') } },
  },
  {
    // Issue 15: PROP-SINGLE-USE took the refused reuse of a redeemed code for one-time JWTs, and failed this target.
    name: 'storx-without-one-time-jwts',
    bug: "Keeps no record of used JWTs, as StorX's own token exchange (bcrypt-style secrets, codes bound to the session): a JWT is accepted again until it expires, and nothing else is wrong.",
    catches: 'AUTH-REPLAY',
    wholeRun: true,
    options: { secretFormat: 'bcrypt', bindCodesToSession: true, faults: { steps: withoutStep('refuseReplayedJwt') } },
  },
  {
    name: 'jwt-respelling-replayable',
    bug: "Ignores the unused bits of the signature's last base64url character (Go's RawURLEncoding without Strict) and remembers used JWTs by their text, so a respelled JWT is new.",
    catches: 'AUTH-REPLAY',
    options: { faults: { steps: replacingSteps(parseIgnoringTrailingBits) } },
  },
  {
    name: 'jwt-forgotten-at-exp',
    bug: 'Remembers a used JWT until its exp, not exp + leeway, so inside the leeway it can be used again.',
    catches: 'AUTH-REPLAY',
    runArgs: ['--leeway', '30'],
    options: { leewaySeconds: 30, faults: { steps: replacingSteps(refuseReplayedJwtUntilExp) } },
  },
  {
    name: 'jwt-not-utf8-read',
    bug: 'Reads a JWT header or payload byte that is not UTF-8 as U+FFFD (as Go\'s encoding/json does) instead of refusing the JWT.',
    catches: 'AUTH-JWT-NOT-UTF8',
    options: { faults: { steps: replacingSteps(parseReplacingInvalidUtf8) } },
  },
  // ── The client ──
  {
    name: 'client-id-case-insensitive',
    bug: "Compares the JWT's client_id with the body's case-insensitively.",
    catches: 'AUTH-CLIENT-ID-MISMATCH',
    options: { faults: { steps: replacingSteps(matchClientIdIgnoringCase) } },
  },
  {
    name: 'client-id-not-compared',
    bug: "Never compares the JWT's client_id with the body's.",
    catches: 'AUTH-CLIENT-ID-MISMATCH',
    options: { faults: { steps: withoutStep('matchClientId') } },
  },
  {
    name: 'unknown-client-crashes',
    bug: 'Dereferences the client lookup unchecked, so an unknown client_id is answered 500.',
    catches: 'AUTH-UNREGISTERED',
    alsoFails: ['RESP-NO-5XX', 'AUTH-CLIENT-ID-MISMATCH', 'ORDER-CLIENT-FIRST'],
    options: { faults: { steps: replacingSteps(lookUpClientUnchecked) } },
  },
  {
    name: 'code-before-client',
    bug: 'Checks the code (steps 7–8) before authenticating the client.',
    catches: 'ORDER-CLIENT-FIRST',
    alsoFails: ['AUTH-UNREGISTERED', 'AUTH-CLIENT-ID-MISMATCH'],
    options: { faults: { steps: [...codeRedemptionSteps, ...clientAuthenticationSteps] } },
  },
  // ── The code and the redirect URI ──
  {
    name: 'code-never-consumed',
    bug: 'Never marks a code as redeemed.',
    catches: 'CODE-REUSED',
    alsoFails: ['CODE-CONCURRENT'],
    options: { faults: { steps: withoutStep('consumeCode') } },
  },
  {
    name: 'code-consumed-after-await',
    bug: 'Awaits a store round trip between finding a code and consuming it, so concurrent requests redeem it twice.',
    catches: 'CODE-CONCURRENT',
    options: { faults: { steps: replacingSteps(consumeCodeAfterRoundTrip) } },
  },
  {
    name: 'code-not-bound-to-client',
    bug: 'Redeems a code for any client, not only the one it was issued to.',
    catches: 'CODE-OTHER-CLIENT',
    options: { faults: { steps: replacingSteps(findCodeOfAnyClient) } },
  },
  {
    name: 'code-expiry-ignored',
    bug: 'Redeems a code however old it is.',
    catches: 'CODE-EXPIRED',
    options: { faults: { steps: replacingSteps(findCodeIgnoringExpiry) } },
  },
  {
    name: 'redirect-uri-prefix',
    bug: 'Accepts any redirect_uri that starts with the one the code was issued for.',
    catches: 'REDIRECT-MISMATCH',
    options: { faults: { steps: replacingSteps(matchRedirectUriPrefix) } },
  },
  {
    name: 'redirect-uri-loose',
    bug: 'Compares redirect_uri case-insensitively and ignoring trailing slashes.',
    catches: 'REDIRECT-MISMATCH',
    options: { faults: { steps: replacingSteps(matchRedirectUriLoosely) } },
  },
  // ── The request ──
  {
    name: 'content-type-ignored',
    bug: 'Ignores Content-Type and parses any body as JSON.',
    catches: 'REQ-CONTENT-TYPE',
    options: { faults: { parseBody: parseAnyContentType } },
  },
  {
    name: 'content-type-compared-exactly',
    bug: 'Takes the body for JSON only when Content-Type is exactly "application/json", refusing "; charset=utf-8" (OkHttp\'s default) and other spellings.',
    catches: 'REQ-CONTENT-TYPE-PARAMS',
    options: { faults: { parseBody: parseExactContentTypeOnly } },
  },
  {
    name: 'malformed-json-crashes',
    bug: 'Lets a JSON syntax error escape, answered 500.',
    catches: 'REQ-MALFORMED-JSON',
    alsoFails: ['RESP-NO-5XX'],
    options: { faults: { parseBody: parseJsonUnguarded } },
  },
  {
    name: 'passphrase-defaulted',
    bug: 'Defaults a missing passphrase to the empty string.',
    catches: 'REQ-MISSING-FIELD',
    options: { faults: { parseBody: parseDefaultingPassphrase } },
  },
  {
    name: 'empty-passphrase-refused',
    bug: 'Takes an empty passphrase for a missing one (a truthiness check) and refuses it with invalid_request.',
    catches: 'REQ-PASSPHRASE-EMPTY',
    // The property oracle sends empty passphrases as valid requests; the canonical pact's passphrase is empty.
    alsoFails: ['PROP-ONLY-VALID-ACCEPTED', 'CONTRACT-PACT'],
    options: { faults: { parseBody: parseRefusingEmptyPassphrase } },
  },
  {
    name: 'fields-coerced-to-string',
    bug: 'Coerces every field with String(), so numbers, null, arrays and objects pass as strings.',
    catches: 'REQ-FIELD-TYPES',
    options: { faults: { parseBody: parseCoercingToString } },
  },
  // ── The answers ──
  {
    name: 'secret-echoed-in-error',
    bug: 'Echoes the client_secret JWT in error_description.',
    catches: 'RESP-NO-LEAK',
    options: { faults: { writeError: writeErrorEchoingSecret } },
  },
  {
    name: 'secret-logged-on-bad-jwt',
    bug: "Answers right, but logs the client's stored secret whenever a JWT's signature check fails, as StorX's handler does.",
    catches: 'LOG-NO-SECRET',
    logsTo: 'file',
    options: { faults: { steps: replacingSteps(verifySignatureLoggingSecret) } },
  },
  {
    name: 'errors-as-text',
    bug: 'Answers errors as text/plain, the bare error code.',
    catches: 'RESP-ERROR-SHAPE',
    alsoFails: everyErrorCase,
    options: { faults: { writeError: writeErrorAsText } },
  },
  {
    name: 'success-cacheable',
    bug: 'Sends no Cache-Control: no-store with a grant.',
    catches: 'RESP-SUCCESS',
    // REQ-PASSPHRASE-EMPTY expects the answer RESP-SUCCESS does, no-store included.
    alsoFails: ['REQ-PASSPHRASE-EMPTY'],
    options: { faults: { writeSuccess: writeSuccessCacheable } },
  },
  {
    name: 'cors-origin-reflected-with-credentials',
    bug: 'Echoes any Origin in Access-Control-Allow-Origin with Access-Control-Allow-Credentials: true, so every page can read its answers with the user\'s cookies.',
    catches: 'RESP-CORS-CREDENTIALS',
    options: { faults: { writeSuccess: writeSuccessReflectingOrigin } },
  },
  {
    name: 'cors-wildcard-with-credentials',
    bug: 'Answers Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: true, a pair browsers refuse: a misconfiguration that opens nothing.',
    catches: 'RESP-CORS-CREDENTIALS',
    warnsOnly: true,
    options: { faults: { writeSuccess: writeSuccessWildcardWithCredentials } },
  },
  {
    name: 'requested-scopes-ignored',
    bug: 'Grants read and write whatever scopes the code was issued for.',
    catches: 'RESP-SUCCESS',
    // Every success with a code for fewer scopes shows it, as the draws of the run's seed fall.
    alsoFails: ['REQ-PASSPHRASE-EMPTY', 'PROP-ONLY-VALID-ACCEPTED', 'PROP-EXP-WINDOW'],
    options: { faults: { writeSuccess: writeSuccessWithFixedScopes } },
  },
  // ── Blind spots of the example cases: only the property stage finds these ──
  {
    name: 'last-code-only-remembered',
    bug: 'Remembers only the last code each client redeemed, so an older code redeems again after another one.',
    catches: 'PROP-SINGLE-USE',
    blindSpotOfExamples: true,
    options: { faults: { steps: replacingSteps(...rememberOnlyLastRedeemedCode) } },
  },
  {
    name: 'crash-on-boolean-field',
    bug: 'Crashes with a 500 on a field sent as a boolean, a type the example cases never send.',
    catches: 'PROP-NO-5XX',
    alsoFails: ['RESP-NO-5XX', 'PROP-ERROR-SHAPE', 'PROP-ONLY-VALID-ACCEPTED'],
    blindSpotOfExamples: true,
    options: { faults: { parseBody: parseCrashingOnBooleans } },
  },
  {
    name: 'code-trimmed',
    bug: 'Trims trailing whitespace off the code before looking it up, so the code plus a newline redeems.',
    catches: 'PROP-ONLY-VALID-ACCEPTED',
    blindSpotOfExamples: true,
    options: { faults: { steps: replacingSteps(findTrimmedCode) } },
  },
  {
    name: 'short-lived-jwt-refused',
    bug: 'Treats a JWT with fewer than 30 s left as expired: a clock-skew allowance the wrong way round.',
    catches: 'PROP-EXP-WINDOW',
    alsoFails: ['PROP-ONLY-VALID-ACCEPTED'],
    blindSpotOfExamples: true,
    options: { faults: { steps: replacingSteps(checkExpiryRequiring30sLeft) } },
  },
  {
    name: 'long-field-own-error',
    bug: 'Refuses a field over 1,000 characters with 413 and an error code of its own, request_too_large.',
    catches: 'PROP-ERROR-SHAPE',
    alsoFails: ['RESP-ERROR-SHAPE', 'PROP-ONLY-VALID-ACCEPTED'],
    blindSpotOfExamples: true,
    options: { faults: { steps: replacingSteps(refuseLongFields), writeError: writeLongFieldsAsTooLarge } },
  },
  {
    name: 'fractional-exp-quoted',
    bug: 'Refuses an exp with a fraction, quoting the whole JWT in error_description.',
    catches: 'PROP-NO-LEAK',
    alsoFails: ['RESP-NO-LEAK'],
    blindSpotOfExamples: true,
    options: { faults: { steps: replacingSteps(refuseFractionalExp), writeError: writeFractionalExpQuotingJwt } },
  },
  // ── Added to give every MUST requirement (and REQ-METHOD) a server of its own ──
  {
    name: 'kid-refused',
    bug: 'Refuses a JWT whose header holds anything besides alg and typ, a kid included, with invalid_client.',
    catches: 'AUTH-HEADER-IGNORED',
    options: { faults: { steps: replacingSteps(refuseHeaderExtras) } },
  },
  {
    name: 'unknown-code-as-invalid-request',
    bug: 'Answers a code it cannot find with invalid_request instead of invalid_code.',
    catches: 'CODE-UNKNOWN',
    alsoFails: ['CODE-REUSED', 'CODE-CONCURRENT'],
    options: { faults: { steps: replacingSteps(findCodeMissAsInvalidRequest) } },
  },
  {
    name: 'extra-fields-refused',
    bug: 'Refuses a body with any member besides the five fields (a strict schema) with invalid_request.',
    catches: 'REQ-UNKNOWN-IGNORED',
    options: { faults: { parseBody: parseRefusingExtraFields } },
  },
  {
    name: 'other-methods-bad-request',
    bug: 'Hands GET, PUT and DELETE to the token handler, which answers 400 invalid_request instead of 405.',
    catches: 'REQ-METHOD',
    options: { faults: { answerOtherMethod: answerOtherMethodAsBadRequest } },
  },
  {
    name: 'empty-signature-crashes',
    bug: 'Reads the signature\'s first byte unchecked: a JWT with an empty signature part crashes the endpoint (500).',
    catches: 'RESP-NO-5XX',
    alsoFails: ['AUTH-ALG-NONE', 'AUTH-SIG-TAMPERED', 'AUTH-MALFORMED-JWT', 'AUTH-EXP-PRECEDENCE', 'ORDER-CLIENT-FIRST', 'RESP-ERROR-SHAPE'],
    options: { faults: { steps: replacingSteps(parseCrashingOnEmptySignature) } },
  },
  // ── Rate limits: the abuse stage (SPEC §7, --only abuse) ──
  {
    name: 'no-rate-limit',
    bug: 'Answers failed client authentications without limit (the reference server as it starts by default): credentials can be guessed online.',
    catches: 'ABUSE-RATE-LIMIT',
    options: {},
    fixedBy: { rateLimit: GALLERY_RATE_LIMIT },
  },
  {
    name: 'rate-limit-spoofable',
    bug: "Keys its rate limit on X-Forwarded-For, X-Real-IP, Forwarded, True-Client-IP or CF-Connecting-IP from any peer (StorX's limiter): a fresh value on each request evades it.",
    catches: 'ABUSE-RATE-LIMIT-SPOOF',
    options: { rateLimit: GALLERY_RATE_LIMIT, faults: { rateLimitKey: clientAddressTrustingAnyone } },
  },
  {
    name: 'rate-limit-without-retry-after',
    bug: "Answers its rate limit's 429s without Retry-After (as StorX does), so a client cannot tell when to come back.",
    catches: 'ABUSE-RETRY-AFTER',
    options: { rateLimit: { ...GALLERY_RATE_LIMIT, retryAfter: false } },
    fixedBy: { rateLimit: GALLERY_RATE_LIMIT },
  },
];

// ── Profile rfc7523 ──────────────────────────────────────────────────────────────────────

/** The broken servers of profile rfc7523 (SPEC §5): its reference server with one bug each, judged with `--profile rfc7523`. */
export const rfc7523BrokenServers: BrokenServer<Rfc7523ServerOptions>[] = [
  {
    name: 'rfc7523-alg-none-accepted',
    bug: 'Takes an assertion whose alg is none, in any spelling, as verified, and reads its claims unchecked.',
    catches: 'AUTH-ALG-NONE',
    // ORDER-CLIENT-FIRST's bad assertion is an unsigned one.
    alsoFails: ['ORDER-CLIENT-FIRST'],
    options: { profile: 'rfc7523', faults: { steps: rfc7523Steps.replacing(verifyAssertionAcceptingAlgNone) } },
  },
  {
    name: 'client-looked-up-by-iss',
    bug: "Looks the client up by the assertion's iss and never reads sub, so an assertion without sub, or naming another client in it, authenticates.",
    catches: 'RFC7523-ISS-SUB',
    options: { profile: 'rfc7523', faults: { steps: rfc7523Steps.replacing(requireIssuerOnly, lookUpClientByIssuer) } },
  },
  {
    name: 'audience-not-checked',
    bug: "Never reads the assertion's aud, so one made for another server, or for none, authenticates here.",
    catches: 'RFC7523-AUD',
    options: { profile: 'rfc7523', faults: { steps: rfc7523Steps.without('requireAudience') } },
  },
  {
    name: 'nbf-ignored',
    bug: 'Verifies the signature and exp by hand and never reads nbf, so an assertion not yet valid authenticates.',
    catches: 'RFC7523-NBF',
    options: { profile: 'rfc7523', faults: { steps: rfc7523Steps.replacing(verifyAssertionIgnoringNbf) } },
  },
  {
    name: 'jti-optional',
    bug: 'Takes jti as optional (RFC 7523 §3 item 7), remembering an assertion without one by its signature; OpenID Connect Core §9 requires it.',
    catches: 'RFC7523-JTI-MISSING',
    options: { profile: 'rfc7523', faults: { steps: rfc7523Steps.replacing(requireJtiOrSignature) } },
  },
  {
    name: 'jti-not-remembered',
    bug: 'Keeps no record of used jti values, so an assertion, or its jti in a new one, is accepted again until it expires.',
    catches: 'RFC7523-JTI-REPLAY',
    // AUTH-REPLAY sends the same assertion again too.
    alsoFails: ['AUTH-REPLAY'],
    options: { profile: 'rfc7523', faults: { steps: rfc7523Steps.without('refuseReplayedJti') } },
  },
  {
    name: 'assertions-remembered-by-signature',
    bug: 'Remembers used assertions by their signature, not their jti, so a new assertion carrying a used jti is accepted.',
    catches: 'RFC7523-JTI-REPLAY',
    options: { profile: 'rfc7523', faults: { steps: rfc7523Steps.replacing(refuseReplayedSignature) } },
  },
  {
    name: 'assertion-type-ignored',
    bug: 'Never reads client_assertion_type, so an assertion sent without it, or declared a SAML one, authenticates.',
    catches: 'RFC7523-ASSERTION-TYPE',
    options: { profile: 'rfc7523', faults: { steps: rfc7523Steps.without('requireJwtBearerAssertionType') } },
  },
  {
    name: 'public-key-as-hmac-secret',
    bug: "Lets an HS256 header pick HMAC for a private_key_jwt client, keyed with its public key's PEM text (CVE-2015-9235), so anyone who has the public key authenticates as the client.",
    catches: 'RFC7523-ALG-CONFUSION',
    options: { profile: 'rfc7523', faults: { steps: rfc7523Steps.replacing(verifyAssertionWithPublicKeyAsHmacSecret) } },
  },
  {
    name: 'embedded-jwk-trusted',
    bug: 'Verifies an assertion that brings a jwk header with that key (CVE-2018-0114), so anyone can sign as any client with a key of their own.',
    catches: 'RFC7523-ALG-CONFUSION',
    options: { profile: 'rfc7523', faults: { steps: rfc7523Steps.replacing(verifyAssertionWithEmbeddedJwk) } },
  },
  {
    name: 'basic-credentials-ignored',
    bug: 'Ignores an Authorization: Basic header sent beside the assertion instead of refusing a second authentication method.',
    catches: 'RFC7523-ONE-METHOD',
    options: { profile: 'rfc7523', faults: { steps: rfc7523Steps.without('refuseSecondAuthMethod') } },
  },
  // ── Profile rfc7523: PKCE and the grant ──
  {
    name: 'code-verifier-optional',
    bug: 'Checks a code_verifier only when one is sent, so a code issued with a challenge is redeemed without any (RFC 7636 §4.6).',
    catches: 'PKCE-VERIFIER',
    options: { profile: 'rfc7523', faults: { steps: rfc7523Steps.replacing(checkCodeVerifierWhenSent) } },
  },
  {
    name: 'pkce-downgrade-accepted',
    bug: 'Ignores a code_verifier sent for a code issued without a challenge, so an attacker can strip the challenge from the authorization request and still look like PKCE (RFC 9700 §2.1.1).',
    catches: 'PKCE-DOWNGRADE',
    options: { profile: 'rfc7523', faults: { steps: rfc7523Steps.without('refusePkceDowngrade') } },
  },
  {
    name: 'reuse-revokes-nothing',
    bug: "Refuses a code's second redemption but leaves the access token of its first active (RFC 6749 §4.1.2: SHOULD revoke).",
    catches: 'CODE-REUSE-REVOKES',
    options: { profile: 'rfc7523', faults: { steps: rfc7523Steps.without('revokeOnCodeReuse') } },
  },
  {
    name: 'repeated-parameter-first-value',
    bug: "Reads each form parameter's first value (URLSearchParams.get), so a parameter sent twice is not refused (RFC 6749 §3.2).",
    catches: 'REQ-DUPLICATE-PARAM',
    options: { profile: 'rfc7523', faults: { parseBody: parseFormTakingFirstValues } },
  },
  {
    name: 'grant-type-defaulted',
    bug: 'Takes a missing grant_type for authorization_code, the one grant it serves (RFC 6749 §4.1.3: REQUIRED).',
    catches: 'REQ-GRANT-TYPE',
    options: { profile: 'rfc7523', faults: { steps: rfc7523Steps.replacing(defaultGrantTypeToAuthorizationCode) } },
  },
];

/** The whole gallery, both profiles: what detection.test.ts judges and gallery.test.ts demonstrates. */
export const everyBrokenServer: readonly BrokenServer[] = [...brokenServers, ...rfc7523BrokenServers];

/** Variants that differ from the defaults but conform: a run with `runArgs` must pass clean. */
export const correctVariants: { name: string; options: GalleryServerOptions; runArgs: string[] }[] = [
  { name: 'session-bound-codes', options: { bindCodesToSession: true }, runArgs: [] },
  { name: 'leeway-30s', options: { leewaySeconds: 30 }, runArgs: ['--leeway', '30'] },
  // StorX's registration hands out bcrypt strings: the harness must treat a secret as opaque text.
  { name: 'bcrypt-style-secrets', options: { secretFormat: 'bcrypt' }, runArgs: [] },
  // SPEC §1: a run may override the status of an error code; a 400 invalid_client is then correct.
  { name: 'invalid-client-400', options: { faults: { statuses: { ...defaultStatuses, invalid_client: 400 } } }, runArgs: ['--status', 'invalid_client=400'] },
  // RESP-CORS-CREDENTIALS: credentialed CORS for a fixed allow-list never reaches the harness's random origin.
  { name: 'cors-allow-list-with-credentials', options: { faults: { writeSuccess: writeSuccessAllowingOneOrigin } }, runArgs: [] },
  // ABUSE-*: a limit per client address, with Retry-After, forwarded headers believed from no one; the abuse stage alone, since it is limited.
  { name: 'rate-limited-per-address', options: { rateLimit: GALLERY_RATE_LIMIT }, runArgs: ['--only', 'abuse'] },
  // ── Profile rfc7523 (SPEC §5): the conformance stage, which is what that profile runs so far ──
  { name: 'rfc7523-reference', options: { profile: 'rfc7523' }, runArgs: ['--only', 'conformance'] },
  // RFC7523-NBF and AUTH-EXP-PAST are judged beyond the leeway the run is told of.
  { name: 'rfc7523-leeway-30s', options: { profile: 'rfc7523', leewaySeconds: 30 }, runArgs: ['--leeway', '30', '--only', 'conformance'] },
];
