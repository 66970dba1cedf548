import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { buildCatalogue, diagnosticsOf } from './helpers.js';

/** Every ```dfcat block of the docs parses and checks clean. */
const docs = fileURLToPath(new URL('../../../docs/', import.meta.url));
const blocks = readdirSync(docs).filter(f => f.endsWith('.md')).flatMap(file =>
    [...readFileSync(`${docs}${file}`, 'utf8').matchAll(/```dfcat\n([\s\S]*?)```/g)].map((match, i) => ({ name: `${file} dfcat #${i + 1}`, code: match[1] })));

describe('dfcat examples of the docs', () => {
    test('there are some', () => {
        expect(blocks.length).toBeGreaterThanOrEqual(1);
    });
    for (const block of blocks) {
        test(`${block.name} checks clean`, async () => {
            const document = await buildCatalogue(block.code);
            expect(document.parseResult.parserErrors).toEqual([]);
            expect(diagnosticsOf(document)).toEqual([]);
        });
    }
});
