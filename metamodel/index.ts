export * from './core/index.js';
export * as keras from './keras/index.js';
