import numpy as np


class PredictDigits():
    """Predicts a digit for every image: the most probable class of the model's output."""

    def execute(self, images, model):
        probabilities = model.predict(images, verbose=0)
        pred_labels = np.argmax(probabilities, axis=1)
        return pred_labels
