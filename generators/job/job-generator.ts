import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { INPUT_OPERATION, OUTPUT_OPERATION, type OperationResources, type OperationSpec } from '../../metamodel/pipeline/index.js';
import { isPythonIdentifier, pythonIdentifier, pythonLiteral, pythonString, snakeCase, type PyExpr } from '../keras/helpers/python-literal.js';
import { templatePath } from '../templates.js';
import { JobGenerationError, type JobInput, type JobStep } from './job-input.js';
import { canonicalJson, manifestValue, pythonValue, type ManifestValue } from './python-values.js';
import { checkFileName, checkSafeRelativePath } from './safe-paths.js';

/** `format` of a job manifest. */
export const MANIFEST_FORMAT = 'deepforge-job';
/** The manifest schema's version (bumped on incompatible changes). */
export const MANIFEST_VERSION = 1;
/** The runtime package's protocol version (`deepforge.__version__`). */
export const RUNTIME_VERSION = '1';

/** The files of the Python runtime package, copied from `templates/runtime/deepforge/`. */
export const RUNTIME_FILES = ['__init__.py', 'events.py', 'figures.py', 'paths.py', 'runtime.py', 'run_step.py', 's3.py', 'serialization.py', 'PROTOCOL.md'] as const;

/** A content hash as the manifest writes it: `sha256:<hex>`. */
export type ContentHash = `sha256:${string}`;

export interface ManifestReference {
    readonly kind: string;
    readonly target: string;
    /** The generated module, as a bundle path and as an import path, and the function that builds the model. */
    readonly file: string;
    readonly module: string;
    readonly function: string;
    readonly sha256: ContentHash;
}

export interface ManifestStepHashes {
    /** The operation's code (copied file); `null` for built-ins. */
    readonly code: ContentHash | null;
    /** The canonical JSON of the attributes (built-ins: `artifact` / `save_name`). */
    readonly attributes: ContentHash;
    /** The generated source of each referenced network, by reference name (canonical JSON). */
    readonly references: ContentHash;
    readonly environment: ContentHash | null;
    readonly runtime: ContentHash;
    /**
     * All of the above with the operation, class, input ports and outputs: what the step does,
     * short of its inputs' contents (which the engine adds to make a cache key).
     */
    readonly definition: ContentHash;
}

export interface ManifestStep {
    readonly id: string;
    /** `null` for unnamed steps. */
    readonly name: string | null;
    /** Its variable in `main.py` (also accepted by `run_step`). */
    readonly python_name: string;
    readonly operation: string;
    readonly kind: 'operation' | 'input' | 'output';
    /** Operation steps: the copied code, its import path, the class. */
    readonly code?: string;
    readonly module?: string;
    readonly class?: string;
    /** The paths as written in the `.dfp` file (relative to it), for messages. */
    readonly declared?: { readonly code?: string; readonly environment?: string };
    readonly attributes: Readonly<Record<string, ManifestValue>>;
    readonly references: Readonly<Record<string, ManifestReference>>;
    /** Connected inputs, in the operation's order. */
    readonly inputs: ReadonlyArray<{ readonly port: string; readonly from: { readonly step: string; readonly port: string } }>;
    readonly outputs: readonly string[];
    /** The steps it takes inputs from. */
    readonly depends_on: readonly string[];
    /** The environment file in the bundle, or `null`. */
    readonly environment: string | null;
    /** Operation steps: what the operation's `resources { … }` asks the compute for (not part of the hashes: it does not change results). */
    readonly resources?: OperationResources;
    /** `Input` steps: the artifact's name, the `main.py` argument, the bundled file (static inputs) or `null`. */
    readonly artifact?: string;
    readonly argument?: string | null;
    readonly static?: string | null;
    /** `Output` steps: the artifact's name (a path relative to the outputs folder, extension added by the format). */
    readonly save_name?: string;
    readonly hashes: ManifestStepHashes;
}

