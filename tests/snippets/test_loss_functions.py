"""Loss functions, mini-batches, and loss against accuracy: exact values, bad input refused."""

import contextlib
import io
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from loss_functions import (
    TINY,
    Y2,
    T,
    Y,
    book_cross_entropy_error,
    cross_entropy_error,
    mean_squared_error,
    softmax,
)
from matplotlib.figure import Figure
from mini_batch import (
    TRAIN_SIZE,
    batch_losses,
    repeat_chance,
    sample_batch_mask,
    training_outputs,
)

import loss_functions
import loss_vs_accuracy
import mini_batch


def printed(module) -> str:
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        module.report()
    return output.getvalue()


def exact_mse(y, t) -> Fraction:
    """½ Σ (y - t)², in exact rational arithmetic from the decimal values."""
    return sum(
        (Fraction(str(a)) - Fraction(str(b))) ** 2 for a, b in zip(y, t, strict=True)
    ) / 2


# ---------------------------------------------------------------- the book's two examples


def test_mean_squared_error_of_the_books_examples():
    assert exact_mse(Y, T) == Fraction("0.0975")
    assert exact_mse(Y2, T) == Fraction("0.5975")
    assert mean_squared_error(Y, T) == pytest.approx(0.0975, rel=1e-15)
    assert mean_squared_error(Y2, T) == pytest.approx(0.5975, rel=1e-15)


def test_cross_entropy_error_is_minus_log_of_the_correct_probability_exactly():
    # No 1e-7: exactly -log(0.6) and -log(0.1), to the last bit.
    assert cross_entropy_error(Y, T) == -np.log(0.6)
    assert cross_entropy_error(Y2, T) == -np.log(0.1)
    assert cross_entropy_error(Y, 2) == -np.log(0.6)
    assert cross_entropy_error(Y2, [2]) == -np.log(0.1)


def test_the_books_version_is_shifted_by_its_1e_7():
    # What the book prints: 0.51082545709933802 and 2.3025840929945458.
    assert book_cross_entropy_error(Y, T) == pytest.approx(0.51082545709933802, abs=1e-16)
    assert book_cross_entropy_error(Y2, T) == pytest.approx(2.3025840929945458, abs=1e-15)
    # log(p + 1e-7) - log(p) is about 1e-7 / p: the page's "1.7e-7 and 1e-6".
    for p, y in ((0.6, Y), (0.1, Y2)):
        shift = cross_entropy_error(y, T) - book_cross_entropy_error(y, T)
        assert shift == pytest.approx(1e-7 / p, rel=1e-5)


def test_probability_zero_gives_a_large_finite_loss_not_inf():
    assert cross_entropy_error([1.0, 0.0], 1) == -np.log(TINY)
    assert cross_entropy_error([1.0, 0.0], 1) == pytest.approx(708.3964185322641, abs=1e-12)
    assert book_cross_entropy_error([1.0, 0.0], [0, 1]) == pytest.approx(-np.log(1e-7))


def test_mini_batch_of_the_two_examples():
    batch = [Y, Y2]
    assert cross_entropy_error(batch, [2, 2]) == pytest.approx(
        (-np.log(0.6) - np.log(0.1)) / 2, rel=1e-15
    )
    assert cross_entropy_error(batch, [T, T]) == cross_entropy_error(batch, [2, 2])
    assert mean_squared_error(batch, [2, 2]) == pytest.approx(
        float((exact_mse(Y, T) + exact_mse(Y2, T)) / 2), rel=1e-15
    )


def test_report_prints_the_numbers_the_page_states():
    text = printed(loss_functions)
    for line in (
        f"mean_squared_error  = {float(mean_squared_error(Y, T))!r}",
        "y2: mean_squared_error  = 0.5975",
        f"cross_entropy_error = {float(-np.log(0.6))!r}",
        f"cross_entropy_error = {float(-np.log(0.1))!r}",
        "book's, with 1e-7   = 0.510825457099338",
        "book's, with 1e-7   = 2.302584092994546",
        f"cross_entropy_error = {float(-np.log(TINY))!r}",
        "book's, with 1e-7   = 16.11809565095832",
    ):
        assert line in text, line
    assert "np.float64" not in text


