import type { Value } from '../../metamodel/core/index.js';
import type { OperationSpec } from '../../metamodel/pipeline/index.js';

/**
 * What the job generator reads: a pipeline's steps in execution order with their resolved
 * attributes, references and wiring, the operations they use (interface, code, environment),
 * the generated Keras module of every referenced network, and the files of static inputs.
 * No AST and no file system: whoever loads a workspace fills it in (see `server/jobs/`).
 */
export interface JobInput {
    /** The pipeline's name. */
    readonly pipeline: string;
    /** The `.dfp` file's name (no folders), for docstrings. */
    readonly sourceName: string;
    /** In execution (topological) order. */
    readonly steps: readonly JobStep[];
    /** The operations the steps use, by name (built-ins included or not: they need nothing). */
    readonly operations: ReadonlyMap<string, JobOperation>;
    /** The networks references name, by name. */
    readonly networks: ReadonlyMap<string, JobNetwork>;
    /** Files bundled for `Input` steps (by step id): those steps read them instead of a command-line path. */
    readonly staticInputs?: ReadonlyMap<string, StaticInput>;
    /** Recorded in the manifest, e.g. `deepforge-ts 0.1.0`. */
    readonly generator?: string;
}

export interface JobStep {
    /** The node id of the step (its name; `Operation#n` for unnamed steps). */
    readonly id: string;
    /** Absent for unnamed steps (sinks such as `Output(…)(…)`). */
    readonly name?: string;
    /** The operation's name (a key of {@link JobInput.operations}, or a built-in). */
    readonly operation: string;
    /** Every attribute with a value (written or default), in the operation's declaration order. */
    readonly attributes: ReadonlyArray<{ readonly name: string; readonly value: Value }>;
    readonly references: ReadonlyArray<{ readonly name: string; readonly kind: string; readonly target: string }>;
    /** In the order of the operation's inputs. */
    readonly inputs: ReadonlyArray<{ readonly port: string; readonly from: { readonly step: string; readonly port: string } }>;
}

export interface JobOperation {
    readonly spec: OperationSpec;
    /** The operation's Python file: its path as written (relative to the declaring `.dfp` file) and its text. */
    readonly code?: { readonly path: string; readonly content: string };
    /** Its conda-style environment file, likewise. */
    readonly environment?: { readonly path: string; readonly content: string };
}

export interface JobNetwork {
    readonly name: string;
    /** The generated Keras module (the network, the blocks it uses). */
    readonly source: string;
    /** The function of {@link source} that builds the model: `build_VGG`. */
    readonly functionName: string;
}

export interface StaticInput {
    /** The file's name in the bundle (no folders). */
    readonly fileName: string;
    readonly content: Uint8Array;
}

/** A pipeline that cannot be turned into a job (a message for the user). */
export class JobGenerationError extends Error {}
