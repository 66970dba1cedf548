import { checkValue, describeType, type AttributeType } from './attribute-types.js';
import { didYouMean } from './did-you-mean.js';
import { Arity, type AttributeDef, type MetaType, type PortDef, type ReferenceDef } from './meta-type.js';
import { Metamodel } from './metamodel.js';
import { fromJs, type JsValue } from './values.js';

/**
 * Metamodels declared in a data file (`*.metamodel.json`): a language with no TypeScript at
 * all. The file names its meta-types with their inheritance, attributes (typed, with defaults,
 * ranges, enums, `required`), ports with arity, references and containment, and docs; this
 * module reads it into a core {@link Metamodel}, reporting bad data at file:line:column.
 * The format is described by `metamodel-file.schema.json` (for editors) and docs/model-syntax.md.
 *
 * Parsing is pure (no I/O); {@link readMetamodelFile} reads the file first.
 */

/** A metamodel read from a data file, with what the file says beyond the meta-types. */
export interface MetamodelFile {
    /** The file it came from (as given). */
    readonly path: string;
    readonly name: string;
    readonly title?: string;
    readonly doc?: string;
    /** The types a document may hold at its top level; absent: every concrete type. */
    readonly roots?: readonly string[];
    readonly metamodel: Metamodel;
}

/** One problem of a metamodel file, at a one-based line and column. */
export interface MetamodelFileProblem {
    readonly path: string;
    readonly line: number;
    readonly column: number;
    readonly message: string;
}

/** A metamodel file with bad data; the message lists every problem as `file:line:column: message`. */
export class MetamodelFileError extends Error {
    constructor(readonly problems: readonly MetamodelFileProblem[]) {
        super(problems.map(p => `${p.path}:${p.line}:${p.column}: ${p.message}`).join('\n'));
        this.name = 'MetamodelFileError';
    }
}

/** The attribute type names a metamodel file may use. */
export const METAMODEL_FILE_TYPES = ['int', 'float', 'bool', 'string', 'enum', 'list', 'tuple', 'shape', 'optional', 'any'] as const;

/** Names the generic model syntax reserves (keywords): they cannot name types, attributes or ports. */
const RESERVED = new Set(['import', 'connect', 'True', 'False', 'None']);
const IDENTIFIER = /^[_a-zA-Z]\w*$/;

/**
 * Reads and parses a metamodel file (synchronously: extension loading reads a handful of small
 * files once); throws {@link MetamodelFileError} when it cannot be read or holds bad data.
 * `node:fs` is looked up at call time, so the rest of the metamodel stays free of I/O.
 */
export function readMetamodelFile(path: string): MetamodelFile {
    const fs = process.getBuiltinModule('node:fs');
    let text: string;
    try {
        text = fs.readFileSync(path, 'utf8');
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new MetamodelFileError([{ path, line: 1, column: 1, message: `cannot read the metamodel file${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}` }]);
    }
    return parseMetamodelFile(text, path);
}

/** Parses the text of a metamodel file; throws {@link MetamodelFileError} listing every problem. */
export function parseMetamodelFile(text: string, path: string): MetamodelFile {
    const json = new JsonReader(text, path).read();
    return new MetamodelFileInterpreter(path).interpret(json);
}

// ---------------------------------------------------------------------------------------------
// JSON with positions

/** A JSON value with where it starts (one-based). */
type JsonNode =
    | { readonly kind: 'object'; readonly entries: readonly JsonEntry[]; readonly line: number; readonly column: number }
    | { readonly kind: 'array'; readonly items: readonly JsonNode[]; readonly line: number; readonly column: number }
    | { readonly kind: 'string'; readonly value: string; readonly line: number; readonly column: number }
    | { readonly kind: 'number'; readonly value: number; readonly line: number; readonly column: number }
    | { readonly kind: 'boolean'; readonly value: boolean; readonly line: number; readonly column: number }
    | { readonly kind: 'null'; readonly line: number; readonly column: number };

interface JsonEntry {
    readonly key: string;
    readonly keyLine: number;
    readonly keyColumn: number;
    readonly value: JsonNode;
}

