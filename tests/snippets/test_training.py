"""Training a neural network: the digits, TwoLayerNet, the gradient check, mini-batch SGD,
and every number the chapter states."""

import contextlib
import io
import math
import re

import digits
import gradient_check
import numpy as np
import pytest
import train_neural_net
import two_layer_net
from conftest import LANGUAGES, ROOT
from digits import load_data, one_hot
from sklearn.datasets import load_digits
from train_neural_net import train
from two_layer_net import PARAMS, TwoLayerNet, sigmoid, sigmoid_grad

PAGES = {
    language: (ROOT / "docs" / language / "training.md").read_text(encoding="utf-8")
    for language in LANGUAGES
}
ENGLISH = PAGES["en"]


def printed(module) -> str:
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        module.report()
    return output.getvalue()


@pytest.fixture(scope="module")
def trained():
    # How long training takes is measured by tests/benchmark.py (the slowest snippet in a
    # first build), not here: a timed test fails on a busy machine and passes on a fast one.
    return train()


@pytest.fixture(scope="module")
def checked():
    return gradient_check.gradient_check()


def small_batch(rows=4, inputs=5, outputs=3, seed=7):
    rng = np.random.default_rng(seed)
    return rng.random((rows, inputs)), one_hot(rng.integers(0, outputs, rows), outputs)


# ---------------------------------------------------------------- the gradients


def test_numerical_and_analytic_gradients_agree_in_the_gradient_check(checked):
    _, numerical, analytic = checked
    differences = gradient_check.largest_differences(numerical, analytic)
    # The page: "less than 1e-9 everywhere", "the gradients themselves reach about 0.2".
    assert max(differences.values()) < 1e-9
    assert 0.15 < max(np.abs(analytic[key]).max() for key in PARAMS) < 0.25
    # The figure's alt text: "the largest difference, between 4e-12 and 1e-10".
    shown = sorted(differences.values())
    assert (f"{shown[0]:.0e}", f"{shown[-1]:.0e}") == ("4e-12", "1e-10")


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("std", [0.01, 0.5, 2.0])
def test_numerical_and_analytic_gradients_agree_for_other_networks(seed, std):
    net = TwoLayerNet(5, 4, 3, weight_init_std=std, seed=seed)
    x, t = small_batch(seed=seed)
    numerical, analytic = net.numerical_gradient(x, t), net.gradient(x, t)
    for key in PARAMS:
        assert analytic[key].shape == net.params[key].shape
        np.testing.assert_allclose(numerical[key], analytic[key], rtol=0, atol=1e-8)


def test_the_difference_is_the_central_differences_own_error(checked):
    """The page: with h = 1e-3 instead of 1e-4, b2's largest difference grows about a
    hundredfold, as an error proportional to h^2 should."""
    from gradient import numerical_gradient

    net, _, analytic = checked
    (x_train, t_train), _ = load_data()
    x, t = x_train[: gradient_check.EXAMPLES], t_train[: gradient_check.EXAMPLES]
    errors = [
        np.abs(numerical_gradient(lambda W: net.loss(x, t), net.params["b2"], h) - analytic["b2"]).max()
        for h in (1e-3, 1e-4)
    ]
    assert 80 < errors[0] / errors[1] < 120


def test_a_wrong_gradient_is_caught_by_the_check(monkeypatch):
    """The page: a missing factor in gradient would show up as points off the diagonal."""
    net = TwoLayerNet(5, 4, 3, weight_init_std=0.5, seed=1)
    x, t = small_batch()
    numerical = net.numerical_gradient(x, t)
    monkeypatch.setattr(two_layer_net, "sigmoid_grad", np.ones_like)  # forget sigma'
    wrong = net.gradient(x, t)
    assert np.abs(wrong["W1"] - numerical["W1"]).max() > 1e-3


def test_numerical_gradient_evaluates_the_loss_twice_per_parameter(monkeypatch):
    net = TwoLayerNet(5, 4, 3)
    x, t = small_batch()
    calls = []
    loss = net.loss
    monkeypatch.setattr(net, "loss", lambda *args: calls.append(1) or loss(*args))
    net.numerical_gradient(x, t)
    assert len(calls) == 2 * net.parameter_count() == 2 * (5 * 4 + 4 + 4 * 3 + 3)


