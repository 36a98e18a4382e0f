import { describe, expect, it } from 'vitest';
import { checkUpstreamCalls, roundOrder, SUBJECTS } from '../../bench/throughput.ts';

describe('roundOrder', () => {
  it('rotates the subjects by one each round, so each runs first, second, … equally often', () => {
    const orders = [0, 1, 2, 3].map((round) => roundOrder(round, SUBJECTS));
    expect(orders[0]).toEqual(['signer', 'minimal', 'express', 'bare']);
    expect(orders[1]).toEqual(['minimal', 'express', 'bare', 'signer']);
    for (const subject of SUBJECTS) expect(new Set(orders.map((order) => order.indexOf(subject)))).toEqual(new Set([0, 1, 2, 3]));
    expect(roundOrder(4, SUBJECTS)).toEqual(orders[0]);
  });
});

describe('checkUpstreamCalls', () => {
  it('accepts one PAVE call per answer, plus the requests in flight when the load stopped', () => {
    expect(() => checkUpstreamCalls('signer', { requests: 1000, upstreamCalls: 1000 }, 32)).not.toThrow();
    expect(() => checkUpstreamCalls('minimal', { requests: 1000, upstreamCalls: 1040 }, 32)).not.toThrow();
  });

  it('refuses a subject that answers without calling PAVE, or calls it twice per answer', () => {
    expect(() => checkUpstreamCalls('express', { requests: 1000, upstreamCalls: 990 }, 32)).toThrow(/990 PAVE calls for 1000 answers/);
    expect(() => checkUpstreamCalls('signer', { requests: 1000, upstreamCalls: 2000 }, 32)).toThrow(/one each/);
  });

  it('wants no PAVE call from the bare reference', () => {
    expect(() => checkUpstreamCalls('bare', { requests: 1000, upstreamCalls: 0 }, 32)).not.toThrow();
    expect(() => checkUpstreamCalls('bare', { requests: 1000, upstreamCalls: 3 }, 32)).toThrow(/expected none/);
  });
});
