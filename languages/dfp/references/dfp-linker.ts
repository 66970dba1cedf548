import { AstUtils, type ReferenceInfo } from 'langium';
import { SuggestingLinker } from '../../common/suggesting-linker.js';
import { isNameExpression, isPipeline, isStep, isStepInput } from '../../generated/ast.js';
import type { DfpServices } from '../dfp-module.js';

/**
 * The linker of `.dfp`: Langium's, with messages that say what was expected and suggest the
 * closest name — "unknown operation `TrainCifr` — did you mean `TrainCifar`?" rather than a
 * generic "Could not resolve reference".
 */
export class DfpLinker extends SuggestingLinker {
    constructor(services: DfpServices) {
        super(services);
    }

    /** The message for a name that resolves to nothing. */
    protected override unresolvedMessage(refInfo: ReferenceInfo): string | undefined {
        const name = refInfo.reference.$refText;
        const { container } = refInfo;
        const suggestion = this.suggest(refInfo);
        const hint = suggestion ? ` — did you mean \`${suggestion}\`?` : '';
        if (isStep(container)) return `unknown operation \`${name}\`${hint}`;
        if (isStepInput(container)) {
            const pipeline = AstUtils.getContainerOfType(container, isPipeline);
            return `unknown step \`${name}\`${pipeline ? ` in pipeline \`${pipeline.name}\`` : ''}${hint}`;
        }
        if (isNameExpression(container)) {
            const pipeline = AstUtils.getContainerOfType(container, isPipeline);
            if (pipeline?.steps.some(step => step.name === name)) {
                return `\`${name}\` is a step, not a value: steps feed inputs in the second group, e.g. \`(images=${name}.output)\``;
            }
            return `undefined name \`${name}\`` + (hint || ': no network, block, operation or pipeline of that name in this file or the files it imports');
        }
        return undefined;
    }
}
