/**
 * `<pave-capture>` inside a React 19 app, without a wrapper: React 19 sets known properties as properties
 * (`requireVin`, a boolean with no attribute of that name) and turns `on<event-name>` props into listeners
 * for the element's DOM events.
 */
import { createElement as h, StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '../widget/index.ts';
import type { PaveErrorEvent, PaveSessionCreatedEvent, PaveStateChangeEvent } from '../widget/index.ts';

function App() {
  const [requireVin, setRequireVin] = useState(true);
  const [state, setState] = useState('idle');
  const [captureUrl, setCaptureUrl] = useState('');
  const [errors, setErrors] = useState<string[]>([]);

  return h(
    'main',
    null,
    h(
      'section',
      { className: 'vehicle' },
      h('h1', null, 'Trade in your 2003 Honda Accord'),
      h(
        'p',
        null,
        h('label', null, h('input', { type: 'checkbox', checked: requireVin, onChange: (e: { target: HTMLInputElement }) => setRequireVin(e.target.checked) }), ' VIN required'),
      ),
      h('pave-capture', {
        signer: '/signer',
        delivery: 'link',
        requireVin,
        'onpave-state-change': (event: PaveStateChangeEvent) => setState(event.detail.to),
        'onpave-session-created': (event: PaveSessionCreatedEvent) => setCaptureUrl(event.detail.capture_url),
        'onpave-error': (event: PaveErrorEvent) => setErrors((list) => [...list, event.detail.code]),
      }),
    ),
    h(
      'aside',
      { className: 'panels' },
      h(
        'section',
        { 'aria-labelledby': 'react-state-title' },
        h('h2', { id: 'react-state-title' }, 'What React sees'),
        h('p', null, 'State: ', h('output', { id: 'react-state' }, state)),
        h('p', null, 'Capture URL: ', h('output', { id: 'react-capture-url' }, captureUrl || '—')),
        h('p', null, 'Errors: ', h('output', { id: 'react-errors' }, errors.join(', ') || '—')),
      ),
    ),
  );
}

createRoot(document.querySelector('#root')!).render(h(StrictMode, null, h(App)));
