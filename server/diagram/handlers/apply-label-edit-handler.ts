import { ApplyLabelEditAction } from 'sprotty-protocol';
import type { RenameParams, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { CancellationToken } from 'vscode-languageserver-protocol';
import type { LangiumDocument } from 'langium';
import { T, type DiagramLabel, type DiagramNode } from '../../../diagram/model/diagram-model.js';
import { GROUP_PREFIX } from '../../../diagram/generator/network-diagram.js';
import type { DiagramContext } from '../diagram-sources.js';
import { failed, indexModel, removeListItem, type EditHandler, type EditResult } from './text-edits.js';

interface RenameProvider {
    rename(document: LangiumDocument, params: RenameParams, cancelToken?: CancellationToken): Promise<WorkspaceEdit | undefined>;
}

/**
 * Edits a label: a layer's, step's or block call's **name** is renamed with the language's rename
 * (every reference follows, in every file); an **argument** or **attribute** label replaces the
 * argument's text (`units=128`), and an empty text removes the argument.
 */
export class ApplyLabelEditHandler implements EditHandler<ApplyLabelEditAction> {
    readonly kind = ApplyLabelEditAction.KIND;

    async handle(action: ApplyLabelEditAction, context: DiagramContext): Promise<EditResult> {
        const entry = indexModel(context.model).get(action.labelId);
        const label = entry?.element as DiagramLabel | undefined;
        if (!label?.edit) return failed('this label cannot be edited');
        const text = action.text.trim();
        if (label.edit.kind === 'name') return this.rename(context, label, entry!.parent as DiagramNode, text);
        if (!label.range) return failed('this argument is not written in this file');
        if (text === '') return { edits: [removeListItem(context.text, label.range)] };
        return { edits: [{ range: label.range, newText: text }] };
    }

    protected async rename(context: DiagramContext, label: DiagramLabel, node: DiagramNode, text: string): Promise<EditResult> {
        const newName = label.type === T.groupLabel ? text.split(':')[0].trim() : text;
        if (!/^[_a-zA-Z]\w*$/.test(newName)) return failed(`\`${newName}\` is not a name`);
        let position;
        if (node.type === T.group) {
            const call = context.network?.lowered.blockCalls.find(c => GROUP_PREFIX + c.name === node.id);
            if (!call) return failed('only block calls written here can be renamed');
            position = call.trace.range.start;
        } else {
            const model = context.graph.nodes.find(n => n.id === node.modelId);
            if (!model?.nameTrace || model.group?.length) return failed('this name cannot be renamed here');
            position = model.nameTrace.range.start;
        }
        const services = context.kind === 'network' ? context.services.dfnn : context.services.dfp;
        const provider = (services as unknown as { lsp?: { RenameProvider?: RenameProvider } }).lsp?.RenameProvider;
        if (!provider) return failed('renaming needs the language server\'s services');
        const edit = await provider.rename(context.document, { textDocument: { uri: context.uri }, position, newName }, CancellationToken.None);
        if (!edit?.changes || Object.keys(edit.changes).length === 0) return failed(`cannot rename to \`${newName}\``);
        return { edits: edit.changes[context.uri] ?? [], changes: edit.changes };
    }
}
