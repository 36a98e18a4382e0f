/**
 * The demo page's own script: loads the widget, logs its events, and shows the sandbox's SMS outbox.
 * A dealer needs none of this beyond the first import.
 */
import '../widget/index.ts';

const widget = document.querySelector('pave-capture')!;
document.querySelector<HTMLSelectElement>('#delivery')!.addEventListener('change', (event) => {
  widget.delivery = (event.target as HTMLSelectElement).value as typeof widget.delivery;
});
document.querySelector<HTMLSelectElement>('#language')!.addEventListener('change', (event) => {
  const lang = (event.target as HTMLSelectElement).value;
  if (lang) widget.setAttribute('lang', lang);
  else widget.removeAttribute('lang');
});

const events = document.querySelector<HTMLOListElement>('#events')!;
for (const type of ['pave-state-change', 'pave-session-created', 'pave-sms-sent', 'pave-session-status', 'pave-error'] as const) {
  document.addEventListener(type, (event) => {
    const item = document.createElement('li');
    const code = document.createElement('code');
    code.textContent = `${type} ${JSON.stringify(event.detail)}`;
    item.append(code);
    events.prepend(item);
  });
}

const outboxPanel = document.querySelector<HTMLElement>('#outbox-panel')!;
const outbox = document.querySelector<HTMLOListElement>('#outbox')!;
let shown = -1;

/** Polls the sandbox; the panel stays hidden when the signer talks to the real PAVE. */
async function refreshOutbox(): Promise<void> {
  try {
    const response = await fetch('/sandbox/_sandbox/outbox');
    if (!response.ok) return;
    const { messages } = (await response.json()) as { messages: Array<{ to: string; body: string; sent_at: string }> };
    outboxPanel.hidden = false;
    if (messages.length === shown) return;
    shown = messages.length;
    outbox.replaceChildren(
      ...messages
        .slice()
        .reverse()
        .map((message) => {
          const item = document.createElement('li');
          item.dataset.to = message.to;
          item.textContent = `To ${message.to}: ${message.body}`;
          return item;
        }),
    );
  } catch {
    // No sandbox: real PAVE mode.
  }
}
void refreshOutbox();
setInterval(refreshOutbox, 1500);
