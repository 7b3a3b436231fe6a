"""The gradient by numerical differentiation: for a point or many points.

Run it:  python snippets/gradient.py
It prints the gradient of f(x0, x1) = x0^2 + x1^2 at (3, 4), (0, 2) and
(3, 0), and writes gradient.svg: the field of -grad f on [-2, 2]^2 over the
contour lines of f, as normalised arrows coloured by their magnitude and as
plain arrows whose length is the magnitude.
"""

from pathlib import Path

import numpy as np
from matplotlib import rcParams
from matplotlib.figure import Figure

from numerical_diff import check_h, numerical_diff
from partial_derivative import function_2


def check_perturbable(x):
    """Raise unless x can be nudged in place: a writable float64 array.

    numerical_gradient nudges the caller's own array and puts every element
    back. That keeps the book's idiom working, where f ignores its argument and
    reads the array by another name (f = lambda w: net.loss(x, t)). Working on
    a copy instead, f would never see the nudges and every difference would be
    0: a gradient of zeros, without a word. So anything that would need a copy
    (a list, integers, float32, a read-only array) is refused.
    """
    if not isinstance(x, np.ndarray):
        raise TypeError(
            f"x must be a NumPy array of float64, got {type(x).__name__}: "
            "numerical_gradient nudges x in place. "
            "Pass np.array(x, dtype=float)"
        )
    # "i" and "u" are integers and "f" floats; bool, complex, text are refused.
    if x.dtype.kind not in "iuf":
        raise TypeError(
            f"x must be an array of real numbers, got dtype {x.dtype}"
        )
    if x.dtype != np.float64:
        raise TypeError(
            f"x has dtype {x.dtype}, but numerical_gradient nudges x in place "
            "by +-h, which needs float64. Pass x.astype(float) and let f read "
            "that array"
        )
    if not x.flags.writeable:
        raise ValueError(
            "x is read-only, but numerical_gradient nudges x in place by +-h. "
            "Pass a writable copy such as x.astype(float) and let f read it"
        )


def check_arguments(f, x, h):
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    check_h(h)
    check_perturbable(x)


# --8<-- [start:core]
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


def numerical_gradient(f, x, h=1e-4):
    """Return the gradient of f at x: a central difference per element.

    x must be a writable float64 array: it is nudged in place, and left
    exactly as it was afterwards, also when f raises.
    """
    check_arguments(f, x, h)
    grad = np.zeros(x.shape)
    for index in np.ndindex(x.shape):
        grad[index] = derivative_along(f, x, index, h)
    return grad
# --8<-- [end:core]


def numerical_gradient_batch(f, points, h=1e-4):
    """Return the gradient of f at each row of a 2-D array of points."""
    check_perturbable(points)  # its rows are nudged in place, one at a time
    if points.ndim != 2:
        raise ValueError(
            f"points must be 2-D, a point per row; got shape {points.shape}"
        )
    grads = [numerical_gradient(f, point, h) for point in points]
    return np.array(grads).reshape(points.shape)


def elongated_bowl(x):
    """f(x0, x1) = x0^2 + 10 x1^2, a bowl that curves ten times as sharply
    along x1 as along x0: for the exercises."""
    return x[0] ** 2 + 10 * x[1] ** 2


def angle_between(u, v):
    """The angle between two nonzero vectors, in degrees."""
    lengths = np.linalg.norm(u) * np.linalg.norm(v)
    if lengths == 0:
        raise ValueError("a zero vector has no direction, so no angle")
    cosine = np.dot(u, v) / lengths
    return float(np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0))))


# Contour lines of f at radii 0.5, 1, ..., 2.5: f = r^2 on each.
CONTOUR_LEVELS = [0.25, 1, 2.25, 4, 6.25]


def draw_contours(ax):
    """The contour lines of f, labelled with their value, under the
    arrows."""
    grid = np.linspace(-2.5, 2.5, 101)
    x0, x1 = np.meshgrid(grid, grid)
    lines = ax.contour(
        x0,
        x1,
        function_2((x0, x1)),
        levels=CONTOUR_LEVELS,
        colors="gray",
        linewidths=0.8,
        zorder=1,
    )
    # The labels sit on one ray, on a patch of the background above the
    # arrows, so that no arrow crosses their digits.
    angle = np.deg2rad(62)
    where = [
        (np.sqrt(level) * np.cos(angle), np.sqrt(level) * np.sin(angle))
        for level in CONTOUR_LEVELS
    ]
    patch = {"facecolor": rcParams["axes.facecolor"], "edgecolor": "none"}
    for label in ax.clabel(lines, fmt="%g", fontsize=8, manual=where):
        label.set(color=rcParams["text.color"], zorder=3, bbox=patch)


def draw():
    """-grad f on [-2, 2]^2 over the contour lines of f: normalised and
    coloured (top), to scale (bottom)."""
    x0, x1 = np.meshgrid(np.arange(-2, 2.25, 0.25), np.arange(-2, 2.25, 0.25))
    points = np.column_stack([x0.ravel(), x1.ravel()])
    descent = -numerical_gradient_batch(function_2, points)
    magnitude = np.hypot(descent[:, 0], descent[:, 1])
    unit = descent / np.where(magnitude > 0, magnitude, 1)[:, None]

    # One panel above the other, so that a phone shows both at a legible size.
    fig = Figure(figsize=(4.6, 8.4), layout="constrained")
    normalised, to_scale = fig.subplots(2, 1, sharex=True)
    arrows = normalised.quiver(
        points[:, 0],
        points[:, 1],
        unit[:, 0],
        unit[:, 1],
        magnitude,
        cmap="viridis",
        zorder=2,
    )
    fig.colorbar(
        arrows, ax=normalised, location="top", label=r"$\|\nabla f\|$"
    )
    to_scale.quiver(
        points[:, 0],
        points[:, 1],
        descent[:, 0],
        descent[:, 1],
        angles="xy",
        scale_units="xy",
        scale=16,
        zorder=2,
    )
    for ax in (normalised, to_scale):
        draw_contours(ax)
        ax.set_aspect("equal")
        ax.set_xlim(-2.5, 2.5)
        ax.set_ylim(-2.5, 2.5)
        ax.set_ylabel("$x_1$")
    to_scale.set_xlabel("$x_0$")
    return fig


def report():
    for point in ([3.0, 4.0], [0.0, 2.0], [3.0, 0.0]):
        grad = numerical_gradient(function_2, np.array(point))
        print(f"numerical_gradient(function_2, np.array({point})) = {grad!r}")
    # For the exercises. (-4, 3) is tangent to the contour circle through
    # (3, 4); (-3, -1) points from (3, 1) straight at the minimum (0, 0).
    grad = numerical_gradient(function_2, np.array([3.0, 4.0]))
    print(
        f"at (3, 4): length {np.linalg.norm(grad):.6f}, angle to (-4, 3) "
        f"{angle_between(grad, [-4.0, 3.0]):.4f} degrees"
    )
    grad = numerical_gradient(elongated_bowl, np.array([3.0, 1.0]))
    print(
        f"elongated_bowl at (3, 1): gradient {grad!r},\n  angle between "
        f"-gradient and (-3, -1) {angle_between(-grad, [-3.0, -1.0]):.2f} "
        "degrees"
    )


def main():
    report()
    name = Path(__file__).with_suffix(".svg").name
    draw().savefig(name)
    print(f"saved {name}")


if __name__ == "__main__":
    main()
