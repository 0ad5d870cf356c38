import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { GenericContainer, getContainerRuntimeClient, ImageName, Wait, type StartedTestContainer } from 'testcontainers';
import { endpointUrls, type ContainerEndpoints } from './endpoints.js';
import { TargetContainerFailed } from './errors.js';
import { TargetLogFile } from './log-file.js';
import { LogTail } from './log-tail.js';
import { TARGET_LOG_LINES, type ContainerTargetOptions } from './options.js';
import { RUN_LABEL, removeLabelled } from './remove-labelled.js';
import { removeOnInterrupt } from './remove-on-interrupt.js';
import { redactedLog, type TargetLog } from './target-log.js';
import type { TargetLogSource } from '../vocabulary/run-config.js';

/** After a failed start, how long to let the log stream deliver what the container wrote last. */
const LOG_DRAIN_MS = 2_000;

/** A GenericContainer that tells its id as soon as the engine has created it, before it is ready. */
class ContainerReportingItsId extends GenericContainer {
  constructor(image: string, private readonly created: (id: string) => void) {
    super(image);
  }

  protected override async containerCreated(containerId: string): Promise<void> {
    this.created(containerId);
  }
}

/**
 * `--target-image`: the run's target as a container, started with testcontainers, ready once
 * it answers HTTP, and always removed: by `remove()` when the run ends, or by the interrupt
 * handler on Ctrl-C or SIGTERM. Its log is followed from the start, so the last lines are at
 * hand even for a container that exited and is gone, and the whole of it is written to a
 * temporary file for LOG-NO-SECRET (SPEC §7), deleted with the container.
 */
export class TargetContainer {
  private readonly runLabel = `${RUN_LABEL}=${randomUUID()}`;
  private readonly tail = new LogTail(TARGET_LOG_LINES);
  private readonly logFile: TargetLogFile;
  private logEnded: Promise<void> = Promise.resolve();
  private id: string | null = null;
  private started: StartedTestContainer | null = null;
  private stopRemovingOnInterrupt: (() => void) | null = null;

  /** `secrets`: the run's header values, redacted from the log like the `--env` values. */
  constructor(
    private readonly options: ContainerTargetOptions,
    private readonly secrets: readonly string[],
    private readonly progress: (line: string) => void,
  ) {
    this.logFile = new TargetLogFile(this.knownSecrets());
  }

  /** e.g. `container grantproof-reference:latest (3f2a9c1d0b7e)` */
  get source(): string {
    return `container ${this.options.image}${this.id ? ` (${this.id.slice(0, 12)})` : ''}`;
  }

  async start(): Promise<ContainerEndpoints> {
    const { image, port, waitPath, waitTimeoutMs, env } = this.options;
    // Ryuk, testcontainers' reaper, is an image of its own that would be pulled: the run
    // removes its container itself, so it is off unless the user turned it on.
    process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
    const client = await getContainerRuntimeClient().catch((error: unknown) => {
      throw new TargetContainerFailed(`--target-image needs a container engine and none answers (${firstLine(error)}): start Docker (check with \`docker info\`) or point DOCKER_HOST at one`, { cause: error });
    });
    const local = await client.image.exists(ImageName.fromString(image));
    this.progress(`${local ? '' : `image ${image} is not on this machine: pulling it; `}starting ${image}, waiting up to ${waitTimeoutMs / 1000} s for GET ${waitPath} on its port ${port}`);
    this.stopRemovingOnInterrupt = removeOnInterrupt(this.runLabel, (line) => process.stderr.write(`grantproof: ${line}\n`));
    const [labelName, labelValue] = this.runLabel.split('=') as [string, string];
    // testcontainers unrefs the sockets of container log streams. While its start awaits one
    // (the HTTP wait reads an exited container's last lines), nothing else may keep Node
    // running, and the process would end, with status 0, in the middle of the run.
    const holdOpen = setInterval(() => undefined, 60_000);
    try {
      this.started = await new ContainerReportingItsId(image, (id) => (this.id = id))
        .withExposedPorts(port)
        .withEnvironment({ ...env })
        .withLabels({ [labelName]: labelValue })
        .withLogConsumer((stream) => this.follow(stream))
        // Any answer below 500 means the server is up; a 5xx may be a proxy before it starting.
        .withWaitStrategy(Wait.forHttp(waitPath, port, { abortOnContainerExit: true }).forStatusCodeMatching((status) => status < 500))
        .withStartupTimeout(waitTimeoutMs)
        .start();
    } catch (error) {
      await this.drainLog();
      throw new TargetContainerFailed(this.startFailure(error, local), { cause: error });
    } finally {
      clearInterval(holdOpen);
    }
    const endpoints = endpointUrls(this.started.getHost(), this.started.getMappedPort(port), this.options);
    this.progress(`target ${this.source} is up: ${endpoints.tokenUrl}`);
    return endpoints;
  }

