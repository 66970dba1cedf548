import { AstUtils, type ServiceRegistry } from 'langium';
import { toJs, type JsValue } from '../../../metamodel/core/index.js';
import type { ModelNodeDeclaration } from '../../generated/ast.js';
import type { ModelServices } from '../model-module.js';

/**
 * The attribute values of a node of a data-only language's document (defaults filled in), as
 * its language's lowering and checks see them — for other languages that use the node (an
 * `Input` step of a pipeline reading a catalogue's `Dataset`). Undefined when the document is
 * not of a data-only language or the node does not check.
 */
export function modelNodeValues(node: ModelNodeDeclaration, registry: ServiceRegistry): Record<string, JsValue> | undefined {
    const document = AstUtils.getDocument(node);
    if (!registry.hasServices(document.uri)) return undefined;
    const services = registry.getServices(document.uri) as Partial<ModelServices>;
    const lowered = services.model?.Lowering.lower(document);
    const resolved = lowered?.validation.nodes.get(node.name);
    if (!resolved?.valid) return undefined;
    return Object.fromEntries([...resolved.attributes].map(([name, attribute]) => [name, toJs(attribute.value) ?? null]));
}
