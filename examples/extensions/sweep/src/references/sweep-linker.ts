import { AstUtils, DefaultLinker, type AstNodeDescription, type LinkingError, type ReferenceInfo } from 'langium';
import { didYouMean } from 'deepforge-ts';
import { isObjective, isParameter, isSweep } from '../generated/ast.js';
import type { SweepServices } from '../sweep-module.js';
import type { PipelineIndex } from './pipeline-index.js';
import type { SweepScopeProvider } from './sweep-scope-provider.js';

/** Langium's linker with messages that say what is missing, where to look and what was probably meant. */
export class SweepLinker extends DefaultLinker {
    protected readonly pipelineIndex: PipelineIndex;
    protected readonly sweepScopes: SweepScopeProvider;

    constructor(services: SweepServices) {
        super(services);
        this.pipelineIndex = services.references.PipelineIndex;
        this.sweepScopes = services.references.ScopeProvider as SweepScopeProvider;
    }

    protected override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const { container, reference } = refInfo;
        const name = reference.$refText;
        const suggest = (names: string[]) => {
            const guess = didYouMean(name, names);
            return guess ? `: did you mean \`${guess}\`?` : names.length ? ` (known: ${names.slice(0, 8).map(n => `\`${n}\``).join(', ')}${names.length > 8 ? ', …' : ''})` : '';
        };
        if (isSweep(container)) {
            const names = this.pipelineIndex.pipelines(AstUtils.getDocument(container)).map(d => d.name);
            const where = names.length ? 'in the workspace' : 'in the workspace (no .dfp file declares a pipeline: import one with `import "….dfp"`)';
            return { info: refInfo, message: `no pipeline \`${name}\` ${where}${suggest(names)}`, targetDescription };
        }
        if (isParameter(container) || isObjective(container)) {
            const sweep = container.$container;
            const names = this.sweepScopes.stepDescriptions(sweep).map(d => d.name);
            const pipeline = sweep.pipeline?.$refText;
            return { info: refInfo, message: `pipeline \`${pipeline}\` has no step \`${name}\`${suggest(names)}`, targetDescription };
        }
        return { info: refInfo, message: `cannot resolve \`${name}\``, targetDescription };
    }
}
