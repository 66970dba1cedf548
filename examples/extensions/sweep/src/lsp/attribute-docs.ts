import { describeType, type OperationAttributeSpec, type OperationSpec } from 'deepforge-ts';

/** `epochs: int = 10 [1..1000]`: an attribute as `.dfp` declares it. */
export function attributeSignature(attribute: OperationAttributeSpec): string {
    const range = attribute.min !== undefined || attribute.max !== undefined ? ` [${attribute.min ?? ''}..${attribute.max ?? ''}]` : '';
    const value = attribute.default === undefined ? '' : ` = ${JSON.stringify(attribute.default)}`;
    return `${attribute.name}: ${describeType(attribute.type)}${value}${range}`;
}

/** Markdown for an attribute of a step's operation. */
export function attributeHover(step: string, spec: OperationSpec, attribute: OperationAttributeSpec): string {
    const lines = ['```python', attributeSignature(attribute), '```', '', `attribute of \`${spec.name}\` (step \`${step}\`)${attribute.required ? ', required' : ''}`];
    if (attribute.doc) lines.push('', attribute.doc);
    return lines.join('\n');
}

/** Markdown for a step: its operation and the attributes a sweep may vary. */
export function stepHover(step: string, spec: OperationSpec | undefined, pipeline: string): string {
    const lines = ['```python', `${step} = ${spec?.name ?? '?'}(…)`, '```', '', `step of pipeline \`${pipeline}\``];
    if (spec?.doc) lines.push('', spec.doc);
    if (spec && spec.attributes.length > 0) {
        lines.push('', 'attributes:', '', ...spec.attributes.map(a => `- \`${attributeSignature(a)}\``));
    } else if (spec) {
        lines.push('', `\`${spec.name}\` has no attributes to sweep`);
    }
    return lines.join('\n');
}
