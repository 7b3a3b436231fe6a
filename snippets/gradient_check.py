"""Gradient check: the analytic gradient against the numerical one.

Run it:  python snippets/gradient_check.py
For a small TwoLayerNet (64 inputs, 10 hidden units, 10 outputs) and three
training digits, it computes every parameter's gradient by numerical
differentiation and by TwoLayerNet.gradient, prints the largest absolute
difference per parameter beside the largest gradient, and writes
gradient_check.svg: one value against the other, a point per parameter.
"""

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from digits import load_data
from two_layer_net import PARAMS, TwoLayerNet

EXAMPLES = 3
HIDDEN_SIZE = 10


# --8<-- [start:core]
def gradient_check(examples=EXAMPLES, hidden_size=HIDDEN_SIZE, seed=0):
    """Both gradients of a small network's loss on a few training digits."""
    (x_train, t_train), _ = load_data()
    x_batch, t_batch = x_train[:examples], t_train[:examples]
    net = TwoLayerNet(x_train.shape[1], hidden_size, t_train.shape[1],
                      seed=seed)
    grad_numerical = net.numerical_gradient(x_batch, t_batch)
    grad_backprop = net.gradient(x_batch, t_batch)
    return net, grad_numerical, grad_backprop


def largest_differences(grad_numerical, grad_backprop):
    return {key: np.abs(grad_numerical[key] - grad_backprop[key]).max()
            for key in PARAMS}
# --8<-- [end:core]


def draw():
    """Numerical against analytic values, a panel per parameter."""
    _, numerical, analytic = gradient_check()
    differences = largest_differences(numerical, analytic)
    fig = Figure(figsize=(5, 5.4), layout="constrained")
    for ax, key in zip(fig.subplots(2, 2).ravel(), PARAMS):
        exact, approximate = analytic[key].ravel(), numerical[key].ravel()
        limit = 1.1 * np.abs(exact).max()
        ax.plot([-limit, limit], [-limit, limit], color="gray",
                linewidth=0.8)
        ax.plot(exact, approximate, "o", markersize=3, alpha=0.6)
        ax.set(xlim=(-limit, limit), ylim=(-limit, limit), aspect="equal")
        ax.set_title(f"{key}: {exact.size} values\nlargest difference "
                     f"{differences[key]:.0e}", fontsize=10)
        ax.ticklabel_format(scilimits=(-2, 2))
        ax.grid(True, alpha=0.3)
    fig.supxlabel("gradient()")
    fig.supylabel("numerical_gradient()")
    return fig


def report():
    net, numerical, analytic = gradient_check()
    count = net.parameter_count()
    print(f"{EXAMPLES} digits, {HIDDEN_SIZE} hidden units: {count} "
          f"parameters, {2 * count} loss evaluations for the numerical one")
    for key, difference in largest_differences(numerical, analytic).items():
        print(f"{key}: largest |numerical - analytic| = {difference:.1e}, "
              f"largest |gradient| = {np.abs(analytic[key]).max():.1e}")


def main():
    report()
    name = Path(__file__).with_suffix(".svg").name
    draw().savefig(name)
    print(f"saved {name}")


if __name__ == "__main__":
    main()
