import type { Diagnosis } from './diagnose.js';

/** One answer of the target, as the doctor shows it (body redacted). */
export interface TargetAnswer {
  readonly status: number;
  readonly contentType: string | null;
  /** The `error` member of a JSON error body, when there is one. */
  readonly error: string | null;
  /** The body, redacted and cut to a few hundred characters. */
  readonly body: string;
  readonly ms: number;
}

/** What the target's answers mean, set against the local diagnosis. */
export interface Explanation {
  readonly line: string;
  readonly next: readonly string[];
}

export interface Answers {
  /** The answer to the user's request, as given. */
  readonly original: TargetAnswer;
  /** The answer to the same request with a freshly minted client_secret, when one was sent. */
  readonly fresh: TargetAnswer | null;
  /** The client the request names, for the lines. */
  readonly clientId: string | null;
}

const CLIENT_SECRET_STEPS: ReadonlySet<string> = new Set(['jws', 'alg', 'claims', 'signature', 'exp', 'client-id']);
const PAST_CLIENT_AUTHENTICATION: ReadonlySet<string> = new Set(['invalid_code', 'invalid_redirect_uri']);

const accepted = (answer: TargetAnswer) => answer.status >= 200 && answer.status < 300;
/** Client authentication (SPEC §1 steps 1–6) passed: the request got to the code or beyond. */
const authenticated = (answer: TargetAnswer) => accepted(answer) || PAST_CLIENT_AUTHENTICATION.has(answer.error ?? '');

const CODE_MEANING: Readonly<Record<string, Explanation>> = {
  invalid_code: {
    line: 'the code is unknown, expired (StorX: 60 s), already redeemed, or issued to another client',
    next: ['get a new code from the consent flow and redeem it at once, with the client it was issued to'],
  },
  invalid_redirect_uri: {
    line: 'the redirect_uri differs from the one the code was issued for (compared byte for byte)',
    next: ['send exactly the redirect_uri the authorization request used'],
  },
};

const UNKNOWN_CLIENT_NEXT =
  'register the client (seed 001: through the developer console) and use the client_id and secret its registration hands out, or check which secret the server stores for this client_id';

function who({ clientId }: Answers): string {
  return clientId === null ? 'this client' : `client ${JSON.stringify(clientId)}`;
}

function show(answer: TargetAnswer): string {
  return `${answer.status} ${answer.error ?? answer.contentType ?? 'without a body type'}`;
}

type Rule = (answers: Answers, diagnosis: Diagnosis) => Explanation | null;

/** The request was accepted: right, or a refusal the server failed to make. */
const acceptedRule: Rule = ({ original }, { verdict }) => {
  if (!accepted(original)) return null;
  if (verdict.outcome === 'refused') {
    return {
      line: `the server accepted a request SPEC §1 says it must refuse (${verdict.line}): it does not check the ${verdict.step} step`,
      next: ['run `grantproof run --target URL --state-url URL` against the server to find every check it skips'],
    };
  }
  return { line: 'the server accepted the request: its access grant is in the answer (redacted here); the code is now spent', next: [] };
};

/** SPEC §1: no input may produce a 5xx (RESP-NO-5XX). */
const serverErrorRule: Rule = ({ original }) =>
  original.status >= 500
    ? { line: `the server failed on this request (${show(original)}); SPEC §1: no input may produce a 5xx`, next: ["read the server's log for this request: it names the cause"] }
    : null;

/** Not a token endpoint's JSON error: the wrong URL, or a gateway in the way. */
const notTokenEndpointRule: Rule = ({ original }) =>
  original.error === null
    ? {
        line: `the answer (${show(original)}) is not a token endpoint's JSON error: --target may not be the token endpoint, or a gateway answered`,
        next: ['check --target: SPEC §1 posts to the full token endpoint URL, e.g. http://localhost:10100/api/v0/oauth2/token'],
      }
    : null;

/** A freshly minted JWT is refused too: the server does not know the client, or holds another secret. */
const freshRefusedRule: Rule = (answers, diagnosis) => {
  const { original, fresh } = answers;
  if (fresh?.error !== 'invalid_client' || original.error === 'invalid_request') return null;
  const also = diagnosis.verdict.outcome === 'refused' && CLIENT_SECRET_STEPS.has(diagnosis.verdict.step) ? [...diagnosis.next] : [];
  return {
    line: `a JWT freshly minted with the given secret is refused too (${show(fresh)}): the server does not know ${who(answers)}, or holds another secret for it`,
    next: [UNKNOWN_CLIENT_NEXT, ...also],
  };
};