def test_sigmoid_and_its_derivative():
    a = np.linspace(-30, 30, 601)
    np.testing.assert_allclose(sigmoid(a), 1 / (1 + np.exp(-a)), rtol=1e-14)
    assert sigmoid(-1000.0) == 0.0 and sigmoid(1000.0) == 1.0  # no overflow warning
    # "never larger than 0.25, which it reaches at a = 0"
    assert sigmoid_grad(0.0) == 0.25 and sigmoid_grad(a).max() == 0.25
    h = 1e-5
    np.testing.assert_allclose(
        sigmoid_grad(a), (sigmoid(a + h) - sigmoid(a - h)) / (2 * h), atol=1e-10
    )


def test_mini_batch_loss_is_the_mean_of_the_examples_losses():
    net = TwoLayerNet(5, 4, 3, weight_init_std=0.5, seed=2)
    x, t = small_batch(rows=6)
    each = [net.loss(x[i], t[i]) for i in range(len(x))]
    assert net.loss(x, t) == pytest.approx(np.mean(each), rel=1e-14)
    labels = t.argmax(axis=1)
    assert net.loss(x, labels) == net.loss(x, t)  # labels or one-hot rows alike
    assert net.accuracy(x, labels) == net.accuracy(x, t)


# ---------------------------------------------------------------- training


def test_training_reaches_the_accuracy_the_page_shows(trained):
    net, losses, train_acc, test_acc = trained
    assert test_acc[-1] >= 0.9
    # "both start near 0.1, ... level off above 0.9, the test line slightly below"
    assert abs(train_acc[0] - 0.1) < 0.02 and abs(test_acc[0] - 0.1) < 0.02
    assert 0 < train_acc[-1] - test_acc[-1] < 0.05
    # "has not overfitted": the test accuracy does not fall away at the end
    assert test_acc[-1] >= max(test_acc) - 0.01
    # "It takes a few epochs to get going"
    assert max(test_acc[1:4]) < 0.3


def test_the_loss_falls(trained):
    net, losses, *_ = trained
    (x_train, t_train), _ = load_data()
    before = TwoLayerNet(64, 50, 10).loss(x_train, t_train)
    after = net.loss(x_train, t_train)
    assert after < before / 10
    assert abs(before - math.log(10)) < 0.01  # "its loss starts close to ln 10"
    assert np.mean(losses[-15:]) < np.mean(losses[:15]) / 10
    # the figure's alt text: "flat near 2.3 for the first few dozen iterations"
    assert all(abs(loss - 2.3) < 0.2 for loss in losses[:40])
    assert len(losses) == 15 * train_neural_net.EPOCHS