# ---------------------------------------------------------------- mini-batches, one-hot, 1-D


probabilities = st.integers(2, 6).flatmap(
    lambda classes: st.integers(1, 8).flatmap(
        lambda batch: st.tuples(
            hnp.arrays(
                np.float64,
                (batch, classes),
                elements=st.floats(-5, 5),
            ).map(softmax),
            hnp.arrays(np.int64, (batch,), elements=st.integers(0, classes - 1)),
        )
    )
)


@given(probabilities)
def test_batch_loss_is_the_mean_of_the_per_example_losses(case):
    y, t = case
    for loss in (cross_entropy_error, mean_squared_error):
        each = [loss(y[n], t[n]) for n in range(len(t))]
        assert loss(y, t) == pytest.approx(np.mean(each), rel=1e-12, abs=1e-300)


@given(probabilities)
def test_one_hot_labels_and_class_indices_give_the_same_loss(case):
    y, t = case
    one_hot = np.eye(y.shape[1])[t]
    for loss in (cross_entropy_error, mean_squared_error):
        assert loss(y, t) == loss(y, one_hot)
        assert loss(y, t) == loss(y, one_hot.astype(int))
        assert loss(y[0], t[0]) == loss(y[0], one_hot[0]) == loss(y[:1], t[:1])


@given(probabilities)
def test_cross_entropy_error_is_the_formula(case):
    y, t = case
    expected = -np.mean(np.log(np.maximum(y[np.arange(len(t)), t], TINY)))
    assert cross_entropy_error(y, t) == pytest.approx(expected, rel=1e-12)
    expected = 0.5 * np.mean(np.sum((y - np.eye(y.shape[1])[t]) ** 2, axis=1))
    assert mean_squared_error(y, t) == pytest.approx(expected, rel=1e-12, abs=1e-300)


def test_inputs_are_not_modified():
    y = np.array([[0.1, 0.0, 0.9], [0.5, 0.5, 0.0]])
    t_index, t_one_hot = np.array([2, 1]), np.array([[0, 0, 1], [0, 1, 0]])
    copies = [a.copy() for a in (y, t_index, t_one_hot)]
    for loss in (cross_entropy_error, mean_squared_error):
        loss(y, t_index)
        loss(y, t_one_hot)
        loss(y[0], 2)
    for array, copy in zip((y, t_index, t_one_hot), copies, strict=True):
        np.testing.assert_array_equal(array, copy)
        assert array.dtype == copy.dtype


def test_integer_and_list_inputs_work():
    assert cross_entropy_error([0, 1], 1) == 0
    assert mean_squared_error([[0, 1], [1, 0]], [1, 1]) == 0.5
    assert cross_entropy_error([0.25, 0.75], np.int8(1)) == -np.log(0.75)
    assert cross_entropy_error([[0.25, 0.75]], [1.0]) == -np.log(0.75)  # whole-number floats


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("y", "t", "error", "message"),
    [
        ([0.5, 0.5], [0.0, 0.0, 1.0], ValueError, "same shape"),
        ([[0.5, 0.5], [0.5, 0.5]], [1], ValueError, r"y has shape \(2, 2\), t has shape \(1,\)"),
        ([[0.5, 0.5], [0.5, 0.5]], [0, 1, 1, 0], ValueError, "same shape"),
        ([0.5, 0.5], 2, ValueError, "from 0 to 1"),
        ([0.5, 0.5], -1, ValueError, "from 0 to 1"),
        ([[0.5, 0.5]], [1.5], ValueError, "whole numbers"),
        ([[0.5, 0.5]], [np.nan], ValueError, "whole numbers"),
        ([[0.5, 0.5]], [np.inf], ValueError, "whole numbers"),
        ([0.5, 0.5], True, ValueError, "whole numbers"),
        ([0.5, 0.5], [1, 1], ValueError, "single 1"),
        ([0.5, 0.5], [0.5, 0.5], ValueError, "single 1"),
        ([[0.5, 0.5], [0.5, 0.5]], [[0, 1], [0, 0]], ValueError, "single 1"),
        ([np.nan, 1.0], 1, ValueError, "NaN"),
        ([np.inf, 1.0], 1, ValueError, "NaN or infinity"),
        ([], 0, ValueError, "not empty"),
        ([[[0.5, 0.5]]], 0, ValueError, "1-D"),
        (["a", "b"], 0, TypeError, "real numbers"),
        ([0.5, 0.5], "1", TypeError, "real numbers"),
        ([0.5 + 0j, 0.5], 0, TypeError, "real numbers"),
    ],
)
@pytest.mark.parametrize("loss", [cross_entropy_error, mean_squared_error])
def test_bad_input_is_refused_with_a_clear_message(loss, y, t, error, message):
    with pytest.raises(error, match=message):
        loss(y, t)


