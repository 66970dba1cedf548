import numpy as np
from sklearn.datasets import load_digits


class LoadDigits():
    """scikit-learn's bundled handwritten digits: 1,797 grey 8×8 images, no download."""

    def execute(self):
        print('Loading the scikit-learn digits')
        digits = load_digits()
        # The pixels are integers in 0..16: scale them to [0, 1] and add a channel axis,
        # the (N, height, width, channels) layout a Keras Conv2D expects.
        images = (digits.images / 16.0).astype(np.float32).reshape(-1, 8, 8, 1)
        labels = digits.target.astype(np.int64)
        print('Images:', images.shape, 'labels:', labels.shape)
        return images, labels
