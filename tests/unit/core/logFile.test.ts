import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeLogFile, logFilePath, openLogFile } from '../../../main/log/logFile.node.ts';
import { createLogger } from '../../../main/log/logger.node.ts';
import { tempDir } from '../../helpers/cache.ts';

afterEach(() => closeLogFile());

const lines = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('the log file', () => {
  it('writes JSON lines in the data folder with level, scope and time', async () => {
    const dir = tempDir();
    const file = openLogFile(dir);
    expect(file).toBe(path.join(dir, 'logs', 'switchboard.log'));
    expect(logFilePath()).toBe(file);
    createLogger('maytapi a1', true).warn('status of phone 10102 failed', { error: 'ECONNRESET' });
    await closeLogFile();
    expect(lines(file)).toEqual([
      expect.objectContaining({
        level: 'warn',
        scope: 'maytapi a1',
        msg: 'status of phone 10102 failed',
        error: 'ECONNRESET',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
  });

  it('never holds a secret: keys that name one, tokens in addresses, bearer headers, webhook secrets', async () => {
    const dir = tempDir();
    const file = openLogFile(dir);
    createLogger('chatapp', true).error(
      'refresh failed for wss://sock.example/app?token=abc123secret&x=1 via Bearer eyJhbGciOi.J9x',
      {
        password: 'hunter22',
        config: { apiKey: 'mt_live_1234', host: 'api.maytapi.com' },
        url: 'http://127.0.0.1:7421/hooks/acc-1/Zk3q9vQ0aB7cD1eF2gH3',
        headers: { Authorization: 'Bearer top-secret' },
      },
    );
    await closeLogFile();
    const text = fs.readFileSync(file, 'utf8');
    for (const secret of [
      'abc123secret',
      'eyJhbGciOi',
      'hunter22',
      'mt_live_1234',
      'Zk3q9vQ0aB7cD1eF2gH3',
      'top-secret',
    ])
      expect(text).not.toContain(secret);
    const [line] = lines(file);
    expect(line).toMatchObject({
      password: '[redacted]',
      config: { apiKey: '[redacted]', host: 'api.maytapi.com' },
      url: 'http://127.0.0.1:7421/hooks/acc-1/[redacted]',
    });
  });

  it('rotates by size and keeps a bounded number of files', async () => {
    const dir = tempDir();
    openLogFile(dir, { size: '10K', keep: 2 });
    const log = createLogger('bench', true);
    for (let i = 0; i < 600; i += 1) log.info(`line ${i} ${'x'.repeat(60)}`);
    await new Promise((r) => setTimeout(r, 200));
    await closeLogFile();
    // (rotating-file-stream keeps its list of rotated files in switchboard.log.txt.)
    const files = fs.readdirSync(path.join(dir, 'logs')).filter((f) => f.endsWith('.log'));
    expect(files).toContain('switchboard.log');
    expect(files.length).toBeGreaterThan(1);
    expect(files.length, files.join(', ')).toBeLessThanOrEqual(3);
  });

  it('is offered by app.info, so Settings can say where it is', async () => {
    const { Core } = await import('../../../main/core/core.node.ts');
    const { MemorySettingsStore } = await import('../../../main/core/settingsStore.node.ts');
    const dir = tempDir();
    const logFile = openLogFile(dir);
    const core = Core.open({ dataDir: dir, settings: new MemorySettingsStore(), logFile });
    try {
      expect((await core.call('app.info', {})).logFile).toBe(logFile);
    } finally {
      await core.close();
    }
  });
});
