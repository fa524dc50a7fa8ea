import { expect, test } from '@playwright/test';
import { useWebMode } from '../helpers/webMode.ts';

/** The demo is labelled as such, and one click takes all of it away. */
const address = useWebMode();

test('one click removes the whole demo, leaving an empty workspace ready for a real account', async ({
  page,
}) => {
  await page.goto(address());
  const sidebar = page.getByRole('navigation', { name: 'Accounts' });
  await expect(sidebar.getByText('Online')).toHaveCount(4, { timeout: 20_000 });
  await expect(sidebar.getByRole('note')).toContainText('This is a demo');
  await sidebar.getByRole('button', { name: 'Remove the demo' }).click();
  await expect(sidebar).toContainText('No accounts yet.');
  await expect(page.getByTestId('conversation-row')).toHaveCount(0);
  await expect(sidebar.getByRole('note')).toHaveCount(0);
  await expect(sidebar.getByRole('button', { name: 'Add account' })).toBeVisible();
});
