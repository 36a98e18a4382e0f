/**
 * Figure 3 — added latency, in-process (no sockets): microseconds one request spends in the signer's
 * own work, timed one iteration at a time over many iterations (median and p99), next to the floor —
 * one HMAC-SHA256 as the Node signer computes it (node:crypto through the hashing port), with Web
 * Crypto's (Workers, Deno, Bun) beside it. Also the whole request through the signer's
 * app (`app.request`, PAVE answering instantly) beside the bare Hono app, which is what the signer
 * adds on top of the framework.
 */
import { createHmac } from 'node:crypto';
import { loadConfig } from '../signer/config/environment.ts';
import { buildCreateSessionBody } from '../signer/pave/payload.ts';
import { nodeHashing } from '../signer/node-hashing.ts';
import { toHex, utf8, webCryptoHashing } from '../signer/pave/hashing.ts';
import { createPaveSigner } from '../signer/pave/sign.ts';
import { createTicketMinter } from '../signer/policy/ticket.ts';
import { CreateSessionRequest } from '../contract/schema.ts';
import { micros } from './format.ts';
import { summarize, type Summary } from './stats.ts';
import { benchEnv, createBareSubject, createSignerSubject, LINK_REQUEST, REQUEST_HEADERS, SMS_REQUEST } from './subjects.ts';
import type { FigureResult, Row } from './table.ts';

export interface LatencyOptions {
  /** Measured iterations per subject (after `warmup` more). */
  iterations: number;
  warmup: number;
  /** Upper bound per subject: sampling stops early when this many seconds have passed. */
  maxSeconds: number;
}

/** Times `fn` once per iteration (µs); warm-up iterations are run and thrown away. */
export async function sampleMicros(fn: () => unknown, options: LatencyOptions): Promise<number[]> {
  for (let i = 0; i < options.warmup; i++) await fn();
  const samples: number[] = [];
  const deadline = performance.now() + options.maxSeconds * 1000;
  for (let i = 0; i < options.iterations && performance.now() < deadline; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  return samples;
}

export async function latency(options: LatencyOptions): Promise<FigureResult> {
  const config = loadConfig(benchEnv);
  const site = config.sites.get(config.defaultSiteId!)!;
  // As signer/node.ts builds them: node:crypto hashing, one PAVE signer per account.
  const tickets = createTicketMinter(site.pave.credentials.apiSecret, nodeHashing);
  const sign = createPaveSigner(site.pave.credentials, nodeHashing);
  const linkBody = JSON.stringify(LINK_REQUEST);
  const smsBody = JSON.stringify(SMS_REQUEST);

  /** The signer's own steps for a link request, in its order: parse + validate, map, sign PAVE's call, mint the ticket. */
  const validateMapSign = async () => {
    const parsed = CreateSessionRequest.safeParse(JSON.parse(linkBody));
    if (!parsed.success) throw new Error('the bench request no longer passes the contract');
    const { delivery, vin, name, language } = parsed.data;
    const body = buildCreateSessionBody(site.session, { delivery, vin, name, language });
    const headers = await sign(new Date());
    const ticket = await tickets.issue(site.id, 'BNC-0000000001');
    return [JSON.stringify(body), headers, ticket];
  };
  // Both with the key prepared once, as the signer keeps it: the cost of one token, not of importing a key.
  const webMac = webCryptoHashing.hmacSha256(utf8(site.pave.credentials.apiSecret));
  const hmac = async () => toHex(await webMac(utf8(`bench:bench_key@${new Date().toISOString()}`)));
  const nodeHmac = () => createHmac('sha256', site.pave.credentials.apiSecret).update(`bench:bench_key@${new Date().toISOString()}`).digest('hex');

  // Log lines are built as in production, then dropped instead of filling the terminal.
  const signer = createSignerSubject(undefined, (line) => void JSON.stringify(line));
  const bare = createBareSubject();
  const request = (app: typeof signer, body: string) => async () => {
    const response = await app.request('/v1/sessions', { method: 'POST', headers: { ...REQUEST_HEADERS, 'Idempotency-Key': crypto.randomUUID() }, body });
    if (response.status !== 201) throw new Error(`in-process request answered ${response.status}: ${await response.text()}`);
    return response.text();
  };

  const measured = {
    validateMapSign: summarize(await sampleMicros(validateMapSign, options)),
    hmac: summarize(await sampleMicros(hmac, options)),
    nodeHmac: summarize(await sampleMicros(nodeHmac, options)),
    signerRequest: summarize(await sampleMicros(request(signer, linkBody), options)),
    signerSmsRequest: summarize(await sampleMicros(request(signer, smsBody), options)),
    bareRequest: summarize(await sampleMicros(request(bare, linkBody), options)),
  };

  const cell = (s: Summary) => `${micros(s.median)} median · ${micros(s.p99)} p99`;
  const rows: Row[] = [
    { label: 'Added latency: validate + map + sign', value: cell(measured.validateMapSign), reference: `floor: HMAC alone ${cell(measured.nodeHmac)}` },
    { label: '  HMAC-SHA256, node:crypto', value: cell(measured.nodeHmac), reference: 'the floor: what the Node signer computes per ticket' },
    { label: '  HMAC-SHA256, Web Crypto', value: cell(measured.hmac), reference: 'Workers, Deno, Bun (a thread-pool round trip on Node)' },
    { label: '  whole request via signer app (link)', value: cell(measured.signerRequest), reference: `bare Hono app: ${cell(measured.bareRequest)}` },
    { label: '  whole request via signer app (sms)', value: cell(measured.signerSmsRequest), reference: '+ phone parsing (libphonenumber)' },
  ];
  return {
    id: 'latency',
    title: 'Added latency',
    rows,
    data: { unit: 'µs', ...measured, addedOverBare: measured.signerRequest.median - measured.bareRequest.median },
    notes: [
      `Latency: in-process, ${options.warmup} warm-up then up to ${options.iterations} timed iterations (≤ ${options.maxSeconds} s) per row; "validate + map + sign" = JSON parse + contract schema + PAVE body + PAVE headers (the token is reused within its second) + ticket, as sessions.ts runs them with the Node entry's hashing.`,
    ],
  };
}
