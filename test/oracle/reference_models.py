"""Reference Keras models for the whole-model differential tests, written by hand with the
Keras functional API exactly as a Keras user would write the tutorials' networks. They are
independent of DeepForge: the .dfnn versions in examples/ must produce the same layers,
shapes and parameter counts."""
import keras
from keras import layers


def cifar10_vgg():
    """The CIFAR-10 tutorial's VGG (examples/cifar10/vgg.dfnn)."""
    image = keras.Input(shape=(32, 32, 3))
    x = image
    for filters in (32, 64, 128, 256):
        x = layers.Conv2D(filters, (3, 3), padding="same", activation="relu")(x)
        x = layers.Conv2D(filters, (3, 3), padding="same", activation="relu")(x)
        x = layers.MaxPooling2D((2, 2), strides=(2, 2))(x)
    x = layers.Flatten()(x)
    x = layers.Dense(2048, activation="relu")(x)
    x = layers.Dense(2048, activation="relu")(x)
    probs = layers.Dense(10, activation="softmax")(x)
    return keras.Model(image, probs)


def _conv_prelu(x, filters, kernel_size=(1, 1)):
    x = layers.Conv2D(filters, kernel_size, padding="same")(x)
    return layers.PReLU()(x)


def _inception(x, a, b, c, d=None):
    direct = _conv_prelu(x, b)
    conv3 = _conv_prelu(_conv_prelu(x, a), c, (3, 3))
    branches = [direct, conv3]
    if d is not None:
        branches.append(_conv_prelu(_conv_prelu(x, a), d, (5, 5)))
    pool = layers.AveragePooling2D((2, 2), strides=(1, 1), padding="same")(_conv_prelu(x, a))
    return layers.Concatenate()(branches + [pool])


def redshift_inception():
    """The redshift tutorial's Inception-v1 (examples/redshift/inception.dfnn)."""
    image = keras.Input(shape=(64, 64, 5))
    x = _conv_prelu(image, 64, (5, 5))
    x = layers.AveragePooling2D((2, 2), strides=(2, 2), padding="same")(x)
    x = _inception(x, 48, 64, 64, 64)
    x = _inception(x, 64, 92, 92, 92)
    x = layers.AveragePooling2D((2, 2), strides=(2, 2), padding="same")(x)
    x = _inception(x, 92, 128, 128, 128)
    x = _inception(x, 92, 128, 128, 128)
    x = layers.AveragePooling2D((2, 2), strides=(2, 2), padding="same")(x)
    x = _inception(x, 92, 128, 128)
    x = layers.Flatten()(x)
    x = layers.Dense(1096, activation="relu")(x)
    x = layers.Dropout(0.3)(x)
    bins = layers.Dense(180, activation="softmax")(x)
    return keras.Model(image, bins)