/** A small JSON parser that keeps positions (JSON.parse does not), so errors can name a line. */
class JsonReader {
    private offset = 0;
    private line = 1;
    private lineStart = 0;

    constructor(private readonly text: string, private readonly path: string) {}

    read(): JsonNode {
        this.skipSpace();
        const value = this.value();
        this.skipSpace();
        if (this.offset < this.text.length) this.fail('unexpected text after the JSON value');
        return value;
    }

    private fail(message: string): never {
        throw new MetamodelFileError([{ path: this.path, line: this.line, column: this.offset - this.lineStart + 1, message: `invalid JSON: ${message}` }]);
    }

    private get column(): number {
        return this.offset - this.lineStart + 1;
    }

    private skipSpace(): void {
        while (this.offset < this.text.length) {
            const c = this.text[this.offset];
            if (c === '\n') {
                this.offset++;
                this.line++;
                this.lineStart = this.offset;
            } else if (c === ' ' || c === '\t' || c === '\r' || c === '\uFEFF') {
                this.offset++;
            } else {
                break;
            }
        }
    }

    private value(): JsonNode {
        const line = this.line, column = this.column;
        const c = this.text[this.offset];
        if (c === '{') return this.object();
        if (c === '[') return this.array();
        if (c === '"') return { kind: 'string', value: this.string(), line, column };
        if (c === '-' || (c >= '0' && c <= '9')) {
            const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.offset));
            if (!match) this.fail('malformed number');
            this.offset += match[0].length;
            return { kind: 'number', value: Number(match[0]), line, column };
        }
        for (const [word, node] of [['true', true], ['false', false], ['null', null]] as const) {
            if (this.text.startsWith(word, this.offset)) {
                this.offset += word.length;
                return node === null ? { kind: 'null', line, column } : { kind: 'boolean', value: node, line, column };
            }
        }
        return this.fail(this.offset >= this.text.length ? 'unexpected end of file' : `unexpected \`${c}\``);
    }

    private object(): JsonNode {
        const line = this.line, column = this.column;
        this.offset++;
        const entries: JsonEntry[] = [];
        this.skipSpace();
        if (this.text[this.offset] === '}') {
            this.offset++;
            return { kind: 'object', entries, line, column };
        }
        for (;;) {
            this.skipSpace();
            if (this.text[this.offset] !== '"') this.fail('expected a property name in double quotes');
            const keyLine = this.line, keyColumn = this.column;
            const key = this.string();
            this.skipSpace();
            if (this.text[this.offset] !== ':') this.fail('expected `:` after the property name');
            this.offset++;
            this.skipSpace();
            entries.push({ key, keyLine, keyColumn, value: this.value() });
            this.skipSpace();
            const c = this.text[this.offset];
            this.offset++;
            if (c === '}') return { kind: 'object', entries, line, column };
            if (c !== ',') {
                this.offset--;
                this.fail('expected `,` or `}`');
            }
        }
    }

    private array(): JsonNode {
        const line = this.line, column = this.column;
        this.offset++;
        const items: JsonNode[] = [];
        this.skipSpace();
        if (this.text[this.offset] === ']') {
            this.offset++;
            return { kind: 'array', items, line, column };
        }
        for (;;) {
            this.skipSpace();
            items.push(this.value());
            this.skipSpace();
            const c = this.text[this.offset];
            this.offset++;
            if (c === ']') return { kind: 'array', items, line, column };
            if (c !== ',') {
                this.offset--;
                this.fail('expected `,` or `]`');
            }
        }
    }

    private string(): string {
        const match = /^"(?:[^"\\\n\r]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(this.text.slice(this.offset));
        if (!match) this.fail('unterminated or malformed string');
        this.offset += match[0].length;
        return JSON.parse(match[0]) as string;
    }
}

function plain(node: JsonNode): JsValue {
    switch (node.kind) {
        case 'object': return undefined;
        case 'array': return node.items.map(plain);
        case 'null': return null;
        default: return node.value;
    }
}

