from sklearn.model_selection import train_test_split


class SplitData():
    """Splits images and labels into a training and a test set (stratified by label)."""

    def __init__(self, test_size=0.2, seed=0):
        self.test_size = test_size
        self.seed = seed

    def execute(self, images, labels):
        train_images, test_images, train_labels, test_labels = train_test_split(
            images, labels,
            test_size=self.test_size,
            random_state=self.seed,
            stratify=labels)
        print('Training set:', train_images.shape, '- test set:', test_images.shape)
        return train_images, train_labels, test_images, test_labels
