import { AstUtils, DefaultScopeProvider, EMPTY_SCOPE, MapScope, type AstNodeDescription, type ReferenceInfo, type Scope } from 'langium';
import { isObjective, isParameter, isSweep, type Sweep } from '../generated/ast.js';
import type { SweepServices } from '../sweep-module.js';
import { isPipelineNode, type PipelineIndex } from './pipeline-index.js';

/**
 * Scoping of `.sweep` references, into `.dfp` documents: the pipeline of `sweep s over P` is
 * any pipeline of the workspace (imported files first); the step of `trained.epochs` and of
 * `objective maximize trained.loss` is a named step of that pipeline.
 */
export class SweepScopeProvider extends DefaultScopeProvider {
    protected readonly pipelineIndex: PipelineIndex;

    constructor(services: SweepServices) {
        super(services);
        this.pipelineIndex = services.references.PipelineIndex;
    }

    override getScope(context: ReferenceInfo): Scope {
        const { container, property } = context;
        if (isSweep(container) && property === 'pipeline') {
            return new MapScope(this.pipelineIndex.pipelines(AstUtils.getDocument(container)));
        }
        if ((isParameter(container) || isObjective(container)) && property === 'step') {
            return new MapScope(this.stepDescriptions(container.$container));
        }
        return EMPTY_SCOPE;
    }

    /** The named steps of the sweep's pipeline (none while the pipeline is unresolved). */
    stepDescriptions(sweep: Sweep): AstNodeDescription[] {
        const pipeline: unknown = sweep.pipeline?.ref;
        if (!isPipelineNode(pipeline)) return [];
        const document = AstUtils.getDocument(pipeline);
        return this.pipelineIndex.steps(pipeline).map(step => this.descriptions.createDescription(step, step.name!, document));
    }
}
