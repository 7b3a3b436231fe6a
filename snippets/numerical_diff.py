"""Numerical differentiation by the central difference, and tangent lines.

Run it:  python snippets/numerical_diff.py
It prints the derivative of f(x) = 0.01x^2 + 0.1x at x = 5 and x = 10 and
writes numerical_diff.svg: the curve with its tangent lines at those two
points.
"""

from numbers import Real
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

# The denominator is the nominal 2h, as in the book. That is only right while
# x + h and x - h can be stored with this relative accuracy; past it we refuse.
STEP_RTOL = 1e-6


def check_h(h):
    if (
        isinstance(h, bool)
        or not isinstance(h, Real)
        or not np.isfinite(h)
        or h <= 0
    ):
        raise ValueError(f"h must be a positive finite number, got {h!r}")


def check_step(x, h):
    """Raise ValueError unless x + h and x - h are stored about 2h apart."""
    taken = (x + h) - (x - h)  # computed in x's own float type
    if abs(taken - 2 * h) > STEP_RTOL * 2 * h:
        dtype = np.result_type(x, 0.0)
        advice = "Use a larger h" if dtype == np.float64 else "Use float64"
        raise ValueError(
            f"h={h!r} is too small next to x={x!r}: in {dtype}, x + h and "
            f"x - h are {taken!r} apart instead of 2h = {2 * h!r}. {advice}."
        )


def scalar_value(value):
    """Return f's value as a float, or raise if f did not return one real
    number."""
    array = np.asarray(value)
    real = np.issubdtype(array.dtype, np.number) and not np.iscomplexobj(array)
    if array.size != 1 or not real:
        raise TypeError(f"f must return one real number, got {value!r}")
    return float(array.reshape(()))


def check_arguments(f, x, h):
    """The four guards the book's numerical_diff lacks."""
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    if isinstance(x, bool) or not isinstance(x, Real):
        raise TypeError(
            f"x must be a real number, got {x!r}; see numerical_gradient"
        )
    check_h(h)
    check_step(x, h)


# --8<-- [start:core]
def numerical_diff(f, x, h=1e-4):
    """Return the central difference (f(x + h) - f(x - h)) / 2h."""
    check_arguments(f, x, h)
    return (scalar_value(f(x + h)) - scalar_value(f(x - h))) / (2 * h)


def function_1(x):
    """The book's example: f(x) = 0.01x^2 + 0.1x, whose derivative is 0.02x
    + 0.1."""
    return 0.01 * x**2 + 0.1 * x


def tangent_line(f, x):
    """Return the tangent line of f at x as a function of t."""
    slope = numerical_diff(f, x)
    intercept = f(x) - slope * x
    return lambda t: slope * t + intercept
# --8<-- [end:core]


def draw():
    """The curve f with its tangent lines at x = 5 and x = 10."""
    t = np.arange(0.0, 20.0, 0.1)
    fig = Figure(figsize=(5, 3.6), layout="constrained")
    ax = fig.add_subplot()
    ax.plot(t, function_1(t), color="black", label="$f(x)$")
    for x, color in ((5, "tab:blue"), (10, "tab:orange")):
        ax.plot(
            t,
            tangent_line(function_1, x)(t),
            color=color,
            linestyle="--",
            label=f"$x = {x}$",
        )
        ax.plot([x], [function_1(x)], "o", color=color)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$f(x)$")
    ax.legend()
    return fig


def report():
    for x in (5, 10):
        print(
            f"numerical_diff(function_1, {x}) = "
            f"{numerical_diff(function_1, x)!r}"
        )


def main():
    report()
    name = Path(__file__).with_suffix(".svg").name
    draw().savefig(name)
    print(f"saved {name}")


if __name__ == "__main__":
    main()
