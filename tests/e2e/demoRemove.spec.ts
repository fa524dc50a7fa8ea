import { expect, test } from '@playwright/test';
import { useWebMode } from '../helpers/webMode.ts';

/** The demo is labelled as such, and one confirmed click takes all of it away, its open chat too. */
const address = useWebMode();

test('a confirmed click removes the whole demo, leaving an empty workspace ready for a real account', async ({
  page,
}) => {
  await page.goto(address());
  const sidebar = page.getByRole('navigation', { name: 'Accounts' });
  await expect(sidebar.getByText('Online')).toHaveCount(4, { timeout: 20_000 });
  await expect(sidebar.getByRole('note')).toContainText('This is a demo');
  await page.getByTestId('conversation-row').filter({ hasText: 'Ольга' }).click();
  await expect(page.getByRole('region', { name: /Ольга/ })).toBeVisible();
  await sidebar.getByRole('button', { name: 'Remove the demo' }).click();
  // Asked first; Cancel keeps everything.
  const question = sidebar.getByRole('alertdialog');
  await expect(question).toContainText('Your own accounts stay');
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(sidebar.getByText('Online')).toHaveCount(4);
  await sidebar.getByRole('button', { name: 'Remove the demo' }).click();
  await sidebar.getByRole('alertdialog').getByRole('button', { name: 'Remove the demo' }).click();
  await expect(sidebar).toContainText('No accounts yet.');
  // The open demo chat closed with it, and the empty chat pane says what to do.
  await expect(page.getByRole('region', { name: /Ольга/ })).toHaveCount(0);
  await expect(page.getByText(/Chats open here/)).toBeVisible();
  await expect(page.getByTestId('conversation-row')).toHaveCount(0);
  await expect(sidebar.getByRole('note')).toHaveCount(0);
  await expect(sidebar.getByRole('button', { name: 'Add account' })).toBeVisible();
});
