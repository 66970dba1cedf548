/**
 * `--set step.attr=value`: attribute values for one run, checked against the operation's
 * declared attribute types (and ranges, enum values) before anything runs.
 */
import type { AttributeType } from '../../metamodel/core/attribute-types.js';
import type { Value } from '../../metamodel/core/values.js';
import { JobGenerationError, type JobInput } from '../../generators/job/job-input.js';

export interface AttributeOverride {
    readonly step: string;
    readonly attribute: string;
    readonly text: string;
}

export function parseOverride(assignment: string): AttributeOverride {
    const match = /^([^.=]+)\.([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(assignment);
    if (!match) throw new JobGenerationError(`--set ${assignment}: expected STEP.ATTRIBUTE=VALUE (e.g. trained.epochs=2)`);
    return { step: match[1], attribute: match[2], text: match[3] };
}

function unquote(text: string): string | undefined {
    const match = /^(['"])(.*)\1$/s.exec(text.trim());
    return match ? match[2] : undefined;
}

function parseNumberList(text: string): number[] | undefined {
    const match = /^\s*[([]\s*(.*?)\s*,?\s*[)\]]\s*$/s.exec(text);
    if (!match) return undefined;
    if (match[1] === '') return [];
    const items = match[1].split(',').map(item => Number(item.trim()));
    return items.every(Number.isFinite) ? items : undefined;
}

/** The value `text` means for an attribute of type `type`, or a message why it cannot. */
export function parseAttributeValue(text: string, type: AttributeType): Value | string {
    const trimmed = text.trim();
    switch (type.kind) {
        case 'int': {
            const n = Number(trimmed);
            return /^[+-]?\d+$/.test(trimmed) && Number.isSafeInteger(n) ? { kind: 'int', value: n } : `expected an int, got ${JSON.stringify(text)}`;
        }
        case 'float': {
            const n = Number(trimmed);
            return trimmed !== '' && Number.isFinite(n) ? { kind: 'float', value: n } : `expected a float, got ${JSON.stringify(text)}`;
        }
        case 'bool':
            if (/^(true|True)$/.test(trimmed)) return { kind: 'bool', value: true };
            if (/^(false|False)$/.test(trimmed)) return { kind: 'bool', value: false };
            return `expected True or False, got ${JSON.stringify(text)}`;
        case 'string':
            return { kind: 'string', value: unquote(text) ?? text };
        case 'enum': {
            const value = unquote(text) ?? trimmed;
            const found = type.values.find(v => type.ignoreCase ? v.toLowerCase() === value.toLowerCase() : v === value);
            return found !== undefined ? { kind: 'string', value } : `expected one of ${type.values.map(v => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(value)}`;
        }
        case 'tuple':
        case 'shape':
        case 'list': {
            const items = parseNumberList(trimmed);
            if (!items) return `expected a tuple like (1, 2), got ${JSON.stringify(text)}`;
            const values: Value[] = items.map(n => Number.isInteger(n) ? { kind: 'int', value: n } : { kind: 'float', value: n });
            return type.kind === 'list' ? { kind: 'list', items: values } : { kind: 'tuple', items: values };
        }
        case 'optional':
            return trimmed === 'None' ? { kind: 'none' } : parseAttributeValue(text, type.of);
        case 'union': {
            for (const option of type.options) {
                const value = parseAttributeValue(text, option);
                if (typeof value !== 'string') return value;
            }
            return `${JSON.stringify(text)} fits none of the attribute's types`;
        }
        default: {
            if (trimmed === 'None') return { kind: 'none' };
            if (/^(True|False|true|false)$/.test(trimmed)) return { kind: 'bool', value: /^t/i.test(trimmed) };
            if (/^[+-]?\d+$/.test(trimmed)) return { kind: 'int', value: Number(trimmed) };
            if (trimmed !== '' && Number.isFinite(Number(trimmed))) return { kind: 'float', value: Number(trimmed) };
            return { kind: 'string', value: unquote(text) ?? text };
        }
    }
}

/** The job input with the overrides applied; throws JobGenerationError naming the bad one. */
export function applyOverrides(input: JobInput, overrides: readonly AttributeOverride[]): JobInput {
    if (overrides.length === 0) return input;
    const steps = input.steps.map(step => ({ ...step, attributes: [...step.attributes] }));
    for (const override of overrides) {
        const shown = `--set ${override.step}.${override.attribute}=${override.text}`;
        const step = steps.find(s => s.id === override.step || s.name === override.step);
        if (!step) throw new JobGenerationError(`${shown}: no step \`${override.step}\` (steps: ${steps.map(s => s.name ?? s.id).join(', ')})`);
        const spec = input.operations.get(step.operation)?.spec;
        const attribute = spec?.attributes.find(a => a.name === override.attribute);
        if (!spec || !attribute) {
            throw new JobGenerationError(`${shown}: \`${step.operation}\` has no attribute \`${override.attribute}\`` +
                (spec?.attributes.length ? ` (it has ${spec.attributes.map(a => a.name).join(', ')})` : ' (it has none)'));
        }
        const value = parseAttributeValue(override.text, attribute.type);
        if (typeof value === 'string') throw new JobGenerationError(`${shown}: ${value}`);
        if ((value.kind === 'int' || value.kind === 'float') && ((attribute.min !== undefined && value.value < attribute.min) || (attribute.max !== undefined && value.value > attribute.max))) {
            throw new JobGenerationError(`${shown}: ${value.value} is outside ${attribute.min ?? ''}..${attribute.max ?? ''}`);
        }
        const at = step.attributes.findIndex(a => a.name === override.attribute);
        if (at >= 0) step.attributes[at] = { name: override.attribute, value };
        else {
            // Keep the operation's declaration order.
            step.attributes.push({ name: override.attribute, value });
            const order = new Map(spec.attributes.map((a, i) => [a.name, i]));
            step.attributes.sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
        }
    }
    return { ...input, steps };
}
