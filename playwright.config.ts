import fs from 'node:fs';
import { defineConfig } from '@playwright/test';

/** Debian's Chromium: Playwright cannot download its own browser on these machines. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(executablePath)) {
  throw new Error(
    `The browser tests need Chromium at ${executablePath}. Install it (Debian: apt-get install chromium) ` +
      'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
  );
}

export default defineConfig({
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  projects: [
    {
      // The renderer in a browser against the headless core and the simulators.
      name: 'browser',
      testDir: 'tests/e2e',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
        screenshot: 'only-on-failure',
        trace: 'retain-on-failure',
      },
    },
    {
      // The Electron shell itself; skips with the reason where no Electron binary exists.
      name: 'electron',
      testDir: 'tests/electron',
      timeout: 120_000,
    },
  ],
});
