import numpy as np
import matplotlib.pyplot as plt
import math


class PdfVisRedshift():
    def __init__(self, num_images=9):

        # Calculates the number of rows and columns needed to arrange the images in
        # as square of a shape as possible
        self.num_images = num_images
        self.num_cols = math.ceil(math.sqrt(num_images))
        self.num_rows = math.ceil(num_images / self.num_cols)

        self.max_val = 0.4

    def execute(self, gt, pt, pdfs):
        gt = np.asarray(gt).reshape(-1)
        pt = np.asarray(pt).reshape(-1)
        num_images = min(self.num_images, len(pt))

        # Creates a collection of subfigures. Because each prediction uses the same bins,
        # x-axes are shared.
        fig, splts = plt.subplots(self.num_rows,
                                  self.num_cols,
                                  sharex=True,
                                  sharey=False,
                                  squeeze=False)

        # Chooses a random selection of indices representing the chosen images
        random_indices = np.random.choice(np.arange(len(pt)),
                                          num_images,
                                          replace=False)

        # Extracts the pdfs and redshifts represented by the chosen indices
        s_pdfs = np.take(pdfs, random_indices, axis=0)
        s_pt = np.take(pt, random_indices, axis=0)
        s_gt = np.take(gt, random_indices, axis=0)

        # Creates a list of the lower end of the ranges represented by each bin
        x_range = np.arange(pdfs.shape[1]) * (self.max_val / pdfs.shape[1])

        for i in range(num_images):
            col = i % self.num_cols
            row = i // self.num_cols

            # Creates a line graph from the current image's pdf
            splts[row, col].plot(x_range, s_pdfs[i], '-')

            # Creates two vertical lines to represent the predicted value (red) and the
            # actual value (green)
            splts[row, col].axvline(s_pt[i], color='red')
            splts[row, col].axvline(s_gt[i], color='green')

            # Creates a formatted string with one metric per line. Prints metrics to three
            # decimal places. d (delta) is how far off the prediction was from the actual value
            metricString = 'gt={gt:.03f}\npt={pt:.03f}\n \u0394={d:.03f}'
            metricString = metricString.format(gt=s_gt[i],
                                               pt=s_pt[i],
                                               d=abs(s_gt[i] - s_pt[i]))

            # Determines whether the metrics should be printed on the left or right of the
            # figure. If prediction is on the left end, the right side should be more clear
            # and should be the chosen side.
            alignRight = s_pt[i] <= self.max_val / 2

            # Adds the metric string to the figure at the top of the subfigure (which is the
            # max value of that pdf)
            splts[row, col].text(self.max_val if alignRight else 0,
                                 np.max(s_pdfs[i]),
                                 metricString,
                                 va='top',
                                 ha='right' if alignRight else 'left')

        # Hides the cells of the grid that hold no image
        for i in range(num_images, self.num_rows * self.num_cols):
            splts[i // self.num_cols, i % self.num_cols].axis('off')

        # Automatically tweaks margins and positioning of the graph
        plt.tight_layout()
        plt.show()
