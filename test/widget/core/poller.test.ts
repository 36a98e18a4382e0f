import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPoller, type PollOutcome } from '../../../widget/core/poller.ts';

/** A poll whose outcomes are scripted; records when it ran (fake time). */
function scripted(outcomes: PollOutcome[], fallback: PollOutcome = 'same') {
  const calls: number[] = [];
  const poll = vi.fn(async () => {
    calls.push(Date.now());
    return outcomes.shift() ?? fallback;
  });
  return { poll, calls };
}

/** A poll that takes `ms` (fake time) and finds nothing new; records when each began. */
function slow(ms: number) {
  const calls: number[] = [];
  const poll = vi.fn(async () => {
    calls.push(Date.now());
    await new Promise((resolve) => setTimeout(resolve, ms));
    return 'same' as const;
  });
  return { poll, calls };
}

describe('createPoller', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('polls at once, then backs off while nothing changes, up to the ceiling', async () => {
    const { poll, calls } = scripted([]);
    createPoller({ poll, baseMs: 1000, factor: 2, maxMs: 4000 }).start();
    await vi.advanceTimersByTimeAsync(20_000);
    // 0, then +2000 (1000×2 after the first unchanged poll), +4000, +4000…
    expect(calls.slice(0, 5)).toEqual([0, 2000, 6000, 10_000, 14_000]);
  });

  it('comes back to the base pace after a change', async () => {
    const { poll, calls } = scripted(['same', 'same', 'changed']);
    createPoller({ poll, baseMs: 1000, factor: 2, maxMs: 8000 }).start();
    await vi.advanceTimersByTimeAsync(8000);
    expect(calls).toEqual([0, 2000, 6000, 7000]);
  });

  it('start() while already running changes nothing: no extra poll, no second timer, the pace kept', async () => {
    const { poll, calls } = scripted([]);
    const poller = createPoller({ poll, baseMs: 1000, factor: 2, maxMs: 4000 });
    poller.start();
    await vi.advanceTimersByTimeAsync(2500); // polled at 0 and 2000; the next is due at 6000
    poller.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toEqual([0, 2000, 6000, 10_000]);
  });

  it('stops when a poll says so (final status, older signer)', async () => {
    const { poll } = scripted(['changed', 'stop']);
    const poller = createPoller({ poll, baseMs: 1000 });
    poller.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(poll).toHaveBeenCalledTimes(2);
    expect(poller.running).toBe(false);
  });

  it('stops on stop(), even with a poll in flight', async () => {
    let release: (outcome: PollOutcome) => void = () => {};
    const poll = vi.fn(() => new Promise<PollOutcome>((resolve) => (release = resolve)));
    const poller = createPoller({ poll, baseMs: 1000 });
    poller.start();
    poller.stop();
    release('changed');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(poll).toHaveBeenCalledTimes(1);
  });

  it('pauses while the tab is hidden and polls at once when it shows again', async () => {
    const { poll, calls } = scripted([]);
    const poller = createPoller({ poll, baseMs: 1000, factor: 1 });
    poller.start();
    await vi.advanceTimersByTimeAsync(1500);
    poller.pause();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toEqual([0, 1000]);
    poller.resume();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([0, 1000, 11_500]);
  });

  it('waits for resume() when paused before it started (a tab opened in the background)', async () => {
    const { poll } = scripted([]);
    const poller = createPoller({ poll, baseMs: 1000 });
    poller.pause();
    poller.start();
    await vi.advanceTimersByTimeAsync(5000);
    expect(poll).not.toHaveBeenCalled();
    poller.resume();
    await vi.advanceTimersByTimeAsync(0);
    expect(poll).toHaveBeenCalledTimes(1);
  });

  it('keeps retrying after errors, and gives up after a long time without change', async () => {
    const { poll } = scripted([], 'error');
    const poller = createPoller({ poll, baseMs: 1000, factor: 1, giveUpMs: 10_000 });
    poller.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(poll).toHaveBeenCalledTimes(11); // at 0, 1 s … 10 s; then ten seconds without a change
    expect(poller.running).toBe(false);
  });

  it('treats a throwing poll as an error to retry', async () => {
    const poll = vi.fn().mockRejectedValueOnce(new Error('boom')).mockResolvedValue('stop');
    createPoller({ poll, baseMs: 1000 }).start();
    await vi.advanceTimersByTimeAsync(5000);
    expect(poll).toHaveBeenCalledTimes(2);
  });

  it('polls once however often it is started or resumed without a pause', async () => {
    const { poll, calls } = scripted([]);
    const poller = createPoller({ poll, baseMs: 1000, factor: 1 });
    poller.start();
    poller.start();
    await vi.advanceTimersByTimeAsync(500);
    poller.resume();
    await vi.advanceTimersByTimeAsync(2_600);
    expect(calls).toEqual([0, 1000, 2000, 3000]);
  });

  it('a pause cancels the poll that was due: after resume() one pace, not two', async () => {
    const { poll, calls } = scripted([]);
    const poller = createPoller({ poll, baseMs: 1000, factor: 1 });
    poller.start();
    await vi.advanceTimersByTimeAsync(500);
    poller.pause();
    poller.resume();
    await vi.advanceTimersByTimeAsync(2_100);
    expect(calls).toEqual([0, 500, 1500, 2500]);
  });

  it('never polls twice at once: a resume while a poll is in flight waits for it', async () => {
    const { poll, calls } = slow(300);
    const poller = createPoller({ poll, baseMs: 1000, factor: 1 });
    poller.start();
    await vi.advanceTimersByTimeAsync(100);
    poller.pause();
    poller.resume();
    await vi.advanceTimersByTimeAsync(1_300);
    // The first poll ends at 300; the next is 1 s later. A second poll at 100 would be a concurrent one.
    expect(calls).toEqual([0, 1300]);
  });

  it('a poll that was in flight at stop() schedules nothing: a restart keeps one pace', async () => {
    const { poll, calls } = slow(100);
    const poller = createPoller({ poll, baseMs: 1000, factor: 1 });
    poller.start();
    await vi.advanceTimersByTimeAsync(50);
    poller.stop();
    await vi.advanceTimersByTimeAsync(150);
    poller.start();
    await vi.advanceTimersByTimeAsync(1_500);
    // Restarted at 200: polls at 200 and 1300 (100 ms in flight, then 1 s). A leftover timer would poll at 1100.
    expect(calls).toEqual([0, 200, 1300]);
  });

  it('measures the time without a change from when it started, whatever the clock says', async () => {
    vi.setSystemTime(1_700_000_000_000);
    const { poll } = scripted([], 'same');
    const poller = createPoller({ poll, baseMs: 1000, factor: 1, giveUpMs: 10_000 });
    poller.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(poller.running).toBe(true);
    expect(poll).toHaveBeenCalledTimes(6);
  });
});
