import { Command, Option } from 'commander';
import { harness } from '../results/package-info.js';
import { serve, type ServeFlags } from './serve.js';
import { listCatalogue, parseProfile } from './catalogue.js';
import { DEFAULT_CONCURRENCY } from '../suites/schedule.js';
import { DEFAULT_PROFILE, PROFILES } from '../vocabulary/profile.js';
import type { ReportFlags } from './report.js';
import type { ReproFlags } from './repro.js';
import { canonicalPactDir, DEFAULT_RUNS, parsePublishFlags, parseRunFlags, type PublishFlags, type RunFlags, type RunPlan } from './run-options.js';
import { CANONICAL_PACT_DIR, CANONICAL_PROVIDER, CANONICAL_PROVIDER_RFC7523, CANONICAL_RFC7523_PACT_DIR } from '../contract/canonical.js';
import { doctorCommand } from './doctor.js';
import { jwtCommand } from './jwt.js';
import { DEFAULT_SCOPES } from '../vocabulary/run-config.js';

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * A `--fixtures` module is the user's code: a socket or timer it leaves open (a setup cut by
 * --timeout while it waits on a silent socket) would keep the process alive after the run
 * has written its results. Such a run ends the process itself once it is done (cli/main.ts).
 */
export const ending = { afterRun: false };

const EXIT_HELP = '\nExit status: 0 conformant, 1 not conformant, 2 no verdict (bad arguments, target unusable, a required check skipped).';

/** SPEC §4 `--pact-dir`, `--broker-url`, and what a broker needs besides. */
function withPactSourceOptions(command: Command, pactDir: string, brokerUrl: string): Command {
  return command
    .option('--pact-dir <dir>', pactDir)
    .option('--broker-url <url>', brokerUrl)
    .option('--provider <name>', `the provider name the broker holds pacts for (default: ${CANONICAL_PROVIDER}, with --profile rfc7523 ${CANONICAL_PROVIDER_RFC7523})`)
    .option('--broker-token-env <VAR>', 'the environment variable holding the broker\'s bearer token', 'PACT_BROKER_TOKEN')
    .option('--consumer-version-selector <json>', 'a consumer version selector, e.g. \'{"branch":"main"}\' (repeatable; default: main branch, deployed or released)', collect, [])
    .option('--publish-verification-results', "publish the verification results of --broker-url's pacts back to the broker, for its can-i-deploy")
    .option('--provider-version <version>', 'with --publish-verification-results: the provider version verified, e.g. its git SHA')
    .option('--provider-branch <name>', 'with --publish-verification-results: the provider branch, e.g. main');
}

/** `verify-pact` is `run --only contract`, with the profile's canonical pact when no source is given. */
function verifyPactFlags(flags: Partial<RunFlags>, defaults: RunFlags): RunFlags {
  const merged = { ...defaults, ...flags };
  const source = flags.pactDir === undefined && flags.brokerUrl === undefined ? { pactDir: canonicalPactDir(parseProfile(merged.profile)) } : {};
  return { ...merged, ...source, only: 'contract' } as RunFlags;
}

