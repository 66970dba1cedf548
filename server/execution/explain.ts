/**
 * `deepforge run --explain`: for each step, whether it will run or be reused, and why — by
 * comparing its cache key parts with the latest earlier run of the same step.
 */
import * as path from 'node:path';
import type { ManifestValue } from '../../generators/job/python-values.js';
import { cacheKeyOf, catalogueArtifacts, createContext, findCached, prepareBundle, resolveInputArtifacts, stepEnvironment, type CatalogueArtifact, type RunOptions } from './engine.js';
import type { ExecutionRecord, StepRecord } from './store.js';

export interface StepExplanation {
    readonly step: string;
    readonly operation: string;
    readonly decision: 'run' | 'reuse';
    readonly reason: string;
    readonly from?: { readonly execution: string; readonly step: string };
}

/** A manifest value as Python would write it: 2, "adam", (3, 3), None. */
export function showValue(value: ManifestValue | undefined): string {
    if (value === undefined) return '(unset)';
    if (value === null) return 'None';
    if (typeof value === 'boolean') return value ? 'True' : 'False';
    if (Array.isArray(value)) return `[${value.map(showValue).join(', ')}]`;
    if (typeof value === 'object') {
        if ('tuple' in value) return `(${value.tuple.map(showValue).join(', ')}${value.tuple.length === 1 ? ',' : ''})`;
        return String(value.float);
    }
    return JSON.stringify(value);
}
const show = showValue;

/**
 * What changed between an earlier run of a step and now (attributes named). `fileInput`: the
 * file an `Input` step reads from a catalogue, said for its `artifact` input when it changed.
 */
