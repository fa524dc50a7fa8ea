import { expect, test, type Page } from '@playwright/test';
import { useHeadlessCore } from '../helpers/headless.ts';
import { openDemo } from '../../main/demo/demoWorkspace.node.ts';
import { createRegistry } from '../../main/providers/builtins.node.ts';

/**
 * Every window size, as Telegram Desktop folds it: a rail of accounts below 1000 px, the list
 * and the chat taking turns below 720 px, and nothing scrolling sideways from 640 px, in
 * English and Russian.
 */
const env = useHeadlessCore(
  async (core) => {
    await core.startAccounts();
    await openDemo(core, { pace: [60_000, 60_000] });
  },
  { registry: createRegistry() },
);

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const widthOf = async (page: Page, selector: string) =>
  (await page.locator(selector).first().boundingBox())?.width ?? 0;

for (const language of ['en', 'ru'] as const) {
  test(`no sideways scroll from 640 px to 1920 px (${language})`, async ({ page }) => {
    await env.core().call('settings.set', { language });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(env.url());
    const rows = page.getByTestId('conversation-row');
    await expect(rows.first()).toBeVisible({ timeout: 20_000 });
    // Every line's state and bell fit the sidebar: a long name gives way instead.
    const sidebar = (await page.locator('.sidebar').boundingBox())!;
    for (const bell of await page.locator('.sidebar-line .mute-toggle').all()) {
      const box = (await bell.boundingBox())!;
      expect(box.x + box.width, 'a bell inside the sidebar').toBeLessThanOrEqual(
        sidebar.x + sidebar.width,
      );
    }
    await rows.filter({ hasText: 'Ольга' }).click();
    for (const [width, height] of [
      [1920, 1080],
      [1280, 800],
      [1000, 700],
      [800, 600],
      [720, 600],
      [640, 600],
    ] as const) {
      await page.setViewportSize({ width, height });
      await expect.poll(() => sideways(page), `${width}×${height}`).toBe(0);
    }
  });
}

test('below 1000 px the sidebar is a rail of accounts, leaving the chat room to read', async ({
  page,
}) => {
  await env.core().call('settings.set', { language: 'en' });
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto(env.url());
  const sidebar = page.getByRole('navigation', { name: 'Accounts' });
  await expect(page.getByTestId('conversation-row').first()).toBeVisible({ timeout: 20_000 });
  expect(await widthOf(page, '.sidebar')).toBeLessThanOrEqual(80);
  // Each account is an avatar with its initials; a click still shows only its chats.
  await expect(sidebar.locator('.rail-avatar')).toHaveCount(5);
  await expect(sidebar.getByText('Demo · ChatApp')).not.toBeInViewport();
  // Out of sight, the names still name the buttons for a screen reader.
  await expect(sidebar.getByRole('button', { name: /^Demo · ChatApp/ })).toBeVisible();
  await expect(sidebar.getByRole('button', { name: /^All accounts/ })).toBeVisible();
  await expect(sidebar.getByRole('button', { name: 'Add account' })).toBeVisible();
  await page.getByTestId('conversation-row').filter({ hasText: 'Ольга' }).click();
  expect(await widthOf(page, '.conversation-view')).toBeGreaterThanOrEqual(400);
  await page.screenshot({ path: 'test-results/e2e/rail-800x600.png' });
});

test('below 720 px the list and the chat take turns; Back and Esc return to the list', async ({
  page,
}) => {
  await env.core().call('settings.set', { language: 'en' });
  await page.setViewportSize({ width: 680, height: 600 });
  await page.goto(env.url());
  const list = page.locator('main.conversations');
  await expect(page.getByTestId('conversation-row').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.conversation-view')).toHaveCount(0);
  await page.getByTestId('conversation-row').filter({ hasText: 'Ольга' }).click();
  const chat = page.getByRole('region', { name: /Ольга/ });
  await expect(chat).toBeVisible();
  await expect(list).toBeHidden();
  await page.screenshot({ path: 'test-results/e2e/one-pane-chat.png' });
  await chat.getByRole('button', { name: 'Back to the chats' }).click();
  await expect(list).toBeVisible();
  await expect(chat).toBeHidden();
  await page.getByTestId('conversation-row').filter({ hasText: 'Ольга' }).click();
  await expect(chat).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(list).toBeVisible();
});
