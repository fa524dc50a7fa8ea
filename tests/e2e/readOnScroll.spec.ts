import { expect, test } from '@playwright/test';
import { lineIdOf } from '../../main/db/accountsRepo.node.ts';
import { addShop, useHeadlessCore } from '../helpers/headless.ts';

/** A chat is read as far as the user has seen it, as in WhatsApp: not all of it on opening. */
const line = lineIdOf('shop', 'L');
const headless = useHeadlessCore(async (core) => {
  addShop(core, 'shop', 'Shop');
  const start = Date.now() - 120 * 60_000;
  for (let i = 0; i < 40; i++) {
    core.ingest({
      kind: 'message',
      line,
      chat: { id: 'olga@c.us', title: 'Olga Smirnova' },
      message: {
        ids: { provider: `in-${i}` },
        direction: 'in',
        origin: 'contact',
        type: 'text',
        text: `Question number ${i + 1}`,
        time: start + i * 60_000,
      },
    });
  }
});
const core = () => headless.core();
const unread = async () =>
  (await core().call('conversations.list', { limit: 5 })).items.find(
    (c) => c.title === 'Olga Smirnova',
  )!.unread;

test('opening a chat of 40 unread reads only what is on screen; scrolling down reads the rest', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(await unread()).toBe(40);
  await page.goto(headless.url());
  const row = page.getByTestId('conversation-row').filter({ hasText: 'Olga Smirnova' });
  await row.click();
  const view = page.getByRole('region', { name: 'Olga Smirnova' });
  await expect(view.getByTestId('unread-divider')).toHaveText('40 unread messages');
  await expect(view.getByText('Question number 1', { exact: true })).toBeVisible();

  // What was on screen is read; the rest stays unread, in the core and in the list.
  await expect.poll(unread).toBeLessThan(40);
  const left = await unread();
  expect(left).toBeGreaterThan(10);
  const seen = 40 - left;
  await expect(view.getByText(`Question number ${seen}`, { exact: true })).toBeInViewport();
  await expect(view.getByText(`Question number ${seen + 2}`, { exact: true })).not.toBeInViewport();
  await expect(row.getByLabel(/unread/)).toHaveText(String(left));
  // The divider stays where the unread part began.
  await expect(view.getByTestId('unread-divider')).toHaveText('40 unread messages');

  await view.getByRole('log').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect.poll(unread).toBe(0);
  await expect(row.getByLabel(/unread/)).toHaveCount(0);
});
