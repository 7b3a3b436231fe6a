"""Gradient descent: step against the gradient, again and again.

Run it:  python snippets/gradient_descent.py
It prints where gradient descent from (-3, 4) ends with lr = 0.1 after 100
steps and writes gradient_descent.svg: the path over the contour lines of f(x0,
x1) = x0^2 + x1^2.
"""

from numbers import Integral, Real
from pathlib import Path

import numpy as np
from matplotlib import rcParams
from matplotlib.figure import Figure

from gradient import numerical_gradient
from partial_derivative import function_2


def checked_start(f, init_x, lr, step_num):
    """init_x as a new float64 array, once every argument is checked."""
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    if isinstance(lr, bool) or not isinstance(lr, Real) or not 0 < lr < np.inf:
        raise ValueError(f"lr must be a positive finite number, got {lr!r}")
    if (
        isinstance(step_num, bool)
        or not isinstance(step_num, Integral)
        or step_num < 0
    ):
        raise ValueError(
            f"step_num must be a whole number >= 0, got {step_num!r}"
        )
    start = np.asarray(init_x)
    # "i" and "u" are integers, "f" floats; text would be parsed, not refused.
    if start.dtype.kind not in "iuf":
        raise TypeError(
            f"init_x must be real numbers, got dtype {start.dtype}"
        )
    # Always a float64 copy, which numerical_gradient can nudge in place: the
    # caller's array is never modified, so f must compute from its argument.
    return start.astype(np.float64)


# --8<-- [start:core]
def gradient_descent(f, init_x, lr=0.01, step_num=100):
    """Step x <- x - lr * grad f(x) step_num times; return x and the history.

    The history holds every point visited, init_x first, so it has step_num + 1
    rows. init_x is not modified: x is a copy, so f must read its argument.
    """
    x = checked_start(f, init_x, lr, step_num)  # a float64 copy of init_x
    history = [x.copy()]
    for _ in range(step_num):
        x -= lr * numerical_gradient(f, x)
        history.append(x.copy())
    return x, np.array(history)
# --8<-- [end:core]


INIT_X = (-3.0, 4.0)


def steps_to_reach(tolerance, lr=0.1, step_num=1000):
    """The first step after which gradient descent on function_2 from INIT_X
    is closer than tolerance to the minimum (0, 0)."""
    _, history = gradient_descent(function_2, INIT_X, lr=lr, step_num=step_num)
    close = np.flatnonzero(np.hypot(history[:, 0], history[:, 1]) < tolerance)
    if close.size == 0:
        raise ValueError(
            f"not within {tolerance!r} of the minimum after {step_num} steps"
        )
    return int(close[0])


DRAWN_STEPS = 20


def draw():
    """The path from (-3, 4) with lr = 0.1 over the contour lines of f,
    its start and end marked."""
    _, history = gradient_descent(
        function_2, INIT_X, lr=0.1, step_num=DRAWN_STEPS
    )
    x0, x1 = np.meshgrid(
        np.linspace(-4.5, 4.5, 91), np.linspace(-4.5, 4.5, 91)
    )
    fig = Figure(figsize=(5, 5), layout="constrained")
    ax = fig.add_subplot()
    levels = [1, 2, 4, 8, 16, 25]
    ax.contour(x0, x1, function_2((x0, x1)), levels=levels, colors="silver")
    ax.axhline(0, color="gray", linestyle="--", linewidth=0.8)
    ax.axvline(0, color="gray", linestyle="--", linewidth=0.8)
    ax.plot(
        history[:, 0],
        history[:, 1],
        "o-",
        color="tab:blue",
        markersize=4,
        label="path, lr = 0.1",
    )
    # Start and end differ in shape, not only in colour, and are named in
    # the legend.
    ink = rcParams["text.color"]
    ax.plot(*history[0], "s", color=ink, markersize=9,
            label="start (\u22123, 4)")
    ax.plot(*history[-1], "*", color="tab:orange", markersize=15,
            markeredgecolor=ink, label=f"end, step {DRAWN_STEPS}")
    ax.set_aspect("equal")
    ax.set_xlim(-4.5, 4.5)
    ax.set_ylim(-4.5, 4.5)
    ax.set_xlabel("$x_0$")
    ax.set_ylabel("$x_1$")
    ax.legend(loc="lower right")
    return fig


def report():
    x, history = gradient_descent(function_2, INIT_X, lr=0.1, step_num=100)
    print(
        f"gradient_descent(function_2, {INIT_X}, lr=0.1, step_num=100)\n"
        f"  -> {x!r}"
    )
    print(
        f"history: {history.shape[0]} points,\n"
        f"  from {history[0]!r}\n  to {history[-1]!r}"
    )
    print(f"steps to within 1e-6 of the minimum: {steps_to_reach(1e-6)}")


def main():
    report()
    name = Path(__file__).with_suffix(".svg").name
    draw().savefig(name)
    print(f"saved {name}")


if __name__ == "__main__":
    main()
