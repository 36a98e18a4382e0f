/**
 * The Turnstile loader and wrapper against fakes: a fake page (a head that records scripts, scripts whose
 * load or failure the test decides) and a fake `turnstile` global that records calls and lets the test
 * play Cloudflare's callbacks. The element's use of them runs in Chromium (test/e2e/turnstile.spec.ts).
 */
import { describe, expect, it } from 'vitest';
import { loadTurnstile, renderTurnstile, TURNSTILE_SCRIPT, type TurnstileApi, type TurnstileParams, type TurnstileWindow } from '../../../widget/on-demand/turnstile.ts';

class FakeScript {
  src = '';
  removed = false;
  readonly listeners = new Map<string, Array<() => void>>();
  addEventListener(type: string, listener: () => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  fire(type: 'load' | 'error') {
    for (const listener of this.listeners.get(type) ?? []) listener();
  }
  remove() {
    this.removed = true;
  }
}

/** A page with a head; `querySelector` finds the appended scripts by `src`, like the real one. */
function fakePage() {
  const head: FakeScript[] = [];
  const document = {
    head: { append: (script: FakeScript) => void head.push(script) },
    createElement: (tag: string) => {
      expect(tag).toBe('script');
      return new FakeScript();
    },
    querySelector: (selector: string) => head.find((script) => !script.removed && selector === `script[src="${script.src}"]`) ?? null,
  };
  const win = { document } as unknown as TurnstileWindow;
  return { win, head };
}

function fakeTurnstile() {
  const calls: string[] = [];
  const widgets = new Map<string, { params: TurnstileParams; response?: string }>();
  const api: TurnstileApi = {
    render: (_container, params) => {
      const id = `w${widgets.size + 1}`;
      widgets.set(id, { params });
      calls.push(`render ${id}`);
      return id;
    },
    execute: () => void calls.push('execute'),
    reset: (id) => {
      calls.push(`reset ${id}`);
      widgets.get(id)!.response = undefined;
    },
    remove: (id) => void calls.push(`remove ${id}`),
    getResponse: (id) => widgets.get(id)?.response,
  };
  const widget = (id = 'w1') => widgets.get(id)!;
  /** Cloudflare solved the challenge: the token is the widget's response and goes to the callback. */
  const solve = (token: string, id = 'w1') => {
    widget(id).response = token;
    widget(id).params.callback(token);
  };
  return { api, calls, widget, solve };
}

const container = {} as HTMLElement;
const options = { sitekey: '1x00000000000000000000AA', language: 'fr' };

describe('loadTurnstile', () => {
  it('appends one script for explicit rendering, shared by every caller, and resolves with the global', async () => {
    const { win, head } = fakePage();
    const first = loadTurnstile(win);
    const second = loadTurnstile(win);
    expect(head.map((script) => script.src)).toEqual([TURNSTILE_SCRIPT]);
    expect(TURNSTILE_SCRIPT).toBe('https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit');

    const { api } = fakeTurnstile();
    win.turnstile = api;
    head[0]!.fire('load');
    expect(await first).toBe(api);
    expect(await second).toBe(api);
    expect(await loadTurnstile(win)).toBe(api);
    expect(head).toHaveLength(1);
  });

  it('uses a `turnstile` the page already has, adding nothing', async () => {
    const { win, head } = fakePage();
    const { api } = fakeTurnstile();
    win.turnstile = api;
    expect(await loadTurnstile(win)).toBe(api);
    expect(head).toEqual([]);
  });

  it('rejects when the script fails, removes it, and loads afresh on the next call', async () => {
    const { win, head } = fakePage();
    const failed = loadTurnstile(win);
    head[0]!.fire('error');
    await expect(failed).rejects.toThrow('turnstile: load');
    expect(head[0]!.removed).toBe(true);

    const retry = loadTurnstile(win);
    expect(head).toHaveLength(2);
    const { api } = fakeTurnstile();
    win.turnstile = api;
    head[1]!.fire('load');
    expect(await retry).toBe(api);
  });

  it('rejects when the script loads but defines no `turnstile` (blocked or replaced)', async () => {
    const { win, head } = fakePage();
    const loading = loadTurnstile(win);
    head[0]!.fire('load');
    await expect(loading).rejects.toThrow('turnstile: missing');
  });
});

describe('renderTurnstile', () => {
  it('renders invisible-until-needed, on execute, without a form field, and in the element’s language', () => {
    const fake = fakeTurnstile();
    renderTurnstile(fake.api, container, options);
    expect(fake.calls).toEqual(['render w1']);
    expect(fake.widget().params).toMatchObject({
      sitekey: options.sitekey,
      language: 'fr',
      execution: 'execute',
      appearance: 'interaction-only',
      retry: 'never',
      'response-field': false,
    });
  });

  it('runs the challenge on demand and resolves with its token; one challenge for callers who ask together', async () => {
    const fake = fakeTurnstile();
    const widget = renderTurnstile(fake.api, container, options);
    const first = widget.token();
    const second = widget.token();
    expect(fake.calls).toEqual(['render w1', 'execute']);
    fake.solve('token-1');
    expect(await first).toBe('token-1');
    expect(await second).toBe('token-1');
  });

  it('after a reset, runs a new challenge and hands out a new token', async () => {
    const fake = fakeTurnstile();
    const widget = renderTurnstile(fake.api, container, options);
    const first = widget.token();
    fake.solve('token-1');
    expect(await first).toBe('token-1');
    widget.reset();

    const second = widget.token();
    fake.solve('token-2');
    expect(await second).toBe('token-2');
    expect(fake.calls).toEqual(['render w1', 'execute', 'reset w1', 'execute']);
  });

  it('hands out a token Turnstile already has without running the challenge again', async () => {
    const fake = fakeTurnstile();
    const widget = renderTurnstile(fake.api, container, options);
    fake.solve('token-ahead');
    expect(await widget.token()).toBe('token-ahead');
    expect(fake.calls).toEqual(['render w1']);
  });

  it.each([
    ['error-callback', '110200', 'turnstile: 110200'],
    ['timeout-callback', undefined, 'turnstile: timeout'],
    ['unsupported-callback', undefined, 'turnstile: unsupported'],
  ] as const)('rejects the waiting token on %s, marking the error handled', async (callback, code, message) => {
    const fake = fakeTurnstile();
    const widget = renderTurnstile(fake.api, container, options);
    const token = widget.token();
    const handled = (fake.widget().params[callback] as (code?: string) => unknown)(code);
    await expect(token).rejects.toThrow(message);
    if (callback === 'error-callback') expect(handled).toBe(true);

    // The next attempt starts a new challenge.
    widget.reset();
    const next = widget.token();
    fake.solve('token-after-error');
    expect(await next).toBe('token-after-error');
  });

  it('resets itself when a waiting token expires, so an expired token is never sent', async () => {
    const fake = fakeTurnstile();
    const widget = renderTurnstile(fake.api, container, options);
    fake.solve('token-old');
    fake.widget().params['expired-callback']();
    expect(fake.calls).toEqual(['render w1', 'reset w1']);
    const token = widget.token();
    fake.solve('token-new');
    expect(await token).toBe('token-new');
  });

  it('rejects a waiting token when removed, and throws when Turnstile refuses to render', async () => {
    const fake = fakeTurnstile();
    const widget = renderTurnstile(fake.api, container, options);
    const token = widget.token();
    widget.remove();
    await expect(token).rejects.toThrow('turnstile: removed');
    expect(fake.calls).toEqual(['render w1', 'execute', 'remove w1']);

    expect(() => renderTurnstile({ ...fake.api, render: () => undefined }, container, options)).toThrow('turnstile: render');
  });
});
