class TrainCifar():
    # Runs when preparing the operation for execution. `architecture` is the Keras model
    # DeepForge builds from the network the pipeline references (VGG in vgg.dfnn).
    def __init__(self, architecture, batch_size=32, epochs=20):
        print("Initializing Trainer")
        # Saves attributes as class variables for later use
        self.arch = architecture
        self.epochs = epochs
        self.batch_size = batch_size

    # Runs when the operation is actually executed
    def execute(self, images, labels):
        print("Initializing Model")
        # Compiles the neural network architecture. Other losses and optimizers can be
        # used as desired
        self.arch.compile(loss='sparse_categorical_crossentropy',
                          optimizer='adam',
                          metrics=['sparse_categorical_accuracy'])
        print("Model Initialized Successfully")

        print("Beginning Training")
        print("Training images shape:", images.shape)
        print("Training labels shape:", labels.shape)

        # Train the model on the given inputs (images) and outputs (labels)
        # using the specified training options.
        self.arch.fit(images,
                      labels,
                      batch_size=self.batch_size,
                      epochs=self.epochs,
                      verbose=2)

        print("Training Complete")

        # Saves the model in a new variable, so that the returned value reads like the
        # operation's output, `model`
        model = self.arch
        return model
