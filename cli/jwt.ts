import { text } from 'node:stream/consumers';
import { Command } from 'commander';
import { UsageError } from './errors.js';
import { readAt, readSecret, type SecretFlags } from './secret.js';

interface MintFlags extends SecretFlags {
  clientId: string;
  ttl?: string;
  exp?: string;
}

interface DecodeFlags extends SecretFlags {
  clientId?: string;
  at?: string;
  json?: boolean;
}

/** SPEC §1: clients mint a JWT per request with a 5-minute life. */
const DEFAULT_TTL_SECONDS = 300;

/** `grantproof jwt mint | decode`: the client_secret JWT, made and taken apart. */
export function jwtCommand(): Command {
  const jwt = new Command('jwt')
    .description('Mint or decode a client_secret JWT (HS256 {client_id, exp}, keyed with the UTF-8 bytes of the stored secret)')
    .exitOverride()
    .configureOutput({ writeErr: () => undefined })
    // Without a subcommand: its help, and exit 2 as for `grantproof` alone.
    .action(() => {
      process.stderr.write(jwt.helpInformation());
      process.exitCode = 2;
    });

  jwt
    .command('mint')
    .description('Print a fresh client_secret JWT for a client: header {"alg":"HS256","typ":"JWT"}, payload {"client_id","exp"}')
    .requiredOption('--client-id <id>', 'the client the JWT is for')
    .option('--secret <secret>', "the client's stored secret (stays in shell history: prefer --secret-env)")
    .option('--secret-env <VAR>', "read the client's stored secret from environment variable VAR")
    .option('--ttl <s>', `seconds until exp (default ${DEFAULT_TTL_SECONDS})`)
    .option('--exp <seconds>', 'exp itself, a NumericDate (seconds since 1970), instead of --ttl')
    .addHelpText('after', '\nThe JWT goes to standard output, its expiry to standard error.')
    .action(async (flags: MintFlags) => {
      const secret = readSecret(flags);
      if (secret === null) throw new UsageError("jwt mint needs the client's stored secret: --secret-env VAR (or --secret)");
      const exp = expOf(flags);
      const { mintClientSecret } = await import('../jwt/index.js');
      const { bothZones, expiryPhrase } = await import('../doctor/index.js');
      process.stdout.write(`${await mintClientSecret({ clientId: flags.clientId, exp, secret })}\n`);
      process.stderr.write(`exp ${exp}: ${expiryPhrase(exp, Date.now())}, ${bothZones(exp)}\n`);
    });

  jwt
    .command('decode')
    .description("Decode a client_secret JWT and check it as the server would (SPEC §1 steps 1, 2, 4, 5; 6 with --client-id); the signature is never shown")
    .argument('[token]', 'the JWT (default, or "-": standard input)')
    .option('--secret <secret>', "the client's stored secret, to check the signature (stays in shell history: prefer --secret-env)")
    .option('--secret-env <VAR>', "read the client's stored secret from environment variable VAR")
    .option('--client-id <id>', "the body's client_id, to compare with the JWT's")
    .option('--at <time>', 'judge exp at this moment (ISO 8601 or seconds since 1970) instead of now')
    .option('--json', 'as JSON: header, payload and the steps')
    .addHelpText('after', '\nExit status: 0 every check passes, 1 one fails, 2 no token given.')
    .action(async (token: string | undefined, flags: DecodeFlags) => {
      const secret = readSecret(flags);
      const nowMs = readAt(flags.at) ?? Date.now();
      const given = (token === undefined || token === '-' ? await text(process.stdin) : token).trim();
      if (given === '') throw new UsageError('no token given: pass the JWT as an argument or on standard input');
      const { diagnoseToken, renderSteps, LEGEND } = await import('../doctor/index.js');
      const decoded = diagnoseToken(given, { secret, nowMs, clientId: flags.clientId ?? null });
      process.stdout.write(`${flags.json ? JSON.stringify(decoded, null, 2) : [...renderSteps(decoded.steps), '', LEGEND].join('\n')}\n`);
      process.exitCode = decoded.steps.some((step) => step.mark === 'fail') ? 1 : 0;
    });

  return jwt;
}

function expOf(flags: MintFlags): number {
  if (flags.ttl !== undefined && flags.exp !== undefined) throw new UsageError('give --ttl or --exp, not both');
  if (flags.exp !== undefined) {
    if (!/^\d+$/.test(flags.exp.trim())) throw new UsageError(`--exp takes whole seconds since 1970, not "${flags.exp}"`);
    return Number(flags.exp);
  }
  const ttl = flags.ttl === undefined ? DEFAULT_TTL_SECONDS : Number(flags.ttl);
  if (!Number.isInteger(ttl) || ttl <= 0) throw new UsageError(`--ttl takes whole seconds (more than 0), not "${flags.ttl}"`);
  return Math.floor(Date.now() / 1000) + ttl;
}
