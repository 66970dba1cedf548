import { didYouMean, formatValue, kindName } from '../../../metamodel/core/index.js';
import { isResourceKey, RESOURCE_KEYS, resourceValueProblem, type OperationResources } from '../../../metamodel/pipeline/index.js';
import type { TraceFactory } from '../../dfnn/lowering/traces.js';
import type { ResourceEntry, ResourcesSection } from '../../generated/ast.js';
import { expressionValue } from './values.js';

/** A problem of one `resources` entry: where (its name or its value) and what. */
export interface ResourceProblem {
    readonly entry: ResourceEntry;
    readonly property: 'name' | 'value';
    readonly code: 'unknown-resource' | 'duplicate-name' | 'type-mismatch';
    readonly message: string;
    /** For an unknown key: the known key it is probably a typo of. */
    readonly suggestion?: string;
}

/**
 * A `resources { … }` section as plain data: the valid entries (the first of a key), and the
 * problems of the others (unknown key, duplicate, wrong type or format). Shared by the lowering
 * (the operation spec gets the valid ones) and the validator (reports the problems).
 */
export function lowerResources(section: ResourcesSection, traces: TraceFactory): { resources: OperationResources; problems: ResourceProblem[] } {
    const resources: Record<string, unknown> = {};
    const problems: ResourceProblem[] = [];
    const seen = new Set<string>();
    for (const entry of section.entries ?? []) {
        if (!entry.name) continue;
        if (!isResourceKey(entry.name)) {
            const known = Object.keys(RESOURCE_KEYS);
            const suggestion = didYouMean(entry.name, known);
            problems.push({
                entry, property: 'name', code: 'unknown-resource', suggestion,
                message: `unknown resource \`${entry.name}\`` + (suggestion ? ` — did you mean \`${suggestion}\`?` : ` (one of ${known.map(k => `\`${k}\``).join(', ')})`)
            });
            continue;
        }
        if (seen.has(entry.name)) {
            problems.push({ entry, property: 'name', code: 'duplicate-name', message: `\`${entry.name}\` is given twice in \`resources\`` });
            continue;
        }
        seen.add(entry.name);
        const value = expressionValue(entry.value, traces);
        // `4.0` is a float even though its number is whole: resources counts are written as ints.
        const js = value.kind === 'int' || value.kind === 'string' ? value.value : value.kind === 'float' ? Number.NaN : undefined;
        // A missing value is a parse error already.
        const problem = entry.value ? resourceValueProblem(entry.name, js) : undefined;
        if (problem) {
            const shown = value.kind === 'int' || value.kind === 'string' ? '' : ` (got ${kindName(value)} \`${formatValue(value)}\`)`;
            problems.push({ entry, property: 'value', code: 'type-mismatch', message: problem + shown });
            continue;
        }
        if (js !== undefined) resources[entry.name] = js;
    }
    return { resources: resources as OperationResources, problems };
}
