import numpy as np
from keras.datasets import cifar10


class GetCifarData():

    def execute(self):
        print('Retrieving CIFAR-10 train_imgs')

        # Retrieve CIFAR-10 data (Keras downloads it once, ~170 MB, into ~/.keras/datasets).
        # load_data() returns a 2-tuple of 2-tuples. The left hand side decomposes these
        # tuples into four separate variables.
        (train_images, train_labels), (test_images, test_labels) = cifar10.load_data()

        # Scale the pixels from 0..255 to [0, 1]: the network trains much better on them.
        train_images = train_images.astype(np.float32) / 255.0
        test_images = test_images.astype(np.float32) / 255.0

        print('CIFAR-10 train_imgs successfully retrieved')
        print('Training set shape: {shape}'.format(shape=train_images.shape))
        print('Testing set shape: {shape}'.format(shape=test_images.shape))
        # The outputs, in the order the operation declares them.
        return train_images, train_labels, test_images, test_labels
