import Table from 'cli-table3';
import { catalogue } from '../catalogue/index.js';
import type { Requirement } from '../catalogue/types.js';
import { resultInfoOf } from '../results/assemble.js';
import { profilesOf } from '../vocabulary/expectation.js';
import { isProfileName, PROFILES, type ProfileName } from '../vocabulary/profile.js';
import { UsageError } from './errors.js';

/**
 * `grantproof catalogue [--profile NAME]`: the requirements a run of that profile checks, each
 * with what it expects there, and those not part of it (SPEC §5). As JSON, every requirement
 * with the profiles it applies to and, in this profile, its typed expectation (`expect`,
 * null where it does not apply).
 */
export function listCatalogue(json: boolean, profileFlag: string): string {
  const profile = parseProfile(profileFlag);
  const applies = (requirement: Requirement) => requirement.expect[profile] !== undefined;
  if (json) return JSON.stringify(catalogue.map((requirement) => entryIn(requirement, profile)), null, 2);
  const entries = catalogue.filter(applies).map((requirement) => entryIn(requirement, profile));
  const notPart = catalogue.filter((requirement) => !applies(requirement)).map((requirement) => requirement.id);
  const table = new Table({ head: ['ID', 'level', 'title', 'expected'], colWidths: [26, 8, 56, 44], wordWrap: true, style: { head: [], border: [] } });
  for (const e of entries) table.push([e.id, e.level, e.title, e.expected]);
  const footer = notPart.length ? `\nnot part of profile ${profile}: ${notPart.join(', ')}` : '';
  return `profile ${profile}: ${entries.length} requirements\n${table.toString()}${footer}`;
}

function entryIn(requirement: Requirement, profile: ProfileName) {
  const expectation = requirement.expect[profile];
  return {
    ...resultInfoOf(requirement, profile),
    profiles: profilesOf(requirement.expect),
    expect: expectation ?? null,
  };
}

/** SPEC §4 `--profile`: one of the profiles grantproof speaks. */
export function parseProfile(value: string): ProfileName {
  if (!isProfileName(value)) throw new UsageError(`--profile takes ${PROFILES.join(' or ')}, not "${value}"`);
  return value;
}
