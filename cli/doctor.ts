import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { Command } from 'commander';
import type { JWK } from 'jose';
import { publicKeyOfJwk } from '../jwt/index.js';
import { isHarnessError } from '../vocabulary/errors.js';
import type { ProfileName } from '../vocabulary/profile.js';
import { parseProfile } from './catalogue.js';
import { UsageError } from './errors.js';
import { httpUrl } from './run-options.js';
import { readAt, readSecret, type SecretFlags } from './secret.js';

interface DoctorFlags extends SecretFlags {
  /** A URL, or `true` for `--target` alone: the URL of the pasted curl command line. */
  target?: string | true;
  timeout: string;
  at?: string;
  json?: boolean;
  profile: string;
  jwkFile?: string;
  audience?: string;
  leeway: string;
}

/** `grantproof doctor`: why does my token request get invalid_client? */
export function doctorCommand(): Command {
  return new Command('doctor')
    .description("Why does my token request get invalid_client? Runs the profile's validation (SPEC §1, or §5 for rfc7523) step by step on your own request and says what the server should answer and what to do")
    .argument('[file]', 'the request: a JSON body, a form body (rfc7523) or a curl command line (default, or "-": standard input)')
    .option('--profile <name>', 'storx (SPEC §1: a JSON body, client_secret a JWT) or rfc7523 (SPEC §5: a form with a client assertion)', 'storx')
    .option('--secret <secret>', "the client's stored secret, to check the signature (stays in shell history: prefer --secret-env)")
    .option('--secret-env <VAR>', "read the client's stored secret from environment variable VAR")
    .option('--jwk-file <file>', "rfc7523 private_key_jwt: the client's JWK, public or private (never printed), to check the assertion's signature")
    .option('--audience <url>', "rfc7523: the aud the server takes (its token endpoint URL or issuer); default: the --target URL")
    .option('--leeway <s>', "rfc7523: the server's clock leeway for exp and nbf, seconds", '0')
    .option('--target [url]', "also send the request to this token endpoint (alone: the pasted curl command's URL), with storx the same request with a freshly minted JWT too, and explain the answers")
    .option('--timeout <s>', 'per request to --target, seconds', '10')
    .option('--at <time>', 'judge exp at this moment (ISO 8601 or seconds since 1970) instead of now, e.g. the time of a server log line')
    .option('--json', 'the diagnosis as JSON, for scripts')
    .addHelpText('after', '\nExit status: 0 the request should succeed (with --target: it did), 1 it should not (did not), 2 the request could not be read or the target not reached.')
    .action(async (file: string | undefined, flags: DoctorFlags) => {
      process.exitCode = await doctor(file, flags);
    });
}

/** `--target URL`, or `--target` alone for the URL the pasted curl command line posts to. */
function targetOf(flag: string | true | undefined, curlUrl: string | null): string | null {
  if (flag === undefined) return null;
  const fullUrl = 'the full token endpoint URL, e.g. http://localhost:10100/api/v0/oauth2/token';
  if (flag !== true) return httpUrl('--target', flag, fullUrl);
  if (curlUrl === null) throw new UsageError(`--target without a URL sends to the pasted curl command's URL, and this request has none: give ${fullUrl}`);
  return httpUrl('--target', curlUrl, fullUrl);
}

/** A JSON object with a string `kty`: the shape of a JWK (RFC 7517 §4.1). */
function isJwk(value: unknown): value is JWK & { kty: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { kty?: unknown }).kty === 'string';
}

/** `--jwk-file FILE`: an asymmetric JWK (its content never quoted in a message). */
async function readJwk(file: string): Promise<JWK> {
  let jwk: unknown;
  try {
    jwk = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    throw new UsageError(`--jwk-file ${file}: cannot read a JSON object from it; give the client's JWK as a JSON file`);
  }
  if (!isJwk(jwk)) throw new UsageError(`--jwk-file ${file}: not a JWK (a JSON object with kty)`);
  if (jwk.kty === 'oct') throw new UsageError(`--jwk-file ${file}: an oct JWK is a shared secret: give the client secret with --secret-env VAR (client_secret_jwt)`);
  try {
    publicKeyOfJwk(jwk);
  } catch {
    throw new UsageError(`--jwk-file ${file}: node:crypto cannot read this ${jwk.kty} JWK; give an RSA, EC or OKP key`);
  }
  return jwk;
}

