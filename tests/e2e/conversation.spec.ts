import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { lineIdOf } from '../../main/db/accountsRepo.node.ts';
import { addShop, useHeadlessCore } from '../helpers/headless.ts';

/** The conversation view as a user works in it: unread divider, jump button, replies, files, media, search in the chat. */
const line = lineIdOf('shop', 'L');
let n = 0;
const headless = useHeadlessCore(async (core) => {
  addShop(core, 'shop', 'Shop');
  const start = Date.now() - 400 * 60_000;
  for (let i = 0; i < 300; i++) {
    core.ingest({
      kind: 'message',
      line,
      chat: { id: 'anna@c.us', title: 'Anna Petrova' },
      message: {
        ids: { provider: `old-${i}` },
        direction: i % 2 ? 'in' : 'out',
        origin: i % 2 ? 'contact' : 'phone',
        type: 'text',
        text: `Earlier message ${i}`,
        time: start + i * 60_000,
      },
      historical: true,
    });
  }
  await core.queue.flushed();
  // A picture the core has a local copy of.
  fs.mkdirSync(core.media.dir, { recursive: true });
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  fs.writeFileSync(path.join(core.media.dir, '1-shelf.png'), png);
  incoming('', {
    type: 'image',
    media: {
      fileName: 'shelf.png',
      mime: 'image/png',
      localPath: path.join(core.media.dir, '1-shelf.png'),
    },
  });
  for (const text of [
    'Hello!',
    'Is the blue sofa still available?',
    'And can you deliver to Kazan?',
  ])
    incoming(text);
  core.ingest({
    kind: 'tag',
    line,
    chat: { id: 'anna@c.us' },
    tag: { id: 't1', name: 'Wholesale', color: '#2471a3' },
    op: 'add',
  });
});
const core = () => headless.core();

function incoming(text: string, extra: Record<string, unknown> = {}, historical = false) {
  core().ingest({
    kind: 'message',
    line,
    chat: { id: 'anna@c.us', title: 'Anna Petrova' },
    message: {
      ids: { provider: `in-${++n}` },
      direction: 'in',
      origin: 'contact',
      type: 'text',
      text,
      time: Date.now() - 1000 + n,
      ...extra,
    },
    historical,
  });
}

test('opens at the unread part under a divider, shows the picture, and counts what arrives while scrolled up', async ({
  page,
}) => {
  await page.goto(headless.url());
  await page.getByTestId('conversation-row').filter({ hasText: 'Anna Petrova' }).click();
  const view = page.getByRole('region', { name: 'Anna Petrova' });
  await expect(view.getByTestId('unread-divider')).toHaveText('4 unread messages');
  await expect(view.getByRole('list', { name: 'Tags' })).toHaveText('Wholesale');
  const picture = view.getByRole('link', { name: 'Open the picture' }).locator('img');
  await expect(picture).toBeVisible();
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await page.screenshot({ path: 'test-results/e2e/screens/conversation-unread.png' });

  const scroller = view.getByRole('log');
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight - el.clientHeight - 1500));
  const jump = view.getByRole('button', { name: /Go to the newest message/ });
  await expect(jump).toBeVisible();
  incoming('Hello? Anyone there?');
  incoming('I need it by Friday');
  await core().queue.flushed();
  await expect(jump).toHaveAccessibleName('Go to the newest message, 2 new');
  await jump.click();
  await expect(jump).toBeHidden();
  await expect(view.getByTestId('message').last()).toContainText('I need it by Friday');
});

test('replies to a message and sends a file with a caption', async ({ page }) => {
  await page.goto(headless.url());
  await page.getByTestId('conversation-row').filter({ hasText: 'Anna Petrova' }).click();
  const view = page.getByRole('region', { name: 'Anna Petrova' });
  const question = view.locator('.bubble-row').filter({ hasText: 'And can you deliver to Kazan?' });
  await question.hover();
  await question.getByRole('button', { name: 'Reply' }).click();
  await expect(view.getByTestId('reply-preview')).toContainText('And can you deliver to Kazan?');
  // A private chat's messages carry no sender: the reply names the chat's contact.
  await expect(view.getByTestId('reply-preview')).toContainText('Reply to Anna Petrova');
  await view.getByRole('textbox', { name: 'Message' }).fill('Yes, in three days');
  await view.getByRole('textbox', { name: 'Message' }).press('Enter');
  const reply = view.getByTestId('message').filter({ hasText: 'Yes, in three days' });
  await expect(reply.locator('.bubble-quote')).toContainText('And can you deliver to Kazan?');
  await expect(view.getByTestId('reply-preview')).toBeHidden();

  await view.getByTestId('file-input').setInputFiles({
    name: 'price-list.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4 prices'),
  });
  await expect(view.getByTestId('attachment-chip')).toContainText('price-list.pdf');
  await view.getByRole('textbox', { name: 'Message' }).fill('Our prices');
  await view.getByRole('button', { name: 'Send' }).click();
  const sent = view.getByTestId('message').filter({ hasText: 'price-list.pdf' });
  await expect(sent).toContainText('Our prices');
  const stored = (
    await core().call('messages.page', {
      conversationId: (await core().call('conversations.list', { limit: 1 })).items[0]!.id,
      limit: 1,
    })
  ).items[0]!;
  expect(stored).toMatchObject({
    direction: 'out',
    text: 'Our prices',
    media: { fileName: 'price-list.pdf' },
  });
  // Sending brings the view to the newest message.
  await expect(sent).toBeInViewport();
  await expect(view.getByRole('button', { name: /Go to the newest message/ })).toBeHidden();
  // Our own file downloads, as it was sent.
  const download = await sent.getByRole('link', { name: 'Download' }).getAttribute('href');
  const got = await page.request.get(new URL(download!, headless.url()).toString());
  expect(got.status()).toBe(200);
  expect(await got.text()).toBe('%PDF-1.4 prices');
  await page.screenshot({ path: 'test-results/e2e/screens/conversation-reply-file.png' });

  // Our own picture shows, loaded from the copy the send keeps.
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  await view.getByTestId('file-input').setInputFiles({
    name: 'our-shelf.png',
    mimeType: 'image/png',
    buffer: png,
  });
  // The picture is previewed before it goes, as in WhatsApp.
  const thumbnail = view.getByTestId('attachment-chip').getByRole('img', { name: 'our-shelf.png' });
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await view.getByRole('button', { name: 'Send' }).click();
  await expect(view.getByTestId('attachment-chip')).toHaveCount(0);
  const ours = view
    .locator('.bubble-row-out')
    .last()
    .getByRole('link', { name: 'Open the picture' })
    .locator('img');
  await expect(ours).toBeVisible();
  await expect.poll(() => ours.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
});