/** A freshly minted JWT passes client authentication: whatever failed was the client_secret, or the code. */
const freshAuthenticatedRule: Rule = (answers, diagnosis) => {
  const { original, fresh } = answers;
  if (fresh === null || !authenticated(fresh)) return null;
  const then = accepted(fresh)
    ? { line: 'and was accepted (the fresh request spent the code)', next: ['get a new code for the next try'] }
    : { line: `then fails at the code: ${CODE_MEANING[fresh.error!]!.line}`, next: CODE_MEANING[fresh.error!]!.next };
  const { verdict } = diagnosis;
  if (authenticated(original)) {
    return { line: `client authentication passes; ${CODE_MEANING[original.error!]!.line}`, next: CODE_MEANING[original.error!]!.next };
  }
  if (verdict.outcome === 'refused' && CLIENT_SECRET_STEPS.has(verdict.step)) {
    return {
      line: `confirmed: the client_secret is at fault (${show(original)}, as diagnosed); the same request with a freshly minted JWT passes client authentication ${then.line}`,
      next: [diagnosis.next[0]!, ...then.next],
    };
  }
  return {
    line: `the server refuses this client_secret (${show(original)}) but accepts a fresh one minted with the same secret: it was most likely used before (a server may accept each JWT once, AUTH-REPLAY), ${then.line}`,
    next: ['mint a new client_secret for every request, never reuse one', ...then.next],
  };
};

/** A freshly minted JWT, 5 minutes from expiry, called expired: the server's clock or its reading of exp. */
const freshExpiredRule: Rule = ({ fresh }) =>
  fresh?.error === 'client_secret_expired'
    ? {
        line: 'the server calls a JWT minted a moment ago, expiring in 5 minutes, expired: its clock is off by more than that, or it reads exp in another unit',
        next: ["check the server's clock (NTP) and that it compares exp, in seconds, with the current time in seconds"],
      }
    : null;

/** Refused before the client_secret is read. */
const invalidRequestRule: Rule = ({ original }, { verdict }) => {
  if (original.error !== 'invalid_request') return null;
  if (verdict.outcome === 'refused' && verdict.error === 'invalid_request') return { line: `as diagnosed: ${verdict.line}`, next: [] };
  return {
    line: 'the server refuses the request as invalid_request though its shape passes SPEC §1 locally (POST, application/json, five string fields)',
    next: ["compare the server's request parsing with SPEC §1; its log or error_description may say which field it wants"],
  };
};

/** Without a fresh request (no secret given): set the answer against the local verdict. */
function againstVerdict(answers: Answers, { verdict, next }: Diagnosis): Explanation {
  const { original } = answers;
  if (authenticated(original)) return { line: `client authentication passed; ${CODE_MEANING[original.error!]!.line}`, next: CODE_MEANING[original.error!]!.next };
  if (verdict.outcome === 'refused' && original.error === verdict.error) {
    // SPEC §1: the signature (step 4) is verified before exp (step 5).
    const verified = original.error === 'client_secret_expired' ? '; the server verified the signature first, so it knows the client and this secret' : '';
    return { line: `as diagnosed: ${show(original)} (${verdict.step})${verified}`, next: [] };
  }
  const giveSecret = 'give the stored secret with --secret-env VAR: the doctor then checks the signature and sends a freshly minted JWT too, which tells these apart';
  if (original.error === 'invalid_client') {
    return {
      line: `the server refuses ${who(answers)} (${show(original)}) before any check the doctor could make fails: it does not know the client, holds another secret, or the signature does not verify with it`,
      next: answers.fresh === null ? [giveSecret, UNKNOWN_CLIENT_NEXT] : [UNKNOWN_CLIENT_NEXT],
    };
  }
  return {
    line: `the server answered ${show(original)} where SPEC §1 expects ${verdict.outcome === 'refused' ? verdict.line : 'client authentication to pass'}`,
    next: next.length ? [...next] : ['run `grantproof run` against the server to see which rule it departs from'],
  };
}

const RULES: readonly Rule[] = [
  acceptedRule,
  serverErrorRule,
  notTokenEndpointRule,
  invalidRequestRule,
  freshRefusedRule,
  freshExpiredRule,
  freshAuthenticatedRule,
];

/** What the target's answers say, set against the local verdict: the first rule that applies. Pure. */
export function explainAnswers(answers: Answers, diagnosis: Diagnosis): Explanation {
  for (const rule of RULES) {
    const explanation = rule(answers, diagnosis);
    if (explanation) return explanation;
  }
  return againstVerdict(answers, diagnosis);
}
