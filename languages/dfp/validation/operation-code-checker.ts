import { AstUtils, GrammarUtils, type AstNode } from 'langium';
import { didYouMean, type Diagnostic, type Fix, type Range, type Trace } from '../../../metamodel/core/index.js';
import type { Operation, OperationSection } from '../../generated/ast.js';
import type { OperationCode } from '../analysis/operation-code.js';
import type { OperationInterfaces, ResolvedOperation } from '../analysis/operation-interfaces.js';
import type { DfpServices } from '../dfp-module.js';
import { operationSections } from '../operation-sections.js';
import { codeStubFromDeclaration, compareInterface, declarationFromCode, type DeclaredInterface, type InterfaceMismatch } from '../python/interface-sync.js';
import type { DfpLibrary } from '../references/dfp-library.js';

/** The quick-fix texts a code diagnostic carries, for the language server's code actions. */
export interface CodeFixData {
    /** The operation declaration rewritten from the code (quick fix 1). */
    readonly declarationFromCode?: string;
    /** A Python class implementing the declaration (quick fix 2). */
    readonly codeStub?: string;
    /** The code file the stub belongs in. */
    readonly codeUri?: string;
}

/** A diagnostic about an operation's code, with its quick-fix data. */
export interface CodeDiagnostic extends Diagnostic {
    readonly data?: CodeFixData;
}

/**
 * Operation code is read, not trusted: checks an operation declaration against the Python
 * class it names (DeepForge's convention: a class named like the operation; `__init__` takes
 * the attributes and references, `execute` the inputs and returns the outputs):
 *
 * - the `code` file exists (relative to the `.dfp` file) and holds the class;
 * - each declared attribute, reference and input is a parameter, and each parameter is declared
 *   (naming the name and the side it is missing from);
 * - each `return` of `execute` returns as many values as there are declared outputs.
 *
 * Each finding carries the data of two quick fixes: the declaration rewritten from the code,
 * and a code stub from the declaration (as `fixes` where the edit is safe: creating a missing
 * file, adding a missing class, replacing the declaration).
 */
export interface OperationCodeChecker {
    check(operation: Operation): CodeDiagnostic[];
}

export class DefaultOperationCodeChecker implements OperationCodeChecker {
    protected readonly interfaces: OperationInterfaces;
    protected readonly library: DfpLibrary;

    constructor(services: DfpServices) {
        this.interfaces = services.analysis.OperationInterfaces;
        this.library = services.references.Library;
    }

    check(operation: Operation): CodeDiagnostic[] {
        if (!operation.name || this.library.isBuiltin(AstUtils.getDocument(operation))) return [];
        const resolved = this.interfaces.resolve(operation);
        const code = resolved.code;
        if (!code) return [];
        const sections = operationSections(operation);
        const pathTrace = this.trace(sections.code!, 'path');
        const stub = codeStubFromDeclaration(operation.name, resolved.declared);
        const data: CodeFixData = { codeStub: stub, codeUri: code.uri.toString() };
        switch (code.status) {
            case 'missing-file':
                return [{
                    severity: 'error', code: 'missing-code-file', trace: pathTrace, data,
                    message: `cannot find the code of \`${operation.name}\`: \`${code.path}\` does not exist` + (code.uri.scheme === 'file' ? ` (looked for ${code.uri.fsPath})` : ''),
                    fixes: [{ title: `Create ${code.path} with a stub of ${operation.name}`, trace: { uri: code.uri.toString(), range: EMPTY }, newText: stub }]
                }];
            case 'unreadable':
                return [{ severity: 'error', code: 'missing-code-file', trace: pathTrace, message: `cannot read \`${code.path}\`: ${code.detail ?? 'unknown error'}` }];
            case 'no-reader':
                return [{
                    severity: 'warning', code: 'code-not-checked', trace: pathTrace,
                    message: `the code of \`${operation.name}\` is not checked: the Python reader is not available` + (code.detail ? ` (${code.detail})` : '')
                }];
            case 'read':
                return this.checkClass(operation, resolved, code, pathTrace, data);
        }
    }

