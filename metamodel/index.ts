export * from './core/index.js';
export * as keras from './keras/index.js';
export * as pipeline from './pipeline/index.js';
