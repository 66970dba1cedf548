import numpy as np


class TrainRedshift():
    def __init__(self, architecture, epochs=20, batch_size=32):
        self.arch = architecture
        self.epochs = epochs
        self.batch_size = batch_size

        # Maximum expected redshift value and number of bins to be used in classification
        # step. The max_val will need to change to be reasonably close to the maximum
        # redshift of your dataset. The number of bins must match the output shape of the
        # architecture, so it is read from the network (180 for inception.dfnn).
        self.max_val = 0.4
        self.num_bins = int(architecture.outputs[0].shape[-1])

    def execute(self, images, labels):
        print("Initializing Model")

        # Initialize the model
        self.arch.compile(loss='sparse_categorical_crossentropy',
                          optimizer='adam',
                          metrics=['sparse_categorical_accuracy'])
        print("Model Initialized Successfully")

        print("Beginning Training")
        print("Training images shape:", images.shape)
        print("Training labels shape:", labels.shape)

        # Train the model on the images and the labels. Labels are converted to categorical
        # data because the architecture expects an index to an output vector of length 180
        self.arch.fit(images,
                      self.to_categorical(labels),
                      batch_size=self.batch_size,
                      epochs=self.epochs,
                      verbose=2)

        print("Training Complete")

        # Saves the model in a new variable, so that the returned value reads like the
        # operation's output, `model`
        model = self.arch
        return model

    # Converts floating point labels to categorical vectors. The result for a given input
    # label is the index representing the range in which the label falls. For example, if
    # the max_val is 0.4 and the num_bins is 4, the possible indices are 0-3, representing
    # the ranges [0,0.1), [0.1,0.2), [0.2,0.3), and [0.3,0.4] respectively. So, a label of
    # 0.12 results in an output of 1
    def to_categorical(self, labels):
        bins = np.asarray(labels, dtype=np.float64).reshape(-1) // (self.max_val / self.num_bins)
        return np.clip(bins, 0, self.num_bins - 1).astype(np.int64)
