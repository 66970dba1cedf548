import { FONT } from './diagram-model.js';

/**
 * The diagram's styling, one source for the page (`diagram.css`) and the SVG export (inlined in
 * its `<style>`): classes set by the views and the SVG renderer alike. Execution status colours
 * follow DeepForge: pending dark grey, queued light grey, running yellow, cancelled orange,
 * succeeded green, failed red.
 */
export const DIAGRAM_SVG_CSS = `
.df-label { font-family: ${FONT.family}; font-size: ${FONT.size}px; fill: #1f2933; white-space: pre; }
.df-type { font-weight: bold; fill: #102a43; }
.df-name { fill: #486581; }
.df-argument, .df-more { fill: #334e68; }
.df-more { font-style: italic; fill: #829ab1; }
.df-reference { fill: #5b3cc4; }
.df-reference.unresolved { fill: #d64545; text-decoration: underline wavy; }
.df-port .df-label, .df-port-label { font-size: 11px; fill: #627d98; }
.df-group-label, .df-group .df-label.df-group { font-weight: bold; fill: #52606d; }
.df-shape { font-size: 11px; fill: #3e4c59; paint-order: stroke; stroke: #ffffff; stroke-width: 4px; stroke-linejoin: round; }
.df-node-box { fill: #f0f4f8; stroke: #627d98; stroke-width: 1.2; }
.df-layer.input-layer .df-node-box, .input-layer .df-node-box { fill: #e3f8ff; stroke: #2bb0ed; }
.shared .df-node-box { stroke-dasharray: 5 3; }
.has-warning .df-node-box { stroke: #cb6e17; }
.has-error .df-node-box { stroke: #d64545; stroke-width: 2; fill: #ffeeee; }
.df-group-box { fill: rgba(217, 226, 236, 0.35); stroke: #9fb3c8; stroke-dasharray: 6 3; stroke-width: 1.2; }
.collapsed .df-group-box { fill: #e4e7eb; stroke: #52606d; stroke-dasharray: none; }
.has-error .df-group-box { stroke: #d64545; }
.df-toggle { font-family: ${FONT.family}; font-size: 12px; fill: #52606d; cursor: pointer; }
.df-port-box { fill: #ffffff; stroke: #486581; stroke-width: 1.2; }
.df-edge-line { fill: none; stroke: #627d98; stroke-width: 1.4; }
.unknown-shape .df-edge-line { stroke-dasharray: 4 3; }
.df-edge-hit { fill: none; stroke: transparent; stroke-width: 10; }
.df-arrow { fill: #627d98; }
.df-marker circle { stroke: #ffffff; stroke-width: 1; }
.df-marker.error circle { fill: #d64545; }
.df-marker.warning circle { fill: #f0b429; }
.df-marker-text { font-family: ${FONT.family}; font-size: 11px; font-weight: bold; fill: #ffffff; text-anchor: middle; }
.input-step .df-node-box { fill: #e3f8ff; stroke: #2bb0ed; }
.output-step .df-node-box { fill: #effcf6; stroke: #3ebd93; }
.status-pending .df-node-box { fill: #616e7c; stroke: #3e4c59; }
.status-queued .df-node-box { fill: #cbd2d9; stroke: #9aa5b1; }
.status-running .df-node-box { fill: #fce588; stroke: #de911d; }
.status-cancelled .df-node-box { fill: #ffc38a; stroke: #e67635; }
.status-succeeded .df-node-box, .status-cached .df-node-box { fill: #a8eec1; stroke: #27ab83; }
.status-failed .df-node-box { fill: #ff9b9b; stroke: #cf1124; }
.status-pending .df-label { fill: #f5f7fa; }
.selected .df-node-box, .selected .df-group-box { stroke: #2186eb; stroke-width: 2.5; }
.highlighted .df-node-box, .highlighted .df-group-box { stroke: #7c5e10; stroke-width: 3; filter: drop-shadow(0 0 3px #f7c948); }
.selected .df-edge-line, .highlighted .df-edge-line { stroke: #2186eb; stroke-width: 2.5; }
`;
