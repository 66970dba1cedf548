import { describeType, formatValue, fromJs, type AttributeDef, type MetamodelFile, type PortDef, type ReferenceDef, type ResolvedMetaType } from '../../../metamodel/core/index.js';

/**
 * Markdown docs of a metamodel's elements, shared by hover and completion: what a type is, what
 * an attribute takes (type, default, range, required), a port's arity, a reference's target.
 */

/** `int = 10 [1..100]`, `string (required)`. */
export function attributeSignature(def: AttributeDef): string {
    let text = describeType(def.type);
    if (def.default !== undefined) text += ` = ${formatValue(fromJs(def.default))}`;
    if (def.min !== undefined || def.max !== undefined) text += ` [${def.min ?? ''}..${def.max ?? ''}]`;
    if (def.required) text += ' (required)';
    return text;
}

export function attributeDoc(def: AttributeDef, owner: string): string {
    return [`\`\`\`\n${def.name}: ${attributeSignature(def)}\n\`\`\``, `Attribute of \`${owner}\`.`, def.doc].filter(Boolean).join('\n\n');
}

export function referenceDoc(def: ReferenceDef, owner: string): string {
    return [`\`\`\`\n${def.name}: → ${def.target}${def.required ? ' (required)' : ''}\n\`\`\``, `Reference of \`${owner}\` to a ${def.target}, by name.`, def.doc]
        .filter(Boolean).join('\n\n');
}

export function portDoc(port: PortDef, side: 'input' | 'output', owner: string): string {
    const arity = port.arity.kind === 'any' ? 'any number of connections' : `${port.arity.kind === 'exactly' ? 'exactly' : port.arity.kind === 'atLeast' ? 'at least' : 'at most'} ${port.arity.n}`;
    return [`\`\`\`\n${side} ${port.name}${port.typeName ? `: ${port.typeName}` : ''}\n\`\`\``, `${side === 'input' ? 'Input' : 'Output'} of \`${owner}\`, takes ${arity}.`, port.doc]
        .filter(Boolean).join('\n\n');
}

/** A type: its lineage, doc, attributes, references, ports and what it contains. */
export function typeDoc(type: ResolvedMetaType, file: MetamodelFile): string {
    const header = `\`\`\`\n${type.definition.abstract ? 'abstract ' : ''}${type.lineage.join(' : ')}\n\`\`\``;
    const lines = [header, `${file.title ?? file.name}`];
    if (type.definition.doc) lines.push(type.definition.doc);
    const list: string[] = [];
    for (const def of type.attributes) list.push(`- \`${def.name}: ${attributeSignature(def)}\`${def.doc ? ` — ${def.doc}` : ''}`);
    for (const def of type.references) list.push(`- \`${def.name}: → ${def.target}\`${def.required ? ' (required)' : ''}${def.doc ? ` — ${def.doc}` : ''}`);
    if (list.length) lines.push(list.join('\n'));
    const ports = [...type.inputs.map(p => `in \`${p.name}\``), ...type.outputs.map(p => `out \`${p.name}\``)];
    if (ports.length) lines.push(`Ports: ${ports.join(', ')}`);
    const contains = type.lineage.flatMap(name => file.metamodel.get(name)?.definition.contains ?? []);
    if (contains.length) lines.push(`Contains: ${contains.map(t => `\`${t}\``).join(', ')}`);
    return lines.join('\n\n');
}
