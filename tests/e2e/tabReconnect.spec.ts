import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startWeb } from '../helpers/webMode.ts';
import { tempDir } from '../helpers/cache.ts';

/**
 * A tab left open while Switchboard restarts reconnects by itself: the data folder keeps its
 * bridge token (owner-only), so the new start accepts the tab's. A tab without any token says
 * how to open Switchboard instead of spinning.
 */
const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

test('a tab left open reconnects after a restart on the same data folder', async ({ page }) => {
  const dataDir = tempDir();
  const port = await freePort();
  let web = await startWeb(dataDir, { port });
  try {
    await page.goto(web.url);
    const sidebar = page.getByRole('navigation', { name: 'Accounts' });
    await expect(sidebar.getByText('Online')).toHaveCount(4, { timeout: 20_000 });
    const token = fs.readFileSync(path.join(dataDir, 'bridge-token'), 'utf8').trim();
    expect(web.url).toContain(encodeURIComponent(token));
    if (process.platform !== 'win32')
      expect(fs.statSync(path.join(dataDir, 'bridge-token')).mode & 0o777).toBe(0o600);

    await web.stop();
    await expect(page.getByText(/core is offline/)).toBeVisible();
    web = await startWeb(dataDir, { port });
    await expect(page.getByText(/core is offline/)).toBeHidden({ timeout: 20_000 });
    await expect(sidebar.getByText('Online')).toHaveCount(4, { timeout: 20_000 });
  } finally {
    await web.stop();
  }
});

test('a tab without the token says how to open Switchboard, and takes a pasted address', async ({
  page,
}) => {
  const web = await startWeb(tempDir());
  try {
    const bare = web.url.split('#')[0]!;
    await page.goto(bare);
    await expect(
      page.getByRole('heading', { name: 'Open Switchboard from its address' }),
    ).toBeVisible();
    await expect(page.getByText(/npm run web/)).toBeVisible();
    // Pasting the printed address (with its key) opens the workspace without a reload by hand.
    await page.goto(web.url);
    await expect(page.getByRole('navigation', { name: 'Accounts' })).toBeVisible({
      timeout: 20_000,
    });
  } finally {
    await web.stop();
  }
});
