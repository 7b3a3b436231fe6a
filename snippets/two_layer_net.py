"""A two-layer neural network: its loss and its gradient, two ways.

Run it:  python snippets/two_layer_net.py
TwoLayerNet has the book's interface: params (W1, b1, W2, b2), predict,
loss, accuracy, numerical_gradient (by numerical differentiation) and
gradient (by the chain rule, a first look at backpropagation). It prints the
shapes and the number of parameters of a network for the 8x8 digits, its loss
before training, and writes two_layer_net.svg: the sigmoid function of the
hidden layer and its derivative, the factor that gradient() multiplies by.
"""

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from gradient import numerical_gradient
from loss_functions import cross_entropy_error, softmax

PARAMS = ("W1", "b1", "W2", "b2")


def sigmoid(x):
    """1 / (1 + exp(-x)), written as exp(-log(1 + exp(-x))) so that a large
    negative x gives 0 instead of an overflow."""
    return np.exp(-np.logaddexp(0.0, -np.asarray(x, dtype=np.float64)))


def sigmoid_grad(x):
    """The derivative of the sigmoid: sigmoid(x) * (1 - sigmoid(x))."""
    y = sigmoid(x)
    return y * (1.0 - y)


def check_size(name, value):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an int, got {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {value}")


class TwoLayerNet:
    """input -> affine -> sigmoid -> affine -> softmax, as in the book.

    seed: an int or a numpy Generator for the initial weights, so that the
    same seed always gives the same network.
    """

    def __init__(
        self, input_size, hidden_size, output_size, weight_init_std=0.01,
        seed=0,
    ):
        for name, size in (("input_size", input_size),
                           ("hidden_size", hidden_size),
                           ("output_size", output_size)):
            check_size(name, size)
        if not (np.isfinite(weight_init_std) and weight_init_std > 0):
            raise ValueError("weight_init_std must be a positive number")
        rng = np.random.default_rng(seed)
        std = float(weight_init_std)
        self.params = {
            "W1": std * rng.standard_normal((input_size, hidden_size)),
            "b1": np.zeros(hidden_size),
            "W2": std * rng.standard_normal((hidden_size, output_size)),
            "b2": np.zeros(output_size),
        }

    def parameter_count(self):
        return sum(self.params[key].size for key in PARAMS)

    def checked(self, x, t=None):
        """x as a 2-D float array (one row per example) and t as one-hot
        rows; a clear error for anything else. Neither is modified."""
        x, t = np.asarray(x), None if t is None else np.asarray(t)
        inputs, outputs = self.params["W1"].shape[0], self.params["b2"].size
        if x.dtype.kind not in "iuf":
            raise TypeError(f"x must hold real numbers, got {x.dtype}")
        if x.ndim not in (1, 2) or x.shape[-1] != inputs:
            raise ValueError(
                f"x must have shape (N, {inputs}) or ({inputs},), "
                f"got {x.shape}"
            )
        if not np.all(np.isfinite(x)):
            raise ValueError("x contains NaN or infinity")
        if t is None:
            return np.atleast_2d(x).astype(np.float64)
        if t.dtype.kind in "iu" and t.ndim == x.ndim - 1:  # labels, not rows
            if t.size and not 0 <= t.min() <= t.max() < outputs:
                raise ValueError(f"labels must be from 0 to {outputs - 1}")
            t = np.eye(outputs)[t]
        if t.dtype.kind not in "iuf":
            raise TypeError(f"t must hold numbers, got {t.dtype}")
        x, t = np.atleast_2d(x).astype(np.float64), np.atleast_2d(t)
        if t.shape != (len(x), outputs):
            raise ValueError(
                f"t must be {len(x)} labels or one-hot rows of shape "
                f"({len(x)}, {outputs}), got {t.shape}"
            )
        if not (np.all((t == 0) | (t == 1)) and np.all(t.sum(axis=1) == 1)):
            raise ValueError("t must hold one-hot rows (a single 1 each)")
        return x, t.astype(np.float64)

    def accuracy(self, x, t):
        """The fraction of examples whose largest output is the label."""
        x, t = self.checked(x, t)
        return np.mean(self.predict(x).argmax(axis=1) == t.argmax(axis=1))

    # --8<-- [start:core]
    def predict(self, x):
        W1, b1, W2, b2 = (self.params[key] for key in PARAMS)
        z1 = sigmoid(self.checked(x) @ W1 + b1)
        return softmax(z1 @ W2 + b2)

    def loss(self, x, t):
        x, t = self.checked(x, t)
        return cross_entropy_error(self.predict(x), t)

    def numerical_gradient(self, x, t):
        # numerical_gradient nudges each params array in place, which the
        # loss reads: f can ignore its argument (the book's idiom).
        f = lambda W: self.loss(x, t)  # noqa: E731
        return {key: numerical_gradient(f, self.params[key]) for key in PARAMS}

    def gradient(self, x, t):
        x, t = self.checked(x, t)
        W1, b1, W2, b2 = (self.params[key] for key in PARAMS)
        a1 = x @ W1 + b1  # forward, keeping what the backward pass needs
        z1 = sigmoid(a1)
        y = softmax(z1 @ W2 + b2)
        dy = (y - t) / len(x)  # dL/da2: softmax with cross-entropy error
        da1 = dy @ W2.T * sigmoid_grad(a1)  # back through W2 and the sigmoid
        return {"W1": x.T @ da1, "b1": da1.sum(axis=0),
                "W2": z1.T @ dy, "b2": dy.sum(axis=0)}
    # --8<-- [end:core]


def draw():
    """The hidden layer's sigmoid and its derivative."""
    a = np.linspace(-6, 6, 241)
    fig = Figure(figsize=(5, 3), layout="constrained")
    ax = fig.subplots()
    ax.plot(a, sigmoid(a), label="sigmoid(a)")
    ax.plot(a, sigmoid_grad(a), "--", label="sigmoid_grad(a)")
    ax.axhline(0.25, color="gray", linewidth=0.8, linestyle=":")
    ax.set(xlabel="a", ylim=(-0.05, 1.05))
    ax.grid(True, alpha=0.3)
    ax.legend(loc="upper left")
    return fig


def report():
    net = TwoLayerNet(input_size=64, hidden_size=50, output_size=10)
    for key in PARAMS:
        print(f"{key}.shape = {net.params[key].shape}")
    count = net.parameter_count()
    print(f"parameters: {count}; numerical_gradient evaluates the loss "
          f"{2 * count} times")
    mnist = TwoLayerNet(input_size=784, hidden_size=50, output_size=10)
    print(f"the same for MNIST (784, 50, 10): {mnist.parameter_count()} "
          f"parameters, {2 * mnist.parameter_count()} loss evaluations")
    x = np.random.default_rng(1).random((100, 64))
    labels = np.arange(100) % 10
    print(f"loss before training, 100 random inputs: "
          f"{net.loss(x, labels):.6f}")
    print(f"ln 10 = {np.log(10):.6f}")
    print(f"sigmoid_grad(0) = {sigmoid_grad(0.0):g}, its largest value")


def main():
    report()
    name = Path(__file__).with_suffix(".svg").name
    draw().savefig(name)
    print(f"saved {name}")


if __name__ == "__main__":
    main()
