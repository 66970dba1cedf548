import {
    DiagnosticCollector, didYouMean, GraphIndex, Metamodel, NO_TRACE, T, ValidationEngine, type AttributeAssignment, type AttributeType, type CallValue,
    type MetaType, type ModelNode, type NodeCheckContext, type ResolvedNode, type Value
} from '../core/index.js';
import { argumentType } from './argument-types.js';
import { CATALOGUE } from './catalogue.js';
import { SHARED_DECLARATION, SHARED_LAYER } from './inference.js';
import { kerasMetamodel, LAYER_BASE } from './keras-metamodel.js';

/** Helper categories that call values may denote (`l2(0.01)` is a regularizer). */
type HelperCategory = 'initializer' | 'regularizer' | 'constraint';
const HELPER_CATEGORIES: readonly HelperCategory[] = ['initializer', 'regularizer', 'constraint'];

/** Object categories whose values are layers (`Bidirectional(LSTM(8))`, `activation=LeakyReLU()`). */
const LAYER_CATEGORIES = new Set(['layer', 'activation']);

/**
 * The validation engine for Keras networks: the generic checks of {@link ValidationEngine}
 * plus what only Keras knows:
 * - a shared layer's declaration (`shared enc = Dense(64)`) is not applied, so its inputs are not checked;
 * - layers that cannot be expressed in a network file (`Lambda`, `TFSMLayer`, …);
 * - call values: nested layers (`LSTM(64, …)` inside `Bidirectional`) are checked like layers,
 *   helper objects (`l2(0.01)`, `HeNormal(seed=1)`) against the helper catalogue.
 */
export class KerasValidationEngine extends ValidationEngine {
    /** Meta-types of the helper objects, one metamodel per category, checked by a generic engine. */
    protected readonly helpers: ReadonlyMap<HelperCategory, ValidationEngine>;

    constructor(metamodel: Metamodel = kerasMetamodel()) {
        super(metamodel);
        this.helpers = new Map(HELPER_CATEGORIES.map(category => [category, new ValidationEngine(helperMetamodel(category))]));
        this.register('*', (node, context) => this.checkUnsupported(node, context));
        this.register('*', (node, context) => this.checkCallValues(node, context.diagnostics));
    }

    /** An application of a shared layer has the declaration's arguments: the declaration reports their errors, once. */
    override resolveNode(node: ModelNode, diagnostics: DiagnosticCollector): ResolvedNode | undefined {
        return super.resolveNode(node, node.meta?.[SHARED_LAYER] ? new DiagnosticCollector() : diagnostics);
    }

    protected override checkPorts(resolved: ResolvedNode, index: GraphIndex, diagnostics: DiagnosticCollector): void {
        // A shared declaration is applied by its applications; it has no inputs of its own.
        if (resolved.node.meta?.[SHARED_DECLARATION]) return;
        super.checkPorts(resolved, index, diagnostics);
    }

    /** Layers the catalogue marks as not expressible in a network file. */
    protected checkUnsupported(resolved: ResolvedNode, context: NodeCheckContext): void {
        if (resolved.node.meta?.[SHARED_LAYER]) return;
        const reason = resolved.type.definition.meta?.unsupported;
        if (typeof reason === 'string') {
            const { node } = resolved;
            context.diagnostics.error('unsupported-layer', `\`${node.type}\` cannot be used in a network: ${reason}`, node.typeTrace ?? node.trace);
        }
    }

    /** Checks every call value written in a node's arguments (not defaults). */
    protected checkCallValues(resolved: ResolvedNode, diagnostics: DiagnosticCollector): void {
        if (resolved.node.meta?.[SHARED_LAYER]) return;
        for (const attribute of resolved.attributes.values()) {
            if (!attribute.assignment) continue;
            for (const call of callsIn(attribute.value)) {
                this.checkCall(call, attribute.def.name, objectCategories(attribute.def.type), diagnostics);
            }
        }
    }

