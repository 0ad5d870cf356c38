import { quote } from 'shell-quote';
import type { Facts } from './facts.js';
import { isPlaceholder } from './placeholder.js';
import type { StepName, StepResult, StorxFinding } from './step.js';
import type { Verdict } from './verdict.js';

/**
 * The command that mints a correct client_secret for this request's client. Without a usable
 * client_id in the body it says so where the client_id goes, rather than inventing one.
 */
export function mintCommand(facts: Facts, secretEnv: string): string {
  const given = facts.body?.client_id;
  const clientId = typeof given === 'string' && given !== '' && !isPlaceholder(given) ? given : REGISTERED_CLIENT_ID_HOLE;
  return `grantproof jwt mint ${quote(['--client-id', clientId, '--secret-env', secretEnv])}`;
}

/** Where the client_id goes when the request names none: visibly to be filled in. */
const REGISTERED_CLIENT_ID_HOLE = '<the client_id your registration handed out>';

type Action = (step: StepResult, mint: string) => string;

const MINT_HS256: Action = (_, mint) => `mint the client_secret as an HS256 JWT {"client_id", "exp"} signed with the stored secret: ${mint}`;

const PLACEHOLDER_ACTIONS: Partial<Record<StepName, string>> = {
  fields: "give the user's own passphrase (an empty one if the user has none)",
  client: 'use the client_id the client registration handed out (seed 001: register the client first)',
  code: 'use the code the consent flow returned (it lives 60 s at StorX: redeem it at once)',
};

/** What to do about each finding: one sentence, with the command when there is one. */
const ACTIONS: Readonly<Record<StorxFinding, Action>> = {
  METHOD_NOT_POST: () => 'send the request with POST (curl: -X POST, or give the body with -d)',
  CONTENT_TYPE_NOT_JSON: () => "send the header Content-Type: application/json (curl: -H 'Content-Type: application/json', or --json instead of -d)",
  CONTENT_TYPE_PARAMETER: () => 'if the server refuses the request as invalid_request, send Content-Type: application/json with no parameter',
  BODY_NOT_JSON_OBJECT: () => 'send the body as one JSON object holding the five fields of SPEC §1',
  FIELD_MISSING: () => 'send all five fields as strings: client_id, client_secret, redirect_uri, code, passphrase (passphrase may be empty)',
  FIELD_NOT_STRING: () => 'send all five fields as strings: client_id, client_secret, redirect_uri, code, passphrase (passphrase may be empty)',
  FIELD_EMPTY: () => 'fill in client_id, client_secret, redirect_uri and code (only passphrase may be empty)',
  PLACEHOLDER: (step, mint) => PLACEHOLDER_ACTIONS[step.step] ?? `replace the template text with a client_secret from ${mint}`,
  RAW_SECRET_SENT: (_, mint) => `send a JWT minted from the stored secret, never the secret itself: ${mint}`,
  NOT_A_JWS: MINT_HS256,
  ALG_NONE: MINT_HS256,
  ALG_NOT_HS256: MINT_HS256,
  CRIT_HEADER: MINT_HS256,
  CLAIM_MISSING: MINT_HS256,
  CLAIM_NOT_TYPED: MINT_HS256,
  HEX_DECODED_KEY: (_, mint) =>
    `key the HMAC with the stored secret's UTF-8 bytes, not its hex decoding (Python: secret.encode("utf-8"), not bytes.fromhex(secret)); ${mint} prints a correct token to compare`,
  SECRET_WHITESPACE: () => 'strip the stray newline or spaces where the secret is read (a file, an environment variable, a copy and paste), and compare with the stored one',
  SIGNATURE_MISMATCH: () =>
    "sign with the secret the server stores for this client: check that the secret given here is that one, or register the client anew and use the secret its registration hands out (seed 001); --target URL tells which",
  EXPIRED: (_, mint) => `mint a fresh client_secret just before each request (it lives 5 minutes): ${mint}`,
  EXP_TOO_FAR: (_, mint) => `give the JWT a short life: exp at most 300 s ahead, in seconds (${mint} uses --ttl 300)`,
  CLIENT_ID_MISMATCH: (_, mint) => `mint the JWT for the client_id the body names: ${mint}`,
};

/**
 * The next actions: the one for the step that decides the verdict first, then those for the
 * other failures, then the warnings, each said once.
 */
export function nextActions(steps: readonly StepResult[], verdict: Verdict, facts: Facts, secretEnv: string): string[] {
  const mint = mintCommand(facts, secretEnv);
  // The storx steps make only storx findings.
  const actions = stepsToAct(steps, verdict).map((step) => ACTIONS[step.finding as StorxFinding](step, mint));
  if (verdict.outcome === 'no fault found') actions.push(noFaultAction(steps));
  return [...new Set(actions)];
}

/** The steps with a finding to act on: the one that decides the verdict, the other failures, then the warnings. */
export function stepsToAct(steps: readonly StepResult[], verdict: Verdict): StepResult[] {
  const found = steps.filter((step) => step.finding !== undefined && (step.mark === 'fail' || step.mark === 'warn'));
  const decisive = (step: StepResult) => verdict.outcome === 'refused' && step.step === verdict.step;
  return [...found.filter(decisive), ...found.filter((s) => !decisive(s) && s.mark === 'fail'), ...found.filter((s) => s.mark === 'warn')];
}

function noFaultAction(steps: readonly StepResult[]): string {
  if (steps.some((step) => step.step === 'signature' && step.mark === 'unknown')) {
    return 'give the stored secret (--secret-env VAR) to check the signature too, and --target URL to see what the server makes of the request';
  }
  return 'if the server still answers invalid_client, it does not know this client or holds another secret for it (seed 001: register the client): --target URL tells which';
}
