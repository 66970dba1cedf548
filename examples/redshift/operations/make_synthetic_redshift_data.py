import numpy as np


class MakeSyntheticRedshiftData():
    """A small synthetic stand-in for the tutorial's SDSS data, in the same format.

    Images: float32 arrays of shape (N, 64, 64, 5) -- five bands (u, g, r, i, z) of a
    64×64 cut-out centred on a galaxy. Labels: float32 arrays of shape (N,) with the
    redshift of each galaxy, in [0, 0.4).

    Each galaxy is an elliptical light profile on a noisy sky. Farther galaxies (higher
    redshift) look smaller, fainter and redder, so a network can learn the redshift from
    the images, as it does from the real ones.
    """

    def __init__(self, num_train=512, num_test=128, seed=0):
        self.num_train = num_train
        self.num_test = num_test
        self.seed = seed
        self.size = 64
        self.bands = 5
        self.max_val = 0.4

    def execute(self):
        rng = np.random.default_rng(self.seed)
        train_images, train_labels = self.make(rng, self.num_train)
        test_images, test_labels = self.make(rng, self.num_test)
        print('Synthetic training set:', train_images.shape, train_labels.shape)
        print('Synthetic test set:', test_images.shape, test_labels.shape)
        return train_images, train_labels, test_images, test_labels

    def make(self, rng, n):
        # Redshifts skewed towards low values, like a flux-limited survey, in [0, 0.4).
        z = self.max_val * rng.beta(2.0, 5.0, size=n)
        z = np.minimum(z, np.nextafter(self.max_val, 0)).astype(np.float32)

        coords = np.arange(self.size, dtype=np.float32) - (self.size - 1) / 2.0
        yy, xx = np.meshgrid(coords, coords, indexing='ij')
        images = np.empty((n, self.size, self.size, self.bands), dtype=np.float32)
        band_index = np.arange(self.bands, dtype=np.float32)
        for k in range(n):
            # Apparent size and brightness fall with distance; colours redden.
            radius = 7.0 / (1.0 + 12.0 * z[k]) * rng.uniform(0.8, 1.25)
            brightness = 1.0 / (1.0 + 20.0 * z[k]) ** 2 * rng.uniform(0.7, 1.3)
            colour = np.exp((band_index - 2.0) * (4.0 * z[k] - 0.4))
            angle = rng.uniform(0.0, np.pi)
            axis_ratio = rng.uniform(0.4, 1.0)
            dy, dx = rng.normal(0.0, 1.0, size=2)
            u = (xx - dx) * np.cos(angle) + (yy - dy) * np.sin(angle)
            v = -(xx - dx) * np.sin(angle) + (yy - dy) * np.cos(angle)
            r = np.sqrt(u ** 2 + (v / axis_ratio) ** 2)
            profile = np.exp(-r / radius)
            sky = rng.normal(0.0, 0.01, size=(self.size, self.size, self.bands))
            images[k] = brightness * profile[:, :, None] * colour[None, None, :] + sky
        return images, z
