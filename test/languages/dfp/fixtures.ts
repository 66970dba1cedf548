/** A small two-language project used by the `.dfp` tests: operations with code, a network file. */

export const NETS_DFNN = `network Net {
    x = Input(shape=(8,))
    y = Dense(2)(x)
}

block Blk() {
    inputs x
    y = Dense(2)(x)
}
`;

export const TRAIN_PY = `class Train:
    def __init__(self, architecture, epochs=20, optimizer="adam", rate=0.01):
        self.architecture = architecture

    def execute(self, images, labels, weights=None):
        model = self.architecture
        return model
`;

export const LOAD_PY = `class Load:
    def execute(self):
        images, labels = [], []
        return images, labels
`;

/** The operations (lines 0–11); a test appends a pipeline from line 12 on. */
export const OPERATIONS = `import "nets.dfnn"
operation Train {
    attributes { epochs: int = 20 [1..1000], optimizer: "adam" | "sgd" = "adam", rate: float = 0.01 }
    references { architecture: network }
    inputs images, labels, weights
    outputs model
    code "train.py"
}
operation Load {
    outputs images, labels
    code "load.py"
}
`;

export const FILES: Record<string, string> = { 'nets.dfnn': NETS_DFNN, 'train.py': TRAIN_PY, 'load.py': LOAD_PY };

/** The operations and a pipeline `P` whose body (from line 13 on) is `steps`. */
export function withPipeline(...steps: string[]): string {
    return `${OPERATIONS}pipeline P {\n${steps.map(s => `    ${s}`).join('\n')}\n}\n`;
}
