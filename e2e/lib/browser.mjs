// Launches Debian's Chromium through playwright-core. Never downloads a browser.
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// The same flags are used by the Lighthouse script (e2e/lighthouse.mjs).
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };
export const NARROW = { width: 320, height: 640 };

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    timeout: 60_000,
  });
}

/** A fresh context at the given viewport; phone sizes get touch and a mobile user agent flag. */
export function newContext(browser, viewport = DESKTOP, options = {}) {
  const phone = viewport.width < 600;
  return browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    isMobile: phone,
    hasTouch: phone,
    baseURL: baseURL(),
    acceptDownloads: true,
    reducedMotion: 'reduce',
    ...options,
  });
}

export function baseURL() {
  const url = process.env.BASE_URL;
  if (!url) {
    throw new Error('BASE_URL is not set: run the browser tests through scripts/e2e, or start `cultivate serve` and export BASE_URL=http://127.0.0.1:PORT');
  }
  return url.replace(/\/+$/, '');
}