function differences(earlier: StepRecord, now: { hashes: StepRecord['hashes']; attributes: Record<string, ManifestValue>; inputs: Record<string, string> }, envChanged: boolean, fileInput?: string): string[] {
    const changes: string[] = [];
    if (earlier.hashes.code !== now.hashes.code) changes.push('its operation code changed');
    if (earlier.hashes.attributes !== now.hashes.attributes) {
        const names = new Set([...Object.keys(earlier.attributes), ...Object.keys(now.attributes)]);
        const changed = [...names].filter(n => JSON.stringify(earlier.attributes[n]) !== JSON.stringify(now.attributes[n]))
            .map(n => `${n} ${show(earlier.attributes[n])} → ${show(now.attributes[n])}`);
        changes.push(`attributes changed (${changed.join(', ') || 'values'})`);
    }
    if (earlier.hashes.references !== now.hashes.references) changes.push('a referenced network changed');
    if (earlier.hashes.environment !== now.hashes.environment) changes.push('its environment file changed');
    if (earlier.hashes.runtime !== now.hashes.runtime) changes.push('the DeepForge runtime changed');
    let ports = Object.keys(now.inputs).filter(port => earlier.inputs[port] !== now.inputs[port]);
    if (fileInput !== undefined && ports.includes('artifact')) {
        changes.push(`the content of \`${fileInput}\` changed`);
        ports = ports.filter(port => port !== 'artifact');
    }
    if (ports.length) changes.push(`input${ports.length > 1 ? 's' : ''} ${ports.map(p => `\`${p}\``).join(', ')} changed`);
    if (changes.length === 0 && earlier.hashes.definition !== now.hashes.definition) changes.push('its wiring changed');
    if (changes.length === 0 && envChanged) changes.push('the Python or its environment changed');
    return changes;
}

/** How an explanation names the file of a catalogue entry a step reads: `reads data/digits.npz (dataset \`digits\` in catalogue.dfcat)`. */
function readsFile(project: string, artifact: CatalogueArtifact): { file: string; reads: string } {
    const file = path.relative(project, artifact.input.file);
    return { file, reads: `reads \`${file}\` (dataset \`${artifact.input.entry}\` in ${path.relative(project, artifact.input.catalogue)})` };
}

/**
 * `deepforge run --explain`: what {@link runPipeline} would do with each step, by the same cache
 * keys. An `Input` step reading a catalogue entry is keyed with the entry's file as the run will
 * store it ({@link catalogueArtifacts}), whatever the store holds now; one given another artifact
 * (`--input STEP=ARTIFACT`) reads that artifact, and its entry's file is not read.
 */
export async function explainRun(options: RunOptions): Promise<StepExplanation[]> {
    const given = options.inputs ?? {};
    const bundle = await prepareBundle(options.file, options.pipeline, options.set, options, Object.keys(given));
    const manifest = bundle.manifest;
    const ctx = createContext(options, {}, stepEnvironment(bundle, options.env ?? process.env));
    const catalogue = new Map(catalogueArtifacts(ctx.store, options.project, manifest, bundle.catalogueInputs, given).map(artifact => [artifact.step, artifact]));
    const artifacts = resolveInputArtifacts(ctx.store, manifest, given, new Set(catalogue.keys()));
    const cache = options.cache ?? true;
    const history: ExecutionRecord[] = ctx.store.listExecutions().filter(e => e.pipeline === manifest.pipeline).reverse();
    /** Output hashes of steps whose results are known (reused); undefined: the step runs. */
    const known = new Map<string, Record<string, string> | undefined>();
    const result: StepExplanation[] = [];
    for (const step of manifest.steps) {
        const catalogueFile = catalogue.has(step.id) ? readsFile(options.project, catalogue.get(step.id)!) : undefined;
        const explain = (decision: StepExplanation['decision'], reason: string, from?: StepExplanation['from']) => {
            if (catalogueFile) reason = `${catalogueFile.reads}: ${reason}`;
            result.push({ step: step.id, operation: step.operation, decision, reason, ...(from ? { from } : {}) });
        };
        const inputs: Record<string, string> = {};
        let blocked: string | undefined;
        if (step.kind === 'input') inputs.artifact = catalogue.get(step.id)?.sha256 ?? artifacts.get(step.id)!.sha256;
        for (const input of step.inputs) {
            const outputs = known.get(input.from.step);
            if (!outputs) {
                blocked ??= `its input \`${input.port}\` comes from \`${input.from.step}\`, which runs`;
                continue;
            }
            inputs[input.port] = outputs[input.from.port];
        }
        const earlier = history.map(e => ({ execution: e, step: e.steps[step.id] })).find(h => h.step && h.step.status !== 'pending' && h.step.status !== 'cancelled');
        if (blocked) {
            known.set(step.id, undefined);
            explain('run', blocked);
            continue;
        }
        const key = cacheKeyOf(step.hashes.definition, inputs, ctx.envHash);
        const hit = await findCached(ctx.store, ctx.storage, key);
        if (hit && cache) {
            known.set(step.id, Object.fromEntries(Object.entries(hit.earlier.outputs).map(([port, o]) => [port, o.sha256])));
            const from = hit.earlier.cachedFrom ?? { execution: hit.entry.execution, step: hit.entry.step };
            explain('reuse', catalogueFile
                ? `its content is unchanged since \`${from.step}\` in ${from.execution}`
                : `same code, attributes, networks, environment and inputs as \`${from.step}\` in ${from.execution}`, from);
            continue;
        }
        known.set(step.id, undefined);
        if (!cache) {
            explain('run', '--no-cache');
        } else if (!earlier) {
            explain('run', 'it has not run before');
        } else {
            const envChanged = earlier.step.cacheKey !== undefined && earlier.step.cacheKey !== key && earlier.step.hashes.definition === step.hashes.definition &&
                JSON.stringify(Object.entries(earlier.step.inputs).sort()) === JSON.stringify(Object.entries(inputs).sort());
            const changes = differences(earlier.step, { hashes: step.hashes, attributes: step.attributes as Record<string, ManifestValue>, inputs }, envChanged, catalogueFile?.file);
            if (earlier.step.status === 'failed' && changes.length === 0) explain('run', `it failed in ${earlier.execution.name} (failures are never cached)`);
            else if (changes.length === 0) explain('run', `its results from ${earlier.execution.name} are no longer stored`);
            else explain('run', `since ${earlier.execution.name}: ${changes.join('; ')}`);
        }
    }
    return result;
}
