"""Partial derivatives of f(x0, x1) = x0^2 + x1^2, one variable at a time.

Run it:  python snippets/partial_derivative.py
It prints the partial derivatives at (3, 4) and writes partial_derivative.svg:
the surface of f.
"""

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from numerical_diff import numerical_diff


# --8<-- [start:core]
def function_2(x):
    """f(x0, x1) = x0^2 + x1^2 for a point x = (x0, x1), or for grids of x0
    and x1."""
    return x[0] ** 2 + x[1] ** 2


def partial_derivatives_at_3_4():
    """Hold one variable fixed and differentiate along the other, as the
    book does."""
    df_dx0 = numerical_diff(lambda x0: function_2((x0, 4.0)), 3.0)
    df_dx1 = numerical_diff(lambda x1: function_2((3.0, x1)), 4.0)
    return df_dx0, df_dx1
# --8<-- [end:core]


def mixed_function(x):
    """f(x0, x1) = x0^2 x1 + x1^3, a function for the exercises."""
    return x[0] ** 2 * x[1] + x[1] ** 3


def partial_derivatives(f, point):
    """Each partial derivative of f at a point (x0, x1), the other variable
    held fixed."""
    if len(point) != 2:
        raise ValueError(f"point must be (x0, x1), got {point!r}")
    x0, x1 = (float(value) for value in point)
    df_dx0 = numerical_diff(lambda t: f((t, x1)), x0)
    df_dx1 = numerical_diff(lambda t: f((x0, t)), x1)
    return df_dx0, df_dx1


def draw():
    """The surface z = x0^2 + x1^2 over [-3, 3]^2."""
    x0, x1 = np.meshgrid(np.linspace(-3, 3, 25), np.linspace(-3, 3, 25))
    fig = Figure(figsize=(5, 4.2), layout="constrained")
    ax = fig.add_subplot(projection="3d")
    ax.plot_surface(
        x0, x1, function_2((x0, x1)), cmap="viridis", edgecolor="none"
    )
    ax.set_xlabel("$x_0$")
    ax.set_ylabel("$x_1$")
    ax.set_zlabel("$f(x_0, x_1)$")
    return fig


def report():
    df_dx0, df_dx1 = partial_derivatives_at_3_4()
    print(f"df/dx0 at (3, 4) = {df_dx0!r}")
    print(f"df/dx1 at (3, 4) = {df_dx1!r}")
    # For the exercises, to six decimal places.
    df_dx0, _ = partial_derivatives(function_2, (3, 100))
    print(f"function_2: df/dx0 at (3, 100) = {df_dx0:.6f}")
    df_dx0, df_dx1 = partial_derivatives(mixed_function, (2, 1))
    print(
        f"mixed_function: df/dx0 at (2, 1) = {df_dx0:.6f}, "
        f"df/dx1 = {df_dx1:.6f}"
    )


def main():
    report()
    name = Path(__file__).with_suffix(".svg").name
    draw().savefig(name)
    print(f"saved {name}")


if __name__ == "__main__":
    main()
