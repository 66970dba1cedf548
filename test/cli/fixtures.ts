import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** Writes files (relative path → text) into a fresh temporary folder; returns the folder. */
export function writeProject(files: Record<string, string>): string {
    const root = mkdtempSync(path.join(tmpdir(), 'deepforge-cli-'));
    for (const [name, text] of Object.entries(files)) {
        const file = path.join(root, name);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, text);
    }
    return root;
}

export const GOOD = `network Small {
    x = Input(shape=(32,))
    h = Dense(10, activation="relu")(x)
    y = Dense(1)(h)
}
`;

export const BAD = `network Bad {
    x = Input(shape=(32,))
    h = Dense(10, activtion="relu")(x)
    u = Dense(3)(x)
    outputs h
}
`;
