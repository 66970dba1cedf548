import {
    Cancellation, DefaultScopeComputation, interruptAndCheck, MultiMap, type AstNode, type AstNodeDescription,
    type LangiumDocument, type LocalSymbols
} from 'langium';
import { isLibrary, type DfnnModel } from '../../generated/ast.js';
import { graphMembers, isGraphContainer } from './dfnn-scope-provider.js';

/**
 * Local symbols of `.dfnn`: the declarations a name can denote, nothing else.
 * - the members of a network or block (parameters, block inputs, layer statements, shared
 *   layers), in declaration order, visible in the whole graph (block inputs too, although they
 *   sit in an `inputs` statement); the scope provider builds its name scopes from these;
 * - networks, blocks and libraries in the document root; layer types in their library and
 *   their parameters in the layer type.
 *
 * Langium's default visits every AST node (every literal, every keyword argument — those have a
 * `name` too, but declare nothing) and makes each named one visible in its container: on a large
 * network that walk and its descriptions were a good part of the build.
 */
export class DfnnScopeComputation extends DefaultScopeComputation {
    override async collectLocalSymbols(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<LocalSymbols> {
        const model = document.parseResult.value as DfnnModel;
        const symbols = new MultiMap<AstNode, AstNodeDescription>();
        for (const element of model.elements ?? []) {
            await interruptAndCheck(cancelToken);
            this.addSymbol(model, element, document, symbols);
            if (isGraphContainer(element)) {
                for (const member of graphMembers(element)) this.addSymbol(element, member, document, symbols);
            } else if (isLibrary(element)) {
                for (const type of element.types) {
                    this.addSymbol(element, type, document, symbols);
                    for (const parameter of type.parameters) this.addSymbol(type, parameter, document, symbols);
                }
            }
        }
        return symbols;
    }

    /** Makes `node` visible in `scope` if it has a name. */
    protected addSymbol(scope: AstNode, node: AstNode, document: LangiumDocument, symbols: MultiMap<AstNode, AstNodeDescription>): void {
        const name = this.nameProvider.getName(node);
        if (name) symbols.add(scope, this.descriptions.createDescription(node, name, document));
    }
}
