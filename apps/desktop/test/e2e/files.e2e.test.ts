import type { ParleyServer } from '@parley/server';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, tempDir, until } from '../support/harness.js';
import {
  accessibleDescription,
  befriendInPages,
  launchBrowser,
  type OpenAppOptions,
  openPerson,
  type Person,
  saveScreenshot,
} from './support/index.js';

/*
 * Files between two apps, each over its own real core, against a real server: pictures dropped into
 * a conversation (pending bubble, thumbnails on both sides, the viewer), a file card downloaded,
 * opened and saved, a voice message recorded from Chromium's fake microphone and played on the
 * other side, and an upload paused, resumed and cancelled.
 */

let browser: Browser;
let server: ParleyServer;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser({ fakeMedia: true }), startServer()]);
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

const person = (name: string, displayName: string, options: OpenAppOptions) =>
  openPerson(browser, displayName, { server, name, ...options });

/** Two friends with their direct conversation open on both sides. */
async function pair(a: OpenAppOptions, b: OpenAppOptions): Promise<[Person, Person, string]> {
  const alice = await person('alice', 'Alice Chen', a);
  const bob = await person('bob', '王小明', b);
  await befriendInPages(bob, alice);
  const opened = await alice.page.evaluate(
    (userId) => window.parley.conversations.openDirect({ userId }),
    bob.id,
  );
  if (!opened.ok) throw new Error(opened.error.message);
  const id = opened.data.conversationId;
  for (const p of [alice, bob]) {
    const row = p.page.locator(`[data-conversation-id="${id}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.click();
  }
  return [alice, bob, id];
}

const view = (p: Person, other: Person) => p.page.getByRole('region', { name: other.name });
const bubbles = (v: Locator) => v.getByRole('article');
/** A picture in a message, by its accessible name ("Picture a.png", "图片 a.png"). */
const picture = (v: Locator, name: string) =>
  v.locator('.file-image').filter({ has: v.page().getByRole('img', { name, exact: true }) });

/** A PNG of the given size: a diagonal colour gradient, so thumbnails have something to show. */
function png(width: number, height: number): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      raw[row + 1 + x * 3] = Math.round((x / width) * 255);
      raw[row + 2 + x * 3] = Math.round((y / height) * 200) + 40;
      raw[row + 3 + x * 3] = 180;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** Drops files onto the conversation, as a drag from the desktop does (a page's files have no path). */
async function drop(page: Page, region: Locator, files: { name: string; type: string; bytes: Buffer }[]) {
  const handle = await region.elementHandle();
  await page.evaluate(
    ([target, list]) => {
      const data = new DataTransfer();
      for (const f of list) data.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
      target.dispatchEvent(
        new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }),
      );
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    [handle, files.map((f) => ({ ...f, bytes: [...f.bytes] }))] as const,
  );
}

/** Whether a picture has loaded (an <img> with pixels). */
const loaded = (img: Locator) =>
  img
    .evaluate((el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0)
    .catch(() => false);

describe('files in a conversation', () => {
  it('sends dropped pictures: pending bubble, thumbnails on both sides, the viewer', async () => {
    const [alice, bob] = await pair({ language: 'en', theme: 'light' }, { language: 'zh-CN', theme: 'dark' });
    const atAlice = view(alice, bob);
    const atBob = view(bob, alice);

    // Offline, the dropped picture waits in the composer, then shows at once with its own preview.
    alice.app.goOffline();
    await drop(alice.page, atAlice, [{ name: 'harbour.png', type: 'image/png', bytes: png(1200, 800) }]);
    await atAlice.getByRole('list', { name: 'Files to send' }).getByText('harbour.png').waitFor();
    await atAlice.getByRole('button', { name: 'Send', exact: true }).click();
    const pending = bubbles(atAlice).filter({
      has: alice.page.getByRole('img', { name: 'Picture harbour.png', exact: true }),
    });
    await pending.waitFor();
    await pending.getByText('Waiting for the connection…').waitFor();
    await pending.getByRole('progressbar', { name: 'Upload of harbour.png' }).waitFor();
    // The box has the picture's shape before anything loads (1200×800 → 320×213).
    expect(await pending.locator('.file-image').boundingBox()).toMatchObject({ width: 320, height: 213 });
    await expect.poll(() => loaded(pending.getByRole('img', { name: 'Picture harbour.png' }))).toBe(true);
    await saveScreenshot(alice.page, 'files-image-pending-en-light');

    // Back online: it goes, and both sides show the server's thumbnail.
    alice.app.goOnline();
    const sent = bubbles(atAlice).filter({
      has: alice.page.getByRole('button', { name: 'Picture harbour.png' }),
    });
    await sent
      .getByRole('img', { name: 'Delivered' })
      .or(sent.getByRole('img', { name: 'Read' }))
      .waitFor({
        timeout: 30_000,
      });
    const thumbAtAlice = sent.locator('img[src$="/thumbnail"]');
    await expect.poll(() => loaded(thumbAtAlice), { timeout: 15_000 }).toBe(true);
    const atBobPicture = atBob.getByRole('button', { name: '图片 harbour.png' });
    await atBobPicture.waitFor({ timeout: 15_000 });
    await expect
      .poll(() => loaded(picture(atBob, '图片 harbour.png').locator('img[src$="/thumbnail"]')), {
        timeout: 15_000,
      })
      .toBe(true);

    // A second picture, online this time; the list preview names it as a picture.
    await drop(alice.page, atAlice, [{ name: 'street.png', type: 'image/png', bytes: png(600, 900) }]);
    await atAlice.getByRole('button', { name: 'Send', exact: true }).click();
    const second = picture(atBob, '图片 street.png');
    await expect.poll(() => loaded(second.locator('img[src$="/thumbnail"]')), { timeout: 15_000 }).toBe(true);
    expect(await second.boundingBox()).toMatchObject({ width: 213, height: 320 });
    await expect
      .poll(() => bob.page.locator('.chats-row-active .chats-row-preview').innerText())
      .toBe('[图片]');
    await saveScreenshot(alice.page, 'files-image-en-light');
    await saveScreenshot(bob.page, 'files-image-zh-CN-dark');

    // Bob opens the first one: the viewer, with its preview, zoom and the next picture.
    await atBobPicture.click();
    const viewer = bob.page.getByRole('dialog', { name: '图片查看器' });
    await viewer.waitFor();
    const full = viewer.getByRole('img', { name: 'harbour.png' });
    await expect.poll(() => loaded(full)).toBe(true);
    expect(await full.getAttribute('src')).toMatch(/\/preview$/);
    await viewer.getByText('1 / 2').waitFor();
    // Fitted to the window first (1200×800 in a 1280×800 window is a little smaller), then 100 %.
    const zoom = viewer.getByText(/^\d+%$/);
    expect(Number.parseInt(await zoom.innerText(), 10)).toBeLessThan(100);
    await saveScreenshot(bob.page, 'files-viewer-zh-CN-dark');
    await viewer.getByRole('button', { name: '放大' }).click();
    await expect.poll(() => zoom.innerText()).toBe('100%');
    await bob.page.keyboard.press('ArrowRight');
    await viewer.getByText('2 / 2').waitFor();
    await expect.poll(() => loaded(viewer.getByRole('img', { name: 'street.png' }))).toBe(true);
    await viewer.getByRole('button', { name: '查看原图' }).click();
    await expect
      .poll(() => viewer.getByRole('img', { name: 'street.png' }).getAttribute('src'))
      .toMatch(/\/original$/);
    await expect.poll(() => loaded(viewer.getByRole('img', { name: 'street.png' }))).toBe(true);
    await bob.page.keyboard.press('ArrowLeft');
    await viewer.getByText('1 / 2').waitFor();
    await bob.page.keyboard.press('Escape');
    await expect.poll(() => viewer.count()).toBe(0);
    // Focus is back on the picture that opened it.
    expect(await atBobPicture.evaluate((el) => el === document.activeElement)).toBe(true);

    // A picture pasted from the clipboard goes as bytes, under a name of its own.
    const input = atAlice.getByRole('textbox', { name: 'Message' });
    await input.focus();
    await alice.page.evaluate(
      ([bytes]) => {
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array(bytes)], 'image.png', { type: 'image/png' }));
        document.activeElement?.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        );
      },
      [[...png(200, 150)]] as const,
    );
    const chip = atAlice.getByRole('list', { name: 'Files to send' }).getByText(/^pasted-\d{8}-\d{6}\.png$/);
    const pastedName = await chip.innerText();
    await input.press('Enter');
    const pasted = picture(atBob, `图片 ${pastedName}`);
    await expect.poll(() => loaded(pasted.locator('img[src$="/thumbnail"]')), { timeout: 15_000 }).toBe(true);
    expect(await pasted.boundingBox()).toMatchObject({ width: 200, height: 150 });
  });

  it('sends a file: the other side downloads it, opens it, shows it in its folder and saves it', async () => {
    const [alice, bob, id] = await pair(
      { language: 'en', theme: 'dark' },
      { language: 'zh-CN', theme: 'light' },
    );
    const atAlice = view(alice, bob);
    const atBob = view(bob, alice);
    const notes = Buffer.from('Agenda\n1. Budget\n2. 下周计划\n');

    // Picked with the file chooser, with a line of text: one message each.
    await atAlice
      .locator('input[type="file"][multiple]')
      .setInputFiles([{ name: 'meeting-notes.txt', mimeType: 'text/plain', buffer: notes }]);
    const input = atAlice.getByRole('textbox', { name: 'Message' });
    await input.fill('Notes from today');
    await input.press('Enter');
    const card = atBob.getByRole('group', { name: /^文件“meeting-notes\.txt”/ });
    await card.waitFor({ timeout: 15_000 });
    await bubbles(atBob).filter({ hasText: 'Notes from today' }).waitFor();
    await card.getByText('TXT', { exact: true }).waitFor();
    await saveScreenshot(alice.page, 'files-card-en-dark');

    // Bob downloads it: the card says so and offers Open and Show in folder.
    await card.getByRole('button', { name: '下载' }).click();
    await card.getByText('已下载').waitFor({ timeout: 15_000 });
    await card.getByRole('button', { name: '打开' }).click();
    await expect.poll(() => bob.app.openedPaths.length).toBe(1);
    expect(readFileSync(bob.app.openedPaths[0] ?? '')).toEqual(notes);
    await card.getByRole('button', { name: '在文件夹中显示' }).click();
    await expect.poll(() => bob.app.shownInFolder.length).toBe(1);
    const target = join(tempDir('parley-save-'), 'notes-copy.txt');
    bob.app.saveDialogAnswer = target;
    await card.getByRole('button', { name: '另存为…' }).click();
    await bob.page.getByText(`已保存到 ${target}`).waitFor();
    expect(readFileSync(target)).toEqual(notes);
    await saveScreenshot(bob.page, 'files-card-zh-CN-light');

    // A program asks before it opens.
    await atAlice.locator('input[type="file"][multiple]').setInputFiles([
      {
        name: 'setup.exe',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from('MZ not really a program'),
      },
    ]);
    await atAlice.getByRole('button', { name: 'Send', exact: true }).click();
    const program = atBob.getByRole('group', { name: /^文件“setup\.exe”/ });
    await program.getByRole('button', { name: '下载' }).click();
    await program.getByRole('button', { name: '打开' }).click({ timeout: 15_000 });
    const ask = bob.page.getByRole('dialog', { name: '要打开这个程序吗？' });
    await ask.waitFor();
    await ask.getByRole('button', { name: '取消' }).click();
    expect(bob.app.openedPaths).toHaveLength(1);
    await program.getByRole('button', { name: '打开' }).click();
    await ask.getByRole('button', { name: '仍要打开' }).click();
    await expect.poll(() => bob.app.openedPaths.length).toBe(2);

    // Started again, Bob's cards still know which files are here.
    const again = await bob.app.restart();
    await again.page.locator(`[data-conversation-id="${id}"]`).click();
    const cardAgain = again.page
      .getByRole('region', { name: alice.name })
      .getByRole('group', { name: /^文件“meeting-notes\.txt”/ });
    await cardAgain.getByText('已下载').waitFor({ timeout: 15_000 });
    await cardAgain.getByRole('button', { name: '打开' }).waitFor();

    // Settings → Storage: what the cache holds, a smaller limit, and clearing it.
    const page = again.page;
    await page.getByRole('button', { name: '设置', exact: true }).click();
    await page.getByRole('navigation', { name: '设置' }).getByRole('button', { name: '存储空间' }).click();
    await page.getByRole('heading', { name: '存储空间', level: 1 }).waitFor();
    await page.getByText(/^已使用 \d+ B$/).waitFor();
    expect(await accessibleDescription(page.getByLabel('最多占用'))).toBe(
      '缓存满时，优先清理最久未打开的文件。',
    );
    await page.getByLabel('最多占用').selectOption({ label: '1 GB' });
    await expect.poll(() => again.settings.get().fileCacheLimitGiB).toBe(1);
    await saveScreenshot(page, 'settings-storage-zh-CN-light');
    await page.getByRole('button', { name: '清理缓存文件' }).click();
    const confirm = page.getByRole('dialog', { name: '清理缓存文件？' });
    await confirm.getByRole('button', { name: '清理', exact: true }).click();
    await page.getByText(/^已释放 \d+ B$/).waitFor();
    await page.getByText('已使用 0 B').waitFor();
    expect(await page.getByRole('button', { name: '清理缓存文件' }).isDisabled()).toBe(true);
    // The card offers the download again.
    await page.getByRole('button', { name: '聊天', exact: true }).click();
    await page.locator(`[data-conversation-id="${id}"]`).click();
    await cardAgain.getByRole('button', { name: '下载' }).waitFor();
    expect(again.problems()).toEqual([]);
  });

  it('records a voice message from the microphone and plays it on the other side', async () => {
    const [alice, bob] = await pair({ language: 'en', theme: 'light' }, { language: 'zh-CN', theme: 'dark' });
    const atAlice = view(alice, bob);
    const atBob = view(bob, alice);

    await atAlice.getByRole('button', { name: 'Record a voice message' }).click();
    const recorder = atAlice.getByRole('group', { name: 'Recording a voice message' });
    await recorder.waitFor();
    await recorder.getByRole('timer', { name: 'Recorded 0:03' }).waitFor({ timeout: 10_000 });
    await saveScreenshot(alice.page, 'files-voice-recording-en-light');
    await recorder.getByRole('button', { name: 'Send voice message' }).click();
    await expect.poll(() => recorder.count()).toBe(0);

    const voice = atBob.getByRole('group', { name: /^语音消息，0:0[34]$/ });
    await voice.waitFor({ timeout: 15_000 });
    // The waveform has a shape: the peaks are not all the same.
    const heights = await voice
      .locator('.voice-bar')
      .evaluateAll((bars) => bars.map((b) => (b as HTMLElement).style.height));
    expect(heights.length).toBeGreaterThanOrEqual(16);
    expect(new Set(heights).size).toBeGreaterThan(1);

    // Play, pause where it is, then on at 1.5× to the end, where it goes back to the start.
    const audio = voice.locator('audio');
    const position = () => audio.evaluate((el) => (el as HTMLAudioElement).currentTime);
    await voice.getByRole('button', { name: '播放语音' }).click();
    await expect.poll(position, { timeout: 15_000 }).toBeGreaterThan(0.3);
    await voice.getByRole('button', { name: '暂停语音' }).click();
    await expect.poll(() => audio.evaluate((el) => (el as HTMLAudioElement).paused)).toBe(true);
    const pausedAt = await position();
    await voice.getByRole('button', { name: '播放速度: 1×' }).click();
    await voice.getByRole('button', { name: '播放语音' }).click();
    expect(await audio.evaluate((el) => (el as HTMLAudioElement).playbackRate)).toBe(1.5);
    await expect.poll(position).toBeGreaterThan(pausedAt);
    await voice.getByRole('button', { name: '播放语音' }).waitFor({ timeout: 15_000 });
    expect(await position()).toBe(0);
    await saveScreenshot(bob.page, 'files-voice-zh-CN-dark');
    await saveScreenshot(alice.page, 'files-voice-en-light');

    // Cancelling a recording (Esc) sends nothing.
    await atAlice.getByRole('button', { name: 'Record a voice message' }).click();
    await recorder.waitFor();
    await alice.page.keyboard.press('Escape');
    await expect.poll(() => recorder.count()).toBe(0);
    expect(await atAlice.getByRole('group', { name: /^Voice message/ }).count()).toBe(1);
  });

  it('pauses, resumes and cancels uploads', async () => {
    const [alice, bob] = await pair({ language: 'en', theme: 'light' }, { language: 'en', theme: 'light' });
    const atAlice = view(alice, bob);
    const atBob = view(bob, alice);
    const chooser = atAlice.locator('input[type="file"][multiple]');

    // Offline, two files wait; one is paused, the other cancelled.
    alice.app.goOffline();
    await chooser.setInputFiles([
      { name: 'kept.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(300_000, 7) },
      { name: 'dropped.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(1000, 1) },
    ]);
    await atAlice.getByRole('button', { name: 'Send', exact: true }).click();
    const kept = atAlice.getByRole('group', { name: /^File kept\.bin/ });
    const dropped = atAlice.getByRole('group', { name: /^File dropped\.bin/ });
    await kept.getByText('Waiting for the connection…').waitFor();
    await kept.getByRole('button', { name: 'Pause' }).click();
    await kept.getByText(/^Paused · /).waitFor();
    await dropped.getByRole('button', { name: 'Cancel sending' }).click();
    await expect.poll(() => dropped.count()).toBe(0);
    await saveScreenshot(alice.page, 'files-upload-paused-en-light');

    // Online again, the paused one stays paused until resumed; then it arrives.
    alice.app.goOnline();
    await until(() => alice.app.core.sync.connection === 'online', 15_000, 'Alice online');
    expect(alice.app.core.files.transfers().map((t) => [t.name, t.state])).toEqual([['kept.bin', 'paused']]);
    await kept.getByText(/^Paused · /).waitFor();
    await kept.getByRole('button', { name: 'Resume' }).click();
    await atBob.getByRole('group', { name: /^File kept\.bin/ }).waitFor({ timeout: 15_000 });
    expect(await atBob.getByRole('group', { name: /^File dropped\.bin/ }).count()).toBe(0);
  });

  it('shows photos: mine from Settings and the group photo, on both sides, and removes them', async () => {
    const [alice, bob, directId] = await pair(
      { language: 'en', theme: 'light' },
      { language: 'zh-CN', theme: 'dark' },
    );
    const photoOf = (scope: Locator) => scope.locator('img.avatar-photo');

    // Alice picks a photo in Settings: it shows on her rail, and in Bob's list beside their chat.
    await alice.page.getByRole('button', { name: 'Settings' }).click();
    await alice.page
      .locator('input[type="file"][accept^="image/"]')
      .setInputFiles([{ name: 'me.png', mimeType: 'image/png', buffer: png(400, 400) }]);
    await alice.page.getByText('Photo updated').waitFor({ timeout: 15_000 });
    const rail = alice.page.getByRole('navigation').first();
    await expect.poll(() => loaded(photoOf(rail)), { timeout: 15_000 }).toBe(true);
    expect(await photoOf(rail).getAttribute('src')).toMatch(/^\/avatars\/[0-9a-f-]{36}\/64$/);
    const bobsRow = bob.page.locator(`[data-conversation-id="${directId}"]`);
    await expect.poll(() => loaded(photoOf(bobsRow)), { timeout: 15_000 }).toBe(true);
    await saveScreenshot(alice.page, 'files-avatar-settings-en-light');

    // A group: Alice (the owner) gives it a photo from its info panel; both see it and the line.
    const created = await alice.page.evaluate(
      (userId) => window.parley.groups.create({ name: 'Harbour team', memberIds: [userId] }),
      bob.id,
    );
    if (!created.ok) throw new Error(created.error.message);
    const groupId = created.data.conversationId;
    await alice.page.getByRole('button', { name: 'Chats' }).click();
    await alice.page.locator(`[data-conversation-id="${groupId}"]`).click();
    const atAlice = alice.page.getByRole('region', { name: 'Harbour team' });
    await atAlice.getByRole('button', { name: 'Group info' }).first().click();
    const panel = alice.page.getByRole('region', { name: 'Group info' });
    await panel.getByRole('button', { name: 'Change group photo' }).waitFor();
    await panel
      .locator('input[type="file"][accept^="image/"]')
      .setInputFiles([{ name: 'team.png', mimeType: 'image/png', buffer: png(300, 200) }]);
    await atAlice.getByText('You changed the group photo').waitFor({ timeout: 15_000 });
    // (The member list shows Alice's own photo too: the group's is the one at the top.)
    await expect
      .poll(() => loaded(photoOf(panel.locator('.group-info-head'))), { timeout: 15_000 })
      .toBe(true);
    const groupRow = bob.page.locator(`[data-conversation-id="${groupId}"]`);
    await expect.poll(() => loaded(photoOf(groupRow)), { timeout: 15_000 }).toBe(true);
    await groupRow.click();
    await bob.page
      .getByRole('region', { name: 'Harbour team' })
      .getByText('“Alice Chen”更换了群头像')
      .waitFor();
    await saveScreenshot(alice.page, 'files-avatar-group-en-light');
    await saveScreenshot(bob.page, 'files-avatar-group-zh-CN-dark');

    // Removed again: initials everywhere.
    await panel.getByRole('button', { name: 'Remove photo' }).click();
    await atAlice.getByText('You removed the group photo').waitFor({ timeout: 15_000 });
    await expect.poll(() => photoOf(groupRow).count(), { timeout: 15_000 }).toBe(0);
    // The group's "Photo removed" notice goes first, so the next one is surely about Alice's own.
    await alice.page.getByText('Photo removed').waitFor({ state: 'hidden', timeout: 15_000 });
    await alice.page.getByRole('button', { name: 'Settings' }).click();
    await alice.page.getByRole('button', { name: 'Remove photo' }).click();
    await alice.page.getByText('Photo removed').waitFor({ timeout: 15_000 });
    await expect.poll(() => photoOf(rail).count()).toBe(0);
    await expect.poll(() => photoOf(bobsRow).count(), { timeout: 15_000 }).toBe(0);
  });

  it('says why a file was refused, and offers Retry and Discard', async () => {
    // A server that takes files of at most 64 KiB.
    const small = await startServer(undefined, 0, { maxFileSize: 64 * 1024 });
    try {
      const alice = await openPerson(browser, 'Alice Chen', { server: small, name: 'alice', language: 'en' });
      const bob = await openPerson(browser, '王小明', { server: small, name: 'bob', language: 'zh-CN' });
      await befriendInPages(bob, alice);
      const opened = await alice.page.evaluate(
        (userId) => window.parley.conversations.openDirect({ userId }),
        bob.id,
      );
      if (!opened.ok) throw new Error(opened.error.message);
      await alice.page.locator(`[data-conversation-id="${opened.data.conversationId}"]`).click();
      const atAlice = view(alice, bob);
      await atAlice
        .locator('input[type="file"][multiple]')
        .setInputFiles([
          { name: 'big.zip', mimeType: 'application/zip', buffer: Buffer.alloc(200 * 1024, 3) },
        ]);
      await atAlice.getByRole('button', { name: 'Send', exact: true }).click();
      const refused = bubbles(atAlice).filter({ hasText: 'big.zip' });
      await refused
        .getByRole('alert')
        .getByText('Not sent: The file is larger than this server accepts.')
        .waitFor({ timeout: 15_000 });
      await refused.getByRole('img', { name: 'Not sent' }).waitFor();
      await saveScreenshot(alice.page, 'files-refused-en-light');
      // Retry meets the same refusal; Discard drops it.
      await refused.getByRole('button', { name: 'Retry' }).click();
      await refused.getByRole('alert').waitFor({ timeout: 15_000 });
      await refused.getByRole('button', { name: 'Discard' }).click();
      await expect.poll(() => refused.count(), { timeout: 15_000 }).toBe(0);
      await alice.app.close();
      await bob.app.close();
    } finally {
      await small.close();
    }
  });

  it('plays a video inline', async () => {
    const [alice, bob] = await pair({ language: 'en', theme: 'dark' }, { language: 'zh-CN', theme: 'light' });
    // A second of video from Chromium's fake camera, recorded in Alice's page.
    const clip = await alice.page.evaluate(async () => {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 } });
      const recorder = new MediaRecorder(stream, { mimeType: 'video/webm' });
      const chunks: Blob[] = [];
      recorder.addEventListener('dataavailable', (e) => chunks.push(e.data));
      const stopped = new Promise((resolve) => recorder.addEventListener('stop', resolve));
      recorder.start();
      await new Promise((resolve) => setTimeout(resolve, 1200));
      recorder.stop();
      await stopped;
      for (const track of stream.getTracks()) track.stop();
      return [...new Uint8Array(await new Blob(chunks).arrayBuffer())];
    });
    const atAlice = view(alice, bob);
    await drop(alice.page, atAlice, [{ name: 'walk.webm', type: 'video/webm', bytes: Buffer.from(clip) }]);
    await atAlice.getByRole('button', { name: 'Send', exact: true }).click();

    const video = view(bob, alice).getByRole('button', { name: '播放视频“walk.webm”' });
    await video.waitFor({ timeout: 15_000 });
    await saveScreenshot(bob.page, 'files-video-zh-CN-light');
    await video.click();
    const player = view(bob, alice).getByLabel('视频 walk.webm');
    await expect
      .poll(() => player.evaluate((el) => (el as HTMLVideoElement).currentTime), { timeout: 15_000 })
      .toBeGreaterThan(0.2);
  });
});
