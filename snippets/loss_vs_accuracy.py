"""Why we minimise the loss and not the accuracy.

Run it:  python snippets/loss_vs_accuracy.py
A tiny softmax classifier (2 inputs, 3 classes, no bias) on 30 made-up
points: it varies one weight, prints how the loss and the accuracy respond,
and writes loss_vs_accuracy.svg: the loss, a smooth curve, above the
accuracy, a staircase.
"""

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from loss_functions import as_batch, cross_entropy_error, softmax

# The classifier's weights; the sweep varies W[0, 0] and keeps the others.
W = np.array([[-1.0, 1.0, 0.0], [-0.4, -0.7, 1.0]])
WEIGHTS = np.linspace(-4, 3, 701)  # W[0, 0] from -4 to 3 in steps of 0.01
H = 1e-4  # the step of the numerical derivatives in report()


def toy_data(seed=0):
    """30 points in the plane, 10 around each of three centres: x and the
    class indices t."""
    rng = np.random.default_rng(seed)
    centres = np.array([[-1.5, 0.0], [1.5, 0.0], [0.0, 1.8]])
    t = np.repeat(np.arange(3), 10)
    return centres[t] + rng.standard_normal((30, 2)), t


# --8<-- [start:core]
def accuracy(y, t):
    """The fraction of examples whose largest output is the correct class."""
    y, t = as_batch(y, t)
    return np.mean(np.argmax(y, axis=1) == t)


def loss_and_accuracy(w, x, t):
    """Loss and accuracy of the classifier with W[0, 0] set to w."""
    W_w = W.copy()  # noqa: N806 -- the book's name for weights
    W_w[0, 0] = w
    y = softmax(x @ W_w)
    return cross_entropy_error(y, t), accuracy(y, t)


def sweep(weights, x, t):
    """Loss and accuracy for every value of W[0, 0] in weights."""
    return np.array([loss_and_accuracy(w, x, t) for w in weights]).T
# --8<-- [end:core]


def draw():
    """The loss above the accuracy, both against W[0, 0]."""
    loss, acc = sweep(WEIGHTS, *toy_data())
    best = np.argmin(loss)
    fig = Figure(figsize=(5, 5.5), layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True)
    top.plot(WEIGHTS, loss, color="tab:blue")
    top.plot(WEIGHTS[best], loss[best], "o", color="tab:orange")
    top.set_ylabel("loss (cross-entropy error)")
    top.set_title("loss: smooth")
    bottom.plot(WEIGHTS, acc, color="tab:green", drawstyle="steps-mid")
    bottom.set_ylabel("accuracy")
    bottom.set_title("accuracy: a staircase")
    bottom.set_ylim(0, 1)
    bottom.set_xlabel("W[0, 0]")
    for ax in (top, bottom):
        ax.grid(alpha=0.3)
    return fig


def report():
    x, t = toy_data()
    loss, acc = sweep(WEIGHTS, x, t)
    print(f"W[0, 0]: {len(WEIGHTS)} values from {WEIGHTS[0]} to "
          f"{WEIGHTS[-1]}; {len(t)} examples")
    best = np.argmin(loss)
    print(f"smallest loss {loss[best]:.4f} at W[0, 0] = {WEIGHTS[best]:.2f}, "
          f"accuracy there {acc[best]:.4f}")
    top = WEIGHTS[acc == acc.max()]
    print(f"highest accuracy {acc.max():.4f} for W[0, 0] "
          f"from {top.min():.2f} to {top.max():.2f}")
    values = np.unique(np.round(acc * len(t))).astype(int)
    print(f"accuracies seen, in examples right out of {len(t)}:")
    print(f"  {values.tolist()}")
    print(f"accuracy changes {np.count_nonzero(np.diff(acc))} times "
          f"between neighbouring values, of {len(WEIGHTS) - 1}")
    above, below = sweep(WEIGHTS + H, x, t), sweep(WEIGHTS - H, x, t)
    slope_loss, slope_acc = (above - below) / (2 * H)
    print(f"numerical derivative, h = {H}, at the {len(WEIGHTS)} values:")
    jumps = np.abs(slope_acc[slope_acc != 0])
    print(f"  of the accuracy: 0 at {len(WEIGHTS) - len(jumps)} values; "
          f"at the other {len(jumps)}, {jumps.min():.2f} or more")
    print(f"  of the loss:     0 at {np.sum(slope_loss == 0)} values")


def main():
    report()
    name = Path(__file__).with_suffix(".svg").name
    draw().savefig(name)
    print(f"saved {name}")


if __name__ == "__main__":
    main()