/** `manifest.json` of a job bundle. */
export interface JobManifest {
    readonly format: typeof MANIFEST_FORMAT;
    readonly version: typeof MANIFEST_VERSION;
    readonly pipeline: string;
    /** The `.dfp` file's name. */
    readonly source: string;
    readonly generator: string;
    readonly runtime: { readonly package: 'deepforge'; readonly version: string; readonly sha256: ContentHash };
    readonly main: 'main.py';
    /** Step ids in execution order. */
    readonly order: readonly string[];
    /** The pipeline's inputs (`Input` steps). */
    readonly inputs: ReadonlyArray<{ readonly step: string; readonly artifact: string; readonly argument: string | null; readonly static: string | null }>;
    /** The pipeline's outputs (`Output` steps). */
    readonly outputs: ReadonlyArray<{ readonly step: string; readonly save_name: string; readonly from: { readonly step: string; readonly port: string } | null }>;
    readonly networks: ReadonlyArray<{ readonly name: string; readonly file: string; readonly module: string; readonly function: string; readonly sha256: ContentHash }>;
    readonly environments: ReadonlyArray<{ readonly file: string; readonly declared: string; readonly sha256: ContentHash }>;
    readonly steps: readonly ManifestStep[];
}

/** A generated bundle: its files by bundle path (sorted), and the manifest (also `manifest.json`). */
export interface JobBundle {
    readonly files: ReadonlyMap<string, string | Uint8Array>;
    readonly manifest: JobManifest;
}

export function sha256(content: string | Uint8Array): ContentHash {
    return `sha256:${createHash('sha256').update(content).digest('hex')}`;
}

/** Credentials in a URL (`https://user:token@host`): never copied into a bundle. */
const URL_CREDENTIALS = /[a-z][a-z0-9+.-]*:\/\/[^\s/@:]+:[^\s/@]+@/i;

function checkNoCredentials(text: string, what: string): void {
    if (URL_CREDENTIALS.test(text)) {
        throw new JobGenerationError(`${what} holds credentials in a URL (user:password@…); bundles never carry credentials — take them out (pip and conda read them from their own configuration)`);
    }
}

function identifier(name: string, what: string): string {
    if (!isPythonIdentifier(name)) throw new JobGenerationError(`${what} \`${name}\` is not a Python identifier`);
    return name;
}

/** The runtime package's files (cached). */
let runtimeFiles: ReadonlyMap<string, string> | undefined;
function runtime(): ReadonlyMap<string, string> {
    runtimeFiles ??= new Map(RUNTIME_FILES.map(file => [`deepforge/${file}`, readFileSync(templatePath('job', `runtime/deepforge/${file}`), 'utf-8')]));
    return runtimeFiles;
}

function runtimeHash(): ContentHash {
    const files = runtime();
    return sha256([...files.keys()].sort().map(name => `${name}\0${files.get(name)}\0`).join(''));
}

// ---- main.py ------------------------------------------------------------------------

/** A keyword argument of a rendered call: a value, the output of an earlier step, or a call of a function without arguments. */
type Argument = { readonly value: PyExpr } | { readonly output: { readonly variable: string; readonly port: string } } | { readonly build: string };

function renderArgument(argument: Argument): string {
    if ('value' in argument) return pythonLiteral(argument.value);
    if ('build' in argument) return `${identifier(argument.build, 'function')}()`;
    return `${identifier(argument.output.variable, 'variable')}.${identifier(argument.output.port, 'port')}`;
}

function renderCall(callee: string, kwargs: ReadonlyArray<readonly [string, Argument]>): string {
    if (!callee.split('.').every(isPythonIdentifier)) throw new JobGenerationError(`not a Python callee: ${JSON.stringify(callee)}`);
    return `${callee}(${kwargs.map(([name, value]) => `${identifier(name, 'argument')}=${renderArgument(value)}`).join(', ')})`;
}

interface MainStep {
    readonly id: string;
    /** The step as written, for a comment: made of identifiers and escaped literals only. */
    readonly comment: string;
    readonly kind: ManifestStep['kind'];
    readonly variable?: string;
    readonly imports: ReadonlyArray<{ readonly module: string; readonly name: string }>;
    readonly construct?: string;
    readonly execute?: string;
    /** Input steps: the expression of the artifact's path. */
    readonly artifactPath?: string;
    /** Output steps: the value saved, and the save name (a literal). */
    readonly saved?: string;
    readonly saveName?: string;
}

interface MainModel {
    readonly docstring: string;
    readonly description: string;
    readonly arguments: ReadonlyArray<{ readonly dest: string; readonly metavar: string; readonly help: string }>;
    readonly steps: readonly MainStep[];
}

