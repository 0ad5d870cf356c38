import { CONTAINER_DEFAULTS, type ContainerTargetOptions } from '../containers/options.js';
import { UsageError } from './errors.js';

/** The flags of `grantproof run` that describe a target to start as a container. */
export interface ContainerFlags {
  targetImage?: string;
  targetPort?: string;
  tokenPath?: string;
  statePath?: string;
  env: string[];
  waitPath?: string;
  waitTimeout?: string;
}

/** POSIX: an environment variable's name is letters, digits and underscores, not starting with a digit. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The container target `--target-image` asks for, checked; null without it. */
export function parseContainerFlags(flags: ContainerFlags & { target?: string; stateUrl?: string; fixtures?: string }): ContainerTargetOptions | null {
  if (flags.targetImage === undefined) {
    const stray = (['targetPort', 'tokenPath', 'statePath', 'waitPath', 'waitTimeout'] as const).filter((key) => flags[key] !== undefined).map(flagName);
    if (flags.env.length) stray.push('--env');
    if (stray.length) throw new UsageError(`${stray.join(', ')} describe${stray.length === 1 ? 's' : ''} a container target: give --target-image too`);
    return null;
  }
  if (flags.target !== undefined || flags.stateUrl !== undefined || flags.fixtures !== undefined) {
    throw new UsageError('--target-image starts the target itself: drop --target, --state-url and --fixtures (the URLs come from the container, --token-path and --state-path)');
  }
  const image = flags.targetImage.trim();
  if (!image || /\s/.test(image)) throw new UsageError('--target-image takes an image name, e.g. grantproof-reference:latest');
  const tokenPath = path('--token-path', flags.tokenPath ?? CONTAINER_DEFAULTS.tokenPath);
  return {
    image,
    port: port(flags.targetPort ?? String(CONTAINER_DEFAULTS.port)),
    tokenPath,
    statePath: path('--state-path', flags.statePath ?? CONTAINER_DEFAULTS.statePath),
    waitPath: path('--wait-path', flags.waitPath ?? tokenPath),
    waitTimeoutMs: waitSeconds(flags.waitTimeout ?? String(CONTAINER_DEFAULTS.waitTimeoutSeconds)) * 1000,
    env: environment(flags.env),
  };
}

/** The container options as results.json records them: `--env` values redacted, they may be secrets. */
export function recordedContainerOptions(options: ContainerTargetOptions): Record<string, unknown> {
  return {
    targetImage: options.image,
    targetPort: options.port,
    tokenPath: options.tokenPath,
    statePath: options.statePath,
    env: Object.fromEntries(Object.keys(options.env).map((name) => [name, '[redacted]'])),
    waitPath: options.waitPath,
    waitTimeout: options.waitTimeoutMs / 1000,
  };
}

function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

function port(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || number < 1 || number > 65535) throw new UsageError(`--target-port takes the port the target listens on inside the container (1–65535), not "${value}"`);
  return number;
}

function path(flag: string, value: string): string {
  if (!value.startsWith('/') || /[\s?#]/.test(value)) throw new UsageError(`${flag} takes a path starting with /, e.g. ${CONTAINER_DEFAULTS.tokenPath}, not "${value}"`);
  return value;
}

function waitSeconds(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0) throw new UsageError(`--wait-timeout takes a number of seconds above 0, not "${value}"`);
  return number;
}

function environment(entries: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of entries) {
    const equals = entry.indexOf('=');
    const name = equals > 0 ? entry.slice(0, equals) : '';
    if (!ENV_NAME.test(name)) throw new UsageError('--env takes NAME=value, NAME letters, digits and underscores (the value is not shown here)');
    env[name] = entry.slice(equals + 1);
  }
  return env;
}
