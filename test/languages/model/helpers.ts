import { EmptyFileSystem, inject, URI, type LangiumDocument, type Module } from 'langium';
import { createDefaultModule, createDefaultSharedModule, type LangiumSharedServices, type PartialLangiumServices } from 'langium/lsp';
import { fileURLToPath } from 'node:url';
import { readMetamodelFile } from '../../../metamodel/core/index.js';
import { DeepForgeGeneratedSharedModule } from '../../../languages/generated/module.js';
import { createGenericLanguage, type ModelServices } from '../../../languages/model/index.js';
import type { DomainLanguage } from '../../../languages/registry/domain-language.js';

/** The example data-only extension's folder and metamodel. */
export const datasetsFolder = fileURLToPath(new URL('../../../examples/extensions/datasets/', import.meta.url));
export const catalogueMetamodel = readMetamodelFile(`${datasetsFolder}catalogue.metamodel.json`);

/** The `.dfcat` language of the example extension, as its package.json declares it. */
export const catalogueLanguage: DomainLanguage<ModelServices> = createGenericLanguage({
    id: 'dfcat', title: 'Dataset catalogue', fileExtensions: ['.dfcat'], metamodel: catalogueMetamodel
});

/**
 * The services of a data-only language, injected the way the registry does it: Langium's defaults,
 * the language's modules, its `LanguageMetaData`, then the editor modules.
 */
export function createLanguageServices(language: DomainLanguage<ModelServices>, shared?: LangiumSharedServices): ModelServices {
    shared ??= inject(createDefaultSharedModule(EmptyFileSystem), DeepForgeGeneratedSharedModule);
    const metaData: Module<ModelServices, PartialLangiumServices> = {
        LanguageMetaData: () => ({ languageId: language.id, fileExtensions: [...language.fileExtensions], caseInsensitive: false, mode: 'development' })
    };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const modules = [createDefaultModule({ shared }), ...language.modules, metaData, ...(language.lspModules ?? [])] as Array<Module<any, any>>;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const services = (inject as (...modules: Array<Module<any, any>>) => ModelServices)(...modules);
    shared.ServiceRegistry.register(services);
    language.onCreated?.(services);
    return services;
}

let services: ModelServices | undefined;
let counter = 0;

/** One set of `.dfcat` services, shared by a test file. */
export function catalogueServices(): ModelServices {
    return (services ??= createLanguageServices(catalogueLanguage));
}

/** Builds `.dfcat` files (name → text) together, with validation, in a fresh in-memory folder. */
export async function buildCatalogues(files: Record<string, string>): Promise<Record<string, LangiumDocument>> {
    const s = catalogueServices();
    const folder = `file:///dfcat-test${++counter}`;
    const documents: Record<string, LangiumDocument> = {};
    for (const [name, text] of Object.entries(files)) {
        documents[name] = s.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`${folder}/${name}`));
        s.shared.workspace.LangiumDocuments.addDocument(documents[name]);
    }
    await s.shared.workspace.DocumentBuilder.build(Object.values(documents), { validation: true });
    return documents;
}

/** Builds one `.dfcat` document. */
export async function buildCatalogue(text: string): Promise<LangiumDocument> {
    return (await buildCatalogues({ 'test.dfcat': text }))['test.dfcat'];
}

/** A document's diagnostics as `line:col-line:col message` (one-based lines, zero-based columns as in the LSP). */
export function diagnosticsOf(document: LangiumDocument): string[] {
    return (document.diagnostics ?? []).map(d =>
        `${d.range.start.line + 1}:${d.range.start.character}-${d.range.end.line + 1}:${d.range.end.character} ${d.message}`);
}
