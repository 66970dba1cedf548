import { existsSync, mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** The system Chromium (`scripts/setup-browser.sh` installs it), or `DEEPFORGE_CHROMIUM`. */
export function chromiumPath(): string {
    const candidates = [process.env.DEEPFORGE_CHROMIUM, '/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser'];
    const found = candidates.find(candidate => candidate && existsSync(candidate));
    if (!found) throw new Error('no Chromium: run scripts/setup-browser.sh (apt-get install -y chromium)');
    return found;
}

/** Headless Chromium with a fresh profile. */
export function launchBrowser(): Promise<BrowserContext> {
    return chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), 'deepforge-chromium-')), {
        executablePath: chromiumPath(),
        headless: true,
        viewport: { width: 1280, height: 900 },
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']
    });
}

/** Where screenshots go (gitignored, kept as CI artifacts). */
export const RESULTS = path.resolve(import.meta.dirname, '../../test-results');