test('a picture opens in a viewer: zoom, next and previous, save, and Esc closes it', async ({
  page,
}) => {
  // A second picture from Anna, so there is a next one.
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAD0lEQVR4nGP4z8DAwPAfAAcAAf9+CLHQAAAAAElFTkSuQmCC',
    'base64',
  );
  fs.writeFileSync(path.join(core().media.dir, '2-door.png'), png);
  incoming('', {
    type: 'image',
    media: {
      fileName: 'door.png',
      mime: 'image/png',
      localPath: path.join(core().media.dir, '2-door.png'),
    },
  });
  await core().queue.flushed();
  await page.goto(headless.url());
  await page.getByTestId('conversation-row').filter({ hasText: 'Anna Petrova' }).click();
  const view = page.getByRole('region', { name: 'Anna Petrova' });
  const pictures = view.getByRole('link', { name: 'Open the picture' });
  const door = pictures.filter({ has: page.getByRole('img', { name: 'door.png' }) });
  await expect(door).toBeVisible();
  await door.click();

  const viewer = page.getByRole('dialog', { name: 'door.png' });
  await expect(viewer).toBeVisible();
  const shown = viewer.getByRole('img', { name: 'door.png' });
  await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2);
  const total = await pictures.count();
  expect(total).toBeGreaterThanOrEqual(2);
  const at = Number((await viewer.locator('.lightbox-count').textContent())!.split(' of ')[0]);
  await expect(viewer).toContainText(`${at} of ${total}`);
  await expect(viewer.getByRole('link', { name: 'Save' })).toHaveAttribute('download', 'door.png');

  await viewer.getByRole('button', { name: 'Zoom in' }).click();
  await expect(shown).toHaveCSS('transform', /matrix\(2, 0, 0, 2/);
  await page.keyboard.press('-');
  await expect(shown).toHaveCSS('transform', 'none');

  // Another picture of the chat, and back.
  const step = at > 1 ? -1 : 1;
  await page.keyboard.press(step < 0 ? 'ArrowLeft' : 'ArrowRight');
  const other = page.getByRole('dialog', { name: /\.png$/ });
  await expect(other).toContainText(`${at + step} of ${total}`);
  await expect(other).not.toHaveAccessibleName('door.png');
  await other.getByRole('button', { name: step < 0 ? 'Next picture' : 'Previous picture' }).click();
  await expect(viewer).toContainText(`${at} of ${total}`);

  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // The chat stays open behind it.
  await expect(view).toBeVisible();
});

test('searches inside the open chat only, and back to everywhere', async ({ page }) => {
  core().ingest({
    kind: 'message',
    line,
    chat: { id: 'boris@c.us', title: 'Boris' },
    message: {
      ids: { provider: 'b1' },
      direction: 'in',
      origin: 'contact',
      type: 'text',
      text: 'Is the blue sofa on sale?',
      time: Date.now(),
    },
    historical: true,
  });
  await core().queue.flushed();
  await page.goto(headless.url());
  await page.getByTestId('conversation-row').filter({ hasText: 'Anna Petrova' }).click();
  await page
    .getByRole('region', { name: 'Anna Petrova' })
    .getByRole('button', { name: 'Search in this chat' })
    .click();
  await expect(page.getByRole('searchbox', { name: 'Search messages' })).toBeFocused();
  await expect(page.getByText('Searching in Anna Petrova')).toBeVisible();
  await page.keyboard.type('blue sofa');
  await expect(page.getByTestId('search-hit')).toHaveCount(1);
  await expect(page.getByTestId('search-hit')).toContainText('Anna Petrova');
  await page.getByRole('button', { name: 'Search everywhere' }).click();
  await expect(page.getByTestId('search-hit')).toHaveCount(2);
});
