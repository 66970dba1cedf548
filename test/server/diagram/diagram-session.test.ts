import { URI } from 'langium';
import { RequestModelAction, SetModelAction, UpdateModelAction, type Action, type SModelElement } from 'sprotty-protocol';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { T, type DiagramGraph } from '../../../diagram/model/diagram-model.js';
import { DiagramManager } from '../../../server/diagram/diagram-manager.js';
import { diagramServices } from './helpers.js';

/**
 * Text → diagram sync through a real manager and session (the in-memory language server
 * services, ELK in its worker): what goes to the page, and when.
 */

const services = diagramServices();
const manager = new DiagramManager(services, { applyEdit: async () => true, reveal: async () => undefined });
// Sessions wait for the workspace to be loaded (an editor's, here none).
beforeAll(() => services.shared.workspace.WorkspaceManager.initializeWorkspace([]));
afterAll(() => manager.dispose());

const chain = (extra = '') => `network Chain {\n    x  = Input(shape=(16,))\n    d1 = Dense(64, activation="relu")(x)\n    d2 = Dense(32)(d1)${extra}\n}\n`;

/** Replaces a document's text and validates it, as an editor's change does (the manager hears the build). */
async function setText(uri: string, text: string): Promise<void> {
    const { shared } = services;
    const parsed = URI.parse(uri);
    if (shared.workspace.LangiumDocuments.hasDocument(parsed)) shared.workspace.LangiumDocuments.deleteDocument(parsed);
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, parsed);
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
}

function positions(model: SModelElement): Record<string, string> {
    const out: Record<string, string> = {};
    for (const child of model.children ?? []) {
        const node = child as { position?: { x: number; y: number } };
        if (child.type === T.layer) out[child.id] = `${node.position?.x},${node.position?.y}`;
    }
    return out;
}

async function until(predicate: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise(resolve => setTimeout(resolve, 10));
    }
}

/** A session of a new client on a new document with the text, its first model requested; `sent`: every action it sent. */
async function openSession(name: string, text: string): Promise<{ uri: string; sent: Action[]; session: ReturnType<DiagramManager['connect']> }> {
    const uri = `file:///${name}/chain.dfnn`;
    await setText(uri, text);
    const sent: Action[] = [];
    const session = manager.connect(name, async action => { sent.push(action); });
    await session.accept(RequestModelAction.create({ sourceUri: uri }));
    return { uri, sent, session };
}

describe('diagram sessions', () => {
    test('a new layer: the page gets a provisional layout at once, then ELK\'s; a repeated build of the same text sends nothing more', async () => {
        const { uri, sent, session } = await openSession('session1', chain());
        expect(sent.map(a => a.kind)).toEqual([SetModelAction.KIND, 'deepforge.palette']);
        const first = (sent[0] as SetModelAction).newRoot as DiagramGraph;
        expect(first.provisional).toBeUndefined();
        const runs = manager.layout.elkRuns;

        // A layer added: an update right after the build, provisional, every old layer where it was.
        await setText(uri, chain('\n    d3 = Dense(8)(d1)'));
        await until(() => sent.length >= 3, 'the provisional update');
        const provisional = (sent[2] as UpdateModelAction).newRoot as DiagramGraph;
        expect(sent[2].kind).toBe(UpdateModelAction.KIND);
        expect(provisional.provisional).toBe(true);
        expect(positions(provisional)).toMatchObject(positions(first));
        expect(Object.keys(positions(provisional))).toContain('d3');

        // The same text built again meanwhile (the second validation pass): it shares the layout under way.
        await setText(uri, chain('\n    d3 = Dense(8)(d1)'));
        await until(() => sent.length >= 4, 'ELK\'s layout');
        const final = (sent[3] as UpdateModelAction).newRoot as DiagramGraph;
        expect(final.provisional).toBeUndefined();
        expect(manager.layout.elkRuns).toBe(runs + 1);
        await new Promise(resolve => setTimeout(resolve, 300));
        expect(sent).toHaveLength(4);

        // An argument changed: the same structure, ELK's layout reused, nothing moves.
        await setText(uri, chain('\n    d3 = Dense(9)(d1)'));
        await until(() => sent.length >= 5, 'the argument update');
        const edited = (sent[4] as UpdateModelAction).newRoot as DiagramGraph;
        expect(edited.provisional).toBeUndefined();
        expect(positions(edited)).toEqual(positions(final));
        expect(manager.layout.elkRuns).toBe(runs + 1);
        manager.disconnect(session);
    });

    test('a newer text overtakes a layout under way: nothing of the older text is sent after the newer', async () => {
        const { uri, sent, session } = await openSession('session2', chain());
        sent.length = 0;
        await setText(uri, chain('\n    a = Dense(8)(d1)'));
        await until(() => sent.length >= 1, 'the first provisional update');
        await setText(uri, chain('\n    b = Dense(8)(d2)'));
        await until(() => sent.some(a => ((a as UpdateModelAction).newRoot as DiagramGraph).provisional === undefined), 'a final layout');
        await new Promise(resolve => setTimeout(resolve, 300));
        const roots = sent.map(a => Object.keys(positions((a as UpdateModelAction).newRoot)).join(','));
        // Once the newer text is shown, nothing of the older one follows (its ELK layout, when it was not done by then, is dropped).
        const newer = roots.indexOf('x,d1,d2,b');
        expect(newer).toBeGreaterThan(0);
        expect(roots.slice(newer).every(r => r === 'x,d1,d2,b'), roots.join(' | ')).toBe(true);
        expect(roots.slice(0, newer).every(r => r === 'x,d1,d2,a'), roots.join(' | ')).toBe(true);
        const last = (sent.at(-1) as UpdateModelAction).newRoot as DiagramGraph;
        expect(last.provisional).toBeUndefined();
        manager.disconnect(session);
    });

    test('the element the editor\'s cursor is in stays highlighted when the text changes and the model is sent again', async () => {
        const { uri, sent, session } = await openSession('session3', chain());
        session.highlight(['d1']);
        expect(sent.at(-1)).toEqual({ kind: 'deepforge.highlight', elementIds: ['d1'] });
        const highlighted = (model: SModelElement): string[] => {
            const out: string[] = [];
            const visit = (element: SModelElement) => {
                if ((element as { highlighted?: boolean }).highlighted) out.push(element.id);
                for (const child of element.children ?? []) visit(child);
            };
            visit(model);
            return out;
        };
        sent.length = 0;
        await setText(uri, chain().replace('Dense(32)', 'Dense(16)'));
        await until(() => sent.some(a => a.kind === UpdateModelAction.KIND), 'the update');
        expect(highlighted((sent.find(a => a.kind === UpdateModelAction.KIND) as UpdateModelAction).newRoot)).toEqual(['d1']);
        // The cursor moves on: the next model highlights the new element only.
        session.highlight(['d2']);
        sent.length = 0;
        await setText(uri, chain().replace('Dense(32)', 'Dense(8)'));
        await until(() => sent.some(a => a.kind === UpdateModelAction.KIND), 'the second update');
        expect(highlighted((sent.find(a => a.kind === UpdateModelAction.KIND) as UpdateModelAction).newRoot)).toEqual(['d2']);
        manager.disconnect(session);
    });
});
