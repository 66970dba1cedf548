import matplotlib.pyplot as plt
import numpy as np


class EvalDigits():
    """Accuracy of the predictions, and a confusion-matrix plot."""

    def execute(self, pred_labels, true_labels):
        pred_labels = np.asarray(pred_labels).reshape(-1)
        true_labels = np.asarray(true_labels).reshape(-1)
        accuracy = float(np.mean(pred_labels == true_labels))
        print('Test accuracy: {:.4f} ({} images)'.format(accuracy, len(true_labels)))

        # Rows: true digit, columns: predicted digit; each row normalised to sum to 1.
        counts = np.zeros((10, 10))
        for t, p in zip(true_labels, pred_labels):
            counts[t, p] += 1
        cm = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)

        plt.figure(figsize=(6, 5))
        plt.imshow(cm, cmap=plt.get_cmap('Greens'), vmin=0, vmax=1)
        plt.title('Digits confusion matrix\naccuracy={:0.3f}'.format(accuracy))
        plt.colorbar()
        ticks = np.arange(10)
        plt.xticks(ticks)
        plt.yticks(ticks)
        for i in range(10):
            for j in range(10):
                if counts[i, j]:
                    plt.text(j, i, '{:d}'.format(int(counts[i, j])), ha='center', va='center',
                             color='white' if cm[i, j] > 0.5 else 'black', fontsize=8)
        plt.ylabel('True label')
        plt.xlabel('Predicted label')
        plt.tight_layout()
        plt.show()
        return accuracy
