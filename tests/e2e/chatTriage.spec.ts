import { expect, test } from '@playwright/test';
import { lineIdOf } from '../../main/db/accountsRepo.node.ts';
import { addShop, useHeadlessCore } from '../helpers/headless.ts';

/** Muting one chat and marking it unread, from the chat's header and by keyboard. */
const line = lineIdOf('shop', 'L');
let n = 0;
const headless = useHeadlessCore(async (core) => {
  addShop(core, 'shop', 'Shop');
  for (const [chat, title] of [
    ['anna@c.us', 'Anna Petrova'],
    ['ivan@c.us', 'Ivan Orlov'],
  ])
    write(core, chat!, title!, `Hello from ${title}`);
});
const core = () => headless.core();
function write(c: ReturnType<typeof core>, chat: string, title: string, text: string) {
  c.ingest({
    kind: 'message',
    line,
    chat: { id: chat, title },
    message: {
      ids: { provider: `m-${++n}` },
      direction: 'in',
      origin: 'contact',
      type: 'text',
      text,
      time: Date.now() - 60_000 + n,
    },
  });
}
const chat = async (title: string) =>
  (await core().call('conversations.list', { limit: 10 })).items.find((c) => c.title === title)!;

test('mutes a chat for 8 hours from its header, and unmutes it with Ctrl+Shift+M', async ({
  page,
}) => {
  await page.goto(headless.url());
  const row = page.getByTestId('conversation-row').filter({ hasText: 'Ivan Orlov' });
  await row.click();
  const view = page.getByRole('region', { name: 'Ivan Orlov' });
  await view.getByRole('button', { name: 'Mute notifications' }).click();
  await page.getByRole('menuitem', { name: 'For 8 hours' }).click();
  await expect.poll(async () => (await chat('Ivan Orlov')).mutedUntil).toBeGreaterThan(Date.now());
  await expect(row.getByRole('img', { name: 'Muted' })).toBeVisible();
  await expect(view.getByRole('button', { name: 'Unmute' })).toBeVisible();

  // A muted chat's new message shows greyed in the list.
  await page.getByTestId('conversation-row').filter({ hasText: 'Anna Petrova' }).click();
  write(core(), 'ivan@c.us', 'Ivan Orlov', 'Are you there?');
  await expect(row.getByLabel('1 unread')).toHaveClass(/unread-muted/);
  await row.click();
  await expect(view).toBeVisible();
  await page.keyboard.press('Control+Shift+M');
  await expect.poll(async () => (await chat('Ivan Orlov')).mutedUntil).toBeUndefined();
  await expect(row.getByRole('img', { name: 'Muted' })).toHaveCount(0);
  await page.keyboard.press('Control+Shift+M');
  await expect
    .poll(async () => (await chat('Ivan Orlov')).mutedUntil)
    .toBeGreaterThan(Date.now() + 365 * 86_400_000);
});

test('marks the open chat unread with Ctrl+Shift+U: back to the list, the chat shown unread', async ({
  page,
}) => {
  await page.goto(headless.url());
  const row = page.getByTestId('conversation-row').filter({ hasText: 'Anna Petrova' });
  await row.click();
  await expect.poll(async () => (await chat('Anna Petrova')).unread).toBe(0);
  await expect(page.getByRole('region', { name: 'Anna Petrova' })).toBeVisible();
  await page.keyboard.press('Control+Shift+U');
  await expect(page.getByRole('region', { name: 'Anna Petrova' })).toHaveCount(0);
  await expect.poll(async () => (await chat('Anna Petrova')).markedUnread).toBe(true);
  await expect(row.getByLabel('Marked as unread')).toBeVisible();
  await page.getByRole('button', { name: 'Unread', exact: true }).click();
  await expect(row).toBeVisible();
  // Opening it again reads it, and the mark goes.
  await row.click();
  await expect.poll(async () => (await chat('Anna Petrova')).markedUnread).toBeUndefined();
  await expect(row.getByLabel('Marked as unread')).toHaveCount(0);
});

test('Ctrl+/ shows the keyboard shortcuts, and Esc closes the sheet', async ({ page }) => {
  await page.goto(headless.url());
  await expect(page.getByTestId('conversation-row').first()).toBeVisible();
  await page.keyboard.press('Control+/');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  for (const keys of ['Ctrl+K', 'Ctrl+Shift+M', 'Ctrl+Shift+U', 'Ctrl+/'])
    await expect(sheet.getByText(keys, { exact: true })).toBeVisible();
  await expect(sheet).toContainText('Mute or unmute the open chat');
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
});

test('the emoji picker finds 🙏 by name, puts it where the cursor is, and remembers it', async ({
  page,
}) => {
  await page.goto(headless.url());
  await page.getByTestId('conversation-row').filter({ hasText: 'Anna Petrova' }).click();
  const view = page.getByRole('region', { name: 'Anna Petrova' });
  const composer = view.getByRole('textbox', { name: 'Message' });
  await composer.fill('Thank you!');
  await composer.press('Home');
  await view.getByRole('button', { name: 'Emoji' }).click();
  const picker = page.getByRole('dialog', { name: 'Emoji' });
  await picker.getByRole('searchbox').fill('pray');
  await picker.getByRole('button', { name: '🙏' }).first().click();
  await expect(composer).toHaveValue('🙏Thank you!');
  await expect(picker).toHaveCount(0);
  await expect(composer).toBeFocused();

  // Used once, it is among the frequent ones next time.
  await view.getByRole('button', { name: 'Emoji' }).click();
  await expect(picker.getByRole('button', { name: '🙏' }).first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(picker).toHaveCount(0);
  await expect(view).toBeVisible();
});

test('the chat list is one Tab stop; the arrows move inside it and Enter opens', async ({
  page,
}) => {
  for (const [chat, title] of [
    ['c1@c.us', 'Chat One'],
    ['c2@c.us', 'Chat Two'],
    ['c3@c.us', 'Chat Three'],
  ])
    write(core(), chat!, title!, `Hi from ${title}`);
  await core().queue.flushed();
  await page.goto(headless.url());
  const rows = page.getByTestId('conversation-row');
  await expect(rows).toHaveCount(5);
  await expect(page.locator('[data-testid="conversation-row"][tabindex="0"]')).toHaveCount(1);

  await page.getByRole('button', { name: 'Unread', exact: true }).focus();
  await page.keyboard.press('Tab');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(2)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(rows.last()).toBeFocused();
  const title = (await rows.last().locator('.conversation-title').textContent())!;
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: title })).toBeVisible();
  // Tab leaves the list at once, whichever row had the focus.
  await rows.last().focus();
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).not.toHaveAttribute('data-testid', 'conversation-row');
  // Back into the list, the focus returns to the row it left.
  await page.keyboard.press('Shift+Tab');
  await expect(rows.last()).toBeFocused();
});

test('Esc closes the topmost layer only: the mute menu first, then the chat in a narrow window', async ({
  page,
}) => {
  await page.setViewportSize({ width: 660, height: 700 });
  await page.goto(headless.url());
  await page.getByTestId('conversation-row').filter({ hasText: 'Anna Petrova' }).click();
  const view = page.getByRole('region', { name: 'Anna Petrova' });
  await expect(view).toBeVisible();
  await view.getByRole('button', { name: 'Mute notifications' }).click();
  await expect(page.getByRole('menu')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(view).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(view).toHaveCount(0);
});
