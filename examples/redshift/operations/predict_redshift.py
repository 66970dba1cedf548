import numpy as np


class PredictRedshift():

    def execute(self, images, model):
        # See the comment on max_val and num_bins in TrainRedshift
        max_val = 0.4

        # Generates PDF for the redshift of each image
        pdfs = model.predict(images, verbose=0)
        num_bins = pdfs.shape[1]
        step = max_val / num_bins
        bin_starts = np.arange(num_bins) * step

        # Regresses prediction to a scalar value. Essentially a weighted average
        # where the weights are the pdf values for each bin and the values are
        # the middle of the range represented by each bin.
        labels = np.sum((bin_starts + (step / 2)) * pdfs, axis=1)

        return pdfs, labels
