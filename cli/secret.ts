import { UsageError } from './errors.js';

/** `--secret S` or `--secret-env VAR`: the client's stored secret, for `doctor` and `jwt`. */
export interface SecretFlags {
  secret?: string;
  secretEnv?: string;
}

const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The stored secret the user gave, or null; from an environment variable it stays out of shell history. */
export function readSecret(flags: SecretFlags, env: NodeJS.ProcessEnv = process.env): string | null {
  if (flags.secret !== undefined && flags.secretEnv !== undefined) throw new UsageError('give --secret or --secret-env, not both');
  if (flags.secretEnv !== undefined) {
    if (!VARIABLE.test(flags.secretEnv)) throw new UsageError(`--secret-env takes the name of an environment variable, e.g. STORED_SECRET, not "${flags.secretEnv}"`);
    const value = env[flags.secretEnv];
    if (value === undefined) throw new UsageError(`--secret-env ${flags.secretEnv}: the environment variable ${flags.secretEnv} is not set; export it first`);
    if (value === '') throw new UsageError(`--secret-env ${flags.secretEnv}: the environment variable ${flags.secretEnv} is empty`);
    return value;
  }
  if (flags.secret === '') throw new UsageError('--secret is empty: give the client\'s stored secret');
  return flags.secret ?? null;
}

/** `--at TIME`: an ISO 8601 date-time or a NumericDate in seconds; the moment exp is judged at. */
export function readAt(at: string | undefined): number | null {
  if (at === undefined) return null;
  if (/^\d+(?:\.\d+)?$/.test(at.trim())) return Number(at) * 1000;
  const ms = /^\d{4}-\d{2}-\d{2}/.test(at.trim()) ? Date.parse(at) : Number.NaN;
  if (Number.isNaN(ms)) throw new UsageError(`--at takes an ISO 8601 time (2025-06-27T10:15:00Z) or seconds since 1970, not "${at}"`);
  return ms;
}
