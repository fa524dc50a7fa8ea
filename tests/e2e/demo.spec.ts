import { expect, test } from '@playwright/test';
import { useWebMode } from '../helpers/webMode.ts';

/** Browser mode exactly as `npm run web` starts it, on an empty data folder: the demo workspace. */
const address = useWebMode();

test('a first start shows the living demo workspace', async ({ page }) => {
  // The core's events as the page receives them over the bridge.
  const notifications: { title: string; body: string }[] = [];
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as {
        event?: string;
        payload?: { title: string; body: string };
      };
      if (frame.event === 'notification' && frame.payload) notifications.push(frame.payload);
    }),
  );
  await page.goto(address());
  const sidebar = page.getByRole('navigation', { name: 'Accounts' });
  for (const label of ['Demo · ChatApp', 'Demo · MultiWA', 'Demo · Maytapi', 'Demo · Chategy'])
    await expect(sidebar).toContainText(label);
  await expect(sidebar.getByText('Online')).toHaveCount(4, { timeout: 20_000 });
  await expect(sidebar).toContainText('Balance: 780.70 · paid until July 1, 2027');
  // The seeded history is there, and customers keep writing.
  const rows = page.getByTestId('conversation-row');
  for (const title of ['Ольга', 'Курьеры', 'Budi Santoso'])
    await expect(rows.filter({ hasText: title })).toHaveCount(1, { timeout: 20_000 });
  await expect.poll(async () => rows.count(), { timeout: 30_000 }).toBeGreaterThan(3);
  // A customer's new message fires the notification rule: title "contact · line", the text as body.
  await expect.poll(() => notifications.length, { timeout: 30_000 }).toBeGreaterThan(0);
  expect(notifications[0]!.title).toMatch(/ · /);
  expect(notifications[0]!.body.length).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/e2e/demo-workspace.png' });
});