/** The rfc7523 flags, refused with the storx profile, where they mean nothing. */
function assertionFlags(profile: ProfileName, flags: DoctorFlags): { leewaySeconds: number } {
  const given = [flags.jwkFile === undefined ? null : '--jwk-file', flags.audience === undefined ? null : '--audience', flags.leeway === '0' ? null : '--leeway'].filter((flag) => flag !== null);
  if (profile === 'storx' && given.length > 0) throw new UsageError(`${given.join(', ')}: for --profile rfc7523 only`);
  if (flags.jwkFile !== undefined && (flags.secret !== undefined || flags.secretEnv !== undefined)) throw new UsageError('give the client secret (--secret-env) or its JWK (--jwk-file), not both');
  if (flags.audience !== undefined) httpUrl('--audience', flags.audience, "the aud the server takes, e.g. https://auth.example.com/oauth2/token");
  const leewaySeconds = Number(flags.leeway);
  if (flags.leeway.trim() === '' || !Number.isFinite(leewaySeconds) || leewaySeconds < 0) throw new UsageError(`--leeway takes a number of 0 or more seconds, not "${flags.leeway}"`);
  return { leewaySeconds };
}

async function doctor(file: string | undefined, flags: DoctorFlags): Promise<number> {
  const profile = parseProfile(flags.profile);
  const { leewaySeconds } = assertionFlags(profile, flags);
  const secret = readSecret(flags);
  const jwk = flags.jwkFile === undefined ? null : await readJwk(flags.jwkFile);
  const atMs = readAt(flags.at);
  const timeoutMs = Number(flags.timeout) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new UsageError(`--timeout takes seconds (more than 0), not "${flags.timeout}"`);
  if (flags.target !== undefined && atMs !== null) throw new UsageError('--at judges the request at another moment; --target sends it now: give one of them');
  // Loaded on demand, so that --help and bad flags answer at once.
  const doctorModule = await import('../doctor/index.js');
  let request;
  try {
    request = doctorModule.readRequest(await readInput(file, profile), process.env, profile);
  } catch (error) {
    if (isHarnessError(error, 'unreadable-request')) throw new UsageError(`cannot read the request${file && file !== '-' ? ` in ${file}` : ''}: ${error.message}`, { cause: error });
    throw error;
  }
  const targetUrl = targetOf(flags.target, request.url);
  const nowMs = atMs ?? Date.now();
  // The aud as the user wrote it: RFC 7523 §3 item 3 compares strings, and a parsed URL may differ (a trailing slash).
  const audience = flags.audience ?? (flags.target === undefined ? undefined : flags.target === true ? (request.url ?? undefined) : flags.target);
  const diagnosis = doctorModule.diagnose(request, {
    secret,
    nowMs,
    profile,
    leewaySeconds,
    ...(flags.secretEnv !== undefined ? { secretEnv: flags.secretEnv } : {}),
    ...(jwk === null ? {} : { jwk }),
    ...(audience === undefined ? {} : { audience }),
  });
  const render = flags.json ? doctorModule.renderJson : doctorModule.renderText;
  let target = null;
  try {
    if (targetUrl !== null) target = await doctorModule.consultTarget(request, diagnosis, { url: targetUrl, secret, nowMs, timeoutMs });
  } catch (error) {
    if (!isHarnessError(error, 'target-unreachable')) throw error;
    process.stdout.write(`${render({ request, diagnosis, target: null })}\n`);
    throw new UsageError(error.message, { cause: error });
  }
  process.stdout.write(`${render({ request, diagnosis, target })}\n`);
  if (target !== null) return target.original.status >= 200 && target.original.status < 300 ? 0 : 1;
  return diagnosis.verdict.outcome === 'refused' ? 1 : 0;
}

/** The file's text, or standard input's (with a prompt when a person is typing). */
async function readInput(file: string | undefined, profile: ProfileName): Promise<string> {
  if (file !== undefined && file !== '-') {
    try {
      return await readFile(file, 'utf8');
    } catch {
      throw new UsageError(`cannot read ${file}: give the path of a file holding the ${profile === 'storx' ? 'JSON' : 'form'} body or the curl command line, or pipe it in`);
    }
  }
  if (process.stdin.isTTY) process.stderr.write(`Paste the request (a ${profile === 'storx' ? 'JSON' : 'form'} body or a curl command line), then press Ctrl-D:\n`);
  return text(process.stdin);
}
