import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { Command } from 'commander';
import { UsageError } from './errors.js';
import { isHarnessError } from '../vocabulary/errors.js';
import { httpUrl } from './run-options.js';
import { readAt, readSecret, type SecretFlags } from './secret.js';

interface DoctorFlags extends SecretFlags {
  /** A URL, or `true` for `--target` alone: the URL of the pasted curl command line. */
  target?: string | true;
  timeout: string;
  at?: string;
  json?: boolean;
}

/** `grantproof doctor`: why does my token request get invalid_client? */
export function doctorCommand(): Command {
  return new Command('doctor')
    .description("Why does my token request get invalid_client? Runs SPEC §1's validation step by step on your own request and says what the server should answer and what to do")
    .argument('[file]', 'the request: a JSON body or a curl command line (default, or "-": standard input)')
    .option('--secret <secret>', "the client's stored secret, to check the signature (stays in shell history: prefer --secret-env)")
    .option('--secret-env <VAR>', "read the client's stored secret from environment variable VAR")
    .option('--target [url]', "also send the request to this token endpoint (alone: the pasted curl command's URL), and the same request with a freshly minted JWT, and explain the answers")
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

async function doctor(file: string | undefined, flags: DoctorFlags): Promise<number> {
  const secret = readSecret(flags);
  const atMs = readAt(flags.at);
  const timeoutMs = Number(flags.timeout) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new UsageError(`--timeout takes seconds (more than 0), not "${flags.timeout}"`);
  if (flags.target !== undefined && atMs !== null) throw new UsageError('--at judges the request at another moment; --target sends it now: give one of them');
  // Loaded on demand, so that --help and bad flags answer at once.
  const doctorModule = await import('../doctor/index.js');
  let request;
  try {
    request = doctorModule.readRequest(await readInput(file));
  } catch (error) {
    if (isHarnessError(error, 'unreadable-request')) throw new UsageError(`cannot read the request${file && file !== '-' ? ` in ${file}` : ''}: ${error.message}`, { cause: error });
    throw error;
  }
  const targetUrl = targetOf(flags.target, request.url);
  const nowMs = atMs ?? Date.now();
  const diagnosis = doctorModule.diagnose(request, { secret, nowMs, ...(flags.secretEnv !== undefined ? { secretEnv: flags.secretEnv } : {}) });
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
async function readInput(file: string | undefined): Promise<string> {
  if (file !== undefined && file !== '-') {
    try {
      return await readFile(file, 'utf8');
    } catch {
      throw new UsageError(`cannot read ${file}: give the path of a file holding the JSON body or the curl command line, or pipe it in`);
    }
  }
  if (process.stdin.isTTY) process.stderr.write('Paste the request (a JSON body or a curl command line), then press Ctrl-D:\n');
  return text(process.stdin);
}