    protected checkClass(operation: Operation, resolved: ResolvedOperation, code: OperationCode, pathTrace: Trace, data: CodeFixData): CodeDiagnostic[] {
        const diagnostics: CodeDiagnostic[] = [];
        const module = code.module!;
        if (module.syntaxErrors.length > 0) {
            diagnostics.push({
                severity: 'warning', code: 'python-syntax', trace: pathTrace,
                message: `\`${code.path}\` has a syntax error at ${location(code, module.syntaxErrors[0])}: the code is read as far as it parses`
            });
        }
        const cls = code.cls;
        if (!cls) {
            const suggestion = didYouMean(operation.name, module.classes.keys());
            diagnostics.push({
                severity: 'error', code: 'missing-class', trace: pathTrace, data,
                message: `\`${code.path}\` has no class \`${operation.name}\`` + (suggestion ? ` — did you mean \`${suggestion}\`? (an operation's class is named like the operation)` : ''),
                fixes: [{ title: `Add a stub of class ${operation.name} to ${code.path}`, trace: { uri: code.uri.toString(), range: endOf(code.source ?? '') }, newText: `${(code.source ?? '').endsWith('\n') || !code.source ? '' : '\n'}\n\n${data.codeStub}` }]
            });
            return diagnostics;
        }
        const sections = operationSections(operation);
        const referenceNames = new Set(resolved.declared.references.map(r => r.name));
        const declaration = declarationFromCode(operation.name, cls, code.path, sections.environment?.path, referenceNames, sections.resources?.$cstNode?.text);
        const fixData: CodeFixData = { ...data, declarationFromCode: declaration };
        const fixes: Fix[] = [{ title: `Update the declaration of ${operation.name} from ${code.path}`, trace: this.trace(operation), newText: declaration.replace(/\n$/, '') }];
        const mismatches = resolved.inferred
            // An inferred interface matches its code; only a `references` section can disagree with it.
            ? compareInterface({ attributes: [], references: resolved.declared.references, inputs: [], outputs: [] }, cls)
                .filter(m => m.kind === 'missing-in-code' && m.section === 'references')
            : compareInterface(resolved.declared, cls);
        for (const mismatch of mismatches) {
            const diagnostic = this.mismatch(operation, mismatch, code, pathTrace, resolved.declared);
            if (diagnostic) diagnostics.push({ ...diagnostic, data: fixData, fixes });
        }
        return diagnostics;
    }

