import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
    // Extensions loaded in-process by tests import the core as `deepforge-ts` (at run time the
    // extension loader's resolve hooks map it; here, to the sources the tests run on).
    resolve: { alias: { 'deepforge-ts': fileURLToPath(new URL('./languages/registry/extension-api.ts', import.meta.url)) } },
    test: {
        include: ['test/**/*.test.ts'],
        testTimeout: 60_000,
        hookTimeout: 600_000
    }
});
