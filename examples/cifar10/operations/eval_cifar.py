import matplotlib.pyplot as plt
import numpy as np


class EvalCifar():

    def execute(self, pred_labels, true_labels):
        # Reduces the dimensionality of true_labels by 1
        # ex. [[1],[4],[5],[2]] becomes [1, 4, 5, 2]
        true_labels = np.asarray(true_labels).reshape(-1)
        pred_labels = np.asarray(pred_labels).reshape(-1)

        # Builds a confusion matrix (counts) from the lists of labels
        counts = self.buildConfusionMatrix(pred_labels, true_labels)

        # Calculates the overall accuracy of the model
        # acc = (# correct) / (# samples)
        acc = np.trace(counts) / np.sum(counts)
        print('Accuracy: {:0.4f}'.format(acc))

        # Normalizes each row (one true class) to the range [0, 1]
        cm = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)

        # Display the confusion matrix as an image, mapping the intensities to a green
        # colorscale rather than the default one
        plt.figure()
        plt.imshow(cm, cmap=plt.get_cmap('Greens'))

        # Adds a title to the image. Also reports accuracy below the title
        plt.title('CIFAR-10 Confusion Matrix\naccuracy={:0.3f}'.format(acc))

        # Labels the ticks on the two axes (placed at positions [0,1,2,...,9]) with
        # the category names
        bins = np.arange(10)
        catName = ['plane', 'car', 'bird',
                   'cat', 'deer', 'dog', 'frog',
                   'horse', 'ship', 'truck']
        plt.xticks(bins, catName, rotation=45)
        plt.yticks(bins, catName)

        # Determines value at the center of the color scale
        mid = (cm.max() + cm.min()) / 2
        for i in range(10):
            for j in range(10):
                # Prints the value of each cell to two decimal places.
                # Colors text so that white text is printed on dark cells
                # and black text on light cells
                plt.text(j, i, '{:0.2f}'.format(cm[i, j]),
                         ha='center', va='center', fontsize=7,
                         color='white' if cm[i, j] > mid else 'black')

        # Labels the two axes
        plt.ylabel('True label')
        plt.xlabel('Predicted label')
        plt.tight_layout()

        # Displays the plot (DeepForge captures it)
        plt.show()

    def buildConfusionMatrix(self, pred_labels, true_labels):
        # Creates an empty matrix of size 10 x 10
        mat = np.zeros((10, 10))

        # Computes count of times that image with true label t is
        # assigned predicted label p
        for p, t in zip(pred_labels, true_labels):
            mat[t][p] += 1

        return mat
