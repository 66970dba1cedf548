import { AstUtils, GrammarUtils, type AstNode, type LangiumDocuments, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { checkValue, didYouMean, fromJs, toJs, type Diagnostic } from '../../../metamodel/core/index.js';
import {
    BUILTIN_OPERATIONS, OPERATION_ATTRIBUTE_TYPES, operationAttributeType, REFERENCE_KINDS, RESERVED_OPERATION_NAMES
} from '../../../metamodel/pipeline/index.js';
import { TraceFactory } from '../../dfnn/lowering/traces.js';
import { isEnumType, isModelDocument, isNamedType, isOperation, isPipeline, type DeepForgeAstType, type DfpModel, type Operation, type Pipeline, type ResourcesSection } from '../../generated/ast.js';
import type { DfpAnalyzer } from '../analysis/dfp-analyzer.js';
import type { PythonCode } from '../analysis/python-code.js';
import type { DfpServices } from '../dfp-module.js';
import { lowerResources } from '../lowering/resources.js';
import { expressionValue } from '../lowering/values.js';
import { sectionKeyword } from '../operation-sections.js';
import { DFP_IMPORTABLE_EXTENSIONS, type DfpImportResolver } from '../references/dfp-import-resolver.js';
import type { DfpLibrary } from '../references/dfp-library.js';
import type { CodeDiagnostic, OperationCodeChecker } from './operation-code-checker.js';

/**
 * Registers the `.dfp` checks, all in the `fast` category (they run on every edit):
 * - AST checks: imports, duplicate names, operation declarations (sections, attribute types,
 *   defaults and ranges, reference kinds, ports), duplicate step names;
 * - code checks: each operation against its Python class ({@link OperationCodeChecker});
 * - model checks: everything the {@link DfpAnalyzer} finds on the lowered pipelines.
 * The checks that read code wait for the Python reader to load (once per process).
 */
export function registerDfpValidationChecks(services: DfpServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = services.validation.DfpValidator;
    const checks: ValidationChecks<DeepForgeAstType> = {
        DfpModel: [validator.checkModel, validator.checkImports, validator.checkUniqueElements],
        Operation: [validator.checkOperation, validator.checkOperationCode],
        Pipeline: validator.checkPipeline
    };
    registry.register(checks, validator, 'fast');
}

/** The `.dfp` validator. Check methods are arrow properties, so they can be registered unbound. */
export class DfpValidator {
    protected readonly analyzer: DfpAnalyzer;
    protected readonly codeChecker: OperationCodeChecker;
    protected readonly python: PythonCode;
    protected readonly imports: DfpImportResolver;
    protected readonly library: DfpLibrary;
    protected readonly documents: LangiumDocuments;
    protected readonly traces = new TraceFactory();

    constructor(services: DfpServices) {
        this.analyzer = services.analysis.Analyzer;
        this.codeChecker = services.validation.CodeChecker;
        this.python = services.analysis.PythonCode;
        this.imports = services.references.ImportResolver;
        this.library = services.references.Library;
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    /** Reports the model checks of the document's pipelines (after the Python reader has loaded). */
    checkModel = async (model: DfpModel, accept: ValidationAcceptor): Promise<void> => {
        const document = AstUtils.getDocument(model);
        if (this.library.isBuiltin(document)) return;
        await this.python.ready();
        for (const diagnostic of this.analyzer.analyze(document).diagnostics) this.report(diagnostic, model, accept);
    };

    /** An operation against its Python code (after the Python reader has loaded). */
    checkOperationCode = async (operation: Operation, accept: ValidationAcceptor): Promise<void> => {
        if (this.library.isBuiltin(AstUtils.getDocument(operation))) return;
        await this.python.ready();
        for (const diagnostic of this.codeChecker.check(operation)) this.report(diagnostic, operation, accept);
    };

    /** Imports name an existing, loaded `.dfp` or `.dfnn` file other than this one. */
    checkImports = (model: DfpModel, accept: ValidationAcceptor): void => {
        const document = AstUtils.getDocument(model);
        const seen = new Set<string>();
        for (const node of model.imports) {
            if (!node.path) continue;
            const uri = this.imports.resolve(node);
            const key = uri.toString();
            const extension = /\.[^./]*$/.exec(node.path)?.[0] ?? '';
            // A document of a data-only language (a dataset catalogue) may be imported too: its nodes feed `Input(dataset=…)`.
            const dataOnly = this.documents.hasDocument(uri) && isModelDocument(this.documents.getDocument(uri)!.parseResult.value);
            if (!DFP_IMPORTABLE_EXTENSIONS.includes(extension) && !dataOnly) {
                accept('error', `cannot import \`${node.path}\`: a .dfp file imports .dfp and .dfnn files`, { node, property: 'path', code: 'import' });
            } else if (key === document.uri.toString()) {
                accept('warning', 'a file does not need to import itself', { node, property: 'path', code: 'import' });
            } else if (!this.documents.hasDocument(uri)) {
                accept('error', `cannot find \`${node.path}\` (looked for ${uri.scheme === 'file' ? uri.fsPath : key})`, { node, property: 'path', code: 'import' });
            } else if (seen.has(key)) {
                accept('warning', `\`${node.path}\` is already imported`, { node, property: 'path', code: 'import' });
            }
            seen.add(key);
        }
    };

    /** Operations and pipelines of one file have distinct names. */
    checkUniqueElements = (model: DfpModel, accept: ValidationAcceptor): void => {
        const first = new Map<string, AstNode>();
        for (const element of model.elements) {
            if (!element.name) continue;
            const previous = first.get(element.name);
            if (previous) {
                accept('error', `duplicate name \`${element.name}\`: ${article(kindOf(previous))} ${kindOf(previous)} of that name is defined on line ${line(previous)}`,
                    { node: element, property: 'name', code: 'duplicate-name' });
            } else {
                first.set(element.name, element);
            }
        }
    };

    /** An operation declaration: its name, its sections, attribute types/defaults/ranges, reference kinds, ports. */
    checkOperation = (operation: Operation, accept: ValidationAcceptor): void => {
        if (this.library.isBuiltin(AstUtils.getDocument(operation)) || !operation.name) return;
        if (RESERVED_OPERATION_NAMES.has(operation.name)) {
            accept('error', `\`${operation.name}\` is the base of every operation; choose another name`, { node: operation, property: 'name', code: 'reserved-name' });
        } else if (BUILTIN_OPERATIONS.some(spec => spec.name === operation.name)) {
            accept('warning', `operation \`${operation.name}\` shadows the built-in \`${operation.name}\` in this file and the files importing it`,
                { node: operation, property: 'name', code: 'shadows-builtin' });
        }
        const seenSections = new Map<string, AstNode>();
        for (const section of operation.sections) {
            const keyword = sectionKeyword(section);
            const previous = seenSections.get(keyword);
            if (previous) {
                accept('error', `operation \`${operation.name}\` has two \`${keyword}\` sections (the first on line ${line(previous)}); merge them`,
                    { node: section, keyword, code: 'duplicate-section' });
            } else {
                seenSections.set(keyword, section);
            }
        }
        const names = new Map<string, string>();
        const declare = (node: AstNode & { name: string }, what: string, namespace: string) => {
            if (!node.name) return;
            const key = `${namespace}:${node.name}`;
            const previous = names.get(key);
            if (previous) {
                accept('error', `duplicate ${what} \`${node.name}\` in operation \`${operation.name}\`${previous === what ? '' : ` (already ${article(previous)} ${previous})`}`,
                    { node, property: 'name', code: 'duplicate-name' });
            } else {
                names.set(key, what);
            }
        };
        for (const section of operation.sections) {
            switch (section.$type) {
                case 'AttributesSection':
                    for (const attribute of section.attributes) {
                        declare(attribute, 'attribute', 'init');
                        this.checkAttribute(attribute, accept);
                    }
                    break;
                case 'ReferencesSection':
                    for (const reference of section.references) {
                        declare(reference, 'reference', 'init');
                        if (reference.kind && !Object.prototype.hasOwnProperty.call(REFERENCE_KINDS, reference.kind)) {
                            const kinds = Object.keys(REFERENCE_KINDS);
                            const suggestion = didYouMean(reference.kind, kinds);
                            accept('error', `unknown reference kind \`${reference.kind}\`` + (suggestion ? ` — did you mean \`${suggestion}\`?` : ` (one of ${kinds.map(k => `\`${k}\``).join(', ')})`),
                                { node: reference, property: 'kind', code: 'unknown-kind', data: suggestion ? fixData(reference, 'kind', suggestion, this.traces) : undefined });
                        }
                    }
                    break;
                case 'InputsSection':
                    for (const port of section.ports) declare(port, 'input', 'inputs');
                    break;
                case 'OutputsSection':
                    for (const port of section.ports) declare(port, 'output', 'outputs');
                    break;
                case 'ResourcesSection':
                    this.checkResources(section, accept);
                    break;
            }
        }
    };

    /** `resources { … }`: known keys (did you mean), each once, values of the right type and Slurm format. */
    protected checkResources(section: ResourcesSection, accept: ValidationAcceptor): void {
        for (const problem of lowerResources(section, this.traces).problems) {
            const data = problem.suggestion ? fixData(problem.entry, 'name', problem.suggestion, this.traces) : undefined;
            accept('error', problem.message, { node: problem.entry, property: problem.property, code: problem.code, data });
        }
    }

    /** An attribute's type exists, its range fits its type, its default fits both. */
    protected checkAttribute(attribute: import('../../generated/ast.js').AttributeDeclaration, accept: ValidationAcceptor): void {
        let type = undefined as ReturnType<typeof operationAttributeType>;
        if (isNamedType(attribute.type)) {
            type = operationAttributeType(attribute.type.name);
            if (!type) {
                const names = Object.keys(OPERATION_ATTRIBUTE_TYPES);
                const suggestion = didYouMean(attribute.type.name, names);
                accept('error', `unknown attribute type \`${attribute.type.name}\`` + (suggestion ? ` — did you mean \`${suggestion}\`?` : ` (one of ${names.join(', ')}, or an enum such as "a" | "b")`),
                    { node: attribute.type, property: 'name', code: 'unknown-type', data: suggestion ? fixData(attribute.type, 'name', suggestion, this.traces) : undefined });
                return;
            }
        } else if (isEnumType(attribute.type)) {
            const seen = new Set<string>();
            for (const value of attribute.type.values) {
                if (seen.has(value)) accept('warning', `"${value}" is listed twice`, { node: attribute.type, code: 'duplicate-name' });
                seen.add(value);
            }
            type = { kind: 'enum', values: attribute.type.values };
        }
        const range = attribute.range;
        const min = range?.min !== undefined ? Number(range.min) : undefined;
        const max = range?.max !== undefined ? Number(range.max) : undefined;
        const defaultValue = attribute.default ? expressionValue(attribute.default, this.traces) : undefined;
        const numeric = type ? type.kind === 'int' || type.kind === 'float' : defaultValue === undefined || defaultValue.kind === 'int' || defaultValue.kind === 'float';
        if (range && !numeric) {
            accept('error', `a range bounds numbers, but \`${attribute.name}\` is ${type ? `of type ${attribute.type?.$cstNode?.text ?? type.kind}` : 'not a number'}`,
                { node: range, code: 'range' });
        } else if (range && type?.kind === 'int' && [min, max].some(bound => bound !== undefined && !Number.isInteger(bound))) {
            accept('error', `\`${attribute.name}\` is an int: its bounds must be ints`, { node: range, code: 'range' });
        } else if (min !== undefined && max !== undefined && min > max) {
            accept('error', `empty range: the lower bound ${range!.min} is greater than the upper bound ${range!.max}`, { node: range!, code: 'range' });
        }
        if (!defaultValue || !type) return;
        const mismatch = checkValue(type, defaultValue, attribute.name);
        if (mismatch) {
            const message = mismatch.kind === 'enum'
                ? `the default of \`${attribute.name}\` must be one of ${type.kind === 'enum' ? type.values.map(v => JSON.stringify(v)).join(', ') : ''}, got ${JSON.stringify(toJs(defaultValue))}`
                : `the default of ${mismatch.message.replace(/^`[^`]*` expects/, `\`${attribute.name}\` must be`)}`;
            accept('error', message, { node: attribute, property: 'default', code: 'type-mismatch' });
            return;
        }
        if (defaultValue.kind === 'int' || defaultValue.kind === 'float') {
            const value = defaultValue.value;
            if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
                accept('error', `the default ${String(toJs(fromJs(value)))} of \`${attribute.name}\` is outside its range [${range?.min ?? ''}..${range?.max ?? ''}]`,
                    { node: attribute, property: 'default', code: 'out-of-range' });
            }
        }
    }

    /** Step names are unique within a pipeline. */
    checkPipeline = (pipeline: Pipeline, accept: ValidationAcceptor): void => {
        const first = new Map<string, AstNode>();
        for (const step of pipeline.steps) {
            if (!step.name) continue;
            const previous = first.get(step.name);
            if (previous) {
                accept('error', `duplicate step name \`${step.name}\` in pipeline \`${pipeline.name}\`: already defined on line ${line(previous)}`,
                    { node: step, property: 'name', code: 'duplicate-name' });
            } else {
                first.set(step.name, step);
            }
        }
    };

    /** Reports a metamodel diagnostic at its exact range, with its fixes (and quick-fix texts) as data. */
    protected report(diagnostic: Diagnostic | CodeDiagnostic, node: AstNode, accept: ValidationAcceptor): void {
        const extra = 'data' in diagnostic ? diagnostic.data : undefined;
        const fixes = diagnostic.fixes?.map(f => ({ title: f.title, uri: f.trace.uri, range: f.trace.range, newText: f.newText }));
        accept(diagnostic.severity, diagnostic.message, {
            node,
            range: diagnostic.trace.range,
            code: diagnostic.code,
            data: fixes || extra ? { ...(extra ?? {}), ...(fixes ? { fixes } : {}) } : undefined
        });
    }
}

/** Fix data replacing a property's text. */
function fixData(node: AstNode, property: string, newText: string, traces: TraceFactory) {
    const cst = node.$cstNode ? GrammarUtils.findNodeForProperty(node.$cstNode, property) : undefined;
    return cst ? { fixes: [{ title: `Change to ${newText}`, uri: traces.uriOf(node), range: cst.range, newText }] } : undefined;
}

function kindOf(node: AstNode): string {
    return isOperation(node) ? 'operation' : isPipeline(node) ? 'pipeline' : 'element';
}

function article(word: string): string {
    return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

function line(node: AstNode): number {
    return (node.$cstNode?.range.start.line ?? 0) + 1;
}
