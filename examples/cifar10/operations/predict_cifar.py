import numpy as np


class PredictCifar():

    def execute(self, images, model):
        print('Predicting Image Categories')

        # Predicts the PDF for the input images
        pred_labels = model.predict(images, verbose=0)

        # Converts PDFs into scalar predictions
        pred_labels = np.argmax(pred_labels, axis=1)

        print('Predictions Generated')
        return pred_labels
