import { didYouMean } from './did-you-mean.js';
import type { AttributeDef, MetaType, PortDef, ReferenceDef } from './meta-type.js';

/** A meta-type with its inheritance resolved: everything it has, own and inherited. */
export interface ResolvedMetaType {
    readonly name: string;
    readonly definition: MetaType;
    /** This type and its ancestors, nearest first. */
    readonly lineage: readonly string[];
    /**
     * Own attributes first (in their order, which is the positional order), then inherited ones
     * that the type does not redefine: the most specific signature decides the positions.
     */
    readonly attributes: readonly AttributeDef[];
    /** The attributes that may be given by position (not keyword-only), in positional order. */
    readonly positional: readonly AttributeDef[];
    readonly inputs: readonly PortDef[];
    readonly outputs: readonly PortDef[];
    readonly references: readonly ReferenceDef[];
    attribute(name: string): AttributeDef | undefined;
}

/**
 * A metamodel: a named set of meta-types. It knows inheritance and aliases and nothing
 * about any particular domain; Keras layers, pipeline operations and extension languages
 * are all just metamodels.
 */
export class Metamodel {
    private readonly types = new Map<string, MetaType>();
    private readonly aliases = new Map<string, string>();
    private readonly resolved = new Map<string, ResolvedMetaType>();

    constructor(readonly name: string, types: Iterable<MetaType> = []) {
        for (const type of types) this.add(type);
    }

    /** Adds a meta-type. Its base must be added before the type is resolved. */
    add(type: MetaType): this {
        if (this.types.has(type.name)) throw new Error(`Metamodel ${this.name}: duplicate meta-type ${type.name}`);
        this.types.set(type.name, type);
        for (const alias of type.aliases ?? []) this.aliases.set(alias, type.name);
        this.resolved.clear();
        return this;
    }

    /** Whether a name (or alias) denotes a meta-type. */
    has(name: string): boolean {
        return this.types.has(name) || this.aliases.has(name);
    }

    /** The canonical name for a name or alias. */
    canonicalName(name: string): string | undefined {
        return this.types.has(name) ? name : this.aliases.get(name);
    }

    /** All meta-types, in insertion order. */
    all(): MetaType[] {
        return [...this.types.values()];
    }

    /** All names a user may write: canonical names and aliases. */
    allNames(): string[] {
        return [...this.types.keys(), ...this.aliases.keys()];
    }

    /** The closest known type name to a misspelt one. */
    suggest(name: string, filter: (type: MetaType) => boolean = t => !t.abstract): string | undefined {
        const names = [...this.types.values()].filter(filter).flatMap(t => [t.name, ...(t.aliases ?? [])]);
        return didYouMean(name, names);
    }

    /** Resolves a name or alias, with inheritance; `undefined` if unknown. */
    get(name: string): ResolvedMetaType | undefined {
        const canonical = this.canonicalName(name);
        if (!canonical) return undefined;
        let resolved = this.resolved.get(canonical);
        if (!resolved) {
            resolved = this.resolve(canonical, new Set());
            this.resolved.set(canonical, resolved);
        }
        return resolved;
    }

    /** Whether `name` is `ancestor` or inherits from it. */
    isA(name: string, ancestor: string): boolean {
        return this.get(name)?.lineage.includes(this.canonicalName(ancestor) ?? ancestor) ?? false;
    }

    private resolve(name: string, visiting: Set<string>): ResolvedMetaType {
        const definition = this.types.get(name);
        if (!definition) throw new Error(`Metamodel ${this.name}: unknown meta-type ${name}`);
        if (visiting.has(name)) throw new Error(`Metamodel ${this.name}: inheritance cycle through ${name}`);
        visiting.add(name);
        const base = definition.base ? this.resolve(definition.base, visiting) : undefined;
        const attributes = mergeByName(base?.attributes ?? [], definition.attributes ?? []);
        const byName = new Map(attributes.map(a => [a.name, a]));
        return {
            name,
            definition,
            lineage: [name, ...(base?.lineage ?? [])],
            attributes,
            positional: attributes.filter(a => !a.keywordOnly),
            inputs: mergeByName(base?.inputs ?? [], definition.inputs ?? []),
            outputs: mergeByName(base?.outputs ?? [], definition.outputs ?? []),
            references: mergeByName(base?.references ?? [], definition.references ?? []),
            attribute: (attr: string) => byName.get(attr)
        };
    }
}

/** Own items first, then the base items that no own item of the same name redefines. */
function mergeByName<T extends { readonly name: string }>(base: readonly T[], own: readonly T[]): T[] {
    const ownNames = new Set(own.map(item => item.name));
    return [...own, ...base.filter(item => !ownNames.has(item.name))];
}
