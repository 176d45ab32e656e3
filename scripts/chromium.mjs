// Debian's chromium, as every tool here starts it (Playwright, Lighthouse,
// the screenshot script). The machine's network is closed: without the
// background-networking flags chromium tries to reach Google's hosts at every
// start and logs refused connections.
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
