/**
 * Reads a V8 CPU profile (`node --cpu-prof`'s `.cpuprofile`) into its heaviest frames: self time per
 * function (name, file and line), largest first, as a share of all samples. Pure: a profile in, rows out.
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  /** Microseconds on the machine's monotonic clock (the one `process.hrtime` reads) when sampling began. */
  startTime?: number;
  samples: number[];
  /** Microseconds between consecutive samples. */
  timeDeltas: number[];
}

export interface Frame {
  /** `name (file:line)`, or a V8 pseudo-frame such as `(garbage collector)`. */
  frame: string;
  /** Self time in microseconds. */
  selfMicros: number;
  /** Share of all sampled time, 0–1 (idle included). */
  share: number;
}

/** Drops the machine's paths: `node_modules/hono/dist/…` and `signer/…` stay readable. */
export function shortUrl(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) return path.slice(modules + '/node_modules/'.length);
  const own = /\/(signer|contract|bench|demo|widget)\/.*$/.exec(path);
  if (own) return own[0].slice(1);
  return path.startsWith('node:') ? path : (path.split('/').pop() ?? path);
}

function frameName({ functionName, url, lineNumber }: CallFrame): string {
  const name = functionName || '(anonymous)';
  if (!url) return name.startsWith('(') ? name : `${name} (native)`;
  return `${name} (${shortUrl(url)}:${lineNumber + 1})`;
}

/** Only the samples taken between these two instants (µs, the profile's clock): the load, not the start-up. */
export interface SampleWindow {
  from?: number;
  to?: number;
}

/** Each sample's node and duration, within the window. */
function* samplesIn(profile: CpuProfile, window: SampleWindow = {}): Generator<{ node: ProfileNode; delta: number }> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  let at = profile.startTime ?? 0;
  for (let index = 0; index < profile.samples.length; index++) {
    const delta = profile.timeDeltas[index] ?? 0;
    at += delta;
    if ((window.from !== undefined && at < window.from) || (window.to !== undefined && at > window.to)) continue;
    const node = byId.get(profile.samples[index]!);
    if (node) yield { node, delta };
  }
}

/**
 * Self time per frame, largest first; frames with the same name, file and line are added up.
 * @example topFrames(profile, 10)[0] // { frame: '(garbage collector)', selfMicros: 81234, share: 0.07 }
 */
export function topFrames(profile: CpuProfile, count: number, options: { withIdle?: boolean; window?: SampleWindow } = {}): Frame[] {
  const self = new Map<string, number>();
  let total = 0;
  for (const { node, delta } of samplesIn(profile, options.window)) {
    const name = frameName(node.callFrame);
    if (name === '(idle)' && !options.withIdle) continue;
    total += delta;
    self.set(name, (self.get(name) ?? 0) + delta);
  }
  return [...self]
    .map(([frame, selfMicros]) => ({ frame, selfMicros, share: total ? selfMicros / total : 0 }))
    .sort((a, b) => b.selfMicros - a.selfMicros)
    .slice(0, count);
}

/**
 * Self time per package (`undici`, `hono`, …), per file of our own (`signer/app.ts`) or per Node
 * built-in group (`node:internal/…` → `node internals`), largest first. Shows which piece costs most.
 */
export function selfByGroup(profile: CpuProfile, count: number, window?: SampleWindow): Frame[] {
  const self = new Map<string, number>();
  let total = 0;
  for (const { node, delta } of samplesIn(profile, window)) {
    if (node.callFrame.functionName === '(idle)') continue;
    total += delta;
    const group = groupOf(node.callFrame);
    self.set(group, (self.get(group) ?? 0) + delta);
  }
  return [...self]
    .map(([frame, selfMicros]) => ({ frame, selfMicros, share: total ? selfMicros / total : 0 }))
    .sort((a, b) => b.selfMicros - a.selfMicros)
    .slice(0, count);
}

function groupOf({ functionName, url }: CallFrame): string {
  if (!url) return functionName.startsWith('(') ? functionName : 'native (V8 builtins, C++)';
  if (url.startsWith('node:')) return 'node internals';
  const short = shortUrl(url);
  if (url.includes('/node_modules/')) {
    const parts = short.split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  return short;
}
