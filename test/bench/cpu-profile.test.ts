import { describe, expect, it } from 'vitest';
import { selfByGroup, shortUrl, topFrames, type CpuProfile } from '../../bench/cpu-profile.ts';

const frame = (id: number, functionName: string, url = '', lineNumber = 0) => ({ id, callFrame: { functionName, url, lineNumber } });

/** root → (idle), (garbage collector), hono's dispatch, our take, undici's request. */
const profile: CpuProfile = {
  nodes: [
    frame(1, '(root)'),
    frame(2, '(idle)'),
    frame(3, '(garbage collector)'),
    frame(4, 'dispatch', 'file:///repo/node_modules/hono/dist/compose.js', 23),
    frame(5, 'take', 'file:///repo/signer/stores/limits/memory.ts', 40),
    frame(6, 'request', 'file:///repo/node_modules/undici/lib/api/api-request.js', 9),
    frame(7, 'dispatch', 'file:///repo/node_modules/hono/dist/compose.js', 23),
  ],
  samples: [2, 2, 3, 4, 5, 5, 6, 7, 5, 2],
  timeDeltas: [100, 100, 50, 10, 20, 20, 30, 10, 20, 100],
};

describe('topFrames', () => {
  it('ranks self time per function, idle left out, frames of the same place added up', () => {
    expect(topFrames(profile, 3)).toEqual([
      { frame: 'take (signer/stores/limits/memory.ts:41)', selfMicros: 60, share: 60 / 160 },
      { frame: '(garbage collector)', selfMicros: 50, share: 50 / 160 },
      { frame: 'request (undici/lib/api/api-request.js:10)', selfMicros: 30, share: 30 / 160 },
    ]);
    expect(topFrames(profile, 10).find((row) => row.frame.startsWith('dispatch'))?.selfMicros).toBe(20);
  });

  it('can count idle time too', () => {
    expect(topFrames(profile, 1, { withIdle: true })[0]).toEqual({ frame: '(idle)', selfMicros: 300, share: 300 / 460 });
  });
});

describe('selfByGroup', () => {
  it('adds self time up per package and per file of our own', () => {
    expect(selfByGroup(profile, 10).map((row) => [row.frame, row.selfMicros])).toEqual([
      ['signer/stores/limits/memory.ts', 60],
      ['(garbage collector)', 50],
      ['undici', 30],
      ['hono', 20],
    ]);
  });
});

describe('shortUrl', () => {
  it('keeps what names the code, not the machine’s folders', () => {
    expect(shortUrl('file:///a/b/node_modules/@hono/node-server/dist/index.mjs')).toBe('@hono/node-server/dist/index.mjs');
    expect(shortUrl('file:///work/wt-d/signer/http/body.ts')).toBe('signer/http/body.ts');
    expect(shortUrl('node:internal/http')).toBe('node:internal/http');
  });
});

describe('a window of the profile', () => {
  it('counts only the samples taken inside it (the load, not the start-up)', () => {
    // Samples end at 1100, 1200, 1250, 1260, 1280, 1300, 1330, 1340, 1360, 1460 µs.
    const timed: CpuProfile = { ...profile, startTime: 1000 };
    expect(topFrames(timed, 10, { window: { from: 1255, to: 1345 } }).map((row) => [row.frame.split(' ')[0], row.selfMicros])).toEqual([
      ['take', 40],
      ['request', 30],
      ['dispatch', 20],
    ]);
    expect(selfByGroup(timed, 10, { from: 1301 }).map((row) => row.frame)).toEqual(['undici', 'signer/stores/limits/memory.ts', 'hono']);
  });
});
