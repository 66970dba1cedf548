import { AstUtils, type LangiumDocument } from 'langium';
import { DefaultDefinitionProvider } from 'langium/lsp';
import { LocationLink, type DefinitionParams } from 'vscode-languageserver';
import type { CancellationToken } from 'vscode-languageserver-protocol';
import { isArgument, isCodeSection, isOperation, isStep, isStepInput, type Operation } from '../../generated/ast.js';
import { leafAt } from '../../lsp/cst.js';
import { operationSections } from '../operation-sections.js';
import type { DfpOperationInfo } from './dfp-operation-info.js';
import type { DfpLspServices } from './dfp-lsp-module.js';

/**
 * Go to definition in `.dfp` files: Langium's for references (operations, steps, networks across
 * files and languages), plus
 * - from an operation — at a step, or its declared name, or its `code "…"` path — into its
 *   Python class (a location in the `.py` file); at a step both the declaration and the class;
 * - from an input port name (`images=`) or an output (`data.train_images`) to the port's
 *   declaration, and from a keyword argument to the attribute's declaration.
 */
export class DfpDefinitionProvider extends DefaultDefinitionProvider {
    protected readonly info: DfpOperationInfo;

    constructor(services: DfpLspServices) {
        super(services);
        this.info = services.lsp.OperationInfo;
    }

    override async getDefinition(document: LangiumDocument, params: DefinitionParams, cancelToken?: CancellationToken): Promise<LocationLink[] | undefined> {
        const at = leafAt(document, params.position);
        if (at) {
            const { node, property, leaf } = at;
            const links: LocationLink[] = [];
            const toClass = (operation: Operation) => {
                const location = this.info.classLocation(operation);
                if (location) links.push(LocationLink.create(location.uri, location.range, location.range, leaf.range));
            };
            if (isOperation(node) && property === 'name') toClass(node);
            else if (isCodeSection(node) && isOperation(node.$container)) toClass(node.$container);
            else if (isStepInput(node) && (property === 'port' || property === 'output')) {
                const operation = property === 'port' ? node.$container.operation?.ref : isStep(node.source?.ref) ? node.source.ref.operation?.ref : undefined;
                const name = property === 'port' ? node.port : node.output;
                const section = operation ? operationSections(operation)[property === 'port' ? 'inputs' : 'outputs'] : undefined;
                const port = section?.ports.find(p => p.name === name);
                const target = port?.$cstNode;
                if (operation && target) links.push(LocationLink.create(this.uriOf(operation), target.range, target.range, leaf.range));
            } else if (isArgument(node) && property === 'name' && isStep(node.$container) && node.$container.operation?.ref) {
                const operation = node.$container.operation.ref;
                const sections = operationSections(operation);
                const declaration = [...sections.attributes?.attributes ?? [], ...sections.references?.references ?? []].find(a => a.name === node.name);
                if (declaration?.$cstNode) links.push(LocationLink.create(this.uriOf(operation), declaration.$cstNode.range, declaration.$cstNode.range, leaf.range));
            }
            if (links.length > 0) return links;
            if (isStep(node) && property === 'operation' && node.operation?.ref) {
                const base = await super.getDefinition(document, params, cancelToken);
                toClass(node.operation.ref);
                return [...(base ?? []), ...links];
            }
        }
        return super.getDefinition(document, params, cancelToken);
    }

    protected uriOf(operation: Operation): string {
        return AstUtils.getDocument(operation).uri.toString();
    }
}