  /**
   * The last lines the container logged, redacted; null when no container was created. Once
   * LOG-NO-SECRET has read the whole log, they are the lines it wrote back, redacted with every
   * secret of the run; before (a run stopped early), the lines kept here, redacted with what
   * this process knows.
   */
  log(): TargetLog | null {
    if (!this.id) return null;
    return redactedLog(this.source, this.logFile.redactedTail() ?? this.tail.lines(), this.knownSecrets());
  }

  /** Where LOG-NO-SECRET reads the container's whole log, once it started (SPEC §7), and writes back its redacted tail. */
  logSource(): TargetLogSource {
    return this.logFile.sourceFor(this.source, TARGET_LOG_LINES);
  }

  /**
   * Stops and removes the container, whatever state its start reached. A removal that fails
   * is reported with the command that finishes it, and does not hide how the run ended.
   */
  async remove(): Promise<void> {
    try {
      if (this.started) await this.started.stop();
      else if (this.id) await removeLabelled(this.runLabel);
    } catch (error) {
      this.progress(`could not remove the target ${this.source} (${firstLine(error)}): remove it with: docker rm -f $(docker ps -aq --filter label=${this.runLabel})`);
    } finally {
      this.stopRemovingOnInterrupt?.();
      this.logFile.remove();
    }
  }

  /** Waits, up to LOG_DRAIN_MS, for the log stream to deliver the last lines and end. */
  private async drainLog(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.logEnded, new Promise((resolve) => (timer = setTimeout(resolve, LOG_DRAIN_MS)))]);
    clearTimeout(timer);
  }

  /** The values the run gave the container and the target (`--env`, `--header`): redacted from every line of its log kept. */
  private knownSecrets(): { value: string; kind: 'environment value' | 'header value' }[] {
    return [
      ...Object.values(this.options.env).map((value) => ({ value, kind: 'environment value' as const })),
      ...this.secrets.map((value) => ({ value, kind: 'header value' as const })),
    ];
  }

  private follow(stream: Readable): void {
    stream.on('data', (chunk: string) => {
      this.tail.push(chunk);
      this.logFile.push(chunk);
    });
    this.logEnded = new Promise((resolve) => {
      stream.once('end', resolve);
      stream.once('error', resolve);
    });
  }

  /** One line saying why the container is not usable and what to check. */
  private startFailure(error: unknown, local: boolean): string {
    const { image, port, waitPath, waitTimeoutMs } = this.options;
    const why = firstLine(error);
    if (!this.id) {
      return local
        ? `the container engine could not create a container from ${image} (${why})`
        : `image ${image} is not on this machine and could not be pulled (${why}): build it (docker build -t ${image} .) or check its name and the registry login`;
    }
    if (why.startsWith('Container exited')) {
      return `the target ${this.source} exited before answering GET ${waitPath}: its last log lines are in the report; check that \`docker run ${image}\` keeps running`;
    }
    if (why.includes('not accessible after')) {
      return `the target ${this.source} did not answer GET ${waitPath} on its port ${port} within ${waitTimeoutMs / 1000} s: check --target-port and --wait-path, or raise --wait-timeout; its last log lines are in the report`;
    }
    return `the target ${this.source} did not start (${why})`;
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}
