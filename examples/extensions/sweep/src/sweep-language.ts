import type { LangiumDocument } from 'langium';
import type { DomainLanguage } from 'deepforge-ts';
import { sweepCommand } from './commands/sweep-command.js';
import { SweepLanguageAstReflection, type SweepModel } from './generated/ast.js';
import { SweepLanguageGeneratedModule } from './generated/module.js';
import { SweepLspModule } from './lsp/sweep-lsp-module.js';
import { SweepModule, type SweepServices } from './sweep-module.js';
import { registerSweepValidationChecks } from './validation/sweep-validator.js';

/** The URIs a `.sweep` document imports (`import "../digits/digits.dfp"`). */
function importsOf(services: SweepServices, document: LangiumDocument) {
    const model = document.parseResult.value as SweepModel;
    return (model.imports ?? []).filter(i => i.path).map(i => services.references.PipelineIndex.resolveImport(document, i.path));
}

/**
 * `.sweep`: hyperparameter searches over the pipelines of `.dfp` files, registered like the
 * built-in languages. Its own AST reflection joins the core's; its references resolve into
 * `.dfp` documents through the shared index.
 */
export const SweepLanguage: DomainLanguage<SweepServices> = {
    id: 'sweep',
    title: 'Hyperparameter sweeps',
    fileExtensions: ['.sweep'],
    modules: [SweepLanguageGeneratedModule, SweepModule],
    lspModules: [SweepLspModule],
    astReflection: () => new SweepLanguageAstReflection(),
    onCreated: registerSweepValidationChecks,
    imports: importsOf,
    lower: (services, document) => services.lowering.Lowering.lower(document),
    get commands() {
        return [sweepCommand(SweepLanguage)];
    }
};
