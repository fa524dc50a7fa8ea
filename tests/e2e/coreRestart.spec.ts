import { expect, test } from '@playwright/test';
import { useWebMode } from '../helpers/webMode.ts';

/**
 * The core in a process of its own, as the desktop app runs it (here behind
 * `child_process.fork`): killed, it is seen by its host, started again, and the page
 * reconnects by itself, showing what it had meanwhile.
 */
const address = useWebMode({ coreProcess: true });

test('a killed core is restarted and the page reconnects', async ({ page }) => {
  await page.goto(address());
  const sidebar = page.getByRole('navigation', { name: 'Accounts' });
  await expect(sidebar.getByText('Online')).toHaveCount(4, { timeout: 20_000 });
  const olga = page.getByTestId('conversation-row').filter({ hasText: 'Ольга' });
  await expect(olga).toHaveCount(1, { timeout: 20_000 });

  process.kill(address.corePid(), 'SIGKILL');
  const banner = page.getByText(/core is offline/);
  await expect(banner).toBeVisible();
  // What was loaded stays on screen while the core restarts.
  await expect(olga).toHaveCount(1);

  await expect(banner).toBeHidden({ timeout: 20_000 });
  await expect(sidebar.getByText('Online')).toHaveCount(4, { timeout: 20_000 });
  // The restarted core answers: the chat opens with its history.
  await olga.click();
  await expect(
    page.getByRole('region', { name: /Ольга/ }).getByTestId('message').last(),
  ).toContainText('Ждём вас!');
});
