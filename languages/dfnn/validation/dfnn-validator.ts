import { AstUtils, type AstNode, type LangiumDocuments, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { didYouMean, type Diagnostic } from '../../../metamodel/core/index.js';
import {
    isBlock, isInputsStatement, isLayerStatement, isNetwork, isOutputsStatement, isSharedLayer,
    type Block, type DeepForgeAstType, type DfnnModel, type Import, type Library, type Network
} from '../../generated/ast.js';
import type { DfnnAnalyzer } from '../analysis/dfnn-analyzer.js';
import type { DfnnServices } from '../dfnn-module.js';
import type { DfnnImportResolver } from '../references/dfnn-import-resolver.js';
import type { DfnnLibrary } from '../references/dfnn-library.js';
import { isGraphContainer } from '../references/dfnn-scope-provider.js';
import { PARAMETER_TYPES, parameterType } from '../lowering/parameter-types.js';

/**
 * Registers the `.dfnn` checks, all in the `fast` category (they run on every edit):
 * - AST checks: imports that do not resolve, duplicate names, misplaced statements,
 *   unknown parameter types, library declarations outside built-in documents;
 * - model checks: everything the {@link DfnnAnalyzer} finds on the lowered model graphs
 *   (metamodel attributes and ports, nested values, cycles, unused layers, shapes). Shape
 *   inference is linear in the size of a network and cached per document version, so it
 *   runs as a fast check too: shapes are the point of the editor.
 */
export function registerDfnnValidationChecks(services: DfnnServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = services.validation.DfnnValidator;
    const checks: ValidationChecks<DeepForgeAstType> = {
        DfnnModel: [validator.checkModel, validator.checkImports, validator.checkUniqueElements],
        Network: validator.checkGraph,
        Block: validator.checkGraph,
        Library: validator.checkLibrary
    };
    registry.register(checks, validator, 'fast');
}

/** The `.dfnn` validator. Check methods are arrow properties, so they can be registered unbound. */
export class DfnnValidator {
    protected readonly analyzer: DfnnAnalyzer;
    protected readonly imports: DfnnImportResolver;
    protected readonly library: DfnnLibrary;
    protected readonly documents: LangiumDocuments;

    constructor(services: DfnnServices) {
        this.analyzer = services.analysis.Analyzer;
        this.imports = services.references.ImportResolver;
        this.library = services.references.Library;
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    /** Reports the model checks of the whole document (lowering, metamodel, graph, shapes). */
    checkModel = (model: DfnnModel, accept: ValidationAcceptor): void => {
        const document = AstUtils.getDocument(model);
        if (this.library.isBuiltin(document)) return;
        for (const diagnostic of this.analyzer.analyze(document).diagnostics) this.report(diagnostic, model, accept);
    };

    /** Imports must name an existing, loaded `.dfnn` file other than this one. */
    checkImports = (model: DfnnModel, accept: ValidationAcceptor): void => {
        const document = AstUtils.getDocument(model);
        const seen = new Set<string>();
        for (const node of model.imports) {
            if (!node.path) continue;
            const uri = this.imports.resolve(node);
            const key = uri.toString();
            if (key === document.uri.toString()) {
                accept('warning', 'a file does not need to import itself', { node, property: 'path', code: 'import' });
            } else if (!this.documents.hasDocument(uri)) {
                accept('error', `cannot find \`${node.path}\` (looked for ${uri.scheme === 'file' ? uri.fsPath : key})`, { node, property: 'path', code: 'import' });
            } else if (seen.has(key)) {
                accept('warning', `\`${node.path}\` is already imported`, { node: node as Import, property: 'path', code: 'import' });
            }
            seen.add(key);
        }
    };

    /** Networks and blocks of one file have distinct names. */
    checkUniqueElements = (model: DfnnModel, accept: ValidationAcceptor): void => {
        const first = new Map<string, AstNode>();
        for (const element of model.elements.filter(isGraphContainer)) {
            const previous = first.get(element.name);
            if (previous) {
                accept('error', `duplicate name \`${element.name}\`: a ${kindOf(previous)} of that name is defined on line ${line(previous)}`,
                    { node: element, property: 'name', code: 'duplicate-name' });
            } else {
                first.set(element.name, element);
            }
        }
    };

    /** Names are unique within a graph; statements fit the kind of graph; parameter types exist. */
    checkGraph = (graph: Network | Block, accept: ValidationAcceptor): void => {
        const kind = kindOf(graph);
        const first = new Map<string, AstNode & { name: string }>();
        const declare = (node: AstNode & { name: string }) => {
            if (!node.name) return;
            const previous = first.get(node.name);
            if (previous) {
                accept('error', `duplicate name \`${node.name}\` in ${kind} \`${graph.name}\`: already defined on line ${line(previous)}`,
                    { node, property: 'name', code: 'duplicate-name' });
            } else {
                first.set(node.name, node);
            }
        };
        if (isBlock(graph)) {
            for (const parameter of graph.parameters) {
                declare(parameter);
                if (parameter.type !== undefined && !parameterType(parameter.type)) {
                    const suggestion = didYouMean(parameter.type, Object.keys(PARAMETER_TYPES));
                    accept('error', `unknown parameter type \`${parameter.type}\`` + (suggestion ? ` — did you mean \`${suggestion}\`?` : ` (one of ${Object.keys(PARAMETER_TYPES).join(', ')})`),
                        { node: parameter, property: 'type', code: 'unknown-type' });
                }
            }
        }
        let outputs = 0;
        let inputs = 0;
        for (const statement of graph.statements) {
            if (isInputsStatement(statement)) {
                if (isNetwork(graph)) {
                    accept('error', '`inputs` declares the inputs of a block; the inputs of a network are its `Input(…)` layers',
                        { node: statement, keyword: 'inputs', code: 'misplaced-statement' });
                } else if (inputs++ > 0) {
                    accept('error', `block \`${graph.name}\` declares its inputs twice; list them in one \`inputs\` statement`,
                        { node: statement, keyword: 'inputs', code: 'misplaced-statement' });
                }
                statement.inputs.forEach(declare);
            } else if (isOutputsStatement(statement)) {
                if (outputs++ > 0) {
                    accept('error', `${kind} \`${graph.name}\` declares its outputs twice; list them in one \`outputs\` statement`,
                        { node: statement, keyword: 'outputs', code: 'misplaced-statement' });
                }
            } else if (isLayerStatement(statement) || isSharedLayer(statement)) {
                declare(statement);
            }
        }
    };

    /** Layer types are declared by the built-in library only. */
    checkLibrary = (library: Library, accept: ValidationAcceptor): void => {
        if (!this.library.isBuiltin(AstUtils.getDocument(library))) {
            accept('error', '`library` declarations are reserved for the built-in layer library', { node: library, keyword: 'library', code: 'misplaced-statement' });
        }
    };

    /** Reports a metamodel diagnostic at its exact range, with its fixes as data (for code actions). */
    protected report(diagnostic: Diagnostic, node: AstNode, accept: ValidationAcceptor): void {
        accept(diagnostic.severity, diagnostic.message, {
            node,
            range: diagnostic.trace.range,
            code: diagnostic.code,
            data: diagnostic.fixes ? { fixes: diagnostic.fixes.map(f => ({ title: f.title, range: f.trace.range, newText: f.newText })) } : undefined
        });
    }
}

function kindOf(node: AstNode): string {
    return isNetwork(node) ? 'network' : isBlock(node) ? 'block' : 'element';
}

function line(node: AstNode): number {
    return (node.$cstNode?.range.start.line ?? 0) + 1;
}