// ---------------------------------------------------------------------------------------------
// Interpretation

const TOP_KEYS = ['$schema', 'name', 'title', 'doc', 'roots', 'types'];
const TYPE_KEYS = ['base', 'abstract', 'doc', 'aliases', 'attributes', 'inputs', 'outputs', 'references', 'contains'];
const ATTRIBUTE_KEYS = ['type', 'values', 'of', 'length', 'default', 'required', 'min', 'max', 'doc'];
const TYPE_SPEC_KEYS = ['type', 'values', 'of', 'length'];
const PORT_KEYS = ['arity', 'type', 'doc'];
const REFERENCE_KEYS = ['target', 'required', 'doc'];

class MetamodelFileInterpreter {
    private readonly problems: MetamodelFileProblem[] = [];

    constructor(private readonly path: string) {}

    private problem(at: { line: number; column: number }, message: string): void {
        this.problems.push({ path: this.path, line: at.line, column: at.column, message });
    }

    interpret(root: JsonNode): MetamodelFile {
        if (root.kind !== 'object') {
            this.problem(root, 'a metamodel file is a JSON object with `name` and `types`');
            throw new MetamodelFileError(this.problems);
        }
        const top = this.entries(root, TOP_KEYS, 'the metamodel');
        const name = this.string(top.get('name'), 'name');
        if (!top.has('name')) this.problem(root, 'the metamodel has no `name`');
        const title = this.string(top.get('title'), 'title');
        const doc = this.string(top.get('doc'), 'doc');
        const typesNode = top.get('types');
        const types: MetaType[] = [];
        const typeNodes = new Map<string, JsonEntry>();
        if (!typesNode) {
            this.problem(root, 'the metamodel has no `types`');
        } else if (typesNode.value.kind !== 'object') {
            this.problem(typesNode.value, '`types` is an object: type name → type');
        } else {
            for (const [typeName, entry] of this.entries(typesNode.value, undefined, '`types`')) {
                if (!this.identifier(entry, typeName, 'type')) continue;
                typeNodes.set(typeName, entry);
                const type = this.metaType(typeName, entry.value);
                if (type) types.push(type);
            }
        }
        const known = new Set(types.flatMap(t => [t.name, ...(t.aliases ?? [])]));
        const unknownType = (typeName: string, at: { line: number; column: number }, what: string) => {
            const suggestion = didYouMean(typeName, known);
            this.problem(at, `${what} \`${typeName}\` is not a type of this metamodel` + (suggestion ? ` — did you mean \`${suggestion}\`?` : ''));
        };
        // Cross-type checks: bases (and cycles), containment, reference targets, roots.
        for (const type of types) {
            const entry = typeNodes.get(type.name)!;
            const fields = entry.value.kind === 'object' ? new Map(entry.value.entries.map(e => [e.key, e])) : new Map<string, JsonEntry>();
            if (type.base !== undefined && !known.has(type.base)) unknownType(type.base, fields.get('base')!.value, 'the base type');
            const contains = fields.get('contains')?.value;
            if (contains?.kind === 'array') {
                for (const item of contains.items) if (item.kind === 'string' && !known.has(item.value)) unknownType(item.value, item, 'the contained type');
            }
            const references = fields.get('references')?.value;
            if (references?.kind === 'object') {
                for (const ref of references.entries) {
                    const target = ref.value.kind === 'object' ? ref.value.entries.find(e => e.key === 'target') : undefined;
                    if (target?.value.kind === 'string' && !known.has(target.value.value)) unknownType(target.value.value, target.value, 'the reference target');
                }
            }
        }
        for (const type of types) {
            const seen = new Set<string>();
            let current: MetaType | undefined = type;
            while (current?.base !== undefined) {
                if (seen.has(current.name)) {
                    this.problem(typeNodes.get(type.name)!.value, `inheritance cycle: \`${type.name}\` inherits from itself through \`${[...seen].join('` → `')}\``);
                    break;
                }
                seen.add(current.name);
                current = types.find(t => t.name === current!.base);
            }
        }
        let roots: string[] | undefined;
        const rootsNode = top.get('roots');
        if (rootsNode) {
            roots = this.stringList(rootsNode.value, '`roots`');
            if (rootsNode.value.kind === 'array') {
                rootsNode.value.items.forEach(item => { if (item.kind === 'string' && !known.has(item.value)) unknownType(item.value, item, 'the root type'); });
            }
        }
        if (this.problems.length > 0) throw new MetamodelFileError(this.problems);
        const metamodel = new Metamodel(name ?? 'metamodel', types);
        // Attribute/reference names clash only once inheritance is resolved.
        for (const type of types) {
            const resolved = metamodel.get(type.name)!;
            for (const reference of resolved.references) {
                if (resolved.attribute(reference.name)) {
                    this.problem(typeNodes.get(type.name)!.value, `\`${type.name}\` has both an attribute and a reference named \`${reference.name}\``);
                }
            }
        }
        if (this.problems.length > 0) throw new MetamodelFileError(this.problems);
        return { path: this.path, name: name ?? 'metamodel', title, doc, roots, metamodel };
    }

