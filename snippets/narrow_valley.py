"""A narrow valley, where -grad f does not point at the minimum.

Run it:  python snippets/narrow_valley.py
For f(x0, x1) = x0^2 / 20 + x1^2 it prints the angle between -grad f and the
direction to the minimum at (-7, 2) (and, for comparison, for x0^2 + x1^2 at
(-3, 4)), then runs gradient descent from (-7, 2) with lr = 0.95 for 30
steps. It writes narrow_valley.svg: the contour lines, the direction of -grad f
on a grid, and the zig-zag path from start to end.
"""

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from gradient import numerical_gradient, numerical_gradient_batch
from gradient_descent import gradient_descent
from partial_derivative import function_2

START = (-7.0, 2.0)
LR = 0.95
STEP_NUM = 30


# --8<-- [start:core]
def valley(x):
    """f(x0, x1) = x0^2 / 20 + x1^2: twenty times steeper across x1 than
    along x0."""
    return x[0] ** 2 / 20 + x[1] ** 2


def angle_to_minimum(f, point, minimum=(0.0, 0.0)):
    """The angle in degrees between -grad f at point and the direction from
    point to the minimum."""
    point = np.array(point, dtype=np.float64)
    downhill = -numerical_gradient(f, point)
    to_minimum = np.asarray(minimum) - point
    lengths = np.hypot(*downhill) * np.hypot(*to_minimum)
    cosine = downhill @ to_minimum / lengths
    return np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0)))


def descent():
    return gradient_descent(valley, START, lr=LR, step_num=STEP_NUM)
# --8<-- [end:core]


def draw():
    """Contour lines, the direction of -grad f, and the descent path."""
    _, history = descent()
    x0, x1 = np.meshgrid(np.linspace(-8, 8, 161), np.linspace(-3, 3, 61))
    grid0, grid1 = np.meshgrid(np.arange(-8.0, 8.5, 2), np.arange(-3.0, 3.5))
    points = np.column_stack([grid0.ravel(), grid1.ravel()])
    downhill = -numerical_gradient_batch(valley, points)
    length = np.hypot(downhill[:, 0], downhill[:, 1])
    unit = downhill / np.where(length > 0, length, 1)[:, None]

    fig = Figure(figsize=(5, 3.1), layout="constrained")
    ax = fig.add_subplot()
    ax.contour(x0, x1, valley((x0, x1)), levels=[0.25, 1, 2.25, 4, 6.25, 9],
               colors="silver")
    ax.quiver(points[:, 0], points[:, 1], unit[:, 0], unit[:, 1],
              color="gray", angles="xy", scale_units="xy", scale=1.4,
              width=0.004)
    ax.plot(history[:, 0], history[:, 1], "o-", color="tab:blue",
            markersize=3, linewidth=1)
    ax.plot([START[0], 0], [START[1], 0], ":", color="black", linewidth=1,
            label="to the minimum")
    ax.plot(*history[0], "o", color="tab:green", markersize=9, label="start")
    ax.plot(*history[-1], "*", color="tab:red", markersize=13,
            label=f"after {STEP_NUM} steps")
    ax.plot(0, 0, "+", color="black", markersize=12, mew=2, label="minimum")
    ax.set_aspect("equal")
    ax.set_xlim(-8.5, 8.5)
    ax.set_ylim(-3.5, 3.5)
    ax.set_xlabel("$x_0$")
    ax.set_ylabel("$x_1$")
    fig.legend(loc="outside lower center", ncols=2)
    return fig


def report():
    bowl = angle_to_minimum(function_2, (-3.0, 4.0))
    print(f"x0^2 + x1^2 at (-3.0, 4.0): -grad f is {bowl:.1f} degrees "
          "off the direction to the minimum")
    angle = angle_to_minimum(valley, START)
    print(f"x0^2/20 + x1^2 at {START}: -grad f is {angle:.1f} degrees off")
    x, history = descent()
    ratios = history[1:] / history[:-1]
    signs = np.sign(history[:, 1])
    flips = np.count_nonzero(signs[1:] != signs[:-1])
    print(f"gradient_descent(valley, {START}, lr={LR}, step_num={STEP_NUM})")
    print(f"  -> {x!r}")
    print(f"  each step multiplies x0 by {ratios[:, 0].mean():.3f} "
          f"and x1 by {ratios[:, 1].mean():.3f}")
    print(f"  x1 changes sign in {flips} of {STEP_NUM} steps")


def main():
    report()
    name = Path(__file__).with_suffix(".svg").name
    draw().savefig(name)
    print(f"saved {name}")


if __name__ == "__main__":
    main()
