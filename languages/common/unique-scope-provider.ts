import { DefaultScopeProvider, MapScope, type AstNode, type AstNodeDescription, type LangiumDocument, type Scope } from 'langium';

/**
 * Langium's scope provider with what the DeepForge languages' scopes share: descriptions of the
 * named nodes only (a node left without a name by a syntax error has none), and scopes in which
 * the first declaration of a name wins (duplicates are reported by the validators).
 */
export class UniqueScopeProvider extends DefaultScopeProvider {
    /** Descriptions of the named nodes (a node without a name, left by a syntax error, is skipped). */
    protected describeAll(nodes: Iterable<AstNode & { name?: string }>, document: LangiumDocument): AstNodeDescription[] {
        const descriptions: AstNodeDescription[] = [];
        for (const node of nodes) {
            if (node.name) descriptions.push(this.descriptions.createDescription(node, node.name, document));
        }
        return descriptions;
    }

    /** A scope in which the first declaration of a name wins (duplicates are reported by the validator). */
    protected createUniqueScope(elements: Iterable<AstNodeDescription>, outer?: Scope): Scope {
        const seen = new Set<string>();
        const unique: AstNodeDescription[] = [];
        for (const element of elements) {
            if (!element.name || seen.has(element.name)) continue;
            seen.add(element.name);
            unique.push(element);
        }
        return new MapScope(unique, outer);
    }
}
