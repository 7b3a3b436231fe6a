"""Mini-batches: the loss of a few random examples estimates the loss of all.

Run it:  python snippets/mini_batch.py
It makes up a network's outputs for 60,000 training examples, draws
reproducible random mini-batches of 10 and of 100 examples, prints how their
losses compare with the loss over all 60,000, and writes mini_batch.svg: the
spread of 1,000 mini-batch losses for each batch size.
"""

from numbers import Integral
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from loss_functions import cross_entropy_error, softmax


def check_arguments(train_size, batch_size, rng):
    sizes = {"train_size": train_size, "batch_size": batch_size}
    for name, value in sizes.items():
        if isinstance(value, bool) or not isinstance(value, Integral):
            raise TypeError(f"{name} must be a whole number, got {value!r}")
    if not 1 <= batch_size <= train_size:
        raise ValueError(
            f"batch_size must be from 1 to train_size = {train_size}, "
            f"got {batch_size}"
        )
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"rng must be a numpy Generator such as np.random.default_rng(0),"
            f" got {rng!r}"
        )


# --8<-- [start:core]
def sample_batch_mask(train_size, batch_size, rng):
    """batch_size different indices from range(train_size), drawn by rng.

    The book calls np.random.choice(train_size, batch_size), which draws
    with replacement from NumPy's global generator: an example can come
    twice, and each run draws other batches unless np.random.seed is
    called. A seeded Generator draws the same batches every time.
    """
    check_arguments(train_size, batch_size, rng)
    return rng.choice(train_size, batch_size, replace=False)
# --8<-- [end:core]


TRAIN_SIZE = 60_000  # as many as MNIST's training images
BATCH_SIZES = (10, 100)
DRAWS = 1_000


def training_outputs(seed=0):
    """Made-up outputs of a network for TRAIN_SIZE examples of 10 classes,
    and their labels: the correct class's score is raised by 2."""
    rng = np.random.default_rng(seed)
    t_train = rng.integers(0, 10, TRAIN_SIZE)
    scores = rng.standard_normal((TRAIN_SIZE, 10))
    scores[np.arange(TRAIN_SIZE), t_train] += 2.0
    return softmax(scores), t_train


def batch_losses(batch_size, seed=1):
    """The cross-entropy error of DRAWS random mini-batches."""
    y_train, t_train = training_outputs()
    rng = np.random.default_rng(seed)
    losses = []
    for _ in range(DRAWS):
        batch_mask = sample_batch_mask(TRAIN_SIZE, batch_size, rng)
        y_batch, t_batch = y_train[batch_mask], t_train[batch_mask]
        losses.append(cross_entropy_error(y_batch, t_batch))
    return np.array(losses)


def repeat_chance(train_size, batch_size):
    """The chance that drawing with replacement, as the book does, picks
    some example more than once: 1 - prod (1 - i / train_size)."""
    return 1 - np.prod(1 - np.arange(batch_size) / train_size)


def draw():
    """Histograms of DRAWS mini-batch losses for each batch size, with the
    loss over the whole training set."""
    full = cross_entropy_error(*training_outputs())
    fig = Figure(figsize=(5, 5), layout="constrained")
    axes = fig.subplots(len(BATCH_SIZES), 1, sharex=True)
    losses = {size: batch_losses(size) for size in BATCH_SIZES}
    bins = np.histogram_bin_edges(np.concatenate(list(losses.values())), 60)
    for ax, batch_size in zip(axes, BATCH_SIZES, strict=True):
        ax.hist(losses[batch_size], bins=bins, color="tab:blue")
        ax.axvline(full, color="tab:orange", linewidth=2, label="all 60,000")
        ax.set_title(f"{DRAWS:,} mini-batches of {batch_size}")
        ax.set_ylabel("mini-batches")
        ax.legend(loc="upper right")
    axes[-1].set_xlabel("cross-entropy error of a mini-batch")
    return fig


def report():
    y_train, t_train = training_outputs()
    full = float(cross_entropy_error(y_train, t_train))
    print(f"loss over all {TRAIN_SIZE:,} examples: {full:.4f}")
    batch_mask = sample_batch_mask(TRAIN_SIZE, 10, np.random.default_rng(1))
    print(f"batch_mask, batch_size 10, seed 1:\n  {batch_mask.tolist()}")
    loss = cross_entropy_error(y_train[batch_mask], t_train[batch_mask])
    print(f"  its loss: {float(loss):.4f}")
    spread = {}
    for batch_size in BATCH_SIZES:
        losses = batch_losses(batch_size)
        spread[batch_size] = losses.std()
        print(
            f"{DRAWS:,} mini-batches of {batch_size}: mean loss "
            f"{losses.mean():.4f}, standard deviation {losses.std():.4f}"
        )
    ratio = spread[BATCH_SIZES[0]] / spread[BATCH_SIZES[1]]
    print(f"  ratio of the standard deviations: {ratio:.2f}")
    chance = repeat_chance(TRAIN_SIZE, 100)
    print(
        f"chance that np.random.choice({TRAIN_SIZE}, 100) repeats an "
        f"example: {chance:.4f}"
    )


def main():
    report()
    name = Path(__file__).with_suffix(".svg").name
    draw().savefig(name)
    print(f"saved {name}")


if __name__ == "__main__":
    main()
