"""Handwritten digits to train on, with no download: scikit-learn's 8x8 digits.

Run it:  python snippets/digits.py
It loads the 1,797 digits that ship inside scikit-learn, scales the pixels
from 0..16 to [0, 1], turns each label into a one-hot row, splits the digits
into training and test data with a fixed seed, prints the shapes and writes
digits.svg: the first training digits with their labels.
"""

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from sklearn.datasets import load_digits

TEST_SIZE = 360  # about a fifth of the 1,797 digits
PIXEL_MAX = 16  # each pixel counts the inked dots in a 4x4 block: 0..16


def check_count(name, value, low, high):
    """value must be an int (not a bool) with low <= value <= high."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an int, got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be from {low} to {high}, got {value}")


# --8<-- [start:core]
def one_hot(labels, classes=10):
    """Labels 0..classes-1 as rows of zeros with a single 1."""
    labels = np.asarray(labels)
    if labels.dtype.kind not in "iu" or labels.ndim != 1:
        raise TypeError("labels must be a 1-D array of integers")
    if labels.size and not 0 <= labels.min() <= labels.max() < classes:
        raise ValueError(f"labels must be from 0 to {classes - 1}")
    return np.eye(classes)[labels]


def load_data(test_size=TEST_SIZE, seed=0):
    """(x_train, t_train), (x_test, t_test), as the book's load_mnist
    (normalize=True, one_hot_label=True) gives them: a row of pixels in
    [0, 1] per image, a one-hot row per label."""
    digits = load_digits()
    check_count("test_size", test_size, 1, len(digits.target) - 1)
    x = digits.data / PIXEL_MAX
    t = one_hot(digits.target)
    order = np.random.default_rng(seed).permutation(len(x))
    test, train = order[:test_size], order[test_size:]
    return (x[train], t[train]), (x[test], t[test])
# --8<-- [end:core]


def draw(rows=3, columns=6):
    """The first training digits, each titled with its label."""
    (x_train, t_train), _ = load_data()
    fig = Figure(figsize=(5, 2.9), layout="constrained")
    for ax, image, label in zip(
        fig.subplots(rows, columns).ravel(), x_train, t_train
    ):
        ax.imshow(image.reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
        ax.set_title(f"label {label.argmax()}", fontsize=10)
        ax.set_axis_off()
    return fig


def report():
    raw = load_digits()
    print(f"load_digits(): {raw.data.shape[0]} images of {raw.images.shape[1]}"
          f"x{raw.images.shape[2]} pixels, values {raw.data.min():g}"
          f" to {raw.data.max():g}")
    (x_train, t_train), (x_test, t_test) = load_data()
    print(f"x_train.shape = {x_train.shape}, t_train.shape = {t_train.shape}")
    print(f"x_test.shape = {x_test.shape}, t_test.shape = {t_test.shape}")
    print(f"pixels scaled to {x_train.min():g} .. {x_train.max():g}")
    print(f"t_train[0] = {t_train[0]!r}")
    counts = t_train.sum(axis=0).astype(int)
    print(f"training digits per class 0-9: {counts.tolist()}")


def main():
    report()
    name = Path(__file__).with_suffix(".svg").name
    draw().savefig(name)
    print(f"saved {name}")


if __name__ == "__main__":
    main()