@pytest.mark.parametrize("y", [[-0.1, 1.1], [1.5, 0.0]])
def test_cross_entropy_error_refuses_what_is_not_a_probability(y):
    with pytest.raises(ValueError, match="probabilities, between 0 and 1"):
        cross_entropy_error(y, 1)
    mean_squared_error(y, 1)  # a squared error is defined for any real output


# ---------------------------------------------------------------- sampling a mini-batch


def test_sampling_is_reproducible_and_draws_distinct_indices():
    first = sample_batch_mask(TRAIN_SIZE, 100, np.random.default_rng(7))
    again = sample_batch_mask(TRAIN_SIZE, 100, np.random.default_rng(7))
    other = sample_batch_mask(TRAIN_SIZE, 100, np.random.default_rng(8))
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first, other)
    assert len(set(first.tolist())) == 100
    assert first.min() >= 0 and first.max() < TRAIN_SIZE
    whole = sample_batch_mask(5, 5, np.random.default_rng(0))
    assert sorted(whole.tolist()) == [0, 1, 2, 3, 4]


def test_sampling_leaves_numpys_global_generator_alone():
    before = np.random.get_state()[1].copy()
    sample_batch_mask(10, 3, np.random.default_rng(0))
    np.testing.assert_array_equal(np.random.get_state()[1], before)


@pytest.mark.parametrize(
    ("train_size", "batch_size", "error", "message"),
    [
        (10, 11, ValueError, "batch_size must be from 1 to train_size = 10, got 11"),
        (10, 0, ValueError, "from 1 to"),
        (10, -3, ValueError, "from 1 to"),
        (0, 1, ValueError, "from 1 to"),
        (10, 2.0, TypeError, "batch_size must be a whole number"),
        (10, True, TypeError, "batch_size must be a whole number"),
        (10.5, 2, TypeError, "train_size must be a whole number"),
    ],
)
def test_sampling_refuses_bad_sizes(train_size, batch_size, error, message):
    with pytest.raises(error, match=message):
        sample_batch_mask(train_size, batch_size, np.random.default_rng(0))


@pytest.mark.parametrize("rng", [None, 0, np.random.RandomState(0)])
def test_sampling_needs_a_generator(rng):
    with pytest.raises(TypeError, match="numpy Generator"):
        sample_batch_mask(10, 3, rng)


def test_repeat_chance_is_the_exact_product():
    exact = 1 - np.prod([Fraction(TRAIN_SIZE - i, TRAIN_SIZE) for i in range(100)])
    assert repeat_chance(TRAIN_SIZE, 100) == pytest.approx(float(exact), rel=1e-12)
    assert f"{float(exact):.4f}" == "0.0792"
    assert repeat_chance(TRAIN_SIZE, 1) == 0
    assert repeat_chance(2, 3) == 1  # three draws from two examples must repeat


