// Serves the built site for the browser tests, like a static host would:
// dist/ at the root and, when built (make e2e does), dist-subpath/ under
// /faultline/. Each gets a free loopback port, so parallel runs don't collide.
// The URLs reach the tests through environment variables.
import { existsSync } from 'node:fs';
import { startStaticServer } from '../../../scripts/static-server.mjs';

export default async function globalSetup() {
  const servers = [];
  const root = await startStaticServer({ root: process.env.FAULTLINE_DIST ?? 'dist', port: 0, base: '/' });
  servers.push(root);
  process.env.FAULTLINE_BASE_URL = root.url;

  const subpathDist = process.env.FAULTLINE_SUBPATH_DIST ?? 'target/dist-subpath';
  if (existsSync(`${subpathDist}/index.html`)) {
    const subpath = await startStaticServer({ root: subpathDist, port: 0, base: '/faultline/' });
    servers.push(subpath);
    process.env.FAULTLINE_SUBPATH_URL = subpath.url;
  }

  return async () => {
    await Promise.all(servers.map((server) => server.close()));
  };
}