def test_mini_batches_per_epoch():
    (x_train, _), (x_test, _) = load_data()
    assert (len(x_train), len(x_test)) == (1437, 360)
    batch = train_neural_net.BATCH_SIZE
    assert (len(x_train) // batch, len(x_train) % batch) == (14, 37)  # 14 full, one of 37
    assert math.ceil(60000 / batch) == 600  # MNIST
    net, losses, *_ = train(epochs=2, batch_size=1437)
    assert len(losses) == 2  # one update per epoch: plain gradient descent


def test_training_takes_mnist_shaped_data_and_sizes_the_network_from_it():
    rng = np.random.default_rng(0)
    data = (
        (rng.random((200, 784)), one_hot(rng.integers(0, 10, 200))),
        (rng.random((50, 784)), one_hot(rng.integers(0, 10, 50))),
    )
    net, losses, train_acc, test_acc = train(epochs=1, data=data)
    assert net.params["W1"].shape == (784, 50) and net.params["W2"].shape == (50, 10)
    assert len(losses) == 2 and len(test_acc) == 2


@pytest.mark.parametrize("batch_size", [0, -1, 1438, 2.5, True])
def test_a_batch_size_outside_1_to_the_data_is_refused(batch_size):
    error = TypeError if isinstance(batch_size, (bool, float)) else ValueError
    with pytest.raises(error, match="batch_size"):
        train(epochs=1, batch_size=batch_size)


@pytest.mark.parametrize("rate", [0, -0.1, float("nan")])
def test_a_learning_rate_that_is_not_positive_is_refused(rate):
    with pytest.raises(ValueError, match="learning_rate"):
        train(epochs=1, learning_rate=rate)


# ---------------------------------------------------------------- bad input, no side effects


@pytest.mark.parametrize(
    ("sizes", "error", "words"),
    [
        ((64, 0, 10), ValueError, "hidden_size must be at least 1"),
        ((64, -3, 10), ValueError, "hidden_size must be at least 1"),
        ((64, 2.5, 10), TypeError, "hidden_size must be an int"),
        ((64, "50", 10), TypeError, "hidden_size must be an int"),
        ((64.0, 50, 10), TypeError, "input_size must be an int"),
        ((64, 50, True), TypeError, "output_size must be an int"),
    ],
)
def test_sizes_that_are_not_positive_integers_are_refused(sizes, error, words):
    with pytest.raises(error, match=words):
        TwoLayerNet(*sizes)


@pytest.mark.parametrize("std", [0, -0.01, float("nan"), float("inf")])
def test_weight_init_std_must_be_positive(std):
    with pytest.raises(ValueError, match="weight_init_std"):
        TwoLayerNet(5, 4, 3, weight_init_std=std)


def test_bad_data_gets_a_clear_error():
    net = TwoLayerNet(5, 4, 3)
    x, t = small_batch()
    with pytest.raises(ValueError, match=r"x must have shape \(N, 5\)"):
        net.loss(x[:, :4], t)
    with pytest.raises(ValueError, match="x must have shape"):
        net.predict(x[None])
    with pytest.raises(ValueError, match="NaN"):
        net.loss(np.where(x > 0.5, np.nan, x), t)
    with pytest.raises(ValueError, match="NaN"):
        net.gradient(np.where(x > 0.5, np.inf, x), t)
    with pytest.raises(TypeError, match="real numbers"):
        net.predict(x.astype(str))
    with pytest.raises(ValueError, match="labels must be from 0 to 2"):
        net.loss(x, np.array([0, 1, 3, 2]))
    with pytest.raises(ValueError, match="labels must be from 0 to 2"):
        net.accuracy(x, np.array([0, -1, 1, 2]))
    with pytest.raises(ValueError, match="t must be 4 labels or one-hot rows"):
        net.loss(x, t[:3])
    with pytest.raises(ValueError, match="one-hot"):
        net.gradient(x, t * 0.5)
    with pytest.raises(ValueError, match="one-hot"):
        net.numerical_gradient(x, np.ones_like(t))
    with pytest.raises(ValueError, match="labels must be from 0 to 9"):
        one_hot([0, 10])
    with pytest.raises(TypeError, match="integers"):
        one_hot([0.0, 1.0])
    with pytest.raises(ValueError, match="test_size"):
        load_data(test_size=1797)
    with pytest.raises(TypeError, match="test_size"):
        load_data(test_size=0.2)


def test_nothing_is_modified():
    net = TwoLayerNet(5, 4, 3, weight_init_std=0.5)
    x, t = small_batch()
    x_before, t_before = x.copy(), t.copy()
    params_before = {key: value.copy() for key, value in net.params.items()}
    for method in (net.predict, net.loss, net.accuracy, net.gradient, net.numerical_gradient):
        method(x) if method == net.predict else method(x, t)
        assert np.array_equal(x, x_before) and np.array_equal(t, t_before)
        for key in PARAMS:
            assert np.array_equal(net.params[key], params_before[key]), (method, key)
    data = load_data()
    copies = [array.copy() for pair in data for array in pair]
    train(epochs=1, data=data)
    assert all(
        np.array_equal(array, copy)
        for array, copy in zip([a for pair in data for a in pair], copies, strict=True)
    )


def test_integer_inputs_are_accepted_as_floats():
    net = TwoLayerNet(3, 2, 2, weight_init_std=0.5)
    x = np.array([[0, 1, 2], [3, 4, 5]])
    assert net.loss(x, [0, 1]) == net.loss(x.astype(float), [0, 1])


# ---------------------------------------------------------------- reproducible


@pytest.mark.parametrize("module", [digits, two_layer_net, gradient_check, train_neural_net])
def test_reports_are_the_same_every_run(module):
    assert printed(module) == printed(module)


def test_the_same_seed_gives_the_same_network_and_another_seed_another():
    a, b, c = TwoLayerNet(8, 5, 3, seed=4), TwoLayerNet(8, 5, 3, seed=4), TwoLayerNet(8, 5, 3)
    for key in PARAMS:
        assert np.array_equal(a.params[key], b.params[key])
    assert not np.array_equal(a.params["W1"], c.params["W1"])
    generator = np.random.default_rng(4)
    assert np.array_equal(TwoLayerNet(8, 5, 3, seed=generator).params["W1"], a.params["W1"])


# ---------------------------------------------------------------- what the page says


def test_the_digits_are_what_the_page_says():
    raw = load_digits()
    assert raw.data.shape == (1797, 64) and raw.images.shape[1:] == (8, 8)
    assert (raw.data.min(), raw.data.max()) == (0, 16)
    assert np.array_equal(raw.data, np.round(raw.data))  # integers
    description = " ".join(raw.DESCR.split())
    for fact in (
        "Number of Instances: 1797",
        "8x8 image of integer pixels in the range 0..16",
        "a copy of the test set of the UCI ML hand-written digits datasets",
        "Optical+Recognition+of+Handwritten+Digits",
        "32x32 bitmaps are divided into nonoverlapping blocks of 4x4",
        "the number of on pixels are counted in each block",
    ):
        assert fact in description, fact
    (x_train, t_train), (x_test, t_test) = load_data()
    assert x_train.min() == 0 and x_train.max() == 1
    assert np.array_equal(t_train.sum(axis=1), np.ones(len(t_train)))
    rows = len(x_train) + len(x_test)
    assert rows == 1797


def test_the_untrained_network_is_what_the_page_says(checked):
    net = TwoLayerNet(64, 50, 10)
    (x_train, _), _ = load_data()
    # "gives every digit a probability close to one tenth"
    assert np.abs(net.predict(x_train) - 0.1).max() < 0.01
    # "the untrained hidden units all output about 0.5" (the gradient check's network)
    small, _, analytic = checked
    hidden = sigmoid(x_train[:3] @ small.params["W1"] + small.params["b1"])
    assert np.abs(hidden - 0.5).max() < 0.05
    # "the largest gradient for W1 is dozens of times smaller than for W2"
    ratio = np.abs(analytic["W2"]).max() / np.abs(analytic["W1"]).max()
    assert 20 < ratio < 100


def test_the_counts_the_page_gives():
    net = TwoLayerNet(64, 50, 10)
    assert net.parameter_count() == 3760
    assert TwoLayerNet(784, 50, 10).parameter_count() == 784 * 50 + 50 + 50 * 10 + 10 == 39760
    small = TwoLayerNet(64, gradient_check.HIDDEN_SIZE, 10)
    assert 2 * small.parameter_count() == 1520
    assert 2 * 3760 * 15 * train_neural_net.EPOCHS == 5_640_000
    report = printed(train_neural_net).splitlines()
    assert "5,640,000" in report[-1]  # "the last line of the output below"
    assert "15 updates per epoch (the last mini-batch has 37 digits)" in report[1]
    assert "39760 parameters, 79520 loss evaluations" in printed(two_layer_net)
    assert "ln 10 = 2.302585" in printed(two_layer_net)
    rows, columns = digits.draw.__defaults__
    assert rows * columns == 18  # "The first 18 training digits"
    assert (train_neural_net.LEARNING_RATE, train_neural_net.BATCH_SIZE) == (1.0, 100)
    assert (train_neural_net.HIDDEN_SIZE, train_neural_net.EPOCHS) == (50, 50)


NUMBERS = [
    "1,797", "70,000", "60,000", "10,000", "784", "255", "360", "1,437", "0.01", "1,520",
    "7,520", "5,640,000", "39{,}760", "79,520", "600", "0.25", "1.0", "2.30", "37",
    "(60000, 784)", "(60000, 10)", "4e-12", "1e-10",
]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_edition_states_the_same_numbers(language):
    for number in NUMBERS:
        assert number in PAGES[language], f"{language}: {number}"


def test_every_number_in_the_english_prose_is_one_the_tests_check():
    prose = re.sub(r"^```.*?^```$", "", ENGLISH, flags=re.S | re.M)
    prose = re.sub(r"\\\(.*?\\\)|\$\$.*?\$\$|`[^`]*`|\([^()]*\.(?:svg|py|md)\)", "", prose, flags=re.S)
    prose = re.sub(r"\{ *#[\w-]+ *\}", "", prose)
    found = set(re.findall(r"\d[\d,.]*(?:e-\d+)?", prose))
    found = {number.rstrip(".,") for number in found}
    known = {n.replace("{,}", ",") for n in NUMBERS} | {
        # counts and sizes the tests above check, and the steps of the list
        "1", "2", "3", "4", "5", "0", "6", "8", "9", "10", "14", "15", "16", "18", "28", "32",
        "50", "64", "100", "60000", "0.1", "0.2", "0.5", "0.9", "2.3",
    }
    assert found <= known, sorted(found - known)
