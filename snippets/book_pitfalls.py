"""The book's numerical_gradient and gradient_descent, and where they fail.

Run it:  python snippets/book_pitfalls.py
It runs a plain transcription of the book's two functions on f(x0, x1) =
x0^2 + x1^2: the gradient at the integer point (3, 4), and gradient descent
from (-3, 4) with lr = 10 for 100 steps. Beside each it prints what this
site's functions do with the same input. It writes book_pitfalls.svg: how far
each descent gets, and the spacing of floats next to the book's point
against 2h.
"""

import textwrap
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from gradient import numerical_gradient
from gradient_descent import INIT_X, gradient_descent
from learning_rate import STEP_NUM, descend_until_refused
from partial_derivative import function_2

H = 1e-4
LR = 10.0


# --8<-- [start:core]
def book_numerical_gradient(f, x):
    """The book's algorithm as it is: no checks, x nudged in place.

    grad takes the dtype of x, and x[i] = value + H stores value + H in that
    dtype: for integers, truncated towards zero.
    """
    grad = np.zeros_like(x)
    for i in range(x.size):
        value = x[i]
        x[i] = value + H
        f_plus = f(x)
        x[i] = value - H
        f_minus = f(x)
        grad[i] = (f_plus - f_minus) / (2 * H)
        x[i] = value
    return grad


def book_gradient_descent(f, init_x, lr, step_num):
    """The book's algorithm: x is init_x itself, updated in place.

    The history (every point, init_x first) is kept for the figure.
    """
    x = init_x
    history = [x.copy()]
    for _ in range(step_num):
        x -= lr * book_numerical_gradient(f, x)
        history.append(x.copy())
    return x, np.array(history)
# --8<-- [end:core]


def book_descent():
    """The book's run that the page shows: lr = 10 from (-3, 4)."""
    return book_gradient_descent(function_2, np.array(INIT_X), LR, STEP_NUM)


def first_frozen_step(history):
    """The first step after which the point never moves again."""
    moves = np.any(history[1:] != history[:-1], axis=1)
    return int(np.flatnonzero(moves)[-1]) + 1


def refusal(call):
    """What call() raises, as the reader would see it, indented."""
    try:
        call()
    except (TypeError, ValueError) as error:
        why = textwrap.fill(f"{type(error).__name__}: {error}", 73)
        return textwrap.indent(why, "    ")
    raise AssertionError("expected a refusal")


def report_integer_gradient():
    point = np.array([3, 4])
    book = book_numerical_gradient(function_2, point)
    ours = numerical_gradient(function_2, point.astype(float))
    print("The book's numerical_gradient at the integer point (3, 4):")
    print(f"  book_numerical_gradient(function_2, np.array([3, 4]))\n"
          f"  -> {book!r}")
    print("Ours, with floats and with integers:")
    print(f"  numerical_gradient(function_2, np.array([3.0, 4.0]))\n"
          f"  -> {ours!r}")
    print("  numerical_gradient(function_2, np.array([3, 4])) raises")
    print(refusal(lambda: numerical_gradient(function_2, point)))


def report_frozen_descent():
    x, history = book_descent()
    frozen = first_frozen_step(history)
    print(f"The book's gradient_descent, lr = {LR:g} from {INIT_X}, "
          f"{STEP_NUM} steps:")
    print(f"  -> {x!r}")
    print(f"  x stops moving at step {frozen}; there x + h == x is "
          f"{history[frozen] + H == history[frozen]!r}")
    print("Ours:")
    print(f"  gradient_descent(function_2, {INIT_X}, lr={LR:g}, "
          f"step_num={STEP_NUM}) raises")
    print(refusal(
        lambda: gradient_descent(function_2, INIT_X, lr=LR, step_num=STEP_NUM)
    ))


def draw():
    """Top: distance from the minimum per step, the book's run and ours.
    Bottom: the spacing of floats next to the book's x0 and x1, against 2h."""
    _, book = book_descent()
    ours, _ = descend_until_refused(LR)
    fig = Figure(figsize=(5, 6), layout="constrained")
    distance, spacing = fig.subplots(2, 1, sharex=True)
    distance.semilogy(np.hypot(book[:, 0], book[:, 1]), label="the book's")
    (line,) = distance.semilogy(np.hypot(ours[:, 0], ours[:, 1]), label="ours")
    last = len(ours) - 1
    distance.plot(last, np.hypot(*ours[last]), "x", color=line.get_color(),
                  markersize=10, mew=2)
    distance.set_ylabel(r"$\|x_k\|$")
    distance.legend()
    for index, color in ((0, "tab:green"), (1, "tab:purple")):
        spacing.semilogy(np.spacing(np.abs(book[:, index])), color=color,
                         label=f"spacing of floats at the book's $x_{index}$")
    spacing.axhline(2 * H, color="gray", linestyle="--",
                    label=r"$2h = 2 \times 10^{-4}$")
    spacing.set_xlabel("$k$")
    spacing.set_ylabel("spacing")
    spacing.legend()
    for ax in (distance, spacing):
        ax.grid(True, alpha=0.3)
    return fig


def report():
    report_integer_gradient()
    report_frozen_descent()


def main():
    report()
    name = Path(__file__).with_suffix(".svg").name
    draw().savefig(name)
    print(f"saved {name}")


if __name__ == "__main__":
    main()
