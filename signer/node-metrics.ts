/**
 * The app's `Metrics` as Prometheus metrics, with prom-client: what `/metrics` serves on Node. Every label
 * is bounded — the configured site ids, the contract's error codes, three routes, four outcomes — so no
 * request can grow the exposition. Node only: imported by the Node entry.
 *
 * | metric | type | labels |
 * |---|---|---|
 * | `pave_signer_sessions_created_total` | counter | `site`, `delivery` |
 * | `pave_signer_texts_sent_total` | counter | `site`, `kind` (`create`, `resend`) |
 * | `pave_signer_refusals_total` | counter | `code` |
 * | `pave_signer_pave_call_duration_seconds` | histogram (its `_count` is the calls by outcome) | `route`, `outcome` |
 * | `pave_signer_pave_calls_in_flight` | gauge | — |
 *
 * plus prom-client's process and Node.js metrics (`process_resident_memory_bytes`, `nodejs_eventloop_lag_seconds`, …).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ERROR_CODES } from '../contract/errors.ts';
import type { Metrics } from './http/metrics.ts';

/** Seconds: from a fast PAVE answer to the default budget of one call (10 s) and past it. */
const PAVE_CALL_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 60];

/**
 * @param options.sites the configured site ids: their counters start at 0, so a dashboard sees every site
 * @example const metrics = createPrometheusMetrics({ sites: [...config.sites.keys()] }); createApp({ config, metrics });
 */
export function createPrometheusMetrics(options: { sites: readonly string[]; defaultMetrics?: boolean }): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const sessions = new Counter({ name: 'pave_signer_sessions_created_total', help: 'Sessions created at PAVE (replayed answers not counted).', labelNames: ['site', 'delivery'], registers });
  const texts = new Counter({ name: 'pave_signer_texts_sent_total', help: 'Texts PAVE accepted to send: by a create (delivery sms) or a resend.', labelNames: ['site', 'kind'], registers });
  const refusals = new Counter({ name: 'pave_signer_refusals_total', help: 'Answers with an error code of the contract (4xx and 5xx).', labelNames: ['code'], registers });
  const calls = new Histogram({ name: 'pave_signer_pave_call_duration_seconds', help: 'PAVE calls: duration by the signer route they served and how they ended.', labelNames: ['route', 'outcome'], buckets: PAVE_CALL_BUCKETS, registers });
  const inFlight = new Gauge({ name: 'pave_signer_pave_calls_in_flight', help: 'PAVE calls started and not yet ended.', registers });

  for (const site of options.sites) {
    for (const delivery of ['link', 'sms']) sessions.inc({ site, delivery }, 0);
    for (const kind of ['create', 'resend']) texts.inc({ site, kind }, 0);
  }
  for (const code of ERROR_CODES) refusals.inc({ code }, 0);
  const known = new Set<string>(ERROR_CODES);

  return {
    sessionCreated: (site, delivery) => sessions.inc({ site, delivery }),
    textSent: (site, kind) => texts.inc({ site, kind }),
    refused: (code) => refusals.inc({ code: known.has(code) ? code : 'other' }),
    paveCallStarted(route) {
      inFlight.inc();
      let ended = false;
      return (outcome, seconds) => {
        if (ended) return;
        ended = true;
        inFlight.dec();
        calls.observe({ route, outcome }, seconds);
      };
    },
    render: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
