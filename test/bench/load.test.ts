import { describe, expect, it } from 'vitest';
import { parseAutocannon, parseWrk, wrkScript } from '../../bench/load.ts';

/** Output of wrk 4.1.0 (Debian) as it printed it here. */
const WRK_OK = `Running 3s test @ http://127.0.0.1:44521/v1/sessions
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.36ms    1.02ms  27.13ms   94.28%
    Req/Sec    23.67k     7.95k   29.12k    86.67%
  70558 requests in 3.00s, 22.21MB read
Requests/sec:  23482.10
Transfer/sec:      7.40MB
`;

const WRK_REFUSED = `Running 1s test @ http://127.0.0.1:42439/nothing
  1 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.42ms    2.81ms  27.13ms   94.28%
    Req/Sec     5.26k     3.35k   10.66k    50.00%
  5256 requests in 1.01s, 0.92MB read
  Socket errors: connect 0, read 3, write 0, timeout 2
  Non-2xx or 3xx responses: 5256
Requests/sec:   5211.65
Transfer/sec:      0.91MB
`;

describe('parseWrk', () => {
  it('reads requests, duration and rate', () => {
    expect(parseWrk(WRK_OK)).toEqual({ requests: 70558, seconds: 3, rps: 23482.1, non2xx: 0, errors: 0 });
  });

  it('reads refused answers and socket errors, which void a run', () => {
    expect(parseWrk(WRK_REFUSED)).toEqual({ requests: 5256, seconds: 1.01, rps: 5211.65, non2xx: 5256, errors: 5 });
  });

  it('converts a duration in milliseconds or minutes', () => {
    expect(parseWrk('  10 requests in 500.00ms, 1KB read\nRequests/sec: 20.00\n').seconds).toBe(0.5);
    expect(parseWrk('  10 requests in 1.00m, 1KB read\nRequests/sec: 0.17\n').seconds).toBe(60);
  });

  it('refuses output it cannot read instead of reporting zero', () => {
    expect(() => parseWrk('unable to connect to 127.0.0.1:1 Connection refused')).toThrow(/could not read/);
  });
});

describe('wrkScript', () => {
  it('sets method, body and headers, escaping for Lua strings', () => {
    const script = wrkScript({
      method: 'POST',
      headers: { Origin: 'https://www.dealer.example', 'Content-Type': 'application/json' },
      body: '{"name":"O\\"Brien"}\n',
    });
    expect(script).toBe(
      [
        'wrk.method = "POST"',
        'wrk.body = "{\\"name\\":\\"O\\\\\\"Brien\\"}\\n"',
        'wrk.headers["Origin"] = "https://www.dealer.example"',
        'wrk.headers["Content-Type"] = "application/json"',
        '',
      ].join('\n'),
    );
  });
  it('gives every request a fresh value of the unique header, different in each run', () => {
    const spec = { method: 'POST' as const, headers: {}, body: '{}', uniqueHeader: 'Idempotency-Key' };
    const script = wrkScript(spec);
    expect(script).toMatch(/^request = function\(\)$/m);
    expect(script).toMatch(/^  wrk\.headers\["Idempotency-Key"\] = "bench-" \.\. prefix \.\. "-" \.\. count$/m);
    const prefix = (text: string) => /^local prefix = "([^"]+)"$/m.exec(text)?.[1];
    expect(prefix(script)).toMatch(/^[0-9a-f-]{36}$/);
    expect(prefix(wrkScript(spec))).not.toBe(prefix(script));
  });
});

describe('parseAutocannon', () => {
  it('reads the --json result (autocannon 9), counting timeouts as errors', () => {
    const output = JSON.stringify({
      url: 'http://127.0.0.1:46867/nothing',
      connections: 2,
      duration: 1.02,
      errors: 1,
      timeouts: 2,
      non2xx: 1605,
      requests: { average: 1605, total: 1605, sent: 1607 },
    });
    expect(parseAutocannon(`npm warn something\n${output}`)).toEqual({ requests: 1605, seconds: 1.02, rps: 1605 / 1.02, non2xx: 1605, errors: 3 });
  });
});