/** The command line of SPEC §4: every command, its flags and their defaults, and what each runs. */
export function program(): Command {
  const root = new Command('grantproof')
    .description('Conformance harness for OAuth2 token endpoints whose client_secret is an HS256 JWT (StorX style)')
    .version(harness.version, '-v, --version')
    .exitOverride()
    .configureOutput({ writeErr: () => undefined })
    .showHelpAfterError(false);

  const run = root
    .command('run')
    .description('Run the requirement catalogue against a target (the embedded reference server when no --target is given) and write the reports')
    .option('--target <url>', 'the token endpoint, e.g. http://localhost:10100/api/v0/oauth2/token (default: the embedded reference server)')
    .option('--state-url <url>', 'the state-change endpoint that hands out clients and codes (SPEC §3)')
    .option('--fixtures <file.mjs>', 'a module exporting setup(state, params) instead of a state endpoint')
    .option('--target-log <file>', "a file the target writes its log to; read after the run for LOG-NO-SECRET (a --target-image container's log is used by itself)")
    .option('--target-image <image>', 'start IMAGE as the target (testcontainers) and remove it after the run; instead of --target')
    .option('--target-port <n>', 'the port the target listens on inside the container (default: 10100)')
    .option('--token-path <path>', "the token endpoint's path in the container (default: /api/v0/oauth2/token)")
    .option('--state-path <path>', "the state endpoint's path in the container (default: /provider-states)")
    .option('--env <NAME=value>', 'an environment variable for the container (repeatable); values are never recorded', collect, [])
    .option('--wait-path <path>', 'the container is ready once GET PATH answers below 500 (default: the token path)')
    .option('--wait-timeout <s>', 'the longest wait for that, seconds (default: 60)')
    .option('--profile <name>', `the wire format and its rules: ${PROFILES.join(' (SPEC §1) or ')} (SPEC §5)`, DEFAULT_PROFILE)
    .option('--audience <aud>', "rfc7523: the assertion's aud: token-endpoint (the --target URL), issuer (the state answer's issuer) or a URL", 'token-endpoint')
    .option('--auth-method <m>', 'rfc7523: client_secret_jwt, private_key_jwt or both; the positive control and each case built of variants run once per method, the cases of their own shape with the first', 'both')
    .option('--leeway <s>', "the target's clock leeway, seconds", '0')
    .option('--max-lifetime <s>', 'the longest JWT life the target should accept, seconds', '300')
    .option('--status <code=nnn>', 'the status the target uses for an error code (repeatable), e.g. invalid_client=400', collect, [])
    .option('--header <"Name: value">', 'a header sent with every request (repeatable); its value is never recorded', collect, [])
    .option('--header-env <Name=VAR>', 'the same, the value read from environment variable VAR (repeatable)', collect, [])
    .option('--timeout <s>', 'per-request timeout, seconds', '10')
    .option('--rate <n>', 'at most N token requests per second (default: unlimited)')
    .option('--max-wait <s>', 'the longest wait on a streak of 429s (Retry-After honoured up to it); past it the run stops waiting and skips the cases left', '30')
    .option('--only <list>', 'comma-separated requirement IDs, ID prefixes (AUTH-) or stages (conformance, properties, contract, abuse; abuse only when named)')
    .option('--seed <n>', 'the property stage\'s seed (default: random, printed so the run can be replayed)')
    .option('--runs <n>', 'examples per property', String(DEFAULT_RUNS))
    .option('--concurrency <n>', 'how many cases, each with its own client, are in flight at once; 1 runs them one by one', String(DEFAULT_CONCURRENCY))
    .option('--scopes <list>', 'comma-separated scopes the target can grant; each case asks its code for a random non-empty subset, in random order (from --seed)', DEFAULT_SCOPES.join(','))
    .option('--abuse-burst <n>', 'abuse stage (--only abuse): the most failed client authentications sent for a 429 (SPEC §7)', '100')
    .option('--callback-host <host>', 'the address a target can reach the harness\'s own listener at (jku/x5u probes)', '127.0.0.1')
    .option('--shard <i/n>', 'run the i-th of n shares of the case requirements (needs --seed); join the shards with `grantproof merge`')
    .option('--expected-failures <file.json>', 'JSON mapping requirement IDs to a reason (or {reason, link}): these may fail without failing the run')
    .option('--out <dir>', 'where results.json, report.html, junit.xml and allure-results/ go', 'reports');
  withPactSourceOptions(run, 'a folder of pact files to verify too, as requirement CONTRACT-PACT', 'a Pact Broker to fetch pacts from, verified as CONTRACT-PACT')
    .addHelpText('after', EXIT_HELP)
    .action(async (flags: RunFlags) => {
      const plan = parseRunFlags(flags);
      ending.afterRun = plan.target?.fixtures.kind === 'module';
      // Loaded on demand: vitest is heavy, and --help or a bad flag should answer at once.
      const { run } = await import('./run.js');
      process.exitCode = await run(plan, { progress: (line) => process.stderr.write(`${line}\n`), out: (text) => process.stdout.write(`${text}\n`) });
    });

  const verify = root
    .command('verify-pact')
    .description('Verify a provider against Pact contracts (default: the canonical pact shipped in pacts/); fixtures come through the state-change URL (SPEC §3)')
    .option('--target <url>', 'the token endpoint (default: the embedded reference server)')
    .option('--state-url <url>', 'the state-change endpoint that serves the pacts\' provider states (SPEC §3)')
    .option('--fixtures <file.mjs>', 'a module exporting setup(state, params) instead of a state endpoint')
    .option('--header <"Name: value">', 'a header sent with every request (repeatable); its value is never recorded', collect, [])
    .option('--header-env <Name=VAR>', 'the same, the value read from environment variable VAR (repeatable)', collect, [])
    .option('--timeout <s>', 'per-request timeout, seconds; also bounds each call to a broker', '10')
    .option('--profile <name>', `the wire format the pacts speak: ${PROFILES.join(' (SPEC §1) or ')} (SPEC §5)`, DEFAULT_PROFILE)
    .option('--audience <aud>', "rfc7523: the aud of every re-signed assertion: token-endpoint (the --target URL), issuer (the state answer's issuer) or a URL", 'token-endpoint')
    .option('--out <dir>', 'where results.json and junit.xml go', 'reports');
  withPactSourceOptions(verify, `a folder of pact files to verify (default: the profile's canonical pact, ${CANONICAL_PACT_DIR} or ${CANONICAL_RFC7523_PACT_DIR})`, 'a Pact Broker to fetch the pacts to verify from')
    .addHelpText('after', `\nThe one change made to recorded requests: each client_secret JWT is re-signed with the stored secret the provider state hands out (fresh, or expired for a client_secret_expired interaction; invalid_client interactions are sent as recorded); with --profile rfc7523, each client_assertion with the secret or private JWK the state hands out (iss = sub = its client_id, --audience, a fresh jti, iat and exp), and the code's code_verifier.${EXIT_HELP}`)
    .action(async (flags: Partial<RunFlags>) => {
      const plan = parseRunFlags(verifyPactFlags(flags, run.opts<RunFlags>()));
      ending.afterRun = plan.target?.fixtures.kind === 'module';
      const { run: runCatalogue } = await import('./run.js');
      process.exitCode = await runCatalogue(plan, { progress: (line) => process.stderr.write(`${line}\n`), out: (text) => process.stdout.write(`${text}\n`) });
    });

  root
    .command('publish-pacts')
    .description('Publish pact files to a Pact Broker (its publish-contracts API), under a consumer version and branch')
    .requiredOption('--broker-url <url>', 'the Pact Broker base URL')
    .requiredOption('--consumer-version <version>', 'the consumer version the pacts belong to, e.g. a git SHA')
    .requiredOption('--branch <name>', 'the consumer branch, e.g. main')
    .option('--pact-dir <dir>', 'the folder of pact files to publish', 'pacts')
    .option('--broker-token-env <VAR>', 'the environment variable holding the broker\'s bearer token', 'PACT_BROKER_TOKEN')
    .option('--timeout <s>', 'the longest wait for the broker, seconds', '10')
    .action(async (flags: PublishFlags) => {
      const { publishPacts } = await import('../contract/publish.js');
      const published = await publishPacts(parsePublishFlags(flags));
      for (const { consumer, providers, notices } of published) {
        process.stdout.write(`published ${consumer} ${flags.consumerVersion} (${flags.branch}): pacts with ${providers.join(', ')}\n`);
        for (const notice of notices) process.stdout.write(`  ${notice}\n`);
      }
    });

  root
    .command('repro')
    .description("Send the failing request of requirement ID in a finished run again, from fresh fixtures over the run's state endpoint, and print the exchange and its judgement")
    .argument('<id>', 'the requirement that failed, e.g. AUTH-ALG-NONE')
    .option('--out <dir>', "the folder holding the run's results.json", 'reports')
    .option('--variant <n>', "the n-th failing exchange of ID's evidence, 1-based (default: the first)")
    .option('--show-secrets', 'print the curl line with the real values, to the terminal only (never written to a file)')
    .option('--header <"Name: value">', "a header the run sent, given again: results.json keeps its name, never its value (repeatable)", collect, [])
    .option('--header-env <Name=VAR>', 'the same, the value read from environment variable VAR (repeatable)', collect, [])
    .addHelpText('after', '\nExit status: 1 it failed again, 0 the target now answers as required, 2 it could not be replayed (one line says why and what to do).')
    .action(async (id: string, flags: ReproFlags) => {
      // A run's --fixtures module may leave a socket open, as after a run (see `ending`).
      ending.afterRun = true;
      const { repro } = await import('./repro.js');
      process.exitCode = await repro(id, flags, run.opts<RunFlags>(), { progress: (line) => process.stderr.write(`${line}\n`), out: (text) => process.stdout.write(`${text}\n`) });
    });

  root
    .command('merge')
    .description('Merge the --out folders of the shards of one run (grantproof run --shard i/n) into the reports of one unsharded run')
    .argument('<dir...>', 'the --out folder of every shard')
    .option('--out <dir>', 'where the merged results.json, junit.xml and allure-results/ go', 'reports')
    .addHelpText('after', '\nExit status: as `grantproof run` gives the merged verdict; 2 when the folders are not every shard of one run.')
    .action(async (dirs: string[], flags: { out: string }) => {
      const { merge } = await import('./merge.js');
      process.exitCode = await merge(dirs, flags.out, { progress: (line) => process.stderr.write(`${line}\n`), out: (text) => process.stdout.write(`${text}\n`) });
    });

  root
    .command('serve')
    .description('Serve the in-memory reference implementation of the token endpoint (SPEC §1, or §5 with --profile rfc7523)')
    .option('--port <n>', 'the port to listen on', '10100')
    .option('--host <address>', 'the address to listen on', '127.0.0.1')
    .option('--leeway <s>', 'clock leeway for exp, seconds', '0')
    .option('--max-lifetime <s>', 'the longest JWT life accepted, seconds', '300')
    .addOption(new Option('--enable-states', 'also serve the state-change endpoint at /provider-states (SPEC §3)'))
    .option('--profile <name>', 'the wire format and its rules: storx (SPEC §1) or rfc7523 (SPEC §5)', 'storx')
    .option('--issuer <url>', "rfc7523: the issuer an assertion's aud may name, beside the token endpoint under it (default: the origin it listens on)")
    .option('--rate-limit <B/P>', 'rate-limit the token endpoint per client address: a burst of B requests, refilled at B every P seconds (StorX: 5/300)')
    .option('--no-retry-after', "answer the rate limit's 429s without Retry-After, as StorX does")
    .option('--trusted-proxy <address>', 'a proxy whose X-Forwarded-For, X-Real-IP, Forwarded, True-Client-IP and CF-Connecting-IP the rate limit believes (repeatable; default: none)', collect, [])
    .action(async (flags: ServeFlags) => {
      await serve(flags, (line) => process.stdout.write(`${line}\n`));
    });

  root
    .command('report')
    .description('Render report.html again from the results.json in --out, and with --pdf print it to PDF through Chromium')
    .option('--out <dir>', 'the folder holding results.json; report.html is written beside it', 'reports')
    .option('--pdf <file>', "also print the report to this PDF file (needs Debian's chromium: apt-get install chromium)")
    .action(async (flags: ReportFlags) => {
      // Loaded on demand, like run: playwright-core is only needed here.
      const { report } = await import('./report.js');
      await report(flags, (line) => process.stdout.write(`${line}\n`));
    });

  root
    .command('catalogue')
    .description('List the requirements a run checks (IDs for --only), with what each expects in a profile')
    .option('--json', 'as JSON')
    .option('--profile <name>', `the profile whose table to list: ${PROFILES.join(' or ')} (SPEC §5)`, DEFAULT_PROFILE)
    .action((flags: { json?: boolean; profile: string }) => {
      process.stdout.write(`${listCatalogue(flags.json === true, flags.profile)}\n`);
    });

  root.addCommand(doctorCommand());
  root.addCommand(jwtCommand());

  for (const command of root.commands) command.exitOverride().configureOutput({ writeErr: () => undefined });
  return root;
}

/**
 * The plan `grantproof run ARGS` would carry out, parsed by the very command line above (its
 * flags, defaults and checks), for callers that evaluate a run in their own process.
 */
export function runPlanOf(args: readonly string[], env: NodeJS.ProcessEnv = process.env): RunPlan {
  const root = program();
  let plan: RunPlan | undefined;
  root.commands.find((command) => command.name() === 'run')!.action((flags: RunFlags) => {
    plan = parseRunFlags(flags, env);
  });
  root.parse(['run', ...args], { from: 'user' });
  return plan!;
}
