import { watch, type FSWatcher } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { LanguageRegistry } from '../../languages/registry/language-registry.js';
import { createDeepForgeLspServices, type DeepForgeLspServices } from '../lsp/deepforge-lsp-module.js';
import { DiagramHttpServer } from './diagram-http-server.js';
import { DiagramManager, type DiagramEditor } from './diagram-manager.js';
import { StoreExecutionStatusProvider } from './execution-status.js';

/** Diagram edits written to the files (there is no editor); the workspace is updated at once. */
export class FileDiagramEditor implements DiagramEditor {
    constructor(protected readonly services: DeepForgeLspServices, protected readonly update: (uris: URI[]) => Promise<void>) {}

    async applyEdit(changes: Record<string, TextEdit[]>): Promise<boolean> {
        const written: URI[] = [];
        for (const [uri, edits] of Object.entries(changes)) {
            const parsed = URI.parse(uri);
            if (parsed.scheme !== 'file') continue;
            const current = this.services.shared.workspace.LangiumDocuments.getDocument(parsed)?.textDocument.getText()
                ?? await this.services.shared.workspace.FileSystemProvider.readFile(parsed);
            const text = TextDocument.applyEdits(TextDocument.create(uri, '', 0, current), edits);
            await writeFile(parsed.fsPath, text);
            written.push(parsed);
        }
        await this.update(written);
        return true;
    }

    async reveal(_uri: string, _range: Range): Promise<void> {
        // No editor: nothing to reveal.
    }
}

/** A running `deepforge start`. */
export interface FileDiagrams {
    readonly url: string;
    readonly manager: DiagramManager;
    stop(): Promise<void>;
}

/** Files whose change re-validates besides the languages' own: operation code (read by `.dfp`). */
const WATCHED_CODE = ['.py'];

/**
 * `deepforge start`: the diagram page over the files of a folder, without an editor. The folder is
 * the workspace; its files are watched (a change re-validates and updates the open diagrams), and
 * diagram edits are written to the files.
 */
export async function startFileDiagrams(folder: string, options: { port?: number; languages?: LanguageRegistry } = {}): Promise<FileDiagrams> {
    const root = path.resolve(folder);
    const services = createDeepForgeLspServices({ ...NodeFileSystem }, { languages: options.languages });
    const { shared } = services;
    await Promise.all(services.all.map(({ language, services: container }) => language.ready?.(container)));
    const WATCHED = new Set([...services.languages.fileExtensions, ...WATCHED_CODE]);
    await shared.workspace.WorkspaceManager.initializeWorkspace([{ name: path.basename(root), uri: URI.file(root).toString() }]);
    const update = (uris: URI[]) => shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update(uris, [], token));
    const manager = new DiagramManager(services, new FileDiagramEditor(services, update), { statuses: new StoreExecutionStatusProvider() });
    const server = new DiagramHttpServer(manager, { port: options.port ?? 0, keepAlive: true });
    await server.start();
    // Watch the folder: changes re-validate (merged over 50 ms); new files join the workspace.
    const pending = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    let watcher: FSWatcher | undefined;
    try {
        watcher = watch(root, { recursive: true }, (_event, name) => {
            if (!name || !WATCHED.has(path.extname(name)) || name.split(path.sep).some(part => part.startsWith('.') || part === 'node_modules')) return;
            pending.add(path.join(root, name));
            clearTimeout(timer);
            timer = setTimeout(() => {
                const files = [...pending];
                pending.clear();
                void update(files.map(file => URI.file(file)));
            }, 50);
        });
    } catch {
        watcher = undefined; // no recursive watching here: edits from the page still update
    }
    return {
        url: server.url,
        manager,
        stop: async () => {
            watcher?.close();
            clearTimeout(timer);
            await server.stop();
            await manager.dispose();
        }
    };
}
