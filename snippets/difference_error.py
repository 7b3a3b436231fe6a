"""Why h = 1e-4: the error of the forward and the central difference against h.

Run it:  python snippets/difference_error.py
It shows why the naive forward difference with h = 1e-50 gives 0, prints the
errors at h = 1e-4 and writes difference_error.svg: both errors against h on
log-log axes.
"""

from pathlib import Path

import numpy as np
from matplotlib import rcParams
from matplotlib.figure import Figure

from numerical_diff import function_1


# --8<-- [start:core]
def forward_difference(f, x, h):
    """(f(x + h) - f(x)) / h, unchecked: for studying its errors only."""
    return (f(x + h) - f(x)) / h


def central_difference(f, x, h):
    """(f(x + h) - f(x - h)) / 2h, unchecked: for studying its errors only."""
    return (f(x + h) - f(x - h)) / (2 * h)
# --8<-- [end:core]


# exp is its own derivative, so the exact answer at X is exp(X).
X = 1.0
STEPS = np.logspace(-16, 0, 161)


def cube(x):
    """x^3: its central difference is 3x^2 + h^2 exactly, an error of h^2."""
    return x**3


def errors(difference):
    """Absolute error of a difference formula for exp at X, for every h in
    STEPS."""
    return np.abs(difference(np.exp, X, STEPS) - np.exp(X))


def draw_slope_guide(ax, steps, scale, power, style, label):
    """A reference line scale * h**power from steps[0] to steps[-1]: on
    log-log axes, a straight line of slope power."""
    ax.loglog(steps, scale * steps**power, style, linewidth=1, label=label,
              color=rcParams["text.color"])


def draw():
    """Both errors against h: truncation error on the right, rounding on the
    left, with guides of slope 1 and 2."""
    fig = Figure(figsize=(5, 3.8), layout="constrained")
    ax = fig.add_subplot()
    # An error of exactly 0 has no place on a log axis; those points are left
    # out.
    for difference, label in (
        (forward_difference, "$(f(x+h)-f(x))/h$"),
        (central_difference, "$(f(x+h)-f(x-h))/2h$"),
    ):
        error = errors(difference)
        ax.loglog(STEPS[error > 0], error[error > 0], label=label)
    # Guides ten times above the leading error terms, e h / 2 and e h^2 / 6,
    # so that they run parallel to the curves where truncation dominates.
    draw_slope_guide(ax, np.array([1e-6, 1.0]), 10 * np.e / 2, 1, "--",
                     r"$\propto h$ (slope 1)")
    draw_slope_guide(ax, np.array([1e-3, 1.0]), 10 * np.e / 6, 2, "-.",
                     r"$\propto h^2$ (slope 2)")
    ax.axvline(1e-4, color="gray", linestyle=":", label="$h = 10^{-4}$")
    ax.set_xlabel("$h$")
    ax.set_ylabel(r"$|\mathrm{error}|$")
    ax.legend(fontsize=9)
    return fig


def report():
    print(f"np.float32(1e-50) = {np.float32(1e-50)!r}")
    print(f"5 + 1e-50 == 5: {5 + 1e-50 == 5}")
    print(
        "forward_difference(function_1, 5, 1e-50) =",
        repr(forward_difference(function_1, 5, 1e-50)),
    )
    for difference in (forward_difference, central_difference):
        error = abs(difference(np.exp, X, 1e-4) - np.exp(X))
        print(
            f"{difference.__name__}: error for exp at {X}, h=1e-4: {error:.2e}"
        )
    # For the exercises: a difference formula's value, predicted by Taylor's
    # formula, to ten decimal places.
    forward = forward_difference(function_1, 5, 0.01)
    print(f"forward_difference(function_1, 5, 0.01) = {forward:.10f}")
    central = central_difference(cube, 2, 0.01)
    print(f"central_difference(cube, 2, 0.01) = {central:.10f}")


def main():
    report()
    name = Path(__file__).with_suffix(".svg").name
    draw().savefig(name)
    print(f"saved {name}")


if __name__ == "__main__":
    main()
