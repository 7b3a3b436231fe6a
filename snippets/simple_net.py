"""The gradient of a tiny neural network's loss with respect to its weights.

Run it:  python snippets/simple_net.py
With the book's fixed 2x3 weight matrix it prints the prediction, the loss and
dW from numerical_gradient, beside the exact gradient x^T (softmax(xW) - t),
and writes simple_net.svg: both as heat maps.
"""

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from gradient import numerical_gradient
from loss_functions import cross_entropy_error, softmax


# --8<-- [start:core]
class simpleNet:  # noqa: N801 -- the book's name, so readers recognise it
    """One layer, no bias: 2 inputs, 3 outputs, softmax and cross-entropy
    error."""

    def __init__(self, W=None):  # noqa: N803 -- the book's name
        self.W = (
            np.random.default_rng().standard_normal((2, 3))
            if W is None
            else np.array(W, dtype=np.float64)
        )

    def predict(self, x):
        return np.dot(x, self.W)

    def loss(self, x, t):
        return cross_entropy_error(softmax(self.predict(x)), t)
# --8<-- [end:core]


# The weights printed in the book, so that every number here can be compared
# with it.
BOOK_W = [
    [0.47355232, 0.9977393, 0.84668094],
    [0.85557411, 0.03563661, 0.69422093],
]
X = np.array([0.6, 0.9])
T = np.array([0.0, 0.0, 1.0])


def analytic_gradient(net, x, t):
    """dL/dW = x^T (softmax(xW) - t), exact."""
    return np.outer(x, softmax(net.predict(x)) - t)


def numerical_dW(x):  # noqa: N802 -- the book's name dW
    """dW by numerical_gradient for the book's weights and another input x."""
    net = simpleNet(BOOK_W)
    return numerical_gradient(lambda w: net.loss(x, T), net.W)


def gradients():
    """dW by numerical_gradient, with the book's idiom, and the exact dW."""
    net = simpleNet(BOOK_W)
    # The book's idiom: f ignores w, since numerical_gradient perturbs net.W
    # itself.
    f = lambda w: net.loss(X, T)  # noqa: E731
    return numerical_gradient(f, net.W), analytic_gradient(net, X, T)


def draw_heat_map(ax, matrix, limit, title):
    """One matrix as a heat map with every value printed in its cell."""
    image = ax.imshow(
        matrix, cmap="RdBu_r", vmin=-limit, vmax=limit, aspect="auto"
    )
    for (row, col), value in np.ndenumerate(matrix):
        # Black on light cells, white on dark ones, by the cell's luminance.
        red, green, blue, _ = image.cmap(image.norm(value))
        light = 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.45
        text = f"{value:.4f}".replace("-", "\u2212")
        ax.text(col, row, text, ha="center", va="center", fontsize=11,
                color="black" if light else "white")
    ax.set(title=title, xticks=range(3), yticks=range(2))
    ax.set_xlabel("class $k$")
    ax.set_ylabel("input $i$")
    return image


def draw():
    """dW from numerical_gradient above the exact gradient, as annotated
    heat maps: row i is the input, column k the class."""
    numeric, exact = gradients()
    limit = np.abs(exact).max()
    # One map above the other, so that a phone shows the numbers legibly.
    fig = Figure(figsize=(5, 4.4), layout="constrained")
    titles = ("numerical_gradient", r"$x^\top(\mathrm{softmax}(xW) - t)$")
    for ax, matrix, title in zip(
        fig.subplots(2, 1), (numeric, exact), titles, strict=True
    ):
        image = draw_heat_map(ax, matrix, limit, title)
    fig.colorbar(image, ax=fig.axes, label=r"$\partial L / \partial W_{ik}$")
    return fig


def report():
    net = simpleNet(BOOK_W)
    p = net.predict(X)
    print(f"predict(x) = {p!r}")
    print(f"argmax = {np.argmax(p)}")
    print(f"loss(x, t) = {float(net.loss(X, T))!r}")
    numeric, exact = gradients()
    print(f"dW by numerical_gradient =\n{numeric!r}")
    print(f"dW by x^T (softmax(xW) - t) =\n{exact!r}")
    # For the exercises.
    ratios = ", ".join(f"{ratio:.6f}" for ratio in numeric[1] / numeric[0])
    print(f"row 1 / row 0 of dW by numerical_gradient: {ratios}")
    zero_input = numerical_dW(np.array([0.0, 0.9]))
    print(f"dW by numerical_gradient for x = (0, 0.9) =\n{zero_input!r}")


def main():
    report()
    name = Path(__file__).with_suffix(".svg").name
    draw().savefig(name)
    print(f"saved {name}")


if __name__ == "__main__":
    main()
