import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { useWebMode } from '../helpers/webMode.ts';

/** axe on the main screens of the demo workspace: no serious or critical violations. */
const address = useWebMode();

async function serious(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    );
}

test('the main screens have no serious accessibility violations', async ({ page }) => {
  await page.goto(address());
  await expect(page.getByTestId('conversation-row').filter({ hasText: 'Ольга' })).toHaveCount(1, {
    timeout: 20_000,
  });
  expect(await serious(page), 'inbox').toEqual([]);

  await page.getByTestId('conversation-row').filter({ hasText: 'Ольга' }).click();
  await expect(
    page.getByRole('region', { name: /Ольга/ }).getByTestId('message').first(),
  ).toBeVisible();
  expect(await serious(page), 'conversation').toEqual([]);

  await page.getByRole('button', { name: 'Add account' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /ChatApp/ })
    .click();
  expect(await serious(page), 'add account').toEqual([]);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Settings' }).click();
  expect(await serious(page), 'settings').toEqual([]);
  await page.getByRole('radio', { name: 'Dark' }).check();
  await page.getByRole('button', { name: 'Close' }).click();
  expect(await serious(page), 'conversation, dark').toEqual([]);

  await page.getByRole('button', { name: 'Manage Demo · Maytapi' }).click();
  await expect(page.getByRole('dialog', { name: 'Demo · Maytapi' })).toBeVisible();
  expect(await serious(page), 'account dialog, dark').toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: 'As the system' }).check();
});