    private metaType(name: string, node: JsonNode): MetaType | undefined {
        if (node.kind !== 'object') {
            this.problem(node, `type \`${name}\` is an object (\`base\`, \`abstract\`, \`doc\`, \`attributes\`, \`inputs\`, \`outputs\`, \`references\`, \`contains\`)`);
            return undefined;
        }
        const fields = this.entries(node, TYPE_KEYS, `type \`${name}\``);
        const attributes: AttributeDef[] = [];
        const attributesNode = fields.get('attributes');
        if (attributesNode) {
            if (attributesNode.value.kind !== 'object') this.problem(attributesNode.value, '`attributes` is an object: attribute name → attribute');
            else {
                for (const [attributeName, entry] of this.entries(attributesNode.value, undefined, '`attributes`')) {
                    if (!this.identifier(entry, attributeName, 'attribute')) continue;
                    const attribute = this.attribute(attributeName, entry.value);
                    if (attribute) attributes.push(attribute);
                }
            }
        }
        const ports = (key: 'inputs' | 'outputs'): PortDef[] => {
            const portsNode = fields.get(key);
            if (!portsNode) return [];
            if (portsNode.value.kind !== 'object') {
                this.problem(portsNode.value, `\`${key}\` is an object: port name → port`);
                return [];
            }
            const result: PortDef[] = [];
            for (const [portName, entry] of this.entries(portsNode.value, undefined, `\`${key}\``)) {
                if (!this.identifier(entry, portName, 'port')) continue;
                const port = this.port(portName, entry.value, key);
                if (port) result.push(port);
            }
            return result;
        };
        const references: ReferenceDef[] = [];
        const referencesNode = fields.get('references');
        if (referencesNode) {
            if (referencesNode.value.kind !== 'object') this.problem(referencesNode.value, '`references` is an object: reference name → reference');
            else {
                for (const [referenceName, entry] of this.entries(referencesNode.value, undefined, '`references`')) {
                    if (!this.identifier(entry, referenceName, 'reference')) continue;
                    const reference = this.reference(referenceName, entry.value);
                    if (reference) references.push(reference);
                }
            }
        }
        const aliases = fields.has('aliases') ? this.stringList(fields.get('aliases')!.value, '`aliases`') : undefined;
        const contains = fields.has('contains') ? this.stringList(fields.get('contains')!.value, '`contains`') : undefined;
        return {
            name,
            base: this.string(fields.get('base'), 'base'),
            abstract: this.boolean(fields.get('abstract'), 'abstract'),
            doc: this.string(fields.get('doc'), 'doc'),
            aliases,
            attributes,
            inputs: ports('inputs'),
            outputs: ports('outputs'),
            references,
            contains
        };
    }

