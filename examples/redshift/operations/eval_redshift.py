import math

import matplotlib.pyplot as plt
import numpy as np
from scipy.special import erf


def crps_gaussian(x, mu, sig):
    """CRPS of observations x under the normal distribution N(mu, sig²): the closed form
    that properscoring.crps_gaussian computes (properscoring is not always installable)."""
    x = np.asarray(x, dtype=np.float64)
    if sig == 0:
        return np.abs(x - mu)
    sx = (x - mu) / sig
    pdf = np.exp(-0.5 * sx ** 2) / math.sqrt(2 * math.pi)
    cdf = 0.5 * (1 + erf(sx / math.sqrt(2)))
    return sig * (sx * (2 * cdf - 1) + 2 * pdf - 1 / math.sqrt(math.pi))


class EvalRedshift():

    def execute(self, gt, pt):
        print('Evaluating model')
        gt = np.asarray(gt, dtype=np.float64).reshape(-1)
        pt = np.asarray(pt, dtype=np.float64).reshape(-1)

        # Calculates various metrics for later display. For more info, see section 4.1 of
        # of Pasquet et. al.
        residuals = (pt - gt) / (gt + 1)
        pred_bias = np.average(residuals)
        dev_MAD = np.median(np.abs(residuals - np.median(residuals))) * 1.4826
        frac_outliers = np.count_nonzero(np.abs(residuals) > (dev_MAD * 5)) / len(residuals)
        crps = np.average(crps_gaussian(pt, np.mean(pt), np.std(pt)))

        # Creates the figure and gives it a title
        plt.figure()
        plt.title('Redshift Confusion Scatterplot')

        # Plots all galaxies where the x-value is the true redshift of a galaxy and the
        # y-value is the predicted redshift value of a galaxy
        plt.scatter(gt, pt)

        # Creates a dashed black line representing the line on which a perfect prediction
        # would lie. This line has a slope of 1 and goes from the origin to the maximum
        # redshift (predicted or actual)
        maxRS = max(max(gt), max(pt))
        endpoints = [0, maxRS]
        plt.plot(endpoints, endpoints, '--k')

        # Creates a formatted string with one metric per line. Prints metrics to three
        # decimal places
        metricStr = 'pred_bias: {pb:.03f}\n' + \
                    'MAD Deviation: {dm:.03f}\n' + \
                    'Fraction of Outliers: {fo:.03f}\n' + \
                    'Avg. CRPS: {ac:.03f}'
        formattedMetrics = metricStr.format(pb=pred_bias,
                                            dm=dev_MAD,
                                            fo=frac_outliers,
                                            ac=crps)
        print(formattedMetrics)

        # Prints the metrics string at the top left of the figure
        plt.text(0, maxRS, formattedMetrics, va='top')

        # Labels axes and displays figure
        plt.ylabel('Predicted Redshift')
        plt.xlabel('True Redshift')
        plt.show()
        return