test('a conversation opens at the newest message, and a reply goes from the clock to read', async ({
  page,
}) => {
  await page.goto(address());
  const row = page.getByTestId('conversation-row').filter({ hasText: 'Ольга' });
  await row.click();
  const view = page.getByRole('region', { name: /Ольга/ });
  await expect(view.getByTestId('message').last()).toContainText('Ждём вас!');
  // Record every tick state the reply shows, as the user would see them change.
  await view.getByRole('log').evaluate((log) => {
    const seen: string[] = [];
    (window as unknown as { ticksSeen: string[] }).ticksSeen = seen;
    const record = () => {
      const bubble = [...log.querySelectorAll('[data-testid="message"]')].find((b) =>
        b.textContent?.includes('Line one'),
      );
      const label = bubble?.querySelector('.ticks')?.getAttribute('aria-label');
      if (label && seen.at(-1) !== label) seen.push(label);
    };
    new MutationObserver(record).observe(log, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });
  const composer = view.getByRole('textbox', { name: 'Message' });
  await composer.fill('Line one');
  await composer.press('Shift+Enter');
  await composer.pressSequentially('line two');
  await composer.press('Enter');
  const mine = view.getByTestId('message').filter({ hasText: 'Line one' });
  await expect(mine).toContainText('line two');
  await expect(mine.getByRole('img', { name: 'Read' })).toBeVisible({ timeout: 20_000 });
  await expect(composer).toHaveValue('');
  // The clock first, then only forward (a state may pass too fast to be painted), ending blue.
  const seen = await page.evaluate(() => (window as unknown as { ticksSeen: string[] }).ticksSeen);
  const order = ['Sending', 'Sent', 'Delivered', 'Read'];
  expect(seen[0]).toBe('Sending');
  expect(seen.at(-1)).toBe('Read');
  expect(seen.map((label) => order.indexOf(label))).toEqual(
    [...seen.map((label) => order.indexOf(label))].sort((a, b) => a - b),
  );
  await page.screenshot({ path: 'test-results/e2e/demo-conversation.png' });
});

test('a waiting line signs in by QR through a simulated scan', async ({ page }) => {
  await page.goto(address());
  await page.getByTestId('line').filter({ hasText: 'Support' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Show QR code' }).click();
  await expect(dialog.getByRole('img', { name: 'QR code to scan with WhatsApp' })).toBeVisible({
    timeout: 15_000,
  });
  await page.screenshot({ path: 'test-results/e2e/demo-qr.png' });
  await dialog.getByRole('button', { name: 'Simulate scan (demo)' }).click();
  await expect(dialog.getByRole('status')).toContainText('Connected', { timeout: 15_000 });
});

test('search finds a message offline-fast and opens its conversation at it, marked', async ({
  page,
}) => {
  await page.goto(address());
  await expect(page.getByTestId('conversation-row').filter({ hasText: 'Ольга' })).toHaveCount(1, {
    timeout: 20_000,
  });
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('searchbox', { name: 'Search messages' })).toBeFocused();
  await page.keyboard.type('заеду');
  const hit = page.getByTestId('search-hit').first();
  await expect(hit).toContainText('Ольга');
  await expect(hit.locator('mark')).toHaveText('заеду');
  await hit.click();
  const marked = page
    .getByRole('region', { name: /Ольга/ })
    .locator('[data-testid="message"][aria-current="true"]');
  await expect(marked).toContainText('Отлично, заеду после работы');
  await page.screenshot({ path: 'test-results/e2e/demo-search.png' });

  // An emoji and an emoticon are words too: the shop's answer is found by its 🙏 and its :).
  const search = page.getByRole('searchbox', { name: 'Search messages' });
  for (const query of ['🙏', ':)']) {
    await search.fill(query);
    const answer = page.getByTestId('search-hit').filter({ hasText: 'Заказ будет готов к 18:00' });
    await expect(answer).toHaveCount(1);
    await expect(answer.locator('mark')).toHaveText(query);
  }
});

test('filters unread chats and moves between conversations with Alt+arrows', async ({ page }) => {
  await page.goto(address());
  const rows = page.getByTestId('conversation-row');
  await expect(rows.filter({ hasText: 'Курьеры' })).toHaveCount(1, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Unread', exact: true }).click();
  // Ольга's chat was read in an earlier test; the couriers' group still has an unread message.
  await expect(rows.filter({ hasText: 'Ольга' })).toHaveCount(0);
  await expect(rows.filter({ hasText: 'Курьеры' })).toHaveCount(1);
  await rows.filter({ hasText: 'Курьеры' }).click();
  await expect(rows.filter({ hasText: 'Курьеры' })).toHaveCount(1);
  await page.getByRole('button', { name: 'All', exact: true }).click();
  await expect(rows.filter({ hasText: 'Ольга' })).toHaveCount(1);

  // Titles, not positions: a customer writing meanwhile re-sorts the list.
  const titles = async () => rows.locator('.conversation-title').allTextContents();
  await rows.first().click();
  const before = await titles();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(rows.filter({ hasText: before[1]! })).toHaveAttribute('aria-current', 'true');
  const now = await titles();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(rows.filter({ hasText: now[now.indexOf(before[1]!) - 1]! })).toHaveAttribute(
    'aria-current',
    'true',
  );
});

test('switches language and theme, saved by the core, and back', async ({ page }) => {
  await page.goto(address());
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Language').selectOption('ru');
  await expect(page.getByRole('dialog', { name: 'Настройки' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Аккаунты' })).toContainText('Все аккаунты');
  await page.getByRole('radio', { name: 'Тёмная' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(17, 27, 33)');
  await page.screenshot({ path: 'test-results/e2e/demo-settings-ru-dark.png' });
  // Saved in the core: a reload keeps it.
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Аккаунты' })).toBeVisible();
  await page.getByRole('button', { name: 'Настройки' }).click();
  await page.getByRole('radio', { name: 'Как в системе' }).check();
  await page.getByLabel('Язык').selectOption('en');
  await expect(page.getByRole('navigation', { name: 'Accounts' })).toBeVisible();
});

test('reacts to a customer’s message with a quick emoji', async ({ page }) => {
  await page.goto(address());
  await page.getByTestId('conversation-row').filter({ hasText: 'Budi Santoso' }).click();
  const budi = page.getByRole('region', { name: 'Budi Santoso' });
  const question = budi
    .locator('.bubble-row')
    .filter({ hasText: 'Hello, wholesale prices please?' });
  await question.hover();
  await question.getByRole('button', { name: 'React' }).click();
  await question.getByRole('button', { name: 'React with 👍' }).click();
  await expect(question.locator('.bubble-reactions')).toHaveText('👍');
});
