import { describe, expect, it } from 'vitest';
import type { CheckedExchange, CheckedLogLine } from '../../vocabulary/outcome.js';
import { casesOf, inCatalogueOrder, RUN_WIDE_EVIDENCE_LIMIT } from '../../suites/evaluate.js';
import { catalogue } from '../../catalogue/index.js';
import { exchange } from '../support/exchange.js';

const broken = (label: string): CheckedExchange => ({ variant: label, exchange: exchange(500, { error: 'server_error' }, undefined, { label }), judgement: { ok: false, expected: 'a status below 500', actual: '500' } });

describe('a failed run-wide requirement names the cases it broke', () => {
  it('gives each case once, by the requirement ID its exchanges are labelled with, in the order the run-wide check lists them', () => {
    const failures = ['AUTH-UNREGISTERED: a client_id never registered', 'ORDER-CLIENT-FIRST: unknown client and unknown code', 'AUTH-UNREGISTERED: again', 'PROP-NO-5XX: shrunk'].map(broken);
    expect(casesOf(failures)).toEqual(['AUTH-UNREGISTERED', 'ORDER-CLIENT-FIRST', 'PROP-NO-5XX']);
  });

  it('judges the exchanges in catalogue order of their cases, whatever order overlapping cases ended in, each case\'s own in the order it sent them', () => {
    const [first, second] = catalogue.filter((r) => r.stage === 'conformance').slice(1, 3).map((r) => r.id);
    const ended = [`${second}: a`, 'pact interaction', `${first}: b`, `${second}: c`, `${first}: d`].map((label) => exchange(500, {}, undefined, { label }));
    expect(inCatalogueOrder(ended).map((e) => e.label)).toEqual([`${first}: b`, `${first}: d`, `${second}: a`, `${second}: c`, 'pact interaction']);
  });

  it('keeps a label without a requirement ID as it is', () => {
    expect(casesOf([broken('positive control')])).toEqual(['positive control']);
  });

  it("names a line of the target's log by its number, as many as the evidence shows (LOG-NO-SECRET)", () => {
    const logged = (line: number): CheckedLogLine => ({ variant: `line ${line} of the target log`, logLine: { source: 's', line, text: 't' }, judgement: { ok: false, expected: 'e', actual: 'a' } });
    expect(casesOf([logged(3), logged(9)])).toEqual(['line 3', 'line 9']);
    const many = Array.from({ length: RUN_WIDE_EVIDENCE_LIMIT + 5 }, (_, index) => logged(index + 1));
    expect(casesOf(many).slice(-2)).toEqual([`line ${RUN_WIDE_EVIDENCE_LIMIT}`, '5 more lines']);
  });
});
