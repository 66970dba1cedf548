export * from './shape.js';
export * from './layer-rule.js';
export * from './catalogue.js';
export * from './argument-types.js';
export * from './keras-metamodel.js';
export * from './inference.js';
export * from './validation.js';
export * from './network-domain.js';