def test_mini_batch_losses_scatter_around_the_whole_sets_loss():
    full = cross_entropy_error(*training_outputs())
    small, large = batch_losses(10), batch_losses(100)
    # Both are unbiased estimates: their means are close to the whole set's loss.
    for losses in (small, large):
        assert abs(losses.mean() - full) < 3 * losses.std() / np.sqrt(len(losses))
    # The spread shrinks about as 1 / sqrt(batch size): sqrt(10) = 3.16.
    assert 2.8 < small.std() / large.std() < 3.6
    text = printed(mini_batch)
    assert f"loss over all 60,000 examples: {full:.4f}" in text
    assert f"ratio of the standard deviations: {small.std() / large.std():.2f}" in text
    assert "repeats an example: 0.0792" in text


def test_mini_batch_report_is_the_same_every_time():
    assert printed(mini_batch) == printed(mini_batch)


# ---------------------------------------------------------------- loss against accuracy


def test_accuracy_is_a_staircase_and_the_loss_is_smooth():
    x, t = loss_vs_accuracy.toy_data()
    weights = loss_vs_accuracy.WEIGHTS
    loss, acc = loss_vs_accuracy.sweep(weights, x, t)
    # The accuracy counts correct examples: a multiple of 1/30.
    np.testing.assert_allclose(acc * 30, np.round(acc * 30), atol=1e-12)
    assert np.count_nonzero(np.diff(acc)) == 19
    # The loss's derivative is x0 * (y0 - t0), averaged: numerical and exact agree.
    for w in weights[::50]:
        W = loss_vs_accuracy.W.copy()
        W[0, 0] = w
        y = softmax(x @ W)
        exact = np.mean(x[:, 0] * (y[:, 0] - (t == 0)))
        h = 1e-5
        numeric = (
            loss_vs_accuracy.loss_and_accuracy(w + h, x, t)[0]
            - loss_vs_accuracy.loss_and_accuracy(w - h, x, t)[0]
        ) / (2 * h)
        assert numeric == pytest.approx(exact, abs=1e-8)
        assert exact != 0


def test_loss_vs_accuracy_report_states_what_the_page_says():
    text = printed(loss_vs_accuracy)
    for line in (
        "smallest loss 0.3307 at W[0, 0] = -1.92, accuracy there 0.8667",
        "highest accuracy 0.8667 for W[0, 0] from -2.38 to -0.25",
        "accuracy changes 19 times between neighbouring values, of 700",
        "of the accuracy: 0 at 700 values; at the other 1, 166.67 or more",
        "of the loss:     0 at 0 values",
    ):
        assert line in text, line
    # One example more or less, over 2h: (1 / 30) / (2 * 1e-4).
    assert f"{1 / 30 / (2 * 1e-4):.2f}" == "166.67"


def test_accuracy_refuses_bad_labels():
    with pytest.raises(ValueError, match="from 0 to 2"):
        loss_vs_accuracy.accuracy([[0.2, 0.3, 0.5]], [3])


@pytest.mark.parametrize("module", [loss_functions, mini_batch, loss_vs_accuracy])
def test_figures_fit_a_phone(module):
    fig = module.draw()
    assert isinstance(fig, Figure)
    assert fig.get_layout_engine() is not None
    width, height = fig.get_size_inches()
    assert width <= 5
    if len(fig.axes) > 1:  # panels are stacked, one above the other
        boxes = [ax.get_position() for ax in fig.axes]
        assert len({round(box.x0, 3) for box in boxes}) == 1


def test_each_examples_predicted_class_changes_at_most_once_along_the_sweep():
    """So the accuracy has at most 30 jumps, as the page says."""
    x, t = loss_vs_accuracy.toy_data()
    changes = np.zeros(len(t), dtype=int)
    previous = None
    for w in loss_vs_accuracy.WEIGHTS:
        W = loss_vs_accuracy.W.copy()
        W[0, 0] = w
        predicted = np.argmax(x @ W, axis=1)
        if previous is not None:
            changes += predicted != previous
        previous = predicted
    assert changes.max() <= 1
    assert len(t) == 30
