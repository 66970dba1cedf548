import {
    isAttributesSection, isCodeSection, isEnvironmentSection, isInputsSection, isOutputsSection, isReferencesSection, isResourcesSection,
    type AttributesSection, type CodeSection, type EnvironmentSection, type InputsSection, type Operation, type OperationSection,
    type OutputsSection, type ReferencesSection, type ResourcesSection
} from '../generated/ast.js';

/** The sections of an operation declaration by kind (the first of each kind; duplicates are reported by the validator). */
export interface OperationSections {
    readonly attributes?: AttributesSection;
    readonly references?: ReferencesSection;
    readonly inputs?: InputsSection;
    readonly outputs?: OutputsSection;
    readonly code?: CodeSection;
    readonly environment?: EnvironmentSection;
    readonly resources?: ResourcesSection;
}

/** The sections of an operation, first of each kind. */
export function operationSections(operation: Operation): OperationSections {
    const find = <T extends OperationSection>(is: (s: unknown) => s is T): T | undefined => (operation.sections ?? []).find(is);
    return {
        attributes: find(isAttributesSection),
        references: find(isReferencesSection),
        inputs: find(isInputsSection),
        outputs: find(isOutputsSection),
        code: find(isCodeSection),
        environment: find(isEnvironmentSection),
        resources: find(isResourcesSection)
    };
}

/**
 * Whether an operation omits its interface: no `attributes`, `inputs` or `outputs` section.
 * Its interface is then inferred from the code (a `references` section may still say which
 * `__init__` parameters are references).
 */
export function omitsInterface(sections: OperationSections): boolean {
    return !sections.attributes && !sections.inputs && !sections.outputs;
}

/** The keyword a section starts with, for messages (`attributes`, `code`, …). */
export function sectionKeyword(section: OperationSection): string {
    switch (section.$type) {
        case 'AttributesSection': return 'attributes';
        case 'ReferencesSection': return 'references';
        case 'InputsSection': return 'inputs';
        case 'OutputsSection': return 'outputs';
        case 'CodeSection': return 'code';
        case 'EnvironmentSection': return 'environment';
        case 'ResourcesSection': return 'resources';
    }
}
