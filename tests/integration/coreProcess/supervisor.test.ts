import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreStartError, CoreSupervisor } from '../../../main/coreHost/coreSupervisor.node.ts';
import { forkCore } from '../../../main/coreHost/forkCore.node.ts';
import { listen, request } from '../../../main/core/endpoint.node.ts';
import { MaytapiSimulator } from '../../../main/providers/maytapi/simulator/simulator.node.ts';
import type { EventPayload } from '../../../shared/ipc/contract.std.ts';
import { tempDir } from '../../helpers/cache.ts';
import { until } from '../chatapp/harness.ts';

/**
 * The core in its own process, as the desktop shell runs it in a utilityProcess: here its Node
 * twin, the same entry behind `child_process.fork`, spoken to with the same frames.
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function supervise(dataDir = tempDir()) {
  const kept = new Map<string, Record<string, string>>();
  const supervisor = new CoreSupervisor({
    spawn: () => forkCore(),
    dataDir,
    start: () => ({
      version: 'test',
      electron: false,
      demo: false,
      repairCache: false,
      secrets: { entries: Object.fromEntries(kept), persistent: true },
    }),
    secrets: {
      set: (id, secrets) => void kept.set(id, secrets),
      delete: (id) => void kept.delete(id),
    },
    restartDelaysMs: [50, 200],
  });
  cleanups.push(() => supervisor.close());
  const statuses: string[] = [];
  listen(supervisor, 'core.status', (s) => statuses.push(s.state));
  return { supervisor, kept, statuses, dataDir };
}

describe('the core in its own process', () => {
  it('answers the contract from its process, and the host restarts it after a kill -9', async () => {
    const { supervisor, statuses } = supervise();
    await supervisor.start();
    const first = supervisor.pid!;
    expect(first).not.toBe(process.pid);
    await request(supervisor, 'settings.set', { theme: 'dark' });
    const changed: EventPayload<'settings.changed'>[] = [];
    listen(supervisor, 'settings.changed', (s) => changed.push(s));

    process.kill(first, 'SIGKILL');
    await until(() => statuses.includes('restarting'), 'the host saw the core die');
    // Asked while it restarts: the request waits for the new core instead of failing.
    const settings = await request(supervisor, 'settings.get', {});
    expect(settings.theme).toBe('dark');
    expect(supervisor.pid).not.toBe(first);
    expect(statuses).toEqual(['restarting', 'ready']);
    expect(supervisor.restarts).toBe(1);

    // Events flow from the new process.
    await request(supervisor, 'settings.set', { theme: 'light' });
    await until(() => changed.at(-1)?.theme === 'light', 'settings.changed from the new core');
  });

  it('leaves a Ctrl+C to its host: SIGINT does not end the core under it', async () => {
    const { supervisor, statuses } = supervise();
    await supervisor.start();
    const pid = supervisor.pid!;
    process.kill(pid, 'SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await supervisor.handle('app.info', {})).ok).toBe(true);
    expect(supervisor.pid).toBe(pid);
    expect(statuses).toEqual([]);
  });

  it('refuses in words a request the core was answering when it died', async () => {
    const { supervisor } = supervise();
    await supervisor.start();
    const pid = supervisor.pid!;
    // A request on the wire when the process ends.
    const pending = supervisor.handle('app.info', {});
    process.kill(pid, 'SIGKILL');
    const reply = await pending;
    expect(reply).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(!reply.ok && reply.error.message).toMatch(/restarting/);
    // In words, so the page says it in the user's language.
    expect(!reply.ok && reply.error.words?.key).toBe('core.diedAnswering');
    await until(() => supervisor.state === 'ready' && supervisor.pid !== pid, 'restarted');
    expect((await supervisor.handle('app.info', {})).ok).toBe(true);
  });

  it('keeps secrets with the host: the core hands them over and gets them back after a restart', async () => {
    const sim = await new MaytapiSimulator().start();
    cleanups.push(() => sim.stop());
    const { supervisor, kept } = supervise();
    await supervisor.start();
    const account = await request(supervisor, 'accounts.add', {
      provider: 'maytapi',
      label: 'Hosted',
      config: sim.accountConfig(),
      secrets: { apiKey: sim.options.apiKey },
    });
    expect(kept.get(account.id)).toEqual({ apiKey: sim.options.apiKey });
    const online = async () =>
      (await request(supervisor, 'accounts.list', {})).accounts.find((a) => a.id === account.id)
        ?.connection.state === 'online';
    await until(online, 'online in the first process');

    process.kill(supervisor.pid!, 'SIGKILL');
    await until(() => supervisor.state === 'restarting', 'seen dying');
    // The new process could only sign in with the secret the host handed it.
    await until(online, 'online again with the secret the host kept');
    await request(supervisor, 'accounts.remove', { id: account.id });
    expect(kept.has(account.id)).toBe(false);
  });

  it('says in words why it could not open a damaged cache, and opens it repaired when asked', async () => {
    const dataDir = tempDir();
    fs.writeFileSync(
      path.join(dataDir, 'switchboard.sqlite'),
      'not a database at all '.repeat(400),
    );
    const { supervisor } = supervise(dataDir);
    const failure = await supervisor.start().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CoreStartError);
    expect((failure as CoreStartError).problem).toBe('corrupt');
    expect((failure as CoreStartError).message).toMatch(/damaged/);
    await supervisor.start({ repairCache: true });
    expect((await request(supervisor, 'accounts.list', {})).accounts).toEqual([]);
  });
});