    /** One mismatch, worded with the name, the side it is missing from, and where. */
    protected mismatch(operation: Operation, mismatch: InterfaceMismatch, code: OperationCode, pathTrace: Trace,
        declared: DeclaredInterface): Omit<CodeDiagnostic, 'data' | 'fixes'> | undefined {
        const sections = operationSections(operation);
        const name = operation.name;
        switch (mismatch.kind) {
            case 'missing-in-code': {
                const method = mismatch.section === 'inputs' ? 'execute' : '__init__';
                const noun = mismatch.section === 'attributes' ? 'attribute' : mismatch.section === 'references' ? 'reference' : 'input';
                const item = this.declaredItem(operation, mismatch.section, mismatch.name);
                // Suggest only parameters the declaration does not already name: those are the likely renames.
                const declaredNames = new Set(mismatch.section === 'inputs'
                    ? declared.inputs.map(i => i.name)
                    : [...declared.attributes, ...declared.references].map(a => a.name));
                const parameters = ((method === 'execute' ? code.cls?.execute : code.cls?.init)?.parameters ?? [])
                    .map(p => p.name).filter(p => !declaredNames.has(p));
                const suggestion = didYouMean(mismatch.name, parameters);
                return {
                    severity: 'error', code: 'code-mismatch', trace: item ? this.trace(item, 'name') : this.trace(operation, 'name'),
                    message: `${noun} \`${mismatch.name}\` is declared, but \`${name}.${method}\` in \`${code.path}\` has no parameter \`${mismatch.name}\`` +
                        (suggestion ? ` — did you mean \`${suggestion}\`?` : '')
                };
            }
            case 'missing-in-declaration': {
                const method = mismatch.section === 'inputs' ? 'execute' : '__init__';
                const section = mismatch.section === 'inputs' ? sections.inputs : sections.attributes ?? sections.references;
                const what = mismatch.section === 'inputs' ? 'input' : 'attribute or reference';
                return {
                    severity: 'error', code: 'code-mismatch', trace: this.sectionTrace(operation, section),
                    message: `\`${name}.${method}\` takes \`${mismatch.name}\` (${location(code, mismatch.parameter.range)}), but the declaration has no ${what} \`${mismatch.name}\``
                };
            }
            case 'return-arity': {
                const outputs = sections.outputs?.ports.map(p => `\`${p.name}\``) ?? [];
                const declared = mismatch.declared === 0 ? 'no outputs are declared'
                    : `${mismatch.declared} output${mismatch.declared === 1 ? ' is' : 's are'} declared (${outputs.join(', ')})`;
                const returned = mismatch.returned === 0 ? 'returns nothing' : `returns ${mismatch.returned} value${mismatch.returned === 1 ? '' : 's'}`;
                return {
                    severity: 'error', code: 'return-arity', trace: this.sectionTrace(operation, sections.outputs),
                    message: `\`${name}.execute\` ${returned} (${location(code, mismatch.ret.range)}), but ${declared}`
                };
            }
            case 'missing-method': {
                if (mismatch.method === 'execute') {
                    return { severity: 'error', code: 'missing-method', trace: pathTrace, message: `class \`${name}\` in \`${code.path}\` has no \`execute\` method` };
                }
                return {
                    severity: 'error', code: 'missing-method', trace: this.sectionTrace(operation, sections.attributes ?? sections.references),
                    message: `class \`${name}\` in \`${code.path}\` has no \`__init__\`, but the declaration has attributes or references`
                };
            }
        }
    }

    /** The declaration of an attribute, reference or input by name. */
    protected declaredItem(operation: Operation, section: 'attributes' | 'references' | 'inputs', name: string): AstNode | undefined {
        const sections = operationSections(operation);
        const items: Array<AstNode & { name: string }> = section === 'attributes' ? sections.attributes?.attributes ?? []
            : section === 'references' ? sections.references?.references ?? [] : sections.inputs?.ports ?? [];
        return items.find(item => item.name === name);
    }

    /** A section's keyword, or the operation's name when the section is absent. */
    protected sectionTrace(operation: Operation, section: OperationSection | undefined): Trace {
        if (section?.$cstNode) {
            const keyword = GrammarUtils.findNodeForKeyword(section.$cstNode, section.$type === 'AttributesSection' ? 'attributes'
                : section.$type === 'ReferencesSection' ? 'references' : section.$type === 'InputsSection' ? 'inputs' : 'outputs');
            if (keyword) return { uri: AstUtils.getDocument(operation).uri.toString(), range: keyword.range };
        }
        return this.trace(operation, 'name');
    }

    protected trace(node: AstNode, property?: string): Trace {
        const uri = AstUtils.getDocument(node).uri.toString();
        const cst = property && node.$cstNode ? GrammarUtils.findNodeForProperty(node.$cstNode, property) : node.$cstNode;
        return { uri, range: cst?.range ?? EMPTY };
    }
}

const EMPTY: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** `operations/train.py:12` — a 1-based line in the code file. */
function location(code: OperationCode, range: Range): string {
    return `${code.path}:${range.start.line + 1}`;
}

/** The empty range at the end of a text. */
function endOf(text: string): Range {
    const lines = text.split(/\r?\n/);
    const position = { line: lines.length - 1, character: lines[lines.length - 1].length };
    return { start: position, end: position };
}
