"""The gradient by numerical differentiation: for a point or many points.

Run it:  python snippets/gradient.py
It prints the gradient of f(x0, x1) = x0^2 + x1^2 at (3, 4), (0, 2) and
(3, 0), and writes gradient.svg: the field of -grad f on [-2, 2]^2, as
normalised arrows coloured by their magnitude and as plain arrows whose length
is the magnitude.
"""

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from numerical_diff import check_h, numerical_diff
from partial_derivative import function_2


def working_array(x):
    """The array to perturb: x itself if a writable float64 array, else a copy.

    Perturbing the caller's own array keeps the book's idiom working, where f
    ignores its argument and reads the array by another name (f = lambda w:
    net.loss(x, t)). Integers are copied to float64, since x + h and x - h
    would be truncated towards zero in place.
    """
    array = np.asarray(x)
    # "i" and "u" are integers and "f" floats; bool, complex, text are refused.
    kind = array.dtype.kind
    if kind not in "iuf":
        raise TypeError(
            f"x must be an array of real numbers, got dtype {array.dtype}"
        )
    if array.dtype == np.float64 and array is x and x.flags.writeable:
        return array
    if kind == "f" and array.dtype != np.float64:
        # A copy would break the idiom above without a word, and perturbing a
        # lower precision in place cannot hold a step of 1e-4: say so instead.
        raise TypeError(f"x has dtype {array.dtype}; use x.astype(np.float64)")
    return array.astype(np.float64)


def checked_point(f, x, h):
    """The array to perturb (working_array), once f and h are checked."""
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    check_h(h)
    return working_array(x)


# --8<-- [start:core]
def numerical_gradient(f, x, h=1e-4):
    """Return the gradient of f at x: a central difference per element.

    x is left exactly as it was, also when f raises.
    """
    point = checked_point(f, x, h)
    grad = np.zeros(point.shape)
    for index in np.ndindex(point.shape):
        grad[index] = derivative_along(f, point, index, h)
    return grad


def derivative_along(f, point, index, h):
    """f's derivative along point[index], which is put back afterwards."""
    original = point[index]

    def f_along(value):
        point[index] = value
        return f(point)

    try:
        return numerical_diff(f_along, float(original), h)
    finally:
        point[index] = original
# --8<-- [end:core]


def numerical_gradient_batch(f, points, h=1e-4):
    """Return the gradient of f at each row of a 2-D array of points."""
    points = np.asarray(points)
    if points.ndim != 2:
        raise ValueError(
            f"points must be 2-D, a point per row; got shape {points.shape}"
        )
    grads = [numerical_gradient(f, point, h) for point in points]
    return np.array(grads).reshape(points.shape)


def draw():
    """-grad f on [-2, 2]^2: normalised and coloured (left), to scale
    (right)."""
    x0, x1 = np.meshgrid(np.arange(-2, 2.25, 0.25), np.arange(-2, 2.25, 0.25))
    points = np.column_stack([x0.ravel(), x1.ravel()])
    descent = -numerical_gradient_batch(function_2, points)
    magnitude = np.hypot(descent[:, 0], descent[:, 1])
    unit = descent / np.where(magnitude > 0, magnitude, 1)[:, None]

    fig = Figure(figsize=(9, 4.2), layout="constrained")
    normalised, to_scale = fig.subplots(1, 2, sharey=True)
    arrows = normalised.quiver(
        points[:, 0],
        points[:, 1],
        unit[:, 0],
        unit[:, 1],
        magnitude,
        cmap="viridis",
    )
    fig.colorbar(arrows, ax=normalised, label=r"$\|\nabla f\|$")
    to_scale.quiver(
        points[:, 0],
        points[:, 1],
        descent[:, 0],
        descent[:, 1],
        angles="xy",
        scale_units="xy",
        scale=16,
    )
    for ax in (normalised, to_scale):
        ax.set_aspect("equal")
        ax.set_xlim(-2.5, 2.5)
        ax.set_ylim(-2.5, 2.5)
        ax.set_xlabel("$x_0$")
        ax.grid(True, alpha=0.3)
    normalised.set_ylabel("$x_1$")
    return fig


def report():
    for point in ([3.0, 4.0], [0.0, 2.0], [3.0, 0.0]):
        grad = numerical_gradient(function_2, np.array(point))
        print(f"numerical_gradient(function_2, np.array({point})) = {grad!r}")


def main():
    report()
    name = Path(__file__).with_suffix(".svg").name
    draw().savefig(name)
    print(f"saved {name}")


if __name__ == "__main__":
    main()
