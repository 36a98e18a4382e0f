/**
 * The Node entry's metrics, prom-client's exposition read back with its own parser-free checks: names,
 * bounded labels, zeros for every configured site, and the app's counts arriving at `/metrics`.
 */
import { describe, expect, it } from 'vitest';
import { createPrometheusMetrics } from '../../signer/node-metrics.ts';
import { createStack } from '../fixtures/stack.ts';

const TOKEN = 'metrics-token-for-tests-0123456789';

/** The value of one sample line, e.g. `pave_signer_texts_sent_total{site="a",kind="create"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('createPrometheusMetrics', () => {
  it('starts every configured site at zero, and every code of the contract', async () => {
    const { body, contentType } = await createPrometheusMetrics({ sites: ['north', 'south'], defaultMetrics: false }).render!();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const site of ['north', 'south']) {
      expect(sample(body, `pave_signer_sessions_created_total{site="${site}",delivery="sms"}`)).toBe(0);
      expect(sample(body, `pave_signer_texts_sent_total{site="${site}",kind="resend"}`)).toBe(0);
    }
    expect(sample(body, 'pave_signer_refusals_total{code="rate_limited"}')).toBe(0);
    expect(sample(body, 'pave_signer_pave_calls_in_flight')).toBe(0);
  });

  it('counts, keeps labels bounded, and tracks calls in flight', async () => {
    const metrics = createPrometheusMetrics({ sites: ['north'], defaultMetrics: false });
    metrics.sessionCreated('north', 'sms');
    metrics.textSent('north', 'create');
    metrics.textSent('north', 'resend');
    metrics.refused('rate_limited');
    metrics.refused('made_up_code');
    const first = metrics.paveCallStarted('create');
    const second = metrics.paveCallStarted('status');
    expect(sample((await metrics.render!()).body, 'pave_signer_pave_calls_in_flight')).toBe(2);
    first('ok', 0.3);
    first('ok', 0.3); // ending twice counts once
    second('timeout', 10);

    const { body } = await metrics.render!();
    expect(sample(body, 'pave_signer_sessions_created_total{site="north",delivery="sms"}')).toBe(1);
    expect(sample(body, 'pave_signer_texts_sent_total{site="north",kind="create"}')).toBe(1);
    expect(sample(body, 'pave_signer_texts_sent_total{site="north",kind="resend"}')).toBe(1);
    expect(sample(body, 'pave_signer_refusals_total{code="rate_limited"}')).toBe(1);
    expect(sample(body, 'pave_signer_refusals_total{code="other"}')).toBe(1);
    expect(body).not.toContain('made_up_code');
    expect(sample(body, 'pave_signer_pave_calls_in_flight')).toBe(0);
    expect(sample(body, 'pave_signer_pave_call_duration_seconds_count{route="create",outcome="ok"}')).toBe(1);
    expect(sample(body, 'pave_signer_pave_call_duration_seconds_bucket{le="0.5",route="create",outcome="ok"}')).toBe(1);
    expect(sample(body, 'pave_signer_pave_call_duration_seconds_bucket{le="5",route="status",outcome="timeout"}')).toBe(0);
    expect(sample(body, 'pave_signer_pave_call_duration_seconds_sum{route="status",outcome="timeout"}')).toBe(10);
  });

  it('adds the process’s own metrics by default', async () => {
    const { body } = await createPrometheusMetrics({ sites: [] }).render!();
    expect(body).toContain('process_resident_memory_bytes');
    expect(body).toContain('nodejs_eventloop_lag_seconds');
  });
});

describe('through the app', () => {
  it('shows a texted create and its resend at /metrics', async () => {
    const stack = createStack({ METRICS_TOKEN: TOKEN }, {}, { metrics: createPrometheusMetrics({ sites: ['default'], defaultMetrics: false }) });
    const session = (await (await stack.post({ delivery: 'sms', phone: '2025550143' })).json()) as { session_key: string; ticket: string };
    await stack.resend(session.session_key, session.ticket);
    await stack.post({ delivery: 'link' }, { Origin: 'https://evil.example' });
    const body = await (await stack.app.request('/metrics', { headers: { Authorization: `Bearer ${TOKEN}` } })).text();
    expect(sample(body, 'pave_signer_sessions_created_total{site="default",delivery="sms"}')).toBe(1);
    expect(sample(body, 'pave_signer_texts_sent_total{site="default",kind="create"}')).toBe(1);
    expect(sample(body, 'pave_signer_texts_sent_total{site="default",kind="resend"}')).toBe(1);
    expect(sample(body, 'pave_signer_refusals_total{code="origin_not_allowed"}')).toBe(1);
    expect(sample(body, 'pave_signer_pave_call_duration_seconds_count{route="resend",outcome="ok"}')).toBe(2);
  });
});
