import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { Action } from 'sprotty-protocol';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { DeepForgeLayoutEngine } from '../../diagram/layout/layout-engine.js';
import { basicType, type DiagramChild } from '../../diagram/model/diagram-model.js';
import type { DeepForgeServices } from '../../languages/deepforge-module.js';
import { DiagramSession } from './diagram-session.js';
import { DiagramSources } from './diagram-sources.js';
import type { ExecutionStatusProvider } from './execution-status.js';
import { ApplyLabelEditHandler } from './handlers/apply-label-edit-handler.js';
import { CreateEdgeHandler } from './handlers/create-edge-handler.js';
import { CreateNodeHandler } from './handlers/create-node-handler.js';
import { DeleteElementHandler } from './handlers/delete-element-handler.js';
import { indexModel, type EditHandler } from './handlers/text-edits.js';

/**
 * Where diagram edits go and where clicks lead: the editor (LSP `workspace/applyEdit`, so that
 * undo works, and `window/showDocument`), or the files themselves (`deepforge start`).
 */
export interface DiagramEditor {
    /** Applies edits, by document; resolves with whether they were applied. */
    applyEdit(changes: Record<string, TextEdit[]>, label: string): Promise<boolean>;
    /** Shows a range of a document. */
    reveal(uri: string, range: Range): Promise<void>;
}

export interface DiagramManagerOptions {
    readonly statuses?: ExecutionStatusProvider;
    /**
     * Milliseconds to wait after a change before regenerating (changes in between are merged).
     * Default 0: the next turn of the event loop — builds of newer text cancel older ones anyway.
     */
    readonly debounceMs?: number;
    readonly layout?: DeepForgeLayoutEngine;
}

/**
 * The diagram server's core, one per language server process: the clients (sessions), the edit
 * handlers (one per operation), and text → diagram sync — every validated build of a document
 * regenerates the diagrams showing it (debounced; a newer change drops the work of an older one).
 */
export class DiagramManager {
    readonly sessions = new Set<DiagramSession>();
    readonly sources: DiagramSources;
    readonly layout: DeepForgeLayoutEngine;
    protected readonly handlers = new Map<string, EditHandler<Action & { kind: string }>>();
    protected readonly dirty = new Set<string>();
    protected timer?: NodeJS.Timeout | NodeJS.Immediate;
    protected readonly debounceMs: number;
    protected readonly sentListeners = new Set<(session: DiagramSession) => void>();
    protected readonly disposables: Array<{ dispose(): void }> = [];

