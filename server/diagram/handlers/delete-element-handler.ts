import { DeleteElementAction } from 'sprotty-protocol';
import type { TextEdit } from 'vscode-languageserver-types';
import type { Connection, ModelNode } from '../../../metamodel/core/index.js';
import { basicType, T, type DiagramNode } from '../../../diagram/model/diagram-model.js';
import { GROUP_PREFIX } from '../../../diagram/generator/network-diagram.js';
import type { DiagramContext } from '../diagram-sources.js';
import { deleteStatement, failed, indexModel, normalizeEdits, removeListItem, type EditHandler, type EditResult } from './text-edits.js';

/**
 * Deletes layers, steps, block calls and connections. A node goes with its statement and with
 * its connections: each input that named it is removed from its consumer's input list (with its
 * comma), and so is its name in the network's `outputs`. A connection is its input reference.
 */
export class DeleteElementHandler implements EditHandler<DeleteElementAction> {
    readonly kind = DeleteElementAction.KIND;

    handle(action: DeleteElementAction, context: DiagramContext): EditResult {
        const index = indexModel(context.model);
        const edits: TextEdit[] = [];
        const deleted = new Set<string>();
        const nodes: ModelNode[] = [];
        const groups: string[] = [];
        for (const id of action.elementIds) {
            const element = index.get(id)?.element;
            if (!element) continue;
            if (element.type === T.group) groups.push(id.substring(GROUP_PREFIX.length));
            else if (basicType(element.type) === 'node') {
                const node = context.graph.nodes.find(n => n.id === (element as DiagramNode).modelId);
                if (!node) continue;
                if (node.group?.length) return failed(`\`${node.name}\` is part of block call \`${node.group[0]}\`: edit the block, or delete the call`);
                nodes.push(node);
                deleted.add(node.id);
            }
        }
        for (const name of groups) {
            const call = context.network?.lowered.blockCalls.find(c => c.name === name);
            if (!call) return failed(`cannot delete \`${name}\`: only block calls written in this network can be deleted`);
            edits.push(deleteStatement(context.text, call.trace.range));
            call.nodes.forEach(id => deleted.add(id));
        }
        for (const node of nodes) {
            if (node.trace.uri !== context.uri) continue;
            edits.push(deleteStatement(context.text, node.trace.range));
        }
        // Connections out of deleted nodes into the rest, and connections deleted on their own.
        const removeConnection = (connection: Connection) => {
            if (connection.trace.uri !== context.uri || connection.trace.via?.length) return;
            edits.push(removeListItem(context.text, connection.trace.range));
        };
        for (const connection of context.graph.connections) {
            if (deleted.has(connection.from.node) && !deleted.has(connection.to.node)) removeConnection(connection);
        }
        for (const id of action.elementIds) {
            const element = index.get(id)?.element;
            if (element && basicType(element.type) === 'edge' && element.range) {
                const connection = context.graph.connections.find(c => !c.trace.via?.length && sameRange(c.trace.range, element.range!));
                if (connection && (deleted.has(connection.to.node) || deleted.has(connection.from.node))) continue;
                edits.push(removeListItem(context.text, element.range));
            }
        }
        if (context.kind === 'network') edits.push(...this.outputsEdits(context, deleted, groups));
        if (edits.length === 0) return failed('nothing to delete');
        return { edits: normalizeEdits(context.text, edits) };
    }

    /** Removes deleted layers (and block calls) from `outputs a, b` statements of the network. */
    protected outputsEdits(context: DiagramContext, deleted: ReadonlySet<string>, groups: readonly string[]): TextEdit[] {
        const names = new Set([...groups, ...context.graph.nodes.filter(n => deleted.has(n.id) && !n.group?.length).map(n => n.name)]);
        const edits: TextEdit[] = [];
        const { start, end } = context.graph.trace.range;
        for (let line = start.line; line <= end.line; line++) {
            const text = context.text.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
            const match = /^(\s*outputs\s+)([^#\n]*)/.exec(text);
            if (!match) continue;
            const items = [...match[2].matchAll(/(\w+)(\s*\[\s*\d+\s*\])?/g)];
            const gone = items.filter(item => names.has(item[1]));
            if (gone.length === 0) continue;
            if (gone.length === items.length) {
                const range = { start: { line, character: match[1].length - match[1].trimStart().length }, end: { line, character: match[0].trimEnd().length } };
                edits.push(deleteStatement(context.text, range));
                continue;
            }
            for (const item of gone) {
                const character = match[1].length + item.index!;
                edits.push(removeListItem(context.text, { start: { line, character }, end: { line, character: character + item[0].length } }));
            }
        }
        return edits;
    }
}

function sameRange(a: { start: { line: number; character: number }; end: { line: number; character: number } }, b: typeof a): boolean {
    return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
