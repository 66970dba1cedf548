import matplotlib.pyplot as plt


class TrainDigits():
    """Compiles and fits the network given as the `architecture` reference.

    DeepForge builds the Keras model from the referenced `.dfnn` network and passes it
    here as `architecture` (a "resource"), ready to compile.
    """

    def __init__(self, architecture, epochs=10, batch_size=32, optimizer='adam'):
        self.arch = architecture
        self.epochs = epochs
        self.batch_size = batch_size
        self.optimizer = optimizer

    def execute(self, images, labels):
        self.arch.compile(loss='sparse_categorical_crossentropy',
                          optimizer=self.optimizer,
                          metrics=['sparse_categorical_accuracy'])
        print('Training on', images.shape[0], 'images for', self.epochs, 'epochs')
        history = self.arch.fit(images, labels,
                                batch_size=self.batch_size,
                                epochs=self.epochs,
                                validation_split=0.1,
                                verbose=2)

        # The learning curves: DeepForge captures every figure shown with plt.show().
        plt.figure()
        plt.title('Training')
        epochs = range(1, len(history.history['loss']) + 1)
        plt.plot(epochs, history.history['loss'], label='loss')
        plt.plot(epochs, history.history['val_loss'], label='validation loss')
        plt.plot(epochs, history.history['sparse_categorical_accuracy'], label='accuracy')
        plt.xlabel('Epoch')
        plt.legend()
        plt.show()

        model = self.arch
        return model