    constructor(readonly services: DeepForgeServices, readonly editor: DiagramEditor, options: DiagramManagerOptions = {}) {
        this.sources = new DiagramSources(services, options.statuses);
        this.layout = options.layout ?? new DeepForgeLayoutEngine();
        this.debounceMs = options.debounceMs ?? 0;
        for (const handler of [new DeleteElementHandler(), new CreateNodeHandler(), new CreateEdgeHandler(), new ApplyLabelEditHandler()]) {
            this.handlers.set(handler.kind, handler as unknown as EditHandler<Action & { kind: string }>);
        }
        this.disposables.push(services.shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, documents => {
            this.changed(documents);
        }));
        if (options.statuses) {
            this.disposables.push(options.statuses.onChange(() => {
                for (const session of this.sessions) if (session.context?.kind === 'pipeline') void session.refresh();
            }));
        }
    }

    /** A new client. `dispatch` sends actions to it. */
    connect(clientId: string, dispatch: <A extends Action>(action: A) => Promise<void>): DiagramSession {
        const session = new DiagramSession(dispatch, clientId, this);
        this.sessions.add(session);
        return session;
    }

    disconnect(session: DiagramSession): void {
        this.sessions.delete(session);
        this.layout.forget(session.layoutKey);
    }

    /** Documents were (re)validated: regenerate the diagrams showing them, after a short pause. */
    protected changed(documents: readonly LangiumDocument[]): void {
        if (this.sessions.size === 0) return;
        for (const document of documents) this.dirty.add(document.uri.toString());
        const run = () => {
            this.timer = undefined;
            const dirty = new Set(this.dirty);
            this.dirty.clear();
            for (const session of this.sessions) {
                if (session.uri && dirty.has(session.uri)) void session.refresh();
            }
        };
        if (this.debounceMs > 0) {
            clearTimeout(this.timer as NodeJS.Timeout | undefined);
            this.timer = setTimeout(run, this.debounceMs);
        } else if (!this.timer) {
            // The next turn of the event loop, ahead of the second validation pass (queued after this
            // phase with the same `setImmediate`): a timer would wait for that pass's model checks.
            this.timer = setImmediate(run);
        }
    }

    /** An edit from a client: its handler's text edits go to the editor (or the file). */
    async edit(session: DiagramSession, action: Action): Promise<void> {
        const handler = this.handlers.get(action.kind);
        if (!handler || !session.uri) return;
        // Edits are computed on the current text: regenerate first if the text moved on.
        const document = await this.sources.document(session.uri);
        if (!document) return;
        if (!session.context || session.context.text.version !== document.textDocument.version || session.context.document !== document) {
            await session.refresh();
        }
        const context = session.context;
        if (!context) return;
        // The generic drawing of an extension language's graph has no edit handlers.
        if (context.kind === 'model') {
            session.notify('warning', 'this diagram is read-only: edit the text');
            return;
        }
        const result = await handler.handle(action as Action & { kind: string }, context);
        if ('error' in result) {
            session.notify('warning', result.error);
            return;
        }
        const changes = result.changes ?? { [context.uri]: result.edits };
        if (Object.values(changes).every(edits => edits.length === 0)) return;
        const applied = await this.editor.applyEdit(changes, `diagram: ${action.kind}`);
        if (!applied) session.notify('warning', 'the edit was not applied');
    }

    /** Shows an element's text in the editor. */
    async reveal(session: DiagramSession, elementId: string): Promise<void> {
        const element = session.context ? indexModel(session.context.model).get(elementId)?.element : undefined;
        if (!element?.range || !session.uri) return;
        await this.editor.reveal(session.uri, element.range);
    }

    /** The editor's cursor moved: highlight the innermost node or edge whose text holds it, in the diagrams of that document. */
    cursorMoved(uri: string, position: { line: number; character: number }): void {
        for (const session of this.sessions) {
            if (session.uri !== uri || !session.context) continue;
            let best: DiagramChild | undefined;
            let bestSize = Infinity;
            for (const { element } of indexModel(session.context.model).values()) {
                const basic = basicType(element.type);
                if ((basic !== 'node' && basic !== 'edge') || !element.range) continue;
                const { start, end } = element.range;
                const inside = (position.line > start.line || (position.line === start.line && position.character >= start.character))
                    && (position.line < end.line || (position.line === end.line && position.character <= end.character));
                const size = (end.line - start.line) * 10_000 + end.character - start.character;
                if (inside && size < bestSize) {
                    best = element;
                    bestSize = size;
                }
            }
            session.highlight(best ? [best.id] : []);
        }
    }

    /** The address of a document's diagram on a diagram server at `base` (`http://127.0.0.1:PORT/`). */
    static urlFor(base: string, uri: string, name?: string): string {
        const params = new URLSearchParams({ uri });
        if (name) params.set('name', name);
        return `${base}?${params.toString()}`;
    }

    /** Calls back each time a model went out to a client (the benchmark measures with it). */
    onModelSent(listener: (session: DiagramSession) => void): { dispose(): void };
    onModelSent(session: DiagramSession): void;
    onModelSent(arg: DiagramSession | ((session: DiagramSession) => void)): { dispose(): void } | void {
        if (typeof arg === 'function') {
            this.sentListeners.add(arg);
            return { dispose: () => this.sentListeners.delete(arg) };
        }
        for (const listener of this.sentListeners) listener(arg);
    }

    /** The `.dfnn` and `.dfp` documents of the workspace with their diagrams (the page's index). */
    async index(): Promise<Array<{ uri: string; path: string; diagrams: Array<{ kind: string; name: string }> }>> {
        await this.services.shared.workspace.WorkspaceManager.ready;
        const result = [];
        for (const document of this.services.shared.workspace.LangiumDocuments.all) {
            if (document.uri.scheme !== 'file') continue;
            const validated = await this.sources.document(document.uri.toString());
            if (!validated) continue;
            result.push({ uri: document.uri.toString(), path: URI.parse(document.uri.toString()).fsPath, diagrams: this.sources.list(validated) });
        }
        return result.sort((a, b) => a.path.localeCompare(b.path));
    }

    dispose(): Promise<void> {
        if (this.timer) {
            clearTimeout(this.timer as NodeJS.Timeout);
            clearImmediate(this.timer as NodeJS.Immediate);
        }
        this.disposables.forEach(d => d.dispose());
        return this.layout.dispose();
    }
}
