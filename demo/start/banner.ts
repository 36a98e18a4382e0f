/**
 * What `npm start` prints once everything listens: the URLs, where each server listens and, when it
 * listens beyond this computer, who can reach it. Pure: the plan and this computer's addresses in, lines out.
 */
import { EVERY_INTERFACE, LOOPBACK, type DemoPlan } from './plan.ts';

export interface BannerInput {
  plan: DemoPlan;
  /** The PAVE API the signer talks to (the sandbox's URL, or real PAVE's). */
  paveBaseUrl: string;
  /** This computer's non-loopback addresses, for the PUBLIC_HOST hint. */
  addresses: readonly string[];
}

/**
 * @example console.log(startBanner({ plan, paveBaseUrl: 'http://127.0.0.1:8788', addresses: ['192.168.1.20'] }).join('\n'))
 */
export function startBanner({ plan, paveBaseUrl, addresses }: BannerInput): string[] {
  const { page, signer, sandbox } = plan;
  const sandboxUrl = sandbox && `http://${LOOPBACK}:${sandbox.port}`;
  const lines = [
    '',
    '  pave-capture demo',
    // The bench waits for this line (bench/click-to-link.ts): keep its words.
    `  ➜ Dealer page:  ${plan.pageUrl}`,
    ...(plan.phonePageUrl ? [`  ➜ On a phone:   ${plan.phonePageUrl}  (QR codes, capture links and the return page use ${plan.publicHost})`] : []),
    `  ➜ Signer:       http://${signer.host}:${signer.port}  →  ${paveBaseUrl}${sandbox ? '  (PAVE sandbox)' : '  (real PAVE)'}`,
    sandbox
      ? `  ➜ Sandbox:      ${sandboxUrl}  (SMS outbox: ${sandboxUrl}/_sandbox/outbox)`
      : '  ➜ Sandbox:      not started: real PAVE credentials are configured',
    '',
  ];
  for (const warning of plan.warnings) lines.push(`  ! ${warning}`);

  const open = [page, sandbox].filter((listener) => listener?.host === EVERY_INTERFACE);
  if (open.length) {
    const ports = open.map((listener) => `the ${listener!.what} (port ${listener!.port})`).join(' and ');
    lines.push(
      `  ! PUBLIC_HOST is set, so ${ports} ${open.length > 1 ? 'listen' : 'listens'} on every network interface (${EVERY_INTERFACE}): anyone on this network can open ${open.length > 1 ? 'them' : 'it'}${sandbox ? ", the sandbox's controls included" : ''}. The signer stays on ${LOOPBACK}. Unset PUBLIC_HOST to keep the demo on this computer.`,
      `  If the phone cannot connect, check that it is on the same network and that this computer's firewall lets in port${open.length > 1 ? 's' : ''} ${open.map((listener) => listener!.port).join(' and ')}.`,
    );
  } else {
    const [first, ...others] = addresses;
    const command = `PUBLIC_HOST=${first ?? "<this computer's address on the network>"} npm start`;
    const more = others.length ? ` (this computer's other addresses: ${others.join(', ')})` : '';
    lines.push(`  Listening on this computer only (${LOOPBACK}). To open the demo from a phone on the same network: ${command}${more}`);
  }
  lines.push('');
  return lines;
}
