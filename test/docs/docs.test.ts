import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { URI, UriUtils, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { describe, expect, it } from 'vitest';
import { createDeepForgeServices, type DeepForgeServices } from '../../languages/deepforge-module.js';
import type { DfpModel } from '../../languages/generated/ast.js';
import { build, describe as describeDiagnostics } from '../languages/dfnn/helpers.js';

/**
 * Every ```dfnn and ```dfp block of the language reference (docs/*.md) parses and checks clean.
 * A ```dfp block whose first line is `# in examples/<folder>` is checked as a file of that
 * folder: its `code` paths and imports resolve to the real example files (read from disk).
 */
const root = resolve(fileURLToPath(import.meta.url), '../../..');
const docs = join(root, 'docs');

function blocksOf(language: string) {
    return readdirSync(docs).filter(f => f.endsWith('.md')).flatMap(file => {
        const text = readFileSync(join(docs, file), 'utf-8');
        return [...text.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((match, i) => ({ name: `${file} ${language} #${i + 1}`, code: match[1] }));
    });
}

const dfnnBlocks = blocksOf('dfnn');
const dfpBlocks = blocksOf('dfp');

describe('language reference examples', () => {
    it('has examples', () => {
        expect(dfnnBlocks.length).toBeGreaterThanOrEqual(4);
        expect(dfpBlocks.length).toBeGreaterThanOrEqual(4);
    });

    for (const block of dfnnBlocks) {
        it(`${block.name} checks clean`, async () => {
            const document = await build(block.code);
            expect(describeDiagnostics(document)).toEqual([]);
        });
    }

    let services: DeepForgeServices | undefined;
    let counter = 0;
    for (const block of dfpBlocks) {
        it(`${block.name} checks clean`, async () => {
            services ??= createDeepForgeServices(NodeFileSystem);
            const { shared, dfp } = services;
            const folder = /^# in (examples\/[\w-]+)/.exec(block.code)?.[1] ?? 'docs';
            const uri = URI.file(join(root, folder, `docs-example-${++counter}.dfp`));
            const document = shared.workspace.LangiumDocumentFactory.fromString<DfpModel>(block.code, uri);
            shared.workspace.LangiumDocuments.addDocument(document);
            // The files it imports, transitively, from disk.
            const queue: LangiumDocument[] = [document];
            while (queue.length > 0) {
                const current = queue.shift()!;
                for (const node of (current.parseResult.value as DfpModel).imports ?? []) {
                    const imported = UriUtils.resolvePath(UriUtils.dirname(current.uri), node.path);
                    if (shared.workspace.LangiumDocuments.hasDocument(imported) || !['.dfp', '.dfnn'].includes(extname(imported.fsPath))) continue;
                    if (!statSync(imported.fsPath, { throwIfNoEntry: false })?.isFile()) continue;
                    queue.push(await shared.workspace.LangiumDocuments.getOrCreateDocument(imported));
                }
            }
            await dfp.analysis.PythonCode.ready();
            await shared.workspace.DocumentBuilder.build(shared.workspace.LangiumDocuments.all.toArray(), { validation: true });
            expect(describeDiagnostics(document), `${block.name} (in ${dirname(uri.fsPath)})`).toEqual([]);
        });
    }
});
