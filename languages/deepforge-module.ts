import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext, type LangiumSharedServices,
    type PartialLangiumServices, type PartialLangiumSharedServices
} from 'langium/lsp';
import { createDfnnModule, type DfnnModuleOptions, type DfnnServices } from './dfnn/dfnn-module.js';
import { registerDfnnValidationChecks } from './dfnn/validation/dfnn-validator.js';
import { createDfpModule, type DfpServices } from './dfp/dfp-module.js';
import { registerDfpValidationChecks } from './dfp/validation/dfp-validator.js';
import { DeepForgeGeneratedSharedModule, DfnnGeneratedModule, DfpGeneratedModule } from './generated/module.js';
import { DeepForgeWorkspaceManager } from './workspace/deepforge-workspace-manager.js';

/** The services shared by the DeepForge languages. */
export const DeepForgeSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        WorkspaceManager: (services) => new DeepForgeWorkspaceManager(services)
    }
};

/** The service containers of the DeepForge languages. */
export interface DeepForgeServices {
    readonly shared: LangiumSharedServices;
    readonly dfnn: DfnnServices;
    readonly dfp: DfpServices;
}

/** Options of {@link createDeepForgeServices}. */
export interface DeepForgeServicesOptions {
    readonly dfnn?: DfnnModuleOptions;
    /**
     * Further modules injected last (they override the defaults): e.g. the language server's
     * feature providers (`server/lsp`), which the command line does not need.
     */
    readonly modules?: {
        readonly shared?: Module<LangiumSharedServices, PartialLangiumSharedServices>;
        readonly dfnn?: Module<DfnnServices, PartialLangiumServices>;
        readonly dfp?: Module<DfpServices, PartialLangiumServices>;
    };
}

/**
 * Creates the DeepForge services: the shared ones and one container per language
 * (`.dfnn` networks, `.dfp` pipelines), registered the same way. Pass `NodeFileSystem` (from
 * `langium/node`) to read files, `EmptyFileSystem` (from `langium`) for in-memory use.
 */
export function createDeepForgeServices(context: DefaultSharedModuleContext, options: DeepForgeServicesOptions = {}): DeepForgeServices {
    const shared = inject(
        createDefaultSharedModule(context),
        DeepForgeGeneratedSharedModule,
        DeepForgeSharedModule,
        options.modules?.shared ?? {}
    );
    const dfnn = inject(
        createDefaultModule({ shared }),
        DfnnGeneratedModule,
        createDfnnModule(options.dfnn),
        options.modules?.dfnn ?? {}
    );
    shared.ServiceRegistry.register(dfnn);
    registerDfnnValidationChecks(dfnn);
    const dfp = inject(
        createDefaultModule({ shared }),
        DfpGeneratedModule,
        createDfpModule(),
        options.modules?.dfp ?? {}
    );
    shared.ServiceRegistry.register(dfp);
    registerDfpValidationChecks(dfp);
    return { shared, dfnn, dfp };
}
