"""Loss functions: how far a network's output is from the correct answer.

Run it:  python snippets/loss_functions.py
It prints the mean squared error and the cross-entropy error of the book's two
example outputs, for one example and for a mini-batch, with one-hot labels and
with class indices, and writes loss_functions.svg: the cross-entropy error
against the probability given to the correct class.
"""

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

# The smallest positive normal float: log(TINY) is finite, so y = 0 gives a
# large loss instead of inf. The book adds 1e-7 to every y instead, which
# shifts every loss a little; clamping changes only y < TINY.
TINY = np.finfo(np.float64).tiny


# --8<-- [start:core]
def softmax(x):
    """Softmax along the last axis; subtracting the maximum keeps exp from
    overflow."""
    x = np.asarray(x, dtype=np.float64)
    exp = np.exp(x - x.max(axis=-1, keepdims=True))
    return exp / exp.sum(axis=-1, keepdims=True)


def mean_squared_error(y, t):
    """Half the sum of squared differences, averaged over the examples."""
    y, t = as_batch(y, t)
    one_hot = np.eye(y.shape[1])[t]
    return 0.5 * np.sum((y - one_hot) ** 2) / y.shape[0]


def cross_entropy_error(y, t):
    """Minus the log of the probability given to the correct class,
    averaged over the examples."""
    y, t = as_batch(y, t, probabilities=True)
    batch_size = y.shape[0]
    correct = y[np.arange(batch_size), t]
    return -np.sum(np.log(np.maximum(correct, TINY))) / batch_size
# --8<-- [end:core]


def as_batch(y, t, probabilities=False):
    """y as a float (batch, classes) array and t as one class index per row.

    y is one example (1-D) or a mini-batch (2-D). t is one-hot labels of the
    same shape as y, or class indices: one per example. Anything else raises
    an error that says what is wrong. The caller's arrays are not modified.
    """
    y, t = np.asarray(y), np.asarray(t)
    if y.dtype.kind not in "biuf" or t.dtype.kind not in "biuf":
        raise TypeError(
            f"y and t must hold real numbers, got {y.dtype} and {t.dtype}"
        )
    if y.ndim not in (1, 2) or y.size == 0:
        raise ValueError(
            f"y must be one example (1-D) or a batch (2-D), not empty; "
            f"got shape {y.shape}"
        )
    if not np.all(np.isfinite(y)):
        raise ValueError("y must not contain NaN or infinity")
    if probabilities and not np.all((y >= 0) & (y <= 1)):
        raise ValueError("y must hold probabilities, between 0 and 1")
    shape = y.shape
    y = y.reshape(1, -1) if y.ndim == 1 else y
    if t.shape == shape:
        t = t.reshape(y.shape)
        if not (np.all((t == 0) | (t == 1)) and np.all(t.sum(axis=1) == 1)):
            raise ValueError("one-hot t must hold a single 1 per example")
        t = t.argmax(axis=1)
    elif t.size == y.shape[0] and t.ndim <= 1:
        t = t.reshape(-1)
        whole = np.all(np.isfinite(t)) and np.all(np.mod(t, 1) == 0)
        if t.dtype.kind == "b" or not whole:
            raise ValueError(f"class indices must be whole numbers: {t}")
        if not np.all((t >= 0) & (t < y.shape[1])):
            raise ValueError(
                f"class indices must be from 0 to {y.shape[1] - 1}: {t}"
            )
    else:
        raise ValueError(
            f"t must be one-hot labels of the same shape as y or one class "
            f"index per example: y has shape {shape}, t has shape {t.shape}"
        )
    return y.astype(np.float64), t.astype(np.intp)


# The book's example: the correct class is 2. y gives it probability 0.6,
# y2 gives 0.6 to class 7 and only 0.1 to class 2.
T = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
Y = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]
Y2 = [0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]


def book_cross_entropy_error(y, t):
    """The book's one-example formula, 1e-7 and all, for comparison."""
    return -np.sum(np.asarray(t) * np.log(np.asarray(y) + 1e-7))


def draw():
    """-log p against the probability p of the correct class, with the book's
    two examples marked."""
    p = np.linspace(0.005, 1, 400)
    fig = Figure(figsize=(5, 3.6), layout="constrained")
    ax = fig.add_subplot()
    ax.plot(p, -np.log(p), color="tab:blue", label=r"$-\log p$")
    for name, y, align in (("y", Y, "center"), ("y2", Y2, "left")):
        p_correct, loss = y[2], cross_entropy_error(y, 2)
        ax.plot(p_correct, loss, "o", color="tab:orange")
        ax.annotate(
            f"{name}: p = {p_correct}, loss = {loss:.3f}",
            (p_correct, loss),
            xytext=(0 if align == "center" else 10, 10),
            textcoords="offset points",
            ha=align,
        )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 5.5)
    ax.set_xlabel("p: probability given to the correct class")
    ax.set_ylabel("cross-entropy error")
    ax.grid(alpha=0.3)
    return fig


def report():
    mse, cee = mean_squared_error, cross_entropy_error
    print("correct class 2: t is one-hot, or the index 2")
    for name, y in (("y ", Y), ("y2", Y2)):
        print(f"{name}: mean_squared_error  = {float(mse(y, T))!r}")
        print(f"    cross_entropy_error = {float(cee(y, T))!r}")
        print(f"    with t = 2 (index)  = {float(cee(y, 2))!r}")
        book = float(book_cross_entropy_error(y, T))
        print(f"    book's, with 1e-7   = {book!r}")
    print("mini-batch [y, y2] with t = [2, 2]:")
    batch, labels = [Y, Y2], [2, 2]
    print(f"  mean_squared_error  = {float(mse(batch, labels))!r}")
    print(f"  cross_entropy_error = {float(cee(batch, labels))!r}")
    print(f"  one-hot t, the same = {float(cee(batch, [T, T]))!r}")
    print("probability 0 for the correct class (y = [1, 0], t = 1):")
    print(f"  cross_entropy_error = {float(cee([1.0, 0.0], 1))!r}")
    book = float(book_cross_entropy_error([1.0, 0.0], [0, 1]))
    print(f"  book's, with 1e-7   = {book!r}")


def main():
    report()
    name = Path(__file__).with_suffix(".svg").name
    draw().savefig(name)
    print(f"saved {name}")


if __name__ == "__main__":
    main()
