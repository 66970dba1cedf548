/**
 * Module resolve hooks for extensions (registered by the extension loader with `module.register`,
 * from the compiled `out/languages/registry/extension-resolve-hooks.js`; they run on Node's loader
 * thread). An extension imports the core's API as the bare specifier `deepforge-ts` and Langium,
 * the language server protocol, `vscode-uri` and Chevrotain by their own names: all of them resolve
 * to the CORE's copies, so there is one Langium (one AST reflection, one service registry) in the
 * process and an extension needs no `npm install` of its own.
 */

/** What the loader passes to {@link initialize}. */
export interface ExtensionResolveData {
    /** File URL of the core's extension API module (`…/out/languages/registry/extension-api.js`). */
    readonly api: string;
    /** File URL of the core's `package.json`: shared packages resolve as if imported from there. */
    readonly core: string;
}

/** The packages an extension shares with the core (and their subpaths: `langium/lsp`). */
const SHARED = /^(?:langium|chevrotain|vscode-uri|vscode-jsonrpc|vscode-languageserver(?:-[a-z]+)?)(?:\/.*)?$/;

let data: ExtensionResolveData | undefined;

export function initialize(value: ExtensionResolveData): void {
    data = value;
}

interface ResolveContext {
    readonly parentURL?: string;
    readonly conditions: readonly string[];
    readonly importAttributes: Record<string, string>;
}
interface ResolveResult {
    readonly url: string;
    readonly format?: string | null;
    readonly shortCircuit?: boolean;
}
type NextResolve = (specifier: string, context?: Partial<ResolveContext>) => ResolveResult | Promise<ResolveResult>;

export async function resolve(specifier: string, context: ResolveContext, nextResolve: NextResolve): Promise<ResolveResult> {
    if (data) {
        if (specifier === 'deepforge-ts') return { url: data.api, format: 'module', shortCircuit: true };
        if (SHARED.test(specifier)) return nextResolve(specifier, { ...context, parentURL: data.core });
    }
    return nextResolve(specifier, context);
}
