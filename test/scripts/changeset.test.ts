/**
 * The CHANGELOG is kept with changesets (.changeset/): `npm run version` applies the pending changesets to the
 * widget package only — its version and widget/CHANGELOG.md — and never to the private signer or the
 * workspace root. Run in a scratch copy of the packages' manifests, so the repository is left as it is.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'pave-changeset-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it('npm run version bumps the widget and writes widget/CHANGELOG.md; the signer and the root stay as they are', () => {
  for (const dir of ['widget', 'signer']) {
    mkdirSync(join(scratch, dir));
    cpSync(join(root, dir, 'package.json'), join(scratch, dir, 'package.json'));
  }
  cpSync(join(root, 'package.json'), join(scratch, 'package.json'));
  cpSync(join(root, '.changeset'), join(scratch, '.changeset'), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'), 'dir');
  writeFileSync(join(scratch, '.changeset/test-change.md'), "---\n'pave-capture': patch\n---\n\nA change a dealer would notice.\n");
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=test@example.invalid', '-c', 'user.name=test', ...args], { cwd: scratch, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'scratch');
  const before = (dir: string) => JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')).version;
  const after = (dir: string) => JSON.parse(readFileSync(join(scratch, dir, 'package.json'), 'utf8')).version;

  execFileSync('npm', ['run', 'version', '--silent'], { cwd: scratch, stdio: 'pipe' });

  expect(after('widget')).not.toBe(before('widget'));
  expect(after('signer')).toBe(before('signer'));
  expect(after('.')).toBe(before('.'));
  const changelog = readFileSync(join(scratch, 'widget/CHANGELOG.md'), 'utf8');
  expect(changelog).toMatch(/^# pave-capture\n/);
  expect(changelog).toContain(`## ${after('widget')}`);
  expect(changelog).toContain('A change a dealer would notice.');
  expect(existsSync(join(scratch, 'signer/CHANGELOG.md'))).toBe(false);
  expect(existsSync(join(scratch, '.changeset/test-change.md'))).toBe(false);
}, 60_000);
