"""Training a two-layer network on handwritten digits by mini-batch SGD.

Run it:  python snippets/train_neural_net.py
Each epoch shuffles the training data and walks through it in mini-batches
of 100; for each mini-batch, TwoLayerNet.gradient gives the gradient and the
weights take a step against it. It prints the loss on the training data
before and after, the accuracy on the training and test data after each
tenth epoch, and writes train_neural_net.svg: the mini-batch loss against the
iteration, and both accuracies against the epoch.
"""

import functools
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from digits import check_count, load_data
from two_layer_net import PARAMS, TwoLayerNet

EPOCHS = 50
BATCH_SIZE = 100
LEARNING_RATE = 1.0
HIDDEN_SIZE = 50


def train(epochs=EPOCHS, batch_size=BATCH_SIZE, learning_rate=LEARNING_RATE,
          hidden_size=HIDDEN_SIZE, seed=0, data=None):
    """Train a TwoLayerNet; data is ((x_train, t_train), (x_test, t_test)),
    the digits of load_data() unless given. Returns the network, the loss of
    each mini-batch, and the accuracies before training and after each
    epoch."""
    (x_train, t_train), (x_test, t_test) = data or load_data()
    check_count("epochs", epochs, 1, 10**6)
    check_count("batch_size", batch_size, 1, len(x_train))
    if not (np.isfinite(learning_rate) and learning_rate > 0):
        raise ValueError("learning_rate must be a positive number")
    net = TwoLayerNet(x_train.shape[1], hidden_size, t_train.shape[1],
                      seed=seed)
    rng = np.random.default_rng(seed)  # the order of the mini-batches
    train_loss_list = []
    train_acc_list = [net.accuracy(x_train, t_train)]
    test_acc_list = [net.accuracy(x_test, t_test)]
    # --8<-- [start:core]
    for epoch in range(epochs):
        order = rng.permutation(len(x_train))  # a new order every epoch
        for start in range(0, len(x_train), batch_size):
            batch = order[start:start + batch_size]
            x_batch, t_batch = x_train[batch], t_train[batch]
            grad = net.gradient(x_batch, t_batch)
            for key in PARAMS:
                net.params[key] -= learning_rate * grad[key]
            train_loss_list.append(net.loss(x_batch, t_batch))
        train_acc_list.append(net.accuracy(x_train, t_train))
        test_acc_list.append(net.accuracy(x_test, t_test))
    # --8<-- [end:core]
    return net, train_loss_list, train_acc_list, test_acc_list


@functools.cache
def trained():
    """The network trained on the digits with the settings above, once for
    report() and draw()."""
    return train(data=load_data())


def draw():
    """Mini-batch loss per iteration above the accuracies per epoch."""
    _, losses, train_acc, test_acc = trained()
    fig = Figure(figsize=(5, 6), layout="constrained")
    loss_ax, acc_ax = fig.subplots(2, 1)
    loss_ax.plot(np.arange(1, len(losses) + 1), losses, linewidth=0.8)
    loss_ax.set(xlabel="iteration (mini-batch)", ylabel="loss", ylim=(0, None))
    epochs = np.arange(len(train_acc))
    acc_ax.plot(epochs, train_acc, label="training data")
    acc_ax.plot(epochs, test_acc, "--", label="test data")
    acc_ax.set(xlabel="epoch", ylabel="accuracy", ylim=(0, 1.02))
    acc_ax.legend(loc="lower right")
    for ax in (loss_ax, acc_ax):
        ax.grid(True, alpha=0.3)
    return fig


def report():
    (x_train, t_train), (x_test, t_test) = load_data()
    updates = -(-len(x_train) // BATCH_SIZE)  # ceiling division
    last = len(x_train) - (updates - 1) * BATCH_SIZE
    print(f"{len(x_train)} training and {len(x_test)} test digits; "
          f"batch size {BATCH_SIZE}, learning rate {LEARNING_RATE}")
    print(f"{updates} updates per epoch (the last mini-batch has {last} "
          f"digits), {updates * EPOCHS} in {EPOCHS} epochs")
    net, losses, train_acc, test_acc = trained()
    start = TwoLayerNet(x_train.shape[1], HIDDEN_SIZE, t_train.shape[1])
    print(f"loss on the training data: {start.loss(x_train, t_train):.4f} "
          f"before, {net.loss(x_train, t_train):.4f} after")
    for epoch in range(0, EPOCHS + 1, 10):
        print(f"epoch {epoch:2}: training accuracy {train_acc[epoch]:.4f}, "
              f"test accuracy {test_acc[epoch]:.4f}")
    evaluations = 2 * net.parameter_count() * updates * EPOCHS
    print(f"the numerical gradient would have evaluated the loss "
          f"{evaluations:,} times")


def main():
    report()
    name = Path(__file__).with_suffix(".svg").name
    draw().savefig(name)
    print(f"saved {name}")


if __name__ == "__main__":
    main()