    /** Checks one call value given to `argument`, which accepts objects of `categories`. */
    protected checkCall(call: CallValue, argument: string, categories: ReadonlySet<string>, diagnostics: DiagnosticCollector): void {
        if (categories.size === 0) return; // not an object argument: the type check has reported it
        const at = call.calleeTrace ?? call.trace ?? NO_TRACE;
        const acceptsLayers = [...categories].some(c => LAYER_CATEGORIES.has(c));
        if (acceptsLayers && this.metamodel.get(call.callee)?.lineage.includes(LAYER_BASE)) {
            const resolved = this.resolveNode(callNode(call), diagnostics);
            if (resolved) {
                this.checkUnsupported(resolved, { diagnostics } as NodeCheckContext);
                this.checkCallValues(resolved, diagnostics);
            }
            return;
        }
        for (const category of HELPER_CATEGORIES) {
            if (!categories.has(category)) continue;
            const engine = this.helpers.get(category)!;
            if (engine.metamodel.has(call.callee)) {
                engine.resolveNode(callNode(call), diagnostics);
                return;
            }
        }
        const candidates: string[] = [];
        const kinds: string[] = [];
        if (acceptsLayers) {
            kinds.push('layer type');
            candidates.push(...this.metamodel.all().filter(t => !t.abstract).flatMap(t => [t.name, ...(t.aliases ?? [])]));
        }
        for (const category of HELPER_CATEGORIES) {
            if (!categories.has(category)) continue;
            kinds.push(category);
            candidates.push(...this.helpers.get(category)!.metamodel.allNames());
        }
        if (kinds.length === 0) return;
        // Prefer a name of the same case (`l3` → `l2`, not `L2`): helpers come as functions and classes.
        const sameCase = candidates.filter(c => (c[0] === c[0].toLowerCase()) === (call.callee[0] === call.callee[0].toLowerCase()));
        const suggestion = didYouMean(call.callee, sameCase) ?? didYouMean(call.callee, candidates);
        diagnostics.error('unknown-helper',
            `unknown ${kinds.join(' or ')} \`${call.callee}\` for \`${argument}\`` + (suggestion ? ` — did you mean \`${suggestion}\`?` : ''),
            at, suggestion ? [{ title: `Change to ${suggestion}`, trace: at, newText: suggestion }] : undefined);
    }
}

/** A call value seen as a node, so the generic engine binds and checks its arguments. */
function callNode(call: CallValue): ModelNode {
    const trace = call.trace ?? call.calleeTrace ?? NO_TRACE;
    const attributes: AttributeAssignment[] = [
        ...call.args.map((value, position) => ({ position, value, trace: value.trace ?? trace })),
        ...call.kwargs.map(kw => ({ name: kw.name, value: kw.value, trace: kw.trace ?? kw.value.trace ?? trace, nameTrace: kw.nameTrace }))
    ];
    return { id: call.callee, name: call.callee, type: call.callee, attributes, trace, typeTrace: call.calleeTrace ?? trace };
}

/** The call values in a value, looking into tuples and lists (calls nested in calls are checked with their call). */
function callsIn(value: Value): CallValue[] {
    switch (value.kind) {
        case 'call': return [value];
        case 'tuple':
        case 'list': return value.items.flatMap(callsIn);
        default: return [];
    }
}

/** The object categories a type accepts anywhere inside it (`activation`, `regularizer`, `layer`, …). */
function objectCategories(type: AttributeType, into = new Set<string>()): Set<string> {
    switch (type.kind) {
        case 'object': for (const c of type.categories ?? []) into.add(c); break;
        case 'optional': objectCategories(type.of, into); break;
        case 'union': for (const option of type.options) objectCategories(option, into); break;
        case 'list': if (type.of) objectCategories(type.of, into); break;
    }
    return into;
}

const helperMetamodels = new Map<HelperCategory, Metamodel>();

/**
 * The type of a helper object's argument: from its literal default where it has one (the
 * layer-argument table would type `VarianceScaling(scale=2.0)` as BatchNormalization's
 * boolean `scale`), else from its name.
 */
function helperArgumentType(name: string, defaultValue: unknown): AttributeType {
    if (typeof defaultValue === 'number') return T.float;
    if (typeof defaultValue === 'boolean') return T.bool;
    if (typeof defaultValue === 'string') return T.string;
    return argumentType(name, defaultValue as never);
}

/** The helper objects of one category (initializers, …) as meta-types, from the catalogue. */
export function helperMetamodel(category: HelperCategory): Metamodel {
    let metamodel = helperMetamodels.get(category);
    if (!metamodel) {
        const types: MetaType[] = Object.entries(CATALOGUE.helpers[category]).map(([name, helper]) => ({
            name,
            doc: helper.doc,
            attributes: helper.args.map(arg => ({
                name: arg.name,
                type: helperArgumentType(arg.name, arg.default),
                required: arg.required ?? false,
                keywordOnly: arg.keywordOnly
            }))
        }));
        metamodel = new Metamodel(`keras-${category}s`, types);
        helperMetamodels.set(category, metamodel);
    }
    return metamodel;
}
