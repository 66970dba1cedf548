import { AstUtils, DefaultLinker, type AstNodeDescription, type LinkingError, type ReferenceInfo } from 'langium';
import { didYouMean } from '../../../metamodel/core/index.js';
import { isNameExpression, isPipeline, isStep, isStepInput } from '../../generated/ast.js';
import type { DfpServices } from '../dfp-module.js';

/**
 * The linker of `.dfp`: Langium's, with messages that say what was expected and suggest the
 * closest name — "unknown operation `TrainCifr` — did you mean `TrainCifar`?" rather than a
 * generic "Could not resolve reference".
 */
export class DfpLinker extends DefaultLinker {
    constructor(services: DfpServices) {
        super(services);
    }

    protected override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const error = super.createLinkingError(refInfo, targetDescription);
        if (targetDescription) return error;
        const message = this.unresolvedMessage(refInfo);
        return message ? { ...error, message } : error;
    }

    /** The message for a name that resolves to nothing. */
    protected unresolvedMessage(refInfo: ReferenceInfo): string | undefined {
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

    /** The closest visible name, if it is a plausible typo. */
    protected suggest(refInfo: ReferenceInfo): string | undefined {
        if (refInfo.reference.$refText.length < 3) return undefined;
        const names = this.scopeProvider.getScope(refInfo).getAllElements().map(d => d.name).toArray();
        return didYouMean(refInfo.reference.$refText, names);
    }
}
