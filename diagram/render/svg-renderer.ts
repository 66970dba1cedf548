import type { Point, SModelElement } from 'sprotty-protocol';
import { basicType, T, type DiagramEdge, type DiagramGraph, type DiagramLabel, type DiagramMarker, type DiagramNode, type DiagramPort } from '../model/diagram-model.js';
import { DIAGRAM_SVG_CSS } from '../model/diagram-style.js';

/**
 * A laid-out diagram as a standalone SVG document (`deepforge render`): the same elements, classes
 * and stylesheet as the page's Sprotty views, hover texts as `<title>`s.
 */
export function renderSvg(graph: DiagramGraph): string {
    const bounds = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
    const extend = (x: number, y: number) => {
        bounds.x0 = Math.min(bounds.x0, x); bounds.y0 = Math.min(bounds.y0, y);
        bounds.x1 = Math.max(bounds.x1, x); bounds.y1 = Math.max(bounds.y1, y);
    };
    const measure = (element: SModelElement, dx: number, dy: number) => {
        const shape = element as DiagramNode;
        if (basicType(element.type) === 'node' && shape.position && shape.size) {
            extend(dx + shape.position.x, dy + shape.position.y);
            extend(dx + shape.position.x + shape.size.width, dy + shape.position.y + shape.size.height);
            for (const child of element.children ?? []) measure(child, dx + shape.position.x, dy + shape.position.y);
        } else if (basicType(element.type) === 'edge') {
            for (const p of (element as DiagramEdge).routingPoints ?? []) extend(dx + p.x, dy + p.y);
        }
    };
    for (const child of graph.children) measure(child, 0, 0);
    if (!Number.isFinite(bounds.x0)) Object.assign(bounds, { x0: 0, y0: 0, x1: 100, y1: 40 });
    const pad = 20;
    const x = Math.floor(bounds.x0 - pad);
    const y = Math.floor(bounds.y0 - pad);
    const width = Math.ceil(bounds.x1 - bounds.x0 + 2 * pad);
    const height = Math.ceil(bounds.y1 - bounds.y0 + 2 * pad);
    const body = graph.children.map(child => element(child)).join('\n');
    return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${x} ${y} ${width} ${height}" data-diagram="${escape(graph.diagramKind)}" data-name="${escape(graph.name)}">
<style>${DIAGRAM_SVG_CSS}</style>
<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="#ffffff"/>
${body}
</svg>
`;
}

function element(e: SModelElement): string {
    switch (basicType(e.type)) {
        case 'node': return node(e as DiagramNode);
        case 'port': return port(e as DiagramPort);
        case 'edge': return edge(e as DiagramEdge);
        case 'label': return label(e as DiagramLabel);
        case 'marker': return marker(e as DiagramMarker);
        default: return '';
    }
}

function classes(base: string[], e: SModelElement): string {
    return escape([...base, ...(e.cssClasses ?? [])].join(' '));
}

function title(text: string | undefined): string {
    return text ? `<title>${escape(text)}</title>` : '';
}

function translate(p: Point | undefined): string {
    return p ? ` transform="translate(${round(p.x)},${round(p.y)})"` : '';
}

function node(n: DiagramNode): string {
    const size = n.size ?? { width: 0, height: 0 };
    const kind = n.type === T.group ? ['df-node', 'df-group', ...(n.expanded ? [] : ['collapsed'])] : n.type === T.step ? ['df-node', 'df-step'] : ['df-node', 'df-layer'];
    const box = n.type === T.group
        ? `<rect class="df-group-box" width="${round(size.width)}" height="${round(size.height)}" rx="7"/><text class="df-toggle" x="8" y="17">${n.expanded ? '▾' : '▸'}</text>`
        : `<rect class="df-node-box" width="${round(size.width)}" height="${round(size.height)}" rx="${n.type === T.step ? 6 : 5}"/>`;
    const children = (n.children ?? []).map(element).join('');
    return `<g id="${escape(n.id)}" class="${classes(kind, n)}"${translate(n.position)}>${box}${children}${title(n.hover)}</g>`;
}

function port(p: DiagramPort): string {
    const children = (p.children ?? []).map(element).join('');
    return `<g class="${classes(['df-port'], p)}"${translate(p.position)}><rect class="df-port-box" width="${p.size?.width ?? 8}" height="${p.size?.height ?? 8}" rx="1"/>${children}${title(p.hover)}</g>`;
}

function label(l: DiagramLabel): string {
    const kind = `df-${l.type.substring(l.type.indexOf(':') + 1)}`;
    return `<text class="${classes(['df-label', kind], l)}"${translate(l.position)} y="${l.type === T.shapeLabel ? 11 : 12}">${escape(l.text)}${title(l.hover)}</text>`;
}

function marker(m: DiagramMarker): string {
    const r = m.size.width / 2;
    return `<g class="df-marker ${m.severity}"${translate(m.position)}><circle cx="${r}" cy="${r}" r="${r}"/><text class="df-marker-text" x="${r}" y="${r + 4}">${m.severity === 'error' ? '!' : '?'}</text>${title(m.hover)}</g>`;
}

function edge(e: DiagramEdge): string {
    const points = e.routingPoints ?? [];
    const labels = (e.children ?? []).map(element).join('');
    if (points.length < 2) return `<g class="${classes(['df-edge'], e)}">${labels}</g>`;
    const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'} ${round(p.x)},${round(p.y)}`).join(' ');
    const end = points[points.length - 1];
    const before = points[points.length - 2];
    const angle = Math.atan2(end.y - before.y, end.x - before.x) * 180 / Math.PI;
    return `<g class="${classes(['df-edge'], e)}"><path class="df-edge-line" d="${d}"/><path class="df-edge-hit" d="${d}">${title(e.hover)}</path>`
        + `<path class="df-arrow" d="M 0,0 L -8,-4 L -8,4 Z" transform="translate(${round(end.x)},${round(end.y)}) rotate(${round(angle)})"/>${labels}</g>`;
}

function round(n: number): number {
    return Math.round(n * 100) / 100;
}

function escape(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
