"""The learning rate: too large diverges, too small never arrives.

Run it:  python snippets/learning_rate.py
It runs gradient descent from (-3, 4) on f(x0, x1) = x0^2 + x1^2 with lr = 0.1,
10 and 1e-10, prints where each ends, and writes learning_rate.svg: the
distance to the minimum after every step, on a log scale (top), and the first
coordinate x0 after every step for lr = 0.1, 0.5, 0.9 and 1.04 (bottom).
"""

import textwrap
from pathlib import Path

import numpy as np
from matplotlib import rcParams
from matplotlib.figure import Figure

from gradient_descent import INIT_X, gradient_descent
from partial_derivative import function_2

LEARNING_RATES = (0.1, 10.0, 1e-10)
STEP_NUM = 100
# One rate for each regime of the factor 1 - 2 * lr, drawn in the lower panel:
# one side (0.8), one step onto the minimum (0), side to side closing in
# (-0.8), side to side moving away (-1.08).
REGIME_RATES = (0.1, 0.5, 0.9, 1.04)
REGIME_STEPS = 20


# --8<-- [start:core]
def descend_until_refused(lr):
    """Step one at a time, so that the points before a refusal are kept.

    With lr = 10 every step multiplies x by 1 - 2 * lr = -19. Within a few
    steps x is so large that x + h and x - h can no longer be stored close
    to 2h apart, and numerical_gradient raises instead of returning a
    meaningless number.
    """
    history = [np.array(INIT_X)]
    for _ in range(STEP_NUM):
        try:
            x, _ = gradient_descent(function_2, history[-1], lr=lr, step_num=1)
        except ValueError as refusal:
            return np.array(history), refusal
        history.append(x)
    return np.array(history), None
# --8<-- [end:core]


# Told apart by line style as well as colour.
LINE_STYLES = {0.1: "-", 10.0: "--", 1e-10: ":"}
# The lower panel's lines: colour, line style and marker all differ. lr = 0.1
# keeps the upper panel's colour; the others take colours the upper panel
# does not use.
REGIME_STYLES = {
    0.1: ("tab:blue", "-", "o"),
    0.5: ("tab:purple", "--", "s"),
    0.9: ("tab:red", ":", "^"),
    1.04: ("tab:brown", "-.", "D"),
}


def draw():
    """Two panels. Top: the distance from the minimum (0, 0) after each step,
    for every learning rate; the common start, each end and each refusal
    marked. Bottom: the signed first coordinate x0 after each step, for one
    learning rate of each regime, which the distance alone cannot tell
    apart."""
    fig = Figure(figsize=(5, 7.2), layout="constrained")
    distance_ax, coordinate_ax = fig.subplots(2, 1, height_ratios=(3.8, 3.4))
    draw_distances(distance_ax)
    draw_first_coordinates(coordinate_ax)
    return fig


def draw_distances(ax):
    """The distance from the minimum for LEARNING_RATES, on a log scale."""
    ink, paper = rcParams["text.color"], rcParams["axes.facecolor"]
    ax.semilogy(0, np.hypot(*INIT_X), "o", color=ink, markersize=8,
                label="start (\u22123, 4)", zorder=3)
    for lr in LEARNING_RATES:
        history, refusal = descend_until_refused(lr)
        distance = np.hypot(history[:, 0], history[:, 1])
        (line,) = ax.semilogy(
            distance, LINE_STYLES[lr], linewidth=2, label=f"lr = {lr:g}"
        )
        # A square where the run ends after all its steps, a cross where a
        # step was refused.
        marker = "s" if refusal is None else "X"
        ax.plot(len(distance) - 1, distance[-1], marker,
                color=line.get_color(), markersize=9,
                markeredgecolor=ink, zorder=3)
    ax.plot([], [], "s", color=paper, markeredgecolor=ink,
            label=f"end after {STEP_NUM} steps")
    ax.plot([], [], "X", color=paper, markeredgecolor=ink,
            label="stopped: step refused")
    ax.set_xlabel("step $k$")
    ax.set_ylabel(r"$\|x_k\|$")
    ax.legend(fontsize=9)


def first_coordinates(lr):
    """x0 at every step of REGIME_STEPS steps from INIT_X, start included."""
    _, history = gradient_descent(
        function_2, INIT_X, lr=lr, step_num=REGIME_STEPS
    )
    return history[:, 0]


def draw_first_coordinates(ax):
    """x0 with its sign: a distance cannot show a jump to the other side."""
    ink = rcParams["text.color"]
    ax.axhline(0, color="gray", linewidth=0.8, zorder=1)
    for lr in REGIME_RATES:
        colour, style, marker = REGIME_STYLES[lr]
        x0 = first_coordinates(lr)
        ax.plot(np.arange(len(x0)), x0, linestyle=style, marker=marker,
                color=colour, linewidth=1.8, markersize=5.5,
                markeredgecolor=ink, markeredgewidth=0.5,
                label=f"lr = {lr:g}")
    # Short labels: the caption names the factors, and every glyph adds to
    # the page's weight (the site keeps each page under 100 KB gzip).
    ax.set_xlabel("step $k$")
    ax.set_ylabel("$x_0$")
    ax.set_xticks(range(0, REGIME_STEPS + 1, 5))
    ax.legend(fontsize=9, loc="upper left")


def step_factor(lr):
    """What every step multiplies x by on function_2: x - lr * 2x."""
    return 1 - 2 * lr


def outcome(lr):
    """Where gradient descent with this lr ends, in the words of report()."""
    history, refusal = descend_until_refused(lr)
    if refusal is None:
        return f"lr = {lr:g}: after {STEP_NUM} steps x = {history[-1]!r}"
    steps = len(history) - 1
    why = textwrap.fill(f"numerical_gradient: {refusal}", 77)
    return (
        f"lr = {lr:g}: stopped at step {steps}, x = {history[-1]!r}\n"
        + textwrap.indent(why, "  ")
    )


def report():
    for lr in LEARNING_RATES:
        print(outcome(lr))
    # For the exercises: lr = 0.9 multiplies x by 1 - 2 * 0.9 = -0.8.
    _, history = gradient_descent(
        function_2, INIT_X, lr=0.9, step_num=STEP_NUM
    )
    print(f"lr = 0.9: after 1 step x = {history[1]!r}")
    print(f"lr = 0.9: after {STEP_NUM} steps x = {history[-1]!r}")


def main():
    report()
    name = Path(__file__).with_suffix(".svg").name
    draw().savefig(name)
    print(f"saved {name}")


if __name__ == "__main__":
    main()
