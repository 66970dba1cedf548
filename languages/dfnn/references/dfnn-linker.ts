import { AstUtils, Cancellation, interruptAndCheck, type LangiumDocument, type ReferenceInfo } from 'langium';
import type { NetworkDomain } from '../../../metamodel/core/index.js';
import { SuggestingLinker } from '../../common/suggesting-linker.js';
import { isLayerStatement, isNameExpression, isSharedLayer } from '../../generated/ast.js';
import type { DfnnServices } from '../dfnn-module.js';
import { forEachReference } from './ast-walk.js';
import { isGraphContainer } from './dfnn-scope-provider.js';

/**
 * The linker of `.dfnn`: Langium's, with messages that say what was expected and suggest the
 * closest name — "unknown layer type `Dens` — did you mean `Dense`?" instead of a generic
 * "Could not resolve reference". It finds the references without Langium's per-node streams
 * ({@link forEachReference}), in the same order.
 */
export class DfnnLinker extends SuggestingLinker {
    protected readonly domain: NetworkDomain;

    constructor(services: DfnnServices) {
        super(services);
        this.domain = services.domain.NetworkDomain;
    }

    override async link(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('linking')) return super.link(document, cancelToken);
        const references: ReferenceInfo[] = [];
        forEachReference(document.parseResult.value, info => references.push(info));
        for (const info of references) {
            await interruptAndCheck(cancelToken);
            this.doLink(info, document);
        }
    }

    /** The message for a name that resolves to nothing. */
    protected override unresolvedMessage(refInfo: ReferenceInfo): string | undefined {
        const name = refInfo.reference.$refText;
        const { container } = refInfo;
        if (isLayerStatement(container) || isSharedLayer(container)) {
            const explanation = this.domain.explainUnknownType(name);
            if (explanation) return `unknown layer type \`${name}\`: ${explanation}`;
            const suggestion = this.suggest(refInfo);
            return `unknown layer type \`${name}\`` + (suggestion ? ` — did you mean \`${suggestion}\`?` : '');
        }
        if (isNameExpression(container)) {
            const graph = AstUtils.getContainerOfType(container, isGraphContainer);
            const where = graph ? ` in ${graph.$type === 'Block' ? 'block' : 'network'} \`${graph.name}\`` : '';
            const suggestion = this.suggest(refInfo);
            return `undefined name \`${name}\`${where}` + (suggestion ? ` — did you mean \`${suggestion}\`?` : '');
        }
        return undefined;
    }
}
