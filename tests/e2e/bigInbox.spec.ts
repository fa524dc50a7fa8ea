import { expect, test } from '@playwright/test';
import { lineIdOf } from '../../main/db/accountsRepo.node.ts';
import { addShop, useHeadlessCore } from '../helpers/headless.ts';

/** 10,000 conversations in two accounts: the list stays light, pages in, and holds still on live updates. */
const PER_ACCOUNT = 5_000;
const start = Date.now() - 2 * PER_ACCOUNT * 60_000;
const headless = useHeadlessCore((core) => {
  addShop(core, 'shop', 'Shop');
  addShop(core, 'agency', 'Agency');
  for (let i = 0; i < PER_ACCOUNT; i++) {
    say('shop', i, `Order question ${i}`, start + i * 120_000);
    say('agency', i, `Campaign question ${i}`, start + i * 120_000 + 60_000);
  }
});

function say(account: 'shop' | 'agency', chat: number, text: string, time: number) {
  headless.core().ingest({
    kind: 'message',
    line: lineIdOf(account, 'L'),
    chat: {
      id: `${account}-${chat}@c.us`,
      title: `${account === 'shop' ? 'Shop' : 'Agency'} customer ${chat}`,
    },
    message: {
      ids: { provider: `${account}-${chat}-${time}` },
      direction: 'in',
      origin: 'contact',
      type: 'text',
      text,
      time,
    },
    historical: true,
  });
}

test('10,000 conversations: few rows in the DOM, older pages on scrolling, the oldest reachable', async ({
  page,
}) => {
  await page.goto(headless.url());
  const rows = page.getByTestId('conversation-row');
  await expect(rows.first()).toContainText(`Agency customer ${PER_ACCOUNT - 1}`);
  const scroller = page.locator('.conversation-scroller');
  const oldest = page.locator('.conversation-title', { hasText: /^Shop customer 0$/ });
  for (let i = 0; i < 200 && !(await oldest.count()); i++) {
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.waitForTimeout(60);
  }
  await expect(oldest).toBeVisible();
  expect(await rows.count()).toBeLessThan(100);
  await page.screenshot({ path: 'test-results/e2e/screens/inbox-10k.png' });
});

test('a chat moving to the top does not shift the rows the user is reading', async ({ page }) => {
  await page.goto(headless.url());
  const scroller = page.locator('.conversation-scroller');
  await expect(page.getByTestId('conversation-row').first()).toBeVisible();
  await scroller.evaluate((el) => (el.scrollTop = 68 * 40 + 10));
  await page.waitForTimeout(200);
  const topRow = async () =>
    scroller.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const row = [...el.querySelectorAll<HTMLElement>('[data-testid="conversation-row"]')].find(
        (r) => r.getBoundingClientRect().bottom > box.top + 20,
      );
      return {
        title: row?.querySelector('.conversation-title')?.textContent,
        y: Math.round(row!.getBoundingClientRect().top - box.top),
      };
    });
  const before = await topRow();
  const height = await scroller.evaluate((el) => el.scrollHeight);
  // Two chats from far down the list and one new chat get messages and go to the top.
  say('shop', 10, 'Back again', Date.now());
  say('shop', 11, 'Back again', Date.now());
  say('shop', 90_001, 'New here', Date.now());
  await headless.core().queue.flushed();
  // The update has landed once the three rows are in (none of them was among the loaded ones).
  await expect.poll(() => scroller.evaluate((el) => el.scrollHeight)).toBe(height + 3 * 68);
  expect(await topRow()).toEqual(before);
  await scroller.evaluate((el) => (el.scrollTop = 0));
  await expect(page.getByTestId('conversation-row').first()).toContainText('Shop customer 90001');
  await expect(page.getByTestId('conversation-row').nth(1)).toContainText('Back again');
});

test('one account’s chats only, its unread count, and a line muted from the sidebar', async ({
  page,
}) => {
  await page.goto(headless.url());
  const sidebar = page.getByRole('navigation', { name: 'Accounts' });
  await sidebar.getByRole('button', { name: /^Agency Offline/ }).click();
  const rows = page.getByTestId('conversation-row');
  await expect(rows.first()).toContainText('Agency customer');
  const titles = await page.locator('.conversation-title').allTextContents();
  expect(titles.every((t) => t.startsWith('Agency customer'))).toBe(true);
  await sidebar.getByRole('button', { name: /^All accounts/ }).click();
  await expect(rows.first()).toContainText('Shop customer 90001');

  const mute = sidebar.getByRole('button', { name: 'Mute notifications from Shop WhatsApp' });
  await mute.click();
  await expect(sidebar.getByRole('button', { name: 'Unmute Shop WhatsApp' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  expect(headless.core().cache.accounts.line(lineIdOf('shop', 'L'))!.muted).toBe(true);
  await page.screenshot({ path: 'test-results/e2e/screens/sidebar-muted.png' });
});
