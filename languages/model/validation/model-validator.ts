import { AstUtils, type LangiumDocuments, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { Diagnostic } from '../../../metamodel/core/index.js';
import type { DeepForgeAstType, ModelDocument } from '../../generated/ast.js';
import type { ModelLowering } from '../lowering/model-lowering.js';
import type { ModelServices } from '../model-module.js';
import type { ModelImportResolver } from '../references/model-import-resolver.js';

/** Registers the checks of a model document (all `fast`: they run on every edit). */
export function registerModelValidationChecks(services: ModelServices): void {
    const validator = services.model.Validator;
    const checks: ValidationChecks<DeepForgeAstType> = {
        ModelDocument: [validator.checkImports, validator.checkModel]
    };
    services.validation.ValidationRegistry.register(checks, validator, 'fast');
}

/** The validator of model documents. Check methods are arrow properties, so they can be registered unbound. */
export class ModelValidator {
    protected readonly lowering: ModelLowering;
    protected readonly imports: ModelImportResolver;
    protected readonly documents: LangiumDocuments;
    protected readonly extensions: readonly string[];

    constructor(services: ModelServices) {
        this.lowering = services.model.Lowering;
        this.imports = services.model.ImportResolver;
        this.documents = services.shared.workspace.LangiumDocuments;
        this.extensions = services.LanguageMetaData.fileExtensions;
    }

    /** Everything the lowering and the metamodel checks find. */
    checkModel = (model: ModelDocument, accept: ValidationAcceptor): void => {
        const document = AstUtils.getDocument(model);
        for (const diagnostic of this.lowering.lower(document).diagnostics) this.report(diagnostic, model, accept);
    };

    /** Imports name an existing, loaded file of the same language other than this one. */
    checkImports = (model: ModelDocument, accept: ValidationAcceptor): void => {
        const document = AstUtils.getDocument(model);
        const seen = new Set<string>();
        for (const node of model.imports) {
            if (!node.path) continue;
            const uri = this.imports.resolve(node);
            const key = uri.toString();
            const extension = /\.[^./]*$/.exec(node.path)?.[0] ?? '';
            if (!this.extensions.includes(extension)) {
                accept('error', `cannot import \`${node.path}\`: this file imports ${this.extensions.join(', ')} files`, { node, property: 'path', code: 'import' });
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

    protected report(diagnostic: Diagnostic, model: ModelDocument, accept: ValidationAcceptor): void {
        const fixes = diagnostic.fixes?.map(f => ({ title: f.title, uri: f.trace.uri, range: f.trace.range, newText: f.newText }));
        accept(diagnostic.severity, diagnostic.message, {
            node: model, range: diagnostic.trace.range, code: diagnostic.code, data: fixes ? { fixes } : undefined
        });
    }
}
