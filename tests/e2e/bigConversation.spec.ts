import { expect, test } from '@playwright/test';
import { lineIdOf } from '../../main/db/accountsRepo.node.ts';
import { addShop, useHeadlessCore } from '../helpers/headless.ts';

/** A 100,000-message conversation stays light: the DOM holds only what is on screen. */
const TOTAL = 100_000;
const headless = useHeadlessCore((core) => {
  addShop(core, 'acc', 'Busy shop', {
    providerLineId: 'L',
    messenger: 'whatsapp',
    title: 'Main line',
  });
  const line = lineIdOf('acc', 'L');
  const start = Date.now() - TOTAL * 60_000;
  for (let i = 0; i < TOTAL; i++) {
    core.ingest({
      kind: 'message',
      line,
      chat: { id: 'wholesale@c.us', title: 'Wholesale buyer' },
      message: {
        ids: { provider: `m${i}` },
        direction: i % 3 ? 'in' : 'out',
        origin: i % 3 ? 'contact' : 'phone',
        type: 'text',
        text: `Message number ${i}`,
        time: start + i * 60_000,
      },
      historical: true,
    });
  }
});

test('scrolling far back keeps fewer than 200 message nodes, and the order intact', async ({
  page,
}) => {
  await page.goto(headless.url());
  await page.getByTestId('conversation-row').filter({ hasText: 'Wholesale buyer' }).click();
  const view = page.getByRole('region', { name: 'Wholesale buyer' });
  await expect(view.getByTestId('message').last()).toContainText(`Message number ${TOTAL - 1}`);
  const scroller = view.getByRole('log');
  for (let i = 0; i < 12; i++) {
    await scroller.evaluate((el) => (el.scrollTop = 0));
    await page.waitForTimeout(150);
  }
  const nodes = await view.getByTestId('message').count();
  expect(nodes).toBeGreaterThan(5);
  expect(nodes).toBeLessThan(200);
  const texts = await view.locator('.bubble-text').allTextContents();
  const numbers = texts.map((t) => Number(/^Message number (\d+)$/.exec(t)?.[1]));
  expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  // Several pages were loaded, so we really are far from the newest message.
  expect(numbers[0]).toBeLessThan(TOTAL - 300);
});