let environment: typeof Handlebars | undefined;
function handlebars(): typeof Handlebars {
    if (environment) return environment;
    const hb = Handlebars.create();
    /** A Python string literal of any text. */
    hb.registerHelper('str', (text: string) => pythonString(text));
    /** A docstring: the text as an escaped string between triple quotes. */
    hb.registerHelper('docstring', (text: string) => `"""${text.split('\n').map(line => pythonString(line).slice(1, -1)).join('\n')}"""`);
    /** A comment line: its text must not break the line. */
    hb.registerHelper('comment', (text: string) => {
        if (/[\r\n\f\v\u0085\u2028\u2029]/.test(text)) throw new Error(`a comment cannot hold a line break: ${JSON.stringify(text)}`);
        return `# ${text}`;
    });
    hb.registerHelper('ident', (name: string) => identifier(name, 'name'));
    /** `%` doubled: argparse formats help texts with `%`. */
    hb.registerHelper('help', (text: string) => pythonString(text.replace(/%/g, '%%')));
    hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    environment = hb;
    return hb;
}

let mainTemplate: HandlebarsTemplateDelegate | undefined;
let readmeTemplate: HandlebarsTemplateDelegate | undefined;

function renderMain(model: MainModel): string {
    mainTemplate ??= handlebars().compile(readFileSync(templatePath('job', 'main.py.hbs'), 'utf-8'), { noEscape: true, strict: true });
    return mainTemplate(model);
}

function renderReadme(model: object): string {
    readmeTemplate ??= handlebars().compile(readFileSync(templatePath('job', 'README.md.hbs'), 'utf-8'), { noEscape: true, strict: true });
    return readmeTemplate(model);
}

// ---- the bundle ------------------------------------------------------------------------

/** Names a step's variable in `main()` must not take. */
const RESERVED = ['run', 'args', 'parser', 'main', 'operation', 'argparse', 'os', 'sys', 'Run', 'deepforge', 'operations', 'networks'];

/**
 * The job bundle of a pipeline: `main.py` (the whole pipeline, in execution order),
 * `operations/` (each operation's code, copied), `networks/` (the generated Keras module of each
 * referenced network), `environments/` (the operations' environment files), `inputs/` (static
 * inputs), the `deepforge/` runtime package, `manifest.json` and a README. Every user value in
 * generated Python is an escaped literal; user paths stay inside their folders.
 */
