import { expect, test } from '@playwright/test';
import { useWebMode } from '../helpers/webMode.ts';

/**
 * Screenshots of the main screens of the demo workspace, light and dark, English and
 * Russian, written to test-results/e2e/screens/ as artifacts of every run.
 */
const address = useWebMode();
const shot = (name: string) => ({ path: `test-results/e2e/screens/${name}.png` });

test('the main screens, as a user first sees them', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 820 });
  await page.goto(address());
  const rows = page.getByTestId('conversation-row');
  await expect(rows.filter({ hasText: 'Ольга' })).toHaveCount(1, { timeout: 20_000 });
  await expect(page.getByRole('navigation', { name: 'Accounts' }).getByText('Online')).toHaveCount(
    4,
    { timeout: 20_000 },
  );
  await page.screenshot(shot('01-inbox'));

  await rows.filter({ hasText: 'Ольга' }).click();
  await expect(
    page.getByRole('region', { name: /Ольга/ }).getByTestId('message').first(),
  ).toBeVisible();
  await page.screenshot(shot('02-conversation'));

  await page.keyboard.press('Control+k');
  await page.keyboard.type('заказ');
  await expect(page.getByTestId('search-hit').first()).toBeVisible();
  await page.screenshot(shot('03-search'));
  await page.keyboard.press('Escape');

  await page.getByTestId('line').filter({ hasText: 'Support' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Show QR code' }).click();
  await expect(page.getByRole('img', { name: 'QR code to scan with WhatsApp' })).toBeVisible({
    timeout: 15_000,
  });
  await page.screenshot(shot('04-qr-login'));
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Add account' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /ChatApp/ })
    .click();
  await page.getByRole('dialog').getByRole('button', { name: 'Check and save' }).click();
  await page.screenshot(shot('05-add-account-errors'));
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Manage Demo · Chategy' }).click();
  await expect(page.getByRole('dialog', { name: 'Demo · Chategy' })).toBeVisible();
  await page.screenshot(shot('06-account-webhook'));
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.screenshot(shot('07-settings'));
  await page.getByRole('radio', { name: 'Dark' }).check();
  await page.getByLabel('Language').selectOption('ru');
  await page.getByRole('button', { name: 'Закрыть' }).click();
  await page.screenshot(shot('08-conversation-dark-ru'));

  // Back to the defaults for whoever opens this demo next.
  await page.getByRole('button', { name: 'Настройки' }).click();
  await page.getByRole('radio', { name: 'Как в системе' }).check();
  await page.getByLabel('Язык').selectOption('en');
  await expect(page.getByRole('navigation', { name: 'Accounts' })).toBeVisible();
});
