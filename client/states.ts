import { HarnessError } from '../vocabulary/errors.js';
import type { HttpClient } from './http.js';
import { redactUrl } from './redact-url.js';

/** The provider states of SPEC §3 and §5, by their exact names (shared with Pact). */
export const STATES = {
  client: 'a registered client',
  code: 'an authorization code',
  expiredCode: 'an expired authorization code',
  /** rfc7523 only (SPEC §5): whether an access token is active, for CODE-REUSE-REVOKES. */
  accessTokenStatus: "an access token's status",
} as const;

export type StateName = (typeof STATES)[keyof typeof STATES];
export type StateParams = Readonly<Record<string, unknown>>;
export type StateAnswer = Readonly<Record<string, unknown>>;

/** The target does not offer a state: the cases that need it are skipped (SPEC §3). */
export class StateUnsupported extends HarnessError<'state-unsupported'> {
  override readonly name = 'StateUnsupported';

  constructor(
    readonly state: string,
    detail: string,
  ) {
    super('state-unsupported', `the target does not support the state "${state}" (${detail})`);
  }
}

/** A state could not be set up: unreachable, an error status, not JSON, a field missing. */
export class StateFailed extends HarnessError<'state-failed'> {
  override readonly name = 'StateFailed';

  constructor(
    readonly state: string,
    /** What went wrong, as the message says it after the state's name. */
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super('state-failed', `setting up "${state}" failed: ${detail}`, options);
  }
}

/** Where fixtures come from: the state-change endpoint or a `--fixtures` module. */
export interface StateSource {
  setup(state: StateName, params: StateParams): Promise<StateAnswer>;
  /** Best effort: failures are the caller's to log, never judged (SPEC §3). */
  teardown(state: StateName, params: StateParams): Promise<void>;
}

/** How much of a refusing state endpoint's body its one line shows. */
const EXCERPT_CHARS = 160;
/** A 401 or 403 from a state endpoint is most often a gateway in front of it. */
const GATEWAY_HINT = '; if a gateway guards the state endpoint, give its key with --header or --header-env';

/** SPEC §3: `POST {state-url}` with `{"action", "state", "params"}`. */
export class HttpStates implements StateSource {
  constructor(
    private readonly url: string,
    private readonly http: HttpClient,
    private readonly headers: Readonly<Record<string, string>>,
  ) {}

  async setup(state: StateName, params: StateParams): Promise<StateAnswer> {
    const result = await this.post('setup', state, params);
    if (!result.answer) throw new StateFailed(state, `${result.failure} (state endpoint ${redactUrl(this.url)})`);
    const { status, body } = result.answer;
    if (status === 404 || status === 501) throw new StateUnsupported(state, `answered ${status}`);
    if (status < 200 || status > 299) throw new StateFailed(state, `the state endpoint answered ${status}${this.excerpt(body)}${status === 401 || status === 403 ? GATEWAY_HINT : ''}`);
    const json = parseObject(body);
    if (!json) throw new StateFailed(state, 'the state endpoint did not answer a JSON object');
    return json;
  }

  async teardown(state: StateName, params: StateParams): Promise<void> {
    const result = await this.post('teardown', state, params);
    if (!result.answer) throw new StateFailed(state, result.failure);
    if (result.answer.status < 200 || result.answer.status > 299) {
      throw new StateFailed(state, `teardown answered ${result.answer.status}`);
    }
  }

  /** The first line of a refusal's body, short, with every --header value taken out. */
  private excerpt(body: string): string {
    let line = body.trim().split(/\r?\n/, 1)[0] ?? '';
    for (const value of Object.values(this.headers)) if (value !== '') line = line.split(value).join('[redacted header value]');
    if (line === '') return '';
    return `: ${line.length > EXCERPT_CHARS ? `${line.slice(0, EXCERPT_CHARS)}…` : line}`;
  }

  private post(action: 'setup' | 'teardown', state: StateName, params: StateParams) {
    return this.http.send({
      method: 'POST',
      url: this.url,
      headers: { ...this.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ action, state, params }),
    });
  }
}

function parseObject(text: string): StateAnswer | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as StateAnswer) : null;
  } catch {
    return null;
  }
}
