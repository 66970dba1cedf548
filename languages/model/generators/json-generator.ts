import { toJs, type JsValue } from '../../../metamodel/core/index.js';
import type { GeneratorContribution } from '../../registry/domain-language.js';
import type { LoweredModel } from '../lowering/model-lowering.js';
import { PARENT } from '../lowering/model-lowering.js';
import type { ModelServices } from '../model-module.js';

/** The JSON export of a model document (`deepforge generate json file.dfcat`). */
export interface ModelJson {
    readonly language: string;
    readonly metamodel: string;
    readonly name: string;
    readonly nodes: ReadonlyArray<{
        readonly name: string;
        readonly type: string;
        /** The node whose braces hold it. */
        readonly parent?: string;
        /** Every attribute with a value: written, or the type's default. */
        readonly attributes: Readonly<Record<string, JsValue>>;
        /** Reference name → the name of the node it names. */
        readonly references: Readonly<Record<string, string>>;
        /** One-based line of the declaration. */
        readonly line: number;
    }>;
    readonly connections: ReadonlyArray<{ readonly from: string; readonly to: string }>;
}

/** The model graph of a lowered document as plain JSON (attributes with their defaults filled in). */
export function modelToJson(lowered: LoweredModel, language: string): ModelJson {
    const { graph, validation } = lowered;
    return {
        language, metamodel: graph.metamodel, name: graph.name,
        nodes: graph.nodes.map(node => {
            const resolved = validation.nodes.get(node.id);
            const attributes: Record<string, JsValue> = {};
            if (resolved) for (const [name, attribute] of resolved.attributes) attributes[name] = toJs(attribute.value) ?? null;
            else for (const attribute of node.attributes) if (attribute.name) attributes[attribute.name] = toJs(attribute.value) ?? null;
            const parent = node.meta?.[PARENT] as string | undefined;
            return {
                name: node.name, type: resolved?.type.name ?? node.type, ...(parent ? { parent } : {}), attributes,
                references: Object.fromEntries((node.references ?? []).map(r => [r.name, r.target])),
                line: node.trace.range.start.line + 1
            };
        }),
        connections: graph.connections.map(c => ({ from: `${c.from.node}.${c.from.port}`, to: `${c.to.node}.${c.to.port}` }))
    };
}

/** `json`: writes `<file name>.json`, the document's model graph. */
export const jsonGenerator: GeneratorContribution<ModelServices> = {
    id: 'json',
    description: 'JSON export of the model: nodes with their attributes (defaults filled in), references and connections',
    generate({ services, document }) {
        const lowered = services.model.Lowering.lower(document);
        const json = modelToJson(lowered, services.LanguageMetaData.languageId);
        return [{ path: `${lowered.graph.name}.json`, content: JSON.stringify(json, null, 2) + '\n' }];
    }
};
