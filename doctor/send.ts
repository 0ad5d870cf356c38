import { HttpClient, type HttpAnswer } from '../client/http.js';
import { HarnessError } from '../vocabulary/errors.js';
import type { HttpRequest } from '../vocabulary/exchange.js';
import { redactUrl } from '../client/redact-url.js';
import { SensitiveValues } from '../client/redaction.js';
import { mintClientSecret } from '../jwt/index.js';
import { gatherAssertionFacts } from './assertion-facts.js';
import { explainAssertionAnswer } from './assertion-explain.js';
import type { Diagnosis } from './diagnose.js';
import { gatherFacts } from './facts.js';
import { explainAnswers, type Explanation, type TargetAnswer } from './explain.js';
import type { DoctorRequest } from './request.js';
import { MAX_LIFETIME_SECONDS } from './steps/client-secret.js';

/** The target could not be asked: no answer came (exit 2, one line). */
export class TargetUnreachable extends HarnessError<'target-unreachable'> {
  override readonly name = 'TargetUnreachable';

  constructor(message: string, options?: ErrorOptions) {
    super('target-unreachable', message, options);
  }
}

export interface TargetReport {
  /** The token endpoint, its password and query values redacted. */
  readonly url: string;
  readonly original: TargetAnswer;
  readonly fresh: TargetAnswer | null;
  /** Why no fresh request was sent, when none was. */
  readonly freshSkipped: string | null;
  readonly explanation: Explanation;
}

export interface ConsultOptions {
  readonly url: string;
  readonly secret: string | null;
  readonly nowMs: number;
  readonly timeoutMs: number;
}

/** Headers the HTTP client sets itself. */
const HOP_BY_HOP: ReadonlySet<string> = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive']);
/** Headers whose values are not credentials (a cookie or an API key are). */
const PUBLIC_HEADERS: ReadonlySet<string> = new Set(['content-type', 'accept', 'user-agent']);
/** How much of an answer's body is shown. */
const SHOWN_BODY_CHARS = 300;

/**
 * Sends the user's request to the target as given and, when it is refused and the secret is
 * known, the same request with a freshly minted client_secret; then explains the answers
 * against the local diagnosis. Every secret, JWT, passphrase and grant is redacted.
 */
export async function consultTarget(request: DoctorRequest, diagnosis: Diagnosis, options: ConsultOptions): Promise<TargetReport> {
  const sensitive = sensitiveValuesOf(request, options.secret);
  const http = new HttpClient(options.timeoutMs);
  try {
    const original = await ask(http, toHttp(request, options.url), sensitive, options.url);
    if (diagnosis.profile === 'rfc7523') {
      // SPEC §5: an assertion is the client's to sign (with its private key, perhaps): the doctor sends the request alone.
      return { url: redactUrl(options.url), original, fresh: null, freshSkipped: 'the rfc7523 doctor mints no assertion: it sends your request alone', explanation: explainAssertionAnswer(original, diagnosis) };
    }
    const plan = await freshPlan(request, original, options);
    if (plan.jwt !== null) sensitive.add(plan.jwt, 'JWT');
    const fresh = plan.request === null ? null : await ask(http, toHttp(plan.request, options.url), sensitive, options.url);
    const clientId = bodyOf(request)?.client_id;
    return {
      url: redactUrl(options.url),
      original,
      fresh,
      freshSkipped: plan.skipped,
      explanation: explainAnswers({ original, fresh, clientId: typeof clientId === 'string' ? clientId : null }, diagnosis),
    };
  } finally {
    await http.close();
  }
}

async function ask(http: HttpClient, request: HttpRequest, sensitive: SensitiveValues, url: string): Promise<TargetAnswer> {
  const result = await http.send(request);
  if (result.answer === null) throw new TargetUnreachable(`--target ${redactUrl(url)}: ${result.failure}; check the URL and that the server runs`);
  return summarise(result.answer, result.ms, sensitive);
}

function summarise(answer: HttpAnswer, ms: number, sensitive: SensitiveValues): TargetAnswer {
  registerGrant(answer.body, sensitive);
  const body = sensitive.redact(answer.body);
  return {
    status: answer.status,
    contentType: answer.headers['content-type'] ?? null,
    error: errorOf(answer.body),
    body: body.length > SHOWN_BODY_CHARS ? `${body.slice(0, SHOWN_BODY_CHARS)}…` : body,
    ms,
  };
}

/** What is sent: the user's method, headers and body, to the target URL. */
function toHttp(request: DoctorRequest, url: string): HttpRequest {
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
  return { method: request.method, url, headers, body: request.body };
}

/**
 * The fresh request: only after a refusal (a success has spent the code), only with the
 * secret, and only for a JSON object body naming a client_id. It changes client_secret alone.
 */
async function freshPlan(request: DoctorRequest, original: TargetAnswer, { secret, nowMs }: ConsultOptions): Promise<{ request: DoctorRequest | null; jwt: string | null; skipped: string | null }> {
  const none = (skipped: string) => ({ request: null, jwt: null, skipped });
  if (original.status >= 200 && original.status < 300) return none('the request succeeded (and spent its code)');
  if (secret === null || secret === '') return none('no stored secret given (--secret-env VAR)');
  const body = bodyOf(request);
  if (body === null || typeof body.client_id !== 'string') return none('the body names no client_id to mint a JWT for');
  const jwt = await mintClientSecret({ clientId: body.client_id, exp: Math.floor(nowMs / 1000) + MAX_LIFETIME_SECONDS, secret });
  return { request: { ...request, body: JSON.stringify({ ...body, client_secret: jwt }) }, jwt, skipped: null };
}

function bodyOf(request: DoctorRequest): Readonly<Record<string, unknown>> | null {
  return gatherFacts(request, null, 0).body;
}

function sensitiveValuesOf(request: DoctorRequest, secret: string | null): SensitiveValues {
  const sensitive = new SensitiveValues();
  if (secret) sensitive.add(secret, 'stored secret');
  const body = bodyOf(request);
  if (typeof body?.client_secret === 'string') sensitive.add(body.client_secret, 'client_secret');
  if (typeof body?.passphrase === 'string') sensitive.add(body.passphrase, 'passphrase');
  // rfc7523's credentials, as the form (or a JSON body) carries them (SPEC §5).
  const { params } = gatherAssertionFacts(request, { key: null, audience: null, nowMs: 0, leewaySeconds: 0 });
  for (const name of ['client_assertion', 'client_secret', 'code_verifier'] as const) for (const value of params?.get(name) ?? []) if (value !== '') sensitive.add(value, name);
  for (const [name, value] of Object.entries(request.headers)) if (!PUBLIC_HEADERS.has(name)) sensitive.add(value, 'header value');
  return sensitive;
}

/** An access grant (SPEC §1) or token (SPEC §5) is a credential: redacted from the answer it came in (SPEC §4 "Output"). */
function registerGrant(body: string, sensitive: SensitiveValues): void {
  for (const member of ['access_grant', 'access_token', 'refresh_token', 'id_token']) {
    const grant = parsedMember(body, member);
    if (typeof grant === 'string') sensitive.add(grant, 'access grant');
  }
}

function errorOf(body: string): string | null {
  const error = parsedMember(body, 'error');
  return typeof error === 'string' ? error : null;
}

function parsedMember(body: string, name: string): unknown {
  try {
    const json: unknown = JSON.parse(body);
    return typeof json === 'object' && json !== null ? (json as Record<string, unknown>)[name] : undefined;
  } catch {
    return undefined;
  }
}