export function generateJobBundle(input: JobInput): JobBundle {
    const files = new Map<string, string | Uint8Array>();
    const runtimeSha = runtimeHash();
    const specOf = (step: JobStep): OperationSpec => {
        const operation = input.operations.get(step.operation);
        if (!operation) throw new JobGenerationError(`step \`${step.id}\`: unknown operation \`${step.operation}\``);
        return operation.spec;
    };
    const kindOf = (step: JobStep): ManifestStep['kind'] => {
        const spec = specOf(step);
        if (spec.builtin && spec.name === INPUT_OPERATION) return 'input';
        if (spec.builtin && spec.name === OUTPUT_OPERATION) return 'output';
        return 'operation';
    };

    // Operation code: one module per distinct code file (same name and content: shared).
    const moduleNames = new Set<string>(['__init__']);
    const modules = new Map<string, { file: string; module: string }>();
    const codeModule = (operation: string): { file: string; module: string; sha: ContentHash } => {
        const job = input.operations.get(operation)!;
        if (!job.code) throw new JobGenerationError(`operation \`${operation}\` has no code: give it a \`code "….py"\` section to run it`);
        const base = job.code.path.split(/[\\/]/).pop()!.replace(/\.py$/i, '');
        const key = `${base}\0${job.code.content}`;
        let entry = modules.get(key);
        if (!entry) {
            const name = pythonIdentifier(snakeCase(base), moduleNames);
            entry = { file: `operations/${name}.py`, module: `operations.${name}` };
            modules.set(key, entry);
            files.set(entry.file, job.code.content);
        }
        return { ...entry, sha: sha256(job.code.content) };
    };

    // Networks: one generated module per referenced network.
    const networkNames = new Set<string>(['__init__']);
    const networks = new Map<string, JobManifest['networks'][number]>();
    const networkModule = (target: string) => {
        let entry = networks.get(target);
        if (!entry) {
            const network = input.networks.get(target);
            if (!network) throw new JobGenerationError(`no generated Keras code for network \`${target}\``);
            identifier(network.functionName, 'network function');
            if (!new RegExp(`^def ${network.functionName}\\(\\):`, 'm').test(network.source)) {
                throw new JobGenerationError(`the generated module of \`${target}\` has no \`${network.functionName}()\``);
            }
            const name = pythonIdentifier(snakeCase(target), networkNames);
            entry = { name: target, file: `networks/${name}.py`, module: `networks.${name}`, function: network.functionName, sha256: sha256(network.source) };
            networks.set(target, entry);
            files.set(entry.file, network.source);
        }
        return entry;
    };

    // Environments: one copy per distinct file.
    const environmentNames = new Set<string>();
    const environments = new Map<string, JobManifest['environments'][number]>();
    const environmentFile = (operation: string) => {
        const job = input.operations.get(operation)!;
        if (!job.environment) return undefined;
        const key = `${job.environment.path}\0${job.environment.content}`;
        let entry = environments.get(key);
        if (!entry) {
            checkNoCredentials(job.environment.content, `the environment file ${job.environment.path} of \`${operation}\``);
            const fileName = job.environment.path.split(/[\\/]/).pop()!;
            const dot = fileName.lastIndexOf('.');
            const [stem, ext] = dot > 0 ? [fileName.slice(0, dot), fileName.slice(dot)] : [fileName, ''];
            const safeStem = stem.replace(/[^A-Za-z0-9_.-]/g, '_') || 'environment';
            const safeExt = ext.replace(/[^A-Za-z0-9_.]/g, '_');
            let name = `${safeStem}${safeExt}`;
            for (let n = 2; environmentNames.has(name); n++) name = `${safeStem}-${n}${safeExt}`;
            environmentNames.add(name);
            entry = { file: `environments/${name}`, declared: job.environment.path, sha256: sha256(job.environment.content) };
            environments.set(key, entry);
            files.set(entry.file, job.environment.content);
        }
        return entry;
    };

    // Python variables: identifiers, clear of the imported classes and builders.
    const taken = new Set<string>(RESERVED);
    for (const step of input.steps) {
        const spec = specOf(step);
        if (!spec.builtin) taken.add(identifier(spec.name, 'operation name (the class)'));
        for (const reference of step.references) {
            const network = input.networks.get(reference.target);
            if (network) taken.add(network.functionName);
        }
    }
    const variables = new Map(input.steps.map(step => [step.id, pythonIdentifier(step.name ?? snakeCase(step.operation), taken)]));
    const consumed = new Set(input.steps.flatMap(step => step.inputs.map(i => i.from.step)));
    const stepIds = new Set(input.steps.map(step => step.id));
    const saveNames = new Map<string, string>();

    const manifestSteps: ManifestStep[] = [];
    const mainSteps: MainStep[] = [];
    const pipelineInputs: Array<JobManifest['inputs'][number]> = [];
    const pipelineOutputs: Array<JobManifest['outputs'][number]> = [];
    const mainArguments: Array<MainModel['arguments'][number]> = [];

    for (const step of input.steps) {
        const spec = specOf(step);
        const kind = kindOf(step);
        const variable = variables.get(step.id)!;
        const where = (what: string) => `step \`${step.id}\`: ${what}`;
        for (const connection of step.inputs) {
            if (!stepIds.has(connection.from.step)) throw new JobGenerationError(where(`input \`${connection.port}\` comes from unknown step \`${connection.from.step}\``));
            identifier(connection.port, 'input');
            identifier(connection.from.port, 'output');
        }
        for (const output of spec.outputs) identifier(output.name, 'output');

        const attributes: Record<string, ManifestValue> = {};
        for (const attribute of step.attributes) attributes[identifier(attribute.name, 'attribute')] = manifestValue(attribute.value, where(`attribute \`${attribute.name}\``));
        const references: Record<string, ManifestReference> = {};
        for (const reference of step.references) {
            if (reference.kind !== 'network') throw new JobGenerationError(where(`reference \`${reference.name}\` takes ${reference.kind}, which a job cannot build`));
            const network = networkModule(reference.target);
            references[identifier(reference.name, 'reference')] = { kind: reference.kind, target: reference.target, file: network.file, module: network.module, function: network.function, sha256: network.sha256 };
        }
        const comment = stepComment(step, variable);
        const base = {
            id: step.id,
            name: step.name ?? null,
            python_name: variable,
            operation: step.operation,
            kind,
            attributes,
            references,
            inputs: step.inputs.map(i => ({ port: i.port, from: { step: i.from.step, port: i.from.port } })),
            outputs: spec.outputs.map(o => o.name),
            depends_on: [...new Set(step.inputs.map(i => i.from.step))]
        };
        const inputPorts = step.inputs.map(i => `${i.port}<-${i.from.step}.${i.from.port}`);

        if (kind === 'input') {
            const artifact = attributeString(step, 'artifact');
            checkSafeRelativePath(artifact, where('artifact name'));
            const bundled = input.staticInputs?.get(step.id);
            let staticPath: string | null = null;
            if (bundled) {
                checkFileName(bundled.fileName, where('static input file name'));
                staticPath = `inputs/${variable}/${bundled.fileName}`;
                files.set(staticPath, bundled.content);
            }
            const argument = staticPath ? null : variable;
            const hashes = stepHashes({ code: null, attributes: { artifact }, references: {}, environment: null, runtime: runtimeSha, operation: step.operation, inputs: inputPorts, outputs: base.outputs, static: staticPath ? sha256(input.staticInputs!.get(step.id)!.content) : null });
            manifestSteps.push({ ...base, environment: null, artifact, argument, static: staticPath, hashes });
            pipelineInputs.push({ step: step.id, artifact, argument, static: staticPath });
            if (argument) mainArguments.push({ dest: argument, metavar: argument.toUpperCase(), help: `the file of the artifact "${artifact}" (read by step ${step.id})` });
            mainSteps.push({
                id: step.id, comment, kind, variable, imports: [],
                artifactPath: staticPath ? `run.bundled(${pythonString(staticPath)})` : `args.${identifier(argument!, 'argument')}`
            });
            continue;
        }
        if (kind === 'output') {
            const saveName = attributeString(step, 'save_name');
            checkSafeRelativePath(saveName, where('save_name'));
            const clash = saveNames.get(saveName);
            if (clash) throw new JobGenerationError(where(`save_name ${JSON.stringify(saveName)} is already used by step \`${clash}\``));
            saveNames.set(saveName, step.id);
            const source = step.inputs[0];
            const hashes = stepHashes({ code: null, attributes: { save_name: saveName }, references: {}, environment: null, runtime: runtimeSha, operation: step.operation, inputs: inputPorts, outputs: base.outputs });
            manifestSteps.push({ ...base, environment: null, save_name: saveName, hashes });
            pipelineOutputs.push({ step: step.id, save_name: saveName, from: source ? { ...source.from } : null });
            mainSteps.push({
                id: step.id, comment, kind, imports: [],
                saved: source ? renderArgument({ output: { variable: variables.get(source.from.step)!, port: source.from.port } }) : 'None',
                saveName: pythonString(saveName)
            });
            continue;
        }

        const className = identifier(spec.name, 'operation name (the class)');
        const code = codeModule(step.operation);
        const env = environmentFile(step.operation);
        const job = input.operations.get(step.operation)!;
        const referenceHashes = Object.fromEntries(Object.entries(references).map(([name, r]) => [name, r.sha256]));
        const hashes = stepHashes({ code: code.sha, attributes, references: referenceHashes, environment: env?.sha256 ?? null, runtime: runtimeSha, operation: step.operation, class: className, module: code.module, inputs: inputPorts, outputs: base.outputs });
        manifestSteps.push({
            ...base,
            code: code.file,
            module: code.module,
            class: className,
            declared: { code: job.code!.path, ...(job.environment ? { environment: job.environment.path } : {}) },
            environment: env?.file ?? null,
            ...(spec.resources && Object.keys(spec.resources).length ? { resources: spec.resources } : {}),
            hashes
        });
        const constructArgs: Array<readonly [string, Argument]> = [
            ...step.references.map((r): readonly [string, Argument] => [r.name, { build: networks.get(r.target)!.function }]),
            ...step.attributes.map((a): readonly [string, Argument] => [a.name, { value: pythonValue(a.value, where(`attribute \`${a.name}\``)) }])
        ];
        const executeArgs = step.inputs.map((i): readonly [string, Argument] => [i.port, { output: { variable: variables.get(i.from.step)!, port: i.from.port } }]);
        mainSteps.push({
            id: step.id, comment, kind,
            variable: consumed.has(step.id) ? variable : undefined,
            imports: [
                { module: code.module, name: className },
                ...[...new Set(step.references.map(r => r.target))].map(target => ({ module: networks.get(target)!.module, name: networks.get(target)!.function }))
            ],
            construct: renderCall(className, constructArgs),
            execute: renderCall('operation.execute', executeArgs)
        });
    }

    const manifest: JobManifest = {
        format: MANIFEST_FORMAT,
        version: MANIFEST_VERSION,
        pipeline: input.pipeline,
        source: input.sourceName,
        generator: input.generator ?? 'deepforge-ts',
        runtime: { package: 'deepforge', version: RUNTIME_VERSION, sha256: runtimeSha },
        main: 'main.py',
        order: input.steps.map(step => step.id),
        inputs: pipelineInputs,
        outputs: pipelineOutputs,
        networks: [...networks.values()],
        environments: [...environments.values()],
        steps: manifestSteps
    };

    const description = `Runs the pipeline ${input.pipeline} (from ${input.sourceName}): its steps in execution order.`;
    files.set('main.py', renderMain({
        docstring: `${input.pipeline}: a DeepForge job generated from ${input.sourceName}.\n\n` +
            `Runs the whole pipeline in execution order:\n\n    python main.py${mainArguments.map(a => ` ${a.metavar}`).join('')} [--outputs-dir outputs]\n\n` +
            'Outputs go to the outputs folder, figures to its figures/ folder; progress is reported\n' +
            'as @@deepforge event lines (deepforge/PROTOCOL.md). See README.md.\n',
        description,
        arguments: mainArguments,
        steps: mainSteps
    }));
    if (modules.size > 0) files.set('operations/__init__.py', '"""The operations\' code, copied from the project."""\n');
    if (networks.size > 0) files.set('networks/__init__.py', '"""Keras code generated from the project\'s networks."""\n');
    for (const [name, content] of runtime()) files.set(name, content);
    files.set('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
    files.set('README.md', renderReadme({
        pipeline: JSON.stringify(input.pipeline),
        source: JSON.stringify(input.sourceName),
        usage: `python main.py${mainArguments.map(a => ` ${a.metavar}`).join('')}`,
        inputs: pipelineInputs.map(i => ({ step: JSON.stringify(i.step), artifact: JSON.stringify(i.artifact), argument: i.argument?.toUpperCase(), static: i.static })),
        outputs: pipelineOutputs.map(o => ({ step: JSON.stringify(o.step), saveName: JSON.stringify(o.save_name) })),
        steps: manifestSteps.map(s => JSON.stringify(s.id)).join(', '),
        environments: [...environments.values()].map(e => e.file)
    }));
    const sorted = new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return { files: sorted, manifest };
}

function attributeString(step: JobStep, name: string): string {
    const value = step.attributes.find(a => a.name === name)?.value;
    if (value?.kind !== 'string') throw new JobGenerationError(`step \`${step.id}\`: \`${name}\` must be a string`);
    return value.value;
}

function stepHashes(parts: {
    code: ContentHash | null; attributes: object; references: Record<string, ContentHash>; environment: ContentHash | null; runtime: ContentHash;
    operation: string; class?: string; module?: string; inputs: readonly string[]; outputs: readonly string[]; static?: ContentHash | null;
}): ManifestStepHashes {
    const hashes = {
        code: parts.code,
        attributes: sha256(canonicalJson(parts.attributes)),
        references: sha256(canonicalJson(parts.references)),
        environment: parts.environment,
        runtime: parts.runtime
    };
    const definition = sha256(canonicalJson({ ...hashes, operation: parts.operation, class: parts.class, module: parts.module, inputs: parts.inputs, outputs: parts.outputs, static: parts.static ?? undefined }));
    return { ...hashes, definition };
}

/** `trained = TrainDigits(architecture=DigitsCNN, epochs=10)(images=split.train_images)`: identifiers and escaped literals only. */
function stepComment(step: JobStep, variable: string): string {
    const args = [
        ...step.references.map(r => `${r.name}=${r.target}`),
        ...step.attributes.map(a => `${a.name}=${pythonLiteral(pythonValue(a.value, `step \`${step.id}\``))}`)
    ];
    const inputs = step.inputs.map(i => `${i.port}=${i.from.step}.${i.from.port}`);
    const call = `${step.operation}(${args.join(', ')})${inputs.length > 0 ? `(${inputs.join(', ')})` : ''}`;
    const text = `${step.name !== undefined ? `${variable} = ` : ''}${call}`;
    // Identifiers of the grammar, and literals with every line break escaped: one line.
    return text.replace(/[\r\n\f\v\u0085\u2028\u2029]/g, ' ');
}
