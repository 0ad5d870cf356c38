import { describe, expect, it } from 'vitest';
import type { CheckedExchange } from '../../vocabulary/outcome.js';
import { casesOf } from '../../suites/evaluate.js';
import { exchange } from '../support/exchange.js';

const broken = (label: string): CheckedExchange => ({ variant: label, exchange: exchange(500, { error: 'server_error' }, undefined, { label }), judgement: { ok: false, expected: 'a status below 500', actual: '500' } });

describe('a failed run-wide requirement names the cases it broke', () => {
  it('gives each case once, by the requirement ID its exchanges are labelled with, in the order they ran', () => {
    const failures = ['AUTH-UNREGISTERED: a client_id never registered', 'ORDER-CLIENT-FIRST: unknown client and unknown code', 'AUTH-UNREGISTERED: again', 'PROP-NO-5XX: shrunk'].map(broken);
    expect(casesOf(failures)).toEqual(['AUTH-UNREGISTERED', 'ORDER-CLIENT-FIRST', 'PROP-NO-5XX']);
  });

  it('keeps a label without a requirement ID as it is', () => {
    expect(casesOf([broken('positive control')])).toEqual(['positive control']);
  });
});