    private attribute(name: string, node: JsonNode): AttributeDef | undefined {
        if (node.kind === 'string') return { name, type: this.typeName(node) ?? { kind: 'any' } };
        if (node.kind !== 'object') {
            this.problem(node, `attribute \`${name}\` is a type name (\`"int"\`) or an object with \`type\``);
            return undefined;
        }
        const fields = this.entries(node, ATTRIBUTE_KEYS, `attribute \`${name}\``);
        if (!fields.has('type')) {
            this.problem(node, `attribute \`${name}\` has no \`type\` (one of ${METAMODEL_FILE_TYPES.join(', ')})`);
            return undefined;
        }
        const errorsBefore = this.problems.length;
        const type = this.typeSpec(node, fields);
        const min = this.number(fields.get('min'), 'min');
        const max = this.number(fields.get('max'), 'max');
        const required = this.boolean(fields.get('required'), 'required');
        const doc = this.string(fields.get('doc'), 'doc');
        const defaultNode = fields.get('default');
        if (!type || this.problems.length > errorsBefore) return undefined;
        if (min !== undefined || max !== undefined) {
            const numeric = isNumeric(type);
            const at = (fields.get('min') ?? fields.get('max'))!;
            if (!numeric) {
                this.problem({ line: at.keyLine, column: at.keyColumn }, `attribute \`${name}\`: a range bounds numbers, but the type is ${describeType(type)}`);
            } else if (min !== undefined && max !== undefined && min > max) {
                this.problem({ line: at.keyLine, column: at.keyColumn }, `attribute \`${name}\`: empty range, \`min\` ${min} is greater than \`max\` ${max}`);
            } else if (numeric === 'int' && [min, max].some(b => b !== undefined && !Number.isInteger(b))) {
                this.problem({ line: at.keyLine, column: at.keyColumn }, `attribute \`${name}\` is an int: its bounds must be ints`);
            }
        }
        let defaultValue: JsValue;
        if (defaultNode) {
            if (defaultNode.value.kind === 'object') {
                this.problem(defaultNode.value, `attribute \`${name}\`: a default is a number, string, boolean, null or list`);
            } else {
                defaultValue = plain(defaultNode.value);
                const value = fromJs(defaultValue);
                const mismatch = checkValue(type, value, name);
                if (mismatch) this.problem(defaultNode.value, `the default of attribute ${mismatch.message.replace(/^`[^`]*` /, `\`${name}\` does not fit: it `)}`);
                else {
                    const numbers = Array.isArray(defaultValue) ? defaultValue : [defaultValue];
                    const outside = numbers.find(n => typeof n === 'number' && ((min !== undefined && n < min) || (max !== undefined && n > max)));
                    if (outside !== undefined) this.problem(defaultNode.value, `the default ${String(outside)} of attribute \`${name}\` is outside its range [${min ?? ''}, ${max ?? ''}]`);
                }
                if (required) this.problem({ line: defaultNode.keyLine, column: defaultNode.keyColumn }, `attribute \`${name}\` is required and has a default: drop one of them`);
            }
        }
        return { name, type, default: defaultValue, required, min, max, doc };
    }

    /** The type of an attribute (or of a list's items): `type` with `values`, `of`, `length`. */
    private typeSpec(node: JsonNode & { kind: 'object' }, fields: ReadonlyMap<string, JsonEntry>): AttributeType | undefined {
        const typeEntry = fields.get('type')!;
        if (typeEntry.value.kind !== 'string') {
            this.problem(typeEntry.value, `\`type\` is one of ${METAMODEL_FILE_TYPES.join(', ')}`);
            return undefined;
        }
        const kind = typeEntry.value.value;
        const values = fields.get('values');
        const of = fields.get('of');
        const length = fields.get('length');
        const misplaced = (entry: JsonEntry | undefined, allowed: string) => {
            if (entry) this.problem({ line: entry.keyLine, column: entry.keyColumn }, `\`${entry.key}\` applies to ${allowed} types, not ${kind}`);
        };
        if (kind !== 'enum') misplaced(values, 'enum');
        if (kind !== 'list' && kind !== 'optional') misplaced(of, 'list and optional');
        if (kind !== 'tuple') misplaced(length, 'tuple');
        switch (kind) {
            case 'enum': {
                if (!values) {
                    this.problem(typeEntry.value, 'an enum lists its `values`');
                    return undefined;
                }
                const list = this.stringList(values.value, '`values`');
                if (list.length === 0) this.problem(values.value, 'an enum has at least one value');
                const seen = new Set<string>();
                for (const value of list) {
                    if (seen.has(value)) this.problem(values.value, `the enum value "${value}" is listed twice`);
                    seen.add(value);
                }
                return { kind: 'enum', values: list };
            }
            case 'list':
            case 'optional': {
                let item: AttributeType | undefined;
                if (of) {
                    if (of.value.kind === 'string') item = this.typeName(of.value);
                    else if (of.value.kind === 'object') {
                        const itemFields = this.entries(of.value, TYPE_SPEC_KEYS, '`of`');
                        if (!itemFields.has('type')) this.problem(of.value, '`of` has no `type`');
                        else item = this.typeSpec(of.value, itemFields);
                    } else this.problem(of.value, '`of` is a type name or an object with `type`');
                    if (!item) return undefined;
                }
                if (kind === 'optional') {
                    if (!item) {
                        this.problem(typeEntry.value, 'an optional type says what it holds: `of`');
                        return undefined;
                    }
                    return { kind: 'optional', of: item };
                }
                return { kind: 'list', of: item };
            }
            case 'tuple': {
                const n = this.number(length, 'length');
                if (n !== undefined && (!Number.isInteger(n) || n < 0)) this.problem(length!.value, '`length` is a non-negative int');
                return { kind: 'tuple', length: n };
            }
            default:
                return this.typeName(typeEntry.value);
        }
    }

    /** A plain type name: int, float, bool, string, shape, any (enum, list, tuple, optional need an object). */
    private typeName(node: JsonNode & { kind: 'string' }): AttributeType | undefined {
        const name = node.value;
        switch (name) {
            case 'int': case 'float': case 'bool': case 'string': case 'any': case 'shape':
                return { kind: name };
            case 'list':
                return { kind: 'list' };
            case 'tuple':
                return { kind: 'tuple' };
            case 'enum': case 'optional':
                this.problem(node, `\`${name}\` needs an object: { "type": "${name}", ${name === 'enum' ? '"values": [...]' : '"of": ...'} }`);
                return undefined;
        }
        const suggestion = didYouMean(name, METAMODEL_FILE_TYPES);
        this.problem(node, `unknown attribute type \`${name}\`` + (suggestion ? ` — did you mean \`${suggestion}\`?` : ` (one of ${METAMODEL_FILE_TYPES.join(', ')})`));
        return undefined;
    }

    private port(name: string, node: JsonNode, key: 'inputs' | 'outputs'): PortDef | undefined {
        if (node.kind !== 'object') {
            this.problem(node, `port \`${name}\` is an object (\`arity\`, \`type\`, \`doc\`)`);
            return undefined;
        }
        const fields = this.entries(node, PORT_KEYS, `port \`${name}\``);
        const arityEntry = fields.get('arity');
        const arity = arityEntry ? this.arity(arityEntry.value) : (key === 'inputs' ? Arity.any : Arity.any);
        if (!arity) return undefined;
        return { name, arity, typeName: this.string(fields.get('type'), 'type'), doc: this.string(fields.get('doc'), 'doc') };
    }

    /** `1` (exactly one), `"0..1"` (at most one), `"1..*"` (at least one), `"*"` (any number). */
    private arity(node: JsonNode): Arity | undefined {
        if (node.kind === 'number' && Number.isInteger(node.value) && node.value >= 0) return Arity.exactly(node.value);
        if (node.kind === 'string') {
            const text = node.value.trim();
            if (text === '*') return Arity.any;
            if (/^\d+$/.test(text)) return Arity.exactly(Number(text));
            const match = /^(\d+)\.\.(\d+|\*)$/.exec(text);
            if (match) {
                const low = Number(match[1]);
                if (match[2] === '*') return low === 0 ? Arity.any : Arity.atLeast(low);
                const high = Number(match[2]);
                if (low === 0) return Arity.atMost(high);
                if (low === high) return Arity.exactly(low);
            }
        }
        this.problem(node, 'an arity is a count (`1`), `"0..N"` (at most N), `"N..*"` (at least N) or `"*"` (any number)');
        return undefined;
    }

    private reference(name: string, node: JsonNode): ReferenceDef | undefined {
        if (node.kind === 'string') return { name, target: node.value };
        if (node.kind !== 'object') {
            this.problem(node, `reference \`${name}\` is a type name or an object with \`target\``);
            return undefined;
        }
        const fields = this.entries(node, REFERENCE_KEYS, `reference \`${name}\``);
        const target = this.string(fields.get('target'), 'target');
        if (target === undefined) {
            if (!fields.has('target')) this.problem(node, `reference \`${name}\` has no \`target\` type`);
            return undefined;
        }
        return { name, target, required: this.boolean(fields.get('required'), 'required'), doc: this.string(fields.get('doc'), 'doc') };
    }

    // --- plain fields

    /** An object's entries by key: duplicate keys and (when `known` is given) unknown keys are problems. */
    private entries(node: JsonNode & { kind: 'object' }, known: readonly string[] | undefined, what: string): Map<string, JsonEntry> {
        const result = new Map<string, JsonEntry>();
        for (const entry of node.entries) {
            const at = { line: entry.keyLine, column: entry.keyColumn };
            if (result.has(entry.key)) {
                this.problem(at, `${what}: \`${entry.key}\` is given twice (first on line ${result.get(entry.key)!.keyLine})`);
                continue;
            }
            if (known && !known.includes(entry.key)) {
                const suggestion = didYouMean(entry.key, known);
                this.problem(at, `${what}: unknown key \`${entry.key}\`` + (suggestion ? ` — did you mean \`${suggestion}\`?` : ` (one of ${known.filter(k => k !== '$schema').join(', ')})`));
                continue;
            }
            result.set(entry.key, entry);
        }
        return result;
    }

    private identifier(entry: JsonEntry, name: string, what: string): boolean {
        const at = { line: entry.keyLine, column: entry.keyColumn };
        if (!IDENTIFIER.test(name)) {
            this.problem(at, `the ${what} name \`${name}\` is not an identifier (letters, digits and \`_\`, not starting with a digit)`);
            return false;
        }
        if (RESERVED.has(name)) {
            this.problem(at, `\`${name}\` is a keyword of the model syntax and cannot name ${what === 'attribute' ? 'an' : 'a'} ${what}`);
            return false;
        }
        return true;
    }

    private string(entry: JsonEntry | undefined, key: string): string | undefined {
        if (!entry) return undefined;
        if (entry.value.kind !== 'string') {
            this.problem(entry.value, `\`${key}\` is a string`);
            return undefined;
        }
        return entry.value.value;
    }

    private number(entry: JsonEntry | undefined, key: string): number | undefined {
        if (!entry) return undefined;
        if (entry.value.kind !== 'number') {
            this.problem(entry.value, `\`${key}\` is a number`);
            return undefined;
        }
        return entry.value.value;
    }

    private boolean(entry: JsonEntry | undefined, key: string): boolean | undefined {
        if (!entry) return undefined;
        if (entry.value.kind !== 'boolean') {
            this.problem(entry.value, `\`${key}\` is true or false`);
            return undefined;
        }
        return entry.value.value;
    }

    private stringList(node: JsonNode, what: string): string[] {
        if (node.kind !== 'array' || node.items.some(item => item.kind !== 'string')) {
            this.problem(node, `${what} is a list of strings`);
            return [];
        }
        return node.items.map(item => (item as { value: string }).value);
    }
}

/** `int` or `float` when a range can bound the type's numbers (lists and tuples of them included), else undefined. */
function isNumeric(type: AttributeType): 'int' | 'float' | undefined {
    switch (type.kind) {
        case 'int': return 'int';
        case 'float': return 'float';
        case 'tuple': return 'int';
        case 'list': return type.of ? isNumeric(type.of) : undefined;
        case 'optional': return isNumeric(type.of);
        default: return undefined;
    }
}
