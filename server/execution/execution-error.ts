/**
 * A problem before anything runs (bad options, missing artifacts, storage unreachable): a message
 * for the user. In a module of its own so that extensions (`deepforge-ts`) can catch it without
 * loading the engine.
 */
export class ExecutionError extends Error {}
