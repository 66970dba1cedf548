from matplotlib import pyplot as plt
import numpy as np
import math


class ViewCifar():
    def __init__(self, num_images=16):
        self.num_images = num_images

    def execute(self, pred_labels, true_labels, images):
        # Reduces the dimensionality of true_labels by 1
        # ex. [[1],[4],[5],[2]] becomes [1, 4, 5, 2]
        true_labels = np.asarray(true_labels).reshape(-1)
        num_images = min(self.num_images, len(images))

        # Chooses a random selection of indices representing the chosen images
        orig_indices = np.arange(len(images))
        indices = np.random.choice(orig_indices, num_images, replace=False)

        # Extracts the images and labels represented by the chosen indices
        images = np.take(images, indices, axis=0)
        pred_labels = np.take(pred_labels, indices, axis=0)
        true_labels = np.take(true_labels, indices, axis=0)

        # Calculates the number of rows and columns needed to arrange the images in
        # as square of a shape as possible
        num_cols = math.ceil(math.sqrt(num_images))
        num_rows = math.ceil(num_images / num_cols)

        # Creates a collection of subplots, with one cell per image (squeeze=False keeps
        # the grid two-dimensional even for a single row)
        fig, splts = plt.subplots(num_rows, num_cols, sharex=True, sharey=True, squeeze=False)

        catName = ['plane', 'car', 'bird',
                   'cat', 'deer', 'dog', 'frog',
                   'horse', 'ship', 'truck']

        for i in range(num_rows * num_cols):
            # Determines the current row and column location
            col = i % num_cols
            row = i // num_cols
            splts[row, col].axis('off')
            if i >= num_images:
                continue

            # Displays the current image
            splts[row, col].imshow(images[i])

            # Retrieves the text label equivalent of the numerical labels
            p_cat = catName[pred_labels[i]]
            t_cat = catName[true_labels[i]]

            # Displays the category labels, with the true label colored green and in
            # the top-left corner and the predicted label colored red and in the
            # top-right corner
            splts[row, col].text(8, 0, t_cat, ha='center', va='bottom', color='green')
            splts[row, col].text(24, 0, p_cat, ha='center', va='bottom', color='red')

        # Displays the figure
        plt.show()
