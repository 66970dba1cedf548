export * from './operation-spec.js';
export * from './pipeline-metamodel.js';
export * from './validation.js';
export * from './resources.js';
