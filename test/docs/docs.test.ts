import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { build, describe as describeDiagnostics } from '../languages/dfnn/helpers.js';

/** Every ```dfnn block of the language reference (docs/*.md) parses and checks clean. */
const docs = resolve(fileURLToPath(import.meta.url), '../../../docs');

const blocks = readdirSync(docs).filter(f => f.endsWith('.md')).flatMap(file => {
    const text = readFileSync(join(docs, file), 'utf-8');
    return [...text.matchAll(/```dfnn\n([\s\S]*?)```/g)].map((match, i) => ({ name: `${file} #${i + 1}`, code: match[1] }));
});

describe('language reference examples', () => {
    it('has examples', () => {
        expect(blocks.length).toBeGreaterThanOrEqual(4);
    });

    for (const block of blocks) {
        it(`${block.name} checks clean`, async () => {
            const document = await build(block.code);
            expect(describeDiagnostics(document)).toEqual([]);
        });
    }
});
